import type { Kysely } from 'kysely';

/**
 * Compensation cases (issue 23; D1–D4, E3): the case with its family, origin and guarded status; the
 * staff concerned (never handle it, never see it); each step with who and when; recorded rulings
 * (D3); negotiation rounds (D4) with management's second approval; the settlement's terms (attested
 * through `subject_attestations`, kind `compensation-settlement`); payments in instalments.
 * Amounts are integer halalas. Text that names a family's circumstances is encrypted, bound to its
 * row and column (compensation.sealing.ts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('compensation_cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('complaint_id', 'text', (c) => c.references('complaints.id'))
    .addColumn('origin_reason', 'text') // encrypted
    .addColumn('claim', 'text', (c) => c.notNull()) // encrypted: the harm claimed
    .addColumn('amount_asked', 'bigint')
    .addColumn('claim_file_id', 'text', (c) => c.references('files.id'))
    .addColumn('committee_id', 'text', (c) => c.references('committees.id'))
    .addColumn('basis', 'text') // 'minutes' | 'ruling' once established
    .addColumn('minutes_id', 'text')
    .addColumn('meeting_id', 'text')
    .addColumn('ruling_id', 'text')
    .addColumn('harm', 'text') // encrypted
    .addColumn('harm_size', 'text') // encrypted: the size as described
    .addColumn('causes', 'text') // encrypted
    .addColumn('established_amount', 'bigint')
    .addColumn('is_amount_fixed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('established_at', 'text')
    .addColumn('outcome_reasons', 'text') // encrypted: no fault, failed negotiation, closing
    .addColumn('settled_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('opened_by', 'text', (c) => c.notNull().references('staff_users.id'))
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('compensation_cases_status').on('compensation_cases').columns(['status', 'opened_at', 'id']).execute();
  await db.schema.createIndex('compensation_cases_family').on('compensation_cases').columns(['family_id', 'opened_at']).execute();
  await db.schema.createIndex('compensation_cases_complaint').on('compensation_cases').column('complaint_id').execute();

  await db.schema
    .createTable('compensation_concerned_staff')
    .addColumn('case_id', 'text', (c) => c.notNull().references('compensation_cases.id'))
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff_users.id'))
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('compensation_concerned_staff_pk', ['case_id', 'staff_id'])
    .execute();

  await db.schema
    .createTable('compensation_steps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('compensation_cases.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('note', 'text') // encrypted
    .execute();
  await db.schema.createIndex('compensation_steps_case').on('compensation_steps').columns(['case_id', 'at', 'id']).execute();

  await db.schema
    .createTable('compensation_rulings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('compensation_cases.id'))
    .addColumn('authority', 'text', (c) => c.notNull())
    .addColumn('ruling_number', 'text', (c) => c.notNull())
    .addColumn('ruling_day', 'text', (c) => c.notNull())
    .addColumn('is_final', 'integer', (c) => c.notNull())
    .addColumn('amount', 'bigint')
    .addColumn('summary', 'text') // encrypted
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('compensation_rulings_case').on('compensation_rulings').columns(['case_id', 'recorded_at']).execute();

  await db.schema
    .createTable('compensation_rounds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('compensation_cases.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('offer_amount', 'bigint')
    .addColumn('remedy', 'text') // encrypted: in-kind remedy
    .addColumn('service', 'text') // encrypted: a service offered
    .addColumn('has_apology', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_final_offer', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('notes', 'text') // encrypted, internal
    .addColumn('next_day', 'text')
    .addColumn('clock_id', 'text')
    .addColumn('needs_approval', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('answer', 'text', (c) => c.notNull()) // 'pending' | 'accepted' | 'rejected' | 'counter'
    .addColumn('answer_note', 'text') // encrypted
    .addColumn('answered_at', 'text')
    .addColumn('offered_by', 'text', (c) => c.notNull())
    .addColumn('offered_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('compensation_rounds_case').on('compensation_rounds').columns(['case_id', 'position']).unique().execute();

  await db.schema
    .createTable('compensation_settlements')
    .addColumn('case_id', 'text', (c) => c.primaryKey().references('compensation_cases.id'))
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('remedy', 'text') // encrypted
    .addColumn('service', 'text') // encrypted
    .addColumn('has_apology', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('schedule', 'text', (c) => c.notNull()) // encrypted: method and schedule of delivery
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('compensation_payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('compensation_cases.id'))
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('paid_day', 'text', (c) => c.notNull())
    .addColumn('payment_reference', 'text') // encrypted
    .addColumn('file_id', 'text', (c) => c.references('files.id'))
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('compensation_payments_case').on('compensation_payments').columns(['case_id', 'recorded_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'compensation_payments',
    'compensation_settlements',
    'compensation_rounds',
    'compensation_rulings',
    'compensation_steps',
    'compensation_concerned_staff',
    'compensation_cases',
  ])
    await db.schema.dropTable(table).execute();
}
