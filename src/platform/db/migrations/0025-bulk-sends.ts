import type { Kysely } from 'kysely';

/**
 * Issue 20 §2 (G3): bulk sends — announcements now, survey campaigns next. A send names its audience
 * (the registry's filters), its text and when to start; a background job works through the audience
 * in batches, keyset by family id (`cursor`), each batch's messages and the new cursor in one
 * transaction — so a restart resumes where it stopped and, with each message's dedupe key
 * `bulk:<send>:<family>`, never sends twice. The counters are kept with the cursor.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('bulk_sends')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull()) // JSON of the filters
    .addColumn('scope', 'text', (c) => c.notNull()) // JSON: the sender's scope, which the audience never leaves (F2)
    .addColumn('text_ar', 'text', (c) => c.notNull())
    .addColumn('include_paper', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull()) // 'scheduled' | 'running' | 'finished' | 'cancelled'
    .addColumn('scheduled_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('cancelled_at', 'text')
    .addColumn('cancelled_by', 'text')
    .addColumn('cursor', 'text') // the last family id worked through
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('processed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('queued', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('skipped_consent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('skipped_no_channel', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('skipped_paper', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('paper', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bulk_sends_status').on('bulk_sends').columns(['status', 'scheduled_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('bulk_sends').execute();
}
