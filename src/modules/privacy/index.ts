import type { AreaManifest } from '../../platform/area.js';
import { accessCopyJobs } from './privacy.access-copy-job.js';
import { accessCopyRoutes } from './privacy.access-copy-routes.js';
import { ACCESS_COPY_PERSONAL_DATA } from './privacy.access-copy-rules.js';
import { privacyJobs } from './privacy.jobs.js';
import { privacyBreachRoutes, privacyRequestRoutes } from './privacy.routes.js';
import { PRIVACY_PERSONAL_DATA } from './privacy.sealing.js';

/**
 * The privacy area (issue 25 §1–§2, §7–§8; F2): data-subject requests on the Personal Data Protection
 * Law's 30-calendar-day clock, the breach register on its 72-clock-hour one, and the record of
 * processing. Erasure, legal holds and retention are the erasure area's: it takes an erasure
 * request over by providing `erasureHandOff`.
 */
export { type ErasureHandOff, erasureHandOff } from './privacy.hand-off.js';
export { type ProcessingSources, processingSources } from './privacy.record.js';

export const privacyArea: AreaManifest = {
  name: 'privacy',
  routes: (app, ctx) => {
    privacyRequestRoutes(app, ctx);
    privacyBreachRoutes(app, ctx);
    accessCopyRoutes(app, ctx);
  },
  jobs: (ctx) => [...privacyJobs(ctx), ...accessCopyJobs(ctx)],
  personalData: [...PRIVACY_PERSONAL_DATA, ...ACCESS_COPY_PERSONAL_DATA],
  auditKinds: ['privacy.*', 'settings.update'],
};
