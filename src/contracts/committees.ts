import { z } from 'zod';
import { DECISION_OUTCOMES, TALLY_STATES, VOTE_CHOICES } from '../domain/committee-vote.js';
import { calendarDay } from './calendar.js';
import { code, longText, text } from './common.js';

/**
 * Committees, meetings, votes and minutes (issue 5 §7; C5, and D2 later). Shared by the server and
 * the staff screens. Paths:
 * - `GET|POST /api/v1/committees`, `GET|PATCH /api/v1/committees/:id` (administrator writes; members read their own)
 * - `GET /api/v1/committees/:id/awaiting-study` (requests this committee may put on an agenda)
 * - `GET|POST /api/v1/committees/:id/meetings`, `GET|PATCH /api/v1/meetings/:id`
 * - `POST /api/v1/meetings/:id/agenda`, `POST /api/v1/meetings/:id/votes`, `POST /api/v1/meetings/:id/minutes`
 * - `POST /api/v1/meetings/:id/information-requests` (the chair asks the family for more; the clock pauses, C6)
 * - `GET|PATCH /api/v1/minutes/:id`, `GET /api/v1/minutes/:id/print` (HTML),
 *   `POST /api/v1/minutes/:id/approvals`, `POST /api/v1/minutes/:id/amendments`
 */

/**
 * Harif's two committees, seeded by migration 0008 with these fixed ids so that seeded request types
 * can name their competent committee; administrators add members, a chair and more committees.
 */
export const SEEDED_COMMITTEES = {
  /** لجنة دراسة الطلبات — the competent committee of the demo request types (C5). */
  requests: '01936b2a-0000-7000-8000-000000000c01',
  /** لجنة المتابعة — handles complaints (E1). */
  followUp: '01936b2a-0000-7000-8000-000000000c02',
} as const;

/** `requests`: the competent committee of request types (C5); `follow-up`: handles complaints (E1); `investigation`: D2. */
export const COMMITTEE_PURPOSES = ['requests', 'follow-up', 'investigation'] as const;
export const committeePurpose = z.enum(COMMITTEE_PURPOSES);

/** A committee holds one or more purposes (issue 22): the follow-up committee also investigates (D2). */
export const committeePurposes = z
  .array(committeePurpose)
  .min(1, 'committee.purposes-required')
  .max(COMMITTEE_PURPOSES.length, 'committee.purposes-required');

/**
 * The kind of subject an agenda item, a vote or a decision is about (issue 22): `request` (service
 * requests, C5) or another kind an area registers (compensation cases, agreements…). Bodies that
 * name only `requestId` keep working: it means `{ subjectKind: 'request', subjectId: requestId }`.
 */
export const subjectKind = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'meeting.unknown-subject-kind');

const subjectRefFields = {
  /** A service request (the same as `subjectKind: 'request'` with `subjectId`). */
  requestId: z.uuid('field.invalid-id').optional(),
  subjectKind: subjectKind.optional(),
  subjectId: z.uuid('field.invalid-id').optional(),
};

/** Exactly one of `requestId` and `subjectId` names the subject. */
const namesOneSubject = (body: { requestId?: string | undefined; subjectId?: string | undefined }) =>
  (body.requestId === undefined) !== (body.subjectId === undefined);
const ONE_SUBJECT = { message: 'field.required', path: ['subjectId'] };

/** planned → held → closed (closed when the meeting's minutes are frozen). */
export const MEETING_STATUSES = ['planned', 'held', 'closed'] as const;
export const meetingStatus = z.enum(MEETING_STATUSES);

export { DECISION_OUTCOMES, TALLY_STATES, VOTE_CHOICES };
export const voteChoice = z.enum(VOTE_CHOICES);

export const decisionOutcome = z.enum(DECISION_OUTCOMES);

/**
 * Where an agenda request's votes stand: `decided` (quorum met, a majority or the chair's tie-break),
 * `quorum-not-met` (fewer votes cast than the quorum), `no-majority` (a tie the chair's vote does not break).
 */
export const tallyState = z.enum(TALLY_STATES);

export const MINUTES_STATUSES = ['draft', 'frozen'] as const;
export const minutesStatus = z.enum(MINUTES_STATUSES);

const memberIds = z.array(z.uuid('field.invalid-id')).max(50, 'committee.too-many-members');

// ---- committees ----

export const committeeMember = z.object({
  userId: z.string(),
  displayName: z.string(),
  isChair: z.boolean(),
  /** False when the account was deactivated or lost its committee role since. */
  isActive: z.boolean(),
});

/**
 * What this user may do with this committee (issue 19 §2), from the committees policy — the checks
 * the routes make. A meeting's and minutes' own abilities are their `can`.
 */
export const committeeAbilities = z.object({
  /** Change its name, purposes, members, chair, quorum and whether it is active (administrators). */
  edit: z.boolean(),
  /** Schedule a meeting: its chair or an administrator, while the committee is active. */
  scheduleMeeting: z.boolean(),
});
export type CommitteeAbilities = z.infer<typeof committeeAbilities>;

export const committee = z.object({
  id: z.string(),
  code: z.string(),
  nameAr: z.string(),
  nameEn: z.string(),
  /** The first of `purposes` (kept for screens written when a committee had one). */
  purpose: committeePurpose,
  purposes: committeePurposes,
  /** Votes needed on a request for the committee to decide it. */
  quorum: z.number(),
  /** Null on a seeded committee until an administrator names its members and chair. */
  chairId: z.string().nullable(),
  members: z.array(committeeMember),
  isActive: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: committeeAbilities,
});

export const committeeList = z.object({ items: z.array(committee) });

/**
 * Members must be active staff holding `committee-member` or `follow-up-committee`; the chair is one
 * of them. `purposes` (a set) or, as before, one `purpose`; both given: `purposes` wins.
 */
export const createCommitteeBody = z.strictObject({
  code,
  nameAr: text(120, 2),
  nameEn: text(120, 2),
  purpose: committeePurpose.optional(),
  purposes: committeePurposes.optional(),
  quorum: z.number().int().min(1, 'committee.quorum-range').max(50, 'committee.quorum-range'),
  memberIds: memberIds.min(1, 'committee.members-required'),
  chairId: z.uuid('field.invalid-id'),
});

export const updateCommitteeBody = z.strictObject({
  nameAr: text(120, 2).optional(),
  nameEn: text(120, 2).optional(),
  purpose: committeePurpose.optional(),
  purposes: committeePurposes.optional(),
  quorum: z.number().int().min(1, 'committee.quorum-range').max(50, 'committee.quorum-range').optional(),
  memberIds: memberIds.min(1, 'committee.members-required').optional(),
  chairId: z.uuid('field.invalid-id').optional(),
  isActive: z.boolean().optional(),
});

/** A request a committee may put on a meeting's agenda (complete, of a type naming the committee). */
export const awaitingRequest = z.object({
  id: z.string(),
  subjectKind,
  reference: z.string(),
  typeCode: z.string(),
  typeNameAr: z.string(),
  typeNameEn: z.string(),
  familyName: z.string(),
  status: z.string(),
  /** The working-day deadline (C6), `YYYY-MM-DD` and Umm al-Qura. */
  deadlineDay: z.string().nullable(),
  deadlineHijri: z.string().nullable(),
});

export const awaitingStudyQuery = z.strictObject({
  /** The kind of subject listed (issue 22); service requests when absent. */
  kind: subjectKind.default('request'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});

export const awaitingStudyList = z.object({ items: z.array(awaitingRequest), nextCursor: z.string().nullable() });

// ---- meetings ----

export const personRef = z.object({ userId: z.string(), displayName: z.string() });

export const vote = z.object({
  memberId: z.string(),
  displayName: z.string(),
  choice: voteChoice,
  reasons: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()).nullable(),
  castAt: z.string(),
});

export const tally = z.object({
  state: tallyState,
  /** Null unless `state` is `decided`. */
  outcome: decisionOutcome.nullable(),
  /** The winning side's reasons (an approval without any gets the committee's standard wording). */
  reasons: z.string().nullable(),
  /** The chair's vote settled a tie. */
  isTieBroken: z.boolean(),
  votesCast: z.number(),
  quorum: z.number(),
  counts: z.object({ approve: z.number(), partlyApprove: z.number(), reject: z.number(), abstain: z.number() }),
});

export const agendaItem = z.object({
  subjectKind,
  subjectId: z.string(),
  /** The kind's name ("الطلب", "Request"). */
  kindNameAr: z.string(),
  kindNameEn: z.string(),
  /** The choices a member may vote (abstain included), and those that need reasons. */
  choices: z.array(voteChoice),
  reasonsRequiredFor: z.array(voteChoice),
  /** The subject's id (named for requests, kept for screens written before subjects had kinds). */
  requestId: z.string(),
  reference: z.string(),
  typeCode: z.string(),
  typeNameAr: z.string(),
  typeNameEn: z.string(),
  familyName: z.string(),
  /**
   * The request's own status: under-study until the minutes are frozen, then decided/notified;
   * information-requested while the family is asked for more (deferred in these minutes).
   */
  requestStatus: z.string(),
  /** Where the subject stands for the committee, whatever its kind (issue 22): votes are cast while `under-study`. */
  stage: z.enum(['awaiting-study', 'under-study', 'information-requested', 'other']),
  deadlineDay: z.string().nullable(),
  deadlineHijri: z.string().nullable(),
  addedAt: z.string(),
  votes: z.array(vote),
  tally,
});

export const minutesSummary = z.object({
  id: z.string(),
  status: minutesStatus,
  amendsId: z.string().nullable(),
  createdAt: z.string(),
  frozenAt: z.string().nullable(),
});

export const meetingSummary = z.object({
  id: z.string(),
  committeeId: z.string(),
  day: z.string(),
  dayHijri: z.string(),
  status: meetingStatus,
  agendaCount: z.number(),
  createdAt: z.string(),
});

export const meetingList = z.object({ items: z.array(meetingSummary) });

export const meeting = meetingSummary.extend({
  committeeNameAr: z.string(),
  committeeNameEn: z.string(),
  quorum: z.number(),
  chairId: z.string().nullable(),
  members: z.array(committeeMember),
  /** Members recorded present; only they vote and approve the minutes. */
  present: z.array(personRef),
  agenda: z.array(agendaItem),
  minutes: z.array(minutesSummary),
  /** What the caller may do here (the screens hide the rest; the server checks again). */
  can: z.object({ manage: z.boolean(), vote: z.boolean(), approveMinutes: z.boolean() }),
});

export const createMeetingBody = z.strictObject({ day: calendarDay });

/** The chair (or an administrator, for the day only) edits a meeting that is not closed. `status` may only go planned → held. */
export const updateMeetingBody = z.strictObject({
  day: calendarDay.optional(),
  presentMemberIds: memberIds.optional(),
  status: z.literal('held').optional(),
});

export const addAgendaBody = z.strictObject(subjectRefFields).refine(namesOneSubject, ONE_SUBJECT);

/** The chair asks the family for more about an agenda request: under-study → information-requested, the clock pauses (C6). */
export const requestInformationBody = z
  .strictObject({
    ...subjectRefFields,
    note: longText(2000).pipe(z.string().min(1, 'field.required')),
  })
  .refine(namesOneSubject, ONE_SUBJECT);

/** One vote per present member per agenda request; cast again to change it until the minutes are frozen. Reasons are required for reject and partly-approve. */
export const castVoteBody = z
  .strictObject({
    ...subjectRefFields,
    choice: voteChoice,
    reasons: longText(2000).optional(),
    /** What the subject's kind asks a vote to carry (D2: the size of a harm); requests take none. */
    payload: z.record(z.string().max(60), z.unknown()).optional(),
  })
  .refine(namesOneSubject, ONE_SUBJECT)
  .meta({
    examples: [
      { requestId: '01964a2e-5b7d-7c3a-9f10-2b8e4d6a1c55', choice: 'approve' },
      { requestId: '01964a2e-5b7d-7c3a-9f10-2b8e4d6a1c55', choice: 'reject', reasons: 'لا ينطبق عليها شرط التسجيل لدى الجمعية.' },
    ],
  });

// ---- minutes ----

/** How the subject's kind words one decision (issue 22): its heading and the decision's sentence. */
export const minutesSentence = z.object({ heading: z.string(), decision: z.string() });

export const minutesDecision = z.object({
  subjectKind,
  subjectId: z.string(),
  sentenceAr: minutesSentence,
  sentenceEn: minutesSentence,
  /** The subject's id (named for requests, kept for screens written before subjects had kinds). */
  requestId: z.string(),
  reference: z.string(),
  typeNameAr: z.string(),
  outcome: decisionOutcome,
  reasons: z.string(),
  /** The kind's payload of the decision (the winning side's, the chair's first); null for requests. */
  payload: z.record(z.string(), z.unknown()).nullable(),
});

export const minutes = minutesSummary.extend({
  meetingId: z.string(),
  committeeId: z.string(),
  /** The Arabic text of the minutes (plain text, lines); frozen text never changes. */
  text: z.string(),
  /** Free remarks or, on an amendment, what it corrects. */
  notes: z.string().nullable(),
  /**
   * SHA-256 (hex) of `text`: of the draft as it stands (send it back when approving, so that an
   * approval is of the text the member read), fixed for ever once frozen.
   */
  sha256: z.string(),
  /** Amendments made to this record, oldest first. */
  amendedBy: z.array(z.string()),
  decisions: z.array(minutesDecision),
  /** Agenda requests waiting for information from the family: no decision in these minutes (C6). */
  deferred: z.array(z.object({ subjectKind, subjectId: z.string(), requestId: z.string(), reference: z.string(), typeNameAr: z.string() })),
  approvals: z.array(personRef.extend({ approvedAt: z.string() })),
  /**
   * Present members who have not approved yet. `isActive` false: their account was deactivated or
   * they left the committee, so they cannot approve; freezing answers 409 `minutes.approver-inactive`
   * until the chair records them as unable to approve (`excusals`).
   */
  pending: z.array(personRef.extend({ isActive: z.boolean() })),
  /** Present members the chair recorded as unable to approve (deactivated, left the committee). */
  excused: z.array(personRef.extend({ excusedAt: z.string(), excusedBy: z.string() })),
  /**
   * Decided requests of a draft that are no longer under this committee's study (information asked
   * outside the meeting, decided elsewhere…): freezing answers 409 `minutes.requests-moved` until the
   * chair generates the minutes again.
   */
  moved: z.array(z.object({ subjectKind, subjectId: z.string(), requestId: z.string(), reference: z.string(), status: z.string() })),
  can: z.object({ approve: z.boolean(), edit: z.boolean(), amend: z.boolean(), excuse: z.boolean() }),
});

/** The chair records a present member who can no longer approve (account deactivated, left the committee). */
export const excuseMemberBody = z.strictObject({ memberId: z.uuid('field.invalid-id') });

/** 409 `minutes.changed` when the draft changed since the member read it (a vote changed, say). */
export const approveMinutesBody = z.strictObject({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'field.sha256') });

export const updateMinutesBody = z.strictObject({ notes: longText(4000) });

export const amendMinutesBody = z.strictObject({ notes: longText(4000).pipe(z.string().min(1, 'field.required')) });

export type CommitteePurpose = z.infer<typeof committeePurpose>;
export type MeetingStatus = z.infer<typeof meetingStatus>;
export type VoteChoice = z.infer<typeof voteChoice>;
export type DecisionOutcome = z.infer<typeof decisionOutcome>;
export type TallyState = z.infer<typeof tallyState>;
export type Committee = z.infer<typeof committee>;
export type CommitteeMember = z.infer<typeof committeeMember>;
export type CreateCommitteeBody = z.infer<typeof createCommitteeBody>;
export type UpdateCommitteeBody = z.infer<typeof updateCommitteeBody>;
export type AwaitingRequest = z.infer<typeof awaitingRequest>;
export type Vote = z.infer<typeof vote>;
export type Tally = z.infer<typeof tally>;
export type AgendaItem = z.infer<typeof agendaItem>;
export type MeetingSummary = z.infer<typeof meetingSummary>;
export type Meeting = z.infer<typeof meeting>;
export type CreateMeetingBody = z.infer<typeof createMeetingBody>;
export type UpdateMeetingBody = z.infer<typeof updateMeetingBody>;
export type CastVoteBody = z.infer<typeof castVoteBody>;
export type RequestInformationBody = z.infer<typeof requestInformationBody>;
export type MinutesSummary = z.infer<typeof minutesSummary>;
export type Minutes = z.infer<typeof minutes>;
export type MinutesDecision = z.infer<typeof minutesDecision>;
export type AddAgendaBody = z.infer<typeof addAgendaBody>;
