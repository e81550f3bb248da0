/**
 * Tables of consent per purpose and the versioned privacy notices (issue 20 §3–§4, F2;
 * migrations 0020 and 0021); `Database` in schema.ts extends this. Same conventions as schema.ts.
 */

/** A purpose a family consents to (settings). */
export interface ConsentPurposeTable {
  code: string;
  name_ar: string;
  name_en: string;
  is_required: number;
  contact_channel: string | null;
  is_active: number;
  sort_order: number;
  updated_at: string;
  updated_by: string | null;
}

/** One version of a privacy notice; versions are never changed or removed. */
export interface PrivacyNoticeTable {
  id: string;
  kind: string; // 'registration' | 'public-form'
  version: string;
  number: number;
  text_ar: string;
  text_en: string;
  created_at: string;
  created_by: string | null;
}

/** One entry of a family's consent history for a purpose. */
export interface FamilyConsentTable {
  id: string;
  family_id: string;
  purpose: string;
  seq: number;
  action: string; // 'given' | 'withdrawn'
  at: string;
  channel: string;
  notice_version: string;
  recorded_by_kind: string; // 'staff' | 'family' | 'link'
  recorded_by: string | null;
  note: string | null;
}

export interface ConsentSchema {
  consent_purposes: ConsentPurposeTable;
  privacy_notices: PrivacyNoticeTable;
  family_consents: FamilyConsentTable;
}
