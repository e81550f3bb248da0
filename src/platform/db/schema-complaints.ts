import type { Generated, Selectable } from 'kysely';

/**
 * Tables of the complaints module (issue 6: complaints and inquiries), kept in their own file so
 * that each module owns its part of the schema; `Database` in schema.ts extends this. Same
 * conventions as schema.ts (encrypted columns hold ciphertext bound to row and column).
 */
export interface ComplaintTable {
  id: string;
  kind: string;
  reference: string;
  tracking_index: string | null;
  channel: string;
  is_anonymous: number;
  writer_name: string | null;
  mobile: string | null;
  mobile_index: string | null;
  email: string | null;
  national_id: string | null;
  national_id_index: string | null;
  family_id: string | null;
  topic: string;
  domain: string | null;
  description: string;
  remedy: string | null;
  step: string;
  response: string | null;
  responded_at: string | null;
  privacy_notice_version: string | null;
  language: string;
  clock_id: string | null;
  acknowledge_clock_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  // 0011: handling (issue 6 §4–§9)
  severity: string | null;
  needs_immediate_action: Generated<number>;
  assigned_committee_id: string | null;
  assigned_to: string | null;
  officer_id: string | null;
  queue: string | null;
  route_rule: string | null;
  reply_address: string | null;
  decided_response: string | null;
  decided_escalation: string | null;
  sla_state: Generated<string>;
  escalated_at: string | null;
  closed_at: string | null;
  closed_outcome: string | null;
  satisfaction: string | null;
  satisfaction_note: string | null;
  settlement_terms: string | null;
  settled_at: string | null;
  compensation_reason: string | null;
  compensation_link: string | null;
  compensation_at: string | null;
  answered_by: string | null;
  answer_template: string | null;
  tracking_code: string | null;
}

export interface ComplaintConcernedStaffTable {
  complaint_id: string;
  staff_id: string;
  added_by: string;
  added_at: string;
}

export interface ComplaintEntryTable {
  id: string;
  complaint_id: string;
  kind: string;
  body: string | null;
  file_id: string | null;
  assignee_id: string | null;
  due_day: string | null;
  done_at: string | null;
  created_by: string;
  created_at: string;
}

export interface ContactOfficerTable {
  id: string;
  category: string | null;
  domain: string | null;
  officer_id: string;
  backup_id: string | null;
  role_title_ar: string;
  role_title_en: string;
  channel: string;
  address: string;
  is_active: number;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ContactOfficerAbsenceTable {
  staff_id: string;
  until_day: string | null;
  updated_by: string;
  updated_at: string;
}

export interface ComplaintStepTable {
  id: string;
  complaint_id: string;
  step: string;
  at: string;
  actor_kind: string;
  actor_id: string | null;
  note: string | null;
}

export interface ComplaintAttachmentTable {
  complaint_id: string;
  file_id: string;
  position: number;
}

export interface PublicUploadTable {
  token_hash: string;
  file_id: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface PublicIdempotencyTable {
  key_hash: string;
  request_hash: string;
  status: number;
  response: string;
  created_at: string;
  expires_at: string;
}

export interface ComplaintSchema {
  complaints: ComplaintTable;
  complaint_steps: ComplaintStepTable;
  complaint_attachments: ComplaintAttachmentTable;
  public_uploads: PublicUploadTable;
  public_idempotency: PublicIdempotencyTable;
  complaint_concerned_staff: ComplaintConcernedStaffTable;
  complaint_entries: ComplaintEntryTable;
  contact_officers: ContactOfficerTable;
  contact_officer_absences: ContactOfficerAbsenceTable;
}

/** A complaint row as read (the defaulted columns plain). */
export type ComplaintRow = Selectable<ComplaintTable>;
