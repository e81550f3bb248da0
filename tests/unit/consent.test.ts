import { describe, expect, it } from 'vitest';
import {
  checkWithdrawal,
  contactPurposeOf,
  currentConsents,
  decideConsent,
  nextNoticeVersion,
  registrationDefaults,
} from '../../src/domain/consent.js';

/** Consent per purpose (issue 20 §3; F2, C5): the pure rules. */
const REQUIRED = ['service'];
const given = (...purposes: string[]) => new Map(purposes.map((p) => [p, 'given' as const]));

describe('consent history (F2)', () => {
  it('the latest entry of each purpose wins, whatever order the entries come in', () => {
    const current = currentConsents([
      { purpose: 'surveys', action: 'withdrawn', seq: 2 },
      { purpose: 'service', action: 'given', seq: 1 },
      { purpose: 'surveys', action: 'given', seq: 1 },
      { purpose: 'surveys', action: 'given', seq: 3 },
      { purpose: 'partners', action: 'given', seq: 1 },
      { purpose: 'partners', action: 'withdrawn', seq: 2 },
    ]);
    expect(Object.fromEntries(current)).toEqual({ surveys: 'given', service: 'given', partners: 'withdrawn' });
  });

  it('a family registered before consent per purpose gave the required purposes and contact on its agreed channel', () => {
    expect(registrationDefaults(REQUIRED, 'sms')).toEqual(['service', 'contact-sms']);
    expect(registrationDefaults(REQUIRED, 'whatsapp')).toEqual(['service', 'contact-whatsapp']);
    expect(registrationDefaults(REQUIRED, 'letter')).toEqual(['service']);
  });

  it('only sms, WhatsApp and e-mail need consent to be contacted', () => {
    expect(['sms', 'whatsapp', 'email', 'letter', 'phone-call', 'fax'].map(contactPurposeOf)).toEqual([
      'contact-sms',
      'contact-whatsapp',
      'contact-email',
      null,
      null,
      null,
    ]);
  });
});

describe('decideConsent (F2, issue 20 §3)', () => {
  const decide = (current: Map<string, 'given' | 'withdrawn'>, purpose: string, channel: string) =>
    decideConsent({ current, requiredPurposes: REQUIRED, purpose, channel });

  it('allows a purpose given, on a channel whose contact is given or needs none', () => {
    expect(decide(given('service', 'contact-sms', 'surveys'), 'surveys', 'sms')).toEqual({ allowed: true });
    expect(decide(given('service', 'surveys'), 'surveys', 'letter')).toEqual({ allowed: true });
    expect(decide(given('service'), 'service', 'phone-call')).toEqual({ allowed: true });
  });

  it('refuses with a stable reason otherwise', () => {
    expect(decide(given('contact-sms', 'surveys'), 'surveys', 'sms')).toEqual({ allowed: false, reason: 'consent.service-ended' });
    expect(
      decide(
        new Map([
          ['service', 'withdrawn'],
          ['contact-sms', 'given'],
        ]),
        'service',
        'sms',
      ),
    ).toEqual({
      allowed: false,
      reason: 'consent.service-ended',
    });
    expect(decide(given('service', 'contact-sms'), 'surveys', 'sms')).toEqual({ allowed: false, reason: 'consent.purpose-not-given' });
    expect(
      decide(
        new Map([
          ['service', 'given'],
          ['surveys', 'withdrawn'],
        ]),
        'surveys',
        'letter',
      ),
    ).toEqual({
      allowed: false,
      reason: 'consent.purpose-withdrawn',
    });
    expect(decide(given('service', 'surveys'), 'surveys', 'email')).toEqual({ allowed: false, reason: 'consent.channel-not-given' });
    expect(
      decide(
        new Map([
          ['service', 'given'],
          ['contact-whatsapp', 'withdrawn'],
        ]),
        'service',
        'whatsapp',
      ),
    ).toEqual({
      allowed: false,
      reason: 'consent.channel-withdrawn',
    });
  });
});

describe('checkWithdrawal (C5, F2)', () => {
  it('F2: the required purpose is withdrawn only with the second confirmation (409)', () => {
    expect(checkWithdrawal({ purpose: 'service', isRequired: true, agreedChannel: 'sms' })).toMatchObject({
      ok: false,
      status: 409,
      code: 'consent.end-of-service-unconfirmed',
    });
    expect(checkWithdrawal({ purpose: 'service', isRequired: true, agreedChannel: 'sms', confirmEndOfService: true })).toEqual({
      ok: true,
      changesChannel: false,
    });
  });

  it('C5: contact on the agreed channel needs a new agreed channel, not the same one', () => {
    expect(checkWithdrawal({ purpose: 'contact-sms', isRequired: false, agreedChannel: 'sms' })).toMatchObject({
      status: 409,
      code: 'consent.agreed-channel-needs-replacement',
      pointer: '/newAgreedChannel',
    });
    expect(checkWithdrawal({ purpose: 'contact-sms', isRequired: false, agreedChannel: 'sms', newAgreedChannel: 'sms' })).toMatchObject({
      status: 400,
      code: 'consent.new-channel-withdrawn',
    });
    expect(checkWithdrawal({ purpose: 'contact-sms', isRequired: false, agreedChannel: 'sms', newAgreedChannel: 'letter' })).toEqual({
      ok: true,
      changesChannel: true,
    });
  });

  it('other withdrawals need no channel, and refuse one', () => {
    expect(checkWithdrawal({ purpose: 'contact-email', isRequired: false, agreedChannel: 'sms' })).toEqual({
      ok: true,
      changesChannel: false,
    });
    expect(checkWithdrawal({ purpose: 'surveys', isRequired: false, agreedChannel: 'letter' })).toEqual({
      ok: true,
      changesChannel: false,
    });
    expect(checkWithdrawal({ purpose: 'surveys', isRequired: false, agreedChannel: 'sms', newAgreedChannel: 'email' })).toMatchObject({
      status: 400,
      code: 'consent.new-channel-not-needed',
    });
  });
});

describe('privacy-notice versions (issue 20 §4)', () => {
  it('labels each new version with its year and its number among the notice’s versions', () => {
    expect(nextNoticeVersion(2026, 1)).toBe('2026-2');
    expect(nextNoticeVersion(2027, 2)).toBe('2027-3');
  });
});
