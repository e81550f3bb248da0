/**
 * Tables of the portal module (issue 5), kept in their own file so that each module owns its part of
 * the schema; `Database` in schema.ts extends this. Same conventions as schema.ts.
 */

/** A one-time code of the beneficiary portal; only its keyed hash is kept (0009-portal.ts). */
export interface PortalCodeTable {
  id: string;
  purpose: string; // 'sign-in' | 'attestation'
  subject_index: string; // sign-in: keyed hash of the ID number typed; attestation: the request id
  family_id: string | null;
  request_id: string | null;
  code_hash: string;
  attempts: number;
  expires_at: string;
  consumed_at: string | null;
  created_at: string;
}

export interface PortalSchema {
  portal_codes: PortalCodeTable;
}
