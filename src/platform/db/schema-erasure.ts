/** Tables of the erasure area (issue 25 §5–§6; 0040-erasure.ts). Same conventions as schema.ts. */

/** The erasure ledger: ids and dates only, re-applied by `sila restore`. */
export interface ErasureTable {
  id: string;
  subject_table: string; // 'families' | 'requests' | 'complaints'
  subject_id: string;
  /** N of «أسرة مجهّلة رقم N» (families only). */
  number: number | null;
  cause: string; // 'request' | 'retention'
  request_ref: string | null;
  erased_by: string | null;
  erased_at: string;
}

export interface RetentionPeriodTable {
  kind: string; // 'families' | 'rejected-requests' | 'complaints'
  months: number | null; // null: kept for ever
  updated_at: string;
  updated_by: string | null;
}

export interface RetentionRunTable {
  id: string;
  started_at: string;
  finished_at: string | null;
  report: string; // JSON
}

export interface ErasureSchema {
  erasures: ErasureTable;
  retention_periods: RetentionPeriodTable;
  retention_runs: RetentionRunTable;
}
