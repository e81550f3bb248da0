import type { Kysely } from 'kysely';

/**
 * Service requests (issue 5; C2–C6): request types (criteria and checklist, the competent
 * committee, the reply deadline), requests from every channel, their documents (in the shared file
 * store), attestations bound to a SHA-256 of the data attested, and the status history.
 *
 * Requests carry denormalised copies of what worklists sort and filter on — the family's category and
 * office (scope), the committee, the deadline day and the SLA state — so that each worklist is one
 * index range scan however many millions of requests there are. Worklist counts are maintained in
 * `counters` in the same transaction as each change (modules/requests/requests.counts.ts).
 * `committee_id` is plain text: committees arrive in 0008.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('request_types')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name_ar', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('criteria_ar', 'text', (c) => c.notNull())
    .addColumn('criteria_en', 'text', (c) => c.notNull())
    .addColumn('checklist', 'text', (c) => c.notNull()) // JSON [{key, kind, labelAr, labelEn, fieldType?, options?, isRequired}]
    .addColumn('committee_id', 'text')
    .addColumn('response_working_days', 'integer', (c) => c.notNull().defaultTo(15))
    .addColumn('warning_threshold', 'integer')
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(100))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  await db.schema
    .createTable('requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique()) // REQ-YYYY-NNNNNN
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id'))
    .addColumn('type_code', 'text', (c) => c.notNull().references('request_types.code'))
    .addColumn('channel', 'text', (c) => c.notNull()) // A1–A6
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull()) // encrypted JSON
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'text') // staff id; null when the family applied online
    .addColumn('current_attestation_id', 'text')
    .addColumn('clock_id', 'text')
    .addColumn('deadline_day', 'text', (c) => c.notNull()) // '9999-12-31' until the clock starts
    .addColumn('sla_state', 'text', (c) => c.notNull()) // 'none' | 'on-time' | 'due-soon' | 'breached' | 'met' | 'late'
    .addColumn('committee_id', 'text')
    .addColumn('category', 'text', (c) => c.notNull()) // the family's, kept in step (scope)
    .addColumn('office', 'text', (c) => c.notNull())
    .addColumn('decision_outcome', 'text')
    .addColumn('decision_reasons', 'text') // encrypted
    .addColumn('decision_meeting_id', 'text')
    .addColumn('decision_minutes_id', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('notified_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // One index per worklist query, each ending in the sort (deadline_day, id) for keyset pages.
  await db.schema.createIndex('requests_status_deadline').on('requests').columns(['status', 'deadline_day', 'id']).execute();
  await db.schema.createIndex('requests_sla_deadline').on('requests').columns(['sla_state', 'deadline_day', 'id']).execute();
  await db.schema
    .createIndex('requests_committee_status_deadline')
    .on('requests')
    .columns(['committee_id', 'status', 'deadline_day', 'id'])
    .execute();
  await db.schema
    .createIndex('requests_scope_status_deadline')
    .on('requests')
    .columns(['category', 'office', 'status', 'deadline_day', 'id'])
    .execute();
  await db.schema.createIndex('requests_deadline').on('requests').columns(['deadline_day', 'id']).execute();
  await db.schema.createIndex('requests_family').on('requests').columns(['family_id', 'id']).execute();
  await db.schema.createIndex('requests_created_by_status').on('requests').columns(['created_by', 'status', 'id']).execute();
  await db.schema.createIndex('requests_clock').on('requests').columns(['clock_id']).execute();

  await db.schema
    .createTable('request_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('requests.id'))
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('removed_at', 'text')
    .addColumn('removed_by', 'text')
    .execute();
  await db.schema.createIndex('request_documents_request').on('request_documents').columns(['request_id', 'item_key']).execute();

  await db.schema
    .createTable('request_attestations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('requests.id'))
    .addColumn('method', 'text', (c) => c.notNull()) // 'signature-pad' | 'paper' | 'one-time-code'
    .addColumn('evidence_file_id', 'text') // signature PNG or paper scan in the file store
    .addColumn('data_sha256', 'text', (c) => c.notNull())
    .addColumn('witness_id', 'text') // the staff member who reviewed the data with the family
    .addColumn('attested_at', 'text', (c) => c.notNull())
    .addColumn('voided_at', 'text')
    .addColumn('void_reason', 'text') // a code: 'answers-changed' | 'documents-changed' | 'family-changed'
    .execute();
  await db.schema.createIndex('request_attestations_request').on('request_attestations').columns(['request_id', 'attested_at']).execute();

  await db.schema
    .createTable('request_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('requests.id'))
    .addColumn('seq', 'integer', (c) => c.notNull()) // 1, 2, 3… per request: the order of events in one instant too
    .addColumn('event', 'text', (c) => c.notNull()) // an action of the state machine, or 'create', 'attested', 'attestation-voided'
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('note', 'text') // encrypted
    .execute();
  await db.schema.createIndex('request_history_request').on('request_history').columns(['request_id', 'seq']).unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['request_history', 'request_attestations', 'request_documents', 'requests', 'request_types']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
