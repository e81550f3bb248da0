/**
 * Tables of the requests module (issue 5), kept in their own file so that each module owns its part of
 * the schema; `Database` in schema.ts extends this. Same conventions as schema.ts.
 */
export interface RequestTypeTable {
  code: string;
  name_ar: string;
  name_en: string;
  criteria_ar: string;
  criteria_en: string;
  checklist: string; // JSON ChecklistItem[]
  committee_id: string | null;
  response_working_days: number;
  warning_threshold: number | null;
  is_active: number;
  sort_order: number;
  version: number;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
}

/** One snapshot of a request type per create or edit (issue 26 §3; B5, C2): key (type_code, version). */
export interface RequestTypeVersionTable {
  type_code: string;
  version: number;
  name_ar: string;
  name_en: string;
  criteria_ar: string;
  criteria_en: string;
  checklist: string; // JSON ChecklistItem[]
  committee_id: string | null;
  response_working_days: number;
  warning_threshold: number | null;
  is_active: number;
  created_at: string;
  created_by: string | null;
}

/** A service request; statuses in domain/request-status.ts. */
export interface RequestTable {
  id: string;
  reference: string;
  family_id: string;
  type_code: string;
  /** The type's version the request was filed under (issue 26 §3, C2); null only for rows written outside intake. */
  type_version: number | null;
  channel: string;
  status: string;
  answers: string; // encrypted JSON
  idempotency_key: string;
  created_by: string | null;
  current_attestation_id: string | null;
  clock_id: string | null;
  deadline_day: string; // '9999-12-31' until the clock starts (NO_DEADLINE)
  sla_state: string;
  committee_id: string | null;
  category: string;
  office: string;
  decision_outcome: string | null;
  decision_reasons: string | null; // encrypted
  decision_meeting_id: string | null;
  decision_minutes_id: string | null;
  submitted_at: string | null;
  completed_at: string | null;
  decided_at: string | null;
  notified_at: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface RequestDocumentTable {
  id: string;
  request_id: string;
  item_key: string;
  file_id: string;
  created_by: string | null;
  created_at: string;
  removed_at: string | null;
  removed_by: string | null;
}

export interface RequestAttestationTable {
  id: string;
  request_id: string;
  method: string;
  evidence_file_id: string | null;
  data_sha256: string;
  witness_id: string | null;
  attested_at: string;
  voided_at: string | null;
  void_reason: string | null;
}

export interface RequestHistoryTable {
  id: string;
  request_id: string;
  seq: number;
  event: string;
  from_status: string | null;
  to_status: string;
  at: string;
  actor_kind: string;
  actor_id: string | null;
  note: string | null; // encrypted
}

export interface RequestSchema {
  request_types: RequestTypeTable;
  request_type_versions: RequestTypeVersionTable;
  requests: RequestTable;
  request_documents: RequestDocumentTable;
  request_attestations: RequestAttestationTable;
  request_history: RequestHistoryTable;
}
