import { generate, generateSecret, generateURI, verify } from 'otplib';

/**
 * TOTP (RFC 6238, the defaults every authenticator app reads: SHA-1, 6 digits, 30 s). A code is
 * accepted from one step before or after now, and never twice: the accepted step is stored and
 * later codes must be from a later step.
 */
export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri({ secret, account, issuer }: { secret: string; account: string; issuer: string }): string {
  return generateURI({ secret, label: account, issuer });
}

export async function verifyTotp({
  secret,
  code,
  now,
  lastStep,
}: {
  secret: string;
  code: string;
  now: Date;
  lastStep: number | null;
}): Promise<{ isValid: true; step: number } | { isValid: false }> {
  if (!/^\d{6}$/.test(code)) return { isValid: false };
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: 30,
    ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
  });
  if (!result.valid) return { isValid: false };
  return { isValid: true, step: (result as { timeStep: number }).timeStep };
}

/** For tests and the enrolment screen's self-check. */
export function totpCodeAt(secret: string, at: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(at.getTime() / 1000) });
}
