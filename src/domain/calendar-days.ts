/**
 * Day arithmetic for the working-day calendar: calendar days as integer ordinals (days since
 * 1970-01-01), so the hot path never builds a `Date`. Pure and browser-safe.
 */
import { toHijri } from './dates.js';

/** The years the calendar and the holiday rules cover (issue 4); outside them → RangeError (API: 400). */
export const FIRST_CALENDAR_YEAR = 2020;
export const LAST_CALENDAR_YEAR = 2100;

/** Friday and Saturday as `getUTCDay()` numbers: the Saudi weekend since 29 June 2013. */
export const SAUDI_WEEKEND: readonly number[] = [5, 6];

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil). */
export function ordinalOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** 0 = Sunday … 6 = Saturday, like `getUTCDay()`; 1970-01-01 was a Thursday. */
export function weekdayOf(ordinal: number): number {
  return (((ordinal + 4) % 7) + 7) % 7;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Ordinal of a `YYYY-MM-DD` day; RangeError when it is not a real date. Hand-rolled rather than
 * `parseCalendarDay` because deadlines are computed millions of times and a `Date` per call costs
 * more than the table lookup itself; tests check both agree.
 */
export function parseDayOrdinal(day: string): number {
  if (typeof day !== 'string' || day.length !== 10 || day.charCodeAt(4) !== 45 || day.charCodeAt(7) !== 45) throw notADay(day);
  const year = digits(day, 0, 4);
  const month = digits(day, 5, 7);
  const date = digits(day, 8, 10);
  if (year < 0 || month < 1 || month > 12 || date < 1) throw notADay(day);
  const length = month === 2 && isLeapYear(year) ? 29 : MONTH_LENGTHS[month - 1]!;
  if (date > length) throw notADay(day);
  return ordinalOf(year, month, date);
}

function digits(text: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i) - 48;
    if (code < 0 || code > 9) return -1;
    value = value * 10 + code;
  }
  return value;
}

function notADay(day: unknown): RangeError {
  return new RangeError(`Not a calendar day (YYYY-MM-DD): ${String(day)}`);
}

/** `YYYY-MM-DD` of an ordinal (Hinnant's civil_from_days). */
export function dayOfOrdinal(ordinal: number): string {
  const z = ordinal + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

export function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/** RangeError unless the year is one the calendar covers. */
export function assertCalendarYear(year: number, what: string = String(year)): void {
  if (!Number.isInteger(year) || year < FIRST_CALENDAR_YEAR || year > LAST_CALENDAR_YEAR) {
    throw new RangeError(`The calendar covers the years ${FIRST_CALENDAR_YEAR}–${LAST_CALENDAR_YEAR}; ${what} is outside them`);
  }
}

/**
 * Gregorian ordinal of an Umm al-Qura date. `Intl` only converts Gregorian → Hijri, so we start from
 * the arithmetic (tabular) Islamic calendar, which is within a couple of days of Umm al-Qura, and
 * step until `toHijri` agrees. RangeError for a day the month does not have (e.g. 30 of a 29-day month).
 */
export function ordinalOfHijri(year: number, month: number, day: number): number {
  const tabular = day - 1 + Math.ceil(29.5 * (month - 1)) + (year - 1) * 354 + Math.floor((3 + 11 * year) / 30);
  let ordinal = tabular - 492_148; // 1 Muharram 1 AH (tabular) = 16 July 622 (Julian)
  for (let step = 0; step < 6; step++) {
    const found = toHijri(dayOfOrdinal(ordinal));
    if (found.year === year && found.month === month) {
      // Inside the month the day difference is exact; a miss means the month is too short.
      const shifted = ordinal + day - found.day;
      const landed = toHijri(dayOfOrdinal(shifted));
      if (landed.year === year && landed.month === month && landed.day === day) return shifted;
      break;
    }
    const months = (year - found.year) * 12 + (month - found.month);
    ordinal += Math.round(months * 29.5) + (day - found.day) || Math.sign(months);
  }
  throw new RangeError(`No such Umm al-Qura day: ${year}-${pad2(month)}-${pad2(day)}`);
}
