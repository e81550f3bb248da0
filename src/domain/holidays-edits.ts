/**
 * Administrator edits over the default holiday table. Only edits are stored; defaults are computed
 * on the fly (issue 4), so an edit is replayed over `computeDefaultHolidays` whenever a table is read.
 */
import { FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR } from './calendar-days.js';
import { parseCalendarDay } from './dates.js';
import { computeDefaultHolidays, type Holiday, type HolidayKind } from './holidays.js';

export type HolidayEdit =
  | { kind: 'add'; date: string; holidayKind: HolidayKind; nameAr: string; nameEn: string }
  | { kind: 'remove'; date: string }
  | { kind: 'move'; from: string; to: string };

/**
 * Applies edits in order; the result has at most one entry per day, sorted by date.
 * - add: a day off on `date` (replacing any entry already there), marked edited;
 * - remove: drops the entry on `date` (nothing when there is none);
 * - move: the entry on `from` goes to `to` with its kind and names, marked edited, replacing any
 *   entry on `to` (nothing when `from` has no entry — e.g. the default already moved).
 * RangeError for an impossible date.
 * @example applyHolidayEdits(computeDefaultHolidays(2026), [{ kind: 'move', from: '2026-09-23', to: '2026-09-24' }])
 */
export function applyHolidayEdits(defaults: readonly Holiday[], edits: readonly HolidayEdit[]): Holiday[] {
  const byDate = new Map<string, Holiday>(defaults.map((holiday) => [holiday.date, holiday]));
  for (const edit of edits) {
    switch (edit.kind) {
      case 'add':
        byDate.set(checked(edit.date), {
          date: edit.date,
          kind: edit.holidayKind,
          nameAr: edit.nameAr,
          nameEn: edit.nameEn,
          isEdited: true,
        });
        break;
      case 'remove':
        byDate.delete(checked(edit.date));
        break;
      case 'move': {
        const moved = byDate.get(checked(edit.from));
        checked(edit.to);
        if (!moved) break;
        byDate.delete(edit.from);
        byDate.set(edit.to, { ...moved, date: edit.to, isEdited: true });
        break;
      }
    }
  }
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * The table for one year with the administrator's edits: what `holidaysForYear` of the working
 * calendar and the public holidays endpoint serve. A move may cross 31 December (an Eid day moved
 * into January), so the neighbouring years' defaults join in when an edit reaches into them, and
 * the result is cut back to the year.
 */
export function holidaysWithEdits(year: number, edits: readonly HolidayEdit[]): Holiday[] {
  const prefix = `${year}-`;
  const touchesYear = (day: string) => day.startsWith(prefix);
  const reachesOut = edits.some((edit) => edit.kind === 'move' && touchesYear(edit.to) && !touchesYear(edit.from));
  const defaults = reachesOut ? neighbourDefaults(year) : computeDefaultHolidays(year);
  return applyHolidayEdits(defaults, edits).filter((holiday) => touchesYear(holiday.date));
}

function neighbourDefaults(year: number): Holiday[] {
  const years = [year - 1, year, year + 1].filter((y) => y >= FIRST_CALENDAR_YEAR && y <= LAST_CALENDAR_YEAR);
  return years.flatMap((y) => computeDefaultHolidays(y));
}

function checked(day: string): string {
  if (!parseCalendarDay(day)) throw new RangeError(`Not a calendar day (YYYY-MM-DD): ${day}`);
  return day;
}
