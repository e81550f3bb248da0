import { describe, expect, it, vi } from 'vitest';
import { createWorkingCalendar, deadlineEndInstant, type Pause } from '../../src/domain/calendar.js';
import { toHijriString } from '../../src/domain/dates.js';
import { computeDefaultHolidays } from '../../src/domain/holidays.js';

const calendar = createWorkingCalendar({ holidaysForYear: computeDefaultHolidays });

describe('the C6 example (SAUDI-LOCALE.md)', () => {
  it('a request complete on 10 March 2026 is due on 6 April 2026 (18 Shawwal 1447), end of day in Riyadh', () => {
    const deadline = calendar.addWorkingDays('2026-03-10', 15);
    expect(deadline).toBe('2026-04-06');
    expect(toHijriString(deadline)).toBe('1447-10-18');
    expect(calendar.workingDaysBetween('2026-03-10', deadline)).toBe(15);
    expect(deadlineEndInstant(deadline)).toBe('2026-04-06T20:59:59.999Z');
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['2026-03-18', true], // Wednesday before Eid al-Fitr 1447
    ['2026-03-19', false], // 30 Ramadan: first day of the block
    ['2026-03-20', false], // Friday, Eid
    ['2026-03-24', false], // compensation
    ['2026-03-25', true],
    ['2026-03-27', false], // Friday
    ['2026-03-28', false], // Saturday
    ['2026-03-29', true], // Sunday
    ['2026-09-23', false], // National Day
    ['2023-09-24', false], // National Day on Saturday → Sunday
    ['2023-09-21', true],
    ['2072-01-05', false], // compensation for Eid al-Adha 1494, which began on 31 Dec 2071
  ])('%s → %s', (day, expected) => {
    expect(calendar.isWorkingDay(day)).toBe(expected);
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['2026-03-10', 0, '2026-03-10'], // day 0 is the start itself
    ['2026-03-20', 0, '2026-03-20'], // even when it is a day off
    ['2026-03-12', 1, '2026-03-15'], // Thursday → Sunday
    ['2026-03-13', 1, '2026-03-15'], // Friday → Sunday
    ['2026-03-18', 1, '2026-03-25'], // over Eid al-Fitr and its two compensation days
    ['2026-05-25', 1, '2026-06-01'], // over Eid al-Adha (26–29 May) and 31 May compensation
    ['2026-09-22', 1, '2026-09-24'], // over National Day
    ['2026-12-31', 1, '2027-01-03'], // over New Year's weekend
    ['2071-12-30', 1, '2072-01-06'], // over an Eid block split by 31 December
    ['2026-03-10', 15, '2026-04-06'],
    ['2026-12-20', 15, '2027-01-10'],
    ['2026-01-01', 365, '2027-06-23'],
  ])('%s + %i → %s', (from, n, expected) => {
    expect(calendar.addWorkingDays(from, n)).toBe(expected);
    expect(calendar.workingDaysBetween(from, expected)).toBe(n);
  });

  it('rejects a negative or fractional number of days', () => {
    for (const n of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => calendar.addWorkingDays('2026-03-10', n)).toThrow(RangeError);
  });
});

describe('workingDaysBetween and working days left', () => {
  it.each([
    ['2026-04-06', '2026-04-06', 0], // on the deadline day
    ['2026-04-02', '2026-04-06', 2], // Thursday: Sunday 5 and Monday 6 remain
    ['2026-04-03', '2026-04-06', 2], // Friday: the same two
    ['2026-04-07', '2026-04-06', -1], // the first working day after the deadline
    ['2026-04-09', '2026-04-06', -3],
    ['2026-03-18', '2026-03-25', 1], // Eid and compensation do not count
    ['2026-12-30', '2027-01-04', 3], // 31 Dec, 3 Jan, 4 Jan
  ])('from %s to %s → %i', (from, to, expected) => {
    expect(calendar.workingDaysBetween(from, to)).toBe(expected);
    expect(calendar.workingDaysBetween(to, from)).toBe(0 - expected);
    expect(calendar.workingDaysLeft(from, to)).toBe(expected);
  });

  it('gives 0 on a day off right after the deadline: overdue is decided by the deadline instant', () => {
    expect(calendar.workingDaysLeft('2026-04-03', '2026-04-02')).toBe(0); // Friday after a Thursday deadline
    expect(new Date('2026-04-03T08:00:00+03:00').toISOString() > deadlineEndInstant('2026-04-02')).toBe(true);
  });
});

describe('pauses', () => {
  const from = '2026-03-10';
  it.each<[string, Pause[], string]>([
    ['none', [], '2026-04-06'],
    ['two working days (11–12 Mar)', [{ from: '2026-03-11', to: '2026-03-12' }], '2026-04-08'],
    ['only a weekend', [{ from: '2026-03-13', to: '2026-03-14' }], '2026-04-06'],
    ['only Eid and compensation', [{ from: '2026-03-19', to: '2026-03-24' }], '2026-04-06'],
    ['from before the start day', [{ from: '2026-03-01', to: '2026-03-11' }], '2026-04-07'],
    ['the whole span of the original deadline', [{ from: '2026-03-11', to: '2026-04-06' }], '2026-04-27'],
    [
      'overlapping pauses count once',
      [
        { from: '2026-03-11', to: '2026-03-15' },
        { from: '2026-03-12', to: '2026-03-16' },
      ],
      '2026-04-12',
    ],
    [
      'unsorted, adjacent pauses',
      [
        { from: '2026-03-16', to: '2026-03-16' },
        { from: '2026-03-15', to: '2026-03-15' },
      ],
      '2026-04-08',
    ],
    ['after the deadline', [{ from: '2026-04-07', to: '2026-04-30' }], '2026-04-06'],
    ['ending on the deadline', [{ from: '2026-04-05', to: '2026-04-06' }], '2026-04-08'],
    ['across a year', [{ from: '2026-03-11', to: '2027-03-10' }], '2027-04-04'],
  ])('%s', (_label, pauses, deadline) => {
    const result = calendar.addWorkingDays(from, 15, pauses);
    expect(result).toBe(deadline);
    expect(calendar.workingDaysBetween(from, result, pauses)).toBe(15);
    expect(calendar.workingDaysBetween(result, from, pauses)).toBe(-15);
  });

  it('day 0 stays the start even when it is paused', () => {
    expect(calendar.addWorkingDays(from, 0, [{ from, to: from }])).toBe(from);
  });

  it('rejects a pause that ends before it starts, or an impossible day', () => {
    expect(() => calendar.addWorkingDays(from, 15, [{ from: '2026-03-12', to: '2026-03-11' }])).toThrow(RangeError);
    expect(() => calendar.workingDaysBetween(from, '2026-04-06', [{ from: '2026-02-30', to: '2026-03-11' }])).toThrow(RangeError);
  });
});

describe('supported years and input checks', () => {
  it.each([
    ['isWorkingDay 2019', () => calendar.isWorkingDay('2019-12-31')],
    ['isWorkingDay 2101', () => calendar.isWorkingDay('2101-01-01')],
    ['addWorkingDays from 2019', () => calendar.addWorkingDays('2019-12-31', 1)],
    ['addWorkingDays 0 from 2101', () => calendar.addWorkingDays('2101-01-02', 0)],
    ['addWorkingDays past 2100', () => calendar.addWorkingDays('2100-12-28', 10)],
    ['workingDaysBetween to 2101', () => calendar.workingDaysBetween('2100-12-28', '2101-01-02')],
    ['workingDaysBetween on one day of 1999', () => calendar.workingDaysBetween('1999-01-01', '1999-01-01')],
  ])('%s → RangeError naming 2020–2100', (_label, call) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(/2020–2100/);
  });

  it.each(['2026-02-29', '2026-13-01', '2026-3-10', '20260310', '2026-03-1x', ''])('rejects %j as a day', (day) => {
    expect(() => calendar.isWorkingDay(day)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays(day, 1)).toThrow(RangeError);
  });

  it('covers the first and last days of the range', () => {
    expect(calendar.addWorkingDays('2020-01-01', 1)).toBe('2020-01-02');
    expect(calendar.isWorkingDay('2100-12-30')).toBe(true); // Thursday
    expect(calendar.isWorkingDay('2100-12-31')).toBe(false); // Friday
  });
});

describe('weekend setting and caching', () => {
  it('follows another weekend (Saturday–Sunday)', () => {
    const western = createWorkingCalendar({ weekend: [6, 0], holidaysForYear: () => [] });
    expect(western.isWorkingDay('2026-03-13')).toBe(true); // Friday
    expect(western.isWorkingDay('2026-03-15')).toBe(false); // Sunday
    expect(western.addWorkingDays('2026-03-13', 1)).toBe('2026-03-16');
  });

  it('rejects weekend days outside 0–6', () => {
    expect(() => createWorkingCalendar({ weekend: [7], holidaysForYear: () => [] })).toThrow(RangeError);
  });

  it('reads each year once, lazily, and again after invalidate', () => {
    const holidaysForYear = vi.fn(computeDefaultHolidays);
    const cached = createWorkingCalendar({ holidaysForYear });
    expect(holidaysForYear).not.toHaveBeenCalled();
    for (let i = 0; i < 1000; i++) cached.addWorkingDays('2026-12-20', 15);
    expect(holidaysForYear.mock.calls.map(([year]) => year)).toEqual([2026, 2027]);
    cached.invalidate(2027);
    cached.addWorkingDays('2026-12-20', 15);
    expect(holidaysForYear).toHaveBeenCalledTimes(3);
    cached.invalidate();
    cached.addWorkingDays('2026-12-20', 15);
    expect(holidaysForYear).toHaveBeenCalledTimes(5);
  });

  it("ignores days another year's table lists", () => {
    const leaky = createWorkingCalendar({
      holidaysForYear: (year) => (year === 2026 ? [{ date: '2027-01-03', kind: 'custom', nameAr: 'عطلة', nameEn: 'Holiday' }] : []),
    });
    expect(leaky.isWorkingDay('2027-01-03')).toBe(true);
  });
});

describe('deadlineEndInstant', () => {
  it.each([
    ['2026-04-06', '2026-04-06T20:59:59.999Z'],
    ['2026-12-31', '2026-12-31T20:59:59.999Z'],
    ['2028-02-29', '2028-02-29T20:59:59.999Z'],
  ])('%s → %s', (day, instant) => {
    expect(deadlineEndInstant(day)).toBe(instant);
    // The instant is still the deadline day in Riyadh, and a millisecond later it is the next day.
    const riyadh = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Riyadh' }).format(new Date(ms));
    expect(riyadh(Date.parse(instant))).toBe(day);
    expect(riyadh(Date.parse(instant) + 1)).not.toBe(day);
  });

  it('rejects an impossible day', () => {
    expect(() => deadlineEndInstant('2026-02-30')).toThrow(RangeError);
  });
});
