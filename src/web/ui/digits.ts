/** Arabic-Indic (٠-٩) and Persian (۰-۹) digits → 0-9: input accepts both (ARCHITECTURE.md "Digits"). */
export function toLatinDigits(value: string): string {
  return value.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (digit) => String((digit.charCodeAt(0) & 0xf) % 10));
}
