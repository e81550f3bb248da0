/**
 * The one registry of personal data (F2; docs/decisions/006-personal-data-registry.md). Each area
 * declares, in its manifest, every table and column that holds personal data — encrypted,
 * keyed-hash and plain — with the binding (AAD) its ciphertexts were sealed with. Sealing and
 * reading in the area use the same declarations; `sila keys rotate` walks them; the privacy work
 * (the data subject's access copy, erasure) will read the same list.
 */

/** A row's primary key, column by column (most tables: `{ id }`). */
export type RowKey = Readonly<Record<string, string>>;

/** Whose data a table holds: what an access copy or an erasure is about. */
export type DataSubject = 'family' | 'complainant' | 'staff' | 'recipient' | 'committee-member' | 'mixed';

interface ColumnBase {
  column: string;
  /** What the column holds, for the record of processing and the privacy views. */
  holds: string;
}

/** Text sealed with AES-256-GCM, bound to its row by `aad`. */
export interface EncryptedColumn extends ColumnBase {
  kind: 'encrypted';
  aad(key: RowKey): string;
}

/** Bytes (files) sealed with AES-256-GCM, bound by `aad`; read one row at a time. */
export interface EncryptedBytesColumn extends ColumnBase {
  kind: 'encrypted-bytes';
  aad(key: RowKey): string;
}

/**
 * A keyed hash (HMAC) for exact lookup, computed from the plaintext of encrypted column `of`. Without
 * `of` the source is not stored (a copy kept under another table's hash, or a short-lived code's
 * subject): rotation leaves it to the table that holds the source, or to its expiry.
 */
export interface KeyedHashColumn extends ColumnBase {
  kind: 'keyed-hash';
  of?: string;
  /** Other tables holding copies of this value (e.g. the identity index), updated with it. */
  copiedTo?: readonly { table: string; column: string }[];
  /** When `of` is empty but a hash is there (rows older than the sealed source), keep the hash. */
  isKeptWithoutSource?: boolean;
}

/** Personal data stored in the clear (names kept searchable, birth dates, normalised search text). */
export interface PlainColumn extends ColumnBase {
  kind: 'plain';
}

export type PersonalColumn = EncryptedColumn | EncryptedBytesColumn | KeyedHashColumn | PlainColumn;

export interface PersonalTable {
  table: string;
  /** Primary-key columns, in the order rows are paged. */
  key: readonly string[];
  subject: DataSubject;
  columns: readonly PersonalColumn[];
}

/** Checks a registry assembled from the areas' manifests: one declaration per table, hashes of declared sources. */
export function assertRegistry(tables: readonly PersonalTable[]): void {
  const seen = new Set<string>();
  for (const table of tables) {
    if (seen.has(table.table)) throw new Error(`Personal data of ${table.table} is declared twice`);
    seen.add(table.table);
    const names = new Set(table.columns.map((c) => c.column));
    for (const column of table.columns)
      if (
        column.kind === 'keyed-hash' &&
        column.of !== undefined &&
        !table.columns.some((c) => c.column === column.of && c.kind === 'encrypted')
      )
        throw new Error(`${table.table}.${column.column} hashes ${column.of}, which is not declared encrypted`);
    if (names.size !== table.columns.length) throw new Error(`A column of ${table.table} is declared twice`);
  }
}
