import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegisteredRoute } from '../../src/app.js';
import { STAFF_ROLES, type StaffRole } from '../../src/domain/roles.js';
import type { SessionStage } from '../../src/platform/http/route-policy.js';
import { buildFamily, type FamilyFixture } from './factories.js';
import { agentFor, buildStaff, createTestApp, ENGINE, type StaffFixture, type TestApp } from './harness.js';
import { portalAgentFor } from './portal-support.js';

/**
 * Issue 2 §4: every route declares a policy, and a matrix calls each route as each role and as an
 * anonymous visitor. The table below is what we mean; a route added without a line here fails.
 */
type Expected = 'public' | 'any-staff' | 'family' | StaffRole[];
const ADMIN: StaffRole[] = ['administrator'];
const COMPENSATION: StaffRole[] = ['management', 'committee-member', 'follow-up-committee'];
const FAMILY_READERS: StaffRole[] = ['reception', 'contact-officer', 'volunteer', 'administrator', 'management'];
const FAMILY_REGISTRARS: StaffRole[] = ['reception', 'contact-officer', 'volunteer'];
const REQUEST_READERS: StaffRole[] = ['reception', 'contact-officer', 'volunteer', 'management', 'committee-member'];
const REQUEST_INTAKE: StaffRole[] = ['reception', 'contact-officer', 'volunteer'];
const DOCUMENT_EDITORS: StaffRole[] = ['documents-editor', 'administrator'];
/** F2 (issue 25): privacy officers act, administrators read; the services keep writes to the officers. */
const PRIVACY: StaffRole[] = ['privacy-officer', 'administrator'];

const EXPECTED: Record<string, Expected> = {
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'GET /': 'public',
  'GET /staff': 'public',
  'GET /staff/*': 'public',
  'GET /favicon.ico': 'public',
  'GET /favicon.svg': 'public',
  'GET /apple-touch-icon.png': 'public',
  'GET /api/openapi.json': 'public',
  'GET /api/v1/public/association': 'public',
  'POST /api/v1/auth/sign-in': 'public',
  'GET /api/v1/auth/session': 'any-staff',
  'POST /api/v1/auth/sign-out': 'any-staff',
  'POST /api/v1/auth/password': 'any-staff',
  'POST /api/v1/auth/totp/enrolment': 'any-staff',
  'POST /api/v1/auth/totp/enrolment/confirm': 'any-staff',
  'POST /api/v1/auth/totp/verify': 'any-staff',
  'PUT /api/v1/me/preferences': 'any-staff',
  'GET /api/v1/settings/taxonomies': 'any-staff',
  'GET /api/v1/settings': ADMIN,
  'PUT /api/v1/settings/association': ADMIN,
  'PUT /api/v1/settings/security': ADMIN,
  'POST /api/v1/settings/:kind': ADMIN,
  'PATCH /api/v1/settings/:kind/:code': ADMIN,
  // -- consent purposes and privacy notices (issue 20 §3–§4) --
  'GET /api/v1/settings/consent-purposes': 'any-staff',
  'POST /api/v1/settings/consent-purposes': ADMIN,
  'PATCH /api/v1/settings/consent-purposes/:code': ADMIN,
  'GET /api/v1/settings/privacy-notices/:kind': 'any-staff',
  'POST /api/v1/settings/privacy-notices/:kind': ADMIN,
  'GET /api/v1/staff/users': ['administrator', 'hr'],
  'GET /api/v1/staff/users/:id': ['administrator', 'hr'],
  'POST /api/v1/staff/users': ADMIN,
  'PATCH /api/v1/staff/users/:id': ADMIN,
  'POST /api/v1/staff/users/:id/deactivate': ADMIN,
  'POST /api/v1/staff/users/:id/reactivate': ADMIN,
  'POST /api/v1/staff/users/:id/reset': ADMIN,
  // -- departments and policy acknowledgements (issue 26 §4–§5; R1, R2, P-SCOPE) --
  'GET /api/v1/staff/departments': ['administrator', 'hr', 'documents-editor'],
  'POST /api/v1/staff/departments': ADMIN,
  'PATCH /api/v1/staff/departments/:id': ADMIN,
  'GET /api/v1/acknowledgements/requirements/:versionId': ['documents-editor', 'administrator', 'hr'],
  'PUT /api/v1/acknowledgements/requirements/:versionId': DOCUMENT_EDITORS,
  'DELETE /api/v1/acknowledgements/requirements/:versionId': DOCUMENT_EDITORS,
  'GET /api/v1/acknowledgements/mine': 'any-staff',
  'POST /api/v1/acknowledgements/mine/:versionId': 'any-staff',
  'POST /api/v1/acknowledgements/versions/:versionId/departments/:departmentId/receipt': 'any-staff',
  'GET /api/v1/acknowledgements/versions': ['hr', 'administrator'],
  'GET /api/v1/acknowledgements/versions/:versionId': ['hr', 'administrator'],
  'POST /api/v1/acknowledgements/versions/:versionId/reminders': ['hr', 'administrator'],
  'GET /api/v1/acknowledgements/versions/:versionId/export': ['hr', 'administrator'],
  'POST /api/v1/acknowledgements/versions/:versionId/links': ['hr', 'administrator'],
  'GET /api/v1/acknowledgements/parties': ['hr', 'administrator'],
  'POST /api/v1/acknowledgements/parties': ['hr', 'administrator'],
  'POST /api/v1/acknowledgements/exemptions': ['hr', 'administrator'],
  'GET /api/v1/acknowledgements/versions/:versionId/exemptions': ['hr', 'administrator'],
  'DELETE /api/v1/acknowledgements/exemptions/:exemptionId': ['hr', 'administrator'],
  'GET /api/v1/acknowledgements/departments/mine': 'any-staff',
  'POST /api/v1/public/acknowledgements/link': 'public',
  'POST /api/v1/public/acknowledgements': 'public',
  'GET /ack': 'public',
  'GET /api/v1/families': FAMILY_READERS,
  'GET /api/v1/families/count': FAMILY_READERS,
  'POST /api/v1/families/lookup': FAMILY_READERS,
  'POST /api/v1/families': FAMILY_REGISTRARS,
  'GET /api/v1/families/:id': FAMILY_READERS,
  'PATCH /api/v1/families/:id': FAMILY_REGISTRARS,
  'POST /api/v1/families/:id/email-verification': FAMILY_REGISTRARS,
  'GET /api/v1/families/:id/access-log': ADMIN,
  'GET /api/v1/families/:id/consents': FAMILY_READERS,
  'POST /api/v1/families/:id/consents': FAMILY_REGISTRARS,
  'POST /api/v1/public/consent/link': 'public',
  'POST /api/v1/public/consent/withdraw': 'public',
  // Issue 20 §5: the transports' delivery reports (each checks its own secret).
  'GET /api/v1/public/whatsapp/webhook': 'public',
  'POST /api/v1/public/whatsapp/webhook': 'public',
  'POST /api/v1/public/sms/delivery-reports': 'public',
  'POST /api/v1/public/sms/delivery-reports/:token': 'public',
  'GET /consent': 'public',
  'POST /api/v1/families/export': ['reception', 'contact-officer', 'administrator', 'management'],
  'POST /api/v1/families/imports': ['reception', 'administrator'],
  'POST /api/v1/families/imports/:id/start': ['reception', 'administrator'],
  'GET /api/v1/families/imports/:id': ['reception', 'administrator'],
  'GET /api/v1/calendar/holidays': 'public',
  'GET /api/v1/calendar/deadline': 'public',
  'GET /api/v1/settings/holidays': ADMIN,
  'POST /api/v1/settings/holidays': ADMIN,
  'DELETE /api/v1/settings/holidays/edits/:id': ADMIN,
  'GET /api/v1/settings/weekend': ADMIN,
  'PUT /api/v1/settings/weekend': ADMIN,
  'GET /api/v1/notifications/outbox': ADMIN,
  'GET /api/v1/notifications/outbox/:id': ['administrator', 'reception'],
  'POST /api/v1/notifications/outbox/:id/retry': ADMIN,
  'POST /api/v1/notifications/outbox/:id/cancel': ADMIN,
  'POST /api/v1/notifications/bulk-sends/preview': ADMIN,
  'POST /api/v1/notifications/bulk-sends': ADMIN,
  'GET /api/v1/notifications/bulk-sends': ['administrator', 'management'],
  'GET /api/v1/notifications/bulk-sends/:id': ['administrator', 'management'],
  'GET /api/v1/notifications/bulk-sends/:id/results': ['administrator', 'management'],
  'POST /api/v1/notifications/bulk-sends/:id/cancel': ADMIN,
  'GET /api/v1/notifications/tasks': ['administrator', 'reception'],
  'GET /api/v1/notifications/outbox/:id/letter': ['administrator', 'reception'],
  'POST /api/v1/notifications/outbox/:id/sent': ['administrator', 'reception'],
  'POST /api/v1/notifications/outbox/:id/call': ['administrator', 'reception'],
  'GET /api/v1/me/notifications': 'any-staff',
  // -- saved worklist views (issue 19 §4): everyone's own; sharing is checked in the service --
  'GET /api/v1/saved-views': 'any-staff',
  'POST /api/v1/saved-views': 'any-staff',
  'DELETE /api/v1/saved-views/:id': 'any-staff',
  // -- the document library (issue 26 §1): documents editors and administrators; kinds are a setting --
  'GET /api/v1/documents/kinds': DOCUMENT_EDITORS,
  'POST /api/v1/documents/kinds': ADMIN,
  'PATCH /api/v1/documents/kinds/:code': ADMIN,
  'GET /api/v1/documents': DOCUMENT_EDITORS,
  'POST /api/v1/documents': DOCUMENT_EDITORS,
  'GET /api/v1/documents/:id': DOCUMENT_EDITORS,
  'PATCH /api/v1/documents/:id': DOCUMENT_EDITORS,
  'POST /api/v1/documents/:id/versions': DOCUMENT_EDITORS,
  'PATCH /api/v1/documents/:id/versions/:versionId': DOCUMENT_EDITORS,
  'POST /api/v1/documents/:id/versions/:versionId/publish': DOCUMENT_EDITORS,
  'POST /api/v1/documents/:id/versions/:versionId/withdraw': DOCUMENT_EDITORS,
  'POST /api/v1/documents/:id/versions/:versionId/files/:language': DOCUMENT_EDITORS,
  'GET /api/v1/documents/:id/versions/:versionId/files/:language': DOCUMENT_EDITORS,
  // -- the privacy area (issue 25 §2, §8; F2): data-subject requests, the breach register, the answer period --
  'GET /api/v1/privacy/requests': PRIVACY,
  'POST /api/v1/privacy/requests': PRIVACY,
  'GET /api/v1/privacy/requests/:id': PRIVACY,
  'POST /api/v1/privacy/requests/:id/verification': PRIVACY,
  'POST /api/v1/privacy/requests/:id/answer': PRIVACY,
  'POST /api/v1/privacy/requests/:id/refusal': PRIVACY,
  'POST /api/v1/privacy/requests/:id/extension': PRIVACY,
  'POST /api/v1/privacy/requests/:id/correction-link': PRIVACY,
  'POST /api/v1/privacy/requests/:id/access-copy': PRIVACY,
  'GET /api/v1/privacy/requests/:id/access-copy': PRIVACY,
  'GET /api/v1/privacy/requests/:id/access-copy/:format': PRIVACY,
  'POST /api/v1/portal/privacy-requests': 'family',
  'GET /api/v1/portal/privacy-requests': 'family',
  'GET /api/v1/portal/privacy-requests/:id/access-copy/:format': 'family',
  'GET /api/v1/privacy/record': PRIVACY,
  'GET /api/v1/privacy/settings': PRIVACY,
  'PUT /api/v1/privacy/settings': PRIVACY,
  'GET /api/v1/privacy/breaches': PRIVACY,
  'POST /api/v1/privacy/breaches': PRIVACY,
  'GET /api/v1/privacy/breaches/:id': PRIVACY,
  'POST /api/v1/privacy/breaches/:id/decision': PRIVACY,
  'POST /api/v1/privacy/breaches/:id/regulator-notification': PRIVACY,
  'POST /api/v1/privacy/breaches/:id/people-informed': PRIVACY,
  'POST /api/v1/privacy/breaches/:id/closure': PRIVACY,
  // -- erasure and retention (issue 25 §5–§6; F2): privacy officers and administrators, erasures within their family scope --
  'POST /api/v1/privacy/erasures': PRIVACY,
  'GET /api/v1/privacy/erasures': PRIVACY,
  'GET /api/v1/privacy/erasure-holds': PRIVACY,
  'POST /api/v1/privacy/complainant-erasures': PRIVACY,
  'GET /api/v1/privacy/complainant-erasure-holds': PRIVACY,
  'GET /api/v1/privacy/retention': PRIVACY,
  'PUT /api/v1/privacy/retention': PRIVACY,
  'GET /api/v1/privacy/retention/preview': PRIVACY,
  'GET /api/v1/privacy/retention/runs': PRIVACY,
  // -- the set-up checklist (issue 27 §7): administrators only --
  'GET /api/v1/setup': ADMIN,
  'POST /api/v1/setup/reviews': ADMIN,
  'POST /api/v1/setup/test-message': ADMIN,
  // Issue 24 (H1, C1): management builds questionnaires and reads results (contact officers too: comments in their scope);
  // administrators set the triggers; the answer page is public, its token the only key.
  'GET /api/v1/surveys/questionnaires': ['management', 'administrator'],
  'POST /api/v1/surveys/questionnaires': ['management'],
  'PUT /api/v1/surveys/questionnaires/:id': ['management'],
  'GET /api/v1/surveys/results': ['management', 'contact-officer'],
  'GET /api/v1/surveys/comments': ['management', 'contact-officer'],
  'GET /api/v1/surveys/answers': ['management', 'contact-officer'],
  'POST /api/v1/surveys/answers/export': ['management', 'contact-officer'],
  'GET /api/v1/surveys/questionnaires/:id/versions': ['management', 'administrator'],
  'POST /api/v1/surveys/campaigns/preview': ['administrator', 'management'],
  'GET /api/v1/surveys/campaigns': ['administrator', 'management'],
  'POST /api/v1/surveys/campaigns': ['administrator', 'management'],
  'GET /api/v1/surveys/campaigns/:id': ['administrator', 'management'],
  'POST /api/v1/surveys/campaigns/:id/cancel': ['administrator', 'management'],
  'GET /api/v1/settings/surveys': ['administrator', 'management'],
  'PUT /api/v1/settings/surveys': ADMIN,
  'GET /s/:token': 'public',
  'POST /s/:token': 'public',
  'GET /s-assets/survey.css': 'public',
  'GET /s-assets/survey.js': 'public',
  'POST /api/v1/me/notifications/:id/read': 'any-staff',
  'GET /api/v1/notifications/templates': ADMIN,
  'GET /api/v1/notifications/templates/:event/:channel/:language': ADMIN,
  'PUT /api/v1/notifications/templates/:event/:channel/:language': ADMIN,
  'DELETE /api/v1/notifications/templates/:event/:channel/:language': ADMIN,
  'GET /api/v1/notifications/settings': ADMIN,
  'PUT /api/v1/notifications/settings': ADMIN,
  // -- service requests and request types (issue 5) --
  'GET /api/v1/settings/request-types': ADMIN,
  'POST /api/v1/settings/request-types': ADMIN,
  'GET /api/v1/settings/request-types/:code': ADMIN,
  'PUT /api/v1/settings/request-types/:code': ADMIN,
  'GET /api/v1/settings/request-types/:code/versions': ADMIN,
  'GET /api/v1/request-types': 'any-staff',
  'POST /api/v1/requests': REQUEST_INTAKE,
  'GET /api/v1/requests': REQUEST_READERS,
  'GET /api/v1/requests/counts': REQUEST_READERS,
  'GET /api/v1/requests/channels': REQUEST_READERS,
  'GET /api/v1/requests/:id': REQUEST_READERS,
  'PATCH /api/v1/requests/:id': REQUEST_INTAKE,
  'POST /api/v1/requests/:id/documents': REQUEST_INTAKE,
  'GET /api/v1/requests/:id/documents/:documentId': REQUEST_READERS,
  'DELETE /api/v1/requests/:id/documents/:documentId': REQUEST_INTAKE,
  'GET /api/v1/requests/:id/attestation-form': REQUEST_INTAKE,
  'POST /api/v1/requests/:id/attestations': REQUEST_INTAKE,
  'POST /api/v1/requests/:id/transitions': REQUEST_INTAKE,
  // -- bulk actions (issue 19 §5): the single action's roles; each record checked on its own --
  'POST /api/v1/requests/bulk/transitions': REQUEST_INTAKE,
  'POST /api/v1/requests/export': REQUEST_READERS,
  // -- attestations of subjects of any kind (issue 22; the same witnesses as requests') --
  'GET /api/v1/attestations/:kind/:id': REQUEST_INTAKE,
  'GET /api/v1/attestations/:kind/:id/form': REQUEST_INTAKE,
  'POST /api/v1/attestations/:kind/:id/signature': REQUEST_INTAKE,
  'POST /api/v1/attestations/:kind/:id/paper': REQUEST_INTAKE,
  // -- committees, meetings, minutes (issue 5 §7) --
  'GET /api/v1/committees': ['administrator', 'management', 'committee-member', 'follow-up-committee'],
  'POST /api/v1/committees': ADMIN,
  'GET /api/v1/committees/:id': ['administrator', 'management', 'committee-member', 'follow-up-committee'],
  'PATCH /api/v1/committees/:id': ADMIN,
  'GET /api/v1/committees/:id/awaiting-study': ['committee-member', 'follow-up-committee'],
  'GET /api/v1/committees/:id/meetings': ['administrator', 'committee-member', 'follow-up-committee'],
  'POST /api/v1/committees/:id/meetings': ['administrator', 'committee-member', 'follow-up-committee'],
  'GET /api/v1/meetings/:id': ['committee-member', 'follow-up-committee'],
  'PATCH /api/v1/meetings/:id': ['administrator', 'committee-member', 'follow-up-committee'],
  'POST /api/v1/meetings/:id/agenda': ['committee-member', 'follow-up-committee'],
  'POST /api/v1/meetings/:id/votes': ['committee-member', 'follow-up-committee'],
  'POST /api/v1/meetings/:id/information-requests': ['committee-member', 'follow-up-committee'],
  'POST /api/v1/meetings/:id/minutes': ['committee-member', 'follow-up-committee'],
  'GET /api/v1/minutes/:id': ['committee-member', 'follow-up-committee'],
  'GET /api/v1/minutes/:id/print': ['committee-member', 'follow-up-committee'],
  'PATCH /api/v1/minutes/:id': ['committee-member', 'follow-up-committee'],
  'POST /api/v1/minutes/:id/approvals': ['committee-member', 'follow-up-committee'],
  'POST /api/v1/minutes/:id/amendments': ['committee-member', 'follow-up-committee'],
  'POST /api/v1/minutes/:id/excusals': ['committee-member', 'follow-up-committee'],
  // -- beneficiary portal (issue 5 §2, §9) --
  'POST /api/v1/portal/sign-in/start': 'public',
  'POST /api/v1/portal/sign-in/verify': 'public',
  'POST /api/v1/portal/sign-out': 'family',
  'GET /api/v1/portal/me': 'family',
  'GET /api/v1/portal/consents': 'family',
  'POST /api/v1/portal/consents/withdraw': 'family',
  'GET /portal': 'public',
  'GET /portal/apply': 'public',
  'GET /portal/apply/:type': 'public',
  'GET /portal/requests/:id': 'public',
  'GET /portal/privacy': 'public',
  'GET /api/v1/portal/requests': 'family',
  'GET /api/v1/portal/requests/:id': 'family',
  'POST /api/v1/portal/requests': 'family',
  'PATCH /api/v1/portal/requests/:id': 'family',
  'POST /api/v1/portal/requests/:id/submit': 'family',
  'GET /api/v1/portal/requests/:id/attestation': 'family',
  'POST /api/v1/portal/requests/:id/attestation/start': 'family',
  'POST /api/v1/portal/requests/:id/attestation/verify': 'family',
  'GET /api/v1/portal/attestations/:kind/:id': 'family',
  'POST /api/v1/portal/attestations/:kind/:id/start': 'family',
  'POST /api/v1/portal/attestations/:kind/:id/verify': 'family',
  'GET /api/v1/portal/request-types': 'family',
  'POST /api/v1/portal/requests/:id/documents': 'family',
  'DELETE /api/v1/portal/requests/:id/documents/:documentId': 'family',
  // -- complaints and inquiries (issue 6) --
  'GET /complaints/new': 'public',
  'GET /complaints/track': 'public',
  'GET /api/v1/public/form-options': 'public',
  'POST /api/v1/public/uploads': 'public',
  'POST /api/v1/public/complaints': 'public',
  'POST /api/v1/public/complaints/lookup': 'public',
  'POST /api/v1/public/inquiries': 'public',
  'POST /api/v1/public/inquiries/lookup': 'public',
  'GET /api/v1/settings/complaints': ADMIN,
  'PUT /api/v1/settings/complaints': ADMIN,
  'GET /contact': 'public',
  // -- the public document library (issue 26 §1): published public versions only --
  'GET /documents': 'public',
  'GET /documents/:slug': 'public',
  'GET /documents/:slug/v/:number': 'public',
  'GET /documents/files/:file': 'public',
  // Issue 26 §3 (B5, C2, G2): the request forms.
  'GET /documents/forms': 'public',
  'GET /documents/forms/:code': 'public',
  'GET /api/v1/public/contact-officers': 'public',
  // A6 (issue 27 §3): volunteers file complaints and inquiries on a family's behalf and read what they filed.
  'POST /api/v1/complaints/intake': ['reception', 'contact-officer', 'volunteer'],
  'GET /api/v1/complaints': ['follow-up-committee', 'management', 'reception', 'contact-officer', 'volunteer'],
  'GET /api/v1/complaints/counts': ['follow-up-committee', 'management', 'reception', 'contact-officer', 'volunteer'],
  'GET /api/v1/complaints/oversight': ['management'],
  'GET /api/v1/complaints/staff-lookup': ['follow-up-committee'],
  'GET /api/v1/complaints/:id': ['follow-up-committee', 'management', 'reception', 'contact-officer', 'volunteer'],
  'POST /api/v1/complaints/:id/steps': ['follow-up-committee', 'reception', 'contact-officer'],
  'POST /api/v1/complaints/bulk/steps': ['follow-up-committee', 'reception', 'contact-officer'],
  'POST /api/v1/complaints/:id/entries': ['follow-up-committee'],
  'POST /api/v1/complaints/:id/entries/:entryId/done': ['follow-up-committee'],
  'POST /api/v1/complaints/:id/evidence': ['follow-up-committee'],
  'POST /api/v1/complaints/:id/settlement': ['follow-up-committee'],
  'POST /api/v1/complaints/:id/compensation': ['follow-up-committee'],
  // Issue 23: compensation cases — management and committee members (the services narrow to the investigating committee).
  'GET /api/v1/compensation-cases': COMPENSATION,
  'POST /api/v1/compensation-cases': COMPENSATION,
  'GET /api/v1/compensation-oversight': COMPENSATION,
  'GET /api/v1/compensation-settings': ['administrator', 'management'],
  'PUT /api/v1/compensation-settings': ADMIN,
  'GET /api/v1/compensation-cases/:id': COMPENSATION,
  'POST /api/v1/compensation-cases/:id/transitions': COMPENSATION,
  'POST /api/v1/compensation-cases/:id/claim-scan': COMPENSATION,
  'POST /api/v1/compensation-cases/:id/rulings': COMPENSATION,
  'POST /api/v1/compensation-cases/:id/rounds': COMPENSATION,
  'POST /api/v1/compensation-cases/:id/rounds/:roundId/approval': ['management'],
  'POST /api/v1/compensation-cases/:id/rounds/:roundId/answer': COMPENSATION,
  'PUT /api/v1/compensation-cases/:id/settlement': COMPENSATION,
  'GET /api/v1/compensation-cases/:id/settlement/document': COMPENSATION,
  'POST /api/v1/compensation-cases/:id/settle': COMPENSATION,
  'POST /api/v1/compensation-cases/:id/payments': COMPENSATION,
  'GET /api/v1/compensation-cases/:id/files/:fileId': COMPENSATION,
  'GET /api/v1/portal/compensation-cases': 'family',
  'GET /api/v1/complaints/:id/files/:fileId': ['follow-up-committee', 'management', 'reception', 'contact-officer', 'volunteer'],
  'GET /api/v1/inquiries': ['contact-officer', 'management', 'reception', 'volunteer'],
  'GET /api/v1/inquiries/counts': ['contact-officer', 'management', 'reception', 'volunteer'],
  'GET /api/v1/inquiries/answer-templates': ['contact-officer'],
  'GET /api/v1/inquiries/:id': ['contact-officer', 'management', 'reception', 'volunteer'],
  'POST /api/v1/inquiries/:id/steps': ['contact-officer', 'reception'],
  'GET /api/v1/inquiries/:id/files/:fileId': ['contact-officer', 'management', 'reception', 'volunteer'],
  'GET /api/v1/contact-officers': ['administrator', 'management'],
  'POST /api/v1/contact-officers': ADMIN,
  'PATCH /api/v1/contact-officers/:id': ADMIN,
  'GET /api/v1/officer-absences': ['administrator', 'management', 'contact-officer'],
  'PUT /api/v1/officer-absences/:id': ['administrator', 'contact-officer'],
};

let t: TestApp;
const staffByRole = new Map<StaffRole, StaffFixture>();

beforeAll(async () => {
  t = await createTestApp();
  for (const role of STAFF_ROLES) staffByRole.set(role, await buildStaff(t, { roles: [role], withTotp: false }));
});
afterAll(async () => {
  await t.close();
});

let registeredFamily: FamilyFixture | undefined;
async function portalFamily(): Promise<FamilyFixture> {
  registeredFamily ??= await buildFamily(t, { by: staffByRole.get('reception') as StaffFixture });
  return registeredFamily;
}

function appRoutes(): RegisteredRoute[] {
  // HEAD twins of GET routes, the docs' own files and the built assets are covered by their prefix.
  return t.app.silaRoutes.filter((r) => r.method !== 'HEAD' && !r.url.startsWith('/api/docs') && !r.url.startsWith('/assets/'));
}

function concreteUrl(url: string): string {
  return url
    .replace(':id', '01936b2e-0000-7000-8000-000000000000')
    .replace(':kind', 'categories')
    .replace(':code', 'trainee')
    .replace('*', 'users');
}

describe(`route policies [${ENGINE}]`, () => {
  it('every registered route declares a policy', () => {
    const missing = t.app.silaRoutes.filter((r) => !r.policy).map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
  });

  it('every route is in the expected-access table, and the table has no stale lines', () => {
    const registered = appRoutes().map((r) => `${r.method} ${r.url}`);
    expect(registered.filter((key) => !(key in EXPECTED))).toEqual([]);
    expect(Object.keys(EXPECTED).filter((key) => !registered.includes(key))).toEqual([]);
  });

  it('declared policies match the table', () => {
    for (const route of appRoutes()) {
      const expected = EXPECTED[`${route.method} ${route.url}`];
      const policy = route.policy;
      if (expected === 'public') expect(policy, route.url).toEqual({ access: 'public' });
      else if (expected === 'family') expect(policy, route.url).toEqual({ access: 'family' });
      else if (expected === 'any-staff') expect(policy, route.url).toMatchObject({ access: 'staff', roles: 'any-role' });
      else
        expect(policy && policy.access === 'staff' && [...(policy.roles as StaffRole[])].sort(), route.url).toEqual(
          [...(expected ?? [])].sort(),
        );
    }
  });

  it('answers each route as each role and as an anonymous visitor', async () => {
    const failures: string[] = [];
    for (const route of appRoutes()) {
      const key = `${route.method} ${route.url}`;
      const expected = EXPECTED[key];
      const url = concreteUrl(route.url);
      const hasBody = ['POST', 'PUT', 'PATCH'].includes(route.method);
      const anonymous = await t.app.inject({ method: route.method as 'GET', url, ...(hasBody ? { payload: {} } : {}) });
      if (expected === 'public') {
        if ([401, 403].includes(anonymous.statusCode)) failures.push(`${key} anonymous → ${anonymous.statusCode}`);
        continue;
      }
      if (anonymous.statusCode !== 401) failures.push(`${key} anonymous → ${anonymous.statusCode}, expected 401`);
      const stages = (route.policy?.access === 'staff' && route.policy.stages) || ['active'];
      const stage: SessionStage = stages.includes('active') ? 'active' : (stages[0] as SessionStage);
      for (const role of STAFF_ROLES) {
        const staff = staffByRole.get(role) as StaffFixture;
        const { token, row } = await t.ctx.sessions.create('staff', staff.id, stage);
        const response = await agentFor(t, token, row.csrf_token).request(route.method, url, hasBody ? {} : undefined);
        const isAllowed = expected === 'any-staff' || (Array.isArray(expected) && expected.includes(role));
        const isRefused = response.statusCode === 401 || response.statusCode === 403;
        if (isAllowed && isRefused) failures.push(`${key} as ${role} → ${response.statusCode} ${response.json().code}, expected access`);
        // A staff session does not open the portal at all (401); a role short of the right, 403.
        if (!isAllowed && response.statusCode !== (expected === 'family' ? 401 : 403))
          failures.push(`${key} as ${role} → ${response.statusCode}, expected ${expected === 'family' ? 401 : 403}`);
      }
      // A family signed in to the portal opens the portal's routes and nothing of the staff app.
      const family = await t.ctx.sessions.create('family', (await portalFamily()).id, 'active');
      const asFamily = await portalAgentFor(t, family.token, family.row.csrf_token).request(route.method, url, hasBody ? {} : undefined);
      const isFamilyRefused = asFamily.statusCode === 401 || asFamily.statusCode === 403;
      if (expected === 'family' && isFamilyRefused) failures.push(`${key} as a family → ${asFamily.statusCode}, expected access`);
      if (expected !== 'family' && !isFamilyRefused) failures.push(`${key} as a family → ${asFamily.statusCode}, expected 401`);
    }
    expect(failures).toEqual([]);
  }, 180_000); // ~40 routes × 9 principals: minutes on a loaded two-core machine

  it('a session that has not finished signing in opens nothing but the sign-in steps', async () => {
    const staff = staffByRole.get('administrator') as StaffFixture;
    for (const stage of ['password-change', 'mfa-enroll', 'mfa'] as const) {
      const { token, row } = await t.ctx.sessions.create('staff', staff.id, stage);
      const agent = agentFor(t, token, row.csrf_token);
      const response = await agent.request('GET', '/api/v1/settings');
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe(`auth.stage.${stage}`);
      expect((await agent.request('GET', '/api/v1/auth/session')).statusCode).toBe(200);
    }
  });
});
