import { randomInt } from 'node:crypto';
import type { z } from 'zod';
import type { CreateStaffBody, resetStaffBody, StaffAccount, StaffListQuery, UpdateStaffBody } from '../../contracts/staff.js';
import type { StaffRole } from '../../domain/roles.js';
import type { StaffScope } from '../../domain/scope.js';
import type { AppContext } from '../../platform/context.js';
import { hashPassword } from '../../platform/crypto/passwords.js';
import { AppError, type FieldError } from '../../platform/http/app-error.js';
import { assertScopeWithin } from '../../platform/http/write-scope.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { activeCodes } from '../settings/index.js';
import { assertActiveDepartment, hasActiveDepartments } from './staff.departments.js';
import * as repo from './staff.repo.js';

/** Who makes the change: a staff member (with their own scope) through the API; the CLI passes none. */
type Actor = { id: string; scope?: StaffScope };

export function presentStaff(record: repo.StaffRecord): StaffAccount {
  const { row } = record;
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    roles: record.roles,
    scope: { categories: [...record.scope.categories], domains: [...record.scope.domains], offices: [...record.scope.offices] },
    departmentId: row.department_id ?? null,
    isActive: row.is_active === 1,
    hasTotp: row.totp_enabled === 1,
    mustChangePassword: row.must_change_password === 1,
    createdAt: row.created_at,
    deactivatedAt: row.deactivated_at,
  };
}

const OTP_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A one-time password people can read aloud: 16 characters in groups of four (~78 bits). */
export function newOneTimePassword(): string {
  const chars = Array.from({ length: 16 }, () => OTP_ALPHABET[randomInt(OTP_ALPHABET.length)]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

async function assertScopeCodes(ctx: AppContext, scope: StaffScope): Promise<void> {
  const errors: FieldError[] = [];
  const checks = [
    ['categories', scope.categories],
    ['domains', scope.domains],
    ['offices', scope.offices],
  ] as const;
  for (const [kind, codes] of checks) {
    const known = await activeCodes(ctx, kind);
    codes.forEach((code, i) => {
      if (!known.has(code)) errors.push({ pointer: `/scope/${kind}/${i}`, code: 'scope.unknown', detail: `Unknown ${kind} code` });
    });
  }
  if (errors.length) throw AppError.badRequest('request.invalid', 'Some scope codes are unknown', errors);
}

function uniqueScope(scope: StaffScope): StaffScope {
  return { categories: [...new Set(scope.categories)], domains: [...new Set(scope.domains)], offices: [...new Set(scope.offices)] };
}

export async function listStaffUsers(ctx: AppContext, query: StaffListQuery) {
  const { items, total } = await repo.listStaff(ctx.db, query);
  return { items: items.map(presentStaff), total, page: query.page, pageSize: query.pageSize };
}

export async function getStaffUser(ctx: AppContext, id: string): Promise<StaffAccount> {
  const record = await repo.loadStaff(ctx.db, id);
  if (!record) throw AppError.notFound('staff.not-found', 'No such staff member');
  return presentStaff(record);
}

/** Creates an account with a one-time password that must be changed at first sign-in. */
export async function createStaffUser(
  ctx: AppContext,
  actor: Actor | null,
  body: CreateStaffBody,
): Promise<{ user: StaffAccount; oneTimePassword: string }> {
  const scope = uniqueScope(body.scope);
  await assertScopeCodes(ctx, scope);
  // F2, issue 21 §1: an administrator limited to some offices cannot hand out a wider scope.
  if (actor?.scope) assertScopeWithin(actor.scope, scope);
  await assertDepartmentOnCreate(ctx, actor, body.departmentId ?? null);
  const oneTimePassword = newOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  const now = ctx.clock.now();
  const id = uuidv7(now.getTime());
  const roles = [...new Set(body.roles)];
  await ctx.db.transaction().execute(async (trx) => {
    if (await repo.findStaffRowByUsername(trx, body.username))
      throw AppError.conflict('staff.username-taken', 'This username is already used');
    await repo.insertStaff(trx, {
      id,
      username: body.username,
      display_name: body.displayName,
      email: body.email ?? null,
      password_hash: passwordHash,
      must_change_password: 1,
      password_changed_at: now.toISOString(),
      totp_secret: null,
      totp_enabled: 0,
      totp_last_step: null,
      language: 'ar',
      is_active: 1,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
      deactivated_at: null,
      department_id: body.departmentId ?? null,
    });
    await repo.replaceRolesAndScope(trx, id, roles, scope);
    await recordAudit(trx, {
      at: now,
      actor: actor ? { kind: 'staff', id: actor.id } : { kind: 'system', id: null },
      action: 'staff.create',
      entity: 'staff_user',
      entityId: id,
      fields: ['username', 'displayName', 'email', 'roles', 'scope', 'departmentId'],
    });
  });
  return { user: await getStaffUser(ctx, id), oneTimePassword };
}

/**
 * Issue 26 §4 (R2): a new account through the API names its department once the association has
 * departments (accounts made before keep none; the HR view groups them under "no department").
 * The first administrator and the command line's recovery account come before any department.
 */
async function assertDepartmentOnCreate(ctx: AppContext, actor: Actor | null, departmentId: string | null): Promise<void> {
  if (departmentId) return assertActiveDepartment(ctx.db, departmentId);
  if (actor && (await hasActiveDepartments(ctx.db))) {
    throw AppError.badRequest('request.invalid', 'Choose the department', [
      { pointer: '/departmentId', code: 'department.required', detail: 'Choose the department or section' },
    ]);
  }
}

async function assertKeepsAnAdministrator(ctx: AppContext, id: string, nextRoles: readonly StaffRole[] | null): Promise<void> {
  const admins = await ctx.db
    .selectFrom('staff_roles')
    .innerJoin('staff_users', 'staff_users.id', 'staff_roles.user_id')
    .select('staff_users.id')
    .where('staff_roles.role', '=', 'administrator')
    .where('staff_users.is_active', '=', 1)
    .execute();
  const remaining = admins.filter((a) => a.id !== id).length + (nextRoles?.includes('administrator') ? 1 : 0);
  if (remaining === 0) throw AppError.conflict('staff.last-administrator', 'Sila needs at least one active administrator');
}

export async function updateStaffUser(ctx: AppContext, actor: Actor, id: string, body: UpdateStaffBody): Promise<StaffAccount> {
  const current = await repo.loadStaff(ctx.db, id);
  if (!current) throw AppError.notFound('staff.not-found', 'No such staff member');
  const roles = body.roles ? [...new Set(body.roles)] : current.roles;
  const scope = body.scope ? uniqueScope(body.scope) : current.scope;
  if (body.scope) await assertScopeCodes(ctx, scope);
  if (body.scope && actor.scope) assertScopeWithin(actor.scope, scope);
  if (body.departmentId) await assertActiveDepartment(ctx.db, body.departmentId);
  if (body.roles && current.roles.includes('administrator') && !roles.includes('administrator')) {
    await assertKeepsAnAdministrator(ctx, id, roles);
  }
  const now = ctx.clock.now();
  const changed = Object.entries(body)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateStaffRow(trx, id, {
      display_name: body.displayName ?? current.row.display_name,
      email: body.email === undefined ? current.row.email : body.email,
      department_id: body.departmentId === undefined ? (current.row.department_id ?? null) : body.departmentId,
      updated_at: now.toISOString(),
    });
    await repo.replaceRolesAndScope(trx, id, roles, scope);
    await recordAudit(trx, {
      at: now,
      actor: { kind: 'staff', id: actor.id },
      action: 'staff.update',
      entity: 'staff_user',
      entityId: id,
      fields: changed,
    });
  });
  return getStaffUser(ctx, id);
}

/** Deactivation ends every session of the account at once (the next request answers 401). */
export async function setStaffActive(ctx: AppContext, actor: Actor, id: string, isActive: boolean): Promise<StaffAccount> {
  const current = await repo.loadStaff(ctx.db, id);
  if (!current) throw AppError.notFound('staff.not-found', 'No such staff member');
  if (!isActive && id === actor.id) throw AppError.conflict('staff.cannot-deactivate-self', 'You cannot deactivate your own account');
  if (!isActive && current.roles.includes('administrator')) await assertKeepsAnAdministrator(ctx, id, null);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateStaffRow(trx, id, {
      is_active: isActive ? 1 : 0,
      deactivated_at: isActive ? null : now.toISOString(),
      updated_at: now.toISOString(),
    });
    if (!isActive) await trx.deleteFrom('sessions').where('principal_kind', '=', 'staff').where('principal_id', '=', id).execute();
    await recordAudit(trx, {
      at: now,
      actor: { kind: 'staff', id: actor.id },
      action: isActive ? 'staff.reactivate' : 'staff.deactivate',
      entity: 'staff_user',
      entityId: id,
    });
  });
  return getStaffUser(ctx, id);
}

/** A new one-time password (and optionally a new authenticator); the account's sessions end. */
export async function resetStaffUser(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: z.infer<typeof resetStaffBody>,
): Promise<{ user: StaffAccount; oneTimePassword: string }> {
  const current = await repo.findStaffRow(ctx.db, id);
  if (!current) throw AppError.notFound('staff.not-found', 'No such staff member');
  const oneTimePassword = newOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateStaffRow(trx, id, {
      password_hash: passwordHash,
      must_change_password: 1,
      password_changed_at: now.toISOString(),
      updated_at: now.toISOString(),
      ...(body.resetTotp ? { totp_secret: null, totp_enabled: 0, totp_last_step: null } : {}),
    });
    await trx.deleteFrom('sessions').where('principal_kind', '=', 'staff').where('principal_id', '=', id).execute();
    await trx.deleteFrom('sign_in_throttle').where('key', '=', `account:${current.username}`).execute();
    await recordAudit(trx, {
      at: now,
      actor: { kind: 'staff', id: actor.id },
      action: 'staff.reset',
      entity: 'staff_user',
      entityId: id,
      fields: body.resetTotp ? ['password', 'totp'] : ['password'],
    });
  });
  return { user: await getStaffUser(ctx, id), oneTimePassword };
}

/** What the auth plugin needs to know about a signed-in staff member; null when inactive. */
export async function loadStaffPrincipal(ctx: AppContext, userId: string) {
  const record = await repo.loadStaffPrincipalRecord(ctx.db, userId);
  if (!record?.isActive) return null;
  return {
    userId,
    username: record.username,
    displayName: record.displayName,
    roles: record.roles,
    scope: record.scope,
    language: (record.language === 'en' ? 'en' : 'ar') as 'ar' | 'en',
  };
}

export const FIRST_ADMIN_USERNAME = 'admin';

/**
 * The first start on an empty database creates an administrator with a one-time password,
 * returned so the caller can print it (it is stored only as a hash).
 */
export async function ensureFirstAdministrator(ctx: AppContext): Promise<{ username: string; oneTimePassword: string } | null> {
  if ((await repo.countStaff(ctx.db)) > 0) return null;
  try {
    const { oneTimePassword } = await createStaffUser(ctx, null, {
      username: FIRST_ADMIN_USERNAME,
      displayName: 'مدير النظام',
      roles: ['administrator'],
      scope: { categories: [], domains: [], offices: [] },
    });
    return { username: FIRST_ADMIN_USERNAME, oneTimePassword };
  } catch (error) {
    // Another instance created it first.
    if (error instanceof AppError && error.code === 'staff.username-taken') return null;
    throw error;
  }
}

/**
 * `sila create-admin USERNAME`: creates an administrator, or — the way back in when every
 * administrator is locked out — gives an existing account a new one-time password, clears its
 * authenticator, reactivates it and makes it an administrator.
 */
export async function createOrRecoverAdministrator(
  ctx: AppContext,
  username: string,
): Promise<{ oneTimePassword: string; isNew: boolean }> {
  const existing = await repo.findStaffRowByUsername(ctx.db, username);
  if (!existing) {
    const { oneTimePassword } = await createStaffUser(ctx, null, {
      username,
      displayName: username,
      roles: ['administrator'],
      scope: { categories: [], domains: [], offices: [] },
    });
    return { oneTimePassword, isNew: true };
  }
  const oneTimePassword = newOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  const now = ctx.clock.now();
  const record = await repo.loadStaff(ctx.db, existing.id);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateStaffRow(trx, existing.id, {
      password_hash: passwordHash,
      must_change_password: 1,
      password_changed_at: now.toISOString(),
      totp_secret: null,
      totp_enabled: 0,
      totp_last_step: null,
      is_active: 1,
      deactivated_at: null,
      updated_at: now.toISOString(),
    });
    const roles = [...new Set([...(record?.roles ?? []), 'administrator' as const])];
    await repo.replaceRolesAndScope(trx, existing.id, roles, record?.scope ?? { categories: [], domains: [], offices: [] });
    await trx.deleteFrom('sessions').where('principal_kind', '=', 'staff').where('principal_id', '=', existing.id).execute();
    await trx.deleteFrom('sign_in_throttle').where('key', '=', `account:${existing.username}`).execute();
    await recordAudit(trx, {
      at: now,
      actor: { kind: 'system', id: null },
      action: 'staff.recover-admin',
      entity: 'staff_user',
      entityId: existing.id,
    });
  });
  return { oneTimePassword, isNew: false };
}
