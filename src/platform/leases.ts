import type { Kysely } from 'kysely';
import type { Database } from './db/schema.js';

/**
 * A lease row lets one instance at a time run a background job (ARCHITECTURE.md "Background
 * work"): whoever holds an unexpired lease keeps it by renewing; anyone may take an expired one.
 */
export async function tryAcquireLease(
  db: Kysely<Database>,
  { name, holder, ttlMs, now }: { name: string; holder: string; ttlMs: number; now: Date },
): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  await db
    .insertInto('leases')
    .values({ name, holder: null, expires_at: new Date(0).toISOString() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const result = await db
    .updateTable('leases')
    .set({ holder, expires_at: expiresAt })
    .where('name', '=', name)
    .where((eb) => eb.or([eb('holder', '=', holder), eb('expires_at', '<', now.toISOString()), eb('holder', 'is', null)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function releaseLease(db: Kysely<Database>, { name, holder }: { name: string; holder: string }): Promise<void> {
  await db
    .updateTable('leases')
    .set({ holder: null, expires_at: new Date(0).toISOString() })
    .where('name', '=', name)
    .where('holder', '=', holder)
    .execute();
}
