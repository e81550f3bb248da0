import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { FamilyFilters, FamilyListQuery } from '../../contracts/families.js';
import type { Engine } from '../../platform/db/dialect.js';
import type { Database, FamilyTable, HouseholdMemberTable } from '../../platform/db/schema.js';
import type { FamilyVisibility } from './families.policy.js';
import { nameSearchCondition } from './families.search.js';

type Db = Kysely<Database>;
type FamilyQuery = SelectQueryBuilder<Database, 'families', object>;

/**
 * Every read of families goes through this base query, so scope is applied to get, list, count,
 * search and export alike (F2). Out-of-scope rows simply are not there (the API answers 404).
 */
export function visibleFamilies(db: Db, visibility: FamilyVisibility): FamilyQuery {
  let query = db.selectFrom('families');
  if (visibility.isNone) return query.where(sql<boolean>`1 = 0`);
  if (visibility.registeredBy) query = query.where('families.registered_by', '=', visibility.registeredBy);
  const { categories, domains, offices } = visibility.scope;
  if (categories.length) query = query.where('families.category', 'in', categories);
  if (offices.length) query = query.where('families.office', 'in', offices);
  if (domains.length) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('family_domains')
          .select('family_domains.family_id')
          .whereRef('family_domains.family_id', '=', 'families.id')
          .where('family_domains.domain', 'in', domains),
      ),
    );
  }
  return query;
}

export function applyFilters(query: FamilyQuery, engine: Engine, filters: FamilyFilters): FamilyQuery {
  let q = query;
  if (filters.category) q = q.where('families.category', '=', filters.category);
  if (filters.office) q = q.where('families.office', '=', filters.office);
  if (filters.originChannel) q = q.where('families.origin_channel', '=', filters.originChannel);
  if (filters.domain) {
    const domain = filters.domain;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('family_domains')
          .select('family_domains.family_id')
          .whereRef('family_domains.family_id', '=', 'families.id')
          .where('family_domains.domain', '=', domain),
      ),
    );
  }
  if (filters.q) {
    if (isReference(filters.q)) q = q.where('families.reference', '=', filters.q.trim().toUpperCase());
    else q = q.where(nameSearchCondition(engine, filters.q));
  }
  return q;
}

export function isReference(text: string): boolean {
  return /^FAM-\d{4}-\d{1,9}$/i.test(text.trim());
}

const SORT_COLUMNS = { createdAt: 'families.created_at', name: 'families.name_normalised', reference: 'families.reference' } as const;

export function encodeCursor(values: [string, string]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string): [string, string] | null {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string') ? (value as [string, string]) : null;
  } catch {
    return null;
  }
}

/** Keyset pagination on (sort column, id): pages stay fast however deep (issue 3 §5). */
export async function listFamilyRows(
  db: Db,
  engine: Engine,
  visibility: FamilyVisibility,
  query: FamilyListQuery,
  after: [string, string] | null,
): Promise<{ rows: FamilyTable[]; next: [string, string] | null }> {
  const column = SORT_COLUMNS[query.sort];
  let q = applyFilters(visibleFamilies(db, visibility), engine, query);
  if (after) {
    const op = query.order === 'asc' ? '>' : '<';
    q = q.where(sql<boolean>`(${sql.ref(column)}, families.id) ${sql.raw(op)} (${after[0]}, ${after[1]})`);
  }
  const rows = await q
    .selectAll('families')
    .orderBy(column, query.order)
    .orderBy('families.id', query.order)
    .limit(query.limit + 1)
    .execute();
  const hasMore = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const key = (row: FamilyTable): [string, string] => [
    query.sort === 'createdAt' ? row.created_at : query.sort === 'name' ? row.name_normalised : row.reference,
    row.id,
  ];
  return { rows: page, next: hasMore && last ? key(last) : null };
}

export async function countFamilyRows(db: Db, engine: Engine, visibility: FamilyVisibility, filters: FamilyFilters): Promise<number> {
  const row = await applyFilters(visibleFamilies(db, visibility), engine, filters)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findVisibleFamily(db: Db, visibility: FamilyVisibility, id: string): Promise<FamilyTable | undefined> {
  return visibleFamilies(db, visibility).selectAll('families').where('families.id', '=', id).executeTakeFirst();
}

export async function findFamilyRow(db: Db, id: string): Promise<FamilyTable | undefined> {
  return db.selectFrom('families').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function domainsOf(db: Db, familyIds: string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(familyIds.map((id) => [id, []]));
  if (!familyIds.length) return result;
  const rows = await db.selectFrom('family_domains').selectAll().where('family_id', 'in', familyIds).orderBy('domain').execute();
  for (const row of rows) result.get(row.family_id)?.push(row.domain);
  return result;
}

export async function membersOf(db: Db, familyId: string): Promise<HouseholdMemberTable[]> {
  return db.selectFrom('household_members').selectAll().where('family_id', '=', familyId).orderBy('position').execute();
}

/** Moved to platform/db/references.ts so complaints and requests number their records the same way. */
export { nextReference } from '../../platform/db/references.js';

export async function findIdentity(db: Db, indexes: string[]) {
  if (!indexes.length) return undefined;
  return db.selectFrom('identity_index').selectAll().where('national_id_index', 'in', indexes).executeTakeFirst();
}

export async function findByNameAndMobile(db: Db, nameNormalised: string, mobileIndexes: string[], exceptId?: string) {
  if (!mobileIndexes.length) return undefined;
  let q = db
    .selectFrom('families')
    .select(['id', 'office'])
    .where('name_normalised', '=', nameNormalised)
    .where('mobile_index', 'in', mobileIndexes);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.executeTakeFirst();
}
