import { useMemo } from 'react';
import { formatDualDate, parseCalendarDay } from '../../domain/dates.js';
import { useFormat } from '../ui/format.js';
import { useLanguage } from '../ui/language.js';

/**
 * Calendar days (`YYYY-MM-DD`) as the holiday page shows them: Gregorian and Umm al-Qura, the
 * weekday, and the Hijri year(s) a Gregorian year spans. Always named calendars, never `ar-SA` alone.
 */
export function useDayFormat() {
  const { language } = useLanguage();
  const { digits } = useFormat();
  return useMemo(() => {
    const locale = language === 'ar' ? 'ar-SA' : 'en-GB';
    const weekdays = new Intl.DateTimeFormat(`${locale}-u-ca-gregory-nu-${digits}`, { weekday: 'long', timeZone: 'UTC' });
    const months = new Intl.DateTimeFormat(`${locale}-u-ca-gregory-nu-${digits}`, { month: 'long', timeZone: 'UTC' });
    const shortDays = new Intl.DateTimeFormat(`${locale}-u-ca-gregory-nu-${digits}`, { weekday: 'narrow', timeZone: 'UTC' });
    const dayNumber = new Intl.NumberFormat(`${language}-u-nu-${digits}`);
    const yearNumber = new Intl.NumberFormat(`${language}-u-nu-${digits}`, { useGrouping: false });
    const hijriYear = new Intl.DateTimeFormat(`${locale}-u-ca-islamic-umalqura-nu-${digits}`, { year: 'numeric', timeZone: 'UTC' });
    const at = (day: string) => parseCalendarDay(day) as Date;
    return {
      dual: (day: string) => formatDualDate(day, { language, digits }),
      weekday: (day: string) => weekdays.format(at(day)),
      month: (month: number) => months.format(new Date(Date.UTC(2026, month, 1))),
      /** Narrow weekday names, Sunday first (the Saudi week). */
      weekdayInitials: Array.from({ length: 7 }, (_, i) => shortDays.format(new Date(Date.UTC(2026, 1, 1 + i)))),
      number: (value: number) => dayNumber.format(value),
      year: (value: number) => yearNumber.format(value),
      /** "1447–1448 هـ": the Hijri years a Gregorian year overlaps. */
      hijriYears: (year: number) => {
        const first = hijriYear.format(at(`${year}-01-01`));
        const last = hijriYear.format(at(`${year}-12-31`));
        return first === last ? first : `${first.replace(/\s*(هـ|AH)\s*$/u, '')} – ${last}`;
      },
      isValidDay: (day: string) => parseCalendarDay(day) !== null,
    };
  }, [language, digits]);
}
