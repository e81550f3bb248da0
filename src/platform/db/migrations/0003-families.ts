import { type Kysely, sql } from 'kysely';
import { engineOf } from '../dialect.js';

/**
 * The beneficiary registry (issue 3): families, their domains and household members; every ID
 * number (head or member) in one identity index so the same person cannot be registered twice
 * across households; a name search on a normalised column (FTS5 trigram on SQLite, pg_trgm on
 * PostgreSQL); reference counters; import jobs.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const isPostgres = engineOf(db) === 'postgres';

  await db.schema
    .createTable('counters')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('families')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('head_name_ar', 'text', (c) => c.notNull())
    .addColumn('head_name_en', 'text')
    .addColumn('name_normalised', 'text', (c) => c.notNull())
    .addColumn('national_id', 'text', (c) => c.notNull()) // encrypted
    .addColumn('national_id_index', 'text', (c) => c.notNull())
    .addColumn('mobile', 'text') // encrypted
    .addColumn('mobile_index', 'text')
    .addColumn('other_phone', 'text') // encrypted
    .addColumn('email', 'text') // encrypted
    .addColumn('city', 'text', (c) => c.notNull())
    .addColumn('address', 'text') // encrypted
    .addColumn('office', 'text', (c) => c.notNull().references('offices.code'))
    .addColumn('category', 'text', (c) => c.notNull().references('categories.code'))
    .addColumn('agreed_channel', 'text', (c) => c.notNull())
    .addColumn('origin_channel', 'text', (c) => c.notNull())
    .addColumn('notes', 'text') // encrypted
    .addColumn('consent_at', 'text', (c) => c.notNull())
    .addColumn('privacy_notice_version', 'text', (c) => c.notNull())
    .addColumn('registered_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('families_created').on('families').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('families_name').on('families').columns(['name_normalised', 'id']).execute();
  await db.schema.createIndex('families_scope').on('families').columns(['office', 'category', 'created_at']).execute();
  await db.schema.createIndex('families_registered_by').on('families').columns(['registered_by', 'created_at']).execute();
  await db.schema.createIndex('families_mobile').on('families').column('mobile_index').execute();
  // Same normalised name and mobile is the same family (issue 3 §4).
  await db.schema
    .createIndex('families_name_mobile_unique')
    .on('families')
    .columns(['name_normalised', 'mobile_index'])
    .unique()
    .where(sql.ref('mobile_index'), 'is not', null)
    .execute();

  await db.schema
    .createTable('family_domains')
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id').onDelete('cascade'))
    .addColumn('domain', 'text', (c) => c.notNull().references('domains.code'))
    .addPrimaryKeyConstraint('family_domains_pk', ['family_id', 'domain'])
    .execute();
  await db.schema.createIndex('family_domains_domain').on('family_domains').columns(['domain', 'family_id']).execute();

  await db.schema
    .createTable('household_members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('national_id', 'text') // encrypted
    .addColumn('national_id_index', 'text')
    .addColumn('birth_date', 'text')
    .addColumn('birth_date_calendar', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('household_members_family').on('household_members').columns(['family_id', 'position']).execute();

  // Every ID number in the registry, heads and members alike, exactly once.
  await db.schema
    .createTable('identity_index')
    .addColumn('national_id_index', 'text', (c) => c.primaryKey())
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id').onDelete('cascade'))
    .addColumn('member_id', 'text')
    .execute();
  await db.schema.createIndex('identity_index_family').on('identity_index').column('family_id').execute();

  await db.schema
    .createTable('family_channel_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id').onDelete('cascade'))
    .addColumn('from_channel', 'text', (c) => c.notNull())
    .addColumn('to_channel', 'text', (c) => c.notNull())
    .addColumn('consent_note', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('family_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('rows', 'text', (c) => c.notNull()) // encrypted JSON of the parsed cells
    .addColumn('columns', 'text', (c) => c.notNull())
    .addColumn('mapping', 'text')
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('processed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('imported', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('errors', 'text')
    .addColumn('finished_at', 'text')
    .execute();

  if (isPostgres) {
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`create index families_name_trgm on families using gin (name_normalised gin_trgm_ops)`.execute(db);
  } else {
    await sql`create virtual table families_fts using fts5(name_normalised, content='families', content_rowid='rowid', tokenize='trigram')`.execute(
      db,
    );
    await sql`create trigger families_fts_insert after insert on families begin
      insert into families_fts(rowid, name_normalised) values (new.rowid, new.name_normalised); end`.execute(db);
    await sql`create trigger families_fts_delete after delete on families begin
      insert into families_fts(families_fts, rowid, name_normalised) values ('delete', old.rowid, old.name_normalised); end`.execute(db);
    await sql`create trigger families_fts_update after update of name_normalised on families begin
      insert into families_fts(families_fts, rowid, name_normalised) values ('delete', old.rowid, old.name_normalised);
      insert into families_fts(rowid, name_normalised) values (new.rowid, new.name_normalised); end`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (engineOf(db) === 'sqlite') await sql`drop table if exists families_fts`.execute(db);
  for (const table of [
    'family_imports',
    'family_channel_changes',
    'identity_index',
    'household_members',
    'family_domains',
    'families',
    'counters',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
