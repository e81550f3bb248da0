import type { Minutes } from '../../contracts/committees.js';
import type { AppContext } from '../../platform/context.js';
import type { MinutesTable } from '../../platform/db/schema-committees.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { recordAudit } from '../audit/index.js';
import { staffNames } from '../staff/index.js';
import { REQUEST_SUBJECT, subjectOf } from './committee-subjects.js';
import * as repo from './committees.repo.js';
import { isChair, lockMeeting, type MeetingState } from './meeting-state.js';
import { actorOf, frozenError, memberMinutes, notFound } from './minutes.access.js';
import { type Db, inactivePresent, movedDecisions, storedOutcomes } from './minutes.content.js';
import { presentMinutes } from './minutes.present.js';

/** Approving minutes (C5): each member present approves, the chair excuses who cannot, the last approval freezes them. */

/**
 * C5: a member present approves the text they read (`sha256`); the last approval freezes the
 * minutes and, for the meeting's original minutes, applies each decision to its request
 * (under-study → decided → notified) and closes the meeting — all in this one transaction.
 */
export async function approveMinutes(ctx: AppContext, principal: StaffPrincipal, id: string, sha256: string): Promise<Minutes> {
  return ctx.db.transaction().execute(async (trx) => {
    const found = await repo.findMinutes(trx, id);
    if (!found) throw notFound();
    await lockMeeting(trx, found.meeting_id);
    const { row, state } = await memberMinutes(trx, ctx, principal, id);
    if (row.status === 'frozen') throw frozenError();
    if (!state.present.includes(principal.userId))
      throw AppError.forbidden('minutes.not-present', 'Only the members present at the meeting approve its minutes');
    if (row.sha256 !== sha256) throw AppError.conflict('minutes.changed', 'The minutes changed since you read them; read them again');
    const now = ctx.clock.now();
    const approvals = await repo.approvalsOf(trx, id);
    if (!approvals.some((a) => a.member_id === principal.userId)) {
      await trx
        .insertInto('minutes_approvals')
        .values({ minutes_id: id, member_id: principal.userId, approved_at: now.toISOString() })
        .execute();
      await recordAudit(trx, {
        at: now,
        actor: actorOf(principal),
        action: 'minutes.approve',
        entity: 'minutes',
        entityId: id,
        details: { sha256 },
      });
    }
    const approved = new Set([...approvals.map((a) => a.member_id), principal.userId]);
    await freezeIfDone(trx, ctx, principal, state, row, approved, now);
    const fresh = (await repo.findMinutes(trx, id)) as MinutesTable;
    const after = { ...state, minutes: await repo.minutesOfMeeting(trx, row.meeting_id) };
    return presentMinutes(ctx, trx, principal, after, fresh);
  });
}

/**
 * Freezes the minutes once every member present has approved them or been recorded by the chair as
 * unable to (C5). Refused with 409, nothing applied (the caller's transaction rolls back):
 * - `minutes.approver-inactive` when everyone else has approved but a member present can no longer
 *   approve (deactivated, left the committee): the chair records them (`excusals`), naming who;
 * - `minutes.requests-moved` when a decided request is no longer under this committee's study: the
 *   chair generates the minutes again (it is then deferred or left out).
 */
async function freezeIfDone(
  trx: Db,
  ctx: AppContext,
  principal: StaffPrincipal,
  state: MeetingState,
  row: MinutesTable,
  approved: Set<string>,
  now: Date,
) {
  const excused = new Set((await repo.excusalsOf(trx, row.id)).map((e) => e.member_id));
  const waiting = state.present.filter((id) => !approved.has(id) && !excused.has(id));
  if (waiting.length > 0) {
    const inactive = new Set(inactivePresent(state));
    if (!waiting.every((id) => inactive.has(id))) return; // active members still to approve
    const names = await staffNames(trx, waiting);
    throw new AppError(
      409,
      'minutes.approver-inactive',
      'A member recorded present can no longer approve (account deactivated or left the committee); the chair records them as unable to approve',
      waiting.map((id) => ({
        pointer: `/pending/${id}`,
        code: 'minutes.member-inactive',
        detail: names.get(id) ?? id,
      })),
    );
  }
  if (approved.size === 0) return;
  if (row.amends_id === null) {
    const moved = movedDecisions(state, storedOutcomes(ctx, row));
    if (moved.length > 0)
      throw new AppError(
        409,
        'minutes.requests-moved',
        'A request decided in these minutes is no longer under this committee’s study; generate the minutes again',
        moved.map((m) => ({ pointer: `/decisions/${m.subjectId}`, code: 'request.moved', detail: `${m.reference}: ${m.status}` })),
      );
  }
  await freeze(trx, ctx, principal, state, row, now);
}

/**
 * C5: the chair records a member present who can no longer approve (account deactivated, committee
 * role removed, left the committee). The minutes' text is unchanged; the record, who made it and when
 * are kept beside the approvals. If everyone else has approved, the minutes freeze now.
 */
export async function excuseMember(ctx: AppContext, principal: StaffPrincipal, id: string, memberId: string): Promise<Minutes> {
  return ctx.db.transaction().execute(async (trx) => {
    const found = await repo.findMinutes(trx, id);
    if (!found) throw notFound();
    await lockMeeting(trx, found.meeting_id);
    const { row, state } = await memberMinutes(trx, ctx, principal, id);
    if (row.status === 'frozen') throw frozenError();
    if (!isChair(state, principal)) throw AppError.forbidden('meeting.chair-only', 'Only the committee’s chair records who cannot approve');
    const invalid = (code: string, detail: string) =>
      AppError.unprocessable('minutes.cannot-excuse', detail, [{ pointer: '/memberId', code, detail }]);
    if (!state.present.includes(memberId)) throw invalid('minutes.not-present', 'Not a member recorded present');
    if (!inactivePresent(state).includes(memberId))
      throw invalid('minutes.member-active', 'This member can still approve the minutes themselves');
    const approvals = await repo.approvalsOf(trx, id);
    if (approvals.some((a) => a.member_id === memberId)) throw invalid('minutes.already-approved', 'This member has approved');
    const now = ctx.clock.now();
    await trx
      .insertInto('minutes_excusals')
      .values({ minutes_id: id, member_id: memberId, reason: 'inactive', excused_by: principal.userId, excused_at: now.toISOString() })
      .onConflict((oc) => oc.columns(['minutes_id', 'member_id']).doNothing())
      .execute();
    await recordAudit(trx, {
      at: now,
      actor: actorOf(principal),
      action: 'minutes.excuse',
      entity: 'minutes',
      entityId: id,
      details: { memberId, reason: 'inactive' },
    });
    await freezeIfDone(trx, ctx, principal, state, row, new Set(approvals.map((a) => a.member_id)), now);
    const fresh = (await repo.findMinutes(trx, id)) as MinutesTable;
    const after = { ...state, minutes: await repo.minutesOfMeeting(trx, row.meeting_id) };
    return presentMinutes(ctx, trx, principal, after, fresh);
  });
}

async function freeze(trx: Db, ctx: AppContext, principal: StaffPrincipal, state: MeetingState, row: MinutesTable, now: Date) {
  await trx
    .updateTable('minutes')
    .set({ status: 'frozen', frozen_at: now.toISOString(), updated_at: now.toISOString() })
    .where('id', '=', row.id)
    .where('status', '=', 'draft')
    .execute();
  // Deferred requests stay under the committee's study (information-requested); only decisions move on.
  const { decisions } = storedOutcomes(ctx, row);
  if (row.amends_id === null) {
    // C5/C6: each decision reaches its subject through its kind (a request: decided, its message to
    // the family to the outbox), in this transaction.
    for (const decision of decisions)
      await subjectOf(ctx, decision.subjectKind).applyDecision(trx, ctx, actorOf(principal), decision.subjectId, {
        outcome: decision.outcome,
        reasons: decision.reasons,
        payload: decision.payload ?? null,
        meetingId: state.meeting.id,
        minutesId: row.id,
      });
    await trx
      .updateTable('committee_meetings')
      .set({ status: 'closed', closed_at: now.toISOString(), updated_at: now.toISOString() })
      .where('id', '=', state.meeting.id)
      .execute();
  }
  await recordAudit(trx, {
    at: now,
    actor: actorOf(principal),
    action: 'minutes.freeze',
    entity: 'minutes',
    entityId: row.id,
    details: {
      sha256: row.sha256,
      meetingId: state.meeting.id,
      amendsId: row.amends_id,
      decisions:
        row.amends_id === null
          ? decisions.map((d) =>
              d.subjectKind === REQUEST_SUBJECT
                ? { requestId: d.subjectId, outcome: d.outcome }
                : { subjectKind: d.subjectKind, subjectId: d.subjectId, outcome: d.outcome },
            )
          : [],
    },
  });
}
