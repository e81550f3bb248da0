import type { Kysely } from 'kysely';

/**
 * Issue 26 §1 (B1–B5, F4): the association's document library. Kinds are a setting (Harif's six
 * seeded); a document has a unique slug (its public address) and Arabic and English titles; each
 * version holds Arabic/English text or PDFs (in the file store), its effective day, what changed,
 * who approved it and when, and its status: draft → published → withdrawn. Booleans are 0/1.
 */
const AT = '2026-01-01T00:00:00.000Z';

const KINDS: Array<[string, string, string]> = [
  ['bylaws', 'اللائحة الأساسية', 'Bylaws'],
  ['policy', 'سياسة', 'Policy'],
  ['code-of-conduct', 'ميثاق أخلاقيات المهنة والسلوك', 'Code of conduct'],
  ['regulation', 'لائحة تنظيمية', 'Regulation'],
  ['form', 'نموذج', 'Form'],
  ['guide', 'دليل', 'Guide'],
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('document_kinds')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name_ar', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('document_kinds')
    .values(
      KINDS.map(([code, nameAr, nameEn], i) => ({
        code,
        name_ar: nameAr,
        name_en: nameEn,
        sort_order: (i + 1) * 10,
        is_active: 1,
        updated_at: AT,
      })),
    )
    .execute();

  await db.schema
    .createTable('documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title_ar', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull().defaultTo('public'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('documents_kind').on('documents').columns(['kind', 'slug']).execute();

  await db.schema
    .createTable('document_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('body_ar', 'text')
    .addColumn('body_en', 'text')
    .addColumn('is_english_summary', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('file_ar_id', 'text')
    .addColumn('file_en_id', 'text')
    .addColumn('effective_on', 'text')
    .addColumn('change_summary_ar', 'text')
    .addColumn('change_summary_en', 'text')
    .addColumn('approved_by', 'text')
    .addColumn('approved_on', 'text')
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'text')
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_by', 'text')
    .addColumn('withdraw_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('document_versions_number').on('document_versions').columns(['document_id', 'number']).unique().execute();
  await db.schema.createIndex('document_versions_status').on('document_versions').columns(['status', 'document_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('document_versions').execute();
  await db.schema.dropTable('documents').execute();
  await db.schema.dropTable('document_kinds').execute();
}
