import type { Kysely } from 'kysely';
import { createWorkingCalendar, type WorkingCalendar } from '../../domain/calendar.js';
import type { Holiday, HolidayKind } from '../../domain/holidays.js';
import { type HolidayEdit, holidaysWithEdits } from '../../domain/holidays-edits.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { listActiveEdits, readCalendarRevision, readWeekend, type StoredHolidayEdit } from './calendar.repo.js';

/**
 * The working calendar as it stands: computed defaults plus the stored edits, over the weekend
 * setting (a weekend change bumps the revision like a holiday edit does). Built once per
 * calendar revision and kept per process; every use reads the revision (one indexed row), so an
 * edit made by another instance on PostgreSQL is seen at the next call, not after a restart.
 */
export interface CalendarView {
  revision: number;
  stored: readonly StoredHolidayEdit[];
  edits: readonly HolidayEdit[];
  /** Weekend days (`getUTCDay()` numbers), sorted. */
  weekend: readonly number[];
  calendar: WorkingCalendar;
  holidaysForYear(year: number): readonly Holiday[];
}

// Keyed by context: tests run several apps (databases) in one process.
const views = new WeakMap<AppContext, CalendarView>();

export function toHolidayEdit(row: StoredHolidayEdit): HolidayEdit {
  if (row.action === 'move') return { kind: 'move', from: row.date, to: row.to_date ?? row.date };
  if (row.action === 'remove') return { kind: 'remove', date: row.date };
  return {
    kind: 'add',
    date: row.date,
    holidayKind: (row.holiday_kind ?? 'custom') as HolidayKind,
    nameAr: row.name_ar ?? '',
    nameEn: row.name_en ?? '',
  };
}

/** A calendar over a given list of edits (the edit transaction uses one with its own, uncommitted edit). */
export function buildCalendarView(revision: number, stored: readonly StoredHolidayEdit[], weekend: readonly number[]): CalendarView {
  const edits = stored.map(toHolidayEdit);
  const years = new Map<number, readonly Holiday[]>();
  const holidaysForYear = (year: number): readonly Holiday[] => {
    let table = years.get(year);
    if (!table) {
      table = holidaysWithEdits(year, edits);
      years.set(year, table);
    }
    return table;
  };
  return { revision, stored, edits, weekend, calendar: createWorkingCalendar({ weekend, holidaysForYear }), holidaysForYear };
}

/**
 * The current calendar. Pass the transaction when inside one: SQLite has a single connection, and
 * a clock started in another module's transaction must see that transaction's view.
 */
export async function currentCalendar(ctx: AppContext, db: Kysely<Database> = ctx.db): Promise<CalendarView> {
  const revision = await readCalendarRevision(db);
  const cached = views.get(ctx);
  if (cached && cached.revision === revision) return cached;
  // The revision was read before the edits: a newer edit slipping in between only causes one more rebuild.
  const view = buildCalendarView(revision, await listActiveEdits(db), await readWeekend(db));
  views.set(ctx, view);
  return view;
}

/** Drops this process's cached calendar (after an edit commits). */
export function invalidateCalendar(ctx: AppContext): void {
  views.delete(ctx);
}
