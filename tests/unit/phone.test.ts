import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';
import { formatSaudiPhone, parseSaudiPhone } from '../../src/domain/phone.js';

const anyCodePoint = fc.integer({ min: 0, max: 0x10ffff }).map((code) => String.fromCodePoint(code));

describe('Saudi phone numbers', () => {
  it.each([
    ['0551234567', '+966551234567'],
    ['+966551234567', '+966551234567'],
    ['00966551234567', '+966551234567'],
    ['966551234567', '+966551234567'],
    ['551234567', '+966551234567'],
    ['٠٥٥١٢٣٤٥٦٧', '+966551234567'],
    ['۰۵۵۱۲۳۴۵۶۷', '+966551234567'],
    ['+٩٦٦ ٥٥ ١٢٣ ٤٥٦٧', '+966551234567'],
    ['055 123 4567', '+966551234567'],
    ['055-123-4567', '+966551234567'],
    ['(055) 123-4567', '+966551234567'],
    ['+966 (0) 55 123 4567', '+966551234567'],
    ['\u200f0551234567\u200e', '+966551234567'],
    ['0501234567', '+966501234567'],
    ['0511234567', '+966511234567'],
    ['0531234567', '+966531234567'],
    ['0591234567', '+966591234567'],
  ])('reads %j as the mobile %s', (input, e164) => {
    expect(parseSaudiPhone(input)).toEqual({ isValid: true, e164, kind: 'mobile' });
    expect(parseSaudiPhone(input, { mobileOnly: true })).toEqual({ isValid: true, e164, kind: 'mobile' });
  });

  it.each([
    ['013 882 0058', '+966138820058'],
    ['٠١٣ ٨٨٢ ٠٠٥٨', '+966138820058'],
    ['+966 13 882 0058', '+966138820058'],
    ['0112345678', '+966112345678'],
    ['0121234567', '+966121234567'],
    ['0141234567', '+966141234567'],
    ['0161234567', '+966161234567'],
    ['0171234567', '+966171234567'],
  ])('reads %j as the landline %s', (input, e164) => {
    expect(parseSaudiPhone(input)).toEqual({ isValid: true, e164, kind: 'landline' });
  });

  it('refuses a landline where a mobile is required', () => {
    expect(parseSaudiPhone('013 882 0058', { mobileOnly: true })).toEqual({ isValid: false, code: 'phone.not-mobile' });
  });

  it.each([
    ['0521234567', '052 is not a mobile range'],
    ['0151234567', 'no area code 15'],
    ['0181234567', 'no area code 18'],
    ['0800 123 4567', 'toll-free'],
    ['920012345', 'unified number'],
    ['+971501234567', 'United Arab Emirates: Sila is Saudi-only'],
    ['00971501234567', 'United Arab Emirates with 00'],
    ['055123456', 'too short'],
    ['05512345678', 'too long'],
    ['0966551234567', 'national prefix before the country code'],
    ['abc0551234567', 'letters'],
    ['0551234567 ext 12', 'an extension'],
    ['055.123.4567', 'dots'],
    ['55+1234567', 'a plus inside'],
    ['', 'empty'],
    ['   ', 'blank'],
    ['0'.repeat(100), 'absurdly long'],
  ])('refuses %j (%s)', (input) => {
    expect(parseSaudiPhone(input)).toEqual({ isValid: false, code: 'phone.invalid' });
    expect(parseSaudiPhone(input, { mobileOnly: true })).toEqual({ isValid: false, code: 'phone.invalid' });
  });

  it('formats stored numbers for display', () => {
    expect(formatSaudiPhone('+966551234567')).toBe('055 123 4567');
    expect(formatSaudiPhone('+966138820058')).toBe('013 882 0058');
    expect(formatSaudiPhone('+971501234567')).toBe('+971501234567');
  });

  it('reads every number it formats back to the same E.164', () => {
    const national = fc
      .tuple(
        fc.constantFrom('50', '51', '53', '54', '55', '56', '57', '58', '59', '11', '12', '13', '14', '16', '17'),
        fc.stringMatching(/^[0-9]{7}$/),
      )
      .map(([prefix, rest]) => prefix + rest);
    fc.assert(
      fc.property(national, (digits) => {
        const e164 = `+966${digits}`;
        const result = parseSaudiPhone(formatSaudiPhone(e164));
        expect(result).toEqual({ isValid: true, e164, kind: digits.startsWith('5') ? 'mobile' : 'landline' });
      }),
    );
  });

  it('never throws, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(fc.constantFrom(...'+0123456789٠٥٩۵ ()-'), anyCodePoint), maxLength: 30 }), (input) => {
        const result = parseSaudiPhone(input);
        if (result.isValid) expect(result.e164).toMatch(/^\+966[15][0-9]{8}$/);
      }),
    );
  });

  it('keeps the browser bundle small (libphonenumber-js/min, not /max)', async () => {
    const output = await build({
      configFile: false,
      logLevel: 'silent',
      build: {
        write: false,
        minify: true,
        // An app-style build (lib mode keeps whitespace in ES output), keeping the module's exports.
        rolldownOptions: { input: new URL('../../src/domain/phone.ts', import.meta.url).pathname, preserveEntrySignatures: 'strict' },
      },
    });
    const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) => ('output' in o ? o.output : []));
    const code = chunks.map((chunk) => (chunk.type === 'chunk' ? chunk.code : '')).join('');
    // Measured ~120 kB minified / ~30 kB gzipped, almost all of it the min metadata; /max adds ~75 kB.
    expect(code.length).toBeGreaterThan(10_000);
    expect(code.length).toBeLessThan(140_000);
    expect(gzipSync(code).length).toBeLessThan(40_000);
  }, 30_000);
});
