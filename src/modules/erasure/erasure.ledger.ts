import type { Kysely } from 'kysely';
import type { Keys } from '../../platform/crypto/keys.js';
import type { Database } from '../../platform/db/schema.js';
import { uuidv7 } from '../../platform/ids.js';
import type { PersonalTable } from '../../platform/personal-data.js';
import { eraseByRegistry } from './erasure.engine.js';

/**
 * The erasure ledger (issue 25 §5, F2): ids and dates only — which family was erased as which
 * number, which record retention anonymised. `sila restore` reads it before replacing the data and
 * re-applies it after, so an older backup cannot bring an erased family back.
 */
export interface LedgerEntry {
  id: string;
  subject_table: string;
  subject_id: string;
  number: number | null;
  cause: string;
  request_ref: string | null;
  erased_by: string | null;
  erased_at: string;
}

export type LedgerSubject = 'families' | 'requests' | 'complaints';

export async function isInLedger(db: Kysely<Database>, table: LedgerSubject, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('erasures')
    .select('id')
    .where('subject_table', '=', table)
    .where('subject_id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

/** Which of `ids` the ledger holds (issue 25 §5: the registry refuses writes about them) — one read by the unique subject index. */
export async function erasedAmong(db: Kysely<Database>, table: LedgerSubject, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('erasures')
    .select('subject_id')
    .where('subject_table', '=', table)
    .where('subject_id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.subject_id));
}

/** The next anonymised family number: one more than the ledger's highest (the ledger survives restores). */
export async function nextFamilyNumber(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('erasures')
    .select((eb) => eb.fn.max('number').as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

export async function writeLedger(db: Kysely<Database>, entry: Omit<LedgerEntry, 'id'> & { at: Date }): Promise<void> {
  const { at, ...rest } = entry;
  await db
    .insertInto('erasures')
    .values({ id: uuidv7(at.getTime()), ...rest })
    .execute();
}

export async function readLedger(db: Kysely<Database>): Promise<LedgerEntry[]> {
  return db.selectFrom('erasures').selectAll().orderBy('erased_at').orderBy('id').execute();
}

/**
 * After a restore (same transaction): every entry of the ledger read before is put back if the
 * archive lacks it, and its erasure applied again to whatever the archive brought back. Answers how
 * many entries were re-applied.
 */
export async function reapplyLedger(
  db: Kysely<Database>,
  keys: Keys,
  tables: readonly PersonalTable[],
  before: readonly LedgerEntry[],
): Promise<number> {
  let reapplied = 0;
  for (const entry of before) {
    const subject = entry.subject_table as LedgerSubject;
    if (await isInLedger(db, subject, entry.subject_id)) continue;
    await db.insertInto('erasures').values(entry).execute();
    const root =
      subject === 'families'
        ? ({ kind: 'family', familyId: entry.subject_id, n: entry.number ?? 0 } as const)
        : ({ kind: 'records', table: subject, ids: [entry.subject_id] } as const);
    await eraseByRegistry(db, keys, tables, root);
    reapplied += 1;
  }
  return reapplied;
}
