import type { HistoryEntry, RequestChannel, RequestStatus, RequestSummary, ServiceRequest, SlaState } from '../../contracts/requests.js';
import { riyadhCalendarDay, toHijriString } from '../../domain/dates.js';
import { evaluateChecklist } from '../../domain/request-checklist.js';
import type { AppContext } from '../../platform/context.js';
import type { RequestTable } from '../../platform/db/schema-requests.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { recordAudit } from '../audit/index.js';
import { getClock, workingDaysLeftOn } from '../calendar/index.js';
import { familySummaries } from '../families/index.js';
import { messagesAbout } from '../notifications/index.js';
import { staffNames } from '../staff/index.js';
import { filedChecklists } from './request-type-versions.js';
import { findTypes } from './request-types.service.js';
import { loadVisible, staffActor } from './requests.access.js';
import { answersAad, type Db, deadlineHijri, loadState, noteAad, openReasons, presentAttestation } from './requests.core.js';
import { allowedMoves, requestAbilities } from './requests.policy.js';
import { NO_DEADLINE } from './requests.repo.js';

/** A request as staff read it (issue 5): the whole request with its history and deadline, and the summaries lists show. */

/** Clock states in which the reply is still owed (C6). */
const OPEN_CLOCK_STATES: ReadonlySet<string> = new Set(['running', 'paused', 'breached']);

async function historyOf(ctx: AppContext, db: Db, requestId: string): Promise<HistoryEntry[]> {
  const rows = await db
    .selectFrom('request_history')
    .select(['id', 'at', 'event', 'from_status', 'to_status', 'actor_kind', 'actor_id', 'note'])
    .where('request_id', '=', requestId)
    .orderBy('seq')
    .execute();
  const names = await staffNames(
    db,
    rows.filter((r) => r.actor_kind === 'staff').map((r) => r.actor_id),
  );
  return rows.map((r) => ({
    at: r.at,
    from: r.from_status as RequestStatus | null,
    to: r.to_status as RequestStatus,
    event: r.event,
    actorKind: r.actor_kind as HistoryEntry['actorKind'],
    actorId: r.actor_id,
    actorName: r.actor_kind === 'staff' && r.actor_id ? (names.get(r.actor_id) ?? null) : null,
    note: r.note ? ctx.keys.encryptor.decrypt(r.note, noteAad(r.id)) : null,
  }));
}

export function summaryOf(
  row: RequestTable,
  type: { nameAr: string; nameEn: string },
  family: { reference: string; name: string } | undefined,
  checklist: { isChecklistSatisfied: boolean; isAttested: boolean },
  principal: StaffPrincipal,
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
    abilities: requestAbilities(principal, { createdBy: row.created_by, status: row.status, isAttested: checklist.isAttested }),
  };
}

export async function present(ctx: AppContext, principal: StaffPrincipal, row: RequestTable): Promise<ServiceRequest> {
  const state = await loadState(ctx.db, ctx, row);
  const families = await familySummaries(ctx.db, [row.family_id]);
  const clock = row.clock_id ? await getClock(ctx, row.clock_id) : undefined;
  const witnessId = state.attestation?.witness_id ?? null;
  const witnessName = witnessId ? ((await staffNames(ctx.db, [witnessId])).get(witnessId) ?? null) : null;
  const reasons = openReasons(ctx, row);
  const summary = summaryOf(row, state.type, families.get(row.family_id), state.completeness, principal);
  return {
    ...summary,
    type: state.type,
    typeVersion: row.type_version,
    answers: state.answers,
    completeness: state.completeness,
    documents: state.documents,
    attestation: state.attestation ? presentAttestation(state.attestation, witnessName) : null,
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
    messages: (await messagesAbout(ctx.db, { type: 'request', ids: [row.id] })).get(row.id) ?? [],
    closedAt: row.closed_at,
    version: row.version,
    allowedActions: allowedMoves(summary.abilities),
    canEdit: summary.abilities.edit,
  };
}

export async function getRequest(ctx: AppContext, principal: StaffPrincipal, id: string): Promise<ServiceRequest> {
  const row = await loadVisible(ctx, principal, id);
  await recordAudit(ctx.db, { at: ctx.clock.now(), actor: staffActor(principal), action: 'request.view', entity: 'request', entityId: id });
  return present(ctx, principal, row);
}

/**
 * For drafts in lists: the checklist and attestation at a glance (reception's "to attest"). A page of
 * drafts is read with one statement for their types and one for their documents, not two per draft.
 */
export async function draftFlags(ctx: AppContext, rows: RequestTable[]) {
  const result = new Map<string, { isChecklistSatisfied: boolean; isAttested: boolean }>();
  const open = rows.filter((row) => row.status === 'draft' || row.status === 'information-requested');
  const types = await findTypes(ctx.db, [...new Set(open.map((row) => row.type_code))]);
  const filed = await filedChecklists(ctx.db, open, types); // C2: a draft filed under an earlier version keeps its checklist
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
      filed.get(`${row.type_code}@${row.type_version}`) ?? types.get(row.type_code)?.checklist ?? [],
      JSON.parse(ctx.keys.encryptor.decrypt(row.answers, answersAad(row.id))),
      documents.filter((document) => document.request_id === row.id),
    );
    result.set(row.id, { isChecklistSatisfied: evaluation.isSatisfied, isAttested });
  }
  return result;
}
