import type { Kysely } from 'kysely';
import type { ClockState, WorkingClock } from '../../contracts/calendar.js';
import { parseCalendarDay, riyadhCalendarDay, toHijriString } from '../../domain/dates.js';
import type { AppContext } from '../../platform/context.js';
import type { Database, WorkingClockTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/app-error.js';
import { uuidv7 } from '../../platform/ids.js';
import { type AuditEntry, recordAudit } from '../audit/index.js';
import { type StoredPause, scheduleClock } from './clock-schedule.js';
import * as repo from './clocks.repo.js';
import { type CalendarView, currentCalendar } from './working-calendar.js';

/**
 * Working-day clocks (issue 4 §4): the deadlines of service requests (C6: 15 working days from
 * completion) and complaints (E1) live here, attached by owner type and id, so holiday edits move
 * them all in one place.
 *
 * States:
 * - `running`  — counting working days; the deadline and warning day are computed.
 * - `paused`   — not counting (e.g. waiting on the family); the deadline shown is the earliest it
 *                can be (the pause counted as one day) and moves on resume. No events while paused.
 * - `breached` — the deadline passed while running: the breach event was raised. Still open: it
 *                counts on, can be paused, and is closed when the work is done.
 * - `met`      — closed: the work was done by the end of the deadline day (23:59:59 Riyadh).
 * - `stopped`  — closed any other way: done late (`breached_at` set) or cancelled.
 * Open = running, paused, breached; holiday edits recompute those and leave closed clocks alone.
 * `warned_at` and `breached_at` are set once and never cleared: an event raised is a fact, even if a
 * later holiday edit moves the deadline after it.
 */

type Db = Kysely<Database>;
type Actor = AuditEntry['actor'];

const SYSTEM: Actor = { kind: 'system', id: null };
const ENTITY = 'working_clock';
/** Clocks handled per transaction by the background check. */
const BATCH = 200;

export interface StartClockInput {
  ownerType: string;
  ownerId: string;
  /** Day 0 (`YYYY-MM-DD`, Riyadh): the day the thing tracked became complete / was received. */
  startDay: string;
  workingDays: number;
  /** Working days left at which the warning event is raised; null: never. */
  warningThreshold: number | null;
  actor?: Actor;
}

function pausesOf(row: WorkingClockTable): StoredPause[] {
  return JSON.parse(row.pauses) as StoredPause[];
}

export function presentClock(row: WorkingClockTable): WorkingClock {
  return {
    id: row.id,
    ownerType: row.owner_type,
    ownerId: row.owner_id,
    startDay: row.start_day,
    workingDays: row.working_days,
    warningThreshold: row.warning_threshold,
    pauses: pausesOf(row),
    state: row.state as ClockState,
    deadline: row.deadline_day,
    deadlineHijri: toHijriString(row.deadline_day),
    deadlineEndsAt: row.deadline_at,
    warnDay: row.warn_day,
    warnedAt: row.warned_at,
    breachedAt: row.breached_at,
    stoppedAt: row.stopped_at,
    stopReason: row.stop_reason as WorkingClock['stopReason'],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Other modules call these inside their own transaction; called with the plain database, we open one. */
function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

function assertDay(day: string, pointer: string): void {
  if (!parseCalendarDay(day))
    throw AppError.badRequest('clock.invalid', `Not a calendar day: ${day}`, [{ pointer, code: 'field.date-invalid', detail: day }]);
}

async function loadOpenClock(db: Db, id: string, allowed: readonly string[]): Promise<WorkingClockTable> {
  const row = await repo.findClock(db, id);
  if (!row) throw AppError.notFound('clock.not-found', 'No such clock');
  if (!allowed.includes(row.state)) throw AppError.conflict('clock.wrong-state', `The clock is ${row.state}`);
  return row;
}

/**
 * Starts a clock in the caller's transaction (a request's completion, a complaint's receipt).
 * @example await startClock(trx, ctx, { ownerType: 'request', ownerId, startDay: '2026-03-10', workingDays: 15, warningThreshold: 3 })
 *   // deadline 2026-04-06 (C6), warning on 2026-03-31
 */
export async function startClock(db: Db, ctx: AppContext, input: StartClockInput): Promise<WorkingClock> {
  if (!input.ownerType || !input.ownerId) throw AppError.badRequest('clock.invalid', 'A clock belongs to something');
  assertDay(input.startDay, '/startDay');
  if (!Number.isInteger(input.workingDays) || input.workingDays < 0)
    throw AppError.badRequest('clock.invalid', 'Working days must be a whole number ≥ 0');
  if (input.warningThreshold !== null && (!Number.isInteger(input.warningThreshold) || input.warningThreshold < 0))
    throw AppError.badRequest('clock.invalid', 'The warning threshold must be a whole number ≥ 0');
  return inTransaction(db, async (trx) => {
    const view = await currentCalendar(ctx, trx);
    const now = ctx.clock.now().toISOString();
    const terms = { startDay: input.startDay, workingDays: input.workingDays, warningThreshold: input.warningThreshold, pauses: [] };
    const schedule = scheduleClock(view.calendar, terms);
    const row: WorkingClockTable = {
      id: uuidv7(ctx.clock.now().getTime()),
      owner_type: input.ownerType,
      owner_id: input.ownerId,
      start_day: input.startDay,
      working_days: input.workingDays,
      warning_threshold: input.warningThreshold,
      pauses: '[]',
      state: 'running',
      deadline_day: schedule.deadlineDay,
      deadline_at: schedule.deadlineAt,
      warn_day: schedule.warnDay,
      warned_at: null,
      breached_at: null,
      stopped_at: null,
      stop_reason: null,
      calendar_revision: view.revision,
      created_at: now,
      updated_at: now,
    };
    await repo.insertClock(trx, row);
    await audit(trx, ctx, input.actor ?? SYSTEM, 'clock.start', row, { deadline: row.deadline_day, workingDays: row.working_days });
    return presentClock(row);
  });
}

/** Stops counting from `day` (included) until resumed. */
export async function pauseClock(db: Db, ctx: AppContext, clockId: string, { day, actor = SYSTEM }: { day: string; actor?: Actor }) {
  assertDay(day, '/day');
  return inTransaction(db, async (trx) => {
    const row = await loadOpenClock(trx, clockId, ['running', 'breached']);
    const pauses = pausesOf(row);
    const lastEnd = pauses.at(-1)?.to ?? row.start_day;
    if (day < row.start_day || day < lastEnd)
      throw AppError.conflict('clock.pause-too-early', 'A pause starts after the start day and the last pause');
    const next = [...pauses, { from: day, to: null }];
    return reschedule(trx, ctx, row, { pauses: next, state: 'paused' }, actor, 'clock.pause', { day });
  });
}

/** Counts again after `day`: like a start day, the resume day itself is day 0 of the rest. */
export async function resumeClock(db: Db, ctx: AppContext, clockId: string, { day, actor = SYSTEM }: { day: string; actor?: Actor }) {
  assertDay(day, '/day');
  return inTransaction(db, async (trx) => {
    const row = await loadOpenClock(trx, clockId, ['paused']);
    const pauses = pausesOf(row);
    const open = pauses.at(-1) as StoredPause;
    if (day < open.from) throw AppError.conflict('clock.resume-too-early', 'A clock resumes on or after the day it was paused');
    const next = [...pauses.slice(0, -1), { from: open.from, to: day }];
    return reschedule(trx, ctx, row, { pauses: next, state: row.breached_at ? 'breached' : 'running' }, actor, 'clock.resume', { day });
  });
}

/**
 * Closes a clock: `done` when the work it tracked is finished (met when by the deadline's end),
 * `cancelled` when it no longer applies (request withdrawn). A paused clock's pause ends that day.
 */
export async function stopClock(
  db: Db,
  ctx: AppContext,
  clockId: string,
  { at, reason, actor = SYSTEM }: { at: Date; reason: 'done' | 'cancelled'; actor?: Actor },
) {
  return inTransaction(db, async (trx) => {
    const row = await loadOpenClock(trx, clockId, repo.OPEN_STATES);
    let pauses = pausesOf(row);
    const open = pauses.at(-1);
    if (row.state === 'paused' && open) {
      const day = riyadhCalendarDay(at);
      // Ends on the later of the pause day and the stop day.
      pauses = [...pauses.slice(0, -1), { from: open.from, to: [open.from, day].sort()[1] as string }];
    }
    const view = await currentCalendar(ctx, trx);
    const schedule = scheduleClock(view.calendar, termsOf({ ...row, pauses: JSON.stringify(pauses) }));
    const isMet = reason === 'done' && at.toISOString() <= schedule.deadlineAt;
    const changes = {
      pauses: JSON.stringify(pauses),
      state: isMet ? 'met' : 'stopped',
      deadline_day: schedule.deadlineDay,
      deadline_at: schedule.deadlineAt,
      warn_day: schedule.warnDay,
      stopped_at: at.toISOString(),
      stop_reason: reason,
      calendar_revision: view.revision,
      updated_at: ctx.clock.now().toISOString(),
    };
    await repo.updateClock(trx, row.id, changes);
    const next = { ...row, ...changes };
    await audit(trx, ctx, actor, 'clock.stop', next, { reason, state: next.state, deadline: next.deadline_day });
    return presentClock(next);
  });
}

export async function getClock(ctx: AppContext, clockId: string, db: Db = ctx.db): Promise<WorkingClock | undefined> {
  const row = await repo.findClock(db, clockId);
  return row && presentClock(row);
}

/** Many clocks by id in one read (a case's negotiation rounds), keyed by id; unknown ids are left out. */
export async function getClocks(ctx: AppContext, clockIds: readonly string[], db: Db = ctx.db): Promise<Map<string, WorkingClock>> {
  const rows = await repo.findClocks(db, [...new Set(clockIds)]);
  return new Map(rows.map((row) => [row.id, presentClock(row)]));
}

export async function clocksOf(ctx: AppContext, ownerType: string, ownerId: string, db: Db = ctx.db): Promise<WorkingClock[]> {
  return (await repo.findClocksOf(db, ownerType, ownerId)).map(presentClock);
}

/** "Working days left" (C6, E1) on `today`: 0 on the deadline day, negative once overdue. */
export async function workingDaysLeftOn(ctx: AppContext, clock: WorkingClock, today: string): Promise<number> {
  const view = await currentCalendar(ctx);
  const pauses = clock.pauses.map((p) => ({ from: p.from, to: p.to ?? today }));
  return view.calendar.workingDaysLeft(today, clock.deadline, pauses);
}

function termsOf(row: WorkingClockTable) {
  return { startDay: row.start_day, workingDays: row.working_days, warningThreshold: row.warning_threshold, pauses: pausesOf(row) };
}

async function reschedule(
  trx: Db,
  ctx: AppContext,
  row: WorkingClockTable,
  { pauses, state }: { pauses: StoredPause[]; state: ClockState },
  actor: Actor,
  action: string,
  details: Record<string, unknown>,
): Promise<WorkingClock> {
  const view = await currentCalendar(ctx, trx);
  const schedule = scheduleClock(view.calendar, termsOf({ ...row, pauses: JSON.stringify(pauses) }));
  const changes = {
    pauses: JSON.stringify(pauses),
    state,
    deadline_day: schedule.deadlineDay,
    deadline_at: schedule.deadlineAt,
    warn_day: schedule.warnDay,
    calendar_revision: view.revision,
    updated_at: ctx.clock.now().toISOString(),
  };
  await repo.updateClock(trx, row.id, changes);
  const next = { ...row, ...changes };
  await audit(trx, ctx, actor, action, next, { ...details, oldDeadline: row.deadline_day, newDeadline: next.deadline_day });
  return presentClock(next);
}

/**
 * Recomputes one open clock on `view` (a holiday edit, or a clock left behind by one); audited
 * with the old and new deadline when anything moved. True when it moved.
 */
export async function recomputeClock(
  trx: Db,
  ctx: AppContext,
  view: CalendarView,
  row: WorkingClockTable,
  { actor, reason }: { actor: Actor; reason: string },
): Promise<boolean> {
  const schedule = scheduleClock(view.calendar, termsOf(row));
  const hasMoved = schedule.deadlineDay !== row.deadline_day || schedule.warnDay !== row.warn_day;
  if (!hasMoved && row.calendar_revision === view.revision) return false;
  const now = ctx.clock.now().toISOString();
  await repo.updateClock(trx, row.id, {
    deadline_day: schedule.deadlineDay,
    deadline_at: schedule.deadlineAt,
    warn_day: schedule.warnDay,
    calendar_revision: view.revision,
    ...(hasMoved ? { updated_at: now } : {}),
  });
  if (hasMoved) {
    await audit(trx, ctx, actor, 'clock.recompute', row, {
      reason,
      calendarRevision: view.revision,
      oldDeadline: row.deadline_day,
      newDeadline: schedule.deadlineDay,
      oldWarnDay: row.warn_day,
      newWarnDay: schedule.warnDay,
    });
  }
  return hasMoved;
}

/**
 * In a holiday edit's transaction: recomputes every open clock whose span the changed days off
 * (between `firstDay` and `lastDay`) can reach, then marks the others as current. Closed clocks are
 * never touched.
 */
export async function recomputeClocksForEdit(
  trx: Db,
  ctx: AppContext,
  view: CalendarView,
  {
    firstDay,
    lastDay,
    previousRevision,
    actor,
  }: { firstDay: string | null; lastDay: string | null; previousRevision: number; actor: Actor },
): Promise<number> {
  let moved = 0;
  if (firstDay && lastDay) {
    for (const row of await repo.openClocksSpanning(trx, firstDay, lastDay)) {
      if (await recomputeClock(trx, ctx, view, row, { actor, reason: 'holiday-edit' })) moved++;
    }
  }
  await repo.advanceRevision(trx, previousRevision, view.revision);
  return moved;
}

/**
 * Brings clocks computed on an older calendar up to date: one started in a transaction that ran
 * alongside a holiday edit on PostgreSQL was not visible to the edit (issue 4 §4: "or by a job that
 * finishes within a minute").
 */
export async function reconcileClocks(ctx: AppContext): Promise<number> {
  const view = await currentCalendar(ctx);
  let moved = 0;
  for (;;) {
    const batch = await repo.openClocksBehind(ctx.db, view.revision, BATCH);
    if (!batch.length) return moved;
    await ctx.db.transaction().execute(async (trx) => {
      for (const row of batch) if (await recomputeClock(trx, ctx, view, row, { actor: SYSTEM, reason: 'calendar-behind' })) moved++;
    });
    if (batch.length < BATCH) return moved;
  }
}

/**
 * The calendar revision every open clock has been computed on, or null while some are still behind
 * (the reconcile job is catching up). Owners that copy deadlines elsewhere sync only when it changes.
 */
export async function settledCalendarRevision(ctx: AppContext): Promise<number | null> {
  const view = await currentCalendar(ctx);
  const behind = await repo.openClocksBehind(ctx.db, view.revision, 1);
  return behind.length ? null : view.revision;
}

export interface ClockEvent {
  id: string;
  clockId: string;
  kind: 'warning' | 'breach';
  at: string;
  clock: WorkingClock;
}

/**
 * Events not yet handled, oldest first: what reminders and escalations consume. Each consumer asks
 * for its own `ownerType`, so one module's backlog never holds up another's.
 */
export async function pendingClockEvents(ctx: AppContext, limit = BATCH, db: Db = ctx.db, ownerType?: string): Promise<ClockEvent[]> {
  const rows = await repo.pendingClockEvents(db, limit, ownerType);
  return rows.map(({ event_id, event_kind, event_at, ...clock }) => ({
    id: event_id,
    clockId: clock.id,
    kind: event_kind as ClockEvent['kind'],
    at: event_at,
    clock: presentClock(clock),
  }));
}

/** Marks an event handled, in the consumer's transaction; false when another consumer already did. */
export async function markClockEventHandled(db: Db, ctx: AppContext, eventId: string): Promise<boolean> {
  return repo.markClockEventHandled(db, eventId, ctx.clock.now().toISOString());
}

export interface ClockCheck {
  reconciled: number;
  warnings: number;
  breaches: number;
}

/**
 * Raises each clock's events once (issue 4 §4), for reminders and escalations to consume from
 * `clock_events`: a breach when a running clock's deadline has passed (after 23:59:59 Riyadh of the
 * deadline day, C6/E1), a warning when its warning day has come in Riyadh. Breaches go first: a clock
 * found already past its deadline gets only the breach, not a late warning.
 */
export async function checkClocks(ctx: AppContext, now: Date): Promise<ClockCheck> {
  const reconciled = await reconcileClocks(ctx);
  const nowIso = now.toISOString();
  const today = riyadhCalendarDay(now);
  const breaches = await raiseEvents(
    ctx,
    now,
    'breach',
    (db) => repo.runningClocksPastDeadline(db, nowIso, BATCH),
    (db, id) => repo.claimBreach(db, id, nowIso),
  );
  const warnings = await raiseEvents(
    ctx,
    now,
    'warning',
    (db) => repo.runningClocksToWarn(db, today, BATCH),
    (db, id) => repo.claimWarning(db, id, today, nowIso),
  );
  return { reconciled, warnings, breaches };
}

async function raiseEvents(
  ctx: AppContext,
  now: Date,
  kind: 'warning' | 'breach',
  find: (db: Db) => Promise<WorkingClockTable[]>,
  claim: (db: Db, id: string) => Promise<boolean>,
): Promise<number> {
  let raised = 0;
  for (;;) {
    const batch = await find(ctx.db);
    if (!batch.length) return raised;
    let claimed = 0;
    await ctx.db.transaction().execute(async (trx) => {
      for (const row of batch) {
        if (!(await claim(trx, row.id))) continue;
        claimed++;
        await repo.insertClockEvent(trx, { id: uuidv7(now.getTime()), clock_id: row.id, kind, at: now.toISOString(), handled_at: null });
        await audit(trx, ctx, SYSTEM, `clock.${kind}`, row, { deadline: row.deadline_day, warnDay: row.warn_day }, now);
      }
    });
    raised += claimed;
    // A batch in which nothing could be claimed means another check took them: stop rather than spin.
    if (batch.length < BATCH || claimed === 0) return raised;
  }
}

async function audit(
  db: Db,
  ctx: AppContext,
  actor: Actor,
  action: string,
  row: WorkingClockTable,
  details: Record<string, unknown>,
  at: Date = ctx.clock.now(),
): Promise<void> {
  await recordAudit(db, {
    at,
    actor,
    action,
    entity: ENTITY,
    entityId: row.id,
    details: { ownerType: row.owner_type, ownerId: row.owner_id, ...details },
  });
}
