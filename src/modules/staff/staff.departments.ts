import type { Kysely } from 'kysely';
import type { CreateDepartmentBody, Department, UpdateDepartmentBody } from '../../contracts/departments.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import type { DepartmentTable } from '../../platform/db/schema-acknowledgements.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';

/**
 * Issue 26 §4 (R2): departments and sections, a setting apart from offices (offices limit which
 * families a person sees; departments say where they work, for policy copies and acknowledgements).
 * A section belongs to a department; sections do not nest further.
 */
type Db = Kysely<Database>;

async function present(db: Db, rows: readonly DepartmentTable[]): Promise<Department[]> {
  const headIds = [...new Set(rows.map((r) => r.head_user_id).filter((id): id is string => id !== null))];
  const heads = headIds.length
    ? await db.selectFrom('staff_users').select(['id', 'display_name']).where('id', 'in', headIds).execute()
    : [];
  const names = new Map(heads.map((h) => [h.id, h.display_name]));
  return rows.map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    nameAr: r.name_ar,
    nameEn: r.name_en,
    headUserId: r.head_user_id,
    headName: r.head_user_id ? (names.get(r.head_user_id) ?? null) : null,
    isActive: r.is_active === 1,
  }));
}

export async function listDepartments(ctx: AppContext): Promise<Department[]> {
  const rows = await ctx.db.selectFrom('departments').selectAll().orderBy('name_ar').orderBy('id').execute();
  return present(ctx.db, rows);
}

/** An active department (or section) by id, for a staff member's department; 400 when unknown. */
export async function assertActiveDepartment(db: Db, id: string, pointer = '/departmentId'): Promise<void> {
  const row = await db.selectFrom('departments').select('id').where('id', '=', id).where('is_active', '=', 1).executeTakeFirst();
  if (!row)
    throw AppError.badRequest('request.invalid', 'Unknown department', [
      { pointer, code: 'department.unknown', detail: 'Unknown department' },
    ]);
}

export async function hasActiveDepartments(db: Db): Promise<boolean> {
  return Boolean(await db.selectFrom('departments').select('id').where('is_active', '=', 1).limit(1).executeTakeFirst());
}

async function assertParent(db: Db, parentId: string | null, selfId?: string): Promise<void> {
  if (!parentId) return;
  const parent = await db.selectFrom('departments').select(['id', 'parent_id']).where('id', '=', parentId).executeTakeFirst();
  if (!parent || parent.parent_id !== null || parent.id === selfId) {
    throw AppError.badRequest('request.invalid', 'A section belongs to a department', [
      { pointer: '/parentId', code: 'department.parent-invalid', detail: 'Choose a department, not a section' },
    ]);
  }
}

async function assertHead(db: Db, headUserId: string | null): Promise<void> {
  if (!headUserId) return;
  const head = await db.selectFrom('staff_users').select('id').where('id', '=', headUserId).where('is_active', '=', 1).executeTakeFirst();
  if (!head)
    throw AppError.badRequest('request.invalid', 'Unknown staff member', [
      { pointer: '/headUserId', code: 'staff.not-found', detail: 'No such active staff member' },
    ]);
}

export async function createDepartment(ctx: AppContext, actor: StaffPrincipal, body: CreateDepartmentBody): Promise<Department> {
  await assertParent(ctx.db, body.parentId);
  await assertHead(ctx.db, body.headUserId);
  const now = ctx.clock.now();
  const row: DepartmentTable = {
    id: uuidv7(now.getTime()),
    parent_id: body.parentId,
    name_ar: body.nameAr,
    name_en: body.nameEn,
    head_user_id: body.headUserId,
    is_active: 1,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('departments').values(row).execute();
    await recordAudit(trx, {
      at: now,
      actor: { kind: 'staff', id: actor.userId },
      action: 'department.create',
      entity: 'department',
      entityId: row.id,
      fields: Object.keys(body),
    });
  });
  return (await present(ctx.db, [row]))[0] as Department;
}

export async function updateDepartment(
  ctx: AppContext,
  actor: StaffPrincipal,
  id: string,
  body: UpdateDepartmentBody,
): Promise<Department> {
  const current = await ctx.db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!current) throw AppError.notFound('department.not-found', 'No such department');
  if (body.parentId !== undefined) await assertParent(ctx.db, body.parentId, id);
  if (body.headUserId !== undefined) await assertHead(ctx.db, body.headUserId);
  const now = ctx.clock.now();
  const next: DepartmentTable = {
    ...current,
    name_ar: body.nameAr ?? current.name_ar,
    name_en: body.nameEn ?? current.name_en,
    parent_id: body.parentId === undefined ? current.parent_id : body.parentId,
    head_user_id: body.headUserId === undefined ? current.head_user_id : body.headUserId,
    is_active: body.isActive === undefined ? current.is_active : body.isActive ? 1 : 0,
    updated_at: now.toISOString(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('departments').set(next).where('id', '=', id).execute();
    await recordAudit(trx, {
      at: now,
      actor: { kind: 'staff', id: actor.userId },
      action: 'department.update',
      entity: 'department',
      entityId: id,
      fields: Object.keys(body).filter((k) => body[k as keyof UpdateDepartmentBody] !== undefined),
    });
  });
  return (await present(ctx.db, [next]))[0] as Department;
}

export interface StaffMember {
  id: string;
  displayName: string;
  roles: string[];
  departmentId: string | null;
}

/** Issue 26 §4–§5: the active staff with roles and department, for who must acknowledge a policy. */
/**
 * Issue 26 §4 (R1): an active staff member's department and, for a section, the department it
 * belongs to — one read, for the acknowledgement gate on every staff request (null when inactive).
 */
export async function staffDepartmentOf(
  db: Db,
  userId: string,
): Promise<{ departmentId: string | null; parentDepartmentId: string | null } | null> {
  const row = await db
    .selectFrom('staff_users')
    .leftJoin('departments', 'departments.id', 'staff_users.department_id')
    .select(['staff_users.department_id', 'departments.parent_id'])
    .where('staff_users.id', '=', userId)
    .where('staff_users.is_active', '=', 1)
    .executeTakeFirst();
  return row ? { departmentId: row.department_id ?? null, parentDepartmentId: row.parent_id ?? null } : null;
}

export async function activeStaffMembers(db: Db, { ids }: { ids?: readonly string[] } = {}): Promise<StaffMember[]> {
  if (ids && !ids.length) return [];
  let query = db.selectFrom('staff_users').select(['id', 'display_name', 'department_id']).where('is_active', '=', 1);
  if (ids) query = query.where('id', 'in', [...new Set(ids)]);
  const rows = await query.orderBy('display_name').orderBy('id').execute();
  if (!rows.length) return [];
  const roles = await db
    .selectFrom('staff_roles')
    .select(['user_id', 'role'])
    .where(
      'user_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  const byUser = new Map<string, string[]>();
  for (const r of roles) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r.role]);
  return rows.map((r) => ({ id: r.id, displayName: r.display_name, roles: byUser.get(r.id) ?? [], departmentId: r.department_id ?? null }));
}
