import type { Kysely } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import type { ComplaintRow } from '../../platform/db/schema-complaints.js';
import { AppError } from '../../platform/http/app-error.js';
import type { AuditEntry } from '../audit/index.js';
import { familyContact } from '../families/index.js';
import { type ContactChannel, enqueueMessage, type Recipient } from '../notifications/index.js';
import { deadlineOf } from './complaints.clocks.js';
import { open } from './complaints.sealing.js';
import { trackingPath } from './complaints.tracking.js';

/**
 * Messages about a case, through the outbox (issue 6 §4–§7): to the writer (the acknowledgement with
 * the tracking code, and the channel for news), and to the staff member a case now concerns.
 */
type Db = Kysely<Database>;
type Actor = AuditEntry['actor'];

/**
 * The writer's channel: the mobile and/or e-mail they gave for news (as the public form promises);
 * else a linked family's agreed channel (WhatsApp as SMS); else a letter to the postal address given.
 * None of these (an anonymous complaint without contact): the tracking page alone carries the news.
 */
export async function writerRecipients(trx: Db, ctx: AppContext, row: ComplaintRow): Promise<Recipient[]> {
  const language = row.language === 'en' ? 'en' : 'ar';
  const name = open(ctx, row.id, 'writer_name', row.writer_name) ?? undefined;
  const recipients: Recipient[] = [];
  const mobile = open(ctx, row.id, 'mobile', row.mobile);
  const email = open(ctx, row.id, 'email', row.email);
  const base = { kind: 'contact' as const, language: language as 'ar' | 'en', ...(name ? { name } : {}) };
  if (mobile) recipients.push({ ...base, channel: 'sms', address: mobile });
  if (email) recipients.push({ ...base, channel: 'email', address: email });
  if (recipients.length) return recipients;
  const contact = row.family_id ? await familyContact(ctx, row.family_id, trx) : null;
  if (contact) {
    const agreed = contact.agreedChannel as ContactChannel;
    return [{ kind: 'family', familyId: contact.id, channel: agreed === 'whatsapp' ? 'sms' : agreed }];
  }
  const postal = open(ctx, row.id, 'reply_address', row.reply_address);
  return postal ? [{ ...base, channel: 'letter', address: postal }] : [];
}

export type AckVia = 'sms' | 'email' | 'letter' | 'phone-call' | 'in-person' | 'family';

export async function sendAcknowledgement(trx: Db, ctx: AppContext, row: ComplaintRow, via: AckVia, actor: Actor): Promise<void> {
  if (via === 'in-person') return;
  const code = open(ctx, row.id, 'tracking_code', row.tracking_code);
  if (!code) throw AppError.conflict(`${row.kind}.no-tracking-code`, 'This case has no tracking code to send');
  const language = row.language === 'en' ? 'en' : 'ar';
  const name = open(ctx, row.id, 'writer_name', row.writer_name) ?? undefined;
  let recipient: Recipient;
  if (via === 'family') {
    const contact = row.family_id ? await familyContact(ctx, row.family_id, trx) : null;
    if (!contact) throw AppError.unprocessable(`${row.kind}.no-family`, 'No family is linked to this case');
    const agreed = contact.agreedChannel as ContactChannel;
    recipient = { kind: 'family', familyId: contact.id, channel: agreed === 'whatsapp' ? 'sms' : agreed };
  } else {
    const column = via === 'email' ? 'email' : via === 'letter' ? 'reply_address' : 'mobile';
    const address = open(ctx, row.id, column, row[column as 'email' | 'mobile' | 'reply_address']);
    if (!address)
      throw AppError.unprocessable(`${row.kind}.no-address`, `The writer gave no ${via === 'letter' ? 'postal address' : column}`, [
        { pointer: '/via', code: 'contact.missing', detail: `No ${column} for this channel` },
      ]);
    recipient = { kind: 'contact', channel: via, address, language, ...(name ? { name } : {}) };
  }
  await enqueueMessage(trx, ctx, {
    event: row.kind === 'complaint' ? 'complaint.acknowledged' : 'inquiry.acknowledged',
    recipient,
    language,
    params: { reference: row.reference, trackingCode: code, link: trackingPath(code) },
    about: { type: row.kind, id: row.id },
    dedupeKey: `${row.kind}:${row.id}:acknowledged:${via}`,
    actor,
  });
}

export async function notifyStaff(trx: Db, ctx: AppContext, staffId: string, row: ComplaintRow, actor: Actor): Promise<void> {
  const deadline = await deadlineOf(trx, row.clock_id);
  await enqueueMessage(trx, ctx, {
    event: 'complaint.assigned',
    recipient: { kind: 'staff', staffId },
    params: { reference: row.reference, deadline: deadline ? `${deadline.dayHijri} — ${deadline.day}` : '' },
    about: { type: row.kind, id: row.id },
    dedupeKey: `${row.kind}:${row.id}:assigned:${staffId}:${row.version}`,
    actor,
  });
}
