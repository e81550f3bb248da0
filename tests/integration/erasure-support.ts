import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { TestApp } from './harness.js';

/**
 * Issue 25 §5 (F2): does the database still hold this text anywhere — the SQLite file after a WAL
 * checkpoint (free pages included), or every table of PostgreSQL — as the registry's plaintext test does.
 */
export async function databaseHolds(t: TestApp, needle: string): Promise<boolean> {
  if (t.engine === 'sqlite') {
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(t.ctx.db);
    return readFileSync(path.join(t.dataDir, 'sila.db')).includes(Buffer.from(needle));
  }
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables where table_schema = current_schema()`.execute(t.ctx.db);
  for (const { table_name } of tables.rows) {
    const rows = await sql`select * from ${sql.table(table_name)}`.execute(t.ctx.db);
    if (JSON.stringify(rows.rows).includes(needle)) return true;
  }
  return false;
}
