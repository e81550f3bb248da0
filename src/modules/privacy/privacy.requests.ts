import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { createRequestBody, PrivacyRequestDetail, PrivacyRequestSummary, requestListQuery } from '../../contracts/privacy.js';
import { riyadhCalendarDay } from '../../domain/dates.js';
import { requestDeadline, warningDay } from '../../domain/privacy-clock.js';
import { isInScope } from '../../domain/scope.js';
import type { AppContext } from '../../platform/context.js';
import { nextReference } from '../../platform/db/references.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { uuidv7 } from '../../platform/ids.js';
import { type AuditEntry, recordAudit } from '../audit/index.js';
import { complaintByTracking } from '../complaints/index.js';
import { familyContact, familyIdByReference } from '../families/index.js';
import { assertOfficer, loadVisibleRequest, type RequestRow, requestNotFound, requestVisibleTo } from './privacy.policy.js';
import { ABOUT, presentDetail, presentSummary, requesterLabels } from './privacy.present.js';
import { requestAad, seal } from './privacy.sealing.js';
import { getPrivacySettings } from './privacy.settings.js';

/**
 * Data-subject requests (issue 25 §2, F2): recorded by a privacy officer (or filed by a family in the
 * portal), on the 30-calendar-day clock from receipt; listed and read by the privacy office within
 * its scope, every view audited.
 */
type Db = Kysely<Database>;
type Actor = AuditEntry['actor'];

export const today = (ctx: AppContext) => riyadhCalendarDay(ctx.clock.now());

export async function auditRequest(trx: Db, ctx: AppContext, actor: Actor, action: string, id: string, details?: Record<string, unknown>) {
  await recordAudit(trx, {
    at: ctx.clock.now(),
    actor,
    action: `privacy.${action}`,
    entity: ABOUT,
    entityId: id,
    ...(details ? { details } : {}),
  });
}

interface NewRequest {
  kind: string;
  channel: string;
  requesterKind: 'family' | 'complainant';
  familyId: string | null;
  complaintId: string | null;
  requesterName: string | undefined;
  relation: string;
  details: string | undefined;
  receivedAt: Date;
  createdBy: string | null;
}

/** Writes the request on its clock: deadline = receipt day + the answer period (≤ 30, F2), warning before it. */
export async function insertRequest(trx: Db, ctx: AppContext, input: NewRequest, actor: Actor): Promise<RequestRow> {
  const now = ctx.clock.now();
  const settings = await getPrivacySettings(ctx, trx);
  const receivedDay = riyadhCalendarDay(input.receivedAt);
  const deadlineDay = requestDeadline(receivedDay, settings.answerDays);
  const id = uuidv7(now.getTime());
  const row: RequestRow = {
    id,
    reference: await nextReference({ root: ctx.db, trx }, 'PDR', Number(riyadhCalendarDay(now).slice(0, 4))),
    kind: input.kind,
    channel: input.channel,
    status: 'received',
    requester_kind: input.requesterKind,
    family_id: input.familyId,
    complaint_id: input.complaintId,
    requester_name: seal(ctx, requestAad(id, 'requester_name'), input.requesterName),
    relation: input.relation,
    details: seal(ctx, requestAad(id, 'details'), input.details),
    received_at: input.receivedAt.toISOString(),
    received_day: receivedDay,
    deadline_day: deadlineDay,
    warn_day: warningDay(receivedDay, deadlineDay, settings.warningDays),
    extended_at: null,
    extended_by: null,
    extension_reason: null,
    verification_method: null,
    verification_note: null,
    verified_at: null,
    verified_by: null,
    answer: null,
    answered_at: null,
    answered_by: null,
    refusal_reason: null,
    correction_linked_at: null,
    correction_linked_by: null,
    warned_at: null,
    escalated_at: null,
    created_by: input.createdBy,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
    version: 1,
  };
  await trx.insertInto('privacy_requests').values(row).execute();
  await auditRequest(trx, ctx, actor, 'request-create', id, { kind: input.kind, channel: input.channel, deadline: deadlineDay });
  return row;
}

const invalid = (pointer: string, code: string, detail: string) =>
  AppError.unprocessable('privacy.invalid', detail, [{ pointer, code, detail }]);

/** `POST /privacy/requests`: the requester is a family in the officer's scope (404 outside it) or a complaint's writer. */
export async function createRequest(
  ctx: AppContext,
  principal: StaffPrincipal,
  body: z.infer<typeof createRequestBody>,
): Promise<PrivacyRequestDetail> {
  assertOfficer(principal);
  const now = ctx.clock.now();
  const receivedAt = body.receivedAt ? new Date(body.receivedAt) : now;
  if (receivedAt.getTime() > now.getTime()) throw invalid('/receivedAt', 'field.date-future', 'Received in the future');
  return ctx.db.transaction().execute(async (trx) => {
    let familyId: string | null = null;
    let complaintId: string | null = null;
    let requesterName: string | undefined;
    if (body.requester.kind === 'family') {
      const { familyReference } = body.requester;
      const id = body.requester.familyId ?? (familyReference ? await familyIdByReference(trx, familyReference) : null);
      if (!body.requester.familyId && !familyReference) throw invalid('/requester/familyId', 'field.required', 'Name the family');
      const family = id ? await familyContact(ctx, id, trx) : null;
      // F2: a family outside the officer's scope does not exist for them.
      if (!family || !isInScope(principal.scope, family.scope)) throw requestNotFound();
      familyId = family.id;
      requesterName = body.requester.memberName;
    } else {
      const complaint = await complaintByTracking(trx, ctx, body.requester.complaintReference, body.requester.trackingCode);
      if (!complaint)
        throw invalid('/requester/trackingCode', 'privacy.complaint-not-found', 'No case with this reference and tracking code');
      complaintId = complaint.id;
      familyId = complaint.familyId;
      if (familyId) {
        const family = await familyContact(ctx, familyId, trx);
        if (!family || !isInScope(principal.scope, family.scope)) throw requestNotFound();
      }
      requesterName = body.requester.name ?? complaint.writerName ?? undefined;
    }
    const row = await insertRequest(
      trx,
      ctx,
      {
        kind: body.kind,
        channel: body.channel,
        requesterKind: body.requester.kind,
        familyId,
        complaintId,
        requesterName,
        relation: body.relation,
        details: body.details,
        receivedAt,
        createdBy: principal.userId,
      },
      { kind: 'staff', id: principal.userId },
    );
    return presentDetail(trx, ctx, row, principal, today(ctx));
  });
}

export async function getRequest(ctx: AppContext, principal: StaffPrincipal, id: string): Promise<PrivacyRequestDetail> {
  const row = await loadVisibleRequest(ctx.db, principal, id);
  await auditRequest(ctx.db, ctx, { kind: 'staff', id: principal.userId }, 'request-view', id);
  return presentDetail(ctx.db, ctx, row, principal, today(ctx));
}

const badCursor = () =>
  AppError.badRequest('request.invalid', 'Bad cursor', [{ pointer: '/cursor', code: 'field.invalid', detail: 'Bad cursor' }]);

/** Lists the requests the caller may see: newest received first, or nearest deadline first; keyset-paged; one audit row with the ids. */
export async function listRequests(
  ctx: AppContext,
  principal: StaffPrincipal,
  query: z.infer<typeof requestListQuery>,
): Promise<{ items: PrivacyRequestSummary[]; nextCursor: string | null }> {
  let q = ctx.db.selectFrom('privacy_requests as r').selectAll('r').where(requestVisibleTo('r', principal));
  if (query.status === 'open') q = q.where('r.status', 'in', ['received', 'verified']);
  else if (query.status) q = q.where('r.status', '=', query.status);
  if (query.kind) q = q.where('r.kind', '=', query.kind);
  const column = query.sort === 'deadline' ? ('r.deadline_day' as const) : ('r.received_at' as const);
  const direction = query.sort === 'deadline' ? 'asc' : 'desc';
  if (query.cursor) {
    const [at, id] = query.cursor.split('|');
    if (!at || !id) throw badCursor();
    const cmp = direction === 'asc' ? '>' : '<';
    q = q.where((eb) => eb.or([eb(column, cmp, at), eb.and([eb(column, '=', at), eb('r.id', cmp, id)])]));
  }
  const rows = await q
    .orderBy(column, direction)
    .orderBy('r.id', direction)
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const labels = await requesterLabels(ctx.db, page);
  const day = today(ctx);
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: { kind: 'staff', id: principal.userId },
    action: 'privacy.request-list',
    entity: ABOUT,
    details: { ids: page.map((r) => r.id), status: query.status ?? null, kind: query.kind ?? null },
  });
  return {
    items: page.map((r) => presentSummary(r, labels.get(r.id) ?? '', day)),
    nextCursor: rows.length > query.limit && last ? `${query.sort === 'deadline' ? last.deadline_day : last.received_at}|${last.id}` : null,
  };
}
