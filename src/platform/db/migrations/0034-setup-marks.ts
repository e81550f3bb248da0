import type { Kysely } from 'kysely';

/**
 * Issue 27 §7: what the administrator's set-up checklist cannot read from elsewhere — the last
 * successful test message of each transport, the "reviewed" marks of the request types and of a
 * year's holidays (who and when), and the last `sila backup` (when and how large). One row per
 * mark, replaced when it is made again; the audit trail keeps each time it was made.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('setup_marks')
    .addColumn('mark', 'text', (c) => c.primaryKey())
    .addColumn('done_at', 'text', (c) => c.notNull())
    .addColumn('done_by', 'text')
    .addColumn('bytes', 'bigint')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('setup_marks').execute();
}
