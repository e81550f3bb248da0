import { describe, expect, it } from 'vitest';
import { canCarryCodes, codeChannel } from '../../src/domain/code-channel.js';

/** Issue 20 §7 (F2): a portal code goes by the agreed channel when it can, else SMS, WhatsApp, verified e-mail. */
const ALL = { sms: true, whatsapp: true, email: true };
const family = (agreedChannel: string, hasMobile = true, isEmailVerified = false) => ({ agreedChannel, hasMobile, isEmailVerified });

describe('portal code channel (issue 20 §7)', () => {
  it('takes the agreed channel when it can carry a code', () => {
    expect(codeChannel(family('whatsapp'), ALL)).toBe('whatsapp');
    expect(codeChannel(family('email', true, true), ALL)).toBe('email');
    expect(codeChannel(family('sms'), ALL)).toBe('sms');
  });

  it('F2: never sends to an e-mail address staff have not verified', () => {
    expect(codeChannel(family('email', false, false), ALL)).toBeNull();
    expect(codeChannel(family('email', true, false), ALL)).toBe('sms');
  });

  it('falls back to the first configured of SMS, WhatsApp, e-mail; letters and calls never carry a code', () => {
    expect(codeChannel(family('letter'), { sms: false, whatsapp: true, email: false })).toBe('whatsapp');
    expect(codeChannel(family('phone-call', false, true), { sms: true, whatsapp: true, email: true })).toBe('email');
    expect(codeChannel(family('whatsapp'), { sms: true, whatsapp: false, email: false })).toBe('sms');
    expect(codeChannel(family('sms', true, true), { sms: false, whatsapp: false, email: false })).toBeNull();
  });

  it('says whether any transport can carry codes at all', () => {
    expect(canCarryCodes({ sms: false, whatsapp: false, email: false })).toBe(false);
    expect(canCarryCodes({ sms: false, whatsapp: false, email: true })).toBe(true);
  });
});
