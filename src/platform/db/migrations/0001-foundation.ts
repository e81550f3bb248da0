import type { Kysely } from 'kysely';
import { engineOf } from '../dialect.js';

/** Staff accounts, sessions, sign-in throttle, settings, taxonomies and the audit table. */
export async function up(db: Kysely<any>): Promise<void> {
  const isPostgres = engineOf(db) === 'postgres';

  await db.schema
    .createTable('staff_users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('password_changed_at', 'text', (c) => c.notNull())
    .addColumn('totp_secret', 'text')
    .addColumn('totp_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('totp_last_step', 'bigint')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('ar'))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deactivated_at', 'text')
    .execute();

  await db.schema
    .createTable('staff_roles')
    .addColumn('user_id', 'text', (c) => c.notNull().references('staff_users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('staff_roles_pk', ['user_id', 'role'])
    .execute();

  await db.schema
    .createTable('staff_scopes')
    .addColumn('user_id', 'text', (c) => c.notNull().references('staff_users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('staff_scopes_pk', ['user_id', 'kind', 'code'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('principal_kind', 'text', (c) => c.notNull())
    .addColumn('principal_id', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_principal').on('sessions').columns(['principal_kind', 'principal_id']).execute();

  await db.schema
    .createTable('sign_in_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  for (const table of ['categories', 'domains', 'offices']) {
    await db.schema
      .createTable(table)
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('name_ar', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  }

  await db.schema
    .createTable('audit_events')
    .addColumn('seq', isPostgres ? 'bigserial' : 'integer', (c) => (isPostgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('fields', 'text')
    .addColumn('details', 'text')
    .addColumn('prev_hash', 'text')
    .addColumn('hash', 'text')
    .execute();
  await db.schema.createIndex('audit_events_entity').on('audit_events').columns(['entity', 'entity_id', 'seq']).execute();

  await seedDefaults(db);
}

/** Harif's defaults (SPEC: everything specific to the association is a setting). */
async function seedDefaults(db: Kysely<any>): Promise<void> {
  const categories = [
    ['productive-family', 'أسرة منتجة', 'Productive family'],
    ['home-business-owner', 'صاحبة مشروع منزلي', 'Home-business owner'],
    ['trainee', 'متدربة', 'Trainee'],
    ['craftsperson', 'حِرفية', 'Craftsperson'],
  ];
  const domains = [
    ['training', 'التدريب والتأهيل', 'Training and qualification'],
    ['marketing', 'التسويق والمعارض', 'Marketing and exhibitions'],
    ['equipment', 'دعم الأدوات والتجهيزات', 'Tools and equipment support'],
    ['financial-aid', 'الدعم المالي', 'Financial aid'],
    ['licensing', 'دعم التراخيص المنزلية', 'Home-business licensing support'],
  ];
  const offices = [
    ['dammam', 'مكتب الدمام', 'Dammam office'],
    ['khobar', 'مكتب الخبر', 'Khobar office'],
    ['qatif', 'مكتب القطيف', 'Qatif office'],
    ['ahsa', 'مكتب الأحساء', 'Al-Ahsa office'],
    ['jubail', 'مكتب الجبيل', 'Jubail office'],
  ];
  for (const [table, rows] of [
    ['categories', categories],
    ['domains', domains],
    ['offices', offices],
  ] as const) {
    await db
      .insertInto(table)
      .values(rows.map(([code, nameAr, nameEn], i) => ({ code, name_ar: nameAr, name_en: nameEn, is_active: 1, sort_order: i })))
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'audit_events',
    'offices',
    'domains',
    'categories',
    'settings',
    'sign_in_throttle',
    'sessions',
    'staff_scopes',
    'staff_roles',
    'staff_users',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
