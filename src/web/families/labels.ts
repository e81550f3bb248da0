import { toLatinDigits } from '../../domain/digits.js';

/** Typed text that is an ID number or a mobile (mostly digits) is looked up, never put in a URL. */
export function lookupOf(text: string): { nationalId: string } | { mobile: string } | null {
  const latin = toLatinDigits(text);
  const compact = latin.replace(/[\s\-+()\u2010-\u2015\u2212]/g, '');
  const digits = compact.replace(/\D/g, '');
  if (digits.length < 5 || digits.length < compact.length * 0.8) return null;
  if (/^[12]\d{9}$/.test(digits)) return { nationalId: digits };
  return { mobile: latin.trim() };
}
