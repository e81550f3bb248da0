import { type Kysely, sql } from 'kysely';
import type { StaffListQuery } from '../../contracts/staff.js';
import { isStaffRole, type StaffRole } from '../../domain/roles.js';
import type { StaffScope } from '../../domain/scope.js';
import type { Database, StaffUserTable } from '../../platform/db/schema.js';

export interface StaffRecord {
  row: StaffUserTable;
  roles: StaffRole[];
  scope: StaffScope;
}

type Db = Kysely<Database>;

export async function findStaffRow(db: Db, id: string): Promise<StaffUserTable | undefined> {
  return db.selectFrom('staff_users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findStaffRowByUsername(db: Db, username: string): Promise<StaffUserTable | undefined> {
  return db.selectFrom('staff_users').selectAll().where('username', '=', username.toLowerCase()).executeTakeFirst();
}

interface Access {
  roles: StaffRole[];
  scope: { categories: string[]; domains: string[]; offices: string[] };
}

const noAccess = (): Access => ({ roles: [], scope: { categories: [], domains: [], offices: [] } });

/** One staff_roles row (kind 'role') or staff_scopes row (its kind) added to a user's access. */
function addAccess(access: Access, kind: string, code: string): void {
  if (kind === 'role') {
    if (isStaffRole(code)) access.roles.push(code);
  } else if (kind === 'category') access.scope.categories.push(code);
  else if (kind === 'domain') access.scope.domains.push(code);
  else if (kind === 'office') access.scope.offices.push(code);
}

async function rolesAndScopes(db: Db, ids: string[]): Promise<Map<string, Access>> {
  const result = new Map<string, Access>();
  for (const id of ids) result.set(id, noAccess());
  if (ids.length === 0) return result;
  const [roles, scopes] = await Promise.all([
    db.selectFrom('staff_roles').selectAll().where('user_id', 'in', ids).orderBy('role').execute(),
    db.selectFrom('staff_scopes').selectAll().where('user_id', 'in', ids).orderBy('code').execute(),
  ]);
  for (const r of roles) {
    const entry = result.get(r.user_id);
    if (entry) addAccess(entry, 'role', r.role);
  }
  for (const s of scopes) {
    const entry = result.get(s.user_id);
    if (entry) addAccess(entry, s.kind, s.code);
  }
  return result;
}

export async function loadStaff(db: Db, id: string): Promise<StaffRecord | undefined> {
  const row = await findStaffRow(db, id);
  if (!row) return undefined;
  const extra = (await rolesAndScopes(db, [id])).get(id);
  return { row, roles: extra?.roles ?? [], scope: extra?.scope ?? { categories: [], domains: [], offices: [] } };
}

export interface StaffPrincipalRecord {
  username: string;
  displayName: string;
  language: string;
  isActive: boolean;
  roles: StaffRole[];
  scope: StaffScope;
}

/**
 * What every staff request needs to know about its user, in one statement (the auth plugin runs it
 * on each request): the user's row, then one row per role and per scope entry.
 */
export async function loadStaffPrincipalRecord(db: Db, id: string): Promise<StaffPrincipalRecord | undefined> {
  const { rows } = await sql<{
    kind: string;
    code: string;
    display_name: string | null;
    language: string | null;
    is_active: number | null;
  }>`
    select 'user' as kind, username as code, display_name, language, is_active from staff_users where id = ${id}
    union all select 'role', role, null, null, null from staff_roles where user_id = ${id}
    union all select kind, code, null, null, null from staff_scopes where user_id = ${id}
    order by 1, 2`.execute(db);
  const user = rows.find((row) => row.kind === 'user');
  if (!user) return undefined;
  const access = noAccess();
  for (const { kind, code } of rows) addAccess(access, kind, code);
  return {
    username: user.code,
    displayName: user.display_name ?? '',
    language: user.language ?? 'ar',
    isActive: Number(user.is_active) === 1,
    ...access,
  };
}

export async function insertStaff(db: Db, row: StaffUserTable): Promise<void> {
  await db.insertInto('staff_users').values(row).execute();
}

export async function updateStaffRow(db: Db, id: string, patch: Partial<StaffUserTable>): Promise<void> {
  await db.updateTable('staff_users').set(patch).where('id', '=', id).execute();
}

export async function replaceRolesAndScope(db: Db, id: string, roles: readonly StaffRole[], scope: StaffScope): Promise<void> {
  await db.deleteFrom('staff_roles').where('user_id', '=', id).execute();
  await db.deleteFrom('staff_scopes').where('user_id', '=', id).execute();
  if (roles.length)
    await db
      .insertInto('staff_roles')
      .values(roles.map((role) => ({ user_id: id, role })))
      .execute();
  const scopeRows = [
    ...scope.categories.map((code) => ({ user_id: id, kind: 'category', code })),
    ...scope.domains.map((code) => ({ user_id: id, kind: 'domain', code })),
    ...scope.offices.map((code) => ({ user_id: id, kind: 'office', code })),
  ];
  if (scopeRows.length) await db.insertInto('staff_scopes').values(scopeRows).execute();
}

const SORT_COLUMNS = { username: 'username', displayName: 'display_name', createdAt: 'created_at' } as const;

export async function listStaff(db: Db, query: StaffListQuery): Promise<{ items: StaffRecord[]; total: number }> {
  let base = db.selectFrom('staff_users');
  if (query.status === 'active') base = base.where('is_active', '=', 1);
  if (query.status === 'inactive') base = base.where('is_active', '=', 0);
  if (query.q) {
    const pattern = `%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) =>
      eb.or([
        eb(sql`lower(username)`, 'like', sql`${pattern} escape '\\'`),
        eb(sql`lower(display_name)`, 'like', sql`${pattern} escape '\\'`),
      ]),
    );
  }
  const column = SORT_COLUMNS[query.sort];
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy(column, query.order)
      .orderBy('id', query.order)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const extra = await rolesAndScopes(
    db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((row) => ({
      row,
      roles: extra.get(row.id)?.roles ?? [],
      scope: extra.get(row.id)?.scope ?? { categories: [], domains: [], offices: [] },
    })),
    total: Number(count.n),
  };
}

export async function countStaff(db: Db): Promise<number> {
  const { n } = await db
    .selectFrom('staff_users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}
