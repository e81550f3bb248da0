import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/platform/http/auth-plugin.js';
import { buildRequest, buildRequestType, buildStaff } from './factories.js';
import { createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';

/**
 * Issue 27 §8: the public pages at full marks — an icon in the forms browsers ask for, pages and
 * assets compressed with Brotli or gzip, a year's immutable caching for hashed assets and none for
 * pages, and a description on every public page. A built browser app is stood in for by a small
 * folder shaped like vite's output (manifest, hashed CSS/JS, a font).
 */
const CSS = `/* ${'.card{padding:1rem;border:1px solid #d8e0e4}\n'.repeat(80)} */`;
const JS = `export const words = ${JSON.stringify(Array.from({ length: 200 }, (_, i) => `word-${i}`))};\n`;
const FONT = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));

function fakeWebDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sila-web-'));
  mkdirSync(path.join(dir, '.vite'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'assets', 'public-Ab12Cd34.css'), CSS);
  writeFileSync(path.join(dir, 'assets', 'public-Ef56Gh78.js'), JS);
  writeFileSync(path.join(dir, 'assets', 'plex-arabic-Ij90Kl12.woff2'), FONT);
  writeFileSync(path.join(dir, 'staff.html'), '<!doctype html><html lang="ar" dir="rtl"><head><title>صلة</title></head></html>');
  const entry = { file: 'assets/public-Ef56Gh78.js', css: ['assets/public-Ab12Cd34.css'], isEntry: true };
  const manifest = { 'public/public.ts': entry, 'portal/portal.ts': entry, 'complaints-public/main.ts': entry };
  writeFileSync(path.join(dir, '.vite', 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

let t: TestApp;
let webDir: string;

beforeAll(async () => {
  webDir = fakeWebDir();
  t = await createTestApp({ webDir });
});
afterAll(async () => {
  await t.close();
  rmSync(webDir, { recursive: true, force: true });
});

const PUBLIC_PAGES = ['/', '/complaints/new', '/complaints/track', '/portal', '/contact'];

describe(`public pages at full marks (issue 27 §8) [${ENGINE}]`, () => {
  it('the favicon answers 200 with an image type in each form browsers ask for, and every page links it', async () => {
    for (const [url, type] of [
      ['/favicon.ico', 'image/x-icon'],
      ['/favicon.svg', 'image/svg+xml'],
      ['/apple-touch-icon.png', 'image/png'],
    ]) {
      const response = await t.app.inject({ method: 'GET', url: url as string });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type'], url).toContain(type);
      expect(response.rawPayload.length, url).toBeGreaterThan(100);
    }
    const ico = (await t.app.inject({ method: 'GET', url: '/favicon.ico' })).rawPayload;
    expect([...ico.subarray(0, 4)]).toEqual([0, 0, 1, 0]); // an ICO header
    expect(ico.subarray(22, 26).toString('latin1')).toBe('\x89PNG'); // holding a PNG image
    const link = '<link rel="icon" href="/favicon.svg" type="image/svg+xml"';
    for (const url of PUBLIC_PAGES) expect((await t.app.inject({ method: 'GET', url })).body, url).toContain(link);
    // The staff app's page is vite's copy of src/web/staff.html.
    expect(readFileSync('src/web/staff.html', 'utf8')).toContain(link);
  });

  it('a page asked for with accept-encoding br or gzip comes back compressed; without it, plain', async () => {
    const br = await t.app.inject({ method: 'GET', url: '/complaints/new', headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toContain('accept-encoding');
    const fromBr = brotliDecompressSync(br.rawPayload).toString('utf8');
    expect(fromBr).toContain('<html lang="ar" dir="rtl">');
    const gzip = await t.app.inject({ method: 'GET', url: '/', headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString('utf8')).toContain('<meta name="description"');
    const plain = await t.app.inject({ method: 'GET', url: '/' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toContain('<html lang="ar" dir="rtl">');
  });

  it('hashed CSS and JS are compressed and cached a year, immutable; a font (already compressed) is sent as it is', async () => {
    for (const [url, source, type] of [
      ['/assets/public-Ab12Cd34.css', CSS, 'text/css'],
      ['/assets/public-Ef56Gh78.js', JS, 'javascript'],
    ]) {
      const response = await t.app.inject({ method: 'GET', url: url as string, headers: { 'accept-encoding': 'br' } });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type'], url).toContain(type);
      expect(response.headers['cache-control'], url).toBe('public, max-age=31536000, immutable');
      expect(response.headers['content-encoding'], url).toBe('br');
      expect(brotliDecompressSync(response.rawPayload).toString('utf8'), url).toBe(source);
    }
    const font = await t.app.inject({
      method: 'GET',
      url: '/assets/plex-arabic-Ij90Kl12.woff2',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(font.statusCode).toBe(200);
    expect(font.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(font.headers['content-encoding']).toBeUndefined();
    expect(Buffer.compare(font.rawPayload, FONT)).toBe(0);
  });

  it('pages are revalidated every time (no-cache, or no-store where a family signs in)', async () => {
    for (const url of PUBLIC_PAGES) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.headers['cache-control'], url).toBe(url === '/portal' ? 'no-store' : 'no-cache');
    }
  });

  it('each public page has a meta description in its language', async () => {
    for (const url of PUBLIC_PAGES) {
      for (const lang of ['ar', 'en'] as const) {
        const response = await t.app.inject({ method: 'GET', url: `${url}?lang=${lang}` });
        expect(response.statusCode, url).toBe(200);
        const description = /<meta name="description" content="([^"]+)">/.exec(response.body)?.[1] ?? '';
        expect(description.length, `${url} ${lang}`).toBeGreaterThan(40);
        // Arabic on the Arabic page, no Arabic letters on the English one.
        expect(/[\u0600-\u06ff]/.test(description), `${url} ${lang}: ${description}`).toBe(lang === 'ar');
      }
    }
  });

  it('an .xlsx download (a compressed format) stays an attachment and is not compressed again', async () => {
    const reception = await sessionFor(t, await buildStaff(t, { roles: ['reception'] }));
    const typeCode = (await buildRequestType(t)).code;
    const request = await buildRequest(t, { by: reception, typeCode });
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/requests/export',
      cookies: { [SESSION_COOKIE]: reception.cookie },
      headers: { 'x-csrf-token': reception.csrf, 'content-type': 'application/json', 'accept-encoding': 'br, gzip' },
      payload: JSON.stringify({ ids: [request.id] }),
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-disposition']).toMatch(/^attachment; /);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK'); // the .xlsx zip itself
  });
});
