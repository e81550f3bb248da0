/**
 * Dates shown to people (X2): every date in both Hijri (Umm al-Qura) and Gregorian, in Asia/Riyadh.
 * The calendar is always named: `ar-SA` alone now defaults to Gregorian (SAUDI-LOCALE.md), and
 * `islamic`/`islamic-rgsa` are not the official table. Pure: safe in the browser and the server.
 */
export const RIYADH_TIME_ZONE = 'Asia/Riyadh';

export type Language = 'ar' | 'en';
export type DigitStyle = 'latn' | 'arab';

export interface HijriDate {
  year: number;
  month: number;
  day: number;
}

const hijriPartsFormat = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn', {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
});

const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a calendar day `YYYY-MM-DD`; null when it is not a real date. */
export function parseCalendarDay(day: string): Date | null {
  const match = CALENDAR_DAY.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const value = new Date(Date.UTC(year, month - 1, date));
  if (value.getUTCFullYear() !== year || value.getUTCMonth() !== month - 1 || value.getUTCDate() !== date) return null;
  return value;
}

/** The calendar day in Riyadh of an instant. */
export function riyadhCalendarDay(instant: Date): string {
  // Riyadh has no daylight saving: UTC+3 all year.
  return new Date(instant.getTime() + 3 * 3_600_000).toISOString().slice(0, 10);
}

/** Umm al-Qura date of a Gregorian calendar day. */
export function toHijri(day: string): HijriDate {
  const value = parseCalendarDay(day);
  if (!value) throw new RangeError(`Not a calendar day: ${day}`);
  const parts = hijriPartsFormat.formatToParts(value);
  const pick = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { year: pick('year'), month: pick('month'), day: pick('day') };
}

/** `YYYY-MM-DD` of the Umm al-Qura date, as the API writes Hijri dates. */
export function toHijriString(day: string): string {
  const { year, month, day: d } = toHijri(day);
  return `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function localeTag(language: Language, calendar: 'gregory' | 'islamic-umalqura', digits: DigitStyle): string {
  return `${language === 'ar' ? 'ar-SA' : 'en-GB'}-u-ca-${calendar}-nu-${digits}`;
}

export interface DualDateOptions {
  language: Language;
  digits?: DigitStyle;
  withTime?: boolean;
}

export interface DualDate {
  gregorian: string;
  hijri: string;
}

/**
 * Formats an instant (ISO string or Date) or a calendar day (`YYYY-MM-DD`) in both calendars.
 * Calendar days are formatted as that day, without time-zone shifts.
 */
export function formatDualDate(value: string | Date, { language, digits = 'latn', withTime = false }: DualDateOptions): DualDate {
  const isDay = typeof value === 'string' && CALENDAR_DAY.test(value);
  const instant = isDay ? parseCalendarDay(value as string) : new Date(value);
  if (!instant || Number.isNaN(instant.getTime())) throw new RangeError('Not a date');
  const timeZone = isDay ? 'UTC' : RIYADH_TIME_ZONE;
  const base: Intl.DateTimeFormatOptions = { timeZone, year: 'numeric', month: 'long', day: 'numeric' };
  const timed: Intl.DateTimeFormatOptions = withTime && !isDay ? { ...base, hour: '2-digit', minute: '2-digit' } : base;
  const gregorian = formatter(localeTag(language, 'gregory', digits), timed).format(instant);
  const hijri = formatter(localeTag(language, 'islamic-umalqura', digits), base).format(instant);
  return { gregorian, hijri };
}

/**
 * Intl.DateTimeFormat instances, one per locale and options: making one costs ~0.4 ms and native
 * memory, and an access copy of 10,000 messages formats ~50,000 dates (issue 25, F2; bench/access-copy.ts).
 */
const FORMATTERS = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let found = FORMATTERS.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, options);
    FORMATTERS.set(key, found);
  }
  return found;
}
