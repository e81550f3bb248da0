import type { Kysely } from 'kysely';
import type { CaseDetail, ComplaintStepBody, StaffLookup } from '../../contracts/complaints.js';
import { type ComplaintStep, complaintMove, complaintTarget } from '../../domain/complaint-steps.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import type { ComplaintRow } from '../../platform/db/schema-complaints.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { committeeForPurpose, committeeMembers } from '../committees/index.js';
import { enqueueMessage } from '../notifications/index.js';
import { searchActiveStaff, staffNames } from '../staff/index.js';
import { stopMainClock } from './complaints.clocks.js';
import { acknowledge, audit, commitStep, illegal, reload, staffActor } from './complaints.handling.js';
import { writerRecipients } from './complaints.messages.js';
import { assertCanHandle, canBeGivenTo, isConcerned, loadVisible } from './complaints.policy.js';
import { presentDetail } from './complaints.present.js';
import { open, seal } from './complaints.sealing.js';
import { getComplaintsSettings } from './complaints.settings.js';

/** The ISO 10002 steps of a complaint (issue 6 §5, §6; E1), and the staff picker for those concerned by it. */

async function followUpMembers(ctx: AppContext): Promise<{ committeeId: string; memberIds: Set<string> } | null> {
  const committee = await committeeForPurpose(ctx, 'follow-up');
  if (!committee) return null;
  const members = await committeeMembers(ctx, committee.id);
  return { committeeId: committee.id, memberIds: new Set(members.map((m) => m.userId)) };
}

type Db = Kysely<Database>;

/** One ISO 10002 step of a complaint (§5); illegal moves: 409 `complaint.illegal-transition`. */
export function complaintStep(ctx: AppContext, principal: StaffPrincipal, id: string, body: ComplaintStepBody): Promise<CaseDetail> {
  return takeStep(ctx, principal, id, body, (trx, next) => presentDetail(ctx, trx, next, principal));
}

/** The same step answered with the complaint's reference and new step only: bulk steps (issue 19 §5) present nothing. */
export function complaintStepBrief(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  body: ComplaintStepBody,
): Promise<{ reference: string; status: string }> {
  return takeStep(ctx, principal, id, body, async (_trx, next) => ({ reference: next.reference, status: next.step }));
}

async function takeStep<T>(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  body: ComplaintStepBody,
  answer: (trx: Db, next: ComplaintRow) => Promise<T>,
): Promise<T> {
  const actor = staffActor(principal);
  const followUp = body.action === 'assign' ? await followUpMembers(ctx) : null;
  const settings = body.action === 'assess' ? await getComplaintsSettings(ctx) : null;
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadVisible(trx, principal, 'complaint', id);
    assertCanHandle(principal, row, body.action);
    const from = row.step as ComplaintStep;
    const move = complaintMove(from, body.action);
    if (!move.isAllowed) throw illegal('complaint', from, body.action, complaintTarget(body.action));
    const now = ctx.clock.now();
    const at = now.toISOString();
    const changes: Partial<ComplaintRow> = {};
    if (body.action === 'acknowledge') {
      const next = await acknowledge(trx, ctx, row, body.via, actor, body.note);
      await audit(trx, ctx, actor, row, 'acknowledge', { via: body.via });
      return answer(trx, (await reload(trx, next.id)) as ComplaintRow);
    }
    if (body.action === 'assess') {
      if (body.topic) {
        const topic = settings?.topics.find((t) => t.code === body.topic && t.kind === 'complaint');
        if (!topic)
          throw AppError.badRequest('request.invalid', 'Unknown complaint topic', [
            { pointer: '/topic', code: 'settings.unknown-code', detail: 'Unknown complaint topic' },
          ]);
        changes.topic = body.topic;
      }
      if (body.domain) changes.domain = body.domain;
      changes.severity = body.severity;
      changes.needs_immediate_action = body.needsImmediateAction ? 1 : 0;
      const concerned = [...new Set(body.concernedStaffIds)];
      if (row.assigned_to && concerned.includes(row.assigned_to))
        throw AppError.conflict(
          'complaint.assignee-concerned',
          'The assigned member is concerned by this complaint: assign someone else first',
        );
      if (concerned.length) {
        const known = await staffNames(trx, concerned);
        if (known.size !== concerned.length)
          throw AppError.badRequest('request.invalid', 'Unknown staff member', [
            { pointer: '/concernedStaffIds', code: 'staff.not-found', detail: 'Some ids are not staff members' },
          ]);
      }
      await trx.deleteFrom('complaint_concerned_staff').where('complaint_id', '=', id).execute();
      if (concerned.length)
        await trx
          .insertInto('complaint_concerned_staff')
          .values(concerned.map((staffId) => ({ complaint_id: id, staff_id: staffId, added_by: principal.userId, added_at: at })))
          .execute();
    }
    let notify: string | null = null;
    if (body.action === 'assign') {
      if (!followUp) throw AppError.conflict('complaint.no-follow-up-committee', 'No active follow-up committee');
      if (body.assigneeId) {
        if (!followUp.memberIds.has(body.assigneeId))
          throw AppError.unprocessable('complaint.assignee-not-member', 'The assignee is not a member of the follow-up committee', [
            { pointer: '/assigneeId', code: 'complaint.assignee-not-member', detail: 'Not a member of the follow-up committee' },
          ]);
        // §6: staff concerned by the complaint are never assigned to it.
        if (await isConcerned(trx, id, body.assigneeId))
          throw AppError.conflict('complaint.assignee-concerned', 'This member is concerned by the complaint and cannot handle it');
        if (!(await canBeGivenTo(ctx, trx, row, body.assigneeId)))
          throw AppError.unprocessable('complaint.assignee-out-of-scope', 'The member could not open this complaint', [
            { pointer: '/assigneeId', code: 'complaint.assignee-out-of-scope', detail: 'The family is outside this member’s scope' },
          ]);
        notify = body.assigneeId;
      }
      changes.assigned_committee_id = followUp.committeeId;
      changes.assigned_to = body.assigneeId;
    }
    if (body.action === 'decide-response') {
      changes.decided_response = seal(ctx, id, 'decided_response', body.response);
      changes.decided_escalation = seal(ctx, id, 'decided_escalation', body.escalation);
    }
    if (body.action === 'communicate-response') {
      const response = open(ctx, id, 'decided_response', row.decided_response) ?? '';
      const escalation = open(ctx, id, 'decided_escalation', row.decided_escalation) ?? '';
      for (const recipient of await writerRecipients(trx, ctx, row))
        await enqueueMessage(trx, ctx, {
          event: 'complaint.responded',
          recipient,
          language: row.language === 'en' ? 'en' : 'ar',
          params: { reference: row.reference, response, escalation },
          about: { type: 'complaint', id },
          dedupeKey: `complaint:${id}:responded:${recipient.kind === 'contact' ? recipient.channel : 'family'}`,
          actor,
        });
      // What the tracking page shows as `response`: the text sent, with the way to escalate.
      changes.response = seal(ctx, id, 'response', `${response}\n\n${escalation}`);
      changes.responded_at = at;
      changes.sla_state = await stopMainClock(trx, ctx, row, actor);
    }
    if (body.action === 'close') {
      changes.closed_outcome = body.outcome;
      changes.closed_at = at;
    }
    if (body.action === 'record-satisfaction') {
      changes.satisfaction = body.satisfaction;
      changes.satisfaction_note = seal(ctx, id, 'satisfaction_note', body.note);
    }
    const next = await commitStep(trx, ctx, { row, changes, from, to: move.to, action: body.action, actor, note: body.note, notify, at });
    await audit(trx, ctx, actor, row, body.action, {
      from,
      to: move.to,
      ...(body.action === 'assess' ? { severity: body.severity, concerned: body.concernedStaffIds.length } : {}),
      ...(body.action === 'assign' ? { assigneeId: body.assigneeId } : {}),
      ...(body.action === 'close' ? { outcome: body.outcome } : {}),
      ...(body.action === 'record-satisfaction' ? { satisfaction: body.satisfaction } : {}),
    });
    return answer(trx, next);
  });
}

/**
 * Active staff by display name for the concerned-staff picker (§5, §6): id and name only. The search
 * is a case-insensitive substring (LIKE with its wildcards escaped), the same on both engines.
 */
export async function lookupStaff(ctx: AppContext, query: { q?: string | undefined; limit: number }): Promise<StaffLookup> {
  return { items: await searchActiveStaff(ctx.db, query) };
}
