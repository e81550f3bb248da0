/**
 * Tables of the committees module (issue 5), kept in their own file so that each module owns its part of
 * the schema; `Database` in schema.ts extends this. Same conventions as schema.ts.
 */
export interface CommitteeTable {
  id: string;
  code: string;
  name_ar: string;
  name_en: string;
  purpose: string; // the first of its purposes (committee_purposes, 0023): 'requests' | 'follow-up' | 'investigation'
  quorum: number;
  chair_id: string | null;
  is_active: number;
  created_at: string;
  updated_at: string;
}

export interface CommitteeMemberTable {
  committee_id: string;
  user_id: string;
  added_at: string;
}

export interface CommitteeMeetingTable {
  id: string;
  committee_id: string;
  day: string; // YYYY-MM-DD, Asia/Riyadh
  status: string; // 'planned' | 'held' | 'closed'
  created_by: string;
  created_at: string;
  updated_at: string;
  held_at: string | null;
  closed_at: string | null;
}

export interface MeetingAttendanceTable {
  meeting_id: string;
  user_id: string;
}

/** 0023: the purposes a committee holds (a set; `committees.purpose` is the first). */
export interface CommitteePurposeTable {
  committee_id: string;
  purpose: string;
}

/** 0022: an agenda item names a subject of a registered kind (`request`, …). */
export interface MeetingAgendaTable {
  meeting_id: string;
  subject_kind: string;
  subject_id: string;
  position: number;
  added_by: string;
  added_at: string;
}

export interface CommitteeVoteTable {
  meeting_id: string;
  subject_kind: string;
  subject_id: string;
  member_id: string;
  choice: string; // 'approve' | 'partly-approve' | 'reject' | 'abstain'
  reasons: string | null; // encrypted (may describe a family's circumstances)
  payload: string | null; // 0024: encrypted JSON, what the kind's decision carries (the size of a harm, D2); null for requests
  cast_at: string;
}

export interface MinutesTable {
  id: string;
  meeting_id: string;
  committee_id: string;
  amends_id: string | null;
  status: string; // 'draft' | 'frozen'
  text: string; // encrypted; its SHA-256 below is of the plain text
  notes: string | null; // encrypted
  decisions: string; // encrypted JSON: {decisions: [{subjectKind, subjectId, reference, typeNameAr, outcome, reasons, …}], deferred} (before 0022: requestId)
  sha256: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  frozen_at: string | null;
}

export interface MinutesApprovalTable {
  minutes_id: string;
  member_id: string;
  approved_at: string;
}

/** 0012: a member present who can no longer approve (account deactivated, left the committee), recorded by the chair. */
export interface MinutesExcusalTable {
  minutes_id: string;
  member_id: string;
  reason: string; // 'inactive'
  excused_by: string;
  excused_at: string;
}

/**
 * 0024: an attestation of a subject of any kind (issue 22; C4): the SHA-256 of its canonical data.
 * Kept beside the committees' tables: both are the machines every subject kind shares.
 */
export interface SubjectAttestationTable {
  id: string;
  subject_kind: string;
  subject_id: string;
  family_id: string;
  method: string; // 'signature-pad' | 'paper' | 'one-time-code'
  evidence_file_id: string | null;
  data_sha256: string;
  witness_id: string | null;
  attested_at: string;
  voided_at: string | null;
  void_reason: string | null; // 'data-changed' | 'superseded'
}

export interface CommitteeSchema {
  committees: CommitteeTable;
  committee_purposes: CommitteePurposeTable;
  committee_members: CommitteeMemberTable;
  committee_meetings: CommitteeMeetingTable;
  meeting_attendance: MeetingAttendanceTable;
  meeting_agenda: MeetingAgendaTable;
  committee_votes: CommitteeVoteTable;
  minutes: MinutesTable;
  minutes_approvals: MinutesApprovalTable;
  minutes_excusals: MinutesExcusalTable;
  subject_attestations: SubjectAttestationTable;
}
