import type { Kysely } from 'kysely';
import { type CastVote, type TallyResult, tallyVotes, type VoteChoice } from '../../domain/committee-vote.js';
import type { AppContext } from '../../platform/context.js';
import { engineOf } from '../../platform/db/dialect.js';
import type { Database } from '../../platform/db/schema.js';
import type { CommitteeMeetingTable, CommitteeTable, MeetingAgendaTable, MinutesTable } from '../../platform/db/schema-committees.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import {
  type CommitteeSubject,
  type DecisionPayload,
  REQUEST_SUBJECT,
  type SubjectBrief,
  subjectKey,
  subjectOf,
} from './committee-subjects.js';
import type { MemberRow } from './committees.repo.js';
import * as repo from './committees.repo.js';

/**
 * Everything known about one meeting, loaded in the caller's transaction: the committee and its
 * members, who is present, the agenda with its subjects' briefs (each kind's own, issue 22), the votes (reasons decrypted) and
 * the minutes. Meetings, votes and minutes all work from this one picture.
 */
type Db = Kysely<Database>;

export interface VoteRow extends CastVote {
  subjectKind: string;
  subjectId: string;
  payload: DecisionPayload | null;
  castAt: string;
}

export interface MeetingState {
  meeting: CommitteeMeetingTable;
  committee: CommitteeTable;
  members: MemberRow[];
  present: string[];
  agenda: MeetingAgendaTable[];
  /** By `subjectKey(kind, id)`. */
  briefs: Map<string, SubjectBrief>;
  /** The registered kind of each subject kind on the agenda. */
  kinds: Map<string, CommitteeSubject>;
  votes: VoteRow[];
  minutes: MinutesTable[];
}

/** What an agenda's audit names: the requests, as before issue 22, and the subjects of other kinds. */
export function agendaDetails(state: MeetingState) {
  const requests = state.agenda.filter((a) => a.subject_kind === REQUEST_SUBJECT).map((a) => a.subject_id);
  const others = state.agenda.filter((a) => a.subject_kind !== REQUEST_SUBJECT).map((a) => `${a.subject_kind}/${a.subject_id}`);
  return others.length ? { requests, subjects: others } : { requests };
}

/** Encrypted columns, each bound to its row and column so ciphertexts cannot be swapped. */
export const voteAad = (meetingId: string, requestId: string, memberId: string) => `vote:${meetingId}:${requestId}:${memberId}:reasons`;
/** A request's vote keeps the AAD it had before subjects had kinds (0022); another kind's binds its kind too. */
export const voteAadOf = (meetingId: string, kind: string, subjectId: string, memberId: string) =>
  voteAad(meetingId, kind === REQUEST_SUBJECT ? subjectId : `${kind}/${subjectId}`, memberId);
/** A vote's payload (0024), bound like its reasons. */
export const votePayloadAad = (meetingId: string, kind: string, subjectId: string, memberId: string) =>
  `vote:${meetingId}:${kind}/${subjectId}:${memberId}:payload`;
export const minutesAad = (id: string, column: 'text' | 'notes' | 'decisions') => `minutes:${id}:${column}`;

export const seal = (ctx: AppContext, aad: string, value: string | null | undefined) =>
  value ? ctx.keys.encryptor.encrypt(value, aad) : null;
export const open = (ctx: AppContext, aad: string, value: string | null) => (value ? ctx.keys.encryptor.decrypt(value, aad) : null);

const parsePayload = (json: string | null): DecisionPayload | null => (json ? (JSON.parse(json) as DecisionPayload) : null);

/** Takes the meeting's row lock on PostgreSQL so that concurrent votes and approvals see each other (SQLite writes one at a time). */
export async function lockMeeting(db: Db, meetingId: string): Promise<void> {
  if (engineOf(db) !== 'postgres') return;
  await db.selectFrom('committee_meetings').select('id').where('id', '=', meetingId).forUpdate().execute();
}

export async function loadMeetingState(db: Db, ctx: AppContext, meetingId: string): Promise<MeetingState | undefined> {
  const meeting = await repo.findMeeting(db, meetingId);
  if (!meeting) return undefined;
  const [committee, members, present, agenda, voteRows, minutes] = await Promise.all([
    repo.findCommittee(db, meeting.committee_id),
    repo.membersOf(db, [meeting.committee_id]),
    repo.attendanceOf(db, meetingId),
    repo.agendaOf(db, meetingId),
    repo.votesOf(db, meetingId),
    repo.minutesOfMeeting(db, meetingId),
  ]);
  const briefs = new Map<string, SubjectBrief>();
  const kinds = new Map<string, CommitteeSubject>();
  for (const kind of new Set(agenda.map((a) => a.subject_kind))) {
    const ids = agenda.filter((a) => a.subject_kind === kind).map((a) => a.subject_id);
    kinds.set(kind, subjectOf(ctx, kind));
    for (const brief of await subjectOf(ctx, kind).briefs(db, ctx, ids)) briefs.set(subjectKey(kind, brief.id), brief);
  }
  const votes = voteRows.map((v) => ({
    subjectKind: v.subject_kind,
    subjectId: v.subject_id,
    memberId: v.member_id,
    choice: v.choice as VoteChoice,
    reasons: open(ctx, voteAadOf(v.meeting_id, v.subject_kind, v.subject_id, v.member_id), v.reasons),
    payload: parsePayload(open(ctx, votePayloadAad(v.meeting_id, v.subject_kind, v.subject_id, v.member_id), v.payload)),
    castAt: v.cast_at,
  }));
  return { meeting, committee: committee as CommitteeTable, members, present, agenda, briefs, kinds, votes, minutes };
}

/** The meeting if the caller is a member of its committee; 404 otherwise (existence is not revealed). */
export async function memberMeetingState(db: Db, ctx: AppContext, principal: StaffPrincipal, meetingId: string): Promise<MeetingState> {
  const meeting = await repo.findMeeting(db, meetingId);
  if (!meeting || !(await repo.isMember(db, meeting.committee_id, principal.userId)))
    throw AppError.notFound('meeting.not-found', 'No such meeting');
  return (await loadMeetingState(db, ctx, meetingId)) as MeetingState;
}

/** C5: one subject's decision from the votes of the members present (the same machine for every kind). */
export function tallyOf(state: MeetingState, kind: string, subjectId: string): TallyResult {
  return tallyVotes({
    votes: state.votes.filter((v) => v.subjectKind === kind && v.subjectId === subjectId && state.present.includes(v.memberId)),
    quorum: state.committee.quorum,
    chairId: state.committee.chair_id,
  });
}

export function isChair(state: MeetingState, principal: StaffPrincipal): boolean {
  return state.committee.chair_id === principal.userId;
}

/** The meeting's original (not amending) minutes that are frozen, if any: then nothing of the meeting changes (C5). */
export function frozenOriginal(state: MeetingState): MinutesTable | undefined {
  return state.minutes.find((m) => m.amends_id === null && m.status === 'frozen');
}

export function draftOriginal(state: MeetingState): MinutesTable | undefined {
  return state.minutes.find((m) => m.amends_id === null && m.status === 'draft');
}
