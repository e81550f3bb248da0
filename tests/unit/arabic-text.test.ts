import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseArabic, searchTerms } from '../../src/domain/arabic-text.js';
import { toLatinDigits } from '../../src/domain/digits.js';

// Any code point; fast-check's built-in 'binary' unit takes seconds to warm up on a busy machine.
const anyCodePoint = fc.integer({ min: 0, max: 0x10ffff }).map((code) => String.fromCodePoint(code));

describe('Arabic text for search', () => {
  it.each([
    ['مُحَمَّد', 'محمد', 'tashkeel'],
    ['آمنة', 'امنه', 'alef with madda, ta marbuta'],
    ['مصطفى', 'مصطفي', 'alef maqsura'],
    ['أحمـــد', 'احمد', 'hamza on alef, tatweel'],
    ['إبراهيم', 'ابراهيم', 'hamza under alef'],
    ['ٱلرَّحْمَٰن', 'الرحمن', 'alef wasla, superscript alef'],
    ['علی', 'علي', 'Persian yeh'],
    ['کريم', 'كريم', 'Persian kaf'],
    ['فاطمةُ', 'فاطمه', 'ta marbuta with damma'],
    ['ﷺ', 'صلي الله عليه وسلم', 'NFKC expands the ligature'],
    ['ﻻ', 'لا', 'NFKC presentation form'],
    ['صلى الله عليه ﷺ', 'صلي الله عليه صلي الله عليه وسلم', 'ligature inside text'],
    ['ٱللَّهُ ۖ', 'الله', 'Quranic annotation mark'],
    ['ؐمحمد', 'محمد', 'Quranic honorific sign U+0610'],
    ['١٢٣ ۴۵۶', '123 456', 'Arabic-Indic and Persian digits'],
    ['\u200fمحمد\u200e \u202bعلي\u202c \u2067سعود\u2069', 'محمد علي سعود', 'bidi controls'],
    ['\u061cمحمد', 'محمد', 'Arabic letter mark'],
    ['مح\u200cمد\u200d', 'محمد', 'zero-width non-joiner and joiner'],
    ['  Ahmed   AL-Saud\t\n', 'ahmed al-saud', 'Latin lower-cased, whitespace collapsed'],
    ['ＡＢＣ', 'abc', 'full-width Latin'],
    ['', '', 'empty'],
  ])('%j → %j (%s)', (input, expected) => {
    expect(normaliseArabic(input)).toBe(expected);
  });

  it('finds the same words however they were written', () => {
    expect(normaliseArabic('أَحْمَد بن عَبْدِالله آل سُعُود')).toBe(normaliseArabic('احمد بن عبدالله ال سعود'));
    expect(normaliseArabic('مكتبة')).toBe(normaliseArabic('مكتبه'));
  });

  it('splits search terms on spaces and drops empty parts', () => {
    expect(searchTerms('  أحمـــد   آل سعود ')).toEqual(['احمد', 'ال', 'سعود']);
    expect(searchTerms('مُحَمَّد\u200f ٠٥٥')).toEqual(['محمد', '055']);
    expect(searchTerms('')).toEqual([]);
    expect(searchTerms('  \u200f ')).toEqual([]);
  });

  it('is idempotent', () => {
    const arabicish = fc.string({
      unit: fc.oneof(
        fc.integer({ min: 0x0600, max: 0x06ff }).map((c) => String.fromCharCode(c)),
        fc.constantFrom(' ', '\t', 'A', 'e', '\u0301', '\u200c', '\u200d', '\u200f', '\u202b', '\u2066', 'ﷺ', 'ﻻ', 'İ'),
      ),
    });
    fc.assert(
      fc.property(fc.oneof(arabicish, fc.string({ unit: anyCodePoint })), (text) => {
        const once = normaliseArabic(text);
        return normaliseArabic(once) === once;
      }),
      { numRuns: 1000 },
    );
  });

  it('leaves no tashkeel, tatweel, variant letters, Eastern digits, bidi controls or runs of spaces', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0x0600, max: 0x06ff }).map((c) => String.fromCharCode(c)) }), (text) => {
        expect(normaliseArabic(text)).not.toMatch(
          /[\u0610-\u061a\u061c\u0640\u064b-\u065f\u0670\u06d6-\u06ed\u0660-\u0669\u06f0-\u06f9أإآٱةىیک]|\s\s|^\s|\s$/,
        );
      }),
    );
  });
});

describe('Latin digits', () => {
  it.each([
    ['٠١٢٣٤٥٦٧٨٩', '0123456789'],
    ['۰۱۲۳۴۵۶۷۸۹', '0123456789'],
    ['رقم ٥٥ و۷ and 9', 'رقم 55 و7 and 9'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(toLatinDigits(input)).toBe(expected);
  });
});
