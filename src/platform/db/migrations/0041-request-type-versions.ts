import { type Kysely, sql } from 'kysely';

/**
 * Issue 26 §3 (B5, C2, G2): request types gain real versions. `request_type_versions` keeps one
 * snapshot per create or edit — names, eligibility criteria, the checklist of required data and
 * documents, the reply days, committee and whether it was offered — with who made it and when; its
 * key is the type's code and its `version` (the same number `request_types.version` already counts).
 * Each request records `type_version`, the version it was filed under.
 *
 * Backfill: one snapshot per existing type, at its current version (the earlier edits left no trace
 * to rebuild), and every existing request points at its type's current version.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('request_type_versions')
    .addColumn('type_code', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('name_ar', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('criteria_ar', 'text', (c) => c.notNull())
    .addColumn('criteria_en', 'text', (c) => c.notNull())
    .addColumn('checklist', 'text', (c) => c.notNull())
    .addColumn('committee_id', 'text')
    .addColumn('response_working_days', 'integer', (c) => c.notNull())
    .addColumn('warning_threshold', 'integer')
    .addColumn('is_active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addPrimaryKeyConstraint('request_type_versions_pk', ['type_code', 'version'])
    .execute();
  await db.schema.alterTable('requests').addColumn('type_version', 'integer').execute();

  await sql`
    INSERT INTO request_type_versions
      (type_code, version, name_ar, name_en, criteria_ar, criteria_en, checklist, committee_id,
       response_working_days, warning_threshold, is_active, created_at, created_by)
    SELECT code, version, name_ar, name_en, criteria_ar, criteria_en, checklist, committee_id,
       response_working_days, warning_threshold, is_active, updated_at, updated_by
    FROM request_types`.execute(db);
  await sql`
    UPDATE requests SET type_version =
      (SELECT request_types.version FROM request_types WHERE request_types.code = requests.type_code)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('requests').dropColumn('type_version').execute();
  await db.schema.dropTable('request_type_versions').execute();
}
