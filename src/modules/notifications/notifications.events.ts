import type { DeliveryChannel, NotificationEvent, TemplateChannel } from '../../contracts/notifications.js';

/**
 * The events Sila sends messages about. Each declares the placeholders its templates may use (an
 * administrator's template using any other is refused when saved), the ones every template must
 * use, and the channels it has templates for. Later issues add their events here.
 */
export interface EventDefinition {
  placeholders: readonly string[];
  requiredPlaceholders: readonly string[];
  channels: readonly TemplateChannel[];
  /** Always this channel, whatever the family agreed (one-time codes go by SMS to the registered mobile). */
  fixedChannel?: DeliveryChannel;
  /** Never shown in the outbox page, erased once finished, never sent after `expiresAt`. */
  isSensitive: boolean;
  /** Default lifetime of a sensitive message. */
  ttlMinutes?: number;
}

const FAMILY_CHANNELS: readonly TemplateChannel[] = ['sms', 'email', 'whatsapp', 'letter', 'phone-call'];

/** Filled by the outbox itself; callers may override them. */
export const AUTOMATIC_PLACEHOLDERS = ['associationName', 'familyName', 'reference'] as const;

export const EVENTS: Record<NotificationEvent, EventDefinition> = {
  // A family's registration (a demonstration of the whole path; the registry may send it later).
  'family.registered': {
    placeholders: ['associationName', 'familyName', 'reference'],
    requiredPlaceholders: [],
    channels: FAMILY_CHANNELS,
    isSensitive: false,
  },
  // The beneficiary portal's sign-in code: SMS to the registered mobile only (issue 4 §5).
  'auth.one-time-code': {
    placeholders: ['associationName', 'code', 'minutes'],
    requiredPlaceholders: ['code'],
    channels: ['sms'],
    fixedChannel: 'sms',
    isSensitive: true,
    ttlMinutes: 10,
  },
  // C4 online: the code a family types in the portal to confirm its request's data (issue 5 §4).
  'request.attestation-code': {
    placeholders: ['associationName', 'code', 'minutes', 'reference'],
    requiredPlaceholders: ['code', 'reference'],
    channels: ['sms'],
    fixedChannel: 'sms',
    isSensitive: true,
    ttlMinutes: 10,
  },
  // C5: news of a service request on the family's agreed channel; staff get it in the app.
  'request.status-changed': {
    placeholders: ['associationName', 'familyName', 'reference', 'status', 'deadline', 'link'],
    requiredPlaceholders: ['reference'],
    channels: [...FAMILY_CHANNELS, 'staff-app'],
    isSensitive: false,
  },
  // C5, C6: the request reached the competent committee; the reply is due by {{deadline}} (both calendars).
  'request.received': {
    placeholders: ['associationName', 'familyName', 'reference', 'typeName', 'deadline'],
    requiredPlaceholders: ['reference', 'deadline'],
    channels: FAMILY_CHANNELS,
    isSensitive: false,
  },
  // C5: the committee needs more from the family; the clock waits meanwhile (C6).
  'request.information-requested': {
    placeholders: ['associationName', 'familyName', 'reference', 'typeName', 'note'],
    requiredPlaceholders: ['reference'],
    channels: FAMILY_CHANNELS,
    isSensitive: false,
  },
  // C5, C6: the committee's decision with its reasons — the reply the policy asks for.
  'request.decided': {
    placeholders: ['associationName', 'familyName', 'reference', 'typeName', 'outcome', 'reasons'],
    requiredPlaceholders: ['reference', 'outcome'],
    channels: FAMILY_CHANNELS,
    isSensitive: false,
  },
  // C6: to the responsible staff and management when a request's reply is due soon or overdue.
  'request.deadline-warning': {
    placeholders: ['associationName', 'reference', 'typeName', 'deadline', 'familyName'],
    requiredPlaceholders: ['reference', 'deadline'],
    channels: ['staff-app'],
    isSensitive: false,
  },
  'request.deadline-breached': {
    placeholders: ['associationName', 'reference', 'typeName', 'deadline', 'familyName'],
    requiredPlaceholders: ['reference', 'deadline'],
    channels: ['staff-app'],
    isSensitive: false,
  },
  // E1, C1: the acknowledgement of a complaint or inquiry from the public link, on the channel the
  // writer gave. Sensitive: the link carries the tracking code, which staff pages never show.
  'complaint.received': {
    placeholders: ['associationName', 'familyName', 'reference', 'trackingCode', 'link'],
    requiredPlaceholders: ['reference', 'link'],
    channels: ['sms', 'email'],
    isSensitive: true,
  },
  'inquiry.received': {
    placeholders: ['associationName', 'familyName', 'reference', 'trackingCode', 'link'],
    requiredPlaceholders: ['reference', 'link'],
    channels: ['sms', 'email'],
    isSensitive: true,
  },
  // Issue 6 §4: a paper complaint's or inquiry's acknowledgement, sent by staff or on a linked
  // family's agreed channel (WhatsApp falls back to SMS). Sensitive: it carries the tracking code.
  'complaint.acknowledged': {
    placeholders: ['associationName', 'familyName', 'reference', 'trackingCode', 'link'],
    requiredPlaceholders: ['reference', 'trackingCode'],
    channels: ['sms', 'email', 'letter', 'phone-call'],
    isSensitive: true,
  },
  'inquiry.acknowledged': {
    placeholders: ['associationName', 'familyName', 'reference', 'trackingCode', 'link'],
    requiredPlaceholders: ['reference', 'trackingCode'],
    channels: ['sms', 'email', 'letter', 'phone-call'],
    isSensitive: true,
  },
  // E1 (ISO 10002 "communicate the decision"): the response with its reasons and how to escalate.
  'complaint.responded': {
    placeholders: ['associationName', 'familyName', 'reference', 'response', 'escalation'],
    requiredPlaceholders: ['reference', 'response'],
    channels: ['sms', 'email', 'letter', 'phone-call'],
    isSensitive: false,
  },
  // C1, G2: the contact officer's answer.
  'inquiry.answered': {
    placeholders: ['associationName', 'familyName', 'reference', 'answer'],
    requiredPlaceholders: ['reference', 'answer'],
    channels: ['sms', 'email', 'letter', 'phone-call'],
    isSensitive: false,
  },
  // To the member or contact officer a complaint or inquiry is assigned or routed to.
  'complaint.assigned': {
    placeholders: ['associationName', 'reference', 'deadline'],
    requiredPlaceholders: ['reference'],
    channels: ['staff-app'],
    isSensitive: false,
  },
  // E1: warnings to the handler; breaches escalated to management too (both kinds; the reference says which).
  'complaint.deadline-warning': {
    placeholders: ['associationName', 'reference', 'deadline'],
    requiredPlaceholders: ['reference', 'deadline'],
    channels: ['staff-app'],
    isSensitive: false,
  },
  'complaint.deadline-breached': {
    placeholders: ['associationName', 'reference', 'deadline'],
    requiredPlaceholders: ['reference', 'deadline'],
    channels: ['staff-app'],
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
 * One-time codes (events with a lifetime) are never listed or opened in the outbox page, whoever
 * asks. Other sensitive messages (acknowledgements carrying a tracking code) are listed with their
 * status so a failure is seen, but their text is never shown and is erased once finished.
 */
export const UNLISTED_EVENTS: readonly string[] = Object.entries(EVENTS)
  .filter(([, definition]) => definition.ttlMinutes !== undefined)
  .map(([event]) => event);
