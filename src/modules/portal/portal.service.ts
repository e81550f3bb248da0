import type { PortalMeResponse, PortalSignInStartResponse } from '../../contracts/portal.js';
import { PORTAL_CODE_LENGTH, PORTAL_CODE_MINUTES } from '../../contracts/portal.js';
import { type CodeChannel, canCarryCodes, codeChannel } from '../../domain/code-channel.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/http/app-error.js';
import type { FamilyPrincipal } from '../../platform/http/principal.js';
import { FAMILY_SESSION_ABSOLUTE_MS, type SessionRow } from '../../platform/http/sessions.js';
import { configuredChannels } from '../../platform/transports/index.js';
import { recordAudit } from '../audit/index.js';
import { familyContact, familyHeadedBy } from '../families/index.js';
import { enqueueMessage } from '../notifications/index.js';
import { consumeCode, issueCode } from './portal-codes.js';
import { clearPortalFailures, countFailure, countSend, portalThrottleKeys, refuseWhenLocked } from './portal-throttle.js';

/**
 * Signing a family in to the beneficiary portal (issue 5 §2): the ID number of the family's head,
 * then a one-time code sent by SMS or WhatsApp to the family's registered mobile, or by e-mail to an
 * address staff verified (issue 20 §7, `domain/code-channel.ts`). Every answer before the code
 * is checked is the same for registered and unregistered ID numbers, and both do the same work (a
 * code row, the throttle, an audit row); only a registered family with a mobile gets the SMS.
 */
type Language = 'ar' | 'en';
const NO_FAMILY = '00000000-0000-7000-8000-000000000000';

export const codeInvalid = () =>
  AppError.badRequest('portal.code-invalid', 'The code is not correct, was already used or has expired', [
    { pointer: '/code', code: 'portal.code-invalid', detail: 'The code is not correct, was already used or has expired' },
  ]);

/** Whether codes can be sent at all (issue 20 §7): an SMS gateway, WhatsApp or e-mail; without any, families apply at reception. */
export function canSendCodes(ctx: AppContext): boolean {
  return canCarryCodes(configuredChannels(ctx.config.transports));
}

/** The family whose head holds this ID number and the channel its code goes by, when it can be reached (issue 20 §7). */
async function familyReachableBy(ctx: AppContext, nationalId: string): Promise<{ familyId: string; channel: CodeChannel } | null> {
  // Only the head's ID number signs in: the code goes to the family's registered mobile or verified e-mail.
  const familyId = await familyHeadedBy(ctx, nationalId);
  const contact = await familyContact(ctx, familyId ?? NO_FAMILY);
  if (!familyId || !contact) return null;
  const channel = codeChannel(
    { agreedChannel: contact.agreedChannel, hasMobile: contact.mobile !== null, isEmailVerified: contact.isEmailVerified },
    configuredChannels(ctx.config.transports),
  );
  return channel ? { familyId, channel } : null;
}

export async function startSignIn(
  ctx: AppContext,
  { nationalId, language = 'ar', address }: { nationalId: string; language?: Language; address: string },
): Promise<PortalSignInStartResponse> {
  const answer = { codeLength: PORTAL_CODE_LENGTH, expiresInMinutes: PORTAL_CODE_MINUTES } as const;
  if (!canSendCodes(ctx)) return { delivery: 'unavailable', ...answer };

  const subjectIndex = ctx.keys.indexer.index(nationalId);
  const keys = portalThrottleKeys(subjectIndex, address);
  await refuseWhenLocked(ctx, [keys.send, keys.address]);
  await countSend(ctx, keys);

  const reachable = await familyReachableBy(ctx, nationalId);
  const familyId = reachable?.familyId ?? null;
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const { code, row } = await issueCode(trx, ctx, { purpose: 'sign-in', subjectIndex, familyId });
    if (reachable) {
      await enqueueMessage(trx, ctx, {
        event: 'auth.one-time-code',
        recipient: { kind: 'family', familyId: reachable.familyId, channel: reachable.channel },
        params: { code, minutes: String(PORTAL_CODE_MINUTES) },
        language,
        expiresAt: new Date(row.expires_at),
        actor: { kind: 'anonymous', id: null },
      });
    }
    // The audit keeps the keyed hash of the ID number typed, never the number itself.
    await recordAudit(trx, {
      at: now,
      actor: { kind: 'anonymous', id: null },
      action: 'portal.sign-in-code',
      entity: 'family',
      entityId: familyId,
      details: { nationalId: subjectIndex },
    });
  });
  // The same answer whether or not the number is registered, and whichever channel carried the code.
  return { delivery: 'sent', ...answer };
}

/**
 * Checks the code and opens a family session under a new id (the one the browser held, if any,
 * ends). Wrong, reused and expired codes get the same answer; too many → 429.
 */
export async function verifySignIn(
  ctx: AppContext,
  { nationalId, code, address, previousToken }: { nationalId: string; code: string; address: string; previousToken?: string },
): Promise<{ token: string; session: SessionRow }> {
  const subjectIndexes = ctx.keys.indexer.candidates(nationalId);
  const subjectIndex = ctx.keys.indexer.index(nationalId);
  const keys = portalThrottleKeys(subjectIndex, address);
  await refuseWhenLocked(ctx, [keys.failure, keys.address]);

  // The try a wrong code spends is committed before the refusal.
  const row = await ctx.db.transaction().execute((trx) => consumeCode(trx, ctx, { purpose: 'sign-in', subjectIndexes, code }));
  const now = ctx.clock.now();
  if (!row?.family_id) {
    await countFailure(ctx, keys);
    await recordAudit(ctx.db, {
      at: now,
      actor: { kind: 'anonymous', id: null },
      action: 'portal.sign-in-failed',
      entity: 'family',
      details: { nationalId: subjectIndex },
    });
    throw codeInvalid();
  }
  await clearPortalFailures(ctx, keys);
  // The family session this browser held ends (never a staff one whose token was put in the portal cookie).
  const previous = previousToken ? await ctx.sessions.resolve(previousToken) : null;
  if (previous?.principal_kind === 'family') await ctx.sessions.end(previous.id_hash);
  const { token, row: session } = await ctx.sessions.create('family', row.family_id, 'active', {
    absoluteMs: FAMILY_SESSION_ABSOLUTE_MS,
  });
  await recordAudit(ctx.db, {
    at: now,
    actor: { kind: 'family', id: row.family_id },
    action: 'portal.sign-in',
    entity: 'family',
    entityId: row.family_id,
  });
  return { token, session };
}

export async function signOut(ctx: AppContext, family: FamilyPrincipal): Promise<void> {
  await ctx.sessions.end(family.sessionIdHash);
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: { kind: 'family', id: family.familyId },
    action: 'portal.sign-out',
    entity: 'family',
    entityId: family.familyId,
  });
}

/** The family's reference and head's name (in the page's language when it has one); never its ID number. */
export async function describeFamily(
  ctx: AppContext,
  family: Pick<FamilyPrincipal, 'familyId' | 'csrfToken'>,
  language: Language = 'ar',
): Promise<PortalMeResponse> {
  const contact = await familyContact(ctx, family.familyId);
  if (!contact) throw AppError.unauthenticated('auth.session-expired', 'Your session has ended; sign in again');
  const headName = language === 'en' && contact.headNameEn ? contact.headNameEn : contact.headNameAr;
  return { reference: contact.reference, headName, csrfToken: family.csrfToken };
}
