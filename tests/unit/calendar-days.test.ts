import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayOfOrdinal, ordinalOfHijri, parseDayOrdinal, weekdayOf } from '../../src/domain/calendar-days.js';
import { parseCalendarDay, toHijri } from '../../src/domain/dates.js';

// The calendar's own day arithmetic (used instead of Date on the hot path) must agree with Date and
// with dates.ts everywhere it is used.
const DAY_MS = 86_400_000;
const ordinal = fc.integer({ min: Date.UTC(1900, 0, 1) / DAY_MS, max: Date.UTC(2200, 11, 31) / DAY_MS });

describe('calendar day arithmetic', () => {
  it('round-trips days and weekdays like Date', () => {
    fc.assert(
      fc.property(ordinal, (o) => {
        const date = new Date(o * DAY_MS);
        const day = date.toISOString().slice(0, 10);
        expect(dayOfOrdinal(o)).toBe(day);
        expect(parseDayOrdinal(day)).toBe(o);
        expect(weekdayOf(o)).toBe(date.getUTCDay());
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts exactly what parseCalendarDay accepts', () => {
    const candidate = fc.oneof(
      fc
        .tuple(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
        .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(candidate, (text) => {
        const expected = parseCalendarDay(text);
        // Years 0000–0099 are left out: Date.UTC maps them to 1900–1999, so dates.ts rejects them.
        if (expected) expect(parseDayOrdinal(text)).toBe(expected.getTime() / DAY_MS);
        else expect(() => parseDayOrdinal(text)).toThrow(RangeError);
      }),
      { numRuns: 2000 },
    );
    for (const bad of ['2026-02-29', '2100-02-29', '2026-00-10', '2026-1-10', '２０２６-01-01'])
      expect(() => parseDayOrdinal(bad)).toThrow(RangeError);
    expect(parseDayOrdinal('2000-02-29')).toBe(Date.UTC(2000, 1, 29) / DAY_MS);
  });

  it('converts Umm al-Qura dates back to Gregorian, inverting toHijri', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2019, 0, 1) / DAY_MS, max: Date.UTC(2101, 11, 31) / DAY_MS }), (o) => {
        const { year, month, day } = toHijri(dayOfOrdinal(o));
        expect(ordinalOfHijri(year, month, day)).toBe(o);
      }),
      { numRuns: 1000 },
    );
    expect(dayOfOrdinal(ordinalOfHijri(1447, 10, 1))).toBe('2026-03-20');
    expect(dayOfOrdinal(ordinalOfHijri(1448, 6, 15))).toBe('2026-11-25'); // SAUDI-LOCALE.md
    expect(() => ordinalOfHijri(1446, 9, 30)).toThrow(RangeError); // Ramadan 1446 had 29 days
  });
});
