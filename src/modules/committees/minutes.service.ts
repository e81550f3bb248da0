import type { Kysely } from 'kysely';
import type { Minutes, MinutesDecision, MinutesSummary } from '../../contracts/committees.js';
import type { AssociationSettings } from '../../contracts/settings.js';
import type { DecisionOutcome } from '../../domain/committee-vote.js';
import { riyadhCalendarDay } from '../../domain/dates.js';
import { composeMinutesText, type MinutesItem } from '../../domain/minutes.js';
import type { AppContext } from '../../platform/context.js';
import { sha256Hex } from '../../platform/crypto/digest.js';
import type { Database } from '../../platform/db/schema.js';
import type { MinutesTable } from '../../platform/db/schema-committees.js';
import { AppError, type FieldError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { getAssociation } from '../settings/index.js';
import { requestSubject } from './committee-subjects.js';
import * as repo from './committees.repo.js';
import {
  draftOriginal,
  frozenOriginal,
  isChair,
  lockMeeting,
  type MeetingState,
  memberMeetingState,
  minutesAad,
  open,
  seal,
  tallyOf,
} from './meeting-state.js';

/**
 * Minutes (C5; D2 reuses them): generated in Arabic from the meeting's facts, approved by each
 * member present; the last approval freezes them (text and its SHA-256 stored, never edited again:
 * any edit → 409 `minutes.frozen`) and applies each request's decision through the requests
 * module in the same transaction. A correction is a new minutes record linked to the one it amends,
 * with its own approvals.
 */
type Db = Kysely<Database>;

interface StoredDecision extends MinutesItem {
  requestId: string;
}

const actorOf = (principal: StaffPrincipal) => ({ kind: 'staff' as const, id: principal.userId });

function notFound(): AppError {
  return AppError.notFound('minutes.not-found', 'No such minutes');
}

function frozenError(): AppError {
  return AppError.conflict('minutes.frozen', 'These minutes are approved and frozen; correct them with an amendment');
}

/** Members present, the chair first, then by name. */
async function presentNames(db: Db, state: MeetingState): Promise<string[]> {
  const names = await repo.staffNames(db, state.present);
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

interface StoredOutcomes {
  decisions: StoredDecision[];
  deferred: StoredDeferral[];
}

/**
 * The meeting's decisions and the requests deferred while the family is asked for more (C6), or the
 * field errors of the requests still undecided (C5: quorum, majority).
 */
function decisionsOf(state: MeetingState): StoredOutcomes & { errors: FieldError[] } {
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
function inactivePresent(state: MeetingState): string[] {
  const active = new Set(state.members.filter((m) => m.isActive).map((m) => m.userId));
  return state.present.filter((id) => !active.has(id));
}

/**
 * Decisions of these minutes whose request is no longer under this committee's study (C5): asked
 * for information outside the meeting, its attestation voided meanwhile, decided elsewhere…
 */
function movedDecisions(state: MeetingState, outcomes: StoredOutcomes) {
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

async function composeText(
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
    chairName: state.committee.chair_id
      ? ((await repo.staffNames(db, [state.committee.chair_id])).get(state.committee.chair_id) ?? null)
      : null,
    present: await presentNames(db, state),
    items: decisions,
    deferred,
    notes,
    amends: amends ? { day: riyadhCalendarDay(new Date(amends.frozen_at as string)), sha256: amends.sha256 } : null,
  });
}

function storedOutcomes(ctx: AppContext, row: MinutesTable): StoredOutcomes {
  const parsed = JSON.parse(open(ctx, minutesAad(row.id, 'decisions'), row.decisions) ?? '{}') as Partial<StoredOutcomes>;
  return { decisions: parsed.decisions ?? [], deferred: parsed.deferred ?? [] };
}

const sealOutcomes = (ctx: AppContext, id: string, { decisions, deferred }: StoredOutcomes) =>
  seal(ctx, minutesAad(id, 'decisions'), JSON.stringify({ decisions, deferred })) as string;

export function presentMinutesSummary(row: MinutesTable): MinutesSummary {
  return {
    id: row.id,
    status: row.status as MinutesSummary['status'],
    amendsId: row.amends_id,
    createdAt: row.created_at,
    frozenAt: row.frozen_at,
  };
}

async function presentMinutes(
  ctx: AppContext,
  db: Db,
  principal: StaffPrincipal,
  state: MeetingState,
  row: MinutesTable,
): Promise<Minutes> {
  const approvals = await repo.approvalsOf(db, row.id);
  const excusals = await repo.excusalsOf(db, row.id);
  const names = await repo.staffNames(db, [...state.present, ...approvals.map((a) => a.member_id)]);
  const approved = new Set(approvals.map((a) => a.member_id));
  const excused = new Set(excusals.map((e) => e.member_id));
  const inactive = new Set(inactivePresent(state));
  const isDraft = row.status === 'draft';
  const amendedBy = state.minutes.filter((m) => m.amends_id === row.id).map((m) => m.id);
  const hasOpenAmendment = state.minutes.some((m) => m.amends_id === row.id && m.status === 'draft');
  const outcomes = storedOutcomes(ctx, row);
  const decisions: MinutesDecision[] = outcomes.decisions.map((d) => ({
    requestId: d.requestId,
    reference: d.reference,
    typeNameAr: d.typeNameAr,
    outcome: d.outcome as DecisionOutcome,
    reasons: d.reasons,
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
    deferred: outcomes.deferred,
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

/** The minutes and their meeting, if the caller is a member of the meeting's committee; 404 otherwise. */
async function memberMinutes(db: Db, ctx: AppContext, principal: StaffPrincipal, id: string) {
  const row = await repo.findMinutes(db, id);
  if (!row) throw notFound();
  const state = await memberMeetingState(db, ctx, principal, row.meeting_id).catch((error: unknown) => {
    if (error instanceof AppError && error.status === 404) throw notFound();
    throw error;
  });
  return { row, state };
}

export async function getMinutes(ctx: AppContext, principal: StaffPrincipal, id: string): Promise<Minutes> {
  const { row, state } = await memberMinutes(ctx.db, ctx, principal, id);
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: actorOf(principal),
    action: 'minutes.view',
    entity: 'minutes',
    entityId: id,
    details: { requests: state.agenda.map((a) => a.request_id) },
  });
  return presentMinutes(ctx, ctx.db, principal, state, row);
}

async function writeText(trx: Db, ctx: AppContext, id: string, text: string, outcomes: StoredOutcomes, now: Date) {
  await trx
    .updateTable('minutes')
    .set({
      text: seal(ctx, minutesAad(id, 'text'), text) as string,
      decisions: sealOutcomes(ctx, id, outcomes),
      sha256: sha256Hex(text),
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .execute();
  // Approvals were of the old text (C5: each member approves what they read).
  await trx.deleteFrom('minutes_approvals').where('minutes_id', '=', id).execute();
}

/** C5: the chair generates the minutes of a held meeting once every agenda request is decided (regenerating a draft in place). */
export async function generateMinutes(
  ctx: AppContext,
  principal: StaffPrincipal,
  meetingId: string,
): Promise<{ minutes: Minutes; isNew: boolean }> {
  const association = await minutesLetterhead(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    await lockMeeting(trx, meetingId);
    const state = await memberMeetingState(trx, ctx, principal, meetingId);
    if (!isChair(state, principal)) throw AppError.forbidden('meeting.chair-only', 'Only the committee’s chair generates the minutes');
    if (frozenOriginal(state)) throw frozenError();
    if (state.meeting.status !== 'held') throw AppError.conflict('meeting.not-held', 'Minutes are written for a meeting that was held');
    if (state.present.length === 0) throw AppError.unprocessable('meeting.no-one-present', 'Record the members present first');
    const { decisions, deferred, errors } = decisionsOf(state);
    if (errors.length) throw AppError.unprocessable('minutes.undecided', 'Some requests on the agenda have no decision yet', errors);
    const now = ctx.clock.now();
    const draft = draftOriginal(state);
    const notes = draft ? open(ctx, minutesAad(draft.id, 'notes'), draft.notes) : null;
    const text = await composeText(association, trx, state, { decisions, deferred, notes, amends: null });
    const id = draft?.id ?? uuidv7(now.getTime());
    if (draft) await writeText(trx, ctx, id, text, { decisions, deferred }, now);
    else
      await trx
        .insertInto('minutes')
        .values({
          id,
          meeting_id: meetingId,
          committee_id: state.committee.id,
          amends_id: null,
          status: 'draft',
          text: seal(ctx, minutesAad(id, 'text'), text) as string,
          notes: null,
          decisions: sealOutcomes(ctx, id, { decisions, deferred }),
          sha256: sha256Hex(text),
          created_by: principal.userId,
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
          frozen_at: null,
        })
        .execute();
    await recordAudit(trx, {
      at: now,
      actor: actorOf(principal),
      action: draft ? 'minutes.regenerate' : 'minutes.generate',
      entity: 'minutes',
      entityId: id,
      details: {
        meetingId,
        sha256: sha256Hex(text),
        requests: decisions.map((d) => d.requestId),
        deferred: deferred.map((d) => d.requestId),
      },
    });
    const fresh = await repo.findMinutes(trx, id);
    const after = { ...state, minutes: await repo.minutesOfMeeting(trx, meetingId) };
    return { minutes: await presentMinutes(ctx, trx, principal, after, fresh as MinutesTable), isNew: !draft };
  });
}

/**
 * After a vote, the members present, the agenda or the day change: a draft is rewritten from the new
 * facts and its approvals dropped; if a request has lost its decision the draft is discarded and the
 * chair generates the minutes again once it is decided. Called in the change's own transaction.
 */
export async function refreshDraftMinutes(
  trx: Db,
  ctx: AppContext,
  association: MinutesLetterhead,
  principal: StaffPrincipal,
  meetingId: string,
  state: MeetingState,
) {
  const draft = draftOriginal(state);
  if (!draft) return;
  const now = ctx.clock.now();
  const { decisions, deferred, errors } = decisionsOf(state);
  if (errors.length || state.present.length === 0) {
    await trx.deleteFrom('minutes_approvals').where('minutes_id', '=', draft.id).execute();
    await trx.deleteFrom('minutes').where('id', '=', draft.id).execute();
    await recordAudit(trx, {
      at: now,
      actor: actorOf(principal),
      action: 'minutes.discard',
      entity: 'minutes',
      entityId: draft.id,
      details: { meetingId, reason: 'undecided' },
    });
    return;
  }
  const notes = open(ctx, minutesAad(draft.id, 'notes'), draft.notes);
  const text = await composeText(association, trx, state, { decisions, deferred, notes, amends: null });
  if (sha256Hex(text) === draft.sha256) return;
  await writeText(trx, ctx, draft.id, text, { decisions, deferred }, now);
  await recordAudit(trx, {
    at: now,
    actor: actorOf(principal),
    action: 'minutes.regenerate',
    entity: 'minutes',
    entityId: draft.id,
    details: { meetingId, sha256: sha256Hex(text) },
  });
}

/** The chair's remarks (or, on an amendment, what it corrects) on a draft; frozen minutes refuse every edit (C5). */
export async function updateMinutesNotes(ctx: AppContext, principal: StaffPrincipal, id: string, notes: string): Promise<Minutes> {
  const association = await minutesLetterhead(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const found = await repo.findMinutes(trx, id);
    if (!found) throw notFound();
    await lockMeeting(trx, found.meeting_id);
    const { row, state } = await memberMinutes(trx, ctx, principal, id);
    if (row.status === 'frozen') throw frozenError();
    if (!isChair(state, principal)) throw AppError.forbidden('meeting.chair-only', 'Only the committee’s chair edits the minutes');
    const amends = row.amends_id ? ((await repo.findMinutes(trx, row.amends_id)) ?? null) : null;
    const outcomes = storedOutcomes(ctx, row);
    const cleanNotes = notes.trim() || null;
    if (amends && !cleanNotes) throw AppError.unprocessable('minutes.amendment-notes-required', 'Say what the amendment corrects');
    const text = await composeText(association, trx, state, { ...outcomes, notes: cleanNotes, amends });
    const now = ctx.clock.now();
    await trx
      .updateTable('minutes')
      .set({ notes: seal(ctx, minutesAad(id, 'notes'), cleanNotes) })
      .where('id', '=', id)
      .execute();
    await writeText(trx, ctx, id, text, outcomes, now);
    await recordAudit(trx, {
      at: now,
      actor: actorOf(principal),
      action: 'minutes.edit',
      entity: 'minutes',
      entityId: id,
      fields: ['notes'],
      details: { sha256: sha256Hex(text) },
    });
    const fresh = (await repo.findMinutes(trx, id)) as MinutesTable;
    return presentMinutes(ctx, trx, principal, state, fresh);
  });
}

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
    const names = await repo.staffNames(trx, waiting);
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
        moved.map((m) => ({ pointer: `/decisions/${m.requestId}`, code: 'request.moved', detail: `${m.reference}: ${m.status}` })),
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
    // C5/C6: each decision reaches its request, whose message to the family goes to the outbox.
    for (const decision of decisions)
      await requestSubject(ctx).applyDecision(trx, ctx, actorOf(principal), decision.requestId, {
        outcome: decision.outcome,
        reasons: decision.reasons,
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
      decisions: row.amends_id === null ? decisions.map((d) => ({ requestId: d.requestId, outcome: d.outcome })) : [],
    },
  });
}

/** C5: a correction of frozen minutes is a new record linked to them, with its own approvals; the original never changes. */
export async function amendMinutes(ctx: AppContext, principal: StaffPrincipal, id: string, notes: string): Promise<Minutes> {
  const association = await minutesLetterhead(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const found = await repo.findMinutes(trx, id);
    if (!found) throw notFound();
    await lockMeeting(trx, found.meeting_id);
    const { row, state } = await memberMinutes(trx, ctx, principal, id);
    if (!isChair(state, principal)) throw AppError.forbidden('meeting.chair-only', 'Only the committee’s chair amends the minutes');
    if (row.status !== 'frozen') throw AppError.conflict('minutes.not-frozen', 'Draft minutes are edited, not amended');
    if (state.minutes.some((m) => m.amends_id === id && m.status === 'draft'))
      throw AppError.conflict('minutes.amendment-open', 'An amendment of these minutes is awaiting approval');
    const outcomes = storedOutcomes(ctx, row);
    const text = await composeText(association, trx, state, { ...outcomes, notes, amends: row });
    const now = ctx.clock.now();
    const newId = uuidv7(now.getTime());
    await trx
      .insertInto('minutes')
      .values({
        id: newId,
        meeting_id: row.meeting_id,
        committee_id: row.committee_id,
        amends_id: id,
        status: 'draft',
        text: seal(ctx, minutesAad(newId, 'text'), text) as string,
        notes: seal(ctx, minutesAad(newId, 'notes'), notes),
        decisions: sealOutcomes(ctx, newId, outcomes),
        sha256: sha256Hex(text),
        created_by: principal.userId,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
        frozen_at: null,
      })
      .execute();
    await recordAudit(trx, {
      at: now,
      actor: actorOf(principal),
      action: 'minutes.amend',
      entity: 'minutes',
      entityId: newId,
      details: { amendsId: id, sha256: sha256Hex(text) },
    });
    const fresh = (await repo.findMinutes(trx, newId)) as MinutesTable;
    const after = { ...state, minutes: await repo.minutesOfMeeting(trx, row.meeting_id) };
    return presentMinutes(ctx, trx, principal, after, fresh);
  });
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
