import type { Kysely } from 'kysely';
import type { DeliveryChannel, MessageStatus, NotificationEvent, TemplateChannel } from '../../contracts/notifications.js';
import type { AssociationSettings } from '../../contracts/settings.js';
import type { AppContext } from '../../platform/context.js';
import type { Database, OutboxMessageTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/app-error.js';
import { uuidv7 } from '../../platform/ids.js';
import { type AuditEntry, recordAudit } from '../audit/index.js';
import { consentAllows, consentDecision, type FamilyContact, familyContact } from '../families/index.js';
import { getAssociation } from '../settings/index.js';
import { staffContact } from '../staff/index.js';
import { EVENTS, templateChannelOf } from './notifications.events.js';
import type { BatchReads } from './outbox.batch-reads.js';
import * as repo from './outbox.repo.js';
import { hasLinks, isLinkPlaceholder, linkToken, placeholdersIn, renderTemplate } from './templates.render.js';
import { resolveTemplate } from './templates.service.js';

/**
 * Writing messages to the outbox (issue 4 §5, ARCHITECTURE.md "Notifications"). A message is a row
 * written in the caller's transaction, so a change that rolls back leaves no message and a change
 * that commits never loses one. The dispatcher delivers it later.
 */
type Db = Kysely<Database>;
export type Language = 'ar' | 'en';
/** Channels a family or a one-off contact can be reached on (C5: the family's agreed channel). */
export type ContactChannel = Exclude<DeliveryChannel, 'staff-app'>;

export type Recipient =
  /** On its agreed channel, unless `channel` names one (or the event fixes one). */
  | { kind: 'family'; familyId: string; channel?: ContactChannel }
  /** In the staff app, and by e-mail when they have an address. */
  | { kind: 'staff'; staffId: string }
  /** Someone outside the registry, e.g. an anonymous complainant (E1), on the channel they gave. */
  | { kind: 'contact'; channel: ContactChannel; address: string | null; name?: string; language?: Language };

export interface EnqueueInput {
  event: NotificationEvent;
  recipient: Recipient;
  /** Values for the event's placeholders; associationName, familyName and reference are filled when known. */
  params?: Record<string, string>;
  language?: Language;
  /** The same key twice writes one message (per delivery): safe to call again after a retry of the change. */
  dedupeKey?: string;
  /** What the message is about, so that record's page can list its messages. */
  about?: { type: string; id: string };
  /** For one-time codes: never delivered after this (defaults to the event's lifetime). */
  expiresAt?: Date;
  /** Written skipped with this reason, never sent (a bulk send's family on paper the sender left out). */
  skipReason?: string;
  actor?: AuditEntry['actor'];
}

export interface QueuedMessage {
  id: string;
  channel: DeliveryChannel;
  status: MessageStatus;
  /** Why it was skipped or failed at once (e.g. `consent.purpose-withdrawn`, `recipient.no-address`). */
  reason: string | null;
}

interface Delivery {
  recipientKind: 'family' | 'staff' | 'contact';
  recipientId: string | null;
  channel: DeliveryChannel;
  templateChannel: TemplateChannel;
  address: string | null;
  language: Language;
  values: Record<string, string>;
  dedupeKey: string | null;
}

export const outboxAad = (id: string, column: 'address' | 'subject' | 'body' | 'transport_data' | 'outcome_note') =>
  `outbox:${id}:${column}`;

/** Letters, faxes and calls are done by staff (issue 4 §6): they wait in the print queue or task list. */
export const STAFF_CHANNELS: readonly DeliveryChannel[] = ['letter', 'fax', 'phone-call'];

/** The status a message starts in (and returns to when an administrator retries it). */
export function initialStatus(channel: DeliveryChannel): MessageStatus {
  if (channel === 'staff-app') return 'sent';
  return STAFF_CHANNELS.includes(channel) ? 'waiting-staff' : 'pending';
}

/** Where a family is reached on a channel; a letter can always be printed (and handed over). */
export function familyAddress(contact: FamilyContact, channel: ContactChannel): string | null {
  switch (channel) {
    case 'sms':
    case 'whatsapp':
      return contact.mobile;
    case 'phone-call':
      return contact.mobile ?? contact.otherPhone;
    case 'email':
      return contact.email;
    case 'fax':
      return contact.otherPhone;
    case 'letter':
      return [contact.address, contact.city].filter(Boolean).join('\n');
  }
}

/** Why a message with links waits: SILA_PUBLIC_URL is not set (issue 20 §6). */
export const PUBLIC_URL_UNSET = 'link.public-url-unset';

/** Link placeholders given as paths (`/complaints/track#…`) are stored as links resolved at sending (§6). */
function withLinkTokens(values: Record<string, string>): Record<string, string> {
  const out = { ...values };
  for (const [name, value] of Object.entries(values)) if (isLinkPlaceholder(name) && value.startsWith('/')) out[name] = linkToken(value);
  return out;
}

function associationName(association: AssociationSettings, language: Language): string {
  return language === 'ar' ? association.nameAr : association.nameEn;
}

async function planDeliveries(
  trx: Db,
  ctx: AppContext,
  input: EnqueueInput,
  association: AssociationSettings,
  reads: BatchReads | undefined,
): Promise<Delivery[]> {
  const definition = EVENTS[input.event];
  const { recipient } = input;
  const key = input.dedupeKey ?? null;
  if (recipient.kind === 'family') {
    const contact = reads ? reads.contacts.get(recipient.familyId) : await familyContact(ctx, recipient.familyId, trx);
    if (!contact) throw AppError.notFound('family.not-found', 'No such family');
    const language = input.language ?? 'ar';
    // A one-time code goes where its sender says (issue 20 §7), else by SMS: never by the agreed letter or call.
    const channel = (definition.fixedChannel ??
      recipient.channel ??
      (definition.priority === 'code' ? 'sms' : contact.agreedChannel)) as ContactChannel;
    const familyName = language === 'en' && contact.headNameEn ? contact.headNameEn : contact.headNameAr;
    return [
      {
        recipientKind: 'family',
        recipientId: contact.id,
        channel,
        templateChannel: templateChannelOf(channel),
        address: familyAddress(contact, channel),
        language,
        values: { associationName: associationName(association, language), familyName, reference: contact.reference },
        dedupeKey: key,
      },
    ];
  }
  if (recipient.kind === 'staff') {
    const staff = await staffContact(trx, recipient.staffId);
    if (!staff) throw AppError.notFound('staff.not-found', 'No such staff member');
    const language = input.language ?? (staff.language === 'en' ? 'en' : 'ar');
    const values = { associationName: associationName(association, language) };
    const base = { recipientKind: 'staff' as const, recipientId: staff.id, templateChannel: 'staff-app' as const, language, values };
    const deliveries: Delivery[] = [{ ...base, channel: 'staff-app', address: null, dedupeKey: key }];
    // Deactivated staff keep their in-app history but get no more e-mail.
    if (staff.email && staff.is_active === 1)
      deliveries.push({ ...base, channel: 'email', address: staff.email, dedupeKey: key && `${key}#email` });
    return deliveries;
  }
  const language = recipient.language ?? input.language ?? 'ar';
  const channel = definition.fixedChannel ?? recipient.channel;
  return [
    {
      recipientKind: 'contact',
      recipientId: null,
      channel,
      templateChannel: templateChannelOf(channel),
      address: recipient.address,
      language,
      values: { associationName: associationName(association, language), ...(recipient.name ? { familyName: recipient.name } : {}) },
      dedupeKey: key,
    },
  ];
}

/**
 * Writes the messages an event causes, in the caller's transaction (`trx`). Returns one message
 * per delivery (a staff member may get two: the staff app and e-mail); with a `dedupeKey` already
 * used, the existing message is returned and nothing new is written.
 * @example
 * await ctx.db.transaction().execute(async (trx) => {
 *   // … the change itself …
 *   await enqueueMessage(trx, ctx, { event: 'family.registered', recipient: { kind: 'family', familyId } });
 * });
 * A bulk send passes `reads`, what its batch read once for all its families (outbox.batch-reads.ts).
 */
export async function enqueueMessage(trx: Db, ctx: AppContext, input: EnqueueInput, reads?: BatchReads): Promise<QueuedMessage[]> {
  const definition = EVENTS[input.event];
  const now = ctx.clock.now();
  // Read through the transaction: on SQLite the one connection is held by it.
  const association = reads?.association ?? (await getAssociation({ ...ctx, db: trx }));
  const deliveries = await planDeliveries(trx, ctx, input, association, reads);
  const queued: QueuedMessage[] = [];
  for (const delivery of deliveries) {
    if (!definition.channels.includes(delivery.templateChannel)) {
      throw new Error(`enqueueMessage: ${input.event} has no ${delivery.templateChannel} template`);
    }
    if (delivery.dedupeKey) {
      // A batch's keys were looked up at once; one it did not know is caught by the insert below.
      const existing = reads ? reads.existing.get(delivery.dedupeKey) : await repo.findByDedupeKey(trx, delivery.dedupeKey);
      if (existing) {
        queued.push({
          id: existing.id,
          channel: existing.channel as DeliveryChannel,
          status: existing.status as MessageStatus,
          reason: existing.last_error,
        });
        continue;
      }
    }
    const values = withLinkTokens({ ...delivery.values, ...input.params });
    const missing = definition.requiredPlaceholders.filter((name) => !values[name]);
    if (missing.length) throw new Error(`enqueueMessage: ${input.event} needs ${missing.join(', ')}`);

    const template = reads
      ? reads.template(delivery.templateChannel, delivery.language)
      : await resolveTemplate(trx, input.event, delivery.templateChannel, delivery.language);
    const id = uuidv7(now.getTime());
    const seal = (column: Parameters<typeof outboxAad>[1], text: string | null) =>
      text === null ? null : ctx.keys.encryptor.encrypt(text, outboxAad(id, column));
    const whatsapp =
      delivery.channel === 'whatsapp'
        ? {
            template: template.whatsappTemplate ?? '',
            language: delivery.language,
            // WhatsApp refuses empty parameters.
            parameters: placeholdersIn(template.body).map((name) => values[name] || '-'),
          }
        : null;
    const subject = template.subject === null ? null : renderTemplate(template.subject, values);
    const body = renderTemplate(template.body, values);
    const transportData = whatsapp && JSON.stringify(whatsapp);
    const hasNoAddress = delivery.channel !== 'staff-app' && delivery.channel !== 'letter' && !delivery.address;
    // §3 (F2): a family's consent is checked here, whoever sends: a withdrawn purpose or channel is skipped, saying why
    // (from the consents a bulk send's batch read, or read now).
    const asked = definition.consentPurpose && { purpose: definition.consentPurpose, channel: delivery.channel };
    const consent =
      delivery.recipientKind === 'family' && asked && delivery.recipientId
        ? reads
          ? consentDecision(reads.consents.get(delivery.recipientId), asked)
          : await consentAllows(trx, delivery.recipientId, asked)
        : ({ allowed: true } as const);
    // A bulk message nobody can receive is skipped (no reachable channel); a message about the family's own case fails, to be fixed.
    const skipReason =
      input.skipReason ??
      (!consent.allowed ? consent.reason : hasNoAddress && definition.priority === 'bulk' ? 'recipient.no-address' : null);
    const status: MessageStatus = skipReason ? 'skipped' : hasNoAddress ? 'failed' : initialStatus(delivery.channel);
    // §6: links are made absolute when sent; with no public URL yet the message waits, saying why.
    const needsPublicUrl = hasLinks(body) || hasLinks(subject) || hasLinks(transportData);
    const isParked = status === 'pending' && needsPublicUrl && !ctx.config.publicUrl;
    const expiresAt = input.expiresAt ?? (definition.ttlMinutes ? new Date(now.getTime() + definition.ttlMinutes * 60_000) : null);
    const row: OutboxMessageTable = {
      id,
      event: input.event,
      language: delivery.language,
      recipient_kind: delivery.recipientKind,
      recipient_id: delivery.recipientId,
      channel: delivery.channel,
      address: seal('address', delivery.address),
      subject: seal('subject', subject),
      body: seal('body', body),
      transport_data: seal('transport_data', transportData),
      status,
      // Issue 20 §1: the queue it waits in, from the event's declaration.
      priority: definition.priority,
      attempts: 0,
      next_attempt_at: status === 'pending' && !isParked ? now.toISOString() : null,
      claimed_at: null,
      last_error: skipReason ?? (hasNoAddress ? 'recipient.no-address' : isParked ? PUBLIC_URL_UNSET : null),
      sent_at: status === 'sent' ? now.toISOString() : null,
      expires_at: expiresAt ? expiresAt.toISOString() : null,
      is_sensitive: definition.isSensitive ? 1 : 0,
      dedupe_key: delivery.dedupeKey,
      about_type: input.about?.type ?? null,
      about_id: input.about?.id ?? null,
      handled_by: null,
      handled_at: null,
      outcome_note: null,
      read_at: null,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
      needs_public_url: needsPublicUrl ? 1 : 0,
      delivered_at: null,
      provider_id: null,
    };
    if (!(await repo.insertMessage(trx, row))) {
      // A concurrent change with the same key got there first: its message stands.
      const existing = await repo.findByDedupeKey(trx, delivery.dedupeKey as string);
      if (existing)
        queued.push({
          id: existing.id,
          channel: existing.channel as DeliveryChannel,
          status: existing.status as MessageStatus,
          reason: existing.last_error,
        });
      continue;
    }
    await recordAudit(trx, {
      at: now,
      actor: input.actor ?? { kind: 'system', id: null },
      action: 'message.queue',
      entity: 'outbox_message',
      entityId: id,
      details: {
        event: input.event,
        channel: delivery.channel,
        recipientKind: delivery.recipientKind,
        recipientId: delivery.recipientId,
        ...(skipReason ? { skipped: skipReason } : {}),
      },
    });
    queued.push({ id, channel: delivery.channel, status, reason: row.last_error });
  }
  return queued;
}
