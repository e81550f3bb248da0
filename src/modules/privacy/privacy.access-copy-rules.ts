import type { CodeList } from '../../domain/coded-labels.js';
import { messageState } from '../../domain/message-state.js';
import type { PersonalColumn, PersonalTable } from '../../platform/personal-data.js';

/**
 * What a data subject's access copy shows (issue 25 §3, F2; docs/decisions/015-access-copy.md).
 * The copy is built from the personal-data registry: a table is in it when its rows are the
 * subject's (`subject` family, recipient or complainant, reached through the table's `erasure.of`
 * path) and it is not a record of other people's work about them; a column is shown with its
 * registry label (Arabic or English, the copy's language) unless it is a keyed hash (a lookup value,
 * not data given) or marked `internal`.
 */
export const SUBJECTS_SHOWN = new Set(['family', 'recipient', 'complainant']);

/** Family tables left out, and why (the decision record repeats the list). */
export const TABLES_LEFT_OUT: Readonly<Record<string, string>> = {
  committee_votes: 'committee members’ votes and comments: their personal data and internal deliberation',
  minutes: 'committee minutes: internal deliberation naming other people',
  identity_index: 'derived lookup hashes',
  families_fts: 'derived search index',
  family_imports: 'a sheet of many families',
  survey_campaign_sample: 'a sampling record, no data given by the family',
  public_idempotency: 'a technical replay guard',
  privacy_access_copies: 'the copies themselves',
};

/** Non-personal facts shown beside the personal columns when the table has them (statuses, decisions, dates). */
export const FACT_COLUMNS = [
  'reference',
  'kind',
  'step',
  'action',
  'status',
  'decision',
  'purpose',
  'channel',
  'event',
  'relation',
  'is_granted',
  'amount',
  'created_at',
  'submitted_at',
  'received_at',
  'decided_at',
  'sent_at',
  'closed_at',
  'at',
] as const;

/** Issue 25 §3: the facts' names as the copy's reader reads them (the JSON keeps the column names). */
export const FACT_LABELS: Readonly<Record<(typeof FACT_COLUMNS)[number], { ar: string; en: string }>> = {
  reference: { ar: 'الرقم المرجعي', en: 'Reference' },
  kind: { ar: 'النوع', en: 'Kind' },
  step: { ar: 'المرحلة', en: 'Step' },
  action: { ar: 'الإجراء', en: 'Action' },
  status: { ar: 'الحالة', en: 'Status' },
  decision: { ar: 'القرار', en: 'Decision' },
  purpose: { ar: 'الغرض', en: 'Purpose' },
  channel: { ar: 'القناة', en: 'Channel' },
  event: { ar: 'الحدث', en: 'Event' },
  relation: { ar: 'الصلة', en: 'Relation' },
  is_granted: { ar: 'الموافقة ممنوحة', en: 'Granted' },
  amount: { ar: 'المبلغ (ريال)', en: 'Amount (SAR)' },
  created_at: { ar: 'تاريخ الإنشاء', en: 'Created on' },
  submitted_at: { ar: 'تاريخ التقديم', en: 'Submitted on' },
  received_at: { ar: 'تاريخ الاستلام', en: 'Received on' },
  decided_at: { ar: 'تاريخ القرار', en: 'Decided on' },
  sent_at: { ar: 'تاريخ الإرسال', en: 'Sent on' },
  closed_at: { ar: 'تاريخ الإغلاق', en: 'Closed on' },
  at: { ar: 'التاريخ', en: 'Date' },
};

/**
 * Codes named by the association's settings rather than by Sila: consent purposes and the
 * taxonomies (offices, categories, domains), each with its own Arabic and English names.
 */
export const SETTINGS_LISTS = ['consent-purpose', 'offices', 'categories', 'domains'] as const;
export type SettingsList = (typeof SETTINGS_LISTS)[number];

/**
 * How a coded column is named in words: the list its code belongs to (src/domain/coded-labels.ts,
 * or one of SETTINGS_LISTS), and, where the column keeps a working status people never see, the
 * code they see instead (`code`).
 */
export interface CodedColumn {
  list: CodeList | SettingsList;
  code?: (row: Readonly<Record<string, unknown>>) => string;
}

/**
 * Issue 25 §3 (F2): the coded columns of the copy's tables, by table then column, so the copy prints
 * "ابن" and not "son". Kept here rather than as a `values:` field on the registry's columns: most
 * coded values are facts (FACT_COLUMNS above), which the registry does not declare — it lists
 * personal columns only — and one name holds different lists in different tables (a request's
 * `status`, a message's, a compensation case's), so the map is per table either way; a registry
 * field would reach three columns (a member's relation, a survey's channel) and split the map in two.
 * A code with no words (a legacy value) is printed as itself.
 */
/** A survey's context: the case's channel and the family's office, category and domain. */
const SURVEY_CONTEXT: Readonly<Record<string, CodedColumn>> = {
  channel: { list: 'intake-channel' },
  office: { list: 'offices' },
  category: { list: 'categories' },
  domain: { list: 'domains' },
};

export const CODED_COLUMNS: Readonly<Record<string, Readonly<Record<string, CodedColumn>>>> = {
  household_members: { relation: { list: 'relation' } },
  family_consents: { purpose: { list: 'consent-purpose' }, action: { list: 'consent-action' }, channel: { list: 'consent-channel' } },
  outbox_messages: {
    event: { list: 'event' },
    channel: { list: 'delivery-channel' },
    // C5: the outbox's working status (`pending`, `sending`, `waiting-staff`…) as the state a family reads.
    status: {
      list: 'message-state',
      code: (row) =>
        messageState({
          status: String(row.status),
          attempts: Number(row.attempts ?? 0),
          lastError: (row.last_error as string | null) ?? null,
        }),
    },
  },
  requests: { channel: { list: 'intake-channel' }, status: { list: 'request-status' } },
  request_history: { event: { list: 'request-event' } },
  complaints: { kind: { list: 'case-kind' }, channel: { list: 'intake-channel' }, step: { list: 'complaint-step' } },
  complaint_steps: { step: { list: 'complaint-step' } },
  complaint_entries: { kind: { list: 'complaint-entry' } },
  compensation_cases: { status: { list: 'compensation-status' } },
  compensation_steps: { action: { list: 'compensation-action' }, status: { list: 'compensation-status' } },
  survey_responses: SURVEY_CONTEXT,
  survey_invitations: { ...SURVEY_CONTEXT, status: { list: 'survey-invitation' } },
};

export function isTableShown(table: PersonalTable): boolean {
  return SUBJECTS_SHOWN.has(table.subject) && !(table.table in TABLES_LEFT_OUT);
}

export function isColumnShown(column: PersonalColumn): boolean {
  return column.kind !== 'keyed-hash' && column.kind !== 'encrypted-bytes' && column.accessCopy !== 'internal';
}

/** F2: an ID number that is not the requester's own shows only its last 4 digits. */
export function maskId(value: string): string {
  const digits = value.replace(/\s/g, '');
  return digits.length <= 4 ? digits : `${'•'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}

/**
 * Issue 25 §5: a family's access copies are files of its personal data — an erasure destroys them
 * with the rest (the copy rows, ids and dates only, stay as the fact that a copy was made).
 */
export const ACCESS_COPY_PERSONAL_DATA: readonly PersonalTable[] = [
  {
    table: 'privacy_access_copies',
    key: ['id'],
    subject: 'family',
    columns: [],
    erasure: {
      rows: 'update',
      of: { column: 'request_id', in: { table: 'privacy_requests', rows: { column: 'family_id' } } },
      files: ['privacy-access-copy'],
    },
  },
];
