import type { AppContext } from '../../platform/context.js';
import type { Job } from '../../platform/scheduler.js';
import { sealPendingAudit } from './audit-chain.js';

/** Audit rows are chained within seconds of being written (issue 3 §3). */
export function auditJobs(ctx: AppContext): Job[] {
  return [{ name: 'audit-sealer', intervalMs: 2000, run: (now) => sealPendingAudit(ctx.db, now) }];
}
