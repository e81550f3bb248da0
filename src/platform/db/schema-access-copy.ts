/**
 * The privacy area's access copies (issue 25 §3, F2; 0043-access-copies.ts): one row per copy asked
 * for; its two files (HTML print page, JSON) live encrypted in the file store.
 */
export interface PrivacyAccessCopyTable {
  id: string;
  request_id: string;
  status: string; // pending | ready | expired
  language: string; // ar | en
  requested_by: string;
  requested_at: string;
  produced_at: string | null;
  expires_at: string | null;
  html_file_id: string | null;
  json_file_id: string | null;
  row_count: number | null;
}

export interface AccessCopySchema {
  privacy_access_copies: PrivacyAccessCopyTable;
}
