import { removeInvisibleMarks, toLatinDigits } from './digits.js';

/**
 * Arabic text normalised for search (SAUDI-LOCALE.md "Arabic text for search"). Apply the same
 * function before indexing and before querying, so "مُحَمَّد" finds "محمد".
 */

// Tashkeel U+064B–U+065F and U+0670 (superscript alef), Quranic honorifics U+0610–U+061A,
// Quranic annotation marks U+06D6–U+06ED, and tatweel U+0640.
const MARKS_AND_TATWEEL = /[\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06ed]/g;
const LETTER_VARIANTS: Record<string, string> = {
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ة: 'ه',
  ى: 'ي',
  ی: 'ي',
  ک: 'ك',
};
const LETTER_VARIANT = /[أإآٱةىیک]/g;

/**
 * Normalises text for search: NFKC, no tashkeel or tatweel, one form of alef, ta marbuta as ha,
 * alef maqsura and Persian yeh as yeh, Persian kaf as kaf, Latin digits, no bidi marks,
 * lower case, single spaces.
 * @example normaliseArabic('مُحَمَّد') // 'محمد'
 * @example normaliseArabic('آمنة') // 'امنه'
 */
export function normaliseArabic(text: string): string {
  const stripped = removeInvisibleMarks(text.normalize('NFKC').toLowerCase()).replace(MARKS_AND_TATWEEL, '');
  const unified = toLatinDigits(stripped.replace(LETTER_VARIANT, (letter) => LETTER_VARIANTS[letter] ?? letter));
  // Removing a tatweel or mark can bring a Latin combining accent next to its base letter; composing
  // again keeps the function idempotent.
  return unified.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/**
 * The normalised words of a search query or an indexed name.
 * @example searchTerms('  أحمـــد   آل سعود ') // ['احمد', 'ال', 'سعود']
 */
export function searchTerms(text: string): string[] {
  return normaliseArabic(text)
    .split(' ')
    .filter((term) => term !== '');
}
