import { type Kysely, sql } from 'kysely';
import type { AppContext } from '../context.js';
import { Encryptor } from '../crypto/keyring.js';
import type { EncryptedBytesColumn, EncryptedColumn, KeyedHashColumn, PersonalTable, RowKey } from '../personal-data.js';

/** What `sila keys rotate` did to one table. */
export interface RotationReport {
  table: string;
  /** Rows re-encrypted or re-indexed. */
  rows: number;
  /** Rows whose keyed hash could not be recomputed (no sealed source); they keep the old one. */
  unrecomputable: number;
}

const BATCH = 500;

/**
 * `sila keys rotate` (issue 3 §2) over the personal-data registry: every ciphertext re-encrypted
 * under the newest encryption key and every keyed hash recomputed under the newest index key, with
 * the hash's copies (the identity index) following it. Table by table, in batches by primary key,
 * one transaction each, skipping values already under the newest keys — so a large table rotates
 * without one long lock and the command can be run again safely.
 */
export async function rotateKeys(ctx: AppContext, registry: readonly PersonalTable[]): Promise<RotationReport[]> {
  const reports: RotationReport[] = [];
  for (const table of registry) {
    const encrypted = table.columns.filter((c): c is EncryptedColumn => c.kind === 'encrypted');
    const hashes = table.columns.filter((c): c is KeyedHashColumn => c.kind === 'keyed-hash' && c.of !== undefined);
    const bytes = table.columns.filter((c): c is EncryptedBytesColumn => c.kind === 'encrypted-bytes');
    if (!encrypted.length && !hashes.length && !bytes.length) continue;
    const report: RotationReport = { table: table.table, rows: 0, unrecomputable: 0 };
    if (encrypted.length || hashes.length) await rotateTextColumns(ctx, table, encrypted, hashes, report);
    if (bytes.length) await rotateByteColumns(ctx, table, bytes, report);
    reports.push(report);
  }
  return reports;
}

// The table is chosen at run time from the registry; its declarations keep the names honest.
type AnyDb = Kysely<any>;

function keyOf(table: PersonalTable, row: Record<string, unknown>): RowKey {
  return Object.fromEntries(table.key.map((k) => [k, String(row[k])]));
}

/** One page of rows after `after` in primary-key order (row-value comparison works on both engines). */
async function pageAfter(db: AnyDb, table: PersonalTable, columns: readonly string[], after: RowKey | null) {
  let query = db
    .selectFrom(table.table)
    .select([...table.key, ...columns])
    .limit(BATCH);
  for (const k of table.key) query = query.orderBy(k);
  if (after)
    query = query.where(sql<boolean>`(${sql.join(table.key.map((k) => sql.ref(k)))}) > (${sql.join(table.key.map((k) => after[k]))})`);
  return (await query.execute()) as Record<string, string | null>[];
}

function whereKey<Q extends { where: (...args: any[]) => Q }>(query: Q, key: RowKey): Q {
  let q = query;
  for (const [k, v] of Object.entries(key)) q = q.where(k, '=', v);
  return q;
}

async function rotateTextColumns(
  ctx: AppContext,
  table: PersonalTable,
  encrypted: readonly EncryptedColumn[],
  hashes: readonly KeyedHashColumn[],
  report: RotationReport,
): Promise<void> {
  const { encryptor, indexer } = ctx.keys;
  const db = ctx.db as unknown as AnyDb;
  const columns = [...encrypted.map((c) => c.column), ...hashes.map((c) => c.column)];
  let after: RowKey | null = null;
  for (;;) {
    const rows = await pageAfter(db, table, columns, after);
    if (!rows.length) return;
    await db.transaction().execute(async (trx) => {
      for (const row of rows) {
        const key = keyOf(table, row);
        const patch: Record<string, string | null> = {};
        const plain = new Map<string, string>();
        for (const column of encrypted) {
          const sealed = row[column.column];
          if (!sealed) continue;
          const aad = column.aad(key);
          const text = encryptor.decrypt(sealed, aad);
          plain.set(column.column, text);
          if (Encryptor.keyIdOf(sealed) !== encryptor.currentKeyId) patch[column.column] = encryptor.encrypt(text, aad);
        }
        for (const column of hashes) {
          const old = row[column.column] ?? null;
          const source = plain.get(column.of as string);
          // An erased source (issue 25 §5: sealed as empty) keeps its `erased:` marker, not the hash of ''.
          if (source === '') continue;
          if (source === undefined && old !== null && column.isKeptWithoutSource) {
            report.unrecomputable += 1;
            continue;
          }
          const fresh = source === undefined ? null : indexer.index(source);
          if (fresh === old) continue;
          patch[column.column] = fresh;
          if (old !== null)
            for (const copy of column.copiedTo ?? [])
              await trx
                .updateTable(copy.table)
                .set({ [copy.column]: fresh })
                .where(copy.column, '=', old)
                .execute();
        }
        if (!Object.keys(patch).length) continue;
        await whereKey(trx.updateTable(table.table).set(patch), key).execute();
        report.rows += 1;
      }
    });
    after = keyOf(table, rows[rows.length - 1] as Record<string, string | null>);
  }
}

/** Files are large: keys are paged, contents read and rewritten one row at a time. */
async function rotateByteColumns(ctx: AppContext, table: PersonalTable, bytes: readonly EncryptedBytesColumn[], report: RotationReport) {
  const { encryptor } = ctx.keys;
  const db = ctx.db as unknown as AnyDb;
  let after: RowKey | null = null;
  for (;;) {
    const keys = await pageAfter(db, table, [], after);
    if (!keys.length) return;
    for (const keyRow of keys) {
      const key = keyOf(table, keyRow);
      const row = (await whereKey(db.selectFrom(table.table).select(bytes.map((c) => c.column)), key).executeTakeFirst()) as
        | Record<string, string | null>
        | undefined;
      if (!row) continue;
      const patch: Record<string, string> = {};
      for (const column of bytes) {
        const sealed = row[column.column];
        if (!sealed || Encryptor.keyIdOf(sealed) === encryptor.currentKeyId) continue;
        const aad = column.aad(key);
        patch[column.column] = encryptor.encryptBytes(encryptor.decryptBytes(sealed, aad), aad);
      }
      if (!Object.keys(patch).length) continue;
      await whereKey(db.updateTable(table.table).set(patch), key).execute();
      report.rows += 1;
    }
    after = keyOf(table, keys[keys.length - 1] as Record<string, string | null>);
  }
}
