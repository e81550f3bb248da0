import type { Kysely } from 'kysely';

/**
 * Complaints and inquiries (issue 6): one table for both kinds — they come through one public link
 * (H5), share references, tracking, uploads and the writer's details — with every handling step in
 * `complaint_steps` (who and when), attachments through the file store, single-use upload tokens and
 * idempotent submissions. Kind-specific handling (assessment, concerned staff, settlement, routing
 * to contact officers) comes in tables of its own in later migrations.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('complaints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull()) // 'complaint' | 'inquiry'
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('tracking_index', 'text', (c) => c.unique()) // keyed hash of the tracking code; null for paper channels without one
    .addColumn('channel', 'text', (c) => c.notNull()) // A1–A5: website, fax, letter, phone, interview
    .addColumn('is_anonymous', 'integer', (c) => c.notNull())
    .addColumn('writer_name', 'text') // encrypted
    .addColumn('mobile', 'text') // encrypted
    .addColumn('mobile_index', 'text')
    .addColumn('email', 'text') // encrypted
    .addColumn('national_id', 'text') // encrypted
    .addColumn('national_id_index', 'text')
    .addColumn('family_id', 'text') // the registered family matched through the identity index
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('domain', 'text')
    .addColumn('description', 'text', (c) => c.notNull()) // encrypted
    .addColumn('remedy', 'text') // encrypted
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('response', 'text') // encrypted: the text sent to the writer
    .addColumn('responded_at', 'text')
    .addColumn('privacy_notice_version', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('clock_id', 'text')
    .addColumn('acknowledge_clock_id', 'text')
    .addColumn('created_by', 'text') // staff member for paper channels; null from the public link
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('complaints_open').on('complaints').columns(['kind', 'step', 'created_at']).execute();
  await db.schema.createIndex('complaints_family').on('complaints').column('family_id').execute();
  await db.schema.createIndex('complaints_national_id').on('complaints').column('national_id_index').execute();

  await db.schema
    .createTable('complaint_steps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('complaint_id', 'text', (c) => c.notNull().references('complaints.id'))
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull()) // 'anonymous' | 'staff' | 'system'
    .addColumn('actor_id', 'text')
    .addColumn('note', 'text') // encrypted; internal, never shown to the writer
    .execute();
  await db.schema.createIndex('complaint_steps_of').on('complaint_steps').columns(['complaint_id', 'at']).execute();

  await db.schema
    .createTable('complaint_attachments')
    .addColumn('complaint_id', 'text', (c) => c.notNull().references('complaints.id'))
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('complaint_attachments_pk', ['complaint_id', 'file_id'])
    .execute();

  // Files uploaded before the form is sent: a token (stored hashed) that one submission may use once, within an hour.
  await db.schema
    .createTable('public_uploads')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('public_uploads_expiry').on('public_uploads').columns(['used_at', 'expires_at']).execute();

  // Idempotency-Key replays: the same key and body answer the same; the stored answer is encrypted (it holds the tracking code).
  await db.schema
    .createTable('public_idempotency')
    .addColumn('key_hash', 'text', (c) => c.primaryKey())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('public_idempotency_expiry').on('public_idempotency').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['public_idempotency', 'public_uploads', 'complaint_attachments', 'complaint_steps', 'complaints']) {
    await db.schema.dropTable(table).execute();
  }
}
