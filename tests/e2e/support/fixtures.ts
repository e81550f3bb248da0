import { test as base, expect } from '@playwright/test';
import { type SilaServer, startSila } from './sila.js';

let server: SilaServer | null = null;

/**
 * `test` whose pages open the Sila server of the current spec file. Call `serveSilaForThisFile()` once at
 * the top of a spec: it starts a server with a fresh database before the file's tests and stops it after.
 */
export const test = base.extend<{ sila: SilaServer }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern
  sila: async ({}, use) => {
    if (!server) throw new Error('Call serveSilaForThisFile() in this spec file');
    await use(server);
  },
  // biome-ignore lint/correctness/noEmptyPattern: as above
  baseURL: async ({}, use) => use(server?.url),
});

export function serveSilaForThisFile(): void {
  test.describe.configure({ mode: 'serial' });
  test.beforeAll(async () => {
    server = await startSila();
  });
  test.afterAll(async () => {
    await server?.close();
    server = null;
  });
}

export { expect };
