/**
 * Consent per purpose (F2, issue 20 §3): pure rules, shared by the server and the browser.
 *
 * A family's consent to a purpose is the last entry of its history for that purpose (given or
 * withdrawn); the history itself is never rewritten. The contact purposes (`contact-sms`, …) are
 * consent to be contacted on that channel; letters, phone calls and faxes need none (the family
 * gave its address or number for them and they are not unsolicited electronic messages).
 */
export type ConsentAction = 'given' | 'withdrawn';

/** Channels whose messages need the family's consent to be contacted on them, and that purpose. */
export const CONTACT_PURPOSE_OF_CHANNEL: Readonly<Record<string, string>> = {
  sms: 'contact-sms',
  whatsapp: 'contact-whatsapp',
  email: 'contact-email',
};

/** The purpose of contact on a channel, or null when the channel needs no contact consent. */
export function contactPurposeOf(channel: string): string | null {
  return CONTACT_PURPOSE_OF_CHANNEL[channel] ?? null;
}

export interface ConsentEntry {
  purpose: string;
  action: ConsentAction;
  /** Position in the purpose's history (1, 2, …): instants can repeat, the order cannot. */
  seq: number;
}

/** The latest action per purpose (F2): entries in any order, the highest `seq` of each purpose wins. */
export function currentConsents(entries: readonly ConsentEntry[]): Map<string, ConsentAction> {
  const latest = new Map<string, { seq: number; action: ConsentAction }>();
  for (const entry of entries) {
    const seen = latest.get(entry.purpose);
    if (!seen || entry.seq > seen.seq) latest.set(entry.purpose, { seq: entry.seq, action: entry.action });
  }
  return new Map([...latest].map(([purpose, { action }]) => [purpose, action]));
}

/**
 * What a family registered before consent per purpose agreed to (issue 20 §3): the required
 * purposes and contact on its agreed channel — the one consent it gave at registration.
 */
export function registrationDefaults(requiredPurposes: readonly string[], agreedChannel: string): string[] {
  const contact = contactPurposeOf(agreedChannel);
  return [...requiredPurposes, ...(contact ? [contact] : [])];
}

export type ConsentDecision = { allowed: true } | { allowed: false; reason: string };

/**
 * May a message for `purpose` go to the family on `channel`? (F2, issue 20 §3). The required
 * purposes must stand (withdrawing one ends the service), the purpose itself must be given, and so
 * must contact on the channel when it is sms, WhatsApp or e-mail. Reasons are stable codes:
 * `consent.service-ended`, `consent.purpose-withdrawn`, `consent.purpose-not-given`,
 * `consent.channel-withdrawn`, `consent.channel-not-given`.
 */
export function decideConsent(input: {
  current: ReadonlyMap<string, ConsentAction>;
  requiredPurposes: readonly string[];
  purpose: string;
  channel: string;
}): ConsentDecision {
  const { current, requiredPurposes, purpose, channel } = input;
  if (requiredPurposes.some((p) => current.get(p) !== 'given')) return { allowed: false, reason: 'consent.service-ended' };
  const state = current.get(purpose);
  if (state === 'withdrawn') return { allowed: false, reason: 'consent.purpose-withdrawn' };
  if (state !== 'given') return { allowed: false, reason: 'consent.purpose-not-given' };
  const contact = contactPurposeOf(channel);
  if (contact) {
    const contactState = current.get(contact);
    if (contactState === 'withdrawn') return { allowed: false, reason: 'consent.channel-withdrawn' };
    if (contactState !== 'given') return { allowed: false, reason: 'consent.channel-not-given' };
  }
  return { allowed: true };
}

export type WithdrawalCheck =
  | { ok: true; changesChannel: boolean }
  | { ok: false; status: 400 | 409; code: string; pointer: string; detail: string };

/**
 * Whether a withdrawal may be recorded as asked (issue 20 §3, C5, F2):
 * - withdrawing a required purpose ends the service, so it needs `confirmEndOfService: true` (409);
 * - withdrawing contact on the agreed channel needs a new agreed channel in the same action (409) —
 *   C5 needs a channel — and that channel cannot be the one withdrawn (400);
 * - a new channel is refused when the withdrawal does not touch the agreed channel (400).
 */
export function checkWithdrawal(input: {
  purpose: string;
  isRequired: boolean;
  agreedChannel: string;
  newAgreedChannel?: string | undefined;
  confirmEndOfService?: boolean | undefined;
}): WithdrawalCheck {
  const { purpose, isRequired, agreedChannel, newAgreedChannel, confirmEndOfService } = input;
  if (isRequired && confirmEndOfService !== true)
    return {
      ok: false,
      status: 409,
      code: 'consent.end-of-service-unconfirmed',
      pointer: '/confirmEndOfService',
      detail: 'Withdrawing this consent ends the association’s service to the family; confirm it to record it',
    };
  const isAgreedChannel = contactPurposeOf(agreedChannel) === purpose;
  if (!isAgreedChannel) {
    if (newAgreedChannel !== undefined)
      return {
        ok: false,
        status: 400,
        code: 'consent.new-channel-not-needed',
        pointer: '/newAgreedChannel',
        detail: 'This withdrawal does not concern the agreed channel',
      };
    return { ok: true, changesChannel: false };
  }
  if (newAgreedChannel === undefined)
    return {
      ok: false,
      status: 409,
      code: 'consent.agreed-channel-needs-replacement',
      pointer: '/newAgreedChannel',
      detail: 'This is the family’s agreed channel: choose the new agreed channel in the same action',
    };
  if (newAgreedChannel === agreedChannel || contactPurposeOf(newAgreedChannel) === purpose)
    return {
      ok: false,
      status: 400,
      code: 'consent.new-channel-withdrawn',
      pointer: '/newAgreedChannel',
      detail: 'The new agreed channel cannot be the one withdrawn',
    };
  return { ok: true, changesChannel: true };
}

/** The next label of a privacy notice: `<year>-<number>`, the number counting every version of that notice. */
export function nextNoticeVersion(year: number, existingCount: number): string {
  return `${year}-${existingCount + 1}`;
}
