import { z } from 'zod';
import { MESSAGE_STATES } from '../domain/message-state.js';
import { code, language, longText, text } from './common.js';

/**
 * The notification outbox's API (issue 4 §5–§7): the administrator's outbox page, the staff's print
 * queue and call tasks, the staff app's own messages, templates and the SMS gateway's format.
 */

/** How a message travels: a family's agreed channels (C5) and the staff app. */
export const DELIVERY_CHANNELS = ['sms', 'email', 'whatsapp', 'letter', 'fax', 'phone-call', 'staff-app'] as const;
export const deliveryChannel = z.enum(DELIVERY_CHANNELS);
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/** Templates: a fax is the printed letter; staff read the staff-app text (also their e-mail). */
export const TEMPLATE_CHANNELS = ['sms', 'email', 'whatsapp', 'letter', 'phone-call', 'staff-app'] as const;
export const templateChannel = z.enum(TEMPLATE_CHANNELS);
export type TemplateChannel = (typeof TEMPLATE_CHANNELS)[number];

/**
 * - `pending`: waiting for its transport (due now or at `nextAttemptAt`; or no transport configured);
 * - `sending`: claimed by a dispatcher right now;
 * - `sent`: handed to the gateway / mail server, a letter or fax sent by staff, or shown in the staff app;
 * - `failed`: refused for good, out of attempts, or without an address: an administrator may retry;
 * - `waiting-staff`: a letter or fax to print, or a call to make;
 * - `done`: a call that reached the family (other outcomes leave it waiting or failed);
 * - `expired`: a one-time code past its expiry, never sent late;
 * - `cancelled`: withdrawn by an administrator;
 * - `delivered`: the transport reported it reached the person (issue 20 §5);
 * - `skipped`: deliberately not sent, with why in `lastError` (e.g. `consent.withdrawn`).
 * Case pages show the states of `domain/message-state.ts` derived from these.
 */
export const MESSAGE_STATUSES = [
  'pending',
  'sending',
  'sent',
  'delivered',
  'failed',
  'skipped',
  'waiting-staff',
  'done',
  'expired',
  'cancelled',
] as const;
export const messageStatus = z.enum(MESSAGE_STATUSES);
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/**
 * Which queue a message waits in (issue 20 §1, C5, G3): per channel the dispatcher hands one-time
 * codes first, then transactional messages (acknowledgements, decisions, status changes), then bulk
 * (campaigns, announcements); oldest first within each. Every event declares one.
 */
export const MESSAGE_PRIORITIES = ['code', 'transactional', 'bulk'] as const;
export const messagePriority = z.enum(MESSAGE_PRIORITIES);
export type MessagePriority = (typeof MESSAGE_PRIORITIES)[number];

export const NOTIFICATION_EVENTS = [
  'family.registered',
  'auth.one-time-code',
  // The portal's code that confirms a request's data online (C4): SMS only, like the sign-in code.
  'request.attestation-code',
  'request.status-changed',
  // Service requests (issue 5, C5/C6): to the family on its agreed channel; deadlines to staff.
  'request.received',
  'request.information-requested',
  'request.decided',
  'request.deadline-warning',
  'request.deadline-breached',
  'complaint.received',
  'inquiry.received',
  // Issue 6 §4–§7: acknowledgement sent by staff for paper channels, the response or answer, staff notices.
  'complaint.acknowledged',
  'inquiry.acknowledged',
  'complaint.responded',
  'inquiry.answered',
  'complaint.assigned',
  'complaint.deadline-warning',
  'complaint.deadline-breached',
  // Issue 20 §2 (G3): a bulk send's announcement to families, for the purpose they may refuse.
  'announcement.general',
  // Issue 23 (D1–D4): a compensation case's news to the family; a round's deadline to its handlers.
  'compensation.opened',
  'compensation.decided',
  'compensation.offer',
  'compensation.settled',
  'compensation.payment',
  'compensation.round-due',
  // Issue 24 (H1, C1): the survey link to a family (bulk, purpose `surveys`); a negative answer's follow-up to its contact officer.
  'survey.invitation',
  'survey.follow-up',
  // Issue 26 §4–§5 (R1, R2, P-SCOPE): HR's reminder to acknowledge a policy; a contract party's one-time link.
  'acknowledgement.reminder',
  'acknowledgement.link',
  // Issue 25 (F2): a data-subject request's extension, answer or refusal to the requester, and its copy ready (§3); deadlines to the privacy officers; a breach's notice to the people affected.
  'privacy.request-extended',
  'privacy.request-answered',
  'privacy.request-refused',
  'privacy.copy-ready',
  'privacy.request-due',
  'privacy.breach-due',
  'privacy.breach-notice',
] as const;
export const notificationEvent = z.enum(NOTIFICATION_EVENTS);
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

export const recipientKind = z.enum(['family', 'staff', 'contact']);

// ---- outbox ----

export const outboxListQuery = z.strictObject({
  status: messageStatus.optional(),
  channel: deliveryChannel.optional(),
  event: notificationEvent.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const outboxItem = z.object({
  id: z.string(),
  event: z.string(),
  language,
  channel: deliveryChannel,
  status: messageStatus,
  priority: messagePriority,
  recipient: z.object({
    kind: recipientKind,
    id: z.string().nullable(),
    /** A family's reference (FAM-…), when the recipient is a family. */
    reference: z.string().nullable(),
    name: z.string().nullable(),
  }),
  /** Masked (+9665•••••567, f•••@example.org); the full address only in a message opened by reception. */
  address: z.string().nullable(),
  attempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  /** A code (e.g. `sms.http-503`, `recipient.no-address`), never personal data. */
  lastError: z.string().nullable(),
  sentAt: z.string().nullable(),
  /** When the transport reported it reached the person (issue 20 §5: WhatsApp's webhook, SMS reports). */
  deliveredAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  about: z.object({ type: z.string(), id: z.string() }).nullable(),
  handledAt: z.string().nullable(),
  handledBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/**
 * A message about a case, as the case's page shows it (issue 20 §5, C5): its truthful state, never
 * its text or address. `reason` says why it waits, failed or was skipped (a code the UI names).
 */
export const caseMessage = z.object({
  id: z.string(),
  event: z.string(),
  channel: deliveryChannel,
  state: z.enum(MESSAGE_STATES),
  reason: z.string().nullable(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
});
export type CaseMessage = z.infer<typeof caseMessage>;

export const outboxList = z.object({
  items: z.array(outboxItem),
  nextCursor: z.string().nullable(),
  /** Which automatic channels have a transport; messages on the others wait, visible. */
  transports: z.object({ sms: z.boolean(), email: z.boolean(), whatsapp: z.boolean() }),
});

export const outboxAttempt = z.object({
  attempt: z.number(),
  at: z.string(),
  outcome: z.string(),
  errorCode: z.string().nullable(),
});

export const outboxMessage = outboxItem.extend({
  subject: z.string().nullable(),
  body: z.string().nullable(),
  outcomeNote: z.string().nullable(),
  attemptLog: z.array(outboxAttempt),
});

/** A letter or fax printed and sent by staff. */
export const markSentBody = z.strictObject({ note: longText(1000).optional() });

export const CALL_OUTCOMES = ['reached', 'no-answer', 'wrong-number', 'other'] as const;

/**
 * A call made by staff: `reached` closes the task (done: the family was told); `no-answer` keeps it
 * open for another try; `wrong-number` fails it (the family's number needs correcting, then a retry);
 * `other` closes it failed with `call.other` — only a reached call counts as sent (issue 20 §5, C5).
 */
export const callOutcomeBody = z.strictObject({ outcome: z.enum(CALL_OUTCOMES), note: longText(1000).optional() });

export const tasksQuery = z.strictObject({
  channel: z.enum(['letter', 'fax', 'phone-call']).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

// ---- the staff app's own messages ----

export const staffNotification = z.object({
  id: z.string(),
  event: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  about: z.object({ type: z.string(), id: z.string() }).nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export const staffNotificationsQuery = z.strictObject({
  isUnreadOnly: z.enum(['true', 'false']).default('false'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const staffNotificationList = z.object({ items: z.array(staffNotification), nextCursor: z.string().nullable(), unread: z.number() });

// ---- templates ----

export const templateParams = z.strictObject({ event: notificationEvent, channel: templateChannel, language });

export const template = z.object({
  event: notificationEvent,
  channel: templateChannel,
  language,
  /** E-mail subject, letter title, staff-app title; null on the other channels. */
  subject: z.string().nullable(),
  body: z.string(),
  /** WhatsApp only: the template's name as approved in WhatsApp Manager. */
  whatsappTemplate: z.string().nullable(),
  /** False while the shipped default is in use. */
  isEdited: z.boolean(),
  updatedAt: z.string().nullable(),
});

export const eventCatalogEntry = z.object({
  event: notificationEvent,
  /** Placeholders a template of this event may use, as {{name}}. */
  placeholders: z.array(z.string()),
  /** Placeholders every template of this event must use (a code without {{code}} is useless). */
  requiredPlaceholders: z.array(z.string()),
  channels: z.array(templateChannel),
  isSensitive: z.boolean(),
  templates: z.array(template),
});

export const templateCatalog = z.array(eventCatalogEntry);

export const updateTemplateBody = z.strictObject({
  subject: text(300).nullable().optional(),
  body: longText(5000).pipe(z.string().min(1, 'field.required')),
  whatsappTemplate: z
    .string()
    .regex(/^[a-z0-9_]{1,512}$/, 'template.whatsapp-name')
    .nullable()
    .optional(),
});

// ---- settings ----

export const smsFormat = z.discriminatedUnion('preset', [
  z.strictObject({
    preset: z.literal('json').describe('POST {"to":"+9665…","text":"…","sender":"…"} with Authorization: Bearer SMS_GATEWAY_TOKEN'),
    sender: text(11, 0),
  }),
  z.strictObject({
    preset: z
      .literal('taqnyat')
      .describe('POST {"recipients":["9665…"],"body":"…","sender":"…"} with Authorization: Bearer SMS_GATEWAY_TOKEN'),
    sender: text(11, 0),
  }),
  z.strictObject({
    preset: z
      .literal('custom')
      .describe('The body below with {{to}} {{toDigits}} {{text}} {{sender}} {{id}} {{token}}, each escaped for the content type'),
    sender: text(11, 0),
    contentType: z.enum(['application/json', 'application/x-www-form-urlencoded']),
    body: longText(2000).pipe(z.string().min(1, 'field.required')),
    auth: z.enum(['bearer', 'none']),
  }),
]);

/** Automatic channels, each with its own transport and its own queue in the dispatcher. */
export const TRANSPORT_CHANNELS = ['sms', 'email', 'whatsapp'] as const;
export type TransportChannelName = (typeof TRANSPORT_CHANNELS)[number];

/** A transport's rate: at most this many messages handed to it per second (sent one at a time). */
const rate = z.number().int().min(1).max(100);

/**
 * Issue 20 §1: messages handed to each transport per second, at most. Conservative defaults most
 * Saudi SMS gateways, SMTP relays and the WhatsApp Cloud API accept without throttling.
 */
export const DEFAULT_TRANSPORT_RATES = { sms: 10, email: 10, whatsapp: 20 } as const;
export const transportRates = z.strictObject({ sms: rate, email: rate, whatsapp: rate });

export const notificationSettings = z.strictObject({
  /** How requests to SMS_GATEWAY_URL look; a blank sender uses the association's short English name. */
  sms: smsFormat,
  /** Messages per second handed to each transport (issue 20 §1); the defaults when left out. */
  rates: transportRates.default({ ...DEFAULT_TRANSPORT_RATES }),
});

export type OutboxItem = z.infer<typeof outboxItem>;
export type OutboxMessage = z.infer<typeof outboxMessage>;
export type OutboxListQuery = z.infer<typeof outboxListQuery>;
export type TasksQuery = z.infer<typeof tasksQuery>;
export type Template = z.infer<typeof template>;
export type UpdateTemplateBody = z.infer<typeof updateTemplateBody>;
export type NotificationSettings = z.infer<typeof notificationSettings>;
export type TransportRates = z.infer<typeof transportRates>;
export type StaffNotification = z.infer<typeof staffNotification>;
export type CallOutcomeBody = z.infer<typeof callOutcomeBody>;

// ---- bulk sends (issue 20 §2: announcements now, survey campaigns next) ----

/**
 * Who a bulk send goes to: families matching every filter given (none: every family). The registry's
 * filters (category, domain, office, agreed channel) and the requests' (a request type, an open request).
 */
export const bulkAudience = z.strictObject({
  category: code.optional(),
  domain: code.optional(),
  office: code.optional(),
  agreedChannel: z.enum(['sms', 'phone-call', 'email', 'whatsapp', 'letter', 'fax']).optional(),
  requestType: code.optional(),
  hasOpenRequest: z.boolean().optional(),
});
export type BulkAudience = z.infer<typeof bulkAudience>;

/** The audience counted before sending: in all, and by each family's agreed channel (letters and calls are staff's work). */
export const audienceCount = z.object({
  total: z.number().int(),
  byChannel: z.record(z.string(), z.number().int()),
  /** Families on letter, fax or call: included only when the sender ticks "include by letter/phone". */
  paper: z.number().int(),
});

export const BULK_SEND_STATUSES = ['scheduled', 'running', 'finished', 'cancelled'] as const;
export const BULK_EVENTS = ['announcement.general'] as const;

export const createBulkSendBody = z.strictObject({
  /** The same key twice starts one send (a double click, a retried request). */
  idempotencyKey: z.uuid(),
  name: text(120),
  event: z.enum(BULK_EVENTS),
  audience: bulkAudience,
  /** The text each family receives (in Arabic), placed in the event's template as {{text}}. */
  textAr: longText(1000).pipe(z.string().min(1, 'field.required')),
  /** Families on letter, fax or phone-call go to the print queue and call list only when ticked. */
  includePaper: z.boolean().default(false),
  /** When to start; now when left out. */
  scheduledAt: z.iso.datetime().optional(),
});
export type CreateBulkSendBody = z.infer<typeof createBulkSendBody>;

export const bulkSendCounts = z.object({
  /** Families in the audience when the send started. */
  total: z.number().int(),
  /** Families worked through so far (progress = processed ÷ total). */
  processed: z.number().int(),
  queued: z.number().int(),
  skippedConsent: z.number().int(),
  skippedNoChannel: z.number().int(),
  skippedPaper: z.number().int(),
  paper: z.number().int(),
});

/** What this user may do with this bulk send now (issue 19 §2), from the notifications policy. */
export const bulkSendAbilities = z.object({
  /** Stop it: administrators, while it is scheduled or running. */
  cancel: z.boolean(),
});
export type BulkSendAbilities = z.infer<typeof bulkSendAbilities>;

export const bulkSend = z.object({
  id: z.string(),
  name: z.string(),
  event: z.enum(BULK_EVENTS),
  audience: bulkAudience,
  textAr: z.string(),
  includePaper: z.boolean(),
  status: z.enum(BULK_SEND_STATUSES),
  scheduledAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  counts: bulkSendCounts,
  /** Where its messages are now (from the outbox): queued, sent, failed… */
  messages: z.record(z.string(), z.number().int()),
  abilities: bulkSendAbilities,
});
export type BulkSend = z.infer<typeof bulkSend>;

export const bulkSendList = z.object({ items: z.array(bulkSend), nextCursor: z.string().nullable() });

export const bulkResultsQuery = z.strictObject({
  state: z.enum(MESSAGE_STATES).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** One family's result: its reference, the channel and what became of the message (skipped: why). */
export const bulkResult = z.object({
  messageId: z.string(),
  familyId: z.string().nullable(),
  reference: z.string().nullable(),
  channel: deliveryChannel,
  state: z.enum(MESSAGE_STATES),
  reason: z.string().nullable(),
  sentAt: z.string().nullable(),
});
export const bulkResults = z.object({ items: z.array(bulkResult), nextCursor: z.string().nullable() });
export type AudienceCount = z.infer<typeof audienceCount>;
export type BulkResults = z.infer<typeof bulkResults>;
export type BulkResultsQuery = z.infer<typeof bulkResultsQuery>;
