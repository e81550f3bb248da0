import type { AreaManifest } from '../../platform/area.js';
import { audienceNarrowers, familyErasureLookup } from '../families/index.js';
import { erasedAmong } from './erasure.ledger.js';
import { erasureRoutes } from './erasure.routes.js';
import { nightlyRetention } from './retention.run.js';

/**
 * Erasure and retention (issue 25 §5–§6, F2; docs/decisions/014-erasure.md): a family's erasure by
 * the registry's declarations, the legal holds areas register, the erasure ledger `sila restore`
 * re-applies, and the nightly retention job. The privacy area carries out an erasure request
 * through `eraseFamily` and shows the holds with `erasureHolds`; a complaint's writer who is not a
 * registered family is erased by its case (erasure.complainant.ts).
 */
export { type LedgerEntry, readLedger, reapplyLedger } from './erasure.ledger.js';
export { erasureCarryOver } from './erasure.restore.js';
export { type EraseOptions, type ErasureActor, type ErasureResult, eraseFamily, erasureHolds } from './erasure.service.js';
/** Issue 25 §7: the record of processing names the retention period that applies to each area's data. */
export { retentionPeriods } from './retention.periods.js';
export { runRetention } from './retention.run.js';

export const erasureArea: AreaManifest = {
  name: 'erasure',
  routes: (app, ctx) => erasureRoutes(app, ctx),
  // Issue 25 §5 (F2): the registry asks the ledger whether a family is erased (one indexed read) and refuses writes about it.
  // A bulk send or survey campaign never names an erased family among its recipients (an anti-join on the same index).
  wire(ctx) {
    ctx.hooks.provide(familyErasureLookup, 'erasure', (db, familyIds) => erasedAmong(db, 'families', familyIds));
    ctx.hooks.provide(audienceNarrowers, 'erasure', {
      narrow: (query) =>
        query.where(({ exists, not, selectFrom }) =>
          not(
            exists(
              selectFrom('erasures')
                .select('erasures.id')
                .where('erasures.subject_table', '=', 'families')
                .whereRef('erasures.subject_id', '=', 'families.id'),
            ),
          ),
        ),
    });
  },
  // Checked hourly; runs once a night (retention.run.ts).
  jobs: (ctx) => [{ name: 'retention', intervalMs: 60 * 60_000, run: (now) => nightlyRetention(ctx, now) }],
  auditKinds: ['complaint.erase', 'family.erase', 'retention.anonymise', 'retention.update'],
};
