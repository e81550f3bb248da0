import { PORTAL_CODE_LENGTH, PORTAL_CODE_MINUTES } from '../../contracts/portal.js';
import type { Attestation } from '../../contracts/requests.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/http/app-error.js';
import type { FamilyPrincipal } from '../../platform/http/principal.js';
import { recordAudit } from '../audit/index.js';
import { familyContact } from '../families/index.js';
import { enqueueMessage } from '../notifications/index.js';
import { attestByCode, familyRequest } from '../requests/index.js';
import { canSendCodes, codeInvalid } from './portal.service.js';
import { consumeCode, issueCode } from './portal-codes.js';
import { clearPortalFailures, countFailure, countSend, portalThrottleKeys, refuseWhenLocked } from './portal-throttle.js';

/**
 * Online attestation (C4, issue 5 §4): the family reads what it is about to confirm
 * (`attestationSummary`), asks for a code sent by SMS to its registered mobile, and types it back;
 * the requests module then records a `one-time-code` attestation of exactly that data. Codes follow
 * the sign-in codes' rules (keyed hash, ten minutes, single use, five tries) and throttle per family.
 */
const throttleKeysOf = (family: FamilyPrincipal, address: string) => portalThrottleKeys(`family:${family.familyId}`, address);

export async function startAttestation(
  ctx: AppContext,
  family: FamilyPrincipal,
  requestId: string,
  { address, language = 'ar' }: { address: string; language?: 'ar' | 'en' },
) {
  // 404 when the request is not this family's.
  const view = await familyRequest(ctx, family.familyId, requestId);
  if (!canSendCodes(ctx)) throw AppError.conflict('portal.sms-unavailable', 'Codes cannot be sent now; confirm at reception');
  const contact = await familyContact(ctx, family.familyId);
  if (!contact?.mobile) throw AppError.conflict('portal.no-mobile', 'The family has no registered mobile; confirm at reception');
  const keys = throttleKeysOf(family, address);
  await refuseWhenLocked(ctx, [keys.send, keys.address]);
  await countSend(ctx, keys);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const { code, row } = await issueCode(trx, ctx, {
      purpose: 'attestation',
      subjectIndex: requestId,
      familyId: family.familyId,
      requestId,
    });
    await enqueueMessage(trx, ctx, {
      event: 'request.attestation-code',
      recipient: { kind: 'family', familyId: family.familyId },
      params: { code, minutes: String(PORTAL_CODE_MINUTES), reference: view.reference },
      language,
      expiresAt: new Date(row.expires_at),
      about: { type: 'request', id: requestId },
      actor: { kind: 'family', id: family.familyId },
    });
    await recordAudit(trx, {
      at: now,
      actor: { kind: 'family', id: family.familyId },
      action: 'portal.attestation-code',
      entity: 'request',
      entityId: view.id,
    });
  });
  return { delivery: 'sms', codeLength: PORTAL_CODE_LENGTH, expiresInMinutes: PORTAL_CODE_MINUTES } as const;
}

/** Checks the code, then records the attestation in the same transaction (a refusal of either keeps both undone). */
export async function verifyAttestation(
  ctx: AppContext,
  family: FamilyPrincipal,
  requestId: string,
  { code, dataSha256, address }: { code: string; dataSha256?: string; address: string },
): Promise<Attestation> {
  await familyRequest(ctx, family.familyId, requestId);
  const keys = throttleKeysOf(family, address);
  await refuseWhenLocked(ctx, [keys.failure, keys.address]);
  const result = await ctx.db.transaction().execute(async (trx) => {
    const row = await consumeCode(trx, ctx, { purpose: 'attestation', subjectIndexes: [requestId], code });
    if (!row || row.family_id !== family.familyId || row.request_id !== requestId) return null;
    return attestByCode(trx, ctx, family.familyId, requestId, dataSha256);
  });
  if (!result) {
    await countFailure(ctx, keys);
    throw codeInvalid();
  }
  await clearPortalFailures(ctx, keys);
  return result;
}
