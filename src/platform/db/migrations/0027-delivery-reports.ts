import { type Kysely, sql } from 'kysely';

/**
 * Issue 20 §5 (C5): a transport's delivery reports move a sent message to `delivered` (or `failed`).
 * `provider_id` is the id the SMS gateway, WhatsApp or the mail server gave the message when it
 * accepted it; a report names the message by it, so it is indexed per channel (a partial index: most
 * messages — letters, calls, the staff app — have none).
 *
 * A staff call whose outcome was "other" used to close as `done` and read "sent" though the family
 * was not reached (review of issue 20): those calls become `failed` with `call.other`, as new ones are.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox_messages').addColumn('provider_id', 'text').execute();
  await db.schema
    .createIndex('outbox_messages_provider')
    .on('outbox_messages')
    .columns(['channel', 'provider_id'])
    .where(sql.ref('provider_id'), 'is not', null)
    .execute();
  await db
    .updateTable('outbox_messages')
    .set({ status: 'failed', last_error: 'call.other', sent_at: null })
    .where('channel', '=', 'phone-call')
    .where('status', '=', 'done')
    .where('id', 'in', (eb: any) => eb.selectFrom('outbox_attempts').select('message_id').where('outcome', '=', 'call-other'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_messages_provider').execute();
  await db.schema.alterTable('outbox_messages').dropColumn('provider_id').execute();
}
