import type { Kysely } from 'kysely';
import type {
  ChecklistItem,
  CreateRequestTypeBody,
  RequestType,
  RequestTypeVersion,
  UpdateRequestTypeBody,
} from '../../contracts/requests.js';
import { MAX_REPLY_WORKING_DAYS } from '../../domain/reply-ceiling.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import type { RequestTypeTable } from '../../platform/db/schema-requests.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { recordAudit } from '../audit/index.js';
import { staffNames } from '../staff/index.js';
import { snapshotCurrent, snapshotType, versionsOf } from './request-type-versions.js';
import { DEFAULT_REQUEST_TYPES } from './request-types.defaults.js';

/** Request types (issue 5 §1; C2, C6): settings for administrators, read by intake and the portal. */
type Db = Kysely<Database>;

const SEEDED_FLAG = 'request-types:seeded';

export function presentType(row: RequestTypeTable): RequestType {
  return {
    code: row.code,
    nameAr: row.name_ar,
    nameEn: row.name_en,
    criteriaAr: row.criteria_ar,
    criteriaEn: row.criteria_en,
    checklist: JSON.parse(row.checklist) as ChecklistItem[],
    committeeId: row.committee_id,
    responseWorkingDays: row.response_working_days,
    warningThreshold: row.warning_threshold,
    isActive: row.is_active === 1,
    sortOrder: row.sort_order,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

function rowOf(body: CreateRequestTypeBody, now: string, by: string | null): RequestTypeTable {
  return {
    code: body.code,
    name_ar: body.nameAr,
    name_en: body.nameEn,
    criteria_ar: body.criteriaAr,
    criteria_en: body.criteriaEn,
    checklist: JSON.stringify(body.checklist),
    committee_id: body.committeeId,
    response_working_days: body.responseWorkingDays,
    warning_threshold: body.warningThreshold,
    is_active: body.isActive ? 1 : 0,
    sort_order: body.sortOrder,
    version: 1,
    created_at: now,
    updated_at: now,
    updated_by: by,
  };
}

/**
 * Harif's demo types, once: on the first read when the table has never been seeded (a flag in
 * `counters` remembers, so types an administrator deactivated never come back).
 */
export async function ensureDefaultTypes(ctx: AppContext): Promise<void> {
  const flag = await ctx.db.selectFrom('counters').select('value').where('name', '=', SEEDED_FLAG).executeTakeFirst();
  if (flag) return;
  await ctx.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('counters')
      .values({ name: SEEDED_FLAG, value: 1 })
      .onConflict((oc) => oc.column('name').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) return;
    const existing = await trx.selectFrom('request_types').select('code').execute();
    const now = ctx.clock.now().toISOString();
    const rows = DEFAULT_REQUEST_TYPES.filter((t) => !existing.some((e) => e.code === t.code)).map((t) => rowOf(t, now, null));
    if (rows.length) await trx.insertInto('request_types').values(rows).execute();
    // B5, C2: each seeded type starts at version 1, snapshotted like any other.
    for (const row of rows) await snapshotType(trx, row);
  });
}

export async function listRequestTypes(ctx: AppContext, { activeOnly }: { activeOnly: boolean }): Promise<RequestType[]> {
  await ensureDefaultTypes(ctx);
  let query = ctx.db.selectFrom('request_types').selectAll();
  if (activeOnly) query = query.where('is_active', '=', 1);
  const rows = await query.orderBy('sort_order').orderBy('code').execute();
  return rows.map(presentType);
}

export async function findType(db: Db, code: string): Promise<RequestType | null> {
  const row = await db.selectFrom('request_types').selectAll().where('code', '=', code).executeTakeFirst();
  return row ? presentType(row) : null;
}

/** Several types by code, in one read (a page of drafts names a handful). */
export async function findTypes(db: Db, codes: readonly string[]): Promise<Map<string, RequestType>> {
  if (!codes.length) return new Map();
  const rows = await db
    .selectFrom('request_types')
    .selectAll()
    .where('code', 'in', [...codes])
    .execute();
  return new Map(rows.map((row) => [row.code, presentType(row)]));
}

export async function getRequestType(ctx: AppContext, code: string): Promise<RequestType> {
  await ensureDefaultTypes(ctx);
  const type = await findType(ctx.db, code);
  if (!type) throw AppError.notFound('request-type.not-found', 'No such request type');
  return type;
}

/**
 * C6: the reply is due within 15 working days at most (the contract refuses more; checked here too
 * for every caller), and the warning comes before the deadline.
 */
function assertReplyTerms(days: number, threshold: number | null): void {
  if (days > MAX_REPLY_WORKING_DAYS)
    throw AppError.badRequest('request.invalid', 'The policy allows at most 15 working days for a reply (C6)', [
      { pointer: '/responseWorkingDays', code: 'request-type.days-over-ceiling', detail: 'At most 15 working days (C6)' },
    ]);
  if (threshold !== null && threshold >= days)
    throw AppError.badRequest('request.invalid', 'The warning must come before the deadline', [
      { pointer: '/warningThreshold', code: 'request-type.threshold-too-large', detail: 'Fewer working days than the reply deadline' },
    ]);
}

export async function createRequestType(ctx: AppContext, principal: StaffPrincipal, body: CreateRequestTypeBody): Promise<RequestType> {
  await ensureDefaultTypes(ctx);
  assertReplyTerms(body.responseWorkingDays, body.warningThreshold);
  const now = ctx.clock.now();
  const row = rowOf(body, now.toISOString(), principal.userId);
  await ctx.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('request_types').select('code').where('code', '=', body.code).executeTakeFirst();
    if (existing) throw AppError.conflict('request-type.duplicate', 'A request type with this code exists');
    await trx.insertInto('request_types').values(row).execute();
    await snapshotType(trx, row);
    await recordAudit(trx, {
      at: now,
      actor: { kind: 'staff', id: principal.userId },
      action: 'request-type.create',
      entity: 'request_type',
      entityId: body.code,
      fields: Object.keys(body),
    });
  });
  return presentType(row);
}

export async function updateRequestType(
  ctx: AppContext,
  principal: StaffPrincipal,
  code: string,
  body: UpdateRequestTypeBody,
): Promise<RequestType> {
  const current = await getRequestType(ctx, code);
  const days = body.responseWorkingDays ?? current.responseWorkingDays;
  const threshold = body.warningThreshold === undefined ? current.warningThreshold : body.warningThreshold;
  assertReplyTerms(days, threshold);
  const now = ctx.clock.now();
  const { version, ...changes } = body;
  await ctx.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('request_types')
      .set({
        ...(changes.nameAr !== undefined ? { name_ar: changes.nameAr } : {}),
        ...(changes.nameEn !== undefined ? { name_en: changes.nameEn } : {}),
        ...(changes.criteriaAr !== undefined ? { criteria_ar: changes.criteriaAr } : {}),
        ...(changes.criteriaEn !== undefined ? { criteria_en: changes.criteriaEn } : {}),
        ...(changes.checklist !== undefined ? { checklist: JSON.stringify(changes.checklist) } : {}),
        ...(changes.committeeId !== undefined ? { committee_id: changes.committeeId } : {}),
        ...(changes.responseWorkingDays !== undefined ? { response_working_days: changes.responseWorkingDays } : {}),
        ...(changes.warningThreshold !== undefined ? { warning_threshold: changes.warningThreshold } : {}),
        ...(changes.isActive !== undefined ? { is_active: changes.isActive ? 1 : 0 } : {}),
        ...(changes.sortOrder !== undefined ? { sort_order: changes.sortOrder } : {}),
        version: current.version + 1,
        updated_at: now.toISOString(),
        updated_by: principal.userId,
      })
      .where('code', '=', code)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1)
      throw AppError.conflict('request-type.version-conflict', 'Someone else changed this request type meanwhile; reload and try again');
    // B5, C2: one snapshot per edit, in the edit's transaction (requests filed meanwhile keep theirs).
    await snapshotCurrent(trx, code);
    await recordAudit(trx, {
      at: now,
      actor: { kind: 'staff', id: principal.userId },
      action: 'request-type.update',
      entity: 'request_type',
      entityId: code,
      fields: Object.keys(changes),
    });
  });
  return getRequestType(ctx, code);
}

/** B5, C2: a type's versions, newest first (404 for an unknown type). */
export async function requestTypeVersions(ctx: AppContext, code: string): Promise<RequestTypeVersion[]> {
  await getRequestType(ctx, code);
  const versions = (await versionsOf(ctx.db, [code])).get(code) ?? [];
  const names = await staffNames(
    ctx.db,
    versions.map((v) => v.createdBy),
  );
  return versions.map((v) => ({ ...v, createdByName: v.createdBy ? (names.get(v.createdBy) ?? null) : null }));
}

/** An active type, or 400 `request-type.unknown` on `/typeCode`. */
export async function requireActiveType(db: Db, code: string): Promise<RequestType> {
  const type = await findType(db, code);
  if (!type?.isActive)
    throw AppError.badRequest('request.invalid', 'Unknown request type', [
      { pointer: '/typeCode', code: 'request-type.unknown', detail: 'No active request type with this code' },
    ]);
  return type;
}
