import { removeInvisibleMarks, toLatinDigits } from './digits.js';

/**
 * Saudi National ID (citizens) and Iqama (residents) numbers: 10 digits, the first 1 or 2, the
 * last a Luhn check digit (SAUDI-LOCALE.md "National ID / Iqama number").
 */
export type NationalIdProblem = 'nationalId.format' | 'nationalId.prefix' | 'nationalId.checksum';
export type NationalIdKind = 'citizen' | 'resident';
export type NationalIdResult = { isValid: true; value: string; kind: NationalIdKind } | { isValid: false; code: NationalIdProblem };

// Spaces, hyphen-minus, Unicode dashes (U+2010–U+2015) and minus sign: what people type or paste.
const SEPARATORS = /[\s\-\u2010-\u2015\u2212]/g;

const KIND_BY_PREFIX: Record<string, NationalIdKind> = { '1': 'citizen', '2': 'resident' };

/**
 * Reads a National ID or Iqama number as typed: Arabic-Indic or Persian digits, spaces, dashes and
 * bidi marks are accepted; `value` is the 10 Latin digits to store.
 * @example parseNationalId('١٠٠٠ ٠٠٠ ٠٠٨') // { isValid: true, value: '1000000008', kind: 'citizen' }
 * @example parseNationalId('1234567890') // { isValid: false, code: 'nationalId.checksum' }
 */
export function parseNationalId(input: string): NationalIdResult {
  const value = toLatinDigits(removeInvisibleMarks(input)).replace(SEPARATORS, '');
  if (!/^[0-9]{10}$/.test(value)) return { isValid: false, code: 'nationalId.format' };
  const kind = KIND_BY_PREFIX[value.charAt(0)];
  if (!kind) return { isValid: false, code: 'nationalId.prefix' };
  if (nationalIdCheckDigit(value.slice(0, 9)) !== Number(value.charAt(9))) return { isValid: false, code: 'nationalId.checksum' };
  return { isValid: true, value, kind };
}

/**
 * The Luhn check digit for the first 9 digits (for generators and tests).
 * @example nationalIdCheckDigit('100000000') // 8
 */
export function nationalIdCheckDigit(first9: string): number {
  if (!/^[0-9]{9}$/.test(first9)) throw new RangeError('nationalIdCheckDigit expects 9 Latin digits');
  let total = 0;
  for (let i = 0; i < 9; i++) {
    const digit = Number(first9.charAt(i));
    // The 1st, 3rd, 5th, 7th and 9th digits are doubled: even indexes counting from 0.
    const weighted = i % 2 === 0 ? digit * 2 : digit;
    total += weighted > 9 ? weighted - 9 : weighted;
  }
  return (10 - (total % 10)) % 10;
}

/**
 * Hides all but the last 4 digits, for lists and logs where the full number is not needed.
 * @example maskNationalId('1000000008') // '••••••0008'
 */
export function maskNationalId(value: string): string {
  return '•'.repeat(Math.max(0, value.length - 4)) + value.slice(-4);
}
