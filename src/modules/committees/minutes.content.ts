import type { Kysely } from 'kysely';
import type { AssociationSettings } from '../../contracts/settings.js';
import { riyadhCalendarDay } from '../../domain/dates.js';
import { composeMinutesText, type MinutesItem } from '../../domain/minutes.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import type { MinutesTable } from '../../platform/db/schema-committees.js';
import type { FieldError } from '../../platform/http/app-error.js';
import { getAssociation } from '../settings/index.js';
import { staffNames } from '../staff/index.js';
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

interface StoredDecision extends MinutesItem {
  requestId: string;
}

/** Members present, the chair first, then by name. */
async function presentNames(db: Db, state: MeetingState): Promise<string[]> {
  const names = await staffNames(db, state.present);
  const chair = state.committee.chair_id;
  return [...state.present]
    .sort((a, b) => (a === chair ? -1 : b === chair ? 1 : (names.get(a) ?? '').localeCompare(names.get(b) ?? '', 'ar')))
    .map((id) => names.get(id) ?? '');
}

interface StoredDeferral {
  requestId: string;
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
    const tally = tallyOf(state, item.request_id);
    const brief = state.briefs.get(item.request_id);
    if (brief?.status === 'information-requested') {
      deferred.push({ requestId: item.request_id, reference: brief.reference, typeNameAr: brief.typeNameAr });
      continue;
    }
    // Decided elsewhere (or otherwise moved on): these minutes do not decide it again.
    if (brief && brief.status !== 'under-study') continue;
    if (tally.state !== 'decided' || !tally.outcome) {
      errors.push({
        pointer: `/agenda/${item.request_id}`,
        code: tally.state === 'quorum-not-met' ? 'committee.quorum-not-met' : 'committee.no-majority',
        detail:
          tally.state === 'quorum-not-met'
            ? `${tally.votesCast} of ${tally.quorum} votes needed have been cast`
            : 'The votes are tied and the chair’s vote does not break the tie',
      });
      continue;
    }
    decisions.push({
      requestId: item.request_id,
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
    const brief = state.briefs.get(d.requestId);
    const isStill = brief?.status === 'under-study' && brief.committeeId === state.committee.id;
    return isStill ? [] : [{ requestId: d.requestId, reference: d.reference, status: brief?.status ?? 'unknown' }];
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
    items: decisions,
    deferred,
    notes,
    amends: amends ? { day: riyadhCalendarDay(new Date(amends.frozen_at as string)), sha256: amends.sha256 } : null,
  });
}

export function storedOutcomes(ctx: AppContext, row: MinutesTable): StoredOutcomes {
  const parsed = JSON.parse(open(ctx, minutesAad(row.id, 'decisions'), row.decisions) ?? '{}') as Partial<StoredOutcomes>;
  return { decisions: parsed.decisions ?? [], deferred: parsed.deferred ?? [] };
}

export const sealOutcomes = (ctx: AppContext, id: string, { decisions, deferred }: StoredOutcomes) =>
  seal(ctx, minutesAad(id, 'decisions'), JSON.stringify({ decisions, deferred })) as string;
