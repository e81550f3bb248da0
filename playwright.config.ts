import { defineConfig } from '@playwright/test';

/**
 * Playwright journeys in Debian's Chromium (never a downloaded browser). Each spec file starts its
 * own Sila server on a free port with a fresh SQLite database (tests/e2e/support/sila.ts); the
 * browser app must be built first (`npm run build:web`).
 */
export default defineConfig({
  testDir: 'tests/e2e',
  // Screenshots for people to look at are taken only when asked (tests/e2e/support/shots.ts), in every
  // journey and in the screenshots spec: SILA_SHOTS=/tmp/sila-shots npx playwright test
  testIgnore: process.env.SILA_SHOTS ? [] : ['**/screenshots.spec.ts'],
  outputDir: 'test-results/e2e-artifacts',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  // The longest journeys (a committee of three voting, registration with search) took 1.8–2.1 min at
  // a load of 10–11 on the shared host, finishing their last step past a 2-minute limit. (No journey
  // waits for a TOTP step any more: a second code is the next step's, inside the server's window.)
  timeout: 180_000,
  // Generous: the journeys share a machine with builds and other suites.
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-dev-shm-usage',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
      ],
    },
    viewport: { width: 1280, height: 800 },
    locale: 'ar-SA',
    timezoneId: 'Asia/Riyadh',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
