import type { SubjectAttestation, SubjectAttestationState } from '../../contracts/attestations.js';
import { PORTAL_CODE_LENGTH, PORTAL_CODE_MINUTES } from '../../contracts/portal.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/http/app-error.js';
import type { FamilyPrincipal } from '../../platform/http/principal.js';
import { attestSubjectByCode, familySubjectAttestation } from '../attestations/index.js';
import { recordAudit } from '../audit/index.js';
import { familyContact } from '../families/index.js';
import { enqueueMessage } from '../notifications/index.js';
import { canSendCodes, codeInvalid } from './portal.service.js';
import { attestationPurpose, consumeCode, issueCode } from './portal-codes.js';
import { clearPortalFailures, countFailure, countSend, portalThrottleKeys, refuseWhenLocked } from './portal-throttle.js';

/**
 * Online attestation of a subject of any kind (C4, D2; issue 22), as requests' (portal.requests.ts):
 * the family reads the data, asks for a code sent by SMS to its registered mobile and types it
 * back; the code's purpose names the subject's kind (`attestation:<kind>`), so a code for one kind
 * never attests another. Same rules: keyed hash, ten minutes, single use, five tries, per-family throttle.
 */
const throttleKeysOf = (family: FamilyPrincipal, address: string) => portalThrottleKeys(`family:${family.familyId}`, address);

export function familySubject(ctx: AppContext, family: FamilyPrincipal, kind: string, id: string): Promise<SubjectAttestationState> {
  return familySubjectAttestation(ctx, family.familyId, kind, id);
}

export async function startSubjectAttestation(
  ctx: AppContext,
  family: FamilyPrincipal,
  kind: string,
  id: string,
  { address, language = 'ar' }: { address: string; language?: 'ar' | 'en' },
) {
  // 404 when the subject is not this family's.
  const view = await familySubjectAttestation(ctx, family.familyId, kind, id);
  if (!view.isAttestable) throw AppError.conflict('attestation.not-attestable', 'This can no longer be attested');
  if (!canSendCodes(ctx)) throw AppError.conflict('portal.sms-unavailable', 'Codes cannot be sent now; confirm at reception');
  const contact = await familyContact(ctx, family.familyId);
  if (!contact?.mobile) throw AppError.conflict('portal.no-mobile', 'The family has no registered mobile; confirm at reception');
  const keys = throttleKeysOf(family, address);
  await refuseWhenLocked(ctx, [keys.send, keys.address]);
  await countSend(ctx, keys);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const { code, row } = await issueCode(trx, ctx, { purpose: attestationPurpose(kind), subjectIndex: id, familyId: family.familyId });
    // The attestation code's message (its wording names the reference; a kind-neutral template is left to the notifications area).
    await enqueueMessage(trx, ctx, {
      event: 'request.attestation-code',
      recipient: { kind: 'family', familyId: family.familyId },
      params: { code, minutes: String(PORTAL_CODE_MINUTES), reference: view.reference },
      language,
      expiresAt: new Date(row.expires_at),
      about: { type: kind, id },
      actor: { kind: 'family', id: family.familyId },
    });
    await recordAudit(trx, {
      at: now,
      actor: { kind: 'family', id: family.familyId },
      action: 'portal.attestation-code',
      entity: kind,
      entityId: id,
    });
  });
  return { delivery: 'sms', codeLength: PORTAL_CODE_LENGTH, expiresInMinutes: PORTAL_CODE_MINUTES } as const;
}

/** Checks the code, then records the attestation in the same transaction (a refusal of either keeps both undone). */
export async function verifySubjectAttestation(
  ctx: AppContext,
  family: FamilyPrincipal,
  kind: string,
  id: string,
  { code, dataSha256, address }: { code: string; dataSha256?: string | undefined; address: string },
): Promise<SubjectAttestation> {
  await familySubjectAttestation(ctx, family.familyId, kind, id);
  const keys = throttleKeysOf(family, address);
  await refuseWhenLocked(ctx, [keys.failure, keys.address]);
  const result = await ctx.db.transaction().execute(async (trx) => {
    const row = await consumeCode(trx, ctx, { purpose: attestationPurpose(kind), subjectIndexes: [id], code });
    if (!row || row.family_id !== family.familyId) return null;
    return attestSubjectByCode(trx, ctx, family.familyId, kind, id, dataSha256);
  });
  if (!result) {
    await countFailure(ctx, keys);
    throw codeInvalid();
  }
  await clearPortalFailures(ctx, keys);
  return result;
}
