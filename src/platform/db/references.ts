import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * The next reference of a series (FAM-2026-000123, CMP-2026-000123, INQ-…), inside the caller's
 * transaction: a counter per series and year, at least six digits, growing as needed.
 * Shared by every module that numbers records people quote (ARCHITECTURE.md "Identifiers").
 */
export async function nextReference(db: Kysely<Database>, series: string, year: number): Promise<string> {
  const name = `${series}-${year}`;
  await db
    .insertInto('counters')
    .values({ name, value: 0 })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', name)
    .returning('value')
    .executeTakeFirstOrThrow();
  return `${series}-${year}-${String(row.value).padStart(6, '0')}`;
}
