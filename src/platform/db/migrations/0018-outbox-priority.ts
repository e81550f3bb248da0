import { type Kysely, sql } from 'kysely';

/**
 * Issue 20 §1 (C5, G3): every outbox message carries its event's priority — `code`, `transactional`
 * or `bulk` — and the dispatcher empties each channel's queues in that order. Its question, "the next
 * due messages of this channel and priority, oldest first", is one index range read in the order it
 * wants on both engines, however long the backlog; it replaces the index the first-in-first-out
 * dispatcher used. Expiring codes are found through a small partial index of the messages that have
 * an expiry (codes), so a pass does not scan the backlog for them (80–300 ms at 20,000 rows).
 */
// The one-time-code events when this migration was written (a migration never reads module code).
const CODE_EVENTS = ['auth.one-time-code', 'request.attestation-code'];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('outbox_messages')
    .addColumn('priority', 'text', (c) => c.notNull().defaultTo('transactional'))
    .execute();
  await db.updateTable('outbox_messages').set({ priority: 'code' }).where('event', 'in', CODE_EVENTS).execute();
  await db.schema
    .createIndex('outbox_messages_next')
    .on('outbox_messages')
    .columns(['status', 'channel', 'priority', 'next_attempt_at', 'id'])
    .execute();
  await db.schema.dropIndex('outbox_messages_due').execute();
  await db.schema
    .createIndex('outbox_messages_expiring')
    .on('outbox_messages')
    .columns(['status', 'expires_at'])
    .where(sql.ref('expires_at'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_messages_expiring').execute();
  await db.schema.createIndex('outbox_messages_due').on('outbox_messages').columns(['status', 'next_attempt_at']).execute();
  await db.schema.dropIndex('outbox_messages_next').execute();
  await db.schema.alterTable('outbox_messages').dropColumn('priority').execute();
}
