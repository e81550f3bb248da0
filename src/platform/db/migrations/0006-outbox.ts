import { type Kysely, sql } from 'kysely';

/**
 * The notification outbox (issue 4 §5–§7, ARCHITECTURE.md "Notifications"): every message to a
 * family, a staff member or a one-off contact is a row written in the same transaction as the change
 * that causes it; a dispatcher delivers it and records each attempt. Addresses and texts are
 * encrypted (they may hold personal data). Templates store only an administrator's edits over the
 * defaults shipped in code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('outbox_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event', 'text', (c) => c.notNull()) // the template key, e.g. 'family.registered'
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('recipient_kind', 'text', (c) => c.notNull()) // 'family' | 'staff' | 'contact'
    .addColumn('recipient_id', 'text') // family or staff id; null for a one-off contact
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('address', 'text') // encrypted
    .addColumn('subject', 'text') // encrypted
    .addColumn('body', 'text') // encrypted; erased once a one-time code is finished
    .addColumn('transport_data', 'text') // encrypted JSON (WhatsApp template parameters)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text')
    .addColumn('claimed_at', 'text')
    .addColumn('last_error', 'text') // a code, never personal data
    .addColumn('sent_at', 'text')
    .addColumn('expires_at', 'text')
    .addColumn('is_sensitive', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('about_type', 'text') // what the message is about (a request, a complaint…)
    .addColumn('about_id', 'text')
    .addColumn('handled_by', 'text') // staff who printed the letter or made the call
    .addColumn('handled_at', 'text')
    .addColumn('outcome_note', 'text') // encrypted
    .addColumn('read_at', 'text') // staff-app messages
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The dispatcher's question: which pending messages are due?
  await db.schema.createIndex('outbox_messages_due').on('outbox_messages').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('outbox_messages_status').on('outbox_messages').columns(['status', 'id']).execute();
  await db.schema.createIndex('outbox_messages_channel').on('outbox_messages').columns(['channel', 'id']).execute();
  await db.schema
    .createIndex('outbox_messages_recipient')
    .on('outbox_messages')
    .columns(['recipient_kind', 'recipient_id', 'id'])
    .execute();
  await db.schema
    .createIndex('outbox_messages_about')
    .on('outbox_messages')
    .columns(['about_type', 'about_id'])
    .where(sql.ref('about_id'), 'is not', null)
    .execute();

  await db.schema
    .createTable('outbox_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull().references('outbox_messages.id').onDelete('cascade'))
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull()) // 'sent' | 'error'
    .addColumn('error_code', 'text')
    .execute();
  await db.schema.createIndex('outbox_attempts_message').on('outbox_attempts').columns(['message_id', 'attempt']).execute();

  await db.schema
    .createTable('message_templates')
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('whatsapp_template', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('message_templates_pk', ['event', 'channel', 'language'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['message_templates', 'outbox_attempts', 'outbox_messages']) await db.schema.dropTable(table).execute();
}
