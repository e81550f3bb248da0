import { defineConfig } from 'vitest/config';

// Three tiers (STYLE.md 8): unit (pure logic), integration on SQLite and on PostgreSQL.
// The PostgreSQL project needs SILA_TEST_PG_URL (scripts/test-all.sh starts a throwaway server).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts', 'src/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'integration-sqlite',
          include: ['tests/integration/**/*.test.ts'],
          env: { SILA_TEST_ENGINE: 'sqlite' },
          // Migrates a template database once; each test app copies it (tests/integration/global-setup.ts).
          globalSetup: ['tests/integration/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration-postgres',
          include: ['tests/integration/**/*.test.ts'],
          env: { SILA_TEST_ENGINE: 'postgres' },
          globalSetup: ['tests/integration/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Each file gets its own database; two at a time keeps a small machine responsive.
          maxWorkers: 2,
          // Its own group: Vitest runs projects with different worker counts one group at a time.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
