import type {
  Answers,
  CreateRequestBody,
  HistoryEntry,
  RequestChannel,
  RequestHandedOver,
  RequestStatus,
  RequestSummary,
  ServiceRequest,
  SignatureAttestationBody,
  SlaState,
  StaffAction,
  TransitionBody,
  UpdateRequestBody,
} from '../../contracts/requests.js';
import { riyadhCalendarDay, toHijriString } from '../../domain/dates.js';
import { answerErrors, evaluateChecklist, normaliseAnswer } from '../../domain/request-checklist.js';
import { actionsFrom, isBeforeDecision, isEditable } from '../../domain/request-status.js';
import type { AppContext } from '../../platform/context.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { nextReference } from '../../platform/db/references.js';
import type { RequestTable } from '../../platform/db/schema-requests.js';
import { readStoredFile, storeFile } from '../../platform/files/file-store.js';
import { AppError, type FieldError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { getClock, workingDaysLeftOn } from '../calendar/index.js';
import { committeesOf } from '../committees/index.js';
import { visibleFamily } from '../families/index.js';
import { formCodeMatches, normaliseFormCode } from './attestation-form-code.js';
import { ensureDefaultTypes, findType, findTypes } from './request-types.service.js';
import {
  type Actor,
  addHistory,
  type Db,
  deadlineHijri,
  loadState,
  move,
  openReasons,
  presentAttestation,
  type RequestState,
  sealAnswers,
  voidIfChanged,
} from './requests.core.js';
import { canMove, canWorkOn, requestVisibility } from './requests.policy.js';
import { findVisibleRequest, moveCounters, NO_DEADLINE } from './requests.repo.js';

/** Clock states in which the reply is still owed (C6). */
const OPEN_CLOCK_STATES: ReadonlySet<string> = new Set(['running', 'paused', 'breached']);

/** Staff's service requests (issue 5 §2–§5): intake from every channel, documents, attestation, moves. */

const staffActor = (principal: StaffPrincipal): Actor => ({ kind: 'staff', id: principal.userId });

/** Committees the user sits on (C5): committee members see only their committees' requests. */
export async function committeeIdsOf(ctx: AppContext, userId: string): Promise<string[]> {
  return committeesOf(ctx, userId);
}

export async function visibilityOf(ctx: AppContext, principal: StaffPrincipal) {
  const committees = principal.roles.includes('committee-member') ? await committeeIdsOf(ctx, principal.userId) : [];
  return requestVisibility(principal, committees);
}

async function loadVisible(ctx: AppContext, principal: StaffPrincipal, id: string): Promise<RequestTable> {
  const row = await findVisibleRequest(ctx.db, await visibilityOf(ctx, principal), id);
  if (!row) throw AppError.notFound('request.not-found', 'No such request');
  return row;
}

/** Answers as typed, tidied and checked against the type's checklist (400 with pointers). */
export function cleanAnswers(state: { checklist: RequestState['type']['checklist'] }, answers: Answers): Answers {
  const cleaned: Answers = {};
  for (const [key, value] of Object.entries(answers)) {
    const item = state.checklist.find((i) => i.key === key);
    cleaned[key] = item && value !== null ? normaliseAnswer(item, value) : value;
  }
  const errors = answerErrors(state.checklist, cleaned);
  if (errors.length)
    throw AppError.badRequest(
      'request.invalid',
      'Some answers do not fit the request type',
      errors.map((e) => ({ ...e, detail: e.code })),
    );
  return cleaned;
}

function mergeAnswers(current: Answers, changes: Answers): Answers {
  const merged: Answers = { ...current };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

// ---- create ----

export interface NewRequest {
  familyId: string;
  typeCode: string;
  channel: RequestChannel;
  answers: Answers;
  idempotencyKey: string;
  createdBy: string | null;
  category: string;
  office: string;
}

/**
 * Writes a draft (A1–A6). The idempotency key (scoped to whoever sends the form) makes one request
 * of the same form sent twice; the existing one is returned with `isNew` false.
 */
export async function insertRequest(ctx: AppContext, actor: Actor, input: NewRequest): Promise<{ id: string; isNew: boolean }> {
  await ensureDefaultTypes(ctx);
  const existing = await ctx.db
    .selectFrom('requests')
    .select(['id', 'family_id', 'type_code'])
    .where('idempotency_key', '=', input.idempotencyKey)
    .executeTakeFirst();
  const same = (row: { family_id: string; type_code: string }) => {
    if (row.family_id !== input.familyId || row.type_code !== input.typeCode)
      throw AppError.conflict('request.idempotency-conflict', 'This form key was already used for another request');
  };
  if (existing) {
    same(existing);
    return { id: existing.id, isNew: false };
  }
  const type = await findType(ctx.db, input.typeCode);
  if (!type?.isActive)
    throw AppError.badRequest('request.invalid', 'Unknown request type', [
      { pointer: '/typeCode', code: 'request-type.unknown', detail: 'No active request type with this code' },
    ]);
  const answers = cleanAnswers(type, input.answers);
  const now = ctx.clock.now();
  const id = uuidv7(now.getTime());
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const reference = await nextReference({ root: ctx.db, trx }, 'REQ', Number(riyadhCalendarDay(now).slice(0, 4)));
      const row: RequestTable = {
        id,
        reference,
        family_id: input.familyId,
        type_code: type.code,
        channel: input.channel,
        status: 'draft',
        answers: sealAnswers(ctx, id, answers),
        idempotency_key: input.idempotencyKey,
        created_by: input.createdBy,
        current_attestation_id: null,
        clock_id: null,
        deadline_day: NO_DEADLINE,
        sla_state: 'none',
        committee_id: type.committeeId,
        category: input.category,
        office: input.office,
        decision_outcome: null,
        decision_reasons: null,
        decision_meeting_id: null,
        decision_minutes_id: null,
        submitted_at: null,
        completed_at: null,
        decided_at: null,
        notified_at: null,
        closed_at: null,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
        version: 1,
      };
      await trx.insertInto('requests').values(row).execute();
      await moveCounters(trx, null, row);
      await addHistory(trx, ctx, id, { event: 'create', from: null, to: 'draft', actor });
      await recordAudit(trx, {
        at: now,
        actor,
        action: 'request.create',
        entity: 'request',
        entityId: id,
        fields: Object.keys(answers),
        details: { familyId: input.familyId, typeCode: type.code, channel: input.channel },
      });
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // The same form twice at the same moment: the unique key decides, the other gets the first one.
    const winner = await ctx.db
      .selectFrom('requests')
      .select(['id', 'family_id', 'type_code'])
      .where('idempotency_key', '=', input.idempotencyKey)
      .executeTakeFirst();
    if (!winner) throw error;
    same(winner);
    return { id: winner.id, isNew: false };
  }
  return { id, isNew: true };
}

export async function createRequest(
  ctx: AppContext,
  principal: StaffPrincipal,
  body: CreateRequestBody,
): Promise<{ request: ServiceRequest; isNew: boolean }> {
  // Volunteers: only families they registered (families' own visibility rule).
  const family = await visibleFamily(ctx, principal, body.familyId);
  if (!family) throw AppError.notFound('family.not-found', 'No such family');
  const isVolunteerOnly =
    principal.roles.includes('volunteer') && !principal.roles.some((r) => r === 'reception' || r === 'contact-officer');
  const channelError = (detail: string): FieldError => ({ pointer: '/channel', code: 'request.channel-not-allowed', detail });
  if (isVolunteerOnly && body.channel !== 'volunteer')
    throw AppError.badRequest('request.invalid', 'A volunteer records requests on the channel "volunteer"', [
      channelError('volunteer only'),
    ]);
  if (body.channel === 'website')
    throw AppError.badRequest('request.invalid', 'Online requests come from the portal', [channelError('website is the portal’s')]);
  const { id, isNew } = await insertRequest(ctx, staffActor(principal), {
    familyId: family.id,
    typeCode: body.typeCode,
    channel: body.channel,
    answers: body.answers,
    idempotencyKey: `staff:${principal.userId}:${body.idempotencyKey}`,
    createdBy: principal.userId,
    category: family.category,
    office: family.office,
  });
  const row = await loadVisible(ctx, principal, id);
  return { request: await present(ctx, principal, row), isNew };
}

// ---- read ----

async function historyOf(ctx: AppContext, db: Db, requestId: string): Promise<HistoryEntry[]> {
  const rows = await db
    .selectFrom('request_history')
    .leftJoin('staff_users', 'staff_users.id', 'request_history.actor_id')
    .select([
      'request_history.id',
      'request_history.at',
      'request_history.event',
      'request_history.from_status',
      'request_history.to_status',
      'request_history.actor_kind',
      'request_history.actor_id',
      'request_history.note',
      'staff_users.display_name',
    ])
    .where('request_history.request_id', '=', requestId)
    .orderBy('request_history.seq')
    .execute();
  return rows.map((r) => ({
    at: r.at,
    from: r.from_status as RequestStatus | null,
    to: r.to_status as RequestStatus,
    event: r.event,
    actorKind: r.actor_kind as HistoryEntry['actorKind'],
    actorId: r.actor_id,
    actorName: r.actor_kind === 'staff' ? (r.display_name ?? null) : null,
    note: r.note ? ctx.keys.encryptor.decrypt(r.note, `request-history:${r.id}:note`) : null,
  }));
}

function allowedActions(principal: StaffPrincipal, row: RequestTable): StaffAction[] {
  const actions = actionsFrom(row.status as RequestStatus).filter(
    (a): a is StaffAction => a === 'submit' || a === 'request-information' || a === 'information-received' || a === 'close',
  );
  return actions.filter((a) =>
    a === 'submit' ? canWorkOn(principal, { createdBy: row.created_by, status: row.status }) : canMove(principal),
  );
}

export async function familySummaryOf(db: Db, familyIds: string[]) {
  if (!familyIds.length) return new Map<string, { reference: string; name: string }>();
  const rows = await db.selectFrom('families').select(['id', 'reference', 'head_name_ar']).where('id', 'in', familyIds).execute();
  return new Map(rows.map((r) => [r.id, { reference: r.reference, name: r.head_name_ar }]));
}

export function summaryOf(
  row: RequestTable,
  type: { nameAr: string; nameEn: string },
  family: { reference: string; name: string } | undefined,
  checklist: { isChecklistSatisfied: boolean; isAttested: boolean },
): RequestSummary {
  return {
    id: row.id,
    reference: row.reference,
    familyId: row.family_id,
    familyReference: family?.reference ?? '',
    familyName: family?.name ?? '',
    typeCode: row.type_code,
    typeNameAr: type.nameAr,
    typeNameEn: type.nameEn,
    channel: row.channel as RequestChannel,
    status: row.status as RequestStatus,
    slaState: row.sla_state as SlaState,
    committeeId: row.committee_id,
    deadlineDay: row.deadline_day === NO_DEADLINE ? null : row.deadline_day,
    deadlineHijri: deadlineHijri(row.deadline_day),
    isChecklistSatisfied: checklist.isChecklistSatisfied,
    isAttested: checklist.isAttested,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function present(ctx: AppContext, principal: StaffPrincipal, row: RequestTable): Promise<ServiceRequest> {
  const state = await loadState(ctx.db, ctx, row);
  const families = await familySummaryOf(ctx.db, [row.family_id]);
  const clock = row.clock_id ? await getClock(ctx, row.clock_id) : undefined;
  const witness = state.attestation?.witness_id
    ? await ctx.db.selectFrom('staff_users').select('display_name').where('id', '=', state.attestation.witness_id).executeTakeFirst()
    : undefined;
  const reasons = openReasons(ctx, row);
  return {
    ...summaryOf(row, state.type, families.get(row.family_id), state.completeness),
    type: state.type,
    answers: state.answers,
    completeness: state.completeness,
    documents: state.documents,
    attestation: state.attestation ? presentAttestation(state.attestation, witness?.display_name ?? null) : null,
    dataSha256: state.dataSha256,
    deadline: clock
      ? {
          startDay: clock.startDay,
          day: clock.deadline,
          dayHijri: toHijriString(clock.deadline),
          state: clock.state,
          workingDays: clock.workingDays,
          warnDay: clock.warnDay,
          pausedSince: clock.state === 'paused' ? (clock.pauses.at(-1)?.from ?? null) : null,
          // Counted here, where the calendar carries the administrator's holidays and weekend.
          workingDaysLeft: OPEN_CLOCK_STATES.has(clock.state)
            ? await workingDaysLeftOn(ctx, clock, riyadhCalendarDay(ctx.clock.now()))
            : null,
        }
      : null,
    decision:
      row.decision_outcome && row.decided_at
        ? {
            outcome: row.decision_outcome as NonNullable<ServiceRequest['decision']>['outcome'],
            reasons: reasons ?? '',
            decidedAt: row.decided_at,
            meetingId: row.decision_meeting_id,
            minutesId: row.decision_minutes_id,
          }
        : null,
    history: await historyOf(ctx, ctx.db, row.id),
    createdBy: row.created_by,
    submittedAt: row.submitted_at,
    notifiedAt: row.notified_at,
    closedAt: row.closed_at,
    version: row.version,
    allowedActions: allowedActions(principal, row),
    canEdit: isEditable(row.status as RequestStatus) && canWorkOn(principal, { createdBy: row.created_by, status: row.status }),
  };
}

export async function getRequest(ctx: AppContext, principal: StaffPrincipal, id: string): Promise<ServiceRequest> {
  const row = await loadVisible(ctx, principal, id);
  await recordAudit(ctx.db, { at: ctx.clock.now(), actor: staffActor(principal), action: 'request.view', entity: 'request', entityId: id });
  return present(ctx, principal, row);
}

// ---- edit, documents ----

function assertWorkable(principal: StaffPrincipal, row: RequestTable): void {
  if (!canWorkOn(principal, { createdBy: row.created_by, status: row.status }))
    throw AppError.forbidden('request.read-only', 'You may read this request but not change it');
  if (!isEditable(row.status as RequestStatus))
    throw AppError.conflict(
      'request.not-editable',
      'Answers and documents change only while the request is a draft or information was requested',
    );
}

/** Shared by staff and the portal: merge answers, bump the version, void a stale attestation (C4). */
export async function applyAnswers(ctx: AppContext, actor: Actor, row: RequestTable, body: UpdateRequestBody): Promise<void> {
  const type = await findType(ctx.db, row.type_code);
  if (!type) throw new Error('request type missing');
  const changes = cleanAnswers(type, body.answers);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('requests').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    if (!isEditable(current.status as RequestStatus))
      throw AppError.conflict('request.not-editable', 'Answers change only while the request is a draft or information was requested');
    const answers = mergeAnswers((await loadState(trx, ctx, current)).answers, changes);
    const result = await trx
      .updateTable('requests')
      .set({ answers: sealAnswers(ctx, row.id, answers), updated_at: now.toISOString(), version: current.version + 1 })
      .where('id', '=', row.id)
      .where('version', '=', body.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1)
      throw AppError.conflict('request.version-conflict', 'Someone else changed this request meanwhile; reload and try again');
    const next = { ...current, answers: sealAnswers(ctx, row.id, answers) };
    const state = await loadState(trx, ctx, next);
    await voidIfChanged(trx, ctx, next, state.dataSha256, 'answers-changed', actor);
    await recordAudit(trx, { at: now, actor, action: 'request.update', entity: 'request', entityId: row.id, fields: Object.keys(changes) });
  });
}

export async function updateRequest(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  body: UpdateRequestBody,
): Promise<ServiceRequest> {
  const row = await loadVisible(ctx, principal, id);
  assertWorkable(principal, row);
  await applyAnswers(ctx, staffActor(principal), row, body);
  return present(ctx, principal, await loadVisible(ctx, principal, id));
}

/** `../x.pdf`, `C:\x.pdf`: a name with a path is refused, not cleaned (issue 5 "Bad input"). */
function assertPlainName(fileName: string): void {
  if (/[\\/]/.test(fileName) || fileName.includes('..') || /[\u0000-\u001f]/.test(fileName))
    throw AppError.badRequest('file.name-invalid', 'The file name must not contain a path', [
      { pointer: '/file', code: 'file.name-invalid', detail: 'A file name, without folders' },
    ]);
}

/** Shared by staff and the portal: a document for a checklist item, through the file store. */
export async function attachDocument(
  ctx: AppContext,
  actor: Actor,
  row: RequestTable,
  file: { itemKey: string; fileName: string; bytes: Buffer },
): Promise<string> {
  const type = await findType(ctx.db, row.type_code);
  const item = type?.checklist.find((i) => i.key === file.itemKey);
  if (item?.kind !== 'document')
    throw AppError.badRequest('request.invalid', 'No document item with this key', [
      { pointer: '/itemKey', code: 'checklist.unknown-item', detail: 'Not a document of this request type' },
    ]);
  assertPlainName(file.fileName);
  const now = ctx.clock.now();
  const documentId = uuidv7(now.getTime());
  await ctx.db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('requests').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    if (!isEditable(current.status as RequestStatus))
      throw AppError.conflict('request.not-editable', 'Documents change only while the request is a draft or information was requested');
    // Refusals (type from the bytes, size) happen before anything is written.
    const stored = await storeFile(trx, ctx.keys, {
      ownerType: 'request',
      ownerId: row.id,
      fileName: file.fileName,
      bytes: file.bytes,
      createdBy: actor.kind === 'staff' ? actor.id : null,
      now,
    });
    await trx
      .insertInto('request_documents')
      .values({
        id: documentId,
        request_id: row.id,
        item_key: file.itemKey,
        file_id: stored.id,
        created_by: actor.kind === 'staff' ? actor.id : null,
        created_at: now.toISOString(),
        removed_at: null,
        removed_by: null,
      })
      .execute();
    await trx
      .updateTable('requests')
      .set({ updated_at: now.toISOString(), version: current.version + 1 })
      .where('id', '=', row.id)
      .execute();
    const state = await loadState(trx, ctx, current);
    await voidIfChanged(trx, ctx, current, state.dataSha256, 'documents-changed', actor);
    await recordAudit(trx, {
      at: now,
      actor,
      action: 'request.document-add',
      entity: 'request',
      entityId: row.id,
      details: { documentId, itemKey: file.itemKey, fileId: stored.id, mediaType: stored.mediaType, size: stored.size },
    });
  });
  return documentId;
}

export async function addDocument(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  file: { itemKey: string; fileName: string; bytes: Buffer },
): Promise<ServiceRequest> {
  const row = await loadVisible(ctx, principal, id);
  assertWorkable(principal, row);
  await attachDocument(ctx, staffActor(principal), row, file);
  return present(ctx, principal, await loadVisible(ctx, principal, id));
}

export async function removeDocument(ctx: AppContext, principal: StaffPrincipal, id: string, documentId: string): Promise<ServiceRequest> {
  const row = await loadVisible(ctx, principal, id);
  assertWorkable(principal, row);
  const actor = staffActor(principal);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('request_documents')
      .set({ removed_at: now.toISOString(), removed_by: principal.userId })
      .where('id', '=', documentId)
      .where('request_id', '=', id)
      .where('removed_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw AppError.notFound('request.document-not-found', 'No such document');
    const current = await trx.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    await trx
      .updateTable('requests')
      .set({ updated_at: now.toISOString(), version: current.version + 1 })
      .where('id', '=', id)
      .execute();
    const state = await loadState(trx, ctx, current);
    await voidIfChanged(trx, ctx, current, state.dataSha256, 'documents-changed', actor);
    await recordAudit(trx, { at: now, actor, action: 'request.document-remove', entity: 'request', entityId: id, details: { documentId } });
  });
  return present(ctx, principal, await loadVisible(ctx, principal, id));
}

/** A document or attestation evidence, downloaded through the request's policy (scope), audited. */
export async function readRequestFile(ctx: AppContext, principal: StaffPrincipal, id: string, documentId: string) {
  await loadVisible(ctx, principal, id);
  const document = await ctx.db
    .selectFrom('request_documents')
    .select(['file_id'])
    .where('id', '=', documentId)
    .where('request_id', '=', id)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  if (!document) throw AppError.notFound('request.document-not-found', 'No such document');
  const file = await readStoredFile(ctx.db, ctx.keys, document.file_id);
  if (!file) throw AppError.notFound('request.document-not-found', 'No such document');
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: staffActor(principal),
    action: 'request.document-view',
    entity: 'request',
    entityId: id,
    details: { documentId },
  });
  return file;
}

// ---- attestation (C4) ----

/**
 * Records an attestation of the data as it is now, in `trx`: the evidence (signature, scan or
 * nothing for a one-time code), the time, the witness and the SHA-256. `expectedSha256` is what the
 * family was shown: 409 `request.data-changed` when the data changed since.
 */
export async function recordAttestation(
  trx: Db,
  ctx: AppContext,
  actor: Actor,
  requestId: string,
  input: {
    method: 'signature-pad' | 'paper' | 'one-time-code';
    expectedSha256?: string;
    /** The paper form's code as typed (normalised hex, a prefix of the hash the form printed). */
    printedCode?: string;
    evidence?: { fileName: string; bytes: Buffer };
    witnessId: string | null;
  },
) {
  const row = await trx.selectFrom('requests').selectAll().where('id', '=', requestId).executeTakeFirst();
  if (!row) throw AppError.notFound('request.not-found', 'No such request');
  if (!isBeforeDecision(row.status as RequestStatus) || row.status === 'under-study')
    throw AppError.conflict('request.not-attestable', 'Only a request being prepared is attested');
  const state = await loadState(trx, ctx, row);
  if (input.expectedSha256 !== undefined && input.expectedSha256 !== state.dataSha256)
    throw new AppError(
      409,
      'request.data-changed',
      'The data changed since it was shown; show it again before attesting',
      [],
      {},
      {
        dataSha256: state.dataSha256,
      },
    );
  // C4: a scan of a form printed before the data changed attests data the family never saw.
  if (input.printedCode !== undefined && !formCodeMatches(input.printedCode, state.dataSha256))
    throw AppError.conflict('attestation.stale-form', 'This form was printed before the data changed; print it again and have it signed');
  const now = ctx.clock.now();
  const evidence = input.evidence
    ? await storeFile(trx, ctx.keys, {
        ownerType: 'request-attestation',
        ownerId: row.id,
        fileName: input.evidence.fileName,
        bytes: input.evidence.bytes,
        createdBy: input.witnessId,
        now,
      })
    : null;
  if (input.method === 'signature-pad' && evidence?.mediaType !== 'image/png')
    throw new AppError(415, 'attestation.signature-format', 'A signature is a PNG image');
  const id = uuidv7(now.getTime());
  if (row.current_attestation_id)
    await trx
      .updateTable('request_attestations')
      .set({ voided_at: now.toISOString(), void_reason: 'superseded' })
      .where('id', '=', row.current_attestation_id)
      .where('voided_at', 'is', null)
      .execute();
  const attestation = {
    id,
    request_id: row.id,
    method: input.method,
    evidence_file_id: evidence?.id ?? null,
    data_sha256: state.dataSha256,
    witness_id: input.witnessId,
    attested_at: now.toISOString(),
    voided_at: null,
    void_reason: null,
  };
  await trx.insertInto('request_attestations').values(attestation).execute();
  await trx
    .updateTable('requests')
    .set({ current_attestation_id: id, updated_at: now.toISOString(), version: row.version + 1 })
    .where('id', '=', row.id)
    .execute();
  await addHistory(trx, ctx, row.id, { event: 'attested', from: row.status, to: row.status, actor, note: input.method });
  await recordAudit(trx, {
    at: now,
    actor,
    action: 'request.attest',
    entity: 'request',
    entityId: row.id,
    details: { attestationId: id, method: input.method, dataSha256: state.dataSha256, evidenceFileId: evidence?.id ?? null },
  });
  return attestation;
}

export async function attestBySignature(ctx: AppContext, principal: StaffPrincipal, id: string, body: SignatureAttestationBody) {
  const row = await loadVisible(ctx, principal, id);
  if (!canWorkOn(principal, { createdBy: row.created_by, status: row.status }))
    throw AppError.forbidden('request.read-only', 'You may read this request but not change it');
  const bytes = Buffer.from(body.signaturePng.slice(body.signaturePng.indexOf(',') + 1), 'base64');
  await ctx.db.transaction().execute((trx) =>
    recordAttestation(trx, ctx, staffActor(principal), id, {
      method: 'signature-pad',
      expectedSha256: body.dataSha256,
      evidence: { fileName: 'signature.png', bytes },
      witnessId: principal.userId,
    }),
  );
  return present(ctx, principal, await loadVisible(ctx, principal, id));
}

export async function attestByPaper(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  input: { fileName: string; bytes: Buffer; formCode: string | undefined },
) {
  const row = await loadVisible(ctx, principal, id);
  if (!canWorkOn(principal, { createdBy: row.created_by, status: row.status }))
    throw AppError.forbidden('request.read-only', 'You may read this request but not change it');
  // C4: the code printed on the signed form, typed by staff: it names the data the family signed.
  const printedCode = normaliseFormCode(input.formCode);
  if (printedCode === null)
    throw AppError.badRequest('request.invalid', 'Type the code printed on the signed form', [
      {
        pointer: '/formCode',
        code: input.formCode?.trim() ? 'attestation.form-code-invalid' : 'field.required',
        detail: 'The code printed on the attestation form (12 hexadecimal digits, or the whole SHA-256)',
      },
    ]);
  assertPlainName(input.fileName);
  await ctx.db.transaction().execute((trx) =>
    recordAttestation(trx, ctx, staffActor(principal), id, {
      method: 'paper',
      printedCode,
      evidence: { fileName: input.fileName, bytes: input.bytes },
      witnessId: principal.userId,
    }),
  );
  return present(ctx, principal, await loadVisible(ctx, principal, id));
}

// ---- moves ----

export async function transitionRequest(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  body: TransitionBody,
): Promise<ServiceRequest | RequestHandedOver> {
  const row = await loadVisible(ctx, principal, id);
  const isAllowed = body.action === 'submit' ? canWorkOn(principal, { createdBy: row.created_by, status: row.status }) : canMove(principal);
  if (!isAllowed) throw AppError.forbidden('request.read-only', 'You may not move this request');
  if (body.action === 'request-information' && !body.note?.trim())
    throw AppError.badRequest('request.invalid', 'Say what information is needed', [
      { pointer: '/note', code: 'field.required', detail: 'What the family must provide' },
    ]);
  await ctx.db.transaction().execute((trx) => move(trx, ctx, staffActor(principal), id, body.action, { note: body.note ?? null }));
  const after = await findVisibleRequest(ctx.db, await visibilityOf(ctx, principal), id);
  // A6: a volunteer sees a request only until it is submitted; the move went through, so say where
  // the request went (reception and the committee) instead of answering 404.
  if (!after) {
    const moved = await ctx.db.selectFrom('requests').select(['status']).where('id', '=', id).executeTakeFirstOrThrow();
    return { id, reference: row.reference, status: moved.status as RequestStatus, isHandedOver: true };
  }
  return present(ctx, principal, after);
}

// ---- the family's data changed (the families area's `familyChanged`, wired in app.ts) ----

/**
 * Keeps requests in step with their family (C4, F2): the denormalised scope (category, office) and
 * the worklist counters follow it, and an attestation that no longer covers the family's core data
 * is voided. Runs in the transaction that changes the family.
 */
export async function syncFamilyRequests(
  ctx: AppContext,
  { trx, familyId, scope: family, actor }: { trx: Db; familyId: string; scope: { category: string; office: string }; actor: Actor },
): Promise<void> {
  const rows = await trx
    .selectFrom('requests')
    .selectAll()
    .where('family_id', '=', familyId)
    .where('status', 'in', ['draft', 'complete', 'under-study', 'information-requested', 'decided', 'notified', 'closed'])
    .execute();
  for (const row of rows) {
    if (row.category !== family.category || row.office !== family.office) {
      await trx.updateTable('requests').set({ category: family.category, office: family.office }).where('id', '=', row.id).execute();
      await moveCounters(trx, row, { ...row, category: family.category, office: family.office });
    }
    if (row.current_attestation_id && isBeforeDecision(row.status as RequestStatus)) {
      const state = await loadState(trx, ctx, row);
      await voidIfChanged(trx, ctx, row, state.dataSha256, 'family-changed', actor);
    }
  }
}

/**
 * For drafts in lists: the checklist and attestation at a glance (reception's "to attest"). A page of
 * drafts is read with one statement for their types and one for their documents, not two per draft.
 */
export async function draftFlags(ctx: AppContext, rows: RequestTable[]) {
  const result = new Map<string, { isChecklistSatisfied: boolean; isAttested: boolean }>();
  const open = rows.filter((row) => row.status === 'draft' || row.status === 'information-requested');
  const types = await findTypes(ctx.db, [...new Set(open.map((row) => row.type_code))]);
  const documents = open.length
    ? await ctx.db
        .selectFrom('request_documents')
        .select(['request_id', 'item_key as itemKey'])
        .where(
          'request_id',
          'in',
          open.map((row) => row.id),
        )
        .where('removed_at', 'is', null)
        .execute()
    : [];
  for (const row of rows) {
    const isAttested = row.current_attestation_id !== null;
    if (row.status !== 'draft' && row.status !== 'information-requested') {
      result.set(row.id, { isChecklistSatisfied: true, isAttested });
      continue;
    }
    const evaluation = evaluateChecklist(
      types.get(row.type_code)?.checklist ?? [],
      JSON.parse(ctx.keys.encryptor.decrypt(row.answers, `request:${row.id}:answers`)),
      documents.filter((document) => document.request_id === row.id),
    );
    result.set(row.id, { isChecklistSatisfied: evaluation.isSatisfied, isAttested });
  }
  return result;
}
