import { randomInt, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { PORTAL_CODE_LENGTH, PORTAL_CODE_MINUTES } from '../../contracts/portal.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import type { PortalCodeTable } from '../../platform/db/schema-portal.js';
import { uuidv7 } from '../../platform/ids.js';

/**
 * One-time codes of the beneficiary portal (issue 5 §2, "Bad input"): six digits from a CSPRNG,
 * stored only as a keyed hash bound to the row, ten minutes, single use, dead after five wrong
 * tries. Asking for a new code ends the earlier ones of the same subject.
 */
type Db = Kysely<Database>;
/**
 * `attestation` is a service request's (as before issue 22); another subject kind's code is
 * `attestation:<kind>` (`attestationPurpose`), so a code sent for one kind never attests another.
 */
export type CodePurpose = 'sign-in' | 'attestation' | `attestation:${string}`;

/** The purpose of an attestation code for a subject of `kind` (requests keep `attestation`). */
export const attestationPurpose = (kind: string): CodePurpose => (kind === 'request' ? 'attestation' : `attestation:${kind}`);

export const CODE_TTL_MS = PORTAL_CODE_MINUTES * 60_000;
export const CODE_MAX_TRIES = 5;
/** Finished codes are deleted a day after they expire (they hold nothing but hashes). */
const KEEP_FINISHED_MS = 24 * 60 * 60_000;

function newCode(): string {
  return String(randomInt(0, 10 ** PORTAL_CODE_LENGTH)).padStart(PORTAL_CODE_LENGTH, '0');
}

const hashInput = (rowId: string, code: string) => `portal-code:${rowId}:${code}`;

/**
 * Writes a new code for `subjectIndex` in the caller's transaction and returns it (to be sent,
 * never stored or logged). `familyId` null: nobody can ever use the code (an unknown ID number
 * still gets a row, so both cases do the same work).
 */
export async function issueCode(
  trx: Db,
  ctx: AppContext,
  input: { purpose: CodePurpose; subjectIndex: string; familyId: string | null; requestId?: string | null },
): Promise<{ code: string; row: PortalCodeTable }> {
  const now = ctx.clock.now();
  await trx
    .deleteFrom('portal_codes')
    .where((eb) =>
      eb.or([
        eb.and([eb('purpose', '=', input.purpose), eb('subject_index', '=', input.subjectIndex)]),
        eb('expires_at', '<', new Date(now.getTime() - KEEP_FINISHED_MS).toISOString()),
      ]),
    )
    .execute();
  const id = uuidv7(now.getTime());
  const code = newCode();
  const row: PortalCodeTable = {
    id,
    purpose: input.purpose,
    subject_index: input.subjectIndex,
    family_id: input.familyId,
    request_id: input.requestId ?? null,
    code_hash: ctx.keys.indexer.index(hashInput(id, code)),
    attempts: 0,
    expires_at: new Date(now.getTime() + CODE_TTL_MS).toISOString(),
    consumed_at: null,
    created_at: now.toISOString(),
  };
  await trx.insertInto('portal_codes').values(row).execute();
  return { code, row };
}

/** Whether `code` is the one a row was issued with (compared in constant time, under any current key). */
export function isCodeOf(ctx: AppContext, row: Pick<PortalCodeTable, 'id' | 'code_hash'>, code: string): boolean {
  const stored = Buffer.from(row.code_hash);
  return ctx.keys.indexer.candidates(hashInput(row.id, code)).some((candidate) => {
    const b = Buffer.from(candidate);
    return stored.length === b.length && timingSafeEqual(stored, b);
  });
}

/**
 * Checks a code typed for `subjectIndexes` (every key's index, during a key rotation) and, when it
 * is right, live, unused and still has tries left, marks it used in `trx` and returns its row. A
 * wrong code spends one try. Every refusal looks the same to the caller.
 */
export async function consumeCode(
  trx: Db,
  ctx: AppContext,
  input: { purpose: CodePurpose; subjectIndexes: string[]; code: string },
): Promise<PortalCodeTable | null> {
  const now = ctx.clock.now();
  const row = await trx
    .selectFrom('portal_codes')
    .selectAll()
    .where('purpose', '=', input.purpose)
    .where('subject_index', 'in', input.subjectIndexes)
    .where('consumed_at', 'is', null)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  if (!row) return null;
  const isLive = Date.parse(row.expires_at) > now.getTime() && row.attempts < CODE_MAX_TRIES;
  if (!isLive) return null;
  if (!isCodeOf(ctx, row, input.code)) {
    await trx
      .updateTable('portal_codes')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', row.id)
      .execute();
    return null;
  }
  // Single use, even when two requests bring the right code at once.
  const result = await trx
    .updateTable('portal_codes')
    .set({ consumed_at: now.toISOString() })
    .where('id', '=', row.id)
    .where('consumed_at', 'is', null)
    .where('attempts', '<', CODE_MAX_TRIES)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1 || !row.family_id) return null;
  return { ...row, consumed_at: now.toISOString() };
}
