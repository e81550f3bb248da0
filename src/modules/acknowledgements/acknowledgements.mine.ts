import type { z } from 'zod';
import type { acknowledgeBody, PendingAcknowledgement } from '../../contracts/acknowledgements.js';
import { isOverdue } from '../../domain/acknowledgements.js';
import type { AppContext } from '../../platform/context.js';
import { verifyPassword } from '../../platform/crypto/passwords.js';
import { verifyTotp } from '../../platform/crypto/totp.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { accountKey, clearFailures, lockedFor, recordFailure } from '../auth/index.js';
import { documentOfVersion } from '../documents/index.js';
import { findAccount, totpAad, updateAccount } from '../staff/index.js';
import { currentRequirements } from './acknowledgements.gate.js';
import { type AudienceMember, pendingForMember, staffAudience } from './acknowledgements.members.js';
import type { LiveRequirement } from './acknowledgements.requirements.js';

/**
 * Issue 26 §4 (R1, F4): a staff member's own acknowledgements — the sign-in step that shows each
 * required version first, the acknowledgement itself (read to the end, ticked, confirmed with the
 * password or a code from the authenticator), and the gate that closes every other staff route once
 * the grace period is over.
 */
async function memberOf(ctx: AppContext, userId: string): Promise<AudienceMember | null> {
  return (await staffAudience(ctx, { ids: [userId] }))[0] ?? null;
}

async function pendingOf(ctx: AppContext, userId: string): Promise<LiveRequirement[]> {
  // The cached requirements (acknowledgements.gate.ts): their fingerprint covers titles and texts too.
  const requirements = await currentRequirements(ctx);
  if (!requirements) return [];
  const member = await memberOf(ctx, userId);
  if (!member) return [];
  return pendingForMember(ctx, requirements.live, member);
}

function present(ctx: AppContext, r: LiveRequirement): PendingAcknowledgement {
  return {
    versionId: r.version.id,
    documentId: r.document.id,
    slug: r.document.slug,
    titleAr: r.document.titleAr,
    titleEn: r.document.titleEn,
    number: r.version.number,
    effectiveOn: r.version.effectiveOn,
    bodyAr: r.version.bodyAr,
    bodyEn: r.version.bodyEn,
    isEnglishSummary: r.version.isEnglishSummary,
    textSha256: r.textSha256,
    dueAt: r.dueAt.toISOString(),
    isOverdue: isOverdue(r.dueAt, ctx.clock.now()),
  };
}

/** What the signed-in staff member must still acknowledge, earliest due first. */
export async function myPending(ctx: AppContext, principal: StaffPrincipal): Promise<PendingAcknowledgement[]> {
  const pending = await pendingOf(ctx, principal.userId);
  return pending.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime()).map((r) => present(ctx, r));
}

/** The password or a fresh code from the authenticator, throttled like sign-in. */
async function confirmIdentity(
  ctx: AppContext,
  principal: StaffPrincipal,
  body: { password?: string | undefined; code?: string | undefined },
) {
  const user = await findAccount(ctx.db, principal.userId);
  if (!user) throw AppError.unauthenticated();
  const now = ctx.clock.now();
  const key = accountKey(user.username);
  const wait = await lockedFor(ctx.db, [key], now);
  if (wait > 0) throw AppError.tooManyRequests('auth.throttled', 'Too many failed attempts; try again later', wait / 1000);
  if (body.code !== undefined && user.totp_enabled === 1 && user.totp_secret) {
    const secret = ctx.keys.encryptor.decrypt(user.totp_secret, totpAad(user.id));
    const result = await verifyTotp({ secret, code: body.code, now, lastStep: user.totp_last_step });
    if (result.isValid) {
      await updateAccount(ctx.db, user.id, { totp_last_step: result.step });
      await clearFailures(ctx.db, key);
      return 'totp' as const;
    }
  } else if (body.password !== undefined && (await verifyPassword(user.password_hash, body.password))) {
    await clearFailures(ctx.db, key);
    return 'password' as const;
  }
  await recordFailure(ctx.db, key, now);
  const pointer = body.code !== undefined ? '/code' : '/password';
  throw AppError.badRequest('request.invalid', 'The confirmation is not correct', [
    { pointer, code: body.code !== undefined ? 'totp.invalid' : 'password.current-wrong', detail: 'The confirmation is not correct' },
  ]);
}

export async function acknowledgeVersion(
  ctx: AppContext,
  principal: StaffPrincipal,
  versionId: string,
  body: z.infer<typeof acknowledgeBody>,
): Promise<{ acknowledgedAt: string; remaining: number }> {
  const pending = await pendingOf(ctx, principal.userId);
  const asked = pending.find((r) => r.version.id === versionId);
  if (!asked) {
    const version = await documentOfVersion(ctx.db, versionId);
    // The document has a newer version in force that is asked for: that one is to be read (issue 26 "Bad input").
    if (version && pending.some((r) => r.document.id === version.documentId)) {
      throw AppError.conflict(
        'acknowledgement.version-replaced',
        'A newer version of this document is in force; read and acknowledge that one',
      );
    }
    const already = await ctx.db
      .selectFrom('acknowledgements')
      .select('id')
      .where('version_id', '=', versionId)
      .where('staff_user_id', '=', principal.userId)
      .executeTakeFirst();
    if (already) throw AppError.conflict('acknowledgement.already-recorded', 'You have already acknowledged this version');
    throw AppError.notFound('acknowledgement.not-required', 'This version is not asked of you');
  }
  if (body.textSha256 !== asked.textSha256) {
    throw AppError.conflict('acknowledgement.text-changed', 'The text changed while you read it; read it again');
  }
  const method = await confirmIdentity(ctx, principal, body);
  const now = ctx.clock.now();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const id = uuidv7(now.getTime());
      await trx
        .insertInto('acknowledgements')
        .values({
          id,
          version_id: versionId,
          staff_user_id: principal.userId,
          contract_party_id: null,
          text_sha256: asked.textSha256,
          method,
          signer_name: null,
          id_last4: null,
          acknowledged_at: now.toISOString(),
        })
        .execute();
      await recordAudit(trx, {
        at: now,
        actor: { kind: 'staff', id: principal.userId },
        action: 'acknowledgement.sign',
        entity: 'document_version',
        entityId: versionId,
        details: { method, textSha256: asked.textSha256 },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw AppError.conflict('acknowledgement.already-recorded', 'You have already acknowledged this version');
    throw error;
  }
  return { acknowledgedAt: now.toISOString(), remaining: pending.length - 1 };
}
