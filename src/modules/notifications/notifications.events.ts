import type { DeliveryChannel, MessagePriority, NotificationEvent, TemplateChannel } from '../../contracts/notifications.js';

/**
 * What a message is sent for, checked against the family's consent (issue 20 §3, F2; enforced by a
 * later step, declared now). `service` is the required purpose of providing services; `surveys` and
 * `announcements` are what bulk sends will be for.
 */
export type ConsentPurpose = 'service' | 'surveys' | 'announcements';

interface EventBase {
  placeholders: readonly string[];
  requiredPlaceholders: readonly string[];
  channels: readonly TemplateChannel[];
  /** Always this channel, whatever the family agreed (one-time codes go by SMS to the registered mobile). */
  fixedChannel?: DeliveryChannel;
  /** Never shown in the outbox page, erased once finished, never sent after `expiresAt`. */
  isSensitive: boolean;
}

/**
 * The events Sila sends messages about. Each declares the placeholders its templates may use (an
 * administrator's template using any other is refused when saved), the ones every template must
 * use, the channels it has templates for, and (issue 20 §1, C5, G3) its priority and consent
 * purpose — the type makes both required, and ties them together:
 * - `code`: a one-time code the person asked for — sensitive, with a lifetime, consent `null`
 *   (a code someone asks for is not "contacting" them);
 * - `transactional`: about the person's own case (`service`), or to staff (`null`: not a family);
 * - `bulk`: campaigns and announcements, always for a purpose the family may refuse.
 * Later issues add their events here.
 */
export type EventDefinition = EventBase &
  (
    | { priority: 'code'; consentPurpose: null; isSensitive: true; ttlMinutes: number }
    | { priority: 'transactional'; consentPurpose: 'service' | null; ttlMinutes?: never }
    | { priority: 'bulk'; consentPurpose: Exclude<ConsentPurpose, 'service'>; ttlMinutes?: never }
  );

const FAMILY_CHANNELS: readonly TemplateChannel[] = ['sms', 'email', 'whatsapp', 'letter', 'phone-call'];

/** Filled by the outbox itself; callers may override them. */
export const AUTOMATIC_PLACEHOLDERS = ['associationName', 'familyName', 'reference'] as const;

export const EVENTS: Record<NotificationEvent, EventDefinition> = {
  // A family's registration (a demonstration of the whole path; the registry may send it later).
  'family.registered': {
    priority: 'transactional',
    consentPurpose: 'service',
    placeholders: ['associationName', 'familyName', 'reference'],
    requiredPlaceholders: [],
    channels: FAMILY_CHANNELS,
    isSensitive: false,
  },
  // The beneficiary portal's sign-in code (issue 20 §7): by SMS or WhatsApp to the registered mobile,
  // or by e-mail to an address staff verified — the portal names the channel.
  'auth.one-time-code': {
    priority: 'code',
    consentPurpose: null,
    placeholders: ['associationName', 'code', 'minutes'],
    requiredPlaceholders: ['code'],
    channels: ['sms', 'whatsapp', 'email'],
    isSensitive: true,
    ttlMinutes: 10,
  },
  // C4 online: the code a family types in the portal to confirm its request's data (issue 5 §4).
  'request.attestation-code': {
    priority: 'code',
    consentPurpose: null,
    placeholders: ['associationName', 'code', 'minutes', 'reference'],
    requiredPlaceholders: ['code', 'reference'],
    channels: ['sms'],
    fixedChannel: 'sms',
    isSensitive: true,
    ttlMinutes: 10,
  },
  // C5: news of a service request on the family's agreed channel; staff get it in the app.
  'request.status-changed': {
    priority: 'transactional',
    consentPurpose: 'service',
    placeholders: ['associationName', 'familyName', 'reference', 'status', 'deadline', 'link'],
    requiredPlaceholders: ['reference'],
    channels: [...FAMILY_CHANNELS, 'staff-app'],
    isSensitive: false,
  },
  // C5, C6: the request reached the competent committee; the reply is due by {{deadline}} (both calendars).
  'request.received': {
    priority: 'transactional',
    consentPurpose: 'service',
    placeholders: ['associationName', 'familyName', 'reference', 'typeName', 'deadline'],
    requiredPlaceholders: ['reference', 'deadline'],
    channels: FAMILY_CHANNELS,
    isSensitive: false,
  },
  // C5: the committee needs more from the family; the clock waits meanwhile (C6).
  'request.information-requested': {
    priority: 'transactional',
    consentPurpose: 'service',
    placeholders: ['associationName', 'familyName', 'reference', 'typeName', 'note'],
    requiredPlaceholders: ['reference'],
    channels: FAMILY_CHANNELS,
    isSensitive: false,
  },
  // C5, C6: the committee's decision with its reasons — the reply the policy asks for.
  'request.decided': {
    priority: 'transactional',
    consentPurpose: 'service',
    placeholders: ['associationName', 'familyName', 'reference', 'typeName', 'outcome', 'reasons'],
    requiredPlaceholders: ['reference', 'outcome'],
    channels: FAMILY_CHANNELS,
    isSensitive: false,
  },
  // C6: to the responsible staff and management when a request's reply is due soon or overdue.
  'request.deadline-warning': {
    priority: 'transactional',
    consentPurpose: null,
    placeholders: ['associationName', 'reference', 'typeName', 'deadline', 'familyName'],
    requiredPlaceholders: ['reference', 'deadline'],
    channels: ['staff-app'],
    isSensitive: false,
  },
  'request.deadline-breached': {
    priority: 'transactional',
    consentPurpose: null,
    placeholders: ['associationName', 'reference', 'typeName', 'deadline', 'familyName'],
    requiredPlaceholders: ['reference', 'deadline'],
    channels: ['staff-app'],
    isSensitive: false,
  },
  // E1, C1: the acknowledgement of a complaint or inquiry from the public link, on the channel the
  // writer gave. Sensitive: the link carries the tracking code, which staff pages never show.
  'complaint.received': {
    priority: 'transactional',
    consentPurpose: 'service',
    placeholders: ['associationName', 'familyName', 'reference', 'trackingCode', 'link'],
    requiredPlaceholders: ['reference', 'link'],
    channels: ['sms', 'email'],
    isSensitive: true,
  },
  'inquiry.received': {
    priority: 'transactional',
    consentPurpose: 'service',
    placeholders: ['associationName', 'familyName', 'reference', 'trackingCode', 'link'],
    requiredPlaceholders: ['reference', 'link'],
    channels: ['sms', 'email'],
    isSensitive: true,
  },
  // Issue 6 §4: a paper complaint's or inquiry's acknowledgement, sent by staff or on a linked
  // family's agreed channel (WhatsApp falls back to SMS). Sensitive: it carries the tracking code.
  'complaint.acknowledged': {
    priority: 'transactional',
    consentPurpose: 'service',
    placeholders: ['associationName', 'familyName', 'reference', 'trackingCode', 'link'],
    requiredPlaceholders: ['reference', 'trackingCode'],
    channels: ['sms', 'email', 'letter', 'phone-call'],
    isSensitive: true,
  },
  'inquiry.acknowledged': {
    priority: 'transactional',
    consentPurpose: 'service',
    placeholders: ['associationName', 'familyName', 'reference', 'trackingCode', 'link'],
    requiredPlaceholders: ['reference', 'trackingCode'],
    channels: ['sms', 'email', 'letter', 'phone-call'],
    isSensitive: true,
  },
  // E1 (ISO 10002 "communicate the decision"): the response with its reasons and how to escalate.
  'complaint.responded': {
    priority: 'transactional',
    consentPurpose: 'service',
    placeholders: ['associationName', 'familyName', 'reference', 'response', 'escalation'],
    requiredPlaceholders: ['reference', 'response'],
    channels: ['sms', 'email', 'letter', 'phone-call'],
    isSensitive: false,
  },
  // C1, G2: the contact officer's answer.
  'inquiry.answered': {
    priority: 'transactional',
    consentPurpose: 'service',
    placeholders: ['associationName', 'familyName', 'reference', 'answer'],
    requiredPlaceholders: ['reference', 'answer'],
    channels: ['sms', 'email', 'letter', 'phone-call'],
    isSensitive: false,
  },
  // To the member or contact officer a complaint or inquiry is assigned or routed to.
  'complaint.assigned': {
    priority: 'transactional',
    consentPurpose: null,
    placeholders: ['associationName', 'reference', 'deadline'],
    requiredPlaceholders: ['reference'],
    channels: ['staff-app'],
    isSensitive: false,
  },
  // E1: warnings to the handler; breaches escalated to management too (both kinds; the reference says which).
  'complaint.deadline-warning': {
    priority: 'transactional',
    consentPurpose: null,
    placeholders: ['associationName', 'reference', 'deadline'],
    requiredPlaceholders: ['reference', 'deadline'],
    channels: ['staff-app'],
    isSensitive: false,
  },
  // G3 (issue 20 §2): an announcement sent in bulk; every one carries the link to stop them (F2).
  'announcement.general': {
    priority: 'bulk',
    consentPurpose: 'announcements',
    placeholders: ['associationName', 'familyName', 'reference', 'text', 'withdrawLink'],
    requiredPlaceholders: ['text', 'withdrawLink'],
    channels: FAMILY_CHANNELS,
    isSensitive: false,
  },
  // Issue 24 §2 (H1, F2): a satisfaction survey's link, bulk for the `surveys` purpose, always with the way to stop them.
  'survey.invitation': {
    priority: 'bulk',
    consentPurpose: 'surveys',
    placeholders: ['associationName', 'familyName', 'reference', 'link', 'withdrawLink', 'questions'],
    requiredPlaceholders: ['link', 'withdrawLink'],
    channels: FAMILY_CHANNELS,
    isSensitive: false,
  },
  // Issue 26 §5 (R2): HR's reminder to a staff member who has not yet acknowledged a policy version.
  'acknowledgement.reminder': {
    priority: 'transactional',
    consentPurpose: null,
    placeholders: ['associationName', 'title', 'deadline'],
    requiredPlaceholders: ['title'],
    channels: ['staff-app'],
    isSensitive: false,
  },
  // Issue 26 §4 (P-SCOPE): a contract party's one-time link to read and acknowledge a policy — a
  // service message; sensitive, since the link itself is the key.
  'acknowledgement.link': {
    priority: 'transactional',
    consentPurpose: 'service',
    placeholders: ['associationName', 'familyName', 'title', 'link'],
    requiredPlaceholders: ['link'],
    channels: ['sms', 'email'],
    isSensitive: true,
  },
  // Issue 24 §5: a negative answer opens a follow-up for the contact officer the register routes the family to.
  'survey.follow-up': {
    priority: 'transactional',
    consentPurpose: null,
    placeholders: ['associationName', 'reference', 'caseReference', 'score'],
    requiredPlaceholders: ['reference', 'score'],
    channels: ['staff-app'],
    isSensitive: false,
  },
  'complaint.deadline-breached': {
    priority: 'transactional',
    consentPurpose: null,
    placeholders: ['associationName', 'reference', 'deadline'],
    requiredPlaceholders: ['reference', 'deadline'],
    channels: ['staff-app'],
    isSensitive: false,
  },
  // Issue 23 §5 (D1–D4): a compensation case's news to the family — never staff names or internal notes.
  'compensation.opened': {
    priority: 'transactional',
    consentPurpose: 'service',
    placeholders: ['associationName', 'familyName', 'reference'],
    requiredPlaceholders: ['reference'],
    channels: FAMILY_CHANNELS,
    isSensitive: false,
  },
  'compensation.decided': {
    priority: 'transactional',
    consentPurpose: 'service',
    placeholders: ['associationName', 'familyName', 'reference', 'outcome', 'reasons'],
    requiredPlaceholders: ['reference', 'outcome'],
    channels: FAMILY_CHANNELS,
    isSensitive: false,
  },
  'compensation.offer': {
    priority: 'transactional',
    consentPurpose: 'service',
    placeholders: ['associationName', 'familyName', 'reference', 'offer'],
    requiredPlaceholders: ['reference', 'offer'],
    channels: FAMILY_CHANNELS,
    isSensitive: false,
  },
  'compensation.settled': {
    priority: 'transactional',
    consentPurpose: 'service',
    placeholders: ['associationName', 'familyName', 'reference', 'amount'],
    requiredPlaceholders: ['reference'],
    channels: FAMILY_CHANNELS,
    isSensitive: false,
  },
  'compensation.payment': {
    priority: 'transactional',
    consentPurpose: 'service',
    placeholders: ['associationName', 'familyName', 'reference', 'amount', 'remaining'],
    requiredPlaceholders: ['reference', 'amount'],
    channels: FAMILY_CHANNELS,
    isSensitive: false,
  },
  // D4: a negotiation round's answer is due soon (or overdue), to the case's handlers.
  'compensation.round-due': {
    priority: 'transactional',
    consentPurpose: null,
    placeholders: ['associationName', 'reference', 'deadline'],
    requiredPlaceholders: ['reference', 'deadline'],
    channels: ['staff-app'],
    isSensitive: false,
  },
  // Issue 25 §2 (F2): what the law owes the person who asked about their data — a service message
  // (consent purpose `service`, never marketing), on the family's agreed channel or the complainant's.
  'privacy.request-extended': {
    priority: 'transactional',
    consentPurpose: 'service',
    placeholders: ['associationName', 'familyName', 'reference', 'deadline', 'reason'],
    requiredPlaceholders: ['reference', 'deadline'],
    channels: FAMILY_CHANNELS,
    isSensitive: false,
  },
  'privacy.request-answered': {
    priority: 'transactional',
    consentPurpose: 'service',
    placeholders: ['associationName', 'familyName', 'reference', 'answer'],
    requiredPlaceholders: ['reference', 'answer'],
    channels: FAMILY_CHANNELS,
    isSensitive: false,
  },
  'privacy.request-refused': {
    priority: 'transactional',
    consentPurpose: 'service',
    placeholders: ['associationName', 'familyName', 'reference', 'reason'],
    requiredPlaceholders: ['reference', 'reason'],
    channels: FAMILY_CHANNELS,
    isSensitive: false,
  },
  // Issue 25 §3: the access copy is ready — how to receive it (`howToReceive`, in the message's
  // language) and until when (`until`, Hijri and Gregorian); the copy itself never goes in a message.
  'privacy.copy-ready': {
    priority: 'transactional',
    consentPurpose: 'service',
    placeholders: ['associationName', 'familyName', 'reference', 'howToReceive', 'until'],
    requiredPlaceholders: ['reference', 'until'],
    channels: FAMILY_CHANNELS,
    isSensitive: false,
  },
  // F2: a request's or a breach's deadline is near or past, to the privacy officers (past: management too).
  'privacy.request-due': {
    priority: 'transactional',
    consentPurpose: null,
    placeholders: ['associationName', 'reference', 'deadline'],
    requiredPlaceholders: ['reference', 'deadline'],
    channels: ['staff-app'],
    isSensitive: false,
  },
  'privacy.breach-due': {
    priority: 'transactional',
    consentPurpose: null,
    placeholders: ['associationName', 'reference', 'deadline'],
    requiredPlaceholders: ['reference', 'deadline'],
    channels: ['staff-app'],
    isSensitive: false,
  },
  // Issue 25 §8: the people a breach affects are told (about their own data: a service message).
  'privacy.breach-notice': {
    priority: 'transactional',
    consentPurpose: 'service',
    placeholders: ['associationName', 'familyName', 'reference', 'message'],
    requiredPlaceholders: ['message'],
    channels: FAMILY_CHANNELS,
    isSensitive: false,
  },
};

/** Letters and faxes are the same printed letter. */
export function templateChannelOf(channel: DeliveryChannel): TemplateChannel {
  return channel === 'fax' ? 'letter' : channel;
}

/** Channels whose templates have a subject (e-mail subject, letter title, staff-app title). */
export const CHANNELS_WITH_SUBJECT: readonly TemplateChannel[] = ['email', 'letter', 'staff-app'];

/**
 * One-time codes (priority `code`, always with a lifetime) are never listed or opened in the outbox page, whoever
 * asks. Other sensitive messages (acknowledgements carrying a tracking code) are listed with their
 * status so a failure is seen, but their text is never shown and is erased once finished.
 */
export const UNLISTED_EVENTS: readonly string[] = Object.entries(EVENTS)
  .filter(([, definition]) => definition.priority === 'code')
  .map(([event]) => event);

/** The events of a priority (a migration's backfill and the tests name them). */
export function eventsOf(priority: MessagePriority): NotificationEvent[] {
  return (Object.keys(EVENTS) as NotificationEvent[]).filter((event) => EVENTS[event].priority === priority);
}
