import type { Kysely } from 'kysely';

/**
 * Issue 20 §5, §6 (C5): messages say what happened to them, and their links are built when they are
 * sent. `needs_public_url` marks a message whose text carries links (paths resolved against
 * SILA_PUBLIC_URL by the dispatcher), so that while the address is unset the dispatcher parks it
 * without reading its text; `delivered_at` is when a transport reported it reached the person.
 * Statuses are text: `delivered` and `skipped` need no change to the column.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('outbox_messages')
    .addColumn('needs_public_url', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('outbox_messages').addColumn('delivered_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox_messages').dropColumn('delivered_at').execute();
  await db.schema.alterTable('outbox_messages').dropColumn('needs_public_url').execute();
}
