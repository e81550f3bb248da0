/**
 * Password rules after OWASP ASVS 5 (V6.2): at least 8 characters, at least 64 accepted (we accept
 * up to 128), no composition rules, and the most common passwords refused. Length is counted in
 * Unicode code points so an Arabic passphrase is measured as a person sees it.
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblem = 'password.too-short' | 'password.too-long' | 'password.common' | 'password.same-as-username';

export interface PasswordCheck {
  password: string;
  username?: string;
  isCommon: (normalised: string) => boolean;
}

export function checkPassword({ password, username, isCommon }: PasswordCheck): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'password.too-short';
  if (length > PASSWORD_MAX_LENGTH) return 'password.too-long';
  const normalised = password.normalize('NFKC').toLowerCase();
  if (username && normalised === username.normalize('NFKC').toLowerCase()) return 'password.same-as-username';
  if (isCommon(normalised)) return 'password.common';
  return null;
}
