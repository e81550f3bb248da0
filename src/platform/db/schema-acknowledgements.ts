/**
 * Tables of departments and policy acknowledgements (issue 26 §4–§5; 0042-acknowledgements.ts), kept
 * in their own file; `Database` in schema.ts extends this. Booleans are 0/1, lists JSON text.
 */
export interface DepartmentTable {
  id: string;
  parent_id: string | null; // a section's department
  name_ar: string;
  name_en: string;
  head_user_id: string | null;
  is_active: number;
  created_at: string;
  updated_at: string;
}

export interface AckRequirementTable {
  version_id: string;
  audience: string; // 'all' | 'roles' | 'departments'
  roles: string; // JSON array of roles
  department_ids: string; // JSON array of department ids
  grace_days: number;
  set_at: string;
  set_by: string;
}

export interface ContractPartyTable {
  id: string;
  kind: string; // 'contractor' | 'partner' | 'volunteer'
  name: string;
  channel: string; // 'sms' | 'email'
  address: string; // sealed
  created_at: string;
  created_by: string;
}

export interface AcknowledgementTable {
  id: string;
  version_id: string;
  staff_user_id: string | null;
  contract_party_id: string | null;
  text_sha256: string;
  method: string; // 'password' | 'totp' | 'link'
  signer_name: string | null;
  id_last4: string | null;
  acknowledged_at: string;
}

export interface AckLinkTable {
  id: string;
  token_hash: string;
  version_id: string;
  contract_party_id: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
  created_by: string;
}

export interface AckExemptionTable {
  id: string;
  document_id: string;
  staff_user_id: string | null;
  contract_party_id: string | null;
  replaced_by: string;
  recorded_at: string;
  recorded_by: string;
}

export interface DepartmentReceiptTable {
  version_id: string;
  department_id: string;
  received_by: string;
  received_at: string;
}

export interface AcknowledgementSchema {
  departments: DepartmentTable;
  ack_requirements: AckRequirementTable;
  contract_parties: ContractPartyTable;
  acknowledgements: AcknowledgementTable;
  ack_links: AckLinkTable;
  ack_exemptions: AckExemptionTable;
  department_receipts: DepartmentReceiptTable;
}
