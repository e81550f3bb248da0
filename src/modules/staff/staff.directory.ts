import { type Kysely, sql } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

/**
 * Staff members as other areas read them (through staff/index.ts): names for display, who holds a
 * role, a staff member as a message recipient, the picker's search. The staff tables are this
 * area's own; every other area asks here.
 */
type Db = Kysely<Database>;

const unique = (ids: Iterable<string | null | undefined>) => [...new Set([...ids].filter((id): id is string => Boolean(id)))];

/** Display names by id (inactive staff included: records keep naming who acted). */
export async function staffNames(db: Db, ids: Iterable<string | null | undefined>): Promise<Map<string, string>> {
  const wanted = unique(ids);
  if (!wanted.length) return new Map();
  const rows = await db.selectFrom('staff_users').select(['id', 'display_name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** Display names of the active staff among `ids`. */
export async function activeStaffNames(db: Db, ids: Iterable<string | null | undefined>): Promise<Map<string, string>> {
  const wanted = unique(ids);
  if (!wanted.length) return new Map();
  const rows = await db
    .selectFrom('staff_users')
    .select(['id', 'display_name'])
    .where('id', 'in', wanted)
    .where('is_active', '=', 1)
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** Active staff holding any of `roles`, by name (optionally only among `ids`). */
export async function activeStaffWithRole(
  db: Db,
  roles: readonly string[],
  { ids }: { ids?: readonly string[] } = {},
): Promise<Array<{ id: string; displayName: string }>> {
  if (!roles.length || (ids && !ids.length)) return [];
  let query = db
    .selectFrom('staff_users')
    .innerJoin('staff_roles', 'staff_roles.user_id', 'staff_users.id')
    .select(['staff_users.id', 'staff_users.display_name'])
    .distinct()
    .where('staff_roles.role', 'in', [...roles])
    .where('staff_users.is_active', '=', 1)
    .orderBy('staff_users.display_name')
    .orderBy('staff_users.id');
  if (ids) query = query.where('staff_users.id', 'in', [...new Set(ids)]);
  return (await query.execute()).map((r) => ({ id: r.id, displayName: r.display_name }));
}

/** Which of `ids` hold any of `roles` (active or not: the caller decides what inactivity means). */
export async function holdersOfRoles(db: Db, ids: readonly string[], roles: readonly string[]): Promise<Set<string>> {
  if (!ids.length || !roles.length) return new Set();
  const rows = await db
    .selectFrom('staff_roles')
    .select('user_id')
    .where('user_id', 'in', [...new Set(ids)])
    .where('role', 'in', [...roles])
    .execute();
  return new Set(rows.map((r) => r.user_id));
}

/** A staff member as a message recipient: the staff app always, e-mail when they have an address. */
export async function staffContact(db: Db, id: string) {
  return db
    .selectFrom('staff_users')
    .select(['id', 'display_name', 'email', 'language', 'is_active'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Active staff by display name for pickers: a case-insensitive substring (LIKE, wildcards escaped), the same on both engines. */
export async function searchActiveStaff(db: Db, { q, limit }: { q?: string | undefined; limit: number }) {
  let select = db
    .selectFrom('staff_users')
    .select(['id', 'display_name'])
    .where('is_active', '=', 1)
    .orderBy('display_name')
    .orderBy('id')
    .limit(limit);
  if (q) {
    const pattern = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    select = select.where(sql<boolean>`lower(display_name) like ${pattern} escape '\\'`);
  }
  return (await select.execute()).map((r) => ({ id: r.id, displayName: r.display_name }));
}
