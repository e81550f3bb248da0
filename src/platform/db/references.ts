import type { Kysely } from 'kysely';
import { incrementCounter } from './counters.js';
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
const allocators = new WeakMap<Kysely<Database>, Kysely<Database>>();

/** Registers the one-connection database that numbers references for `db` (openDatabase, PostgreSQL). */
export function registerReferenceAllocator(db: Kysely<Database>, numbering: Kysely<Database>): void {
  allocators.set(db, numbering);
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
  const value = await incrementCounter(allocators.get(root) ?? trx, `${series}-${year}`);
  return `${series}-${year}-${String(value).padStart(6, '0')}`;
}
