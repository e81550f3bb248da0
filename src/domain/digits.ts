/**
 * Digits and invisible marks in typed or pasted input. Saudi users type Arabic-Indic digits on
 * Arabic keyboards and Persian (Extended Arabic-Indic) digits on some Android layouts; copying
 * from right-to-left text brings bidi marks along.
 */
const ARABIC_INDIC_ZERO = 0x0660;
const EXTENDED_ARABIC_INDIC_ZERO = 0x06f0;

/**
 * Arabic-Indic (٠-٩) and Persian (۰-۹) digits to Latin 0-9; everything else unchanged.
 * @example toLatinDigits('٠٥٥ ۱۲۳') // '055 123'
 */
export function toLatinDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (digit) => {
    const code = digit.charCodeAt(0);
    return String(code - (code >= EXTENDED_ARABIC_INDIC_ZERO ? EXTENDED_ARABIC_INDIC_ZERO : ARABIC_INDIC_ZERO));
  });
}

// Unicode's Bidi_Control set (U+061C ARABIC LETTER MARK included) plus zero-width non-joiner/joiner.
const INVISIBLE_MARKS = /[\u061c\u200c-\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Removes bidi controls and zero-width (non-)joiners, which are invisible but break matching.
 * @example removeInvisibleMarks('\u200f0551234567\u200e') // '0551234567'
 */
export function removeInvisibleMarks(text: string): string {
  return text.replace(INVISIBLE_MARKS, '');
}
