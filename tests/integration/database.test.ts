import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { createTestApp, ENGINE, type TestApp } from './harness.js';

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

  it('enforces foreign keys', async () => {
    await expect(t.ctx.db.insertInto('staff_roles').values({ user_id: 'no-such-user', role: 'reception' }).execute()).rejects.toThrow();
  });

  it('seeds Harif’s categories, domains and offices once', async () => {
    const offices = await t.ctx.db.selectFrom('offices').select('code').execute();
    expect(offices.map((o) => o.code).sort()).toEqual(['ahsa', 'dammam', 'jubail', 'khobar', 'qatif']);
  });
});
