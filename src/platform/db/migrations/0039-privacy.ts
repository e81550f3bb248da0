import type { Kysely } from 'kysely';

/**
 * Issue 25 §2, §8 (F2): the privacy area's data-subject requests and breach register. Personal
 * text (what was asked, the requester's name, answers, reasons, notes) is stored encrypted by the
 * area; days are `YYYY-MM-DD` (Riyadh), instants UTC ISO; booleans 0/1. Erasure, legal holds and
 * retention live in another area (0040).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('privacy_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requester_kind', 'text', (c) => c.notNull())
    .addColumn('family_id', 'text', (c) => c.references('families.id'))
    .addColumn('complaint_id', 'text', (c) => c.references('complaints.id'))
    .addColumn('requester_name', 'text')
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('details', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('received_day', 'text', (c) => c.notNull())
    .addColumn('deadline_day', 'text', (c) => c.notNull())
    .addColumn('warn_day', 'text', (c) => c.notNull())
    .addColumn('extended_at', 'text')
    .addColumn('extended_by', 'text')
    .addColumn('extension_reason', 'text')
    .addColumn('verification_method', 'text')
    .addColumn('verification_note', 'text')
    .addColumn('verified_at', 'text')
    .addColumn('verified_by', 'text')
    .addColumn('answer', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('answered_by', 'text')
    .addColumn('refusal_reason', 'text')
    .addColumn('correction_linked_at', 'text')
    .addColumn('correction_linked_by', 'text')
    .addColumn('warned_at', 'text')
    .addColumn('escalated_at', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('privacy_requests_received').on('privacy_requests').columns(['received_at', 'id']).execute();
  await db.schema.createIndex('privacy_requests_open').on('privacy_requests').columns(['status', 'deadline_day']).execute();
  await db.schema.createIndex('privacy_requests_family').on('privacy_requests').column('family_id').execute();

  await db.schema
    .createTable('privacy_breaches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('aware_at', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('data_categories', 'text', (c) => c.notNull())
    .addColumn('people_count', 'integer', (c) => c.notNull())
    .addColumn('containment', 'text')
    .addColumn('is_notifiable', 'integer')
    .addColumn('notifiable_reason', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('notify_deadline_at', 'text')
    .addColumn('regulator_notified_at', 'text')
    .addColumn('regulator_reference', 'text')
    .addColumn('regulator_note', 'text')
    .addColumn('informed_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('informed_at', 'text')
    .addColumn('lessons', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text')
    .addColumn('warned_at', 'text')
    .addColumn('escalated_at', 'text')
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('privacy_breaches_recorded').on('privacy_breaches').columns(['recorded_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('privacy_breaches').execute();
  await db.schema.dropTable('privacy_requests').execute();
}
