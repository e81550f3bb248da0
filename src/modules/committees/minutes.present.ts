import type { Minutes, MinutesDecision, MinutesSummary } from '../../contracts/committees.js';
import type { DecisionOutcome } from '../../domain/committee-vote.js';
import { requestMinutesSentence } from '../../domain/minutes.js';
import type { AppContext } from '../../platform/context.js';
import type { MinutesTable } from '../../platform/db/schema-committees.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { recordAudit } from '../audit/index.js';
import { staffNames } from '../staff/index.js';
import * as repo from './committees.repo.js';
import { agendaDetails, isChair, type MeetingState, minutesAad, open } from './meeting-state.js';
import { actorOf, memberMinutes } from './minutes.access.js';
import { type Db, inactivePresent, movedDecisions, type StoredDecision, storedOutcomes } from './minutes.content.js';

/** Minutes as a member reads them (C5): on screen and printed, each read audited. */

/** How the decision's kind words it; a kind no longer registered is worded as a request. */
function sentence(state: MeetingState, d: StoredDecision, language: 'ar' | 'en') {
  const kind = state.kinds.get(d.subjectKind);
  if (kind) return kind.minutesSentence(d, language);
  return language === 'ar' ? requestMinutesSentence(d) : { heading: d.reference, decision: d.outcome };
}

export function presentMinutesSummary(row: MinutesTable): MinutesSummary {
  return {
    id: row.id,
    status: row.status as MinutesSummary['status'],
    amendsId: row.amends_id,
    createdAt: row.created_at,
    frozenAt: row.frozen_at,
  };
}

export async function presentMinutes(
  ctx: AppContext,
  db: Db,
  principal: StaffPrincipal,
  state: MeetingState,
  row: MinutesTable,
): Promise<Minutes> {
  const approvals = await repo.approvalsOf(db, row.id);
  const excusals = await repo.excusalsOf(db, row.id);
  const names = await staffNames(db, [...state.present, ...approvals.map((a) => a.member_id)]);
  const approved = new Set(approvals.map((a) => a.member_id));
  const excused = new Set(excusals.map((e) => e.member_id));
  const inactive = new Set(inactivePresent(state));
  const isDraft = row.status === 'draft';
  const amendedBy = state.minutes.filter((m) => m.amends_id === row.id).map((m) => m.id);
  const hasOpenAmendment = state.minutes.some((m) => m.amends_id === row.id && m.status === 'draft');
  const outcomes = storedOutcomes(ctx, row);
  const decisions: MinutesDecision[] = outcomes.decisions.map((d) => ({
    subjectKind: d.subjectKind,
    subjectId: d.subjectId,
    sentenceAr: sentence(state, d, 'ar'),
    sentenceEn: sentence(state, d, 'en'),
    requestId: d.subjectId,
    reference: d.reference,
    typeNameAr: d.typeNameAr,
    outcome: d.outcome as DecisionOutcome,
    reasons: d.reasons,
    payload: d.payload ?? null,
  }));
  return {
    ...presentMinutesSummary(row),
    meetingId: row.meeting_id,
    committeeId: row.committee_id,
    text: open(ctx, minutesAad(row.id, 'text'), row.text) ?? '',
    notes: open(ctx, minutesAad(row.id, 'notes'), row.notes),
    sha256: row.sha256,
    amendedBy,
    decisions,
    deferred: outcomes.deferred.map((d) => ({ ...d, requestId: d.subjectId })),
    approvals: approvals.map((a) => ({ userId: a.member_id, displayName: names.get(a.member_id) ?? '', approvedAt: a.approved_at })),
    pending: state.present
      .filter((id) => !approved.has(id) && !excused.has(id))
      .map((id) => ({ userId: id, displayName: names.get(id) ?? '', isActive: !inactive.has(id) })),
    excused: excusals.map((e) => ({
      userId: e.member_id,
      displayName: names.get(e.member_id) ?? '',
      excusedAt: e.excused_at,
      excusedBy: e.excused_by,
    })),
    moved: isDraft && row.amends_id === null ? movedDecisions(state, outcomes) : [],
    can: {
      approve: isDraft && state.present.includes(principal.userId) && !approved.has(principal.userId),
      edit: isDraft && isChair(state, principal),
      amend: !isDraft && isChair(state, principal) && !hasOpenAmendment,
      excuse: isDraft && isChair(state, principal) && [...inactive].some((id) => !approved.has(id) && !excused.has(id)),
    },
  };
}

export async function getMinutes(ctx: AppContext, principal: StaffPrincipal, id: string): Promise<Minutes> {
  const { row, state } = await memberMinutes(ctx.db, ctx, principal, id);
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: actorOf(principal),
    action: 'minutes.view',
    entity: 'minutes',
    entityId: id,
    details: agendaDetails(state),
  });
  return presentMinutes(ctx, ctx.db, principal, state, row);
}

/** For the printable page: the minutes as a member sees them, audited as a print. */
export async function minutesForPrint(ctx: AppContext, principal: StaffPrincipal, id: string) {
  const { row, state } = await memberMinutes(ctx.db, ctx, principal, id);
  const minutes = await presentMinutes(ctx, ctx.db, principal, state, row);
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: actorOf(principal),
    action: 'minutes.print',
    entity: 'minutes',
    entityId: id,
  });
  return { minutes, committeeNameAr: state.committee.name_ar };
}
