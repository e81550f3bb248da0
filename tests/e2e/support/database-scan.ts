import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { AppContext } from '../../../src/platform/context.js';

/**
 * Issue 25 §5 (F2): does the e2e server's SQLite file still hold this text anywhere — live rows, the
 * search index, free pages — once the WAL is folded into it? The journeys' twin of
 * tests/integration/erasure-support.ts (which takes the vitest harness's app, so it is not imported here).
 */
export async function sqliteFileHolds(ctx: AppContext, needle: string): Promise<boolean> {
  const database = ctx.config.database;
  if (database.engine !== 'sqlite') throw new Error('The journeys run on an SQLite file');
  await sql`pragma wal_checkpoint(TRUNCATE)`.execute(ctx.db);
  return readFileSync(database.file).includes(Buffer.from(needle, 'utf8'));
}
