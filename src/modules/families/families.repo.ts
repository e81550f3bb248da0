import { type ExpressionBuilder, type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { FamilyFilters, FamilyListQuery } from '../../contracts/families.js';
import type { Engine } from '../../platform/db/dialect.js';
import type { Database, FamilyTable, HouseholdMemberTable } from '../../platform/db/schema.js';
import type { FamilyVisibility } from './families.policy.js';
import { countNameMatches, type NameDrive, nameSearchCondition } from './families.search.js';

type Db = Kysely<Database>;
type FamilyQuery = SelectQueryBuilder<Database, 'families', object>;

/**
 * How a list asks SQLite to walk the families: `ordered` lists read their sort index in order and stop
 * at the page (issue 3 §5), so the scope and filter columns are written `+column`, which SQLite's
 * planner does not use to pick an index — otherwise it drives by the scope index and sorts every
 * family of the scope (5 s for one office at a million families). PostgreSQL plans by cost and has
 * no such operator on text, so it is given the plain columns.
 */
type Plan = 'any' | 'ordered';

function column(engine: Engine | null, plan: Plan, name: 'families.office' | 'families.category' | 'families.origin_channel') {
  return engine === 'sqlite' && plan === 'ordered' ? sql<string>`+${sql.ref(name)}` : sql<string>`${sql.ref(name)}`;
}

/** The family works in one of `domains` (a scope's set, or a filter's one domain). */
function hasDomainIn(domains: readonly string[]) {
  return (eb: ExpressionBuilder<Database, 'families'>) =>
    eb.exists(
      eb
        .selectFrom('family_domains')
        .select('family_domains.family_id')
        .whereRef('family_domains.family_id', '=', 'families.id')
        .where('family_domains.domain', 'in', domains),
    );
}

/**
 * Every read of families goes through this base query, so scope is applied to get, list, count,
 * search and export alike (F2). Out-of-scope rows simply are not there (the API answers 404).
 */
export function visibleFamilies(db: Db, visibility: FamilyVisibility, engine: Engine | null = null, plan: Plan = 'any'): FamilyQuery {
  let query = db.selectFrom('families');
  if (visibility.isNone) return query.where(sql<boolean>`1 = 0`);
  if (visibility.registeredBy) query = query.where('families.registered_by', '=', visibility.registeredBy);
  const { categories, domains, offices } = visibility.scope;
  if (categories.length) query = query.where(column(engine, plan, 'families.category'), 'in', categories);
  if (offices.length) query = query.where(column(engine, plan, 'families.office'), 'in', offices);
  if (domains.length) query = query.where(hasDomainIn(domains));
  return query;
}

/**
 * A filter outside the user's scope (an office, category or domain they do not cover) matches nothing:
 * said at once, instead of walking a million families to find none (issue 3 §5).
 */
function narrowed(visibility: FamilyVisibility, filters: FamilyFilters): FamilyVisibility {
  const { categories, offices, domains } = visibility.scope;
  const outside = (wanted: string | undefined, allowed: readonly string[]) =>
    wanted !== undefined && allowed.length > 0 && !allowed.includes(wanted);
  return outside(filters.category, categories) || outside(filters.office, offices) || outside(filters.domain, domains)
    ? { ...visibility, isNone: true }
    : visibility;
}

export function applyFilters(
  query: FamilyQuery,
  engine: Engine,
  filters: FamilyFilters,
  plan: Plan = 'any',
  drive: NameDrive = 'names',
): FamilyQuery {
  let q = query;
  if (filters.category) q = q.where(column(engine, plan, 'families.category'), '=', filters.category);
  if (filters.office) q = q.where(column(engine, plan, 'families.office'), '=', filters.office);
  if (filters.originChannel) q = q.where(column(engine, plan, 'families.origin_channel'), '=', filters.originChannel);
  if (filters.domain) q = q.where(hasDomainIn([filters.domain]));
  if (filters.q) {
    if (isReference(filters.q)) q = q.where('families.reference', '=', filters.q.trim().toUpperCase());
    else q = q.where(nameSearchCondition(engine, filters.q, drive));
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

/**
 * A name matched by more families than this is searched by walking the sort index and checking each
 * family against the name index; fewer are fetched through the name index and sorted (issue 3 §5:
 * «احمد» matches 75 thousand of a million families, «محمد الغامدي» a thousand).
 */
export const NAMES_TO_SORT = 2_000;

/**
 * How the page query finds its families: through the name index when a name matches at most
 * NAMES_TO_SORT families, else by walking the sort index (SQLite; PostgreSQL plans by cost).
 */
export async function nameDriveFor(db: Db, engine: Engine, q: string | undefined): Promise<NameDrive> {
  if (engine !== 'sqlite' || !q || isReference(q)) return 'names';
  return (await countNameMatches(db, engine, q, NAMES_TO_SORT)) > NAMES_TO_SORT ? 'sort-index' : 'names';
}

/** The page query itself (one row more than the page, to know there is a next one); the bench runs it too. */
export function familyPageQuery(
  db: Db,
  engine: Engine,
  visibility: FamilyVisibility,
  query: FamilyListQuery,
  after: [string, string] | null,
  drive: NameDrive,
) {
  const column = SORT_COLUMNS[query.sort];
  let q = applyFilters(visibleFamilies(db, narrowed(visibility, query), engine, 'ordered'), engine, query, 'ordered', drive);
  if (after) {
    const op = query.order === 'asc' ? '>' : '<';
    q = q.where(sql<boolean>`(${sql.ref(column)}, families.id) ${sql.raw(op)} (${after[0]}, ${after[1]})`);
  }
  return q
    .selectAll('families')
    .orderBy(column, query.order)
    .orderBy('families.id', query.order)
    .limit(query.limit + 1);
}

/** Keyset pagination on (sort column, id): pages stay fast however deep (issue 3 §5). */
export async function listFamilyRows(
  db: Db,
  engine: Engine,
  visibility: FamilyVisibility,
  query: FamilyListQuery,
  after: [string, string] | null,
): Promise<{ rows: FamilyTable[]; next: [string, string] | null }> {
  const drive = await nameDriveFor(db, engine, query.q);
  const rows = await familyPageQuery(db, engine, visibility, query, after, drive).execute();
  const hasMore = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const key = (row: FamilyTable): [string, string] => [
    query.sort === 'createdAt' ? row.created_at : query.sort === 'name' ? row.name_normalised : row.reference,
    row.id,
  ];
  return { rows: page, next: hasMore && last ? key(last) : null };
}

/**
 * Families in scope matching `filters`, counted up to `cap` (a count answers "more than 1,000"
 * rather than reading a million rows; issue 3 §5): the number and whether it stopped at the cap.
 */
export async function countFamilyRows(
  db: Db,
  engine: Engine,
  visibility: FamilyVisibility,
  filters: FamilyFilters,
  cap: number,
): Promise<{ count: number; isCapped: boolean }> {
  // A rare name is counted from the name index's matches, each checked against the scope (scope
  // columns kept out of SQLite's index choice: «موسي» 90 → 4 ms); a common name and a list without a
  // name by the scope index, a common name's matches read once into a list («احمد» 55 ms).
  const plan = filters.q && (await nameDriveFor(db, engine, filters.q)) === 'names' ? 'ordered' : 'any';
  const row = await db
    .selectFrom(
      applyFilters(visibleFamilies(db, narrowed(visibility, filters), engine, plan), engine, filters, plan)
        .select('families.id')
        .limit(cap + 1)
        .as('matched'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const n = Number(row.n);
  return { count: Math.min(n, cap), isCapped: n > cap };
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
