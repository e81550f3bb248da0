import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime } from '../../src/platform/bootstrap.js';
import { loadConfig } from '../../src/platform/config.js';
import type { DB } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { nextReference } from '../../src/platform/db/references.js';
import { createTestApp, createTestDatabase, ENGINE, type TestApp } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe(`database engine [${ENGINE}]`, () => {
  it('runs the one migration history at start-up, and again is a no-op', async () => {
    const rows = await t.ctx.db
      .selectFrom('sila_migrations' as never)
      .select(sql<string>`name`.as('name'))
      .execute();
    expect(rows.map((r) => r.name)).toContain('0001-foundation');
    expect(await migrateToLatest(t.ctx.db)).toEqual([]);
  });

  it('a test database copied from the migrated template is what a fresh migration gives: schema, seeded rows, nothing pending', async () => {
    const copied = await createTestDatabase({ migrated: true });
    const fresh = await createTestDatabase();
    const logs: string[] = [];
    const copy = await startRuntime(loadConfig(copied.env), { log: (m) => logs.push(m) });
    const migrated = await startRuntime(loadConfig(fresh.env), { log: () => {} });
    try {
      expect(logs.filter((m) => m.startsWith('Applied migrations'))).toEqual([]);
      expect(await shapeOf(copy.ctx.db)).toEqual(await shapeOf(migrated.ctx.db));
    } finally {
      await copy.close();
      await migrated.close();
      await copied.drop();
      await fresh.drop();
    }
  });

  it('enforces foreign keys', async () => {
    await expect(t.ctx.db.insertInto('staff_roles').values({ user_id: 'no-such-user', role: 'reception' }).execute()).rejects.toThrow();
  });

  it('seeds Harif’s categories, domains and offices once', async () => {
    const offices = await t.ctx.db.selectFrom('offices').select('code').execute();
    expect(offices.map((o) => o.code).sort()).toEqual(['ahsa', 'dammam', 'jubail', 'khobar', 'qatif']);
  });
});

describe(`connections [${ENGINE}]`, () => {
  it.runIf(ENGINE === 'postgres')(
    'X3: PostgreSQL ending the idle connections (a restart, an administrator) does not stop Sila; the next queries reconnect',
    async () => {
      const take = () => t.ctx.db.transaction().execute((trx) => nextReference({ root: t.ctx.db, trx }, 'IDLE', 2026));
      // Idle clients in both pools: the application's (several at once) and the numbering one.
      await Promise.all(Array.from({ length: 4 }, () => sql`select pg_sleep(0.05)`.execute(t.ctx.db)));
      expect(await take()).toBe('IDLE-2026-000001');
      const warnings: string[] = [];
      const onWarning = (warning: Error) => warnings.push(warning.message);
      process.on('warning', onWarning);
      try {
        const ended = await sql<{ n: number }>`
          select count(*)::int as n from (
            select pg_terminate_backend(pid) from pg_stat_activity
            where datname = current_database() and pid <> pg_backend_pid()
          ) terminated`.execute(t.ctx.db);
        const n = ended.rows[0]?.n ?? 0;
        expect(n).toBeGreaterThanOrEqual(2);
        // Each ended client is reported once; without a listener on each pool, the first of these
        // errors was thrown and ended the process.
        await expect.poll(() => warnings.length, { timeout: 5000 }).toBe(n);
        expect(warnings[0]).toMatch(/idle PostgreSQL connection was closed \(57P01/);
      } finally {
        process.off('warning', onWarning);
      }
      const rows = await Promise.all(Array.from({ length: 4 }, () => sql<{ one: number }>`select 1 as one`.execute(t.ctx.db)));
      expect(rows.map((r) => r.rows[0]?.one)).toEqual([1, 1, 1, 1]);
      expect(await take()).toBe('IDLE-2026-000002');
    },
  );
});

/** The schema and every seeded row (timestamps left out: a migration stamps the time it ran). */
async function shapeOf(db: DB): Promise<unknown> {
  const schema =
    ENGINE === 'sqlite'
      ? await sql`select type, name, tbl_name, sql from sqlite_master order by type, name`.execute(db)
      : await sql`
          select table_name, column_name, data_type, is_nullable, column_default from information_schema.columns
          where table_schema = 'public' order by table_name, column_name`.execute(db);
  const indexes =
    ENGINE === 'sqlite'
      ? { rows: [] }
      : await sql`select indexname, indexdef from pg_indexes where schemaname = 'public' order by indexname`.execute(db);
  const seeded: Record<string, unknown[]> = {};
  for (const table of [
    'categories',
    'domains',
    'offices',
    'committees',
    'audit_seal',
    'counters',
    'settings',
    'sila_migrations',
  ] as const) {
    const rows = await db
      .selectFrom(table as 'offices')
      .selectAll()
      .execute();
    seeded[table] = rows
      .map(({ created_at: _c, updated_at: _u, timestamp: _t, ...rest }: Record<string, unknown>) => rest)
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  }
  return { schema: schema.rows, indexes: indexes.rows, seeded };
}
