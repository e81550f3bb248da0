import { describe, expect, it } from 'vitest';
import { oneTimeCode, portalSignInStartBody, portalSignInVerifyBody } from '../../src/contracts/portal.js';
import { nationalIdCheckDigit } from '../../src/domain/national-id.js';

/** Issue 5 §2: what the portal accepts as typed — six digits, Arabic-Indic too — and nothing else. */
const body = '100000012';
const validId = `${body}${nationalIdCheckDigit(body)}`;

describe('the one-time code as typed', () => {
  it.each([
    ['123456', '123456'],
    ['١٢٣٤٥٦', '123456'],
    ['۱۲۳ ۴۵۶', '123456'],
    ['\u200f123-456', '123456'],
    ['000000', '000000'],
  ])('accepts %j as %s', (typed, expected) => {
    expect(oneTimeCode.parse(typed)).toBe(expected);
  });

  it.each(['12345', '1234567', '12345a', '', '12 34 5'])('refuses %j with code.format', (typed) => {
    const result = oneTimeCode.safeParse(typed);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('code.format');
  });
});

describe('the sign-in bodies are strict', () => {
  it('takes the ID number and an optional language, nothing more', () => {
    expect(portalSignInStartBody.parse({ nationalId: validId })).toEqual({ nationalId: validId });
    expect(portalSignInStartBody.safeParse({ nationalId: validId, familyId: 'x' }).success).toBe(false);
    expect(portalSignInStartBody.safeParse({ nationalId: '1234567890' }).success).toBe(false);
  });

  it('verifies with the ID number and the code only', () => {
    expect(portalSignInVerifyBody.parse({ nationalId: validId, code: '٠٠٠٠٠٠' })).toEqual({ nationalId: validId, code: '000000' });
    expect(portalSignInVerifyBody.safeParse({ code: '123456' }).success).toBe(false);
  });
});
