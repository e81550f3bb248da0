/**
 * The working-day clock (issue 4): which days count, and where "N working days from day X" falls.
 * Deadlines are recomputed for every open clock whenever a holiday is edited, so each year is turned
 * once into a prefix-count table and every question after that is a few array reads, not a day loop.
 * Pure and browser-safe.
 */
import {
  dayOfOrdinal,
  FIRST_CALENDAR_YEAR,
  LAST_CALENDAR_YEAR,
  ordinalOf,
  parseDayOrdinal,
  SAUDI_WEEKEND,
  weekdayOf,
} from './calendar-days.js';
import { parseCalendarDay } from './dates.js';
import type { Holiday } from './holidays.js';

export { FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR, SAUDI_WEEKEND } from './calendar-days.js';

/** Days on which a clock does not count, both ends included (`YYYY-MM-DD`). */
export interface Pause {
  from: string;
  to: string;
}

export interface WorkingCalendarOptions {
  /** Weekend days as `getUTCDay()` numbers (0 = Sunday); Friday and Saturday by default. */
  weekend?: readonly number[];
  /** The days off of a Gregorian year, with the administrator's edits; read once per year and cached. */
  holidaysForYear: (year: number) => readonly Holiday[];
}

export interface WorkingCalendar {
  isWorkingDay(day: string): boolean;
  /**
   * The n-th working day after `from` (n ≥ 0, an integer): `from` is day 0 and day 1 is the first
   * working day after it, so n = 0 gives `from` itself whatever it is. Paused days do not count.
   * C6: a request complete on `from` is due at the end of `addWorkingDays(from, 15)`.
   */
  addWorkingDays(from: string, n: number, pauses?: readonly Pause[]): string;
  /**
   * Working (unpaused) days after `from` up to and including `to`; 0 when they are equal. When `to`
   * is before `from` it is minus the working days after `to` up to and including `from`, so
   * `workingDaysBetween(a, b) === -workingDaysBetween(b, a)` and, for n ≥ 0,
   * `workingDaysBetween(from, addWorkingDays(from, n)) === n`.
   */
  workingDaysBetween(from: string, to: string, pauses?: readonly Pause[]): number;
  /**
   * "Working days left" (C6): `workingDaysBetween(today, deadline)` — 0 on the deadline day, −1 on
   * the first working day after it. Days off right after the deadline still give 0, so whether a
   * clock is overdue is decided by comparing now with `deadlineEndInstant(deadline)`, not by this.
   */
  workingDaysLeft(today: string, deadline: string, pauses?: readonly Pause[]): number;
  /** Drops the cached table of one year (or all) after an administrator edits holidays. */
  invalidate(year?: number): void;
}

interface YearTable {
  /** Ordinal of 1 January. */
  start: number;
  /** Working days in the year. */
  total: number;
  /** prefix[i] = working days among the first i days of the year. */
  prefix: Uint16Array;
  /** Day-of-year index of the k-th working day (0-based k). */
  working: Uint16Array;
  /** `YYYY-MM-DD` of each day of the year, so answers need no formatting. */
  days: string[];
}

const YEAR_COUNT = LAST_CALENDAR_YEAR - FIRST_CALENDAR_YEAR + 1;
/** YEAR_STARTS[i] = ordinal of 1 January of FIRST_CALENDAR_YEAR + i; one extra for the end. */
const YEAR_STARTS = Int32Array.from({ length: YEAR_COUNT + 1 }, (_, i) => ordinalOf(FIRST_CALENDAR_YEAR + i, 1, 1));
const FIRST_ORDINAL = YEAR_STARTS[0]!;
const END_ORDINAL = YEAR_STARTS[YEAR_COUNT]!;

/**
 * @example
 * const calendar = createWorkingCalendar({ holidaysForYear: computeDefaultHolidays });
 * calendar.addWorkingDays('2026-03-10', 15); // '2026-04-06' (Eid al-Fitr 1447 and its compensation skipped)
 */
export function createWorkingCalendar({ weekend = SAUDI_WEEKEND, holidaysForYear }: WorkingCalendarOptions): WorkingCalendar {
  const isWeekend = weekendMask(weekend);
  const tables: (YearTable | undefined)[] = new Array(YEAR_COUNT).fill(undefined);

  function table(index: number): YearTable {
    return tables[index] ?? buildTable(index);
  }

  function buildTable(index: number): YearTable {
    const year = FIRST_CALENDAR_YEAR + index;
    const start = YEAR_STARTS[index]!;
    const length = YEAR_STARTS[index + 1]! - start;
    const isOff = new Uint8Array(length);
    for (const holiday of holidaysForYear(year)) {
      const at = parseDayOrdinal(holiday.date) - start;
      if (at >= 0 && at < length) isOff[at] = 1; // another year's day belongs to that year's table
    }
    const prefix = new Uint16Array(length + 1);
    const working: number[] = [];
    for (let i = 0; i < length; i++) {
      const isWorking = !isOff[i] && !isWeekend[weekdayOf(start + i)];
      if (isWorking) working.push(i);
      prefix[i + 1] = prefix[i]! + (isWorking ? 1 : 0);
    }
    const days = Array.from({ length }, (_, i) => dayOfOrdinal(start + i));
    const built: YearTable = { start, total: working.length, prefix, working: Uint16Array.from(working), days };
    tables[index] = built;
    return built;
  }

  /** Working days in (a, b], for ordinals a ≤ b. */
  function countAfter(a: number, b: number): number {
    const ia = yearIndex(a);
    const ib = yearIndex(b);
    const ta = table(ia);
    const before = ta.prefix[a - ta.start + 1]!;
    if (ia === ib) return ta.prefix[b - ta.start + 1]! - before;
    let count = ta.total - before;
    for (let i = ia + 1; i < ib; i++) count += table(i).total;
    const tb = table(ib);
    return count + tb.prefix[b - tb.start + 1]!;
  }

  /** Ordinal of the n-th working day after ordinal a, n ≥ 1. */
  function nthAfter(a: number, n: number): number {
    let index = yearIndex(a);
    let t = table(index);
    let rank = t.prefix[a - t.start + 1]! + n; // rank of the target among the year's working days
    while (rank > t.total) {
      rank -= t.total;
      index++;
      if (index >= YEAR_COUNT)
        throw new RangeError(`The calendar covers the years ${FIRST_CALENDAR_YEAR}–${LAST_CALENDAR_YEAR}; the result falls after them`);
      t = table(index);
    }
    return t.start + t.working[rank - 1]!;
  }

  function dayString(ordinal: number): string {
    const t = table(yearIndex(ordinal));
    return t.days[ordinal - t.start]!;
  }

  /** (a, b] minus paused working days, a ≤ b; pauses sorted and merged. */
  function countAfterPaused(a: number, b: number, pauses: readonly Span[]): number {
    let count = countAfter(a, b);
    for (const [lo, hi] of pauses) {
      const from = Math.max(lo - 1, a);
      const to = Math.min(hi, b);
      if (to > from) count -= countAfter(from, to);
    }
    return count;
  }

  /** Walks pause by pause: the working days in each unpaused gap are counted from the table. */
  function nthAfterPaused(a: number, n: number, pauses: readonly Span[]): number {
    let cursor = a;
    let left = n;
    for (const [lo, hi] of pauses) {
      if (hi <= cursor) continue;
      if (lo - 1 > cursor) {
        const inGap = countAfter(cursor, lo - 1);
        if (inGap >= left) return nthAfter(cursor, left);
        left -= inGap;
      }
      cursor = hi;
    }
    return nthAfter(cursor, left);
  }

  function between(from: string, to: string, pauses?: readonly Pause[]): number {
    const a = parseDayOrdinal(from);
    const b = parseDayOrdinal(to);
    if (a === b) {
      yearIndex(a); // still reject years outside the calendar
      return 0;
    }
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    const count = pauses?.length ? countAfterPaused(lo, hi, normalisePauses(pauses)) : countAfter(lo, hi);
    return a < b ? count : 0 - count; // 0 - 0 is +0, where -0 would surprise a strict comparison
  }

  return {
    isWorkingDay(day) {
      const ordinal = parseDayOrdinal(day);
      const t = table(yearIndex(ordinal));
      const at = ordinal - t.start;
      return t.prefix[at + 1] !== t.prefix[at];
    },
    addWorkingDays(from, n, pauses) {
      if (!Number.isInteger(n) || n < 0) throw new RangeError(`Working days must be a whole number ≥ 0, not ${n}`);
      const a = parseDayOrdinal(from);
      if (n === 0) return dayString(a);
      return dayString(pauses?.length ? nthAfterPaused(a, n, normalisePauses(pauses)) : nthAfter(a, n));
    },
    workingDaysBetween: between,
    workingDaysLeft: between,
    invalidate(year) {
      if (year === undefined) tables.fill(undefined);
      else if (year >= FIRST_CALENDAR_YEAR && year <= LAST_CALENDAR_YEAR) tables[year - FIRST_CALENDAR_YEAR] = undefined;
    },
  };
}

/**
 * 23:59:59.999 in Riyadh (UTC+3 all year, no daylight saving) of a day, as a UTC ISO instant: the
 * moment a deadline on that day passes (C6: "23:59:59 Asia/Riyadh on the 15th working day").
 * @example deadlineEndInstant('2026-04-06') // '2026-04-06T20:59:59.999Z'
 */
export function deadlineEndInstant(day: string): string {
  const start = parseCalendarDay(day);
  if (!start) throw new RangeError(`Not a calendar day (YYYY-MM-DD): ${day}`);
  return new Date(start.getTime() + 21 * 3_600_000 - 1).toISOString();
}

type Span = readonly [number, number];

/** Ordinal spans sorted and merged, so no paused day is subtracted twice. */
function normalisePauses(pauses: readonly Pause[]): Span[] {
  const spans = pauses
    .map(({ from, to }): Span => {
      const lo = parseDayOrdinal(from);
      const hi = parseDayOrdinal(to);
      if (hi < lo) throw new RangeError(`A pause ends (${to}) before it starts (${from})`);
      return [lo, hi];
    })
    .sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const [lo, hi] of spans) {
    const last = merged[merged.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else merged.push([lo, hi]);
  }
  return merged;
}

/** Index into the year tables; RangeError outside 2020–2100 (the API answers 400). */
function yearIndex(ordinal: number): number {
  if (ordinal < FIRST_ORDINAL || ordinal >= END_ORDINAL) {
    throw new RangeError(
      `The calendar covers the years ${FIRST_CALENDAR_YEAR}–${LAST_CALENDAR_YEAR}; ${dayOfOrdinal(ordinal)} is outside them`,
    );
  }
  let index = Math.floor((ordinal - FIRST_ORDINAL) / 365.2425);
  while (ordinal < YEAR_STARTS[index]!) index--;
  while (ordinal >= YEAR_STARTS[index + 1]!) index++;
  return index;
}

function weekendMask(weekend: readonly number[]): boolean[] {
  const mask = new Array<boolean>(7).fill(false);
  for (const day of weekend) {
    if (!Number.isInteger(day) || day < 0 || day > 6) throw new RangeError(`Weekend days are 0 (Sunday) to 6 (Saturday), not ${day}`);
    mask[day] = true;
  }
  return mask;
}
