import { describe, expect, it } from 'vitest';
import { toHijri, toHijriString } from '../../src/domain/dates.js';
import { computeDefaultHolidays, type Holiday } from '../../src/domain/holidays.js';

// Independent of the code under test: Eid days are found by scanning Gregorian days through Intl's
// Umm al-Qura calendar (SAUDI-LOCALE.md), not from a hard-coded list or the module's own search.
const DAY_MS = 86_400_000;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();
const isWeekend = (day: string) => weekday(day) === 5 || weekday(day) === 6;

interface Block {
  kind: 'eid-al-fitr' | 'eid-al-adha';
  hijriYear: number;
  days: string[];
}

/** Eid blocks by the default rule, from a day-by-day Intl scan of [from, to]. */
function scanEidBlocks(from: string, to: string): Block[] {
  const blocks: Block[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const { year, month, day: date } = toHijri(day);
    const start = month === 9 && date === 29 ? addDays(day, 1) : month === 12 && date === 9 ? day : null;
    if (!start) continue;
    const kind = month === 9 ? 'eid-al-fitr' : 'eid-al-adha';
    blocks.push({ kind, hijriYear: year, days: [0, 1, 2, 3].map((i) => addDays(start, i)) });
  }
  return blocks;
}

const tables = new Map<number, Holiday[]>();
function table(year: number): Holiday[] {
  if (!tables.has(year)) tables.set(year, computeDefaultHolidays(year));
  return tables.get(year)!;
}
function holidayOn(day: string): Holiday | undefined {
  return table(Number(day.slice(0, 4))).find((holiday) => holiday.date === day);
}
const kindsIn = (year: number, kind: Holiday['kind']) => table(year).filter((h) => h.kind === kind);

describe('default holidays: anchors from official announcements', () => {
  it('Eid al-Fitr 1447: 19–22 March 2026 with 23 and 24 March as compensation (SAUDI-LOCALE.md)', () => {
    expect(toHijriString('2026-03-20')).toBe('1447-10-01');
    const march = table(2026).filter((h) => h.date.startsWith('2026-03'));
    expect(march.map((h) => [h.date, h.kind])).toEqual([
      ['2026-03-19', 'eid-al-fitr'],
      ['2026-03-20', 'eid-al-fitr'],
      ['2026-03-21', 'eid-al-fitr'],
      ['2026-03-22', 'eid-al-fitr'],
      ['2026-03-23', 'compensation'],
      ['2026-03-24', 'compensation'],
    ]);
    expect(march[4]).toMatchObject({ nameAr: 'تعويض عن عطلة عيد الفطر', nameEn: 'Compensation for the Eid al-Fitr holiday' });
  });

  it.each([
    // [first day of Eid as announced, Umm al-Qura date, Eid block of the default rule]
    ['2024-04-10', '1445-10-01', 'eid-al-fitr', '2024-04-09'],
    ['2024-06-16', '1445-12-10', 'eid-al-adha', '2024-06-15'],
    ['2025-03-30', '1446-10-01', 'eid-al-fitr', '2025-03-30'], // Ramadan 1446 had 29 days
    ['2025-06-06', '1446-12-10', 'eid-al-adha', '2025-06-05'],
    ['2026-03-20', '1447-10-01', 'eid-al-fitr', '2026-03-19'], // Ramadan 1447 has 30 days
    ['2026-05-27', '1447-12-10', 'eid-al-adha', '2026-05-26'],
  ] as const)('Eid on %s (%s) → block from %s', (eidDay, hijri, kind, blockStart) => {
    expect(toHijriString(eidDay)).toBe(hijri);
    for (let i = 0; i < 4; i++) expect(holidayOn(addDays(blockStart, i))?.kind).toBe(kind);
    expect(holidayOn(addDays(blockStart, -1))?.kind).not.toBe(kind);
  });

  it('names the Day of Arafah and the Eid days in both languages', () => {
    expect(holidayOn('2026-05-26')).toEqual({ date: '2026-05-26', kind: 'eid-al-adha', nameAr: 'يوم عرفة', nameEn: 'Day of Arafah' });
    expect(holidayOn('2026-05-27')).toMatchObject({ nameAr: 'عيد الأضحى', nameEn: 'Eid al-Adha' });
    expect(holidayOn('2026-03-20')).toMatchObject({ nameAr: 'عيد الفطر', nameEn: 'Eid al-Fitr' });
    expect(holidayOn('2026-09-23')).toMatchObject({ nameAr: 'اليوم الوطني', nameEn: 'National Day' });
    expect(holidayOn('2026-02-22')).toMatchObject({ nameAr: 'يوم التأسيس', nameEn: 'Founding Day' });
    // 29 May 2026 (Friday) is an Eid al-Adha day on the weekend: one day owed, Sunday 31 May.
    expect(holidayOn('2026-05-31')).toMatchObject({ kind: 'compensation', nameEn: 'Compensation for the Eid al-Adha holiday' });
  });
});

describe('default holidays: Eid blocks of 1441–1450 against Intl', () => {
  const blocks = scanEidBlocks('2019-12-01', '2029-12-31').filter((b) => b.hijriYear >= 1441 && b.hijriYear <= 1450);

  it('finds both Eids of each of the ten years', () => {
    expect(blocks).toHaveLength(20);
  });

  it.each(blocks.map((b) => [b.kind, b.hijriYear, b.days[0]!, b] as const))('%s %i from %s', (kind, _year, _start, block) => {
    for (const day of block.days) expect(holidayOn(day)?.kind).toBe(kind);
    const hijri = block.days.map((day) => toHijri(day));
    if (kind === 'eid-al-adha') expect(hijri.map((h) => `${h.month}/${h.day}`)).toEqual(['12/9', '12/10', '12/11', '12/12']);
    else expect(hijri[1]).toMatchObject({ month: 10 }); // starts on 30 Ramadan or 1 Shawwal
    expectCompensationAfter(block);
  });
});

/** Each Eid day on Friday/Saturday owes one day off: the next working days right after the block. */
function expectCompensationAfter(block: Block): void {
  let owed = block.days.filter(isWeekend).length;
  let day = block.days[3]!;
  while (owed > 0) {
    day = addDays(day, 1);
    const holiday = holidayOn(day);
    if (isWeekend(day)) {
      expect(holiday?.kind).not.toBe('compensation');
      continue;
    }
    if (holiday && holiday.kind !== 'compensation') continue; // another holiday is skipped, not used
    expect(holiday, `compensation on ${day}`).toMatchObject({ kind: 'compensation' });
    owed--;
  }
  // …and no more than owed: the next working day is a working day again (or another holiday).
  const next = holidayOn(nextWeekday(day));
  expect(next?.kind === 'compensation' && next.nameEn.includes(block.kind === 'eid-al-fitr' ? 'Fitr' : 'Adha')).toBe(false);
}
function nextWeekday(day: string): string {
  let next = addDays(day, 1);
  while (isWeekend(next)) next = addDays(next, 1);
  return next;
}

describe('default holidays: Founding Day and National Day', () => {
  it.each([
    // year, Founding Day observed (null before 2022), National Day observed — Friday → Thursday, Saturday → Sunday
    [2020, null, '2020-09-23'],
    [2021, null, '2021-09-23'],
    [2022, '2022-02-22', '2022-09-22'], // 23 Sep 2022 was a Friday
    [2023, '2023-02-22', '2023-09-24'], // 23 Sep 2023 was a Saturday
    [2024, '2024-02-22', '2024-09-23'],
    [2025, '2025-02-23', '2025-09-23'], // 22 Feb 2025 was a Saturday
    [2026, '2026-02-22', '2026-09-23'],
    [2027, '2027-02-22', '2027-09-23'],
    [2028, '2028-02-22', '2028-09-24'],
    [2029, '2029-02-22', '2029-09-23'],
    [2030, '2030-02-21', '2030-09-23'], // 22 Feb 2030 is a Friday
    [2033, '2033-02-22', '2033-09-22'],
  ])('%i: Founding Day %s, National Day %s', (year, founding, national) => {
    expect(kindsIn(year, 'founding-day').map((h) => h.date)).toEqual(founding ? [founding] : []);
    expect(kindsIn(year, 'national-day').map((h) => h.date)).toEqual([national]);
    for (const day of [founding, national]) if (day) expect(isWeekend(day)).toBe(false);
  });

  it.each([
    // year, the fixed day, the Eid that already covers it (checked against Intl below)
    [2061, '2061-02-22', 'eid-al-fitr'],
    [2074, '2074-09-23', 'eid-al-fitr'],
    [2080, '2080-09-23', 'eid-al-adha'],
    [2100, '2100-02-22', 'eid-al-adha'],
  ] as const)('%i: %s falls inside %s and adds nothing', (year, day, kind) => {
    const covering = scanEidBlocks(addDays(day, -5), day).find((block) => block.days.includes(day));
    expect(covering?.kind).toBe(kind);
    expect(holidayOn(day)?.kind).toBe(kind);
    const fixedKind = day.slice(5) === '02-22' ? 'founding-day' : 'national-day';
    expect(kindsIn(year, fixedKind)).toEqual([]);
  });

  it('compensation skips a National Day right after the block (Eid al-Adha 1470, 2048)', () => {
    const september = table(2048).filter((h) => h.date >= '2048-09-18' && h.date <= '2048-09-24');
    expect(september.map((h) => [h.date, h.kind])).toEqual([
      ['2048-09-18', 'eid-al-adha'], // Friday
      ['2048-09-19', 'eid-al-adha'], // Saturday
      ['2048-09-20', 'eid-al-adha'],
      ['2048-09-21', 'eid-al-adha'],
      ['2048-09-22', 'compensation'],
      ['2048-09-23', 'national-day'],
      ['2048-09-24', 'compensation'],
    ]);
  });
});

describe('default holidays: year boundaries', () => {
  it('splits Eid al-Adha 1494 across 31 December 2071, its compensation in the 2072 table', () => {
    expect(toHijriString('2071-12-31')).toBe('1494-12-09');
    const endOf2071 = table(2071).filter((h) => h.date >= '2071-12-01');
    expect(endOf2071.map((h) => [h.date, h.kind])).toEqual([['2071-12-31', 'eid-al-adha']]);
    const startOf2072 = table(2072).filter((h) => h.date <= '2072-01-31');
    expect(startOf2072.map((h) => [h.date, h.kind])).toEqual([
      ['2072-01-01', 'eid-al-adha'],
      ['2072-01-02', 'eid-al-adha'],
      ['2072-01-03', 'eid-al-adha'],
      ['2072-01-04', 'compensation'],
      ['2072-01-05', 'compensation'],
    ]);
  });

  it('lists two Eid al-Fitr blocks in 2033 (1454 in January, 1455 in December)', () => {
    const fitr = kindsIn(2033, 'eid-al-fitr').map((h) => h.date);
    expect(fitr).toEqual(['2033-01-02', '2033-01-03', '2033-01-04', '2033-01-05', '2033-12-22', '2033-12-23', '2033-12-24', '2033-12-25']);
    expect(toHijriString('2033-01-01')).toBe('1454-09-29');
  });

  it('rejects years outside 2020–2100', () => {
    for (const year of [2019, 2101, 2026.5]) expect(() => computeDefaultHolidays(year)).toThrow(RangeError);
    expect(() => computeDefaultHolidays(2019)).toThrow(/2020–2100/);
  });
});

describe('default holidays: every year 2020–2100', () => {
  const years = Array.from({ length: 81 }, (_, i) => 2020 + i);
  const all = years.flatMap((year) => table(year));
  const byDate = new Map(all.map((h) => [h.date, h]));

  it('each table is sorted, one entry a day, all inside its year, named in Arabic and English', () => {
    for (const year of years) {
      const dates = table(year).map((h) => h.date);
      expect(dates.every((d) => d.startsWith(`${year}-`))).toBe(true);
      expect([...dates].sort()).toEqual(dates);
      expect(new Set(dates).size).toBe(dates.length);
    }
    for (const holiday of all) {
      expect(holiday.nameAr).toMatch(/^[\u0600-\u06FF ]+$/);
      expect(holiday.nameEn).toMatch(/^[A-Za-z -]+$/);
    }
  });

  it('Eid days are exactly the Intl blocks, with their compensation', () => {
    const blocks = scanEidBlocks('2019-12-01', '2100-12-31');
    const eidDays = new Set(blocks.flatMap((b) => b.days).filter((d) => d >= '2020' && d <= '2100-12-31'));
    const listed = all.filter((h) => h.kind === 'eid-al-fitr' || h.kind === 'eid-al-adha').map((h) => h.date);
    expect(new Set(listed)).toEqual(eidDays);
    for (const block of blocks) if (block.days[0]! >= '2020' && block.days[3]! <= '2100-12-20') expectCompensationAfter(block);
    const owed = blocks
      .filter((b) => b.days[0]! >= '2020' && b.days[3]! <= '2100-12-20')
      .reduce((n, b) => n + b.days.filter(isWeekend).length, 0);
    const compensation = all.filter((h) => h.kind === 'compensation' && h.date <= '2100-12-27');
    expect(compensation).toHaveLength(owed);
    expect(compensation.every((h) => !isWeekend(h.date))).toBe(true);
    expect(byDate.size).toBe(all.length);
  });
});
