import type { AreaManifest } from '../../platform/area.js';
import { sessionAbilityProviders } from '../../platform/http/session-abilities.js';
import type { PersonalTable } from '../../platform/personal-data.js';
import { committeeSubjects, REQUEST_SUBJECT } from '../committees/index.js';
import { audienceNarrowers, familyChanged } from '../families/index.js';
import { messageSent } from '../notifications/index.js';
import { requestsAudience } from './requests.audience.js';
import { requestBulkRoutes } from './requests.bulk.js';
import { requestCommitteeSubject } from './requests.committee-subject.js';
import { answersAad, noteAad, reasonsAad } from './requests.core.js';
import { OPEN_REQUEST_HOLD } from './requests.erasure-holds.js';
import { requestJobs } from './requests.jobs.js';
import { syncFamilyRequests } from './requests.moves.js';
import { REQUEST_READERS, requestSessionAbilities } from './requests.policy.js';
import { requestRoutes } from './requests.routes.js';
import { onMessageSent } from './requests.told.js';

/** Issue 26 §3 (B5, C2, G2): the public request forms at /documents/forms. */
export { type PublicRequestForm, publicRequestForm, publicRequestForms } from './request-forms.js';
/** Issue 25 §3: the checklists requests were filed under, so the access copy names each answer. */
export { checklistsByVersion } from './request-type-versions.js';
/** Issue 24 §2: the surveys area asks after a request closes. */
export { requestClosed } from './requests.core.js';
export { requestReferences } from './requests.references.js';

/**
 * Service requests' public face (C2–C6): the portal's online requests and attestation by code.
 * Committees reach requests only through the subject kind registered below.
 */
export {
  addOnlineDocument,
  attestationSummary,
  attestByCode,
  createOnlineRequest,
  familyRequest,
  familyRequests,
  onlineRequestTypes,
  removeOnlineDocument,
  submitOnlineRequest,
  updateOnlineRequest,
} from './requests.workflow.js';

const REQUESTS_PERSONAL_DATA: readonly PersonalTable[] = [
  {
    table: 'requests',
    key: ['id'],
    subject: 'family',
    columns: [
      {
        column: 'answers',
        kind: 'encrypted',
        holds: 'the family’s answers to the checklist',
        label: { ar: 'بيانات الطلب', en: 'The request’s details' },
        aad: (k) => answersAad(k.id as string),
        erase: { placeholder: () => '{}' },
      },
      {
        column: 'decision_reasons',
        kind: 'encrypted',
        holds: 'the decision’s reasons',
        label: { ar: 'أسباب القرار', en: 'The decision’s reasons' },
        aad: (k) => reasonsAad(k.id as string),
        erase: 'null',
      },
    ],
    // Issue 25 §5: the request, its status, decision and dates stay; its documents' files go.
    erasure: { rows: 'update', of: { column: 'family_id' }, files: ['request'] },
  },
  {
    table: 'request_history',
    key: ['id'],
    subject: 'family',
    columns: [
      {
        column: 'note',
        kind: 'encrypted',
        holds: 'a status change’s note',
        label: { ar: 'ملاحظة الموظف على المرحلة', en: 'Staff note on a step' },
        aad: (k) => noteAad(k.id as string),
        erase: 'null',
        // Issue 25 §3 (decision 015): staff's note on a step, left out of the access copy — what the
        // family was asked for reaches its copy as the message sent to it.
        accessCopy: 'internal',
      },
    ],
    erasure: { rows: 'update', of: { column: 'request_id', in: { table: 'requests', rows: { column: 'family_id' } } } },
  },
];

export const requestsArea: AreaManifest = {
  name: 'requests',
  routes(app, ctx) {
    requestRoutes(app, ctx);
    requestBulkRoutes(app, ctx);
  },
  jobs: requestJobs,
  wire(ctx) {
    // C4, F2: a family's change reaches its requests (scope, attestations) in the same transaction.
    ctx.hooks.on(familyChanged, (change) => syncFamilyRequests(ctx, change));
    // C5: committees study service requests.
    ctx.hooks.provide(committeeSubjects, REQUEST_SUBJECT, requestCommitteeSubject);
    // C5, C6 (issue 20 §5): a decision is told — and the clock stops — when its message is sent.
    ctx.hooks.on(messageSent, (sent) => onMessageSent(ctx, sent));
    // G3 (issue 20 §2): bulk sends may be narrowed to families with a request of a type, or an open one.
    ctx.hooks.provide(audienceNarrowers, 'requests', requestsAudience);
    // Issue 19 §2: "new request", offered from the session.
    ctx.hooks.provide(sessionAbilityProviders, 'requests', requestSessionAbilities);
  },
  // Issue 25 §7 (F2): the record of processing — purpose, the roles of the read routes, retention.
  processing: {
    purpose: {
      ar: 'دراسة طلبات الخدمة والبت فيها وتوثيق مصادقة الأسرة على بياناتها',
      en: 'Studying and deciding service requests, with the family’s attestation of its data',
    },
    readers: REQUEST_READERS,
    retention: ['families', 'rejected-requests'],
  },
  personalData: REQUESTS_PERSONAL_DATA,
  erasureHolds: [OPEN_REQUEST_HOLD],
  auditKinds: [
    'request-type.cap',
    'request-type.create',
    'request-type.update',
    'request.attest',
    'request.attestation-form',
    'request.attestation-voided',
    'request.count',
    'request.create',
    'request.deadline-breach',
    'request.deadline-warning',
    'request.document-add',
    'request.document-remove',
    'request.document-view',
    'request.export',
    'request.list',
    'request.update',
    'request.view',
  ],
};
