import type { AreaManifest } from '../../platform/area.js';
import { attestationSubjects } from '../attestations/index.js';
import { committeeSubjects } from '../committees/index.js';
import { compensationEscalation } from '../complaints/index.js';
import { caseOutcome, openFromComplaint } from './compensation.cases.js';
import { OPEN_CASE_HOLD } from './compensation.erasure-holds.js';
import { COMPENSATION_SUBJECT, compensationCommitteeSubject } from './compensation.guard.js';
import { compensationJobs } from './compensation.jobs.js';
import { compensationRoutes, WORKERS } from './compensation.routes.js';
import { COMPENSATION_PERSONAL_DATA } from './compensation.sealing.js';
import { SETTLEMENT_KIND, settlementAttestationSubject } from './compensation.settlement-data.js';

/**
 * Compensation cases' public face (issue 23; D1–D4, E3): the portal's read of a family's cases.
 * Committees study cases as the subject kind `compensation` (D2), attestations bind the settlement
 * (kind `compensation-settlement`), and complaints open a case on escalation — each through what
 * that area declares, wired below, so none of them imports this area.
 */
export { familyCompensationCases } from './compensation.portal.js';

export const compensationArea: AreaManifest = {
  name: 'compensation',
  routes: (app, ctx) => compensationRoutes(app, ctx),
  jobs: compensationJobs,
  wire(ctx) {
    // D2: the investigation committee studies compensation cases and its frozen minutes decide them.
    ctx.hooks.provide(committeeSubjects, COMPENSATION_SUBJECT, compensationCommitteeSubject);
    // D4, C4: the family attests the settlement's terms.
    ctx.hooks.provide(attestationSubjects, SETTLEMENT_KIND, settlementAttestationSubject);
    // E3: escalating a complaint opens its case; the tracking page reads its outcome.
    ctx.hooks.provide(compensationEscalation, 'compensation', { openFromComplaint, caseOf: caseOutcome });
  },
  // Issue 25 §7 (F2): the record of processing — purpose, the roles of the read routes, retention.
  processing: {
    purpose: { ar: 'معالجة قضايا التعويض والتسوية وصرف المستحقات', en: 'Handling compensation cases, settlements and payments' },
    readers: WORKERS,
    retention: ['families'],
  },
  personalData: COMPENSATION_PERSONAL_DATA,
  erasureHolds: [OPEN_CASE_HOLD],
  auditKinds: ['compensation.*', 'settings.update'],
};
