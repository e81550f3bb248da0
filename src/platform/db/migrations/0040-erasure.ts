import type { Kysely } from 'kysely';

/**
 * Issue 25 §5–§6 (F2): the erasure ledger — which family was erased (as which anonymised number)
 * or which record retention anonymised, when, and whether by a request or by retention (ids and dates only; `sila restore` re-applies it);
 * the retention periods per record kind (months; null: never); and the retention job's runs with
 * the report of what each did (or, dry, would do).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('erasures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // 'families' (a family erased), 'requests' or 'complaints' (one record anonymised by retention)
    .addColumn('subject_table', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.unique()) // N of «أسرة مجهّلة رقم N»; families only
    .addColumn('cause', 'text', (c) => c.notNull()) // 'request' | 'retention'
    .addColumn('request_ref', 'text')
    .addColumn('erased_by', 'text')
    .addColumn('erased_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('erasures_subject').on('erasures').columns(['subject_table', 'subject_id']).unique().execute();
  await db.schema
    .createTable('retention_periods')
    .addColumn('kind', 'text', (c) => c.primaryKey()) // 'families' | 'rejected-requests' | 'complaints'
    .addColumn('months', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
  await db.schema
    .createTable('retention_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('report', 'text', (c) => c.notNull()) // JSON: per kind, how many anonymised and held
    .execute();
  await db.schema.createIndex('retention_runs_started').on('retention_runs').column('started_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('retention_runs').execute();
  await db.schema.dropTable('retention_periods').execute();
  await db.schema.dropTable('erasures').execute();
}
