import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Keys } from '../../platform/crypto/keys.js';
import { engineOf } from '../../platform/db/dialect.js';
import { eraseStoredFiles } from '../../platform/files/file-store.js';
import type { FamilyRows, PersonalColumn, PersonalTable, RowKey } from '../../platform/personal-data.js';

/**
 * Issue 25 §5 (F2; docs/decisions/014-erasure.md): one generic walk of the personal-data registry
 * that destroys a family's personal data — or one kind of its records' (retention: rejected
 * requests, closed complaints) — as each table and column declares it: rows deleted, columns
 * nulled, emptied or overwritten with a placeholder, files destroyed. Facts (statuses, dates,
 * amounts) are not personal columns, or are declared `keep`, and stay. Runs inside the caller's
 * transaction; the table is chosen at run time from the registry, whose declarations keep names honest.
 */
type AnyDb = Kysely<any>;

/** Whose data: a whole family, or some records of one table (and what hangs off them). */
export type ErasureRoot = { kind: 'family'; familyId: string; n: number } | { kind: 'records'; table: string; ids: readonly string[] };

export interface ErasedTable {
  table: string;
  rows: number;
  files: number;
}

/** The SQL condition selecting the root's rows through a path, or null when the path does not reach the root. */
function reach(path: FamilyRows, root: ErasureRoot): RawBuilder<SqlBool> | null {
  let core: RawBuilder<SqlBool>;
  if (!path.in) {
    if (root.kind !== 'family') return null;
    core = sql<SqlBool>`${sql.ref(path.column)} = ${root.familyId}`;
  } else if (root.kind === 'records' && path.in.table === root.table) {
    core = sql<SqlBool>`${sql.ref(path.column)} in (${sql.join(root.ids)})`;
  } else {
    const inner = reach(path.in.rows, root);
    if (!inner) return null;
    core = sql<SqlBool>`${sql.ref(path.column)} in (select ${sql.ref(path.in.key ?? 'id')} from ${sql.table(path.in.table)} where ${inner})`;
  }
  const fixed = Object.entries(path.where ?? {}).map(([column, value]) => sql`${sql.ref(column)} = ${value}`);
  return sql<SqlBool>`${sql.join([...fixed, core], sql` and `)}`;
}

function rowsOf(table: PersonalTable, root: ErasureRoot): RawBuilder<SqlBool> | null {
  const erasure = table.erasure;
  if (!erasure || erasure.rows === 'outside') return null;
  if (root.kind === 'records' && root.table === table.table) return sql<SqlBool>`${sql.ref('id')} in (${sql.join(root.ids)})`;
  const paths = (Array.isArray(erasure.of) ? erasure.of : [erasure.of]) as readonly FamilyRows[];
  const conditions = paths.map((p) => reach(p, root)).filter((c): c is RawBuilder<SqlBool> => c !== null);
  if (!conditions.length) return null;
  return sql<SqlBool>`(${sql.join(
    conditions.map((c) => sql`(${c})`),
    sql` or `,
  )})`;
}

/** The value a column takes: fixed for every row (null, '') or computed per row (a placeholder). */
function fixedValue(column: PersonalColumn): { value: string | null } | null {
  if (column.erase === 'null') return { value: null };
  if (column.erase === 'empty') return { value: '' };
  return null;
}

function placeholderOf(keys: Keys, column: PersonalColumn, root: ErasureRoot, key: RowKey): string {
  if (typeof column.erase !== 'object') throw new Error(`${column.column} has no placeholder`);
  const text = column.erase.placeholder({ n: root.kind === 'family' ? root.n : 0, key });
  return column.kind === 'encrypted' ? keys.encryptor.encrypt(text, column.aad(key)) : text;
}

async function eraseTable(db: AnyDb, keys: Keys, table: PersonalTable, root: ErasureRoot): Promise<ErasedTable | null> {
  const erasure = table.erasure;
  const where = rowsOf(table, root);
  if (!erasure || erasure.rows === 'outside' || !where) return null;
  const report: ErasedTable = { table: table.table, rows: 0, files: 0 };
  const needsIds = (erasure.files?.length ?? 0) > 0;
  const perRow = table.columns.filter((c) => typeof c.erase === 'object');
  let keyed: Record<string, string>[] = [];
  if (needsIds || perRow.length) {
    const columns = [...new Set([...table.key, ...(needsIds ? ['id'] : [])])];
    keyed = (await db.selectFrom(table.table).select(columns).where(where).execute()) as Record<string, string>[];
    for (const ownerType of erasure.files ?? [])
      report.files += await eraseStoredFiles(
        db,
        ownerType,
        keyed.map((r) => String(r.id)),
      );
  }
  if (erasure.rows === 'delete') {
    report.rows = Number((await db.deleteFrom(table.table).where(where).executeTakeFirst()).numDeletedRows);
    return report;
  }
  const fixed = Object.fromEntries(
    table.columns.flatMap((c) => {
      const value = fixedValue(c);
      return value ? [[c.column, value.value]] : [];
    }),
  );
  if (Object.keys(fixed).length)
    report.rows = Number((await db.updateTable(table.table).set(fixed).where(where).executeTakeFirst()).numUpdatedRows);
  for (const row of perRow.length ? keyed : []) {
    const key: RowKey = Object.fromEntries(table.key.map((k) => [k, String(row[k])]));
    let query = db.updateTable(table.table).set(Object.fromEntries(perRow.map((c) => [c.column, placeholderOf(keys, c, root, key)])));
    for (const [k, v] of Object.entries(key)) query = query.where(k, '=', v);
    await query.execute();
  }
  report.rows = Math.max(report.rows, keyed.length);
  return report;
}

/**
 * Erases the root's personal data in every registered table (children before the rows they hang
 * from: the registry lists parents first). Answers what it did per table.
 */
export async function eraseByRegistry(db: AnyDb, keys: Keys, tables: readonly PersonalTable[], root: ErasureRoot): Promise<ErasedTable[]> {
  const reports: ErasedTable[] = [];
  for (const table of [...tables].reverse()) {
    const report = await eraseTable(db, keys, table, root);
    if (report && (report.rows || report.files)) reports.push(report);
  }
  return reports;
}

/**
 * After the transaction: SQLite's full-text index keeps deleted terms in old segments until they
 * merge — `optimize` merges them, and secure_delete zeroes the pages freed (decision 013);
 * PostgreSQL's dead row versions are reclaimed by VACUUM on the tables touched.
 */
export async function reclaimErasedSpace(db: AnyDb, touched: readonly string[]): Promise<void> {
  if (engineOf(db) === 'sqlite') {
    if (touched.includes('families')) await sql`insert into families_fts(families_fts) values ('optimize')`.execute(db);
    return;
  }
  for (const table of new Set(touched)) await sql`vacuum ${sql.table(table)}`.execute(db);
}
