import { removeInvisibleMarks, toLatinDigits } from '../../domain/digits.js';

/**
 * What a number field holds (issue 27 §5): a count (quorum, sort order, a limit), working or calendar
 * days, any decimal (a request's numeric answer), or riyals typed with up to two decimals and kept as
 * integer halalas (money is never a float on the server).
 */
export type NumberKind = 'integer' | 'days' | 'decimal' | 'riyals';

/** A typed number: empty, unreadable, or its value (halalas for riyals). */
export type ReadNumber = { state: 'empty' } | { state: 'unreadable' } | { state: 'read'; value: number };

// Thousands separators people type or paste: comma, Arabic comma, Arabic thousands separator, spaces.
const GROUPING = /[,\u060c\u066c\s\u00a0\u202f]/g;
// The Arabic decimal separator (٫) reads as a point.
const ARABIC_DECIMAL = /\u066b/g;

const PATTERN: Record<NumberKind, RegExp> = {
  integer: /^\d+$/,
  days: /^\d+$/,
  decimal: /^-?\d+(\.\d+)?$/,
  riyals: /^\d+(\.\d{1,2})?$/,
};

/** Latin digits, no marks or grouping: `٥٬٠٠٠٫٥` → `5000.5`. */
export function normalizeNumberText(text: string): string {
  return toLatinDigits(removeInvisibleMarks(text)).replace(GROUPING, '').replace(ARABIC_DECIMAL, '.');
}

/**
 * Reads what a person typed in Latin, Arabic-Indic or Persian digits.
 * @example readNumber('٥٠٠٠', 'riyals') // { state: 'read', value: 500000 }
 * @example readNumber('۱۲', 'days') // { state: 'read', value: 12 }
 */
export function readNumber(text: string, kind: NumberKind): ReadNumber {
  const latin = normalizeNumberText(text);
  if (!latin) return { state: 'empty' };
  if (!PATTERN[kind].test(latin)) return { state: 'unreadable' };
  if (kind !== 'riyals') return { state: 'read', value: Number(latin) };
  const [whole = '0', fraction = ''] = latin.split('.');
  return { state: 'read', value: Number(whole) * 100 + Number(fraction.padEnd(2, '0')) };
}

/** The text a field starts with for a stored value (halalas shown as riyals). */
export function numberText(value: number | null | undefined, kind: NumberKind): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '';
  if (kind !== 'riyals') return String(value);
  return value % 100 === 0 ? String(value / 100) : (value / 100).toFixed(2);
}
