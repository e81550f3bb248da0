import { describe, expect, it } from 'vitest';
import { formatDualDate, parseCalendarDay, riyadhCalendarDay, toHijri, toHijriString } from '../../src/domain/dates.js';

describe('Hijri (Umm al-Qura) and Gregorian dates (X2)', () => {
  it('converts known days', () => {
    expect(toHijri('2026-11-25')).toEqual({ year: 1448, month: 6, day: 15 }); // SAUDI-LOCALE.md
    expect(toHijriString('2026-03-20')).toBe('1447-10-01'); // 1 Shawwal 1447
    expect(toHijriString('2026-04-06')).toBe('1447-10-18');
  });

  it('rejects impossible days', () => {
    expect(parseCalendarDay('2026-02-30')).toBeNull();
    expect(parseCalendarDay('2026-13-01')).toBeNull();
    expect(parseCalendarDay('20260101')).toBeNull();
    expect(() => toHijri('2026-02-30')).toThrow(RangeError);
  });

  it('takes the calendar day in Riyadh (UTC+3)', () => {
    expect(riyadhCalendarDay(new Date('2026-11-25T20:59:59Z'))).toBe('2026-11-25');
    expect(riyadhCalendarDay(new Date('2026-11-25T21:00:00Z'))).toBe('2026-11-26');
  });

  it('formats both calendars in Arabic with Latin digits by default', () => {
    const { gregorian, hijri } = formatDualDate('2026-11-25', { language: 'ar' });
    expect(gregorian).toContain('2026');
    expect(gregorian).toContain('نوفمبر');
    expect(hijri).toContain('1448');
    expect(hijri).toContain('جمادى الآخرة');
    expect(hijri).not.toMatch(/[٠-٩]/);
  });

  it('uses Arabic-Indic digits when asked', () => {
    const { hijri } = formatDualDate('2026-11-25', { language: 'ar', digits: 'arab' });
    expect(hijri).toContain('١٤٤٨');
  });

  it('formats in English, naming the Hijri month', () => {
    const { gregorian, hijri } = formatDualDate('2026-11-25', { language: 'en' });
    expect(gregorian).toBe('25 November 2026');
    expect(hijri).toMatch(/Jumada II|Jumada al-Akhirah|Jumādā II/);
    expect(hijri).toContain('1448');
  });

  it('formats an instant in Riyadh time', () => {
    // 22:30 UTC on the 24th is already the 25th in Riyadh.
    const { gregorian } = formatDualDate('2026-11-24T22:30:00Z', { language: 'en' });
    expect(gregorian).toBe('25 November 2026');
  });

  it('keeps one formatter per locale and options without mixing them up (issue 25 F2: 50,000 dates in an access copy)', () => {
    const instant = '2026-11-24T22:30:00Z';
    for (let round = 0; round < 2; round++) {
      expect(formatDualDate(instant, { language: 'en' }).gregorian).toBe('25 November 2026');
      expect(formatDualDate(instant, { language: 'en', withTime: true }).gregorian).toMatch(/^25 November 2026(,| at) 01:30/);
      expect(formatDualDate('2026-11-25', { language: 'en' }).gregorian).toBe('25 November 2026');
      expect(formatDualDate('2026-11-25', { language: 'ar', digits: 'arab' }).hijri).toContain('١٤٤٨');
      expect(formatDualDate('2026-11-25', { language: 'ar' }).hijri).toContain('1448');
    }
  });
});
