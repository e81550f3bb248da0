import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DecisionOutcome, VoteChoice } from '../../domain/committee-vote.js';
import type { StaffScope } from '../../domain/scope.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { defineProvider } from '../../platform/hooks.js';
import { AppError } from '../../platform/http/app-error.js';

type Db = Kysely<Database>;

/** Who moved a subject, for the subject area's audit. */
export interface SubjectActor {
  kind: 'staff' | 'family' | 'system';
  id: string | null;
}

/**
 * Where a subject stands for the committee (C5, C6): `awaiting-study` (it may go on an agenda of its
 * committee), `under-study` (on an agenda, to be decided), `information-requested` (the family is
 * asked for more: deferred in the minutes), `other` (decided, withdrawn…: not decided again).
 */
export type SubjectStage = 'awaiting-study' | 'under-study' | 'information-requested' | 'other';

/** A subject's agenda line, whatever its kind. */
export interface SubjectBrief {
  id: string;
  reference: string;
  typeCode: string;
  typeNameAr: string;
  typeNameEn: string;
  familyName: string;
  /** The subject's own status (shown as is). */
  status: string;
  stage: SubjectStage;
  /** The committee competent for it; null when none is named. */
  committeeId: string | null;
  deadlineDay: string | null;
}

/** What the minutes print of one subject: its heading line and the decision's sentence (no final full stop). */
export interface MinutesSentence {
  heading: string;
  decision: string;
}

/** A decision the minutes record: the subject as it was when decided, and the outcome (or `deferred`, C6). */
export interface MinutesSubject {
  reference: string;
  typeNameAr: string;
  outcome: DecisionOutcome | 'deferred';
  /** The decision's payload (the kind's own, validated by `decision.payload`); absent for requests. */
  payload?: DecisionPayload | null;
}

/** What a kind's decision carries beside its reasons (D2: the size of a harm), as JSON. */
export type DecisionPayload = Record<string, unknown>;

/**
 * A kind of case a committee studies (C5, D2; issue 22): the area that owns it registers it in its
 * `wire` (app.ts), so committees import nothing from that area. Service requests register `request`;
 * compensation cases and agreements will register theirs. Quorum, the chair's tie-break, per-member
 * approval, excusals, freezing and amendments stay one machine in committees; a kind brings only
 * what differs. Functions that move a subject take the caller's transaction `trx`, so the meeting's
 * change and the subject's move commit together.
 */
export interface CommitteeSubject {
  /** The kind's name: singular and plural in Arabic (the minutes' wording), singular in English. */
  nameAr: string;
  pluralAr: string;
  nameEn: string;
  /** Subjects naming `committeeId` that may go on its agenda, within the member's `scope` (F2), oldest deadline first (keyset cursor). */
  awaitingStudy(
    ctx: AppContext,
    query: { committeeId: string; limit?: number; cursor?: string | null; scope?: StaffScope },
  ): Promise<{ items: SubjectBrief[]; nextCursor: string | null }>;
  /** The agenda line of each subject, in the order asked (missing ids, and given a scope those outside it, left out). */
  briefs(db: Db, ctx: AppContext, ids: readonly string[], scope?: StaffScope): Promise<SubjectBrief[]>;
  /** Put on an agenda: the subject's study begins. */
  beginStudy(trx: Db, ctx: AppContext, actor: SubjectActor, id: string, input: { meetingId: string | null }): Promise<{ status: string }>;
  /** The chair asks the family for more; the subject's clock pauses (C6). Absent: the kind has no such step (422). */
  requestInformation?(trx: Db, ctx: AppContext, actor: SubjectActor, id: string, input: { note: string }): Promise<{ status: string }>;
  /**
   * The decision options members vote between (abstain is always open) and which need reasons
   * (requests: approve / partly approve / reject, reasons for the last two).
   */
  decision: {
    options: readonly Exclude<VoteChoice, 'abstain'>[];
    isReasonRequired(choice: VoteChoice): boolean;
    /**
     * The payload a vote carries for this kind, if any: its schema, and the choices that need it.
     * The decision's payload is the winning side's, the chair's first (as its reasons, C5).
     */
    payload?: { schema: z.ZodType<DecisionPayload>; isRequired(choice: VoteChoice): boolean };
  };
  /** The Arabic (printed minutes) and English (screens) sentences of a decision on one subject. */
  minutesSentence(subject: MinutesSubject, language: 'ar' | 'en'): MinutesSentence;
  /** The decision of approved minutes (frozen): the subject is decided and the family told. */
  applyDecision(
    trx: Db,
    ctx: AppContext,
    actor: SubjectActor,
    id: string,
    input: {
      outcome: DecisionOutcome;
      reasons: string;
      meetingId: string | null;
      minutesId: string | null;
      payload?: DecisionPayload | null;
    },
  ): Promise<{ status: string }>;
}

export const committeeSubjects = defineProvider<CommitteeSubject>('committee.subject');

/** The kind service requests register; agenda items and votes stored before 0022 are all of it. */
export const REQUEST_SUBJECT = 'request';

/** A subject kind's name as stored and sent: lower-case words joined by dashes. */
export const SUBJECT_KIND_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;

/** The registered subject kind `kind` (a stored kind not wired is a mistake in app.ts, not a user's). */
export const subjectOf = (ctx: AppContext, kind: string): CommitteeSubject => ctx.hooks.provider(committeeSubjects, kind);

/** The subject kind a caller named: 422 `meeting.unknown-subject-kind` when none is registered under it. */
export function requestedSubject(ctx: AppContext, kind: string, pointer = '/subjectKind'): CommitteeSubject {
  try {
    return subjectOf(ctx, kind);
  } catch {
    throw AppError.unprocessable('meeting.unknown-subject-kind', 'No such kind of subject', [
      { pointer, code: 'meeting.unknown-subject-kind', detail: 'Not a kind of subject committees study' },
    ]);
  }
}

/** The registered service-request subject. */
export const requestSubject = (ctx: AppContext): CommitteeSubject => subjectOf(ctx, REQUEST_SUBJECT);

/** One key for a subject of a kind, for maps. */
export const subjectKey = (kind: string, id: string) => `${kind}:${id}`;
