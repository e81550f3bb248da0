import { describe, expect, it } from 'vitest';
import { checkPassword } from '../../src/domain/password-policy.js';
import { isCommonPassword } from '../../src/platform/crypto/passwords.js';

const check = (password: string, username?: string) => checkPassword({ password, username, isCommon: isCommonPassword });

describe('password policy (ASVS 5 V6.2)', () => {
  it('refuses fewer than 8 characters, counted as people see them', () => {
    expect(check('abc1234')).toBe('password.too-short');
    expect(check('كلمة سر')).toBe('password.too-short'); // 7 code points
    expect(check('كلمة سري')).toBeNull(); // 8 code points
  });

  it('accepts 64 characters and more, up to 128', () => {
    expect(check('a quiet morning in khobar '.repeat(3).slice(0, 64))).toBeNull();
    expect(check('x'.repeat(128).replace(/x/g, (_, i) => String.fromCharCode(97 + (i % 26))))).toBeNull();
    expect(check('y'.repeat(129))).toBe('password.too-long');
  });

  it('has no composition rules: a lower-case passphrase passes', () => {
    expect(check('the camel walks to the souq')).toBeNull();
  });

  it('refuses the most common passwords, whatever their case', () => {
    expect(check('password')).toBe('password.common');
    expect(check('Password1')).toBe('password.common');
    expect(check('12345678')).toBe('password.common');
    expect(check('qwertyuiop')).toBe('password.common');
  });

  it('refuses the username as the password', () => {
    expect(check('reception.dammam', 'Reception.Dammam')).toBe('password.same-as-username');
  });
});
