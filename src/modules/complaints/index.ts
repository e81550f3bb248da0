import type { AreaManifest } from '../../platform/area.js';
import { sessionAbilityProviders } from '../../platform/http/session-abilities.js';
import { COMPLAINTS_PERSONAL_DATA } from './complaints.data.js';
import { OPEN_COMPLAINT_HOLD } from './complaints.erasure-holds.js';
import { complaintJobs } from './complaints.jobs.js';
import { complaintPageRoutes } from './complaints.pages.js';
import { caseSessionAbilities } from './complaints.policy.js';
import { complaintRoutes } from './complaints.routes.js';
import { COMPLAINT_READERS, complaintStaffRoutes, INQUIRY_READERS } from './complaints.staff-routes.js';

/** E3, issue 23: the compensation area provides the case an escalation opens, and reads the rule on staff concerned (§6). */
export { type CompensationEscalation, compensationEscalation, complaintReference } from './complaints.compensation.js';
export { type CaseStepped, caseStepped } from './complaints.handling.js';
export { listContactOfficers, officerForFamily } from './complaints.officers.js';
export { concernedByComplaint, isConcerned } from './complaints.policy.js';
/**
 * F2 (issue 25 §2, §5): the privacy area identifies a complainant by reference and tracking code, and
 * answers on their case's channel; the erasure area finds the case whose writer's data it erases.
 */
export {
  type ComplaintForErasure,
  type ComplaintRequester,
  complaintByTracking,
  complaintForErasure,
  complaintWriterRecipients,
} from './complaints.privacy.js';
/** Issue 24 §5: the surveys' export names complaints and inquiries by their reference. */
export { complaintReferences } from './complaints.references.js';

/**
 * Complaints and inquiries (E1–E3, C1, G1, H5, H6): the public link, its light pages, staff
 * handling and the contact-officer register. Nothing else enters this area yet.
 */
export const complaintsArea: AreaManifest = {
  name: 'complaints',
  routes(app, ctx, { webDir }) {
    complaintRoutes(app, ctx);
    complaintStaffRoutes(app, ctx);
    complaintPageRoutes(app, ctx, { webDir });
  },
  jobs: complaintJobs,
  wire(ctx) {
    // Issue 19 §2: registering a complaint or an inquiry, offered from the session.
    ctx.hooks.provide(sessionAbilityProviders, 'complaints', caseSessionAbilities);
  },
  // Issue 25 §7 (F2): the record of processing — purpose, the roles of the read routes, retention.
  // A registered family's complaints go with its erasure; a writer's with the complaint's period.
  processing: {
    purpose: { ar: 'استقبال الشكاوى والاستفسارات ومعالجتها والرد عليها', en: 'Receiving, handling and answering complaints and inquiries' },
    readers: [...new Set([...COMPLAINT_READERS, ...INQUIRY_READERS])],
    retention: ['complaints', 'families'],
  },
  personalData: COMPLAINTS_PERSONAL_DATA,
  erasureHolds: [OPEN_COMPLAINT_HOLD],
  // Handling steps write `<kind>.<step>` (complaint.acknowledge, inquiry.answer, …).
  auditKinds: [
    'complaint.*',
    'inquiry.*',
    'contact-officer.absent',
    'contact-officer.create',
    'contact-officer.present',
    'contact-officer.update',
    'public-upload.create',
    'settings.update',
  ],
};
