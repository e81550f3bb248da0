import type { AreaManifest } from '../../platform/area.js';
import { accessCopyJobs } from './privacy.access-copy-job.js';
import { accessCopyRoutes } from './privacy.access-copy-routes.js';
import { ACCESS_COPY_PERSONAL_DATA } from './privacy.access-copy-rules.js';
import { OPEN_DATA_SUBJECT_REQUEST_HOLD } from './privacy.erasure-holds.js';
import { privacyJobs } from './privacy.jobs.js';
import { READERS } from './privacy.policy.js';
import { privacyBreachRoutes, privacyRequestRoutes } from './privacy.routes.js';
import { PRIVACY_PERSONAL_DATA } from './privacy.sealing.js';

/**
 * The privacy area (issue 25 §1–§2, §7–§8; F2): data-subject requests on the Personal Data Protection
 * Law's 30-calendar-day clock, the breach register on its 72-clock-hour one, and the record of
 * processing. Erasure, legal holds and retention are the erasure area's: it takes an erasure
 * request over by providing `erasureHandOff`; this area registers its own hold (an open request).
 */
export { type ErasureHandOff, erasureHandOff } from './privacy.hand-off.js';
/** Issue 25 §2–§3: the portal's page of the family's own data-subject requests and copies. */
export { familyPrivacyRequests } from './privacy.portal.js';
export { filesProcessing, type ProcessingSources, processingSources } from './privacy.record.js';

export const privacyArea: AreaManifest = {
  name: 'privacy',
  routes: (app, ctx) => {
    privacyRequestRoutes(app, ctx);
    privacyBreachRoutes(app, ctx);
    accessCopyRoutes(app, ctx);
  },
  jobs: (ctx) => [...privacyJobs(ctx), ...accessCopyJobs(ctx)],
  // Issue 25 §7 (F2): the record of processing — purpose, the roles of the read routes, retention.
  // A family's access copies go with its erasure; the requests and the breach register stay as the
  // association's proof of compliance.
  processing: {
    purpose: {
      ar: 'الاستجابة لطلبات أصحاب البيانات وتوثيق حوادث تسرّب البيانات الشخصية',
      en: 'Answering data subjects’ requests and recording personal-data breaches',
    },
    readers: READERS,
    retention: ['families'],
  },
  personalData: [...PRIVACY_PERSONAL_DATA, ...ACCESS_COPY_PERSONAL_DATA],
  // Issue 25 §5: an open data-subject request holds the family's erasure (except the erasure request carried out).
  erasureHolds: [OPEN_DATA_SUBJECT_REQUEST_HOLD],
  auditKinds: ['privacy.*', 'settings.update'],
};
