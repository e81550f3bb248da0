import { describe, expect, it } from 'vitest';
import { normalizeNumberText, numberText, readNumber } from '../../src/web/ui/numbers.js';
import { halalasFrom } from '../../src/web/ui/riyals.js';

/**
 * Issue 27 §5: every number field reads Latin, Arabic-Indic (٠-٩) and Persian (۰-۹) digits — one test
 * per kind of field the staff app has (a count, days, an amount in riyals with halalas, a decimal answer).
 */
describe('number fields read every digit form (issue 27 §5)', () => {
  it('an integer (quorum, sort order, a limit) in Latin, Arabic-Indic and Persian digits', () => {
    expect(readNumber('12', 'integer')).toEqual({ state: 'read', value: 12 });
    expect(readNumber('١٢', 'integer')).toEqual({ state: 'read', value: 12 });
    expect(readNumber('۱۲', 'integer')).toEqual({ state: 'read', value: 12 });
    expect(readNumber(' ١٬٢٠٠ ', 'integer')).toEqual({ state: 'read', value: 1200 });
    expect(readNumber('1.5', 'integer')).toEqual({ state: 'unreadable' });
    expect(readNumber('-3', 'integer')).toEqual({ state: 'unreadable' });
    expect(readNumber('١٢ب', 'integer')).toEqual({ state: 'unreadable' });
    expect(readNumber('', 'integer')).toEqual({ state: 'empty' });
    expect(readNumber('\u200f ', 'integer')).toEqual({ state: 'empty' });
  });

  it('days (a request type’s working days, a deadline calculation): whole days only', () => {
    expect(readNumber('١٥', 'days')).toEqual({ state: 'read', value: 15 });
    expect(readNumber('۱۵', 'days')).toEqual({ state: 'read', value: 15 });
    expect(readNumber('\u200f١٥\u200e', 'days')).toEqual({ state: 'read', value: 15 });
    expect(readNumber('١٥٫٥', 'days')).toEqual({ state: 'unreadable' });
    expect(readNumber('خمسة', 'days')).toEqual({ state: 'unreadable' });
  });

  it('an amount in riyals with halalas is kept as integer halalas', () => {
    expect(readNumber('٥٠٠٠', 'riyals')).toEqual({ state: 'read', value: 500_000 });
    expect(readNumber('۵۰۰۰', 'riyals')).toEqual({ state: 'read', value: 500_000 });
    expect(readNumber('٥٬٠٠٠٫٥', 'riyals')).toEqual({ state: 'read', value: 500_050 });
    expect(readNumber('1,500.25', 'riyals')).toEqual({ state: 'read', value: 150_025 });
    expect(readNumber('١٥٠٠٫٢٥', 'riyals')).toEqual({ state: 'read', value: 150_025 });
    expect(readNumber('10.005', 'riyals')).toEqual({ state: 'unreadable' });
    expect(halalasFrom('۲۵۰۰')).toBe(250_000);
    expect(halalasFrom('٠')).toBeNull();
    expect(numberText(500_050, 'riyals')).toBe('5000.50');
    expect(numberText(500_000, 'riyals')).toBe('5000');
  });

  it('a decimal answer (a request form’s number field)', () => {
    expect(readNumber('٣٫٧٥', 'decimal')).toEqual({ state: 'read', value: 3.75 });
    expect(readNumber('۳.۷۵', 'decimal')).toEqual({ state: 'read', value: 3.75 });
    expect(readNumber('٥٠٠٠', 'decimal')).toEqual({ state: 'read', value: 5000 });
    expect(readNumber('3..5', 'decimal')).toEqual({ state: 'unreadable' });
    expect(normalizeNumberText('٥ ٠٠٠')).toBe('5000');
  });
});
