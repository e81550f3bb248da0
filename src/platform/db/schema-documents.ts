/**
 * Tables of the document library (issue 26 §1; 0037-documents.ts), kept in their own file so that
 * the area owns its part of the schema; `Database` in schema.ts extends this. Booleans are 0/1.
 */
export interface DocumentKindTable {
  code: string;
  name_ar: string;
  name_en: string;
  sort_order: number;
  is_active: number;
  updated_at: string;
}

export interface DocumentTable {
  id: string;
  slug: string;
  kind: string;
  title_ar: string;
  title_en: string;
  visibility: string; // 'public' | 'staff'
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

export interface DocumentVersionTable {
  id: string;
  document_id: string;
  number: number;
  status: string; // 'draft' | 'published' | 'withdrawn'
  body_ar: string | null;
  body_en: string | null;
  is_english_summary: number;
  file_ar_id: string | null;
  file_en_id: string | null;
  effective_on: string | null;
  change_summary_ar: string | null;
  change_summary_en: string | null;
  approved_by: string | null;
  approved_on: string | null;
  published_at: string | null;
  published_by: string | null;
  withdrawn_at: string | null;
  withdrawn_by: string | null;
  withdraw_reason: string | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

export interface DocumentSchema {
  document_kinds: DocumentKindTable;
  documents: DocumentTable;
  document_versions: DocumentVersionTable;
}
