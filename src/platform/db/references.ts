import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { Database } from './schema.js';

/**
 * On PostgreSQL, numbers are taken on a connection of their own, one statement each, committed
 * without waiting for the disk (synchronous_commit off). Taken inside the caller's transaction, the
 * series' counter row stayed locked until that transaction's commit, so every public complaint
 * waited for the one before it to reach the disk: 62 a second at 50 connections (issue 7). A number
 * whose transaction then fails is skipped, as a sequence's would be; the caller's own commit flushes
 * the log past the counter's, so after a crash no stored record's number is handed out again.
 * SQLite has one writer anyway: there the counter stays in the caller's transaction, gapless.
 */
const allocators = new WeakMap<Kysely<Database>, pg.Pool>();

/** Registers the one-connection pool that numbers references for `db` (openDatabase, PostgreSQL). */
export function registerReferenceAllocator(db: Kysely<Database>, pool: pg.Pool): void {
  allocators.set(db, pool);
}

/**
 * The next reference of a series (FAM-2026-000123, CMP-2026-000123, INQ-…): a counter per series
 * and year, at least six digits, growing as needed. `root` is the application's database, `trx` the
 * caller's transaction. Shared by every module that numbers records people quote (ARCHITECTURE.md
 * "Identifiers").
 */
export async function nextReference(
  { root, trx }: { root: Kysely<Database>; trx: Kysely<Database> },
  series: string,
  year: number,
): Promise<string> {
  const name = `${series}-${year}`;
  const allocator = allocators.get(root);
  let value: number;
  if (allocator) {
    const { rows } = await allocator.query<{ value: number }>(
      'insert into counters (name, value) values ($1, 1) on conflict (name) do update set value = counters.value + 1 returning value',
      [name],
    );
    value = Number(rows[0]?.value);
  } else {
    await trx
      .insertInto('counters')
      .values({ name, value: 0 })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const row = await trx
      .updateTable('counters')
      .set((eb) => ({ value: eb('value', '+', 1) }))
      .where('name', '=', name)
      .returning('value')
      .executeTakeFirstOrThrow();
    value = Number(row.value);
  }
  return `${series}-${year}-${String(value).padStart(6, '0')}`;
}
