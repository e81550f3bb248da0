/**
 * Tables of the compensation area (issue 23; D1–D4), its own part of the schema; `Database` in
 * schema.ts extends this. Same conventions as schema.ts: encrypted columns hold ciphertext bound to
 * row and column, amounts are integer halalas, booleans 0/1.
 */
export interface CompensationCaseTable {
  id: string;
  reference: string;
  family_id: string;
  status: string;
  origin: string;
  complaint_id: string | null;
  origin_reason: string | null;
  claim: string;
  amount_asked: number | null;
  claim_file_id: string | null;
  committee_id: string | null;
  basis: string | null;
  minutes_id: string | null;
  meeting_id: string | null;
  ruling_id: string | null;
  harm: string | null;
  harm_size: string | null;
  causes: string | null;
  established_amount: number | null;
  is_amount_fixed: number;
  established_at: string | null;
  outcome_reasons: string | null;
  settled_at: string | null;
  closed_at: string | null;
  opened_by: string;
  opened_at: string;
  updated_at: string;
  version: number;
}

export interface CompensationConcernedStaffTable {
  case_id: string;
  staff_id: string;
  added_by: string;
  added_at: string;
}

export interface CompensationStepTable {
  id: string;
  case_id: string;
  action: string;
  status: string;
  actor_kind: string;
  actor_id: string | null;
  at: string;
  note: string | null;
}

export interface CompensationRulingTable {
  id: string;
  case_id: string;
  authority: string;
  ruling_number: string;
  ruling_day: string;
  is_final: number;
  amount: number | null;
  summary: string | null;
  file_id: string;
  recorded_by: string;
  recorded_at: string;
}

export interface CompensationRoundTable {
  id: string;
  case_id: string;
  position: number;
  offer_amount: number | null;
  remedy: string | null;
  service: string | null;
  has_apology: number;
  is_final_offer: number;
  notes: string | null;
  next_day: string | null;
  clock_id: string | null;
  needs_approval: number;
  approved_by: string | null;
  approved_at: string | null;
  answer: string;
  answer_note: string | null;
  answered_at: string | null;
  offered_by: string;
  offered_at: string;
}

export interface CompensationSettlementTable {
  case_id: string;
  amount: number;
  remedy: string | null;
  service: string | null;
  has_apology: number;
  schedule: string;
  updated_by: string;
  updated_at: string;
  version: number;
}

export interface CompensationPaymentTable {
  id: string;
  case_id: string;
  amount: number;
  method: string;
  paid_day: string;
  payment_reference: string | null;
  file_id: string | null;
  recorded_by: string;
  recorded_at: string;
}

export interface CompensationSchema {
  compensation_cases: CompensationCaseTable;
  compensation_concerned_staff: CompensationConcernedStaffTable;
  compensation_steps: CompensationStepTable;
  compensation_rulings: CompensationRulingTable;
  compensation_rounds: CompensationRoundTable;
  compensation_settlements: CompensationSettlementTable;
  compensation_payments: CompensationPaymentTable;
}
