import { z } from 'zod';
import { removeInvisibleMarks, toLatinDigits } from '../domain/digits.js';
import { language } from './common.js';
import { nationalId } from './families.js';

/**
 * The beneficiary portal's API (issue 5 §2, §9). Shared by the server and the portal page; every
 * answer about signing in is the same whether the ID number is registered or not.
 */
export const PORTAL_CODE_LENGTH = 6;
export const PORTAL_CODE_MINUTES = 10;

/** A one-time code as typed: six digits, Arabic-Indic ones and spaces accepted. */
export const oneTimeCode = z
  .string()
  .max(40, 'field.too-long')
  .transform((value, ctx) => {
    const digits = toLatinDigits(removeInvisibleMarks(value)).replace(/[\s-]/g, '');
    if (!/^\d{6}$/.test(digits)) {
      ctx.addIssue({ code: 'custom', message: 'code.format' });
      return z.NEVER;
    }
    return digits;
  });

/** `language`: of the SMS (the page's language). */
export const portalSignInStartBody = z.strictObject({ nationalId, language: language.optional() });
export type PortalSignInStartBody = z.infer<typeof portalSignInStartBody>;

/**
 * 202 for every valid ID number (C: the answer never tells whether it is registered, nor how the
 * family is reached). `delivery: 'sent'`: when this ID number is registered and reachable, a code
 * went by its agreed channel or the first that can carry one (SMS, WhatsApp, verified e-mail);
 * otherwise the family applies at reception. `delivery: 'unavailable'`: no transport that carries
 * codes is configured, so nobody can sign in online for now (issue 20 §7).
 */
export const portalSignInStartResponse = z.object({
  delivery: z.enum(['sent', 'unavailable']),
  codeLength: z.literal(PORTAL_CODE_LENGTH),
  expiresInMinutes: z.literal(PORTAL_CODE_MINUTES),
});
export type PortalSignInStartResponse = z.infer<typeof portalSignInStartResponse>;

export const portalSignInVerifyBody = z.strictObject({ nationalId, code: oneTimeCode });
export type PortalSignInVerifyBody = z.infer<typeof portalSignInVerifyBody>;

/** The signed-in family as the portal shows it: never its ID number nor its phones. */
export const portalMeResponse = z.object({
  reference: z.string(),
  headName: z.string(),
  csrfToken: z.string(),
});
export type PortalMeResponse = z.infer<typeof portalMeResponse>;

/** Confirming a request's data online (C4): the code, and the `dataSha256` of the summary the family read. */
export const portalAttestationBody = z.strictObject({
  code: oneTimeCode,
  dataSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'field.invalid')
    .optional(),
});
export type PortalAttestationBody = z.infer<typeof portalAttestationBody>;

/** A code was sent to the family's registered mobile. */
export const portalCodeSentResponse = z.object({
  delivery: z.literal('sms'),
  codeLength: z.literal(PORTAL_CODE_LENGTH),
  expiresInMinutes: z.literal(PORTAL_CODE_MINUTES),
});

export const portalLanguageBody = z.strictObject({ language: language.optional() });
