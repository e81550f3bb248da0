/**
 * The printed attestation form's code (C4): the first 12 hex digits of the SHA-256 of the data the
 * form shows, in groups of four (`9F86-D081-884C`), short enough for staff to type from the signed
 * paper. The scan is accepted only with the code of the data as it is now, so a form printed before
 * a change cannot attest data the family never saw.
 */
export const FORM_CODE_LENGTH = 12;

/** `9F86-D081-884C` for a hash starting `9f86d081884c…`. */
export function formCode(dataSha256: string): string {
  return (
    dataSha256
      .slice(0, FORM_CODE_LENGTH)
      .toUpperCase()
      .match(/.{1,4}/g)
      ?.join('-') ?? ''
  );
}

/**
 * What staff typed (the short code or the whole hash; any case, spaces and dashes ignored) as
 * lower-case hex, or null when it is not at least the code's length of hex digits.
 */
export function normaliseFormCode(typed: string | undefined): string | null {
  if (typed === undefined) return null;
  const hex = typed.replace(/[\s\-\u2010-\u2015\u2212]/g, '').toLowerCase();
  return hex.length >= FORM_CODE_LENGTH && hex.length <= 64 && /^[0-9a-f]+$/.test(hex) ? hex : null;
}

/** C4: the typed code names the data as it is now (a prefix of its SHA-256). */
export function formCodeMatches(typed: string, dataSha256: string): boolean {
  return dataSha256.startsWith(typed);
}
