import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, type Pause } from '../../src/domain/calendar.js';
import { computeDefaultHolidays } from '../../src/domain/holidays.js';
import { applyHolidayEdits, type HolidayEdit } from '../../src/domain/holidays-edits.js';

// The table-backed calendar against the obvious day-by-day loop over the same holiday list.
const DAY_MS = 86_400_000;
const FIRST = Date.UTC(2020, 0, 1) / DAY_MS;
const LAST_START = Date.UTC(2099, 5, 30) / DAY_MS; // leaves room for a year of working days
const dayOf = (ordinal: number) => new Date(ordinal * DAY_MS).toISOString().slice(0, 10);
const ordinalOf = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;

const daysOff = new Set<string>();
for (let year = 2020; year <= 2100; year++) for (const holiday of computeDefaultHolidays(year)) daysOff.add(holiday.date);
const calendar = createWorkingCalendar({ holidaysForYear: computeDefaultHolidays });

function naiveIsWorking(ordinal: number, off: Set<string> = daysOff, weekend = [5, 6]): boolean {
  return !weekend.includes(new Date(ordinal * DAY_MS).getUTCDay()) && !off.has(dayOf(ordinal));
}
const isPaused = (ordinal: number, pauses: Pause[]) => pauses.some((p) => ordinal >= ordinalOf(p.from) && ordinal <= ordinalOf(p.to));

function naiveAdd(from: string, n: number, pauses: Pause[] = [], isWorking = (o: number) => naiveIsWorking(o)): string {
  let ordinal = ordinalOf(from);
  for (let left = n; left > 0; ) {
    ordinal++;
    if (isWorking(ordinal) && !isPaused(ordinal, pauses)) left--;
  }
  return dayOf(ordinal);
}
function naiveBetween(from: string, to: string, pauses: Pause[] = []): number {
  const [a, b] = [ordinalOf(from), ordinalOf(to)];
  let count = 0;
  for (let o = Math.min(a, b) + 1; o <= Math.max(a, b); o++) if (naiveIsWorking(o) && !isPaused(o, pauses)) count++;
  return a <= b ? count : 0 - count;
}

const day = fc.integer({ min: FIRST, max: LAST_START }).map(dayOf);
/** Start days far enough inside the range that a year either side stays inside it. */
const innerDay = fc.integer({ min: FIRST + 400, max: LAST_START }).map(dayOf);
const workingDays = fc.integer({ min: 0, max: 260 });
const pauses = fc.array(
  fc.tuple(fc.integer({ min: -10, max: 400 }), fc.integer({ min: 0, max: 60 })).map(([offset, length]) => ({ offset, length })),
  { maxLength: 4 },
);
const pausesFrom = (start: string, spans: { offset: number; length: number }[]): Pause[] =>
  spans.map(({ offset, length }) => {
    const from = ordinalOf(start) + offset;
    return { from: dayOf(from), to: dayOf(from + length) };
  });

describe('working-day calendar properties', () => {
  it('addWorkingDays never lands on a day off (n ≥ 1)', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 365 }), (from, n) => {
        const result = calendar.addWorkingDays(from, n);
        expect(daysOff.has(result)).toBe(false);
        expect(calendar.isWorkingDay(result)).toBe(true);
        expect(naiveIsWorking(ordinalOf(result))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('addWorkingDays agrees with a day-by-day count and workingDaysBetween inverts it', () => {
    fc.assert(
      fc.property(day, workingDays, (from, n) => {
        const result = calendar.addWorkingDays(from, n);
        expect(result).toBe(naiveAdd(from, n));
        expect(calendar.workingDaysBetween(from, result)).toBe(n);
      }),
      { numRuns: 500 },
    );
  });

  it('workingDaysBetween agrees with a day-by-day count, in both directions', () => {
    fc.assert(
      fc.property(innerDay, fc.integer({ min: -400, max: 400 }), (from, offset) => {
        const to = dayOf(ordinalOf(from) + offset);
        expect(calendar.workingDaysBetween(from, to)).toBe(naiveBetween(from, to));
        expect(calendar.workingDaysBetween(to, from)).toBe(0 - naiveBetween(from, to));
      }),
      { numRuns: 500 },
    );
  });

  it('isWorkingDay agrees with the holiday list and the weekend', () => {
    fc.assert(
      fc.property(day, (d) => {
        expect(calendar.isWorkingDay(d)).toBe(naiveIsWorking(ordinalOf(d)));
      }),
      { numRuns: 1000 },
    );
  });

  it('with pauses: agrees with the day-by-day count, lands on an unpaused working day, and inverts', () => {
    fc.assert(
      fc.property(innerDay, workingDays, pauses, (from, n, spans) => {
        const paused = pausesFrom(from, spans);
        const result = calendar.addWorkingDays(from, n, paused);
        expect(result).toBe(naiveAdd(from, n, paused));
        if (n > 0) expect(isPaused(ordinalOf(result), paused)).toBe(false);
        expect(calendar.workingDaysBetween(from, result, paused)).toBe(n);
        const other = dayOf(ordinalOf(from) + spans.length * 37 - 50);
        expect(calendar.workingDaysBetween(from, other, paused)).toBe(naiveBetween(from, other, paused));
      }),
      { numRuns: 300 },
    );
  });

  it('with random administrator edits: agrees with the day-by-day count over the edited list', () => {
    const edit = fc.oneof(
      day.map((date): HolidayEdit => ({ kind: 'add', date, holidayKind: 'custom', nameAr: 'عطلة', nameEn: 'Holiday' })),
      fc.constantFrom(...[...daysOff].filter((d) => d < '2031')).map((date): HolidayEdit => ({ kind: 'remove', date })),
      fc
        .tuple(fc.constantFrom(...[...daysOff].filter((d) => d < '2031')), fc.integer({ min: -20, max: 20 }))
        .map(([from, shift]): HolidayEdit => ({ kind: 'move', from, to: dayOf(ordinalOf(from) + shift) })),
    );
    const earlyDay = fc.integer({ min: FIRST, max: ordinalOf('2030-06-30') }).map(dayOf);
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 6 }), earlyDay, workingDays, (edits, from, n) => {
        const edited = (year: number) => applyHolidayEdits(computeDefaultHolidays(year), edits);
        const off = new Set(Array.from({ length: 12 }, (_, i) => edited(2020 + i)).flatMap((list) => list.map((h) => h.date)));
        const result = createWorkingCalendar({ holidaysForYear: edited }).addWorkingDays(from, n);
        expect(result).toBe(naiveAdd(from, n, [], (o) => naiveIsWorking(o, off)));
      }),
      { numRuns: 100 },
    );
  });

  it('follows another weekend setting', () => {
    const sunday = createWorkingCalendar({ weekend: [0], holidaysForYear: computeDefaultHolidays });
    fc.assert(
      fc.property(day, workingDays, (from, n) => {
        expect(sunday.addWorkingDays(from, n)).toBe(naiveAdd(from, n, [], (o) => naiveIsWorking(o, daysOff, [0])));
      }),
      { numRuns: 200 },
    );
  });
});
