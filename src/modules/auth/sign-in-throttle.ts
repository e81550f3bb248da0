import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

/**
 * Sign-in throttling kept in the database so every instance shares it (ARCHITECTURE.md
 * "Throttling"). Keys are per account name (known or not, so the answer never tells which) and
 * per address (hashed: an address is personal data).
 */
export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const THROTTLE_LOCK_MS = 15 * 60_000;
const LIMITS = { account: 5, address: 20 } as const;

export function accountKey(username: string): string {
  return `account:${username.trim().toLowerCase()}`;
}

export function addressKey(address: string): string {
  return `address:${createHash('sha256').update(address).digest('hex').slice(0, 32)}`;
}

/** Milliseconds until the first of the keys unlocks, or 0 when none is locked. */
export async function lockedFor(db: Kysely<Database>, keys: string[], now: Date): Promise<number> {
  const rows = await db.selectFrom('sign_in_throttle').selectAll().where('key', 'in', keys).execute();
  return Math.max(0, ...rows.map((r) => (r.locked_until ? Date.parse(r.locked_until) - now.getTime() : 0)));
}

/** Counts one failure (or, for the portal, one code sent); `limit` in the window locks the key. */
export async function recordFailure(
  db: Kysely<Database>,
  key: string,
  now: Date,
  limit: number = key.startsWith('account:') ? LIMITS.account : LIMITS.address,
): Promise<void> {
  const row = await db.selectFrom('sign_in_throttle').selectAll().where('key', '=', key).executeTakeFirst();
  const isFreshWindow = !row || now.getTime() - Date.parse(row.window_started_at) >= THROTTLE_WINDOW_MS;
  const failures = isFreshWindow ? 1 : row.failures + 1;
  const lockedUntil = failures >= limit ? new Date(now.getTime() + THROTTLE_LOCK_MS).toISOString() : null;
  const values = {
    failures: failures >= limit ? 0 : failures,
    window_started_at: isFreshWindow ? now.toISOString() : row.window_started_at,
    locked_until: lockedUntil ?? (row?.locked_until && Date.parse(row.locked_until) > now.getTime() ? row.locked_until : null),
  };
  if (row) await db.updateTable('sign_in_throttle').set(values).where('key', '=', key).execute();
  else
    await db
      .insertInto('sign_in_throttle')
      .values({ key, ...values })
      .onConflict((oc) => oc.column('key').doUpdateSet(values))
      .execute();
}

export async function clearFailures(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('sign_in_throttle').where('key', '=', key).execute();
}
