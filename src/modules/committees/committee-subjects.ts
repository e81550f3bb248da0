import type { Kysely } from 'kysely';
import type { DecisionOutcome, RequestBrief, RequestStatus } from '../../contracts/requests.js';
import type { StaffScope } from '../../domain/scope.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { defineProvider } from '../../platform/hooks.js';

type Db = Kysely<Database>;

/** Who moved a subject, for the subject area's audit. */
export interface SubjectActor {
  kind: 'staff' | 'family' | 'system';
  id: string | null;
}

/**
 * A kind of case a committee studies (C5, D2): the area that owns it registers it in app.ts, so
 * committees import nothing from that area. Service requests register `request`; compensation
 * cases and agreements will register theirs. Functions that move a subject take the caller's
 * transaction `trx`, so the meeting's change and the subject's move commit together.
 */
export interface CommitteeSubject {
  /** Complete subjects naming `committeeId` within the member's `scope` (F2), oldest deadline first (keyset cursor). */
  awaitingStudy(
    ctx: AppContext,
    query: { committeeId: string; limit?: number; cursor?: string | null; scope?: StaffScope },
  ): Promise<{ items: RequestBrief[]; nextCursor: string | null }>;
  /** The agenda line of each subject, in the order asked (missing ids, and given a scope those outside it, left out). */
  briefs(db: Db, ctx: AppContext, ids: readonly string[], scope?: StaffScope): Promise<RequestBrief[]>;
  /** Put on an agenda: the subject's study begins. */
  beginStudy(
    trx: Db,
    ctx: AppContext,
    actor: SubjectActor,
    id: string,
    input: { meetingId: string | null },
  ): Promise<{ status: RequestStatus }>;
  /** The chair asks the family for more; the subject's clock pauses (C6). */
  requestInformation(
    trx: Db,
    ctx: AppContext,
    actor: SubjectActor,
    id: string,
    input: { note: string },
  ): Promise<{ status: RequestStatus }>;
  /** The decision of approved minutes (frozen): the subject is decided and the family told. */
  applyDecision(
    trx: Db,
    ctx: AppContext,
    actor: SubjectActor,
    id: string,
    input: { outcome: DecisionOutcome; reasons: string; meetingId: string | null; minutesId: string | null },
  ): Promise<{ status: RequestStatus }>;
}

export const committeeSubjects = defineProvider<CommitteeSubject>('committee.subject');

/** The kind every agenda item has today; issue 22 stores the kind on each item. */
export const REQUEST_SUBJECT = 'request';

/** The registered service-request subject (a wiring mistake in app.ts throws here, never a user's input). */
export const requestSubject = (ctx: AppContext): CommitteeSubject => ctx.hooks.provider(committeeSubjects, REQUEST_SUBJECT);
