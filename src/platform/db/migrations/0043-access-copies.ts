import type { Kysely } from 'kysely';

/**
 * Issue 25 §3 (F2; docs/decisions/015-access-copy.md): a data subject's access copy, asked for by a
 * privacy officer and produced by a background job into the file store (an HTML print page and a
 * JSON file, both encrypted there). Downloadable until `expires_at` (7 days after production); the
 * job then destroys the files. Instants are UTC ISO strings.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('privacy_access_copies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('privacy_requests.id'))
    .addColumn('status', 'text', (c) => c.notNull()) // pending | ready | expired
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('produced_at', 'text')
    .addColumn('expires_at', 'text')
    .addColumn('html_file_id', 'text')
    .addColumn('json_file_id', 'text')
    .addColumn('row_count', 'integer')
    .execute();
  await db.schema
    .createIndex('privacy_access_copies_request')
    .on('privacy_access_copies')
    .columns(['request_id', 'requested_at'])
    .execute();
  await db.schema.createIndex('privacy_access_copies_status').on('privacy_access_copies').columns(['status', 'expires_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('privacy_access_copies').execute();
}
