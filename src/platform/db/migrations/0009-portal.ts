import type { Kysely } from 'kysely';

/**
 * The beneficiary portal's one-time codes (issue 5 §2): a sign-in code sent by SMS to the family's
 * registered mobile, or the code that confirms an online request's data (C4). Only a keyed hash of
 * each code is stored; a code is single use, lives ten minutes and dies after five wrong tries.
 * Family sessions themselves live in `sessions` (principal_kind 'family').
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('portal_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('purpose', 'text', (c) => c.notNull()) // 'sign-in' | 'attestation'
    // Sign-in: keyed hash of the ID number typed (known or not, so both leave the same trace);
    // attestation: the request id.
    .addColumn('subject_index', 'text', (c) => c.notNull())
    .addColumn('family_id', 'text') // null when the ID number matched no family with a mobile
    .addColumn('request_id', 'text')
    .addColumn('code_hash', 'text', (c) => c.notNull()) // keyed hash of id + code
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('consumed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('portal_codes_subject').on('portal_codes').columns(['purpose', 'subject_index', 'created_at']).execute();
  await db.schema.createIndex('portal_codes_expiry').on('portal_codes').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('portal_codes').execute();
}
