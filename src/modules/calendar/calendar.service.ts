import type { Kysely } from 'kysely';
import type {
  AdminHolidays,
  DeadlineAnswer,
  HolidayEditBody,
  HolidayEditRecord,
  Holiday as HolidayView,
} from '../../contracts/calendar.js';
import { FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR } from '../../domain/calendar-days.js';
import { riyadhCalendarDay, toHijriString } from '../../domain/dates.js';
import { computeDefaultHolidays, type HolidayKind } from '../../domain/holidays.js';
import type { AppContext } from '../../platform/context.js';
import type { Database, HolidayEditTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/app-error.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import * as repo from './calendar.repo.js';
import { scheduleClock } from './clock-schedule.js';
import { recomputeClocksForEdit } from './clocks.service.js';
import { buildCalendarView, type CalendarView, currentCalendar, invalidateCalendar } from './working-calendar.js';

/**
 * The holiday table and deadlines (issue 4 §2–§3): defaults computed from the Umm al-Qura rules,
 * the administrator's edits replayed over them, and every open working-day clock moved in the same
 * transaction as the edit that moves it.
 */

type Db = Kysely<Database>;
type Actor = { id: string };

export function currentYear(ctx: AppContext): number {
  return Number(riyadhCalendarDay(ctx.clock.now()).slice(0, 4));
}

/** The days off of a year with the administrator's edits, as the public endpoint serves them. */
export async function holidaysForYear(ctx: AppContext, year: number): Promise<HolidayView[]> {
  assertYear(year);
  const view = await currentCalendar(ctx);
  return view.holidaysForYear(year).map((h) => ({
    date: h.date,
    kind: h.kind,
    nameAr: h.nameAr,
    nameEn: h.nameEn,
    ...(h.isEdited ? { isEdited: true as const } : {}),
  }));
}

/**
 * C6/E1: where "N working days from `from`" falls — `from` is day 0, the deadline the N-th working
 * day after it. A deadline past 2100 (the calendar's last year) is a 400, never a 500.
 */
export async function deadlineFor(ctx: AppContext, from: string, workingDays: number): Promise<DeadlineAnswer> {
  const view = await currentCalendar(ctx);
  const { deadlineDay } = scheduleClock(view.calendar, { startDay: from, workingDays, warningThreshold: null, pauses: [] });
  return { from, workingDays, deadline: deadlineDay, deadlineHijri: toHijriString(deadlineDay) };
}

/** The administrator's view of a year: each day off with where it came from, defaults taken away, and the edits. */
export async function adminHolidays(ctx: AppContext, year: number): Promise<AdminHolidays> {
  assertYear(year);
  const view = await currentCalendar(ctx);
  const defaults = computeDefaultHolidays(year);
  const table = view.holidaysForYear(year);
  const inTable = new Set(table.map((h) => h.date));
  const lastEditOn = new Map<string, string>();
  for (const edit of view.stored) {
    if (edit.action === 'add') lastEditOn.set(edit.date, edit.id);
    if (edit.action === 'move' && edit.to_date) lastEditOn.set(edit.to_date, edit.id);
  }
  const prefix = `${year}-`;
  return {
    year,
    holidays: table.map((h) => ({
      date: h.date,
      dateHijri: toHijriString(h.date),
      kind: h.kind,
      nameAr: h.nameAr,
      nameEn: h.nameEn,
      isEdited: h.isEdited === true,
      editId: h.isEdited ? (lastEditOn.get(h.date) ?? null) : null,
    })),
    removedDefaults: defaults.filter((h) => !inTable.has(h.date)).map(({ date, kind, nameAr, nameEn }) => ({ date, kind, nameAr, nameEn })),
    edits: view.stored.filter((e) => e.date.startsWith(prefix) || e.to_date?.startsWith(prefix)).map(presentEdit),
  };
}

/**
 * One administrator edit (add, remove or move a day off). In the same transaction: the edit, every
 * open clock it moves (each audited with its old and new deadline), and the edit's own audit row.
 */
export async function editHolidays(
  ctx: AppContext,
  actor: Actor,
  body: HolidayEditBody,
): Promise<{ edit: HolidayEditRecord; recomputedClocks: number }> {
  const now = ctx.clock.now().toISOString();
  const result = await ctx.db.transaction().execute(async (trx) => {
    // First, so concurrent edits queue on the counter row (PostgreSQL) before reading the table.
    const revision = await repo.bumpCalendarRevision(trx);
    const before = await repo.listActiveEdits(trx);
    const weekend = await repo.readWeekend(trx);
    const beforeView = buildCalendarView(revision - 1, before, weekend);
    assertEditFits(beforeView, body);
    const row: HolidayEditTable = {
      id: uuidv7(ctx.clock.now().getTime()),
      seq: revision,
      action: body.action,
      date: body.action === 'move' ? body.from : body.date,
      to_date: body.action === 'move' ? body.to : null,
      holiday_kind: body.action === 'add' ? body.kind : null,
      name_ar: body.action === 'add' ? body.nameAr : null,
      name_en: body.action === 'add' ? body.nameEn : null,
      created_at: now,
      created_by: actor.id,
      undone_at: null,
      undone_by: null,
    };
    await repo.insertEdit(trx, row);
    const stored = (await repo.listActiveEdits(trx)).find((e) => e.id === row.id) ?? { ...row, created_by_name: null };
    const afterView = buildCalendarView(revision, [...before, stored], weekend);
    const recomputedClocks = await applyToClocks(trx, ctx, actor, beforeView, afterView, [row]);
    await recordAudit(trx, {
      at: ctx.clock.now(),
      actor: { kind: 'staff', id: actor.id },
      action: 'holiday.edit',
      entity: 'holiday_edit',
      entityId: row.id,
      details: { edit: body, calendarRevision: revision, recomputedClocks },
    });
    return { edit: presentEdit(stored), recomputedClocks };
  });
  invalidateCalendar(ctx);
  return result;
}

/** Undoes one edit (the defaults, or the earlier edits, apply again); clocks move back in the same transaction. */
export async function undoHolidayEdit(ctx: AppContext, actor: Actor, editId: string): Promise<{ recomputedClocks: number }> {
  const now = ctx.clock.now().toISOString();
  const result = await ctx.db.transaction().execute(async (trx) => {
    const revision = await repo.bumpCalendarRevision(trx);
    const edit = await repo.findActiveEdit(trx, editId);
    if (!edit) throw AppError.notFound('calendar.edit-not-found', 'No such edit in force');
    const before = await repo.listActiveEdits(trx);
    await repo.markEditUndone(trx, edit.id, now, actor.id);
    const weekend = await repo.readWeekend(trx);
    const beforeView = buildCalendarView(revision - 1, before, weekend);
    const afterView = buildCalendarView(
      revision,
      before.filter((e) => e.id !== edit.id),
      weekend,
    );
    const recomputedClocks = await applyToClocks(trx, ctx, actor, beforeView, afterView, [edit]);
    await recordAudit(trx, {
      at: ctx.clock.now(),
      actor: { kind: 'staff', id: actor.id },
      action: 'holiday.undo',
      entity: 'holiday_edit',
      entityId: edit.id,
      details: { edit: presentEdit({ ...edit, created_by_name: null }), calendarRevision: revision, recomputedClocks },
    });
    return { recomputedClocks };
  });
  invalidateCalendar(ctx);
  return result;
}

/**
 * Which days off changed between the two views, over every year an edit touches (undoing one edit
 * can change what a later edit does, e.g. a move whose day is no longer off), then the clocks.
 */
async function applyToClocks(
  trx: Db,
  ctx: AppContext,
  actor: Actor,
  beforeView: CalendarView,
  afterView: CalendarView,
  changed: readonly HolidayEditTable[],
): Promise<number> {
  const years = new Set<number>();
  for (const edit of [...afterView.stored, ...beforeView.stored, ...changed]) {
    for (const day of [edit.date, edit.to_date]) if (day) years.add(Number(day.slice(0, 4)));
  }
  let firstDay: string | null = null;
  let lastDay: string | null = null;
  for (const year of years) {
    if (year < FIRST_CALENDAR_YEAR || year > LAST_CALENDAR_YEAR) continue;
    const was = new Set(beforeView.holidaysForYear(year).map((h) => h.date));
    const is = new Set(afterView.holidaysForYear(year).map((h) => h.date));
    for (const day of [...was, ...is]) {
      if (was.has(day) === is.has(day)) continue;
      if (firstDay === null || day < firstDay) firstDay = day;
      if (lastDay === null || day > lastDay) lastDay = day;
    }
  }
  return recomputeClocksForEdit(trx, ctx, afterView, {
    firstDay,
    lastDay,
    previousRevision: beforeView.revision,
    actor: { kind: 'staff', id: actor.id },
  });
}

/**
 * Refuses edits that cannot mean what the administrator wants: removing or moving a day that is not
 * a day off, adding or moving onto a day that already is one, moving further than the next or
 * previous year (the table replays a move only between neighbouring years). Moving onto a weekend
 * is allowed: Eid days on a Friday or Saturday are listed too (SAUDI-LOCALE.md).
 */
function assertEditFits(view: CalendarView, body: HolidayEditBody): void {
  const isDayOff = (day: string) => view.holidaysForYear(Number(day.slice(0, 4))).some((h) => h.date === day);
  const refuse = (code: string, pointer: string, detail: string) => {
    throw AppError.unprocessable(code, detail, [{ pointer: `/${pointer}`, code, detail }]);
  };
  if (body.action === 'add' && isDayOff(body.date)) refuse('calendar.already-a-holiday', 'date', 'This day is already a day off');
  if (body.action === 'remove' && !isDayOff(body.date)) refuse('calendar.not-a-holiday', 'date', 'This day is not a day off');
  if (body.action === 'move') {
    if (!isDayOff(body.from)) refuse('calendar.not-a-holiday', 'from', 'This day is not a day off');
    if (body.to === body.from) refuse('calendar.same-day', 'to', 'A day off moves to another day');
    if (Math.abs(Number(body.to.slice(0, 4)) - Number(body.from.slice(0, 4))) > 1)
      refuse('calendar.move-too-far', 'to', 'A day off moves within its year or into a neighbouring one');
    if (isDayOff(body.to)) refuse('calendar.already-a-holiday', 'to', 'This day is already a day off');
  }
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_CALENDAR_YEAR || year > LAST_CALENDAR_YEAR) {
    throw AppError.badRequest('calendar.year-out-of-range', `The calendar covers ${FIRST_CALENDAR_YEAR}–${LAST_CALENDAR_YEAR}`, [
      { pointer: '/year', code: 'calendar.year-out-of-range', detail: String(year) },
    ]);
  }
}

function presentEdit(row: repo.StoredHolidayEdit): HolidayEditRecord {
  const isMove = row.action === 'move';
  return {
    id: row.id,
    action: row.action as HolidayEditRecord['action'],
    date: isMove ? null : row.date,
    from: isMove ? row.date : null,
    to: isMove ? row.to_date : null,
    kind: (row.holiday_kind as HolidayKind | null) ?? null,
    nameAr: row.name_ar,
    nameEn: row.name_en,
    createdAt: row.created_at,
    createdBy: row.created_by,
    createdByName: row.created_by_name,
  };
}
