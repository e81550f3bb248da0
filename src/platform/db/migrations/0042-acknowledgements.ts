import type { Kysely } from 'kysely';

/**
 * Issue 26 §4–§5 (R1, R2, F4, P-SCOPE): departments and sections (a setting apart from offices), a
 * staff member's department (null for accounts made before), which document versions must be
 * acknowledged and by whom, each acknowledgement (who, when, the SHA-256 of the text read), contract
 * parties without accounts and their one-time links, exemptions (with the policy that replaces this
 * one), and each department's receipt of its copy. Booleans are 0/1; lists are JSON text.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('departments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // A section names its department; a department has none.
    .addColumn('parent_id', 'text', (c) => c.references('departments.id'))
    .addColumn('name_ar', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('head_user_id', 'text')
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('staff_users').addColumn('department_id', 'text').execute();

  await db.schema
    .createTable('ack_requirements')
    .addColumn('version_id', 'text', (c) => c.primaryKey())
    .addColumn('audience', 'text', (c) => c.notNull()) // 'all' | 'roles' | 'departments'
    .addColumn('roles', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('department_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('grace_days', 'integer', (c) => c.notNull())
    .addColumn('set_at', 'text', (c) => c.notNull())
    .addColumn('set_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('contract_parties')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull()) // 'contractor' | 'partner' | 'volunteer'
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull()) // 'sms' | 'email'
    .addColumn('address', 'text', (c) => c.notNull()) // sealed
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('acknowledgements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version_id', 'text', (c) => c.notNull())
    .addColumn('staff_user_id', 'text')
    .addColumn('contract_party_id', 'text', (c) => c.references('contract_parties.id'))
    .addColumn('text_sha256', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull()) // 'password' | 'totp' | 'link'
    .addColumn('signer_name', 'text')
    .addColumn('id_last4', 'text')
    .addColumn('acknowledged_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('acknowledgements_staff').on('acknowledgements').columns(['version_id', 'staff_user_id']).unique().execute();
  await db.schema
    .createIndex('acknowledgements_party')
    .on('acknowledgements')
    .columns(['version_id', 'contract_party_id'])
    .unique()
    .execute();

  await db.schema
    .createTable('ack_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('version_id', 'text', (c) => c.notNull())
    .addColumn('contract_party_id', 'text', (c) => c.notNull().references('contract_parties.id'))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('ack_exemptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull())
    .addColumn('staff_user_id', 'text')
    .addColumn('contract_party_id', 'text', (c) => c.references('contract_parties.id'))
    .addColumn('replaced_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('department_receipts')
    .addColumn('version_id', 'text', (c) => c.notNull())
    .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id'))
    .addColumn('received_by', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('department_receipts_pk', ['version_id', 'department_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['department_receipts', 'ack_exemptions', 'ack_links', 'acknowledgements', 'contract_parties', 'ack_requirements']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('staff_users').dropColumn('department_id').execute();
  await db.schema.dropTable('departments').execute();
}
