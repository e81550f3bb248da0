import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { entryAssets } from '../../src/platform/http/web-assets.js';

/**
 * Vite moves a stylesheet two entries import (the complaint form's, imported by the consent page too)
 * into their shared chunk: a public page must link it from there, or its form is unstyled.
 */
const dir = mkdtempSync(path.join(tmpdir(), 'sila-assets-'));
mkdirSync(path.join(dir, '.vite'));
writeFileSync(
  path.join(dir, '.vite', 'manifest.json'),
  JSON.stringify({
    'complaints-public/main.ts': {
      file: 'assets/main-A1.js',
      css: ['assets/public-B2.css'],
      imports: ['_copy-C3.js', '_ids-D4.js'],
      isEntry: true,
    },
    'consent-public/consent.ts': { file: 'assets/consent-E5.js', css: ['assets/public-B2.css'], imports: ['_copy-C3.js'], isEntry: true },
    '_copy-C3.js': { file: 'assets/copy-C3.js', css: ['assets/copy-F6.css'], imports: ['_ids-D4.js'] },
    '_ids-D4.js': { file: 'assets/ids-D4.js' },
  }),
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a public entry’s built files', () => {
  it('links its own stylesheet and those of the chunks it imports, once each', () => {
    expect(entryAssets(dir, 'complaints-public/main.ts')).toEqual({
      css: ['/assets/copy-F6.css', '/assets/public-B2.css'],
      scripts: ['/assets/main-A1.js'],
    });
    expect(entryAssets(dir, 'consent-public/consent.ts').css).toContain('/assets/copy-F6.css');
  });

  it('has nothing to link without a build or for an unknown entry', () => {
    expect(entryAssets(undefined, 'complaints-public/main.ts')).toEqual({ css: [], scripts: [] });
    expect(entryAssets(dir, 'nowhere.ts')).toEqual({ css: [], scripts: [] });
  });
});
