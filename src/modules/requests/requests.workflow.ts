import type { Kysely } from 'kysely';
import type {
  Attestation,
  AttestationSummary,
  CreateOnlineRequestBody,
  DecisionOutcome,
  FamilyRequestView,
  RequestBrief,
  RequestStatus,
  RequestType,
  UpdateRequestBody,
} from '../../contracts/requests.js';
import { isEditable } from '../../domain/request-status.js';
import { type StaffScope, UNRESTRICTED_SCOPE } from '../../domain/scope.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import type { RequestTable } from '../../platform/db/schema-requests.js';
import { AppError } from '../../platform/http/app-error.js';
import { recordAudit } from '../audit/index.js';
import { assertFamilyNotErased, familyContact } from '../families/index.js';
import { ensureDefaultTypes, listRequestTypes, requireActiveType } from './request-types.service.js';
import { recordAttestation } from './requests.attestation.js';
import { deadlineHijri, loadState, move, noteAad, openReasons, presentAttestation, voidIfChanged } from './requests.core.js';
import { attachDocument } from './requests.documents.js';
import { applyAnswers, insertRequest } from './requests.intake.js';
import { decodeCursor, encodeCursor, inScope, type NamedRequestRow, NO_DEADLINE, pageOf, withNames } from './requests.repo.js';

/**
 * The only way the committees and portal modules reach requests (docs/design/service-requests.md,
 * "Cross-module functions"). Functions that move a request take the caller's transaction `trx`
 * first, so the committee's or portal's change and the request's move commit together.
 */
type Db = Kysely<Database>;

/** The audit actor of a cross-module call. */
export interface WorkflowActor {
  kind: 'staff' | 'family' | 'system';
  id: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** C5: complete requests whose type names `committeeId`, oldest deadline first (keyset cursor). */
export async function requestsAwaitingStudy(
  ctx: AppContext,
  query: { committeeId: string; limit?: number; cursor?: string | null; scope?: StaffScope },
): Promise<Page<RequestBrief>> {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  if (query.cursor && !after)
    throw AppError.badRequest('request.invalid', 'Bad cursor', [{ pointer: '/cursor', code: 'field.invalid', detail: 'Bad cursor' }]);
  const base = inScope(
    ctx.db.selectFrom('requests').where('requests.committee_id', '=', query.committeeId).where('requests.status', '=', 'complete'),
    query.scope ?? UNRESTRICTED_SCOPE,
  );
  const { rows, next } = await pageOf(base, after, Math.min(Math.max(query.limit ?? 50, 1), 200));
  return { items: briefsOf(rows), nextCursor: next ? encodeCursor(next) : null };
}

function briefsOf(rows: NamedRequestRow[]): RequestBrief[] {
  return rows.map((row) => ({
    id: row.id,
    reference: row.reference,
    typeCode: row.type_code,
    typeNameAr: row.type_name_ar,
    typeNameEn: row.type_name_en,
    familyId: row.family_id,
    familyName: row.family_name,
    status: row.status as RequestStatus,
    committeeId: row.committee_id,
    deadlineDay: row.deadline_day === NO_DEADLINE ? null : row.deadline_day,
  }));
}

/** Lines for agendas and minutes, in the order of `requestIds`; unknown ids (and, given a scope, those outside it) are left out. No ID numbers. */
export async function requestBriefs(
  db: Db,
  _ctx: AppContext,
  requestIds: readonly string[],
  scope: StaffScope = UNRESTRICTED_SCOPE,
): Promise<RequestBrief[]> {
  if (!requestIds.length) return [];
  const rows = await withNames(inScope(db.selectFrom('requests').where('requests.id', 'in', [...requestIds]), scope)).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return briefsOf(requestIds.flatMap((id) => byId.get(id) ?? []));
}

/** complete → under-study (a meeting puts it on its agenda). 409 `request.illegal-transition` otherwise. */
export async function beginStudy(
  trx: Db,
  ctx: AppContext,
  actor: WorkflowActor,
  requestId: string,
  input: { meetingId: string | null },
): Promise<{ status: RequestStatus }> {
  const row = await move(trx, ctx, actor, requestId, 'begin-study', { meetingId: input.meetingId });
  return { status: row.status as RequestStatus };
}

/** under-study → information-requested (the chair asks the family for more); the clock pauses (C6). */
export async function requestInformation(
  trx: Db,
  ctx: AppContext,
  actor: WorkflowActor,
  requestId: string,
  input: { note: string },
): Promise<{ status: RequestStatus }> {
  const row = await move(trx, ctx, actor, requestId, 'request-information', { note: input.note });
  return { status: row.status as RequestStatus };
}

/**
 * under-study → decided, in the caller's transaction (minutes frozen): the decision's message to
 * the family goes to the outbox. The request becomes `notified` and its clock stops `done` once
 * that message is sent, not when it is queued (C5, C6; issue 20 §5, requests.told.ts).
 */
export async function applyDecision(
  trx: Db,
  ctx: AppContext,
  actor: WorkflowActor,
  requestId: string,
  input: { outcome: DecisionOutcome; reasons: string; meetingId: string | null; minutesId: string | null },
): Promise<{ status: RequestStatus }> {
  const row = await move(trx, ctx, actor, requestId, 'decide', input);
  return { status: row.status as RequestStatus };
}

async function familyRow(db: Db, familyId: string, requestId: string): Promise<RequestTable> {
  const row = await db.selectFrom('requests').selectAll().where('id', '=', requestId).where('family_id', '=', familyId).executeTakeFirst();
  if (!row) throw AppError.notFound('request.not-found', 'No such request');
  return row;
}

async function viewOf(ctx: AppContext, row: RequestTable): Promise<FamilyRequestView> {
  const state = await loadState(ctx.db, ctx, row);
  const reasons = openReasons(ctx, row);
  const isDecisionTold = row.status === 'notified' || row.status === 'closed';
  return {
    id: row.id,
    reference: row.reference,
    typeCode: row.type_code,
    typeNameAr: state.type.nameAr,
    typeNameEn: state.type.nameEn,
    criteriaAr: state.type.criteriaAr,
    criteriaEn: state.type.criteriaEn,
    channel: row.channel as FamilyRequestView['channel'],
    status: row.status as RequestStatus,
    createdAt: row.created_at,
    missing: state.completeness.items
      .filter((i) => i.problem)
      .map((i) => ({ key: i.key, labelAr: i.labelAr, labelEn: i.labelEn, kind: i.kind })),
    isAttested: state.completeness.isAttested,
    deadlineDay: row.deadline_day === NO_DEADLINE ? null : row.deadline_day,
    deadlineHijri: deadlineHijri(row.deadline_day),
    decision:
      isDecisionTold && row.decision_outcome && row.decided_at
        ? { outcome: row.decision_outcome as DecisionOutcome, reasons: reasons ?? '', decidedAt: row.decided_at }
        : null,
    checklist: state.type.checklist,
    answers: state.answers,
    documents: state.documents.map((d) => ({ id: d.id, itemKey: d.itemKey, name: d.name, size: d.size, createdAt: d.createdAt })),
    question: row.status === 'information-requested' ? await latestQuestion(ctx, row.id) : null,
    responseWorkingDays: state.type.responseWorkingDays,
    version: row.version,
  };
}

/** The note of the committee's latest request for information (C5), as the family was told it. */
async function latestQuestion(ctx: AppContext, requestId: string): Promise<string | null> {
  const entry = await ctx.db
    .selectFrom('request_history')
    .select(['id', 'note'])
    .where('request_id', '=', requestId)
    .where('event', '=', 'request-information')
    .orderBy('seq', 'desc')
    .executeTakeFirst();
  return entry?.note ? ctx.keys.encryptor.decrypt(entry.note, noteAad(entry.id)) : null;
}

/** The portal: the request types a family can apply for online, with their criteria and checklist (C2). */
export async function onlineRequestTypes(ctx: AppContext): Promise<RequestType[]> {
  return listRequestTypes(ctx, { activeOnly: true });
}

const familyActor = (familyId: string): WorkflowActor => ({ kind: 'family', id: familyId });

/** The portal: the family's own requests, newest first. */
export async function familyRequests(ctx: AppContext, familyId: string): Promise<FamilyRequestView[]> {
  const rows = await ctx.db.selectFrom('requests').selectAll().where('family_id', '=', familyId).orderBy('id', 'desc').limit(200).execute();
  const views: FamilyRequestView[] = [];
  for (const row of rows) views.push(await viewOf(ctx, row));
  return views;
}

/** The portal: one request of the family; 404 `request.not-found` when not the family's. */
export async function familyRequest(ctx: AppContext, familyId: string, requestId: string): Promise<FamilyRequestView> {
  return viewOf(ctx, await familyRow(ctx.db, familyId, requestId));
}

/** The portal's online application (channel `website`); the idempotency key makes one request. */
export async function createOnlineRequest(ctx: AppContext, familyId: string, body: CreateOnlineRequestBody): Promise<FamilyRequestView> {
  const contact = await familyContact(ctx, familyId);
  const family = contact ? { id: contact.id, ...contact.scope } : null;
  if (!family) throw AppError.notFound('family.not-found', 'No such family');
  await assertFamilyNotErased(ctx, familyId); // issue 25 §5 (F2): nothing new for an erased family
  await ensureDefaultTypes(ctx);
  await requireActiveType(ctx.db, body.typeCode);
  const { id } = await insertRequest(ctx, familyActor(familyId), {
    familyId,
    typeCode: body.typeCode,
    channel: 'website',
    answers: body.answers,
    idempotencyKey: `family:${familyId}:${body.idempotencyKey}`,
    createdBy: null,
    category: family.category,
    office: family.office,
  });
  return familyRequest(ctx, familyId, id);
}

/** The portal: answers of a draft (or information-requested) request of the family; voids an attestation. */
export async function updateOnlineRequest(
  ctx: AppContext,
  familyId: string,
  requestId: string,
  body: UpdateRequestBody,
): Promise<FamilyRequestView> {
  const row = await familyRow(ctx.db, familyId, requestId);
  await applyAnswers(ctx, familyActor(familyId), row, body);
  return familyRequest(ctx, familyId, requestId);
}

/** The portal: a document for a checklist item (through the file store: refusals as for staff). */
export async function addOnlineDocument(
  ctx: AppContext,
  familyId: string,
  requestId: string,
  file: { itemKey: string; fileName: string; bytes: Buffer },
): Promise<FamilyRequestView> {
  const row = await familyRow(ctx.db, familyId, requestId);
  await attachDocument(ctx, familyActor(familyId), row, file);
  return familyRequest(ctx, familyId, requestId);
}

/**
 * The portal: the family takes back a document it uploaded by mistake, while the request is a draft
 * or information was requested; a change to attested data voids the attestation (C4). Audited.
 */
export async function removeOnlineDocument(
  ctx: AppContext,
  familyId: string,
  requestId: string,
  documentId: string,
): Promise<FamilyRequestView> {
  await familyRow(ctx.db, familyId, requestId);
  const actor = familyActor(familyId);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('requests').selectAll().where('id', '=', requestId).executeTakeFirstOrThrow();
    if (!isEditable(current.status as RequestStatus))
      throw AppError.conflict('request.not-editable', 'Documents change only while the request is a draft or information was requested');
    const result = await trx
      .updateTable('request_documents')
      .set({ removed_at: now.toISOString(), removed_by: null })
      .where('id', '=', documentId)
      .where('request_id', '=', requestId)
      .where('removed_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw AppError.notFound('request.document-not-found', 'No such document');
    await trx
      .updateTable('requests')
      .set({ updated_at: now.toISOString(), version: current.version + 1 })
      .where('id', '=', requestId)
      .execute();
    const state = await loadState(trx, ctx, current);
    await voidIfChanged(trx, ctx, current, state.dataSha256, 'documents-changed', actor);
    await recordAudit(trx, {
      at: now,
      actor,
      action: 'request.document-remove',
      entity: 'request',
      entityId: requestId,
      details: { documentId },
    });
  });
  return familyRequest(ctx, familyId, requestId);
}

function answerText(value: unknown, options: { value: string; labelAr: string }[] | undefined): string {
  if (typeof value === 'boolean') return value ? 'نعم' : 'لا';
  if (Array.isArray(value)) return value.map((v) => options?.find((o) => o.value === v)?.labelAr ?? String(v)).join('، ');
  return options?.find((o) => o.value === value)?.labelAr ?? String(value);
}

/** What the family is about to confirm (C4); its `dataSha256` goes back to `attestByCode`. */
export async function attestationSummary(ctx: AppContext, familyId: string, requestId: string): Promise<AttestationSummary> {
  const row = await familyRow(ctx.db, familyId, requestId);
  const state = await loadState(ctx.db, ctx, row);
  return {
    requestId: row.id,
    reference: row.reference,
    typeNameAr: state.type.nameAr,
    typeNameEn: state.type.nameEn,
    family: {
      headNameAr: state.family.headNameAr,
      headNameEn: state.family.headNameEn,
      city: state.family.city,
      membersCount: state.family.members.length,
    },
    answers: state.type.checklist
      .filter((i) => i.kind === 'field' && state.answers[i.key] !== undefined && state.answers[i.key] !== null)
      .map((i) => ({ key: i.key, labelAr: i.labelAr, labelEn: i.labelEn, value: answerText(state.answers[i.key], i.options) })),
    documents: state.documents.map((d) => ({ itemKey: d.itemKey, name: d.name, sha256: d.sha256 })),
    dataSha256: state.dataSha256,
  };
}

/**
 * Records a `one-time-code` attestation once the portal has verified the code, in the portal's
 * transaction. `expectedSha256` (from `attestationSummary`): 409 `request.data-changed` when the data
 * changed since the family read it.
 */
export async function attestByCode(
  trx: Db,
  ctx: AppContext,
  familyId: string,
  requestId: string,
  expectedSha256?: string,
): Promise<Attestation> {
  await familyRow(trx, familyId, requestId);
  const row = await recordAttestation(trx, ctx, familyActor(familyId), requestId, {
    method: 'one-time-code',
    ...(expectedSha256 !== undefined ? { expectedSha256 } : {}),
    witnessId: null,
  });
  return presentAttestation(row, null);
}

/** The family submits online (draft → complete; or information-requested → under-study). 422 `request.incomplete` with the missing items. */
export async function submitOnlineRequest(ctx: AppContext, familyId: string, requestId: string): Promise<FamilyRequestView> {
  const row = await familyRow(ctx.db, familyId, requestId);
  const action = row.status === 'information-requested' ? 'information-received' : 'submit';
  await ctx.db.transaction().execute((trx) => move(trx, ctx, familyActor(familyId), requestId, action));
  return familyRequest(ctx, familyId, requestId);
}
