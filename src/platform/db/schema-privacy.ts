/**
 * Tables of the privacy area (issue 25 §2, §8; 0039-privacy.ts), kept in their own file so that the
 * area owns its part of the schema; `Database` in schema.ts extends this. Encrypted columns hold
 * ciphertext bound to row and column; booleans are 0/1.
 */
export interface PrivacyRequestTable {
  id: string;
  reference: string;
  kind: string; // access | correction | erasure | objection | portable-copy
  channel: string;
  status: string; // received | verified | answered | refused
  requester_kind: string; // family | complainant
  family_id: string | null;
  complaint_id: string | null;
  requester_name: string | null;
  relation: string;
  details: string | null;
  received_at: string;
  received_day: string;
  deadline_day: string;
  warn_day: string;
  extended_at: string | null;
  extended_by: string | null;
  extension_reason: string | null;
  verification_method: string | null;
  verification_note: string | null;
  verified_at: string | null;
  verified_by: string | null;
  answer: string | null;
  answered_at: string | null;
  answered_by: string | null;
  refusal_reason: string | null;
  correction_linked_at: string | null;
  correction_linked_by: string | null;
  warned_at: string | null;
  escalated_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface PrivacyBreachTable {
  id: string;
  reference: string;
  status: string; // open | closed
  aware_at: string;
  description: string;
  data_categories: string;
  people_count: number;
  containment: string | null;
  is_notifiable: number | null;
  notifiable_reason: string | null;
  decided_at: string | null;
  decided_by: string | null;
  notify_deadline_at: string | null;
  regulator_notified_at: string | null;
  regulator_reference: string | null;
  regulator_note: string | null;
  informed_count: number;
  informed_at: string | null;
  lessons: string | null;
  closed_at: string | null;
  closed_by: string | null;
  warned_at: string | null;
  escalated_at: string | null;
  recorded_by: string | null;
  recorded_at: string;
  updated_at: string;
  version: number;
}

export interface PrivacySchema {
  privacy_requests: PrivacyRequestTable;
  privacy_breaches: PrivacyBreachTable;
}
