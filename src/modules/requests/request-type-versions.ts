import type { Kysely } from 'kysely';
import type { ChecklistItem, RequestTypeVersion } from '../../contracts/requests.js';
import type { Database } from '../../platform/db/schema.js';
import type { RequestTypeTable, RequestTypeVersionTable } from '../../platform/db/schema-requests.js';

/**
 * Request types' versions (issue 26 §3; B5, C2, G2): every create and edit of a type writes one
 * snapshot — names, criteria, checklist, reply days — in the same transaction as the type itself, so
 * `request_types.version` always has its row here. A request records the version it was filed under.
 */
type Db = Kysely<Database>;

/** The snapshot of `row` as it now stands (written by whoever wrote the type, when they did). */
export async function snapshotType(trx: Db, row: RequestTypeTable): Promise<void> {
  const snapshot: RequestTypeVersionTable = {
    type_code: row.code,
    version: row.version,
    name_ar: row.name_ar,
    name_en: row.name_en,
    criteria_ar: row.criteria_ar,
    criteria_en: row.criteria_en,
    checklist: row.checklist,
    committee_id: row.committee_id,
    response_working_days: row.response_working_days,
    warning_threshold: row.warning_threshold,
    is_active: row.is_active,
    created_at: row.updated_at,
    created_by: row.updated_by,
  };
  await trx.insertInto('request_type_versions').values(snapshot).execute();
}

/** The type's current row re-read inside `trx`, then snapshotted (an edit's values as stored). */
export async function snapshotCurrent(trx: Db, code: string): Promise<void> {
  const row = await trx.selectFrom('request_types').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
  await snapshotType(trx, row);
}

export function presentVersion(row: RequestTypeVersionTable): RequestTypeVersion {
  return {
    code: row.type_code,
    version: row.version,
    nameAr: row.name_ar,
    nameEn: row.name_en,
    criteriaAr: row.criteria_ar,
    criteriaEn: row.criteria_en,
    checklist: JSON.parse(row.checklist) as ChecklistItem[],
    committeeId: row.committee_id,
    responseWorkingDays: row.response_working_days,
    warningThreshold: row.warning_threshold,
    isActive: row.is_active === 1,
    createdAt: row.created_at,
    createdBy: row.created_by,
    createdByName: null,
  };
}

/** Every version of the types named, newest first within each type. */
export async function versionsOf(db: Db, codes: readonly string[]): Promise<Map<string, RequestTypeVersion[]>> {
  const result = new Map<string, RequestTypeVersion[]>();
  if (!codes.length) return result;
  const rows = await db
    .selectFrom('request_type_versions')
    .selectAll()
    .where('type_code', 'in', [...codes])
    .orderBy('type_code')
    .orderBy('version', 'desc')
    .execute();
  for (const row of rows) {
    const list = result.get(row.type_code) ?? [];
    list.push(presentVersion(row));
    result.set(row.type_code, list);
  }
  return result;
}

/**
 * C2, C3 (issue 26 §3): the type as a request was filed under it — its criteria and checklist from
 * the version the request records, so an edit of the type after filing neither adds requirements to
 * it nor drops any; names, reply days and committee stay the type's own (they run the work).
 */
export async function asFiled<T extends { version: number; criteriaAr: string; criteriaEn: string; checklist: ChecklistItem[] }>(
  db: Db,
  row: { type_code: string; type_version: number | null },
  type: T,
): Promise<T> {
  if (row.type_version === null || row.type_version === type.version) return type;
  const snapshot = await db
    .selectFrom('request_type_versions')
    .select(['criteria_ar', 'criteria_en', 'checklist'])
    .where('type_code', '=', row.type_code)
    .where('version', '=', row.type_version)
    .executeTakeFirst();
  if (!snapshot) return type;
  return { ...type, criteriaAr: snapshot.criteria_ar, criteriaEn: snapshot.criteria_en, checklist: JSON.parse(snapshot.checklist) };
}

/** Lists (C3): the checklists of the versions `rows` were filed under, when not the type's current one — one read. */
export async function filedChecklists(
  db: Db,
  rows: readonly { type_code: string; type_version: number | null }[],
  current: Map<string, { version: number }>,
): Promise<Map<string, ChecklistItem[]>> {
  const older = rows.filter((r) => r.type_version !== null && r.type_version !== current.get(r.type_code)?.version);
  if (!older.length) return new Map();
  const found = await db
    .selectFrom('request_type_versions')
    .select(['type_code', 'version', 'checklist'])
    .where(
      'type_code',
      'in',
      older.map((r) => r.type_code),
    )
    .execute();
  return new Map(found.map((v) => [`${v.type_code}@${v.version}`, JSON.parse(v.checklist) as ChecklistItem[]]));
}

/**
 * Every version's checklist by `code@version`, and each type's newest under `code` (for a request
 * written outside intake, with no version) — one read, for the access copy's snapshot (issue 25 §3).
 */
export async function checklistsByVersion(db: Db): Promise<Map<string, ChecklistItem[]>> {
  const rows = await db
    .selectFrom('request_type_versions')
    .select(['type_code', 'version', 'checklist'])
    .orderBy('type_code')
    .orderBy('version')
    .execute();
  const result = new Map<string, ChecklistItem[]>();
  for (const row of rows) {
    const checklist = JSON.parse(row.checklist) as ChecklistItem[];
    result.set(`${row.type_code}@${row.version}`, checklist);
    result.set(row.type_code, checklist);
  }
  return result;
}
