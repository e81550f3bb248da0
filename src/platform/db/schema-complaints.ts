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
}
