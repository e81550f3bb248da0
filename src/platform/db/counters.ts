import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * Adds `by` to a named counter and answers its new value, creating it at `by` — one upsert on both
 * engines. References, the calendar's revision and the request worklist counters all count this way.
 */
export async function incrementCounter(db: Kysely<Database>, name: string, by = 1): Promise<number> {
  const row = await db
    .insertInto('counters')
    .values({ name, value: by })
    .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ value: eb('counters.value', '+', by) })))
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}
