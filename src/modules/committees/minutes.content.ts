import type { Kysely } from 'kysely';
import type { AssociationSettings } from '../../contracts/settings.js';
import type { DecisionOutcome, VoteChoice } from '../../domain/committee-vote.js';
import { riyadhCalendarDay } from '../../domain/dates.js';
import { composeMinutesText, type MinutesItem, type MinutesSentence } from '../../domain/minutes.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import type { MinutesTable } from '../../platform/db/schema-committees.js';
import type { FieldError } from '../../platform/http/app-error.js';
import { getAssociation } from '../settings/index.js';
import { staffNames } from '../staff/index.js';
import { type DecisionPayload, type MinutesSubject, REQUEST_SUBJECT, subjectKey } from './committee-subjects.js';
import { type MeetingState, minutesAad, open, seal, tallyOf } from './meeting-state.js';

/**
 * Minutes (C5; D2 reuses them): generated in Arabic from the meeting's facts, approved by each
 * member present; the last approval freezes them (text and its SHA-256 stored, never edited again:
 * any edit → 409 `minutes.frozen`) and applies each request's decision through the requests
 * module in the same transaction. A correction is a new minutes record linked to the one it amends,
 * with its own approvals.
 *
 * This file holds what the minutes say, from the meeting's picture (meeting-state.ts): the outcomes,
 * the text and who present can still approve. Drafting, approval, amendment and reading use it.
 */
export type Db = Kysely<Database>;

/** A decision as stored (encrypted JSON): before 0022 with `requestId` only, read as a request subject. */
export interface StoredDecision extends MinutesItem {
  subjectKind: string;
  subjectId: string;
  /** The kind's payload of the decision; absent before issue 22 and for requests (null). */
  payload?: DecisionPayload | null;
}

/** Members present, the chair first, then by name. */
async function presentNames(db: Db, state: MeetingState): Promise<string[]> {
  const names = await staffNames(db, state.present);
  const chair = state.committee.chair_id;
  return [...state.present]
    .sort((a, b) => (a === chair ? -1 : b === chair ? 1 : (names.get(a) ?? '').localeCompare(names.get(b) ?? '', 'ar')))
    .map((id) => names.get(id) ?? '');
}

export interface StoredDeferral {
  subjectKind: string;
  subjectId: string;
  reference: string;
  typeNameAr: string;
}

export interface StoredOutcomes {
  decisions: StoredDecision[];
  deferred: StoredDeferral[];
}

/**
 * The meeting's decisions and the requests deferred while the family is asked for more (C6), or the
 * field errors of the requests still undecided (C5: quorum, majority).
 */
export function decisionsOf(state: MeetingState): StoredOutcomes & { errors: FieldError[] } {
  const decisions: StoredDecision[] = [];
  const deferred: StoredDeferral[] = [];
  const errors: FieldError[] = [];
  for (const item of state.agenda) {
    const subject = { subjectKind: item.subject_kind, subjectId: item.subject_id };
    const tally = tallyOf(state, item.subject_kind, item.subject_id);
    const brief = state.briefs.get(subjectKey(item.subject_kind, item.subject_id));
    if (brief?.stage === 'information-requested') {
      deferred.push({ ...subject, reference: brief.reference, typeNameAr: brief.typeNameAr });
      continue;
    }
    // Decided elsewhere (or otherwise moved on): these minutes do not decide it again.
    if (brief && brief.stage !== 'under-study') continue;
    if (tally.state !== 'decided' || !tally.outcome) {
      errors.push({
        pointer: `/agenda/${item.subject_id}`,
        code: tally.state === 'quorum-not-met' ? 'committee.quorum-not-met' : 'committee.no-majority',
        detail:
          tally.state === 'quorum-not-met'
            ? `${tally.votesCast} of ${tally.quorum} votes needed have been cast`
            : 'The votes are tied and the chair’s vote does not break the tie',
      });
      continue;
    }
    decisions.push({
      ...subject,
      payload: winningPayload(state, item.subject_kind, item.subject_id, tally.outcome),
      reference: brief?.reference ?? '',
      typeNameAr: brief?.typeNameAr ?? '',
      outcome: tally.outcome,
      reasons: tally.reasons ?? '',
      counts: tally.counts,
      isTieBroken: tally.isTieBroken,
    });
  }
  return { decisions, deferred, errors };
}

const CHOICE_OF: Record<DecisionOutcome, VoteChoice> = { approved: 'approve', 'partly-approved': 'partly-approve', rejected: 'reject' };

/** The decision's payload (issue 22): the winning side's, the chair's first, as its reasons (C5); null when none carries one. */
function winningPayload(state: MeetingState, kind: string, id: string, outcome: DecisionOutcome): DecisionPayload | null {
  const side = state.votes.filter(
    (v) => v.subjectKind === kind && v.subjectId === id && v.choice === CHOICE_OF[outcome] && state.present.includes(v.memberId),
  );
  const chair = side.find((v) => v.memberId === state.committee.chair_id && v.payload);
  return (chair ?? side.find((v) => v.payload))?.payload ?? null;
}

/** Present members who can no longer approve (deactivated, no committee role, left the committee). */
export function inactivePresent(state: MeetingState): string[] {
  const active = new Set(state.members.filter((m) => m.isActive).map((m) => m.userId));
  return state.present.filter((id) => !active.has(id));
}

/**
 * Decisions of these minutes whose request is no longer under this committee's study (C5): asked
 * for information outside the meeting, its attestation voided meanwhile, decided elsewhere…
 */
export function movedDecisions(state: MeetingState, outcomes: StoredOutcomes) {
  return outcomes.decisions.flatMap((d) => {
    const brief = state.briefs.get(subjectKey(d.subjectKind, d.subjectId));
    const isStill = brief?.stage === 'under-study' && brief.committeeId === state.committee.id;
    return isStill
      ? []
      : [
          {
            subjectKind: d.subjectKind,
            subjectId: d.subjectId,
            requestId: d.subjectId,
            reference: d.reference,
            status: brief?.status ?? 'unknown',
          },
        ];
  });
}

/** The association's name and digit style, read before a transaction opens (SQLite has one connection). */
export type MinutesLetterhead = Pick<AssociationSettings, 'nameAr' | 'digits'>;

export async function minutesLetterhead(ctx: AppContext): Promise<MinutesLetterhead> {
  const { nameAr, digits } = await getAssociation(ctx);
  return { nameAr, digits };
}

export async function composeText(
  association: MinutesLetterhead,
  db: Db,
  state: MeetingState,
  { decisions, deferred, notes, amends }: StoredOutcomes & { notes: string | null; amends: MinutesTable | null },
): Promise<string> {
  return composeMinutesText({
    associationNameAr: association.nameAr,
    committeeNameAr: state.committee.name_ar,
    day: state.meeting.day,
    digits: association.digits,
    chairName: state.committee.chair_id ? ((await staffNames(db, [state.committee.chair_id])).get(state.committee.chair_id) ?? null) : null,
    present: await presentNames(db, state),
    // Each kind words its own lines (issue 22); a kind not registered any more falls back to a request's.
    items: decisions.map((d) => ({ ...d, sentence: sentenceOf(state, d.subjectKind, d) })),
    deferred: deferred.map((d) => ({ ...d, sentence: sentenceOf(state, d.subjectKind, { ...d, outcome: 'deferred' }) })),
    subjectsNounAr: nounOf(state, [...decisions, ...deferred]),
    notes,
    amends: amends ? { day: riyadhCalendarDay(new Date(amends.frozen_at as string)), sha256: amends.sha256 } : null,
  });
}

/** The Arabic lines of one subject, as its kind words them. */
function sentenceOf(state: MeetingState, kind: string, subject: MinutesSubject): MinutesSentence | undefined {
  return state.kinds.get(kind)?.minutesSentence(subject, 'ar');
}

/** "الطلبات" when the agenda holds requests only (the wording before issue 22), the kind's plural, or "الموضوعات" when kinds mix. */
function nounOf(state: MeetingState, subjects: ReadonlyArray<{ subjectKind: string }>): string {
  const kinds = new Set(subjects.map((s) => s.subjectKind));
  if (kinds.size !== 1) return kinds.size === 0 ? 'الطلبات' : 'الموضوعات';
  return state.kinds.get([...kinds][0] as string)?.pluralAr ?? 'الطلبات';
}

type Stored<T> = Omit<T, 'subjectKind' | 'subjectId'> & { subjectKind?: string; subjectId?: string; requestId?: string };

/** Minutes written before 0022 name their requests `requestId`: read as `('request', requestId)` (their text and SHA-256 untouched). */
function withSubject<T extends { subjectKind: string; subjectId: string }>(stored: Stored<T>): T {
  const { requestId, ...rest } = stored;
  return { ...rest, subjectKind: stored.subjectKind ?? REQUEST_SUBJECT, subjectId: stored.subjectId ?? (requestId as string) } as T;
}

export function storedOutcomes(ctx: AppContext, row: MinutesTable): StoredOutcomes {
  const parsed = JSON.parse(open(ctx, minutesAad(row.id, 'decisions'), row.decisions) ?? '{}') as {
    decisions?: Stored<StoredDecision>[];
    deferred?: Stored<StoredDeferral>[];
  };
  return {
    decisions: (parsed.decisions ?? []).map((d) => withSubject<StoredDecision>(d)),
    deferred: (parsed.deferred ?? []).map((d) => withSubject<StoredDeferral>(d)),
  };
}

export const sealOutcomes = (ctx: AppContext, id: string, { decisions, deferred }: StoredOutcomes) =>
  seal(ctx, minutesAad(id, 'decisions'), JSON.stringify({ decisions, deferred })) as string;
