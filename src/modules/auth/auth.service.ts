import { SESSION_ABILITIES, type SessionAbilities, type SessionResponse } from '../../contracts/auth.js';
import { checkPassword } from '../../domain/password-policy.js';
import { isMfaRequired } from '../../domain/roles.js';
import type { AppContext } from '../../platform/context.js';
import { hashPassword, isCommonPassword, verifyAgainstDummy, verifyPassword } from '../../platform/crypto/passwords.js';
import { newTotpSecret, totpUri, verifyTotp } from '../../platform/crypto/totp.js';
import type { StaffUserTable as StaffTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import type { SessionStage } from '../../platform/http/route-policy.js';
import { sessionAbilityProviders } from '../../platform/http/session-abilities.js';
import type { SessionRow } from '../../platform/http/sessions.js';
import { recordAudit } from '../audit/index.js';
import { getAssociation, getSecurity } from '../settings/index.js';
import * as staffAccounts from '../staff/index.js';
import { accountKey, addressKey, clearFailures, lockedFor, recordFailure } from './sign-in-throttle.js';

const INVALID = () => AppError.unauthenticated('auth.invalid-credentials', 'The username or password is not correct');

/**
 * The steps of signing in, in order: password → code from the authenticator (when enrolled) →
 * new password (when the current one was issued by an administrator) → authenticator enrolment
 * (when required for the person's roles) → signed in.
 */
async function nextStage(ctx: AppContext, user: StaffTable, hasPassedMfa: boolean): Promise<SessionStage> {
  if (user.totp_enabled === 1 && !hasPassedMfa) return 'mfa';
  if (user.must_change_password === 1) return 'password-change';
  if (user.totp_enabled !== 1) {
    const record = await staffAccounts.loadAccountRecord(ctx.db, user.id);
    const { mfaRequiredRoles } = await getSecurity(ctx);
    if (record && isMfaRequired(record.roles, mfaRequiredRoles)) return 'mfa-enroll';
  }
  return 'active';
}

export async function signIn(
  ctx: AppContext,
  { username, password, address }: { username: string; password: string; address: string },
): Promise<{ token: string; session: SessionRow }> {
  const now = ctx.clock.now();
  const keys = [accountKey(username), addressKey(address)];
  const wait = await lockedFor(ctx.db, keys, now);
  if (wait > 0) throw AppError.tooManyRequests('auth.throttled', 'Too many failed attempts; try again later', wait / 1000);

  const user = await staffAccounts.findAccountByUsername(ctx.db, username.trim());
  const isValid = user && user.is_active === 1 ? await verifyPassword(user.password_hash, password) : await verifyAgainstDummy(password);
  if (user?.is_active !== 1 || !isValid) {
    for (const key of keys) await recordFailure(ctx.db, key, now);
    await recordAudit(ctx.db, {
      at: now,
      actor: { kind: 'anonymous', id: null },
      action: 'auth.sign-in-failed',
      entity: 'staff_user',
      entityId: user?.id ?? null,
    });
    throw INVALID();
  }
  await clearFailures(ctx.db, keys[0] as string);
  const stage = await nextStage(ctx, user, false);
  const { token, row } = await ctx.sessions.create('staff', user.id, stage);
  const session = row;
  await recordAudit(ctx.db, {
    at: now,
    actor: { kind: 'staff', id: user.id },
    action: 'auth.sign-in',
    entity: 'staff_user',
    entityId: user.id,
    details: { stage },
  });
  return { token, session };
}

export async function signOut(ctx: AppContext, principal: StaffPrincipal): Promise<void> {
  await ctx.sessions.end(principal.sessionIdHash);
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: { kind: 'staff', id: principal.userId },
    action: 'auth.sign-out',
    entity: 'staff_user',
    entityId: principal.userId,
  });
}

export async function describeSession(ctx: AppContext, principal: StaffPrincipal): Promise<SessionResponse> {
  const row = await staffAccounts.findAccount(ctx.db, principal.userId);
  return {
    stage: principal.stage,
    csrfToken: principal.csrfToken,
    user: {
      id: principal.userId,
      username: principal.username,
      displayName: principal.displayName,
      roles: principal.roles,
      scope: { categories: [...principal.scope.categories], domains: [...principal.scope.domains], offices: [...principal.scope.offices] },
      language: principal.language,
      hasTotp: row?.totp_enabled === 1,
      can: sessionAbilitiesOf(ctx, principal),
    },
  };
}

/** Each area's part of what this user may start (issue 19 §2); what no area grants is false. */
function sessionAbilitiesOf(ctx: AppContext, principal: StaffPrincipal): SessionAbilities {
  const can = Object.fromEntries(SESSION_ABILITIES.map((ability) => [ability, false])) as SessionAbilities;
  for (const provider of ctx.hooks.providers(sessionAbilityProviders)) {
    const granted = provider(principal);
    for (const ability of SESSION_ABILITIES) if (granted[ability] === true) can[ability] = true;
  }
  return can;
}

async function loadUser(ctx: AppContext, principal: StaffPrincipal): Promise<StaffTable> {
  const user = await staffAccounts.findAccount(ctx.db, principal.userId);
  if (!user) throw AppError.unauthenticated();
  return user;
}

export async function changePassword(
  ctx: AppContext,
  principal: StaffPrincipal,
  { currentPassword, newPassword }: { currentPassword: string; newPassword: string },
): Promise<{ token: string; row: SessionRow }> {
  const user = await loadUser(ctx, principal);
  if (!(await verifyPassword(user.password_hash, currentPassword))) {
    throw AppError.badRequest('request.invalid', 'The current password is not correct', [
      { pointer: '/currentPassword', code: 'password.current-wrong', detail: 'The current password is not correct' },
    ]);
  }
  const problem = checkPassword({ password: newPassword, username: user.username, isCommon: isCommonPassword });
  const isSame = !problem && (await verifyPassword(user.password_hash, newPassword));
  if (problem || isSame) {
    const code = problem ?? 'password.unchanged';
    throw AppError.badRequest('request.invalid', 'The new password cannot be used', [{ pointer: '/newPassword', code, detail: code }]);
  }
  const now = ctx.clock.now();
  await staffAccounts.updateAccount(ctx.db, user.id, {
    password_hash: await hashPassword(newPassword),
    must_change_password: 0,
    password_changed_at: now.toISOString(),
    updated_at: now.toISOString(),
  });
  // Other sessions of this account end: whoever knew the old password is out.
  await ctx.sessions.endAllFor('staff', user.id, principal.sessionIdHash);
  await recordAudit(ctx.db, {
    at: now,
    actor: { kind: 'staff', id: user.id },
    action: 'auth.password-change',
    entity: 'staff_user',
    entityId: user.id,
  });
  const stage = await nextStage(ctx, { ...user, must_change_password: 0 }, user.totp_enabled === 1);
  return ctx.sessions.advance(principal.sessionIdHash, stage);
}

export async function startTotpEnrolment(ctx: AppContext, principal: StaffPrincipal) {
  const user = await loadUser(ctx, principal);
  if (user.totp_enabled === 1)
    throw AppError.conflict('totp.already-enabled', 'An authenticator is already set up; ask an administrator to reset it');
  const secret = newTotpSecret();
  await staffAccounts.updateAccount(ctx.db, user.id, {
    totp_secret: ctx.keys.encryptor.encrypt(secret, staffAccounts.totpAad(user.id)),
    updated_at: ctx.clock.now().toISOString(),
  });
  const association = await getAssociation(ctx);
  const otpauthUri = totpUri({ secret, account: user.username, issuer: `Sila ${association.shortNameEn}` });
  // Loaded on first enrolment only (memory, issue 7 §5).
  const { default: QRCode } = await import('qrcode');
  const qrSvg = await QRCode.toString(otpauthUri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return { secret, otpauthUri, qrSvg };
}

async function acceptTotp(ctx: AppContext, user: StaffTable, code: string): Promise<number> {
  if (!user.totp_secret) throw AppError.conflict('totp.not-started', 'Start setting up the authenticator first');
  const secret = ctx.keys.encryptor.decrypt(user.totp_secret, staffAccounts.totpAad(user.id));
  const now = ctx.clock.now();
  const result = await verifyTotp({ secret, code, now, lastStep: user.totp_last_step });
  if (!result.isValid) {
    await recordFailure(ctx.db, accountKey(user.username), now);
    throw AppError.badRequest('request.invalid', 'The code is not correct', [
      { pointer: '/code', code: 'totp.invalid', detail: 'The code is not correct or was already used' },
    ]);
  }
  return result.step;
}

export async function confirmTotpEnrolment(ctx: AppContext, principal: StaffPrincipal, code: string) {
  const user = await loadUser(ctx, principal);
  if (user.totp_enabled === 1) throw AppError.conflict('totp.already-enabled', 'An authenticator is already set up');
  const step = await acceptTotp(ctx, user, code);
  const now = ctx.clock.now();
  await staffAccounts.updateAccount(ctx.db, user.id, { totp_enabled: 1, totp_last_step: step, updated_at: now.toISOString() });
  await recordAudit(ctx.db, {
    at: now,
    actor: { kind: 'staff', id: user.id },
    action: 'auth.totp-enrol',
    entity: 'staff_user',
    entityId: user.id,
  });
  const stage = await nextStage(ctx, { ...user, totp_enabled: 1 }, true);
  return ctx.sessions.advance(principal.sessionIdHash, stage);
}

export async function verifySecondFactor(ctx: AppContext, principal: StaffPrincipal, code: string) {
  const user = await loadUser(ctx, principal);
  const now = ctx.clock.now();
  const wait = await lockedFor(ctx.db, [accountKey(user.username)], now);
  if (wait > 0) throw AppError.tooManyRequests('auth.throttled', 'Too many failed attempts; try again later', wait / 1000);
  const step = await acceptTotp(ctx, user, code);
  await staffAccounts.updateAccount(ctx.db, user.id, { totp_last_step: step });
  await clearFailures(ctx.db, accountKey(user.username));
  await recordAudit(ctx.db, {
    at: now,
    actor: { kind: 'staff', id: user.id },
    action: 'auth.totp-verify',
    entity: 'staff_user',
    entityId: user.id,
  });
  const stage = await nextStage(ctx, user, true);
  return ctx.sessions.advance(principal.sessionIdHash, stage);
}

export async function setLanguage(ctx: AppContext, principal: StaffPrincipal, language: 'ar' | 'en'): Promise<void> {
  await staffAccounts.updateAccount(ctx.db, principal.userId, { language, updated_at: ctx.clock.now().toISOString() });
}
