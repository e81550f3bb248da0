/**
 * Tracking codes of public complaints and inquiries (issue 6 §3, ARCHITECTURE.md "Public URLs"):
 * 16 characters of Crockford base32 carrying 80 random bits, separate from the reference. People
 * type them back, so input is case-insensitive, ignores spaces and dashes, and reads the letters
 * Crockford treats as look-alikes (I, L → 1; O → 0). Pure: safe in the browser.
 */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const TRACKING_CODE_LENGTH = 16;
const TRACKING_CODE = /^[0-9A-HJKMNP-TV-Z]{16}$/;

/** Encodes 10 bytes (80 bits) as 16 Crockford characters, 5 bits each. */
export function encodeTrackingCode(bytes: Uint8Array): string {
  if (bytes.length !== 10) throw new Error('A tracking code carries exactly 80 bits');
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += CROCKFORD_ALPHABET[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  return out;
}

/**
 * A new tracking code from the platform's cryptographic random source (Web Crypto, in Node and browsers).
 * @example newTrackingCode() // 'K7Q2M9XD4H1RZT6B'
 */
export function newTrackingCode(fill: (bytes: Uint8Array<ArrayBuffer>) => void = (b) => globalThis.crypto.getRandomValues(b)): string {
  const bytes = new Uint8Array(10);
  fill(bytes);
  return encodeTrackingCode(bytes);
}

/**
 * The canonical code from what a person typed, or null when it cannot be one.
 * @example normaliseTrackingCode(' k7q2-m9xd 4hir-zt6b ') // 'K7Q2M9XD4H1RZT6B'
 */
export function normaliseTrackingCode(input: string): string | null {
  if (input.length > 64) return null;
  const compact = input
    .replace(/[\s\u200e\u200f\u2066-\u2069-]/g, '')
    .toUpperCase()
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  return TRACKING_CODE.test(compact) ? compact : null;
}

/** Four groups of four, easier to read aloud and copy by hand: K7Q2-M9XD-4H1R-ZT6B. */
export function formatTrackingCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}
