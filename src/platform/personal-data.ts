/**
 * The one registry of personal data (F2; docs/decisions/006-personal-data-registry.md). Each area
 * declares, in its manifest, every table and column that holds personal data — encrypted,
 * keyed-hash and plain — with the binding (AAD) its ciphertexts were sealed with. Sealing and
 * reading in the area use the same declarations; `sila keys rotate` walks them; the privacy work
 * (the data subject's access copy, erasure) will read the same list.
 */
import type { Kysely } from 'kysely';
import type { Database } from './db/schema.js';
import { defineProvider } from './hooks.js';

/** A row's primary key, column by column (most tables: `{ id }`). */
export type RowKey = Readonly<Record<string, string>>;

/** Whose data a table holds: what an access copy or an erasure is about. */
export type DataSubject = 'family' | 'complainant' | 'staff' | 'recipient' | 'committee-member' | 'mixed';

/**
 * What a family's erasure (issue 25 §5, F2; docs/decisions/014-erasure.md) does to a column of its
 * rows: `null`; `empty` (the empty string: a NOT NULL column read as absent); `keep` (a fact the
 * association must keep — an amount paid, a statistic); or a `placeholder` computed from the
 * anonymised family's number and the row's key (sealed like the column when it is encrypted).
 */
export type ErasureAction = 'null' | 'empty' | 'keep' | { placeholder(p: { n: number; key: RowKey }): string };

/** A label in both languages of the staff app (Arabic first). */
export interface BilingualLabel {
  ar: string;
  en: string;
}

interface ColumnBase {
  column: string;
  /** What the column holds, in the registry's own words (English): a description for maintainers. */
  holds: string;
  /**
   * Issue 25 §3, §7 (F2): the column's name as the data subject and the regulator read it — in the
   * access copy (Arabic or English) and the record of processing. Arabic in the staff app's words
   * (الاسم، رقم الهوية، رقم الجوال …); required of every column (assertRegistry).
   */
  label: BilingualLabel;
  /** Issue 25 §5: what an erasure does to it (required on rows an erasure updates). */
  erase?: ErasureAction;
  /**
   * Issue 25 §3 (docs/decisions/015-access-copy.md): how the data subject's access copy shows it —
   * `internal` (a staff note: left out) or `masked-unless-self` (an ID number: last 4 digits unless
   * the requester is the person it belongs to). Absent: shown as it is.
   */
  accessCopy?: 'internal' | 'masked-unless-self';
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

/**
 * How a family's rows of a table are found: `column` holds the family's id, or (with `in`) the key of
 * a row of another table that is the family's (a join path, e.g. a request's history through the
 * request). `where` narrows by fixed values (a message whose recipient kind is `family`).
 */
export interface FamilyRows {
  column: string;
  where?: Readonly<Record<string, string>>;
  in?: { table: string; key?: string; rows: FamilyRows };
}

/**
 * Issue 25 §5 (F2): what an erasure does to the table. `update` applies each column's action to the
 * family's rows; `delete` removes them; `files` names the file-store owner types whose files (owner
 * id = the row's `id`) are destroyed with them. `outside` says why a family's erasure does not reach
 * the table (many families' data, derived data rebuilt from another table, short-lived rows).
 */
export type TableErasure =
  | { rows: 'update' | 'delete'; of: FamilyRows | readonly FamilyRows[]; files?: readonly string[] }
  | { rows: 'outside'; reason: string };

export interface PersonalTable {
  table: string;
  /** Primary-key columns, in the order rows are paged. */
  key: readonly string[];
  subject: DataSubject;
  columns: readonly PersonalColumn[];
  /** Issue 25 §5: required of every family and complainant table (asserted by a test). */
  erasure?: TableErasure;
}

/**
 * Issue 25 §5 (F2): a legal hold an area registers in its manifest — a reason a family's data must
 * not be erased now (an open request, complaint or compensation case). `find` answers the holding
 * records' references (empty: no hold); `except` is the privacy request being carried out, which
 * must not hold its own erasure.
 */
export interface ErasureHold {
  name: string;
  label: { ar: string; en: string };
  find(db: Kysely<Database>, familyId: string, except?: string): Promise<string[]>;
  /**
   * The same for the erasure of one complaint or inquiry filed by someone who is not a registered
   * family (issue 25 §2, §5): the holding records' references. Absent: the hold is about families only.
   */
  findForComplaint?(db: Kysely<Database>, complaintId: string, except?: string): Promise<string[]>;
}

/** The assembled registry and holds, provided by app.ts to the area that erases (modules/erasure). */
export interface PersonalDataSources {
  tables: readonly PersonalTable[];
  holds: readonly ErasureHold[];
}

const ARABIC_LETTER = /[\u0621-\u064A]/;
const LATIN_LETTER = /[A-Za-z]/;

/** Issue 25 §3 (F2): a column's label has an Arabic and an English text, each in its own script. */
export function isLabelled(column: Pick<PersonalColumn, 'label'>): boolean {
  const label = (column as { label?: Partial<BilingualLabel> }).label;
  return ARABIC_LETTER.test(label?.ar?.trim() ?? '') && LATIN_LETTER.test(label?.en?.trim() ?? '');
}

/**
 * Checks a registry assembled from the areas' manifests: one declaration per table, hashes of
 * declared sources, and every column labelled in Arabic and English (issue 25 §3).
 */
export function assertRegistry(tables: readonly PersonalTable[]): void {
  const seen = new Set<string>();
  for (const table of tables) {
    if (seen.has(table.table)) throw new Error(`Personal data of ${table.table} is declared twice`);
    seen.add(table.table);
    const names = new Set(table.columns.map((c) => c.column));
    for (const column of table.columns)
      if (!isLabelled(column)) throw new Error(`${table.table}.${column.column} has no Arabic and English label`);
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

/** app.ts provides the assembled sources once; the erasure area asks for them (platform/hooks.ts). */
export const personalDataSources = defineProvider<() => PersonalDataSources>('personal-data.sources');
