import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PORTAL_COPY } from '../../src/modules/portal/portal.copy.js';
import { PORTAL_COOKIE } from '../../src/platform/http/auth-plugin.js';
import { buildStaff, createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';
import { setSmsGateway } from './portal-support.js';

/**
 * Issue 5 §2: the page at `/portal` is server-rendered in Arabic (English on request), light, never
 * cached, under a CSP without inline scripts; without an SMS gateway it sends families to reception.
 */
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe(`the portal page (issue 5 §2) [${ENGINE}]`, () => {
  it('shows the sign-in form in Arabic, right to left, never cached, with no inline script allowed', async () => {
    setSmsGateway(t, true);
    const response = await t.app.inject({ method: 'GET', url: '/portal' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(response.body).toContain('<html lang="ar" dir="rtl">');
    expect(response.body).toContain(PORTAL_COPY.ar.nationalIdLabel);
    expect(response.body).toContain('id="start-form"');
  });

  it('switches to English with ?lang=en and remembers it', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/portal?lang=en' });
    expect(response.body).toContain('<html lang="en" dir="ltr">');
    const cookie = response.cookies.find((c) => c.name === 'sila_lang');
    expect(cookie?.value).toBe('en');
    const again = await t.app.inject({ method: 'GET', url: '/portal', cookies: { sila_lang: 'en' } });
    expect(again.body).toContain(PORTAL_COPY.en.sendCode);
  });

  it('without an SMS gateway sends families to reception', async () => {
    setSmsGateway(t, false);
    const response = await t.app.inject({ method: 'GET', url: '/portal' });
    expect(response.body).toContain(PORTAL_COPY.ar.unavailableTitle);
    expect(response.body).not.toContain('id="start-form"');
    setSmsGateway(t, true);
  });

  it('a staff session or an unknown portal cookie still gets the sign-in form', async () => {
    const staff = await sessionFor(t, await buildStaff(t, { roles: ['reception'] }));
    const asStaff = await t.app.inject({ method: 'GET', url: '/portal', cookies: { [PORTAL_COOKIE]: staff.cookie } });
    expect(asStaff.body).toContain('id="start-form"');
    expect(asStaff.body).not.toContain('sila-csrf');
    const unknown = await t.app.inject({ method: 'GET', url: '/portal', cookies: { [PORTAL_COOKIE]: 'no-such-session' } });
    expect(unknown.body).toContain('id="start-form"');
  });

  it('the portal API is in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const path of ['/api/v1/portal/sign-in/start', '/api/v1/portal/sign-in/verify', '/api/v1/portal/requests/{id}/attestation/verify'])
      expect(Object.keys(doc.paths), path).toContain(path);
    expect(doc.paths['/api/v1/portal/sign-in/start'].post.responses['202']).toBeDefined();
  });
});
