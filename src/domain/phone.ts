// libphonenumber-js/min: ~120 kB minified, ~30 kB gzipped in the browser bundle (tests/unit/phone.test.ts
// keeps it under a ceiling). Its metadata cannot tell mobiles from landlines (getType() is undefined),
// and /max (+75 kB) is stricter than SAUDI-LOCALE.md about landline subscriber ranges (it rejects
// 012 123 4567). So libphonenumber parses — +966, 00966, 966, leading 0, "(0)" — and the Saudi
// prefix rules below classify the national number; that runs the same in the browser and the server.
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { removeInvisibleMarks, toLatinDigits } from './digits.js';

/** Saudi phone numbers (SAUDI-LOCALE.md "Phone numbers"), stored as E.164. */
export type PhoneProblem = 'phone.invalid' | 'phone.not-mobile';
export type SaudiPhoneKind = 'mobile' | 'landline';
export type SaudiPhoneResult = { isValid: true; e164: string; kind: SaudiPhoneKind } | { isValid: false; code: PhoneProblem };

const SAUDI_CALLING_CODE = '966';
// National significant numbers: mobiles 5X with X ≠ 2 (052 is not a mobile range);
// landlines 1 + area code 1, 2, 3, 4, 6 or 7, then 7 digits.
const MOBILE = /^5[013-9][0-9]{7}$/;
const LANDLINE = /^1[1-467][0-9]{7}$/;
// Digits with the separators people type; letters are refused because libphonenumber would
// otherwise skip them or read them as a keypad ("abc0551234567" parses as a number).
const TYPED_PHONE = /^\+?[0-9\s\-\u2010-\u2015\u2212()]+$/;
const MAX_INPUT_LENGTH = 40;

/**
 * Reads a Saudi mobile or landline number as typed and returns it in E.164.
 * Sila is Saudi-only for now: a number from any other country is 'phone.invalid'.
 * @example parseSaudiPhone('٠٥٥ ١٢٣ ٤٥٦٧') // { isValid: true, e164: '+966551234567', kind: 'mobile' }
 * @example parseSaudiPhone('013 882 0058', { mobileOnly: true }) // { isValid: false, code: 'phone.not-mobile' }
 */
export function parseSaudiPhone(input: string, { mobileOnly = false } = {}): SaudiPhoneResult {
  const typed = toLatinDigits(removeInvisibleMarks(input)).trim();
  if (typed.length > MAX_INPUT_LENGTH || !TYPED_PHONE.test(typed)) return { isValid: false, code: 'phone.invalid' };
  const parsed = parsePhoneNumberFromString(typed.replace(/[^0-9+]/g, ''), 'SA');
  if (!parsed || parsed.countryCallingCode !== SAUDI_CALLING_CODE) return { isValid: false, code: 'phone.invalid' };
  const national = parsed.nationalNumber;
  const kind = MOBILE.test(national) ? 'mobile' : LANDLINE.test(national) ? 'landline' : null;
  if (!kind) return { isValid: false, code: 'phone.invalid' };
  if (mobileOnly && kind !== 'mobile') return { isValid: false, code: 'phone.not-mobile' };
  return { isValid: true, e164: `+${SAUDI_CALLING_CODE}${national}`, kind };
}

/**
 * The national display form of a stored Saudi number; anything else is returned unchanged.
 * In right-to-left text wrap the result in `<bdi dir="ltr">`.
 * @example formatSaudiPhone('+966551234567') // '055 123 4567'
 * @example formatSaudiPhone('+966138820058') // '013 882 0058'
 */
export function formatSaudiPhone(e164: string): string {
  const match = /^\+966([0-9]{9})$/.exec(e164);
  if (!match?.[1]) return e164;
  const national = match[1];
  return `0${national.slice(0, 2)} ${national.slice(2, 5)} ${national.slice(5)}`;
}
