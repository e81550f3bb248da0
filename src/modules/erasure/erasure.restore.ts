import type { AppContext } from '../../platform/context.js';
import type { RestoreCarryOver } from '../../platform/db/backup.js';
import type { PersonalTable } from '../../platform/personal-data.js';
import { reclaimErasedSpace } from './erasure.engine.js';
import { type LedgerEntry, readLedger, reapplyLedger } from './erasure.ledger.js';

/**
 * `sila restore` and the erasure ledger (issue 25 §5, F2): the ledger of the database being replaced
 * is read before the wipe and re-applied to the restored rows in the same transaction, so an older
 * backup cannot bring back a family erased since. `reclaim` then merges the search index (SQLite)
 * or vacuums (PostgreSQL), as after any erasure.
 */
export function erasureCarryOver(
  ctx: AppContext,
  tables: readonly PersonalTable[],
): RestoreCarryOver<LedgerEntry[]> & { reapplied(): number; reclaim(): Promise<void> } {
  let reapplied = 0;
  return {
    before: (trx) => readLedger(trx),
    async after(trx, kept) {
      reapplied = await reapplyLedger(trx, ctx.keys, tables, kept);
    },
    reapplied: () => reapplied,
    async reclaim() {
      if (reapplied)
        await reclaimErasedSpace(ctx.db, [
          'families',
          ...tables.filter((t) => t.erasure && t.erasure.rows !== 'outside').map((t) => t.table),
        ]);
    },
  };
}
