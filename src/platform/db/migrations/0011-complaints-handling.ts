import type { Kysely } from 'kysely';

/**
 * Handling complaints and inquiries (issue 6 §4–§9; E1–E3, C1, G1–G2, H5–H6): the assessment,
 * assignment to the follow-up committee or a member, the decided and communicated response,
 * closure and satisfaction, amicable settlement and escalation to a compensation case; staff
 * concerned by a complaint (never assigned, never shown it); investigation notes, tasks and
 * evidence; routing of inquiries to contact officers; the contact-officer register and absences.
 * 0010 is left untouched (it may already be applied).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const columns: Array<[string, 'text' | 'integer', boolean]> = [
    ['severity', 'text', false], // low | medium | high | critical
    ['needs_immediate_action', 'integer', true],
    ['assigned_committee_id', 'text', false],
    ['assigned_to', 'text', false], // a member of that committee
    ['officer_id', 'text', false], // inquiries: the contact officer it is routed to
    ['queue', 'text', false], // inquiries: officer | general | support
    ['route_rule', 'text', false], // category-domain | category | domain | general | support | backup… | claimed | rerouted
    ['reply_address', 'text', false], // encrypted: a postal address for a letter reply (paper channels)
    ['decided_response', 'text', false], // encrypted: the response decided, not yet sent
    ['decided_escalation', 'text', false], // encrypted: how the writer may escalate
    ['sla_state', 'text', true], // on-time | due-soon | breached | met | late
    ['escalated_at', 'text', false],
    ['closed_at', 'text', false],
    ['closed_outcome', 'text', false], // accepted | not-accepted
    ['satisfaction', 'text', false], // satisfied | partly-satisfied | not-satisfied | unreachable
    ['satisfaction_note', 'text', false], // encrypted
    ['settlement_terms', 'text', false], // encrypted (E3)
    ['settled_at', 'text', false],
    ['compensation_reason', 'text', false], // encrypted
    ['compensation_link', 'text', false], // placeholder for the compensation case (a later issue)
    ['compensation_at', 'text', false],
    ['answered_by', 'text', false],
    ['answer_template', 'text', false],
    // encrypted: the tracking code itself, so a staff acknowledgement can carry it and `sila keys
    // rotate` can re-index it (the lookup still goes through the keyed hash, never this column)
    ['tracking_code', 'text', false],
  ];
  for (const [name, type, isRequired] of columns) {
    await db.schema
      .alterTable('complaints')
      .addColumn(name, type, (c) => (isRequired ? c.notNull().defaultTo(name === 'sla_state' ? 'on-time' : 0) : c))
      .execute();
  }
  // Worklists: each one index range, then ordered by the clock's deadline.
  await db.schema.createIndex('complaints_assignee').on('complaints').columns(['kind', 'assigned_to', 'step']).execute();
  await db.schema.createIndex('complaints_committee').on('complaints').columns(['kind', 'assigned_committee_id', 'step']).execute();
  await db.schema.createIndex('complaints_officer').on('complaints').columns(['kind', 'officer_id', 'step']).execute();
  await db.schema.createIndex('complaints_queue').on('complaints').columns(['kind', 'queue', 'step']).execute();
  await db.schema.createIndex('complaints_sla').on('complaints').columns(['kind', 'sla_state']).execute();
  await db.schema.createIndex('complaints_responded').on('complaints').columns(['kind', 'answered_by', 'responded_at']).execute();
  await db.schema.createIndex('complaints_created').on('complaints').columns(['kind', 'created_at']).execute();
  await db.schema.createIndex('complaints_clock').on('complaints').column('clock_id').execute();

  // §6: staff concerned by a complaint never handle it and never see it.
  await db.schema
    .createTable('complaint_concerned_staff')
    .addColumn('complaint_id', 'text', (c) => c.notNull().references('complaints.id'))
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('complaint_concerned_staff_pk', ['complaint_id', 'staff_id'])
    .execute();
  await db.schema
    .createIndex('complaint_concerned_by_staff')
    .on('complaint_concerned_staff')
    .columns(['staff_id', 'complaint_id'])
    .execute();

  // §5: the investigation — notes, tasks and evidence (a file through the file store).
  await db.schema
    .createTable('complaint_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('complaint_id', 'text', (c) => c.notNull().references('complaints.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // note | task | evidence
    .addColumn('body', 'text') // encrypted
    .addColumn('file_id', 'text', (c) => c.references('files.id'))
    .addColumn('assignee_id', 'text')
    .addColumn('due_day', 'text')
    .addColumn('done_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('complaint_entries_of').on('complaint_entries').columns(['complaint_id', 'created_at']).execute();

  // §8 (G1): the contact-officer register, per category and domain (either may be "any": null).
  await db.schema
    .createTable('contact_officers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('category', 'text')
    .addColumn('domain', 'text')
    .addColumn('officer_id', 'text', (c) => c.notNull())
    .addColumn('backup_id', 'text')
    .addColumn('role_title_ar', 'text', (c) => c.notNull())
    .addColumn('role_title_en', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull()) // phone | email | whatsapp | office
    .addColumn('address', 'text', (c) => c.notNull()) // the association's line, address or office — never a personal phone
    .addColumn('is_active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('contact_officers_key').on('contact_officers').columns(['is_active', 'category', 'domain']).execute();

  // An officer marked absent (until a day, or until unmarked): routing goes to the backup.
  await db.schema
    .createTable('contact_officer_absences')
    .addColumn('staff_id', 'text', (c) => c.primaryKey())
    .addColumn('until_day', 'text')
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['contact_officer_absences', 'contact_officers', 'complaint_entries', 'complaint_concerned_staff']) {
    await db.schema.dropTable(table).execute();
  }
  for (const index of [
    'complaints_assignee',
    'complaints_committee',
    'complaints_officer',
    'complaints_queue',
    'complaints_sla',
    'complaints_responded',
    'complaints_created',
    'complaints_clock',
  ])
    await db.schema.dropIndex(index).execute();
}
