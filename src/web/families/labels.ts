/** Typed text that is an ID number or a mobile (mostly digits) is looked up, never put in a URL. */
export function lookupOf(text: string): { nationalId: string } | { mobile: string } | null {
  const latin = text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (digit) => String((digit.charCodeAt(0) & 0xf) % 10));
  const compact = latin.replace(/[\s\-+()\u2010-\u2015\u2212]/g, '');
  const digits = compact.replace(/\D/g, '');
  if (digits.length < 5 || digits.length < compact.length * 0.8) return null;
  if (/^[12]\d{9}$/.test(digits)) return { nationalId: digits };
  return { mobile: latin.trim() };
}
