import { timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Keys } from '../../platform/crypto/keys.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/app-error.js';
import type { ConsentState } from './families.consent.js';

/** Withdrawal links (issue 20 §3, F2): the `/consent#TOKEN` every bulk message carries. */
type Db = Kysely<Database>;

/**
 * A withdrawal link's token is stateless: the id of the family's latest consent entry for the
 * purpose (16 bytes, which names the family and the purpose) followed by the first 12 bytes of its
 * HMAC-SHA256 under the index key (96 bits), in base64url — 38 characters. Nothing is written when a
 * bulk send makes 100,000 links; a forged or altered token fails the HMAC; and a link works once,
 * because after the withdrawal its entry is no longer the latest. Links made before a rotation of
 * the index key work while the old key is still configured.
 */
const MAC_BYTES = 12;
const macInput = (entryId: string) => `consent-link:${entryId}`;
const macOf = (indexed: string) => Buffer.from(indexed.slice(indexed.indexOf(':') + 1), 'hex').subarray(0, MAC_BYTES);

export function consentLinkToken(keys: Keys, entryId: string): string {
  const id = Buffer.from(entryId.replace(/-/g, ''), 'hex');
  return Buffer.concat([id, macOf(keys.indexer.index(macInput(entryId)))]).toString('base64url');
}

/** The consent entry a token names, or null for anything forged, altered or malformed. */
export function entryOfToken(keys: Keys, token: string): string | null {
  if (!/^[A-Za-z0-9_-]{38}$/.test(token)) return null;
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length !== 16 + MAC_BYTES) return null;
  const hex = bytes.subarray(0, 16).toString('hex');
  const entryId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const mac = bytes.subarray(16);
  const isValid = keys.indexer.candidates(macInput(entryId)).some((indexed) => timingSafeEqual(macOf(indexed), mac));
  return isValid ? entryId : null;
}

/**
 * The path of the link a bulk message carries to withdraw `purpose` (issue 20 §3), e.g.
 * `/consent#AZ3f…`; the dispatcher puts the public address in front. Answers 409
 * `consent.not-given` when the family never gave that consent (no message should go then).
 * @example await consentWithdrawalPath({ db: trx, keys: ctx.keys }, familyId, 'surveys')
 */
export async function consentWithdrawalPath(ctx: { db: Db; keys: Keys }, familyId: string, purpose: string): Promise<string> {
  const latest = await ctx.db
    .selectFrom('family_consents')
    .select('id')
    .where('family_id', '=', familyId)
    .where('purpose', '=', purpose)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!latest) throw AppError.conflict('consent.not-given', 'The family never gave this consent');
  return `/consent#${consentLinkToken(ctx.keys, latest.id)}`;
}

/**
 * The same path from a consent state a bulk send's batch read already (`consentStates`), or null
 * when the family never gave that consent (its message is skipped: no link needed).
 */
export function consentWithdrawalPathOf(keys: Keys, state: ConsentState | undefined, purpose: string): string | null {
  const entryId = state?.latestEntry.get(purpose);
  return entryId ? `/consent#${consentLinkToken(keys, entryId)}` : null;
}
