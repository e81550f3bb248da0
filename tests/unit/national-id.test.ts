import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskNationalId, nationalIdCheckDigit, parseNationalId } from '../../src/domain/national-id.js';

// Any 9-digit body starting with 1 (citizen) or 2 (resident).
const body = fc.tuple(fc.constantFrom('1', '2'), fc.stringMatching(/^[0-9]{8}$/)).map(([prefix, rest]) => prefix + rest);

describe('National ID / Iqama number', () => {
  it.each([
    ['1000000008', '1000000008', 'citizen'],
    ['2345678904', '2345678904', 'resident'],
    ['١٠٠٠٠٠٠٠٠٨', '1000000008', 'citizen'],
    ['۲۳۴۵۶۷۸۹۰۴', '2345678904', 'resident'],
    ['٢٣٤٥ ٦٧٨ ٩٠٤', '2345678904', 'resident'],
    [' 1000-000-008 ', '1000000008', 'citizen'],
    ['1000 000 008', '1000000008', 'citizen'],
    ['1000–000–008', '1000000008', 'citizen'],
    ['\u200f١٠٠٠٠٠٠٠٠٨\u200e', '1000000008', 'citizen'],
    ['\u20662345678904\u2069', '2345678904', 'resident'],
  ])('accepts %j as %s (%s)', (input, value, kind) => {
    expect(parseNationalId(input)).toEqual({ isValid: true, value, kind });
  });

  it.each([
    ['1234567890', 'nationalId.checksum'],
    ['1000000009', 'nationalId.checksum'],
    ['3234567897', 'nationalId.prefix'],
    ['3234567893', 'nationalId.prefix'], // check digit right, prefix wrong
    ['0000000000', 'nationalId.prefix'],
    ['٣٢٣٤٥٦٧٨٩٧', 'nationalId.prefix'],
    ['', 'nationalId.format'],
    ['100000000', 'nationalId.format'],
    ['10000000080', 'nationalId.format'],
    ['1000000O08', 'nationalId.format'],
    ['1000.000.008', 'nationalId.format'],
    ['+1000000008', 'nationalId.format'],
    ['１０００００００８', 'nationalId.format'],
  ])('refuses %j with %s', (input, code) => {
    expect(parseNationalId(input)).toEqual({ isValid: false, code });
  });

  it('computes the Luhn check digit', () => {
    expect(nationalIdCheckDigit('100000000')).toBe(8);
    expect(nationalIdCheckDigit('234567890')).toBe(4);
    expect(() => nationalIdCheckDigit('12345678')).toThrow(RangeError);
    expect(() => nationalIdCheckDigit('١٠٠٠٠٠٠٠٠')).toThrow(RangeError);
  });

  it('accepts every body starting with 1 or 2 followed by its check digit', () => {
    fc.assert(
      fc.property(body, (first9) => {
        const id = first9 + nationalIdCheckDigit(first9);
        expect(parseNationalId(id)).toEqual({ isValid: true, value: id, kind: first9.startsWith('1') ? 'citizen' : 'resident' });
      }),
    );
  });

  it('refuses a valid number with any one digit changed', () => {
    fc.assert(
      fc.property(body, fc.nat(9), fc.integer({ min: 1, max: 9 }), (first9, position, shift) => {
        const id = first9 + nationalIdCheckDigit(first9);
        const changed = (Number(id.charAt(position)) + shift) % 10;
        const mutated = id.slice(0, position) + changed + id.slice(position + 1);
        // Luhn catches every single-digit change; a changed first digit may fail the prefix first.
        const code = mutated.startsWith('1') || mutated.startsWith('2') ? 'nationalId.checksum' : 'nationalId.prefix';
        expect(parseNationalId(mutated)).toEqual({ isValid: false, code });
      }),
    );
  });

  it('masks all but the last 4 digits', () => {
    expect(maskNationalId('1000000008')).toBe('••••••0008');
    expect(maskNationalId('2345678904')).toBe('••••••8904');
  });
});
