import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../src/domain/calendar.js';
import { computeDefaultHolidays } from '../../src/domain/holidays.js';
import { applyHolidayEdits, type HolidayEdit, holidaysWithEdits } from '../../src/domain/holidays-edits.js';

const defaults2026 = computeDefaultHolidays(2026);
const on = (holidays: { date: string }[], day: string) => holidays.find((h) => h.date === day);

describe('applyHolidayEdits', () => {
  it('moves a day, keeping its kind and names, marked edited', () => {
    const edited = applyHolidayEdits(defaults2026, [{ kind: 'move', from: '2026-09-23', to: '2026-09-24' }]);
    expect(on(edited, '2026-09-23')).toBeUndefined();
    expect(on(edited, '2026-09-24')).toEqual({
      date: '2026-09-24',
      kind: 'national-day',
      nameAr: 'اليوم الوطني',
      nameEn: 'National Day',
      isEdited: true,
    });
    expect(edited).toHaveLength(defaults2026.length);
    expect(on(defaults2026, '2026-09-23')).toBeDefined(); // the defaults are not mutated
  });

  it('adds a one-off holiday in date order, and an add on a listed day replaces it', () => {
    const edited = applyHolidayEdits(defaults2026, [
      { kind: 'add', date: '2026-01-15', holidayKind: 'custom', nameAr: 'عطلة استثنائية', nameEn: 'Special holiday' },
      { kind: 'add', date: '2026-03-24', holidayKind: 'custom', nameAr: 'عطلة بأمر ملكي', nameEn: 'Royal decree holiday' },
    ]);
    expect(edited[0]).toMatchObject({ date: '2026-01-15', kind: 'custom', isEdited: true });
    expect(on(edited, '2026-03-24')).toMatchObject({ kind: 'custom', nameEn: 'Royal decree holiday', isEdited: true });
    expect(edited).toHaveLength(defaults2026.length + 1);
    expect(edited.map((h) => h.date)).toEqual(edited.map((h) => h.date).sort());
  });

  it('removes a day; removing or moving a day that is not listed changes nothing', () => {
    const edited = applyHolidayEdits(defaults2026, [{ kind: 'remove', date: '2026-03-24' }]);
    expect(on(edited, '2026-03-24')).toBeUndefined();
    expect(edited).toHaveLength(defaults2026.length - 1);
    const untouched = applyHolidayEdits(defaults2026, [
      { kind: 'remove', date: '2026-01-01' },
      { kind: 'move', from: '2026-01-02', to: '2026-01-03' },
    ]);
    expect(untouched).toEqual(defaults2026);
  });

  it('applies edits in order', () => {
    const add: HolidayEdit = { kind: 'add', date: '2026-07-01', holidayKind: 'custom', nameAr: 'عطلة', nameEn: 'Holiday' };
    const remove: HolidayEdit = { kind: 'remove', date: '2026-07-01' };
    expect(on(applyHolidayEdits(defaults2026, [add, remove]), '2026-07-01')).toBeUndefined();
    expect(on(applyHolidayEdits(defaults2026, [remove, add]), '2026-07-01')).toBeDefined();
  });

  it('rejects impossible dates', () => {
    expect(() => applyHolidayEdits(defaults2026, [{ kind: 'remove', date: '2026-02-30' }])).toThrow(RangeError);
    expect(() => applyHolidayEdits(defaults2026, [{ kind: 'move', from: '2026-09-23', to: '23/09/2026' }])).toThrow(RangeError);
  });
});

describe('holidaysWithEdits', () => {
  it('is the default table when there are no edits', () => {
    expect(holidaysWithEdits(2026, [])).toEqual(defaults2026);
  });

  it('follows a move across 31 December into the next year', () => {
    const edits: HolidayEdit[] = [{ kind: 'move', from: '2071-12-31', to: '2072-01-06' }];
    expect(on(holidaysWithEdits(2071, edits), '2071-12-31')).toBeUndefined();
    expect(on(holidaysWithEdits(2072, edits), '2072-01-06')).toMatchObject({ kind: 'eid-al-adha', isEdited: true });
    expect(holidaysWithEdits(2072, edits).every((h) => h.date.startsWith('2072-'))).toBe(true);
  });
});

describe('edits move deadlines', () => {
  function calendarWith(edits: HolidayEdit[]) {
    return createWorkingCalendar({ holidaysForYear: (year) => holidaysWithEdits(year, edits) });
  }

  it.each([
    ['no edits', [], '2026-04-06'],
    ['compensation day removed', [{ kind: 'remove', date: '2026-03-24' }], '2026-04-05'],
    [
      'a day added before the deadline',
      [{ kind: 'add', date: '2026-03-30', holidayKind: 'custom', nameAr: 'عطلة', nameEn: 'Holiday' }],
      '2026-04-07',
    ],
    ['a day moved from before to after the deadline', [{ kind: 'move', from: '2026-03-23', to: '2026-04-08' }], '2026-04-05'],
    ['a day moved onto the weekend', [{ kind: 'move', from: '2026-03-24', to: '2026-03-28' }], '2026-04-05'],
  ] as const)('C6 15 working days from 10 March 2026, %s → %s', (_label, edits, deadline) => {
    expect(calendarWith([...edits]).addWorkingDays('2026-03-10', 15)).toBe(deadline);
  });

  it('keeps the cached year until it is invalidated', () => {
    const edits: HolidayEdit[] = [];
    const calendar = calendarWith(edits);
    expect(calendar.addWorkingDays('2026-03-10', 15)).toBe('2026-04-06');
    edits.push({ kind: 'remove', date: '2026-03-24' });
    expect(calendar.addWorkingDays('2026-03-10', 15)).toBe('2026-04-06');
    calendar.invalidate(2026);
    expect(calendar.addWorkingDays('2026-03-10', 15)).toBe('2026-04-05');
  });
});
