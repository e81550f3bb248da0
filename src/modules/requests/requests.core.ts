import type { Kysely } from 'kysely';
import type {
  Answers,
  Attestation,
  Completeness,
  DecisionOutcome,
  RequestAction,
  RequestDocument,
  RequestStatus,
  RequestType,
  SlaState,
} from '../../contracts/requests.js';
import { type AttestedFamily, canonicalAttestedData } from '../../domain/attestation.js';
import { riyadhCalendarDay, toHijriString } from '../../domain/dates.js';
import { evaluateChecklist } from '../../domain/request-checklist.js';
import { transition } from '../../domain/request-status.js';
import type { AppContext } from '../../platform/context.js';
import { sha256Hex } from '../../platform/crypto/digest.js';
import type { Database } from '../../platform/db/schema.js';
import type { RequestAttestationTable, RequestTable } from '../../platform/db/schema-requests.js';
import { defineEvent } from '../../platform/hooks.js';
import { AppError, type FieldError } from '../../platform/http/app-error.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { pauseClock, resumeClock, startClock, stopClock } from '../calendar/index.js';
import { assertFamilyNotErased, attestedFamily } from '../families/index.js';
import { asFiled } from './request-type-versions.js';
import { findType } from './request-types.service.js';
import { tellFamily } from './requests.family-news.js';
import { moveCounters, NO_DEADLINE } from './requests.repo.js';

/**
 * The request's life inside one transaction (C2–C6): its data and what it hashes to, completeness,
 * attestations and their voiding, and every move of the state machine with its clock, history,
 * counters, audit and message to the family. Staff routes (requests.intake, .documents, .attestation
 * and .moves) and the other modules (requests.workflow.ts) all come through here.
 */
export type Db = Kysely<Database>;
export interface Actor {
  kind: 'staff' | 'family' | 'system';
  id: string | null;
}

export const answersAad = (id: string) => `request:${id}:answers`;
export const reasonsAad = (id: string) => `request:${id}:decision_reasons`;
export const noteAad = (id: string) => `request-history:${id}:note`;

export function openAnswers(ctx: AppContext, row: RequestTable): Answers {
  return JSON.parse(ctx.keys.encryptor.decrypt(row.answers, answersAad(row.id))) as Answers;
}

export function sealAnswers(ctx: AppContext, id: string, answers: Answers): string {
  return ctx.keys.encryptor.encrypt(JSON.stringify(answers), answersAad(id));
}

export function openReasons(ctx: AppContext, row: RequestTable): string | null {
  return row.decision_reasons ? ctx.keys.encryptor.decrypt(row.decision_reasons, reasonsAad(row.id)) : null;
}

export async function requireType(db: Db, code: string): Promise<RequestType> {
  const type = await findType(db, code);
  if (!type) throw new Error(`request type ${code} is missing`);
  return type;
}

export async function documentsOf(db: Db, requestId: string): Promise<RequestDocument[]> {
  const rows = await db
    .selectFrom('request_documents')
    .innerJoin('files', 'files.id', 'request_documents.file_id')
    .select([
      'request_documents.id',
      'request_documents.item_key',
      'request_documents.file_id',
      'request_documents.created_at',
      'request_documents.created_by',
      'files.name',
      'files.media_type',
      'files.size',
      'files.sha256',
    ])
    .where('request_documents.request_id', '=', requestId)
    .where('request_documents.removed_at', 'is', null)
    .orderBy('request_documents.created_at')
    .orderBy('request_documents.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    itemKey: r.item_key,
    fileId: r.file_id,
    name: r.name,
    mediaType: r.media_type,
    size: r.size,
    sha256: r.sha256,
    createdAt: r.created_at,
    createdBy: r.created_by,
  }));
}

export interface RequestState {
  row: RequestTable;
  type: RequestType;
  answers: Answers;
  documents: RequestDocument[];
  family: AttestedFamily;
  attestation: RequestAttestationTable | null;
  dataSha256: string;
  completeness: Completeness;
}

/** Everything the rules need about a request, read through `db` (the caller's transaction). */
export async function loadState(db: Db, ctx: AppContext, row: RequestTable): Promise<RequestState> {
  const [type, documents, family] = await Promise.all([
    requireType(db, row.type_code).then((type) => asFiled(db, row, type)),
    documentsOf(db, row.id),
    attestedFamily(db, ctx, row.family_id),
  ]);
  const answers = openAnswers(ctx, row);
  const attestation = row.current_attestation_id
    ? ((await db.selectFrom('request_attestations').selectAll().where('id', '=', row.current_attestation_id).executeTakeFirst()) ?? null)
    : null;
  const dataSha256 = sha256Hex(
    canonicalAttestedData({
      requestReference: row.reference,
      typeCode: row.type_code,
      family,
      answers,
      documents: documents.map((d) => ({ itemKey: d.itemKey, sha256: d.sha256 })),
    }),
  );
  const evaluation = evaluateChecklist(type.checklist, answers, documents);
  const isAttested = attestation !== null && attestation.voided_at === null && attestation.data_sha256 === dataSha256;
  return {
    row,
    type,
    answers,
    documents,
    family,
    attestation,
    dataSha256,
    completeness: { isChecklistSatisfied: evaluation.isSatisfied, isAttested, items: evaluation.items, missing: evaluation.missing },
  };
}

export function presentAttestation(row: RequestAttestationTable, witnessName: string | null): Attestation {
  return {
    id: row.id,
    method: row.method as Attestation['method'],
    dataSha256: row.data_sha256,
    evidenceFileId: row.evidence_file_id,
    witnessId: row.witness_id,
    witnessName,
    attestedAt: row.attested_at,
    voidedAt: row.voided_at,
    voidReason: row.void_reason,
  };
}

export async function addHistory(
  db: Db,
  ctx: AppContext,
  requestId: string,
  entry: { event: string; from: string | null; to: string; actor: Actor; note?: string | null },
): Promise<void> {
  const id = uuidv7(ctx.clock.now().getTime());
  const last = await db
    .selectFrom('request_history')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('request_id', '=', requestId)
    .executeTakeFirst();
  await db
    .insertInto('request_history')
    .values({
      id,
      request_id: requestId,
      seq: Number(last?.seq ?? 0) + 1,
      event: entry.event,
      from_status: entry.from,
      to_status: entry.to,
      at: ctx.clock.now().toISOString(),
      actor_kind: entry.actor.kind,
      actor_id: entry.actor.id,
      note: entry.note ? ctx.keys.encryptor.encrypt(entry.note, noteAad(id)) : null,
    })
    .execute();
}

/**
 * C4: the current attestation no longer covers the data (answers, documents or the family's core
 * data changed): voided, recorded in the history; the request cannot go on until attested again.
 * No-op when there is none or it still matches `dataSha256`.
 */
export async function voidIfChanged(
  db: Db,
  ctx: AppContext,
  row: RequestTable,
  dataSha256: string,
  reason: 'answers-changed' | 'documents-changed' | 'family-changed',
  actor: Actor,
): Promise<boolean> {
  if (!row.current_attestation_id) return false;
  const current = await db.selectFrom('request_attestations').selectAll().where('id', '=', row.current_attestation_id).executeTakeFirst();
  if (!current || current.voided_at !== null || current.data_sha256 === dataSha256) return false;
  const now = ctx.clock.now().toISOString();
  await db.updateTable('request_attestations').set({ voided_at: now, void_reason: reason }).where('id', '=', current.id).execute();
  await db.updateTable('requests').set({ current_attestation_id: null, updated_at: now }).where('id', '=', row.id).execute();
  await addHistory(db, ctx, row.id, { event: 'attestation-voided', from: row.status, to: row.status, actor, note: reason });
  await recordAudit(db, {
    at: ctx.clock.now(),
    actor,
    action: 'request.attestation-voided',
    entity: 'request',
    entityId: row.id,
    details: { attestationId: current.id, reason },
  });
  return true;
}

/** 422 `request.incomplete` listing the missing items (C3) and a missing attestation (C4). */
export function assertComplete(state: RequestState): void {
  const errors: FieldError[] = state.completeness.items
    .filter((i) => i.problem)
    .map((i) => ({
      pointer: `/checklist/${i.key}`,
      code: i.problem === 'checklist.missing' ? 'checklist.missing' : (i.problem as string),
      detail: i.labelEn,
    }));
  if (!state.completeness.isAttested)
    errors.push({ pointer: '/attestation', code: 'attestation.missing', detail: 'The family has not attested the data as it is now' });
  if (errors.length) throw AppError.unprocessable('request.incomplete', 'The request is not complete and attested yet', errors);
}

export function illegal(from: RequestStatus, action: RequestAction, to: RequestStatus): AppError {
  return new AppError(409, 'request.illegal-transition', `A ${from} request cannot ${action}`, [], {}, { from, to, action });
}

export interface MoveInput {
  note?: string | null;
  meetingId?: string | null;
  outcome?: DecisionOutcome;
  reasons?: string;
  minutesId?: string | null;
}

/**
 * One move of the state machine in `trx` (C5, C6): the status, the clock, history, counters, audit
 * and the family's message, all or nothing. Illegal moves: 409 `request.illegal-transition`.
 */
export async function move(trx: Db, ctx: AppContext, actor: Actor, requestId: string, action: RequestAction, input: MoveInput = {}) {
  const row = await trx.selectFrom('requests').selectAll().where('id', '=', requestId).executeTakeFirst();
  if (!row) throw AppError.notFound('request.not-found', 'No such request');
  const from = row.status as RequestStatus;
  const result = transition(from, action);
  if (!result.isAllowed) throw illegal(from, action, targetFor(action));
  const to = result.to;
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const today = riyadhCalendarDay(now);
  const changes: Partial<RequestTable> = { status: to, updated_at: nowIso, version: row.version + 1 };
  let state: RequestState | null = null;

  switch (action) {
    case 'submit': {
      // Issue 25 §5 (F2): a draft holds no erasure, so an erased family may still have one; it never becomes a case.
      await assertFamilyNotErased(ctx, row.family_id, trx);
      state = await loadState(trx, ctx, row);
      assertComplete(state);
      // C6: the day it became complete and attested is day 0 of its working-day clock.
      const clock = await startClock(trx, ctx, {
        ownerType: 'request',
        ownerId: row.id,
        startDay: today,
        workingDays: state.type.responseWorkingDays,
        warningThreshold: state.type.warningThreshold,
        actor,
      });
      Object.assign(changes, {
        clock_id: clock.id,
        deadline_day: clock.deadline,
        sla_state: 'on-time',
        committee_id: state.type.committeeId,
        submitted_at: nowIso,
        completed_at: nowIso,
      });
      break;
    }
    case 'begin-study': {
      state = await loadState(trx, ctx, row);
      assertComplete(state);
      break;
    }
    case 'request-information': {
      if (row.clock_id) {
        const clock = await pauseClock(trx, ctx, row.clock_id, { day: today, actor });
        changes.deadline_day = clock.deadline;
      }
      break;
    }
    case 'information-received': {
      state = await loadState(trx, ctx, row);
      assertComplete(state);
      if (row.clock_id) {
        const clock = await resumeClock(trx, ctx, row.clock_id, { day: today, actor });
        changes.deadline_day = clock.deadline;
      }
      break;
    }
    case 'decide': {
      if (!input.outcome || !input.reasons?.trim())
        throw AppError.badRequest('request.invalid', 'A decision needs an outcome and reasons', [
          { pointer: '/reasons', code: 'field.required', detail: 'Reasons are required' },
        ]);
      Object.assign(changes, {
        decision_outcome: input.outcome,
        decision_reasons: ctx.keys.encryptor.encrypt(input.reasons.trim(), reasonsAad(row.id)),
        decision_meeting_id: input.meetingId ?? null,
        decision_minutes_id: input.minutesId ?? null,
        decided_at: nowIso,
      });
      break;
    }
    case 'notify': {
      // C6: the reply the policy asks for is the decision communicated to the family: the clock stops.
      if (row.clock_id) {
        const clock = await stopClock(trx, ctx, row.clock_id, { at: now, reason: 'done', actor });
        changes.deadline_day = clock.deadline;
        changes.sla_state = (clock.state === 'met' ? 'met' : 'late') satisfies SlaState;
      }
      changes.notified_at = nowIso;
      break;
    }
    case 'close':
      changes.closed_at = nowIso;
      break;
  }

  const updated = await trx
    .updateTable('requests')
    .set(changes)
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1)
    throw AppError.conflict('request.version-conflict', 'Someone else changed this request meanwhile; reload and try again');
  const next = { ...row, ...changes } as RequestTable;
  await moveCounters(trx, row, next);
  await addHistory(trx, ctx, row.id, { event: action, from, to, actor, note: input.note ?? (action === 'decide' ? input.outcome : null) });
  await recordAudit(trx, {
    at: now,
    actor,
    action: `request.${action}`,
    entity: 'request',
    entityId: row.id,
    details: { from, to, ...(input.meetingId ? { meetingId: input.meetingId } : {}), ...(input.outcome ? { outcome: input.outcome } : {}) },
  });
  // C5: every status change tells the family on its agreed channel (issue 27 §2).
  await tellFamily(trx, ctx, {
    row: next,
    action,
    actor,
    typeName: (await requireType(trx, row.type_code)).nameAr,
    note: input.note ?? null,
    reasons: action === 'decide' ? openReasons(ctx, next) : null,
  });
  if (action === 'close') await ctx.hooks.emit(requestClosed, { trx, request: next });
  return next;
}

/** Issue 24 §2 (H1): a closed request may be followed by a satisfaction survey (the surveys area subscribes). */
export const requestClosed = defineEvent<{ trx: Db; request: RequestTable }>('request.closed');

function targetFor(action: RequestAction): RequestStatus {
  const map: Record<RequestAction, RequestStatus> = {
    submit: 'complete',
    'begin-study': 'under-study',
    'request-information': 'information-requested',
    'information-received': 'under-study',
    decide: 'decided',
    notify: 'notified',
    close: 'closed',
  };
  return map[action];
}

export function deadlineHijri(day: string): string | null {
  return day === NO_DEADLINE ? null : toHijriString(day);
}
