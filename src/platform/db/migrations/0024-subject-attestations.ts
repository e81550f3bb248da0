import type { Kysely } from 'kysely';

/**
 * Attestations of subjects of any kind (issue 22; C4, D2): the SHA-256 of the subject's canonical
 * data, captured by a signature drawn on the screen (a staff witness), the scan of the signed paper
 * form, or a one-time code on the family's phone. Any change to the data voids it. Service requests
 * keep `request_attestations` (0007), whose rows their history and `current_attestation_id` name.
 *
 * Also a vote's payload (issue 22): what a kind's decision carries beside its reasons (the size of a
 * harm, D2), encrypted like the reasons; requests take none.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('committee_votes').addColumn('payload', 'text').execute();
  await db.schema
    .createTable('subject_attestations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id'))
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('evidence_file_id', 'text', (c) => c.references('files.id'))
    .addColumn('data_sha256', 'text', (c) => c.notNull())
    .addColumn('witness_id', 'text', (c) => c.references('staff_users.id'))
    .addColumn('attested_at', 'text', (c) => c.notNull())
    .addColumn('voided_at', 'text')
    .addColumn('void_reason', 'text')
    .execute();
  // The subject's attestations, newest last.
  await db.schema
    .createIndex('subject_attestations_subject')
    .on('subject_attestations')
    .columns(['subject_kind', 'subject_id', 'attested_at', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('subject_attestations').execute();
  await db.schema.alterTable('committee_votes').dropColumn('payload').execute();
}
