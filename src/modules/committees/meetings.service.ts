import type { Kysely } from 'kysely';
import type { CastVoteBody, Meeting, MeetingStatus, MeetingSummary, UpdateMeetingBody } from '../../contracts/committees.js';
import { VOTE_CHOICES, type VoteChoice } from '../../domain/committee-vote.js';
import { riyadhCalendarDay, toHijriString } from '../../domain/dates.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import type { CommitteeMeetingTable } from '../../platform/db/schema-committees.js';
import { AppError, type FieldError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import {
  type CommitteeSubject,
  REQUEST_SUBJECT,
  requestedSubject,
  type SubjectBrief,
  subjectKey,
  subjectOf,
} from './committee-subjects.js';
import { canScheduleMeeting, holdsCommitteeRole, isAdministrator } from './committees.policy.js';
import * as repo from './committees.repo.js';
import { presentCommittee, visibleCommittee } from './committees.service.js';
import {
  agendaDetails,
  frozenOriginal,
  isChair,
  loadMeetingState,
  lockMeeting,
  type MeetingState,
  memberMeetingState,
  seal,
  tallyOf,
  voteAadOf,
  votePayloadAad,
} from './meeting-state.js';
import { minutesLetterhead } from './minutes.content.js';
import { refreshDraftMinutes } from './minutes.drafting.js';
import { presentMinutesSummary } from './minutes.present.js';

/**
 * Committee meetings (C5): a day (Hijri and Gregorian), the members present, an agenda of requests
 * (adding one moves it complete → under-study in the same transaction) and one vote per present
 * member per request, changeable until the minutes are frozen. planned → held → closed (closed by
 * freezing the minutes). Only members see a meeting; the chair runs it; administrators set the day.
 */
type Db = Kysely<Database>;

const actorOf = (principal: StaffPrincipal) => ({ kind: 'staff' as const, id: principal.userId });

function summaryOf(row: CommitteeMeetingTable, agendaCount: number): MeetingSummary {
  return {
    id: row.id,
    committeeId: row.committee_id,
    day: row.day,
    dayHijri: toHijriString(row.day),
    status: row.status as MeetingStatus,
    agendaCount,
    createdAt: row.created_at,
  };
}

export function presentMeeting(state: MeetingState, principal: StaffPrincipal): Meeting {
  const names = new Map(state.members.map((m) => [m.userId, m.displayName]));
  const isPresent = state.present.includes(principal.userId);
  const isOpen = state.meeting.status !== 'closed' && !frozenOriginal(state);
  return {
    ...summaryOf(state.meeting, state.agenda.length),
    committeeNameAr: state.committee.name_ar,
    committeeNameEn: state.committee.name_en,
    quorum: state.committee.quorum,
    chairId: state.committee.chair_id,
    members: presentCommittee(principal, state.committee, state.members).members,
    present: state.present.map((userId) => ({ userId, displayName: names.get(userId) ?? '' })),
    agenda: state.agenda.map((item) => {
      const brief = state.briefs.get(subjectKey(item.subject_kind, item.subject_id));
      const tally = tallyOf(state, item.subject_kind, item.subject_id);
      const kind = state.kinds.get(item.subject_kind) as CommitteeSubject;
      return {
        subjectKind: item.subject_kind,
        subjectId: item.subject_id,
        kindNameAr: kind.nameAr,
        kindNameEn: kind.nameEn,
        choices: [...kind.decision.options, 'abstain' as const],
        reasonsRequiredFor: VOTE_CHOICES.filter((choice) => kind.decision.isReasonRequired(choice)),
        requestId: item.subject_id,
        reference: brief?.reference ?? '',
        typeCode: brief?.typeCode ?? '',
        typeNameAr: brief?.typeNameAr ?? '',
        typeNameEn: brief?.typeNameEn ?? '',
        familyName: brief?.familyName ?? '',
        requestStatus: brief?.status ?? '',
        stage: brief?.stage ?? 'other',
        deadlineDay: brief?.deadlineDay ?? null,
        deadlineHijri: brief?.deadlineDay ? toHijriString(brief.deadlineDay) : null,
        addedAt: item.added_at,
        votes: state.votes
          .filter((v) => v.subjectKind === item.subject_kind && v.subjectId === item.subject_id)
          .map((v) => ({
            memberId: v.memberId,
            displayName: names.get(v.memberId) ?? '',
            choice: v.choice,
            reasons: v.reasons,
            payload: v.payload,
            castAt: v.castAt,
          })),
        tally,
      };
    }),
    minutes: state.minutes.map(presentMinutesSummary),
    can: {
      manage: isOpen && isChair(state, principal),
      vote: isOpen && state.meeting.status === 'held' && isPresent,
      approveMinutes: isPresent && state.minutes.some((m) => m.status === 'draft'),
    },
  };
}

/** Administrators and the committee's members list its meetings (no agenda details here). */
export async function listMeetings(ctx: AppContext, principal: StaffPrincipal, committeeId: string): Promise<{ items: MeetingSummary[] }> {
  const committee = await visibleCommittee(ctx, principal, committeeId);
  const isMember = await repo.isMember(ctx.db, committee.id, principal.userId);
  if (!isAdministrator(principal) && !isMember) throw AppError.notFound('committee.not-found', 'No such committee');
  const rows = await repo.meetingsOf(ctx.db, committeeId);
  return { items: rows.map((row) => summaryOf(row, row.agenda_count)) };
}

export async function createMeeting(ctx: AppContext, principal: StaffPrincipal, committeeId: string, day: string): Promise<MeetingSummary> {
  const committee = await visibleCommittee(ctx, principal, committeeId);
  const isMember = await repo.isMember(ctx.db, committeeId, principal.userId);
  if (!isAdministrator(principal) && !isMember) throw AppError.notFound('committee.not-found', 'No such committee');
  if (!canScheduleMeeting(principal, { chairId: committee.chair_id }))
    throw AppError.forbidden('meeting.chair-only', 'Only the committee’s chair or an administrator schedules meetings');
  if (committee.is_active !== 1) throw AppError.conflict('committee.inactive', 'This committee is inactive');
  const now = ctx.clock.now();
  const row: CommitteeMeetingTable = {
    id: uuidv7(now.getTime()),
    committee_id: committeeId,
    day,
    status: 'planned',
    created_by: principal.userId,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
    held_at: null,
    closed_at: null,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('committee_meetings').values(row).execute();
    await recordAudit(trx, {
      at: now,
      actor: actorOf(principal),
      action: 'meeting.create',
      entity: 'meeting',
      entityId: row.id,
      details: { committeeId, day },
    });
  });
  return summaryOf(row, 0);
}

export async function getMeeting(ctx: AppContext, principal: StaffPrincipal, meetingId: string): Promise<Meeting> {
  const state = await memberMeetingState(ctx.db, ctx, principal, meetingId);
  // Agendas name families: each view is audited with the requests shown.
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: actorOf(principal),
    action: 'meeting.view',
    entity: 'meeting',
    entityId: meetingId,
    details: agendaDetails(state),
  });
  return presentMeeting(state, principal);
}

/** Loads the meeting for a change: members see it; an administrator who is not a member may only reschedule it. */
async function stateForChange(trx: Db, ctx: AppContext, principal: StaffPrincipal, meetingId: string): Promise<MeetingState> {
  await lockMeeting(trx, meetingId);
  const meeting = await repo.findMeeting(trx, meetingId);
  if (!meeting) throw AppError.notFound('meeting.not-found', 'No such meeting');
  const isMember = await repo.isMember(trx, meeting.committee_id, principal.userId);
  if (!isMember && !isAdministrator(principal)) throw AppError.notFound('meeting.not-found', 'No such meeting');
  return (await loadMeetingState(trx, ctx, meetingId)) as MeetingState;
}

function assertOpen(state: MeetingState): void {
  if (frozenOriginal(state)) throw AppError.conflict('minutes.frozen', 'The minutes of this meeting are frozen');
  if (state.meeting.status === 'closed') throw AppError.conflict('meeting.closed', 'This meeting is closed');
}

export async function updateMeeting(
  ctx: AppContext,
  principal: StaffPrincipal,
  meetingId: string,
  body: UpdateMeetingBody,
): Promise<Meeting> {
  const association = await minutesLetterhead(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const state = await stateForChange(trx, ctx, principal, meetingId);
    assertOpen(state);
    const isOnlyDay = body.presentMemberIds === undefined && body.status === undefined;
    if (!isChair(state, principal) && !(isAdministrator(principal) && isOnlyDay))
      throw AppError.forbidden('meeting.chair-only', 'Only the committee’s chair runs the meeting; administrators may change its day');
    const now = ctx.clock.now();
    const patch: Partial<CommitteeMeetingTable> = { updated_at: now.toISOString() };
    if (body.day !== undefined) patch.day = body.day;
    if (body.status === 'held') {
      if (state.meeting.status !== 'planned') throw AppError.conflict('meeting.illegal-status', 'Only a planned meeting can be held');
      if ((body.day ?? state.meeting.day) > riyadhCalendarDay(now))
        throw AppError.conflict('meeting.not-yet', 'A meeting is held on or after its day');
      patch.status = 'held';
      patch.held_at = now.toISOString();
    }
    if (body.presentMemberIds !== undefined) {
      const present = [...new Set(body.presentMemberIds)];
      const memberIds = new Set(state.members.map((m) => m.userId));
      const errors: FieldError[] = [];
      present.forEach((id, i) => {
        if (!memberIds.has(id))
          errors.push({ pointer: `/presentMemberIds/${i}`, code: 'meeting.not-a-member', detail: 'Not a member of this committee' });
      });
      if (errors.length) throw AppError.unprocessable('meeting.invalid-attendance', 'Only the committee’s members attend', errors);
      const leaving = state.present.filter((id) => !present.includes(id));
      if (state.votes.some((v) => leaving.includes(v.memberId)))
        throw AppError.conflict('meeting.member-has-voted', 'A member who has voted cannot be marked absent');
      await repo.replaceAttendance(trx, meetingId, present);
    }
    await trx.updateTable('committee_meetings').set(patch).where('id', '=', meetingId).execute();
    await recordAudit(trx, {
      at: now,
      actor: actorOf(principal),
      action: 'meeting.update',
      entity: 'meeting',
      entityId: meetingId,
      fields: Object.keys(body),
      details: { day: body.day, status: body.status, present: body.presentMemberIds },
    });
    const after = (await loadMeetingState(trx, ctx, meetingId)) as MeetingState;
    await refreshDraftMinutes(trx, ctx, association, principal, meetingId, after);
    const final = (await loadMeetingState(trx, ctx, meetingId)) as MeetingState;
    // An administrator who is not a member reschedules without seeing the agenda (it names families).
    const isMember = state.members.some((m) => m.userId === principal.userId);
    return isMember ? presentMeeting(final, principal) : { ...presentMeeting(final, principal), agenda: [], present: [] };
  });
}

/** Whether the subject waits for this committee's study (C5: a complete request whose brief names the committee). */
function isAwaitingStudy(brief: SubjectBrief, committeeId: string): boolean {
  return brief.stage === 'awaiting-study' && brief.committeeId === committeeId;
}

/** The subject a body names: `requestId` (as before issue 22) or `subjectKind` (request when absent) and `subjectId`. */
export function subjectOfBody(body: { requestId?: string | undefined; subjectKind?: string | undefined; subjectId?: string | undefined }) {
  return body.subjectId !== undefined
    ? { kind: body.subjectKind ?? REQUEST_SUBJECT, id: body.subjectId }
    : { kind: REQUEST_SUBJECT, id: body.requestId as string };
}

/** The subject's details for an audit: `requestId` for a request (as before issue 22), kind and id otherwise. */
const subjectDetails = (subject: { kind: string; id: string }) =>
  subject.kind === REQUEST_SUBJECT ? { requestId: subject.id } : { subjectKind: subject.kind, subjectId: subject.id };

function notOnAgenda() {
  return AppError.unprocessable('meeting.not-on-agenda', 'This request is not on the meeting’s agenda', [
    { pointer: '/requestId', code: 'meeting.not-on-agenda', detail: 'Not on the agenda' },
  ]);
}

const isOnAgenda = (state: MeetingState, subject: { kind: string; id: string }) =>
  state.agenda.some((a) => a.subject_kind === subject.kind && a.subject_id === subject.id);

/**
 * A subject this committee deferred at a closed meeting while the family was asked for more, now
 * back under study (the information arrived, C6) and on no other open agenda: it goes on a new
 * agenda without beginning its study again.
 */
async function isDeferredBackUnderStudy(ctx: AppContext, committeeId: string, kind: string, brief: SubjectBrief): Promise<boolean> {
  if (brief.stage !== 'under-study' || brief.committeeId !== committeeId) return false;
  const meetings = await ctx.db
    .selectFrom('meeting_agenda as a')
    .innerJoin('committee_meetings as m', 'm.id', 'a.meeting_id')
    .select(['m.committee_id', 'm.status'])
    .where('a.subject_kind', '=', kind)
    .where('a.subject_id', '=', brief.id)
    .execute();
  return meetings.length > 0 && meetings.every((m) => m.committee_id === committeeId && m.status === 'closed');
}

/**
 * C5: the chair puts a subject awaiting this committee's study on the agenda (a request, or any
 * registered kind: one meeting studies several kinds); its study begins in the same transaction.
 */
export async function addToAgenda(
  ctx: AppContext,
  principal: StaffPrincipal,
  meetingId: string,
  body: { requestId?: string | undefined; subjectKind?: string | undefined; subjectId?: string | undefined },
): Promise<Meeting> {
  const subject = subjectOfBody(body);
  const meeting = await repo.findMeeting(ctx.db, meetingId);
  if (!meeting || !(await repo.isMember(ctx.db, meeting.committee_id, principal.userId)))
    throw AppError.notFound('meeting.not-found', 'No such meeting');
  const kind = requestedSubject(ctx, subject.kind);
  // F2, issue 21 §1: a subject outside the chair's scope is not there for them (404), as on reads.
  const [brief] = await kind.briefs(ctx.db, ctx, [subject.id], principal.scope);
  if (!brief) throw AppError.notFound('request.not-found', 'No such request');
  const isAwaiting = isAwaitingStudy(brief, meeting.committee_id);
  const isDeferred = !isAwaiting && (await isDeferredBackUnderStudy(ctx, meeting.committee_id, subject.kind, brief));
  const association = await minutesLetterhead(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const state = await stateForChange(trx, ctx, principal, meetingId);
    if (!isChair(state, principal)) throw AppError.forbidden('meeting.chair-only', 'Only the committee’s chair sets the agenda');
    assertOpen(state);
    if (isOnAgenda(state, subject)) throw AppError.conflict('meeting.already-on-agenda', 'This request is already on the agenda');
    if (!isAwaiting && !isDeferred)
      throw AppError.unprocessable('meeting.request-not-awaiting', 'Only requests awaiting this committee’s study go on its agenda', [
        { pointer: '/requestId', code: 'meeting.request-not-awaiting', detail: 'Not a complete request of this committee' },
      ]);
    const now = ctx.clock.now();
    await trx
      .insertInto('meeting_agenda')
      .values({
        meeting_id: meetingId,
        subject_kind: subject.kind,
        subject_id: subject.id,
        position: state.agenda.reduce((max, a) => Math.max(max, a.position), 0) + 1,
        added_by: principal.userId,
        added_at: now.toISOString(),
      })
      .execute();
    // complete → under-study, in this transaction (409 request.illegal-transition if it moved meanwhile).
    if (isAwaiting) await kind.beginStudy(trx, ctx, actorOf(principal), subject.id, { meetingId });
    await recordAudit(trx, {
      at: now,
      actor: actorOf(principal),
      action: 'meeting.agenda-add',
      entity: 'meeting',
      entityId: meetingId,
      details: { ...subjectDetails(subject), isDeferred },
    });
    const after = (await loadMeetingState(trx, ctx, meetingId)) as MeetingState;
    // A new subject has no decision yet: a draft of the minutes no longer covers the agenda.
    await refreshDraftMinutes(trx, ctx, association, principal, meetingId, after);
    return presentMeeting((await loadMeetingState(trx, ctx, meetingId)) as MeetingState, principal);
  });
}

/**
 * C5: a present member's vote on an agenda subject, among its kind's options, with reasons where the
 * kind requires them (requests: reject and partly-approve); cast again to change it.
 */
export async function castVote(ctx: AppContext, principal: StaffPrincipal, meetingId: string, body: CastVoteBody): Promise<Meeting> {
  const subject = subjectOfBody(body);
  const association = await minutesLetterhead(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    await lockMeeting(trx, meetingId);
    const state = await memberMeetingState(trx, ctx, principal, meetingId);
    assertOpen(state);
    if (state.meeting.status !== 'held') throw AppError.conflict('meeting.not-held', 'Votes are cast once the meeting is held');
    if (!holdsCommitteeRole(principal) || !state.present.includes(principal.userId))
      throw AppError.forbidden('meeting.not-present', 'Only members recorded present vote');
    if (!isOnAgenda(state, subject)) throw notOnAgenda();
    const kind = subjectOf(ctx, subject.kind);
    if (body.choice !== 'abstain' && !kind.decision.options.includes(body.choice))
      throw AppError.unprocessable('vote.choice-not-offered', 'This choice is not open for this kind of subject', [
        {
          pointer: '/choice',
          code: 'vote.choice-not-offered',
          detail: `Choose one of: ${[...kind.decision.options, 'abstain'].join(', ')}`,
        },
      ]);
    const reasons = body.reasons?.trim() || null;
    if (kind.decision.isReasonRequired(body.choice) && !reasons)
      throw AppError.unprocessable('vote.reasons-required', 'Say why', [
        { pointer: '/reasons', code: 'vote.reasons-required', detail: 'Reasons are required to reject or partly approve' },
      ]);
    const payload = payloadOf(kind, body.choice, body.payload);
    const now = ctx.clock.now();
    const previous = await repo.findVote(trx, meetingId, subject, principal.userId);
    await trx
      .deleteFrom('committee_votes')
      .where('meeting_id', '=', meetingId)
      .where('subject_kind', '=', subject.kind)
      .where('subject_id', '=', subject.id)
      .where('member_id', '=', principal.userId)
      .execute();
    await trx
      .insertInto('committee_votes')
      .values({
        meeting_id: meetingId,
        subject_kind: subject.kind,
        subject_id: subject.id,
        member_id: principal.userId,
        choice: body.choice,
        reasons: seal(ctx, voteAadOf(meetingId, subject.kind, subject.id, principal.userId), reasons),
        payload: payload ? seal(ctx, votePayloadAad(meetingId, subject.kind, subject.id, principal.userId), JSON.stringify(payload)) : null,
        cast_at: now.toISOString(),
      })
      .execute();
    // The reasons are not copied into the audit (they may describe the family's circumstances).
    await recordAudit(trx, {
      at: now,
      actor: actorOf(principal),
      action: previous ? 'committee.vote-change' : 'committee.vote',
      entity: 'meeting',
      entityId: meetingId,
      fields: ['choice', ...(reasons ? ['reasons'] : []), ...(payload ? ['payload'] : [])],
      details: { ...subjectDetails(subject), choice: body.choice, previous: previous?.choice ?? null },
    });
    const after = (await loadMeetingState(trx, ctx, meetingId)) as MeetingState;
    await refreshDraftMinutes(trx, ctx, association, principal, meetingId, after);
    return presentMeeting((await loadMeetingState(trx, ctx, meetingId)) as MeetingState, principal);
  });
}

/**
 * The payload a vote carries, checked by the kind's schema (D2: the size of a harm): 422 when the
 * kind takes none, when a choice needs one that is missing, or when it does not fit the schema.
 */
function payloadOf(kind: CommitteeSubject, choice: VoteChoice, payload: Record<string, unknown> | undefined) {
  const spec = kind.decision.payload;
  const refuse = (code: string, detail: string, pointer = '/payload') =>
    AppError.unprocessable(code, 'The vote’s payload is not valid', [{ pointer, code, detail }]);
  if (!spec) {
    if (payload !== undefined) throw refuse('vote.payload-not-taken', 'This kind of subject takes no payload');
    return null;
  }
  if (payload === undefined || choice === 'abstain') {
    if (spec.isRequired(choice)) throw refuse('vote.payload-required', 'This choice needs its payload');
    return null;
  }
  const parsed = spec.schema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw refuse('vote.payload-invalid', issue?.message ?? 'Not valid', `/payload${issue?.path.length ? `/${issue.path.join('/')}` : ''}`);
  }
  return parsed.data;
}

/**
 * C6: the chair asks the family for more about an agenda subject (a request: under-study →
 * information-requested, its clock pauses); the minutes list it as deferred, and once the
 * information arrives it goes back under study and on a later agenda.
 */
export async function requestInformationAtMeeting(
  ctx: AppContext,
  principal: StaffPrincipal,
  meetingId: string,
  body: { requestId?: string | undefined; subjectKind?: string | undefined; subjectId?: string | undefined; note: string },
): Promise<Meeting> {
  const subject = subjectOfBody(body);
  const association = await minutesLetterhead(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    await lockMeeting(trx, meetingId);
    const state = await memberMeetingState(trx, ctx, principal, meetingId);
    assertOpen(state);
    if (!isChair(state, principal))
      throw AppError.forbidden('meeting.chair-only', 'Only the committee’s chair asks the family for information');
    if (!isOnAgenda(state, subject)) throw notOnAgenda();
    const kind = subjectOf(ctx, subject.kind);
    if (!kind.requestInformation)
      throw AppError.unprocessable('meeting.no-information-step', 'This kind of subject has no request for information', [
        { pointer: '/subjectKind', code: 'meeting.no-information-step', detail: 'Not asked of the family' },
      ]);
    // 409 request.illegal-transition unless the request is under study.
    await kind.requestInformation(trx, ctx, actorOf(principal), subject.id, { note: body.note });
    await recordAudit(trx, {
      at: ctx.clock.now(),
      actor: actorOf(principal),
      action: 'meeting.information-request',
      entity: 'meeting',
      entityId: meetingId,
      details: subjectDetails(subject),
    });
    const after = (await loadMeetingState(trx, ctx, meetingId)) as MeetingState;
    await refreshDraftMinutes(trx, ctx, association, principal, meetingId, after);
    return presentMeeting((await loadMeetingState(trx, ctx, meetingId)) as MeetingState, principal);
  });
}
