import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditEventTable, Database } from '../../platform/db/schema.js';

/**
 * Hash chain over the audit trail (issue 3 §3). Writers never take a lock: they append rows with no
 * hash. The sealer (one instance, by lease) links pending rows in the order it finds them — not by
 * `seq`, because on PostgreSQL a row with a smaller seq can commit after a larger one — giving
 * each its chain position, the previous hash and its own.
 */
type AuditRow = Omit<AuditEventTable, 'seq'> & { seq: number };

export function hashAuditRow(row: AuditRow, prevHash: string | null, position: number): string {
  const canonical = JSON.stringify([
    position,
    prevHash,
    row.seq,
    row.id,
    row.at,
    row.actor_kind,
    row.actor_id,
    row.action,
    row.entity,
    row.entity_id,
    row.fields,
    row.details,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

const SEAL_BATCH = 2000;

/** Seals pending rows; returns how many. Call while holding the `audit-sealer` lease. */
export async function sealPendingAudit(db: Kysely<Database>, now: Date): Promise<number> {
  let sealed = 0;
  for (;;) {
    const count = await db.transaction().execute(async (trx) => {
      const seal = await trx.selectFrom('audit_seal').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
      const rows = (await trx
        .selectFrom('audit_events')
        .selectAll()
        .where('hash', 'is', null)
        .orderBy('seq')
        .limit(SEAL_BATCH)
        .execute()) as AuditRow[];
      let prevHash = seal.last_hash;
      let position = Number(seal.last_position);
      for (const row of rows) {
        position += 1;
        const hash = hashAuditRow(row, prevHash, position);
        await trx
          .updateTable('audit_events')
          .set({ chain_position: position, prev_hash: prevHash, hash })
          .where('seq', '=', row.seq)
          .where('hash', 'is', null)
          .execute();
        prevHash = hash;
      }
      if (rows.length) {
        await trx
          .updateTable('audit_seal')
          .set({ last_position: position, last_hash: prevHash, sealed_at: now.toISOString() })
          .where('id', '=', 1)
          .execute();
      }
      return rows.length;
    });
    sealed += count;
    if (count < SEAL_BATCH) return sealed;
  }
}

export type AuditVerification =
  | { isIntact: true; sealedRows: number; pendingRows: number }
  | { isIntact: false; sealedRows: number; brokenAt: { position: number; seq: number | null; reason: string } };

/** Walks the chain from the start; names the first broken link (altered, deleted or reordered row). */
export async function verifyAuditChain(db: Kysely<Database>): Promise<AuditVerification> {
  const seal = await db.selectFrom('audit_seal').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  let prevHash: string | null = null;
  let expected = 1;
  let lastPosition = 0;
  for (;;) {
    const rows = (await db
      .selectFrom('audit_events')
      .selectAll()
      .where('chain_position', '>=', expected)
      .orderBy('chain_position')
      .limit(SEAL_BATCH)
      .execute()) as AuditRow[];
    for (const row of rows) {
      const position = Number(row.chain_position);
      if (position !== expected) {
        return {
          isIntact: false,
          sealedRows: expected - 1,
          brokenAt: { position: expected, seq: null, reason: `row at chain position ${expected} is missing (deleted)` },
        };
      }
      if (row.prev_hash !== prevHash) {
        return {
          isIntact: false,
          sealedRows: expected - 1,
          brokenAt: {
            position,
            seq: row.seq,
            reason: 'its link to the previous row does not match (a row before it was deleted or altered)',
          },
        };
      }
      if (row.hash !== hashAuditRow(row, prevHash, position)) {
        return {
          isIntact: false,
          sealedRows: expected - 1,
          brokenAt: { position, seq: row.seq, reason: 'its content was altered after sealing' },
        };
      }
      prevHash = row.hash;
      lastPosition = position;
      expected += 1;
    }
    if (rows.length < SEAL_BATCH) break;
  }
  if (lastPosition !== Number(seal.last_position) || prevHash !== seal.last_hash) {
    return {
      isIntact: false,
      sealedRows: lastPosition,
      brokenAt: {
        position: lastPosition + 1,
        seq: null,
        reason: `the chain ends at position ${lastPosition} but was sealed up to ${seal.last_position} (newest rows deleted)`,
      },
    };
  }
  const pending = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('hash', 'is', null)
    .executeTakeFirstOrThrow();
  return { isIntact: true, sealedRows: lastPosition, pendingRows: Number(pending.n) };
}
