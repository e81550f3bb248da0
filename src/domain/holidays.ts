/**
 * Sila's default holiday table (SAUDI-LOCALE.md, "Sila's default rule"): both Eids from the
 * Umm al-Qura calendar with their weekend compensation, Founding Day and National Day. Moon sighting
 * and royal decrees move days, so this is only the default an administrator edits (holidays-edits.ts).
 */
import { assertCalendarYear, dayOfOrdinal, ordinalOf, ordinalOfHijri, SAUDI_WEEKEND, weekdayOf } from './calendar-days.js';
import { toHijri } from './dates.js';

export type HolidayKind = 'eid-al-fitr' | 'eid-al-adha' | 'compensation' | 'founding-day' | 'national-day' | 'custom';

export interface Holiday {
  /** `YYYY-MM-DD` */
  date: string;
  kind: HolidayKind;
  nameAr: string;
  nameEn: string;
  /** Set when an administrator's edit added or moved this day. */
  isEdited?: boolean;
}

/** Each Eid is a block of this many consecutive days off. */
export const EID_BLOCK_DAYS = 4;

/** Founding Day is a holiday from its first observance, 22 February 2022. */
export const FIRST_FOUNDING_DAY_YEAR = 2022;

const RAMADAN = 9;
const DHU_AL_HIJJAH = 12;

type EidKind = 'eid-al-fitr' | 'eid-al-adha';
type Names = Pick<Holiday, 'nameAr' | 'nameEn'>;

const EID_NAMES: Record<EidKind, Names> = {
  'eid-al-fitr': { nameAr: 'عيد الفطر', nameEn: 'Eid al-Fitr' },
  'eid-al-adha': { nameAr: 'عيد الأضحى', nameEn: 'Eid al-Adha' },
};
const ARAFAH: Names = { nameAr: 'يوم عرفة', nameEn: 'Day of Arafah' };
const COMPENSATION_NAMES: Record<EidKind, Names> = {
  'eid-al-fitr': { nameAr: 'تعويض عن عطلة عيد الفطر', nameEn: 'Compensation for the Eid al-Fitr holiday' },
  'eid-al-adha': { nameAr: 'تعويض عن عطلة عيد الأضحى', nameEn: 'Compensation for the Eid al-Adha holiday' },
};
const FOUNDING_DAY: Names = { nameAr: 'يوم التأسيس', nameEn: 'Founding Day' };
const NATIONAL_DAY: Names = { nameAr: 'اليوم الوطني', nameEn: 'National Day' };

interface EidBlock {
  kind: EidKind;
  start: number;
}

/**
 * Every default day off in a Gregorian year (2020–2100), sorted by date.
 * @example computeDefaultHolidays(2026).filter((h) => h.date.startsWith('2026-03'))
 *   // 19–22 March Eid al-Fitr, 23–24 March compensation (two Eid days fell on Friday and Saturday)
 */
export function computeDefaultHolidays(year: number): Holiday[] {
  assertCalendarYear(year);
  return daysOffAround(year).filter((holiday) => holiday.date.startsWith(`${year}-`));
}

/**
 * Days off from December of the year before to the year after. A Hijri year is 11 days shorter, so
 * an Eid block (or its compensation) can straddle 31 December: computing the neighbours too and then
 * cutting by date keeps each Gregorian year's table exactly the days off inside it.
 */
function daysOffAround(year: number): Holiday[] {
  const off = new Map<number, Holiday>();
  const blocks = eidBlocksAround(year);
  const eidDays = new Set<number>();

  for (const block of blocks) {
    for (let i = 0; i < EID_BLOCK_DAYS; i++) {
      const ordinal = block.start + i;
      eidDays.add(ordinal);
      const isArafah = block.kind === 'eid-al-adha' && i === 0;
      off.set(ordinal, { date: dayOfOrdinal(ordinal), kind: block.kind, ...(isArafah ? ARAFAH : EID_NAMES[block.kind]) });
    }
  }

  // Fixed days come before compensation, because compensation skips every other holiday.
  for (let y = year - 1; y <= year + 1; y++) {
    if (y >= FIRST_FOUNDING_DAY_YEAR) addFixedDay(off, eidDays, ordinalOf(y, 2, 22), 'founding-day', FOUNDING_DAY);
    addFixedDay(off, eidDays, ordinalOf(y, 9, 23), 'national-day', NATIONAL_DAY);
  }

  for (const block of blocks) {
    let owed = 0;
    for (let i = 0; i < EID_BLOCK_DAYS; i++) if (isSaudiWeekend(block.start + i)) owed++;
    // "The next working days right after the block": weekends and other days off are skipped.
    for (let ordinal = block.start + EID_BLOCK_DAYS; owed > 0; ordinal++) {
      if (isSaudiWeekend(ordinal) || off.has(ordinal)) continue;
      off.set(ordinal, { date: dayOfOrdinal(ordinal), kind: 'compensation', ...COMPENSATION_NAMES[block.kind] });
      owed--;
    }
  }

  return [...off.entries()].sort(([a], [b]) => a - b).map(([, holiday]) => holiday);
}

/** Fitr starts the day after 29 Ramadan (30 Ramadan or 1 Shawwal); Adha on 9 Dhu al-Hijjah (Arafah). */
function eidBlocksAround(year: number): EidBlock[] {
  const firstHijriYear = toHijri(`${year - 1}-12-01`).year;
  const lastHijriYear = toHijri(`${year + 1}-01-31`).year;
  const blocks: EidBlock[] = [];
  for (let hijriYear = firstHijriYear; hijriYear <= lastHijriYear; hijriYear++) {
    blocks.push({ kind: 'eid-al-fitr', start: ordinalOfHijri(hijriYear, RAMADAN, 29) + 1 });
    blocks.push({ kind: 'eid-al-adha', start: ordinalOfHijri(hijriYear, DHU_AL_HIJJAH, 9) });
  }
  return blocks;
}

/** Friday → the Thursday before, Saturday → the Sunday after; nothing when an Eid already covers it. */
function addFixedDay(off: Map<number, Holiday>, eidDays: Set<number>, ordinal: number, kind: HolidayKind, names: Names): void {
  const weekday = weekdayOf(ordinal);
  const observed = weekday === 5 ? ordinal - 1 : weekday === 6 ? ordinal + 1 : ordinal;
  if (eidDays.has(ordinal) || eidDays.has(observed)) return;
  off.set(observed, { date: dayOfOrdinal(observed), kind, ...names });
}

/** The holiday rule itself is written for the Friday–Saturday weekend, whatever the calendar setting. */
function isSaudiWeekend(ordinal: number): boolean {
  return SAUDI_WEEKEND.includes(weekdayOf(ordinal));
}
