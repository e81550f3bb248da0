import type { AreaManifest } from '../../platform/area.js';
import { auditJobs } from './audit.jobs.js';

export { type AuditEntry, entityTrail, recordAudit } from './audit.service.js';
/** The audit trail's public face: every area records through `recordAudit`; the sealer chains rows. */
export { verifyAuditChain } from './audit-chain.js';

export const auditArea: AreaManifest = {
  name: 'audit',
  jobs: auditJobs,
};
