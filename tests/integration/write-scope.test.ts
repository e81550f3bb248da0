import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalSubjectData } from '../../src/domain/attestation.js';
import type { StaffRole } from '../../src/domain/roles.js';
import type { StaffScope } from '../../src/domain/scope.js';
import { attestationSubjects } from '../../src/modules/attestations/index.js';
import {
  buildCommittee,
  buildComplaint,
  buildFamily,
  buildRequest,
  buildRequestType,
  buildStaff,
  type FamilyFixture,
  familyBody,
  multipartUpload,
  PROJECT_CHECKLIST,
  type RequestFixture,
  SIGNATURE_PNG,
} from './factories.js';
import { type Agent, createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';
import { type PortalAgent, portalAgentFor } from './portal-support.js';

/**
 * Issue 21 §1 (F2): every write checks the writer's scope. Each write route of the app has a line
 * here: cases that aim it at a record outside the writer's scope (404, as reads answer) or that
 * would create or move something outside it (403 `scope.forbidden` with the field's pointer), or
 * the reason it names no family, office, category or domain. A write route added without a line
 * fails the first test, so no later route can skip the check.
 */
interface Attempt {
  as: Agent | PortalAgent;
  method?: string;
  url: string;
  body?: unknown;
  multipart?: { fields: Record<string, string>; file: { name: string; bytes: Buffer } };
}
interface ScopeCase {
  name: string;
  attempt: () => Promise<Attempt>;
  status: 404 | 403 | 422;
  /** For 403: where the refusal points. */
  pointer?: string;
}
type Line = { cases: ScopeCase[] } | { exempt: string };

const KHOBAR: StaffScope = { categories: [], domains: [], offices: ['khobar'] };
const TRAINEES: StaffScope = { categories: ['trainee'], domains: [], offices: [] };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const QUOTATION = { key: 'quotation', kind: 'document', labelAr: 'عرض سعر', labelEn: 'Quotation', isRequired: false };
const QUOTATION_UPLOAD = { fields: { itemKey: 'quotation' }, file: { name: 'quotation.pdf', bytes: PDF } };

/** Issue 22: a test-only attestation subject kind, registered as an area does in app.ts; its one agreement is the Dammam family's. */
const AGREEMENT = 'test-agreement';
const AGREEMENT_ID = '01936b2e-0000-7000-8000-0000000000a9';
let isAgreementRegistered = false;
async function dammamAgreement(): Promise<string> {
  if (!isAgreementRegistered)
    t.ctx.hooks.provide(attestationSubjects, AGREEMENT, {
      attestedData: async (_db, _ctx, id) =>
        id === AGREEMENT_ID
          ? {
              familyId: w.dammam.id,
              reference: 'AGR-1',
              titleAr: 'اتفاقية',
              titleEn: 'Agreement',
              canonical: canonicalSubjectData(AGREEMENT, { familyId: w.dammam.id }),
              isAttestable: true,
              lines: [],
            }
          : null,
    });
  isAgreementRegistered = true;
  return AGREEMENT_ID;
}

let t: TestApp;
/** The world: a family, its request and its complaint in Dammam; every writer below works only in Khobar (or only with trainees). */
const w = {} as {
  dammam: FamilyFixture;
  khobarFamily: FamilyFixture;
  draft: RequestFixture;
  awaiting: RequestFixture;
  committeeId: string;
  chair: Agent;
  reception: Agent;
  admin: Agent;
  traineeAdmin: Agent;
  followUp: Agent;
  officer: Agent;
  complaintId: string;
  taskId: string;
  inquiryId: string;
  messageId: string;
  documentId: string;
  registerEntryId: string;
  importId: string;
  portal: PortalAgent;
  otherFamilyDraftId: string;
  khobarManagement: Agent;
  compensationCaseId: string;
  privacyOfficer: Agent;
  privacyRequestId: string;
  breachId: string;
};

const staffIn = async (roles: StaffRole[], scope: StaffScope) => sessionFor(t, await buildStaff(t, { roles, scope, withTotp: false }));
/** The seeded periodic questionnaire (issue 24's defaults), which a campaign names. */
const periodicQuestionnaire = async () =>
  ((await w.admin.request('GET', '/api/v1/surveys/questionnaires')).json().items as { id: string; code: string }[]).find(
    (q) => q.code === 'periodic',
  )?.id;

beforeAll(async () => {
  t = await createTestApp();
  w.dammam = await buildFamily(t, { office: 'dammam' });
  w.khobarFamily = await buildFamily(t, { office: 'khobar' });
  w.reception = await staffIn(['reception'], KHOBAR);
  w.admin = await staffIn(['administrator'], KHOBAR);
  w.traineeAdmin = await staffIn(['administrator'], TRAINEES);
  w.followUp = await staffIn(['follow-up-committee'], KHOBAR);
  w.officer = await staffIn(['contact-officer'], KHOBAR);

  // A Dammam draft with a quotation attached, by reception that works everywhere.
  const unrestricted = await sessionFor(t, await buildStaff(t, { roles: ['reception'] }));
  const withDocument = await buildRequestType(t, { checklist: [...PROJECT_CHECKLIST, QUOTATION] });
  w.draft = await buildRequest(t, { by: unrestricted, familyId: w.dammam.id, typeCode: withDocument.code, isDraft: true });
  const document = await multipartUpload(t, unrestricted, `/api/v1/requests/${w.draft.id}/documents`, QUOTATION_UPLOAD);
  if (document.statusCode !== 201) throw new Error(`document: ${document.statusCode} ${document.body}`);
  w.documentId = document.json().documents.find((d: { itemKey: string }) => d.itemKey === 'quotation').id;

  // C5: a committee whose chair works only in Khobar; a Dammam request awaits its study.
  const chair = await buildStaff(t, { roles: ['committee-member'], scope: KHOBAR, withTotp: false });
  const committee = await buildCommittee(t, { members: [chair, await buildStaff(t, { roles: ['committee-member'] })], chair });
  w.committeeId = committee.id;
  w.chair = await sessionFor(t, chair);
  const type = await buildRequestType(t, { committeeId: committee.id });
  w.awaiting = await buildRequest(t, { familyId: w.dammam.id, typeCode: type.code });

  // E1: a complaint and an inquiry about the Dammam family, registered by unrestricted staff.
  const unrestrictedOfficer = await sessionFor(t, await buildStaff(t, { roles: ['contact-officer'] }));
  w.complaintId = (await buildComplaint(t, { by: unrestricted, familyId: w.dammam.id })).id;
  w.inquiryId = (await buildComplaint(t, { by: unrestrictedOfficer, kind: 'inquiry', familyId: w.dammam.id })).id;
  // Issue 23: the Dammam family's compensation case, opened by management working everywhere.
  const manager = await staffIn(['management'], { categories: [], domains: [], offices: [] });
  const opened = await manager.request('POST', '/api/v1/compensation-cases', {
    familyId: w.dammam.id,
    origin: 'letter',
    claim: 'ادعاء ضرر من تأخر صرف الدعم',
  });
  if (opened.statusCode !== 201) throw new Error(`compensation case: ${opened.statusCode} ${opened.body}`);
  w.compensationCaseId = opened.json().id;
  w.khobarManagement = await staffIn(['management'], KHOBAR);
  const handler = await sessionFor(t, await buildStaff(t, { roles: ['follow-up-committee'] }));
  for (const step of [
    { action: 'assess', severity: 'medium', needsImmediateAction: false },
    { action: 'assign' },
    { action: 'investigate' },
  ]) {
    const moved = await handler.request('POST', `/api/v1/complaints/${w.complaintId}/steps`, step);
    if (moved.statusCode >= 300) throw new Error(`${step.action}: ${moved.statusCode} ${moved.body}`);
  }
  const task = await handler.request('POST', `/api/v1/complaints/${w.complaintId}/entries`, { kind: 'task', text: 'اتصال بالأسرة' });
  if (task.statusCode >= 300) throw new Error(`task: ${task.statusCode} ${task.body}`);
  w.taskId = task.json().entries.find((e: { kind: string }) => e.kind === 'task').id;

  // G1: a register entry for productive families, which the trainee-only administrator may not touch.
  const registerAdmin = await sessionFor(t, await buildStaff(t, { roles: ['administrator'], withTotp: false }));
  const entry = await registerAdmin.request('POST', '/api/v1/contact-officers', registerEntry(await contactOfficerId()));
  if (entry.statusCode !== 201) throw new Error(`register entry: ${entry.statusCode} ${entry.body}`);
  w.registerEntryId = entry.json().id;

  // A message to the Dammam family (the request's acknowledgement, or any other).
  const message = await t.ctx.db
    .selectFrom('outbox_messages')
    .select('id')
    .where('recipient_kind', '=', 'family')
    .where('recipient_id', '=', w.dammam.id)
    .executeTakeFirst();
  if (!message) throw new Error('no message to the Dammam family');
  w.messageId = message.id;

  const sheet = await multipartUpload(t, w.reception, '/api/v1/families/imports', {
    fields: {},
    file: { name: 'families.csv', bytes: Buffer.from('الاسم,رقم الهوية,الجوال\nنورة,1000000001,0551234567\n') },
  });
  if (sheet.statusCode !== 201) throw new Error(`import: ${sheet.statusCode} ${sheet.body}`);
  w.importId = sheet.json().id;

  // The portal: the Khobar family signed in; a draft of the Dammam family is not its own.
  const session = await t.ctx.sessions.create('family', w.khobarFamily.id, 'active');
  w.portal = portalAgentFor(t, session.token, session.row.csrf_token);
  w.otherFamilyDraftId = w.draft.id;

  // Issue 25 (F2): a privacy officer working only in Khobar; a data-subject request and a breach
  // recorded by an officer who works everywhere, the request about the Dammam family.
  w.privacyOfficer = await staffIn(['privacy-officer'], KHOBAR);
  const everywhere = await sessionFor(t, await buildStaff(t, { roles: ['privacy-officer'], withTotp: false }));
  const filed = await everywhere.request('POST', '/api/v1/privacy/requests', {
    kind: 'access',
    channel: 'in-person',
    requester: { kind: 'family', familyId: w.dammam.id },
    relation: 'head',
  });
  if (filed.statusCode !== 201) throw new Error(`privacy request: ${filed.statusCode} ${filed.body}`);
  w.privacyRequestId = filed.json().id;
  const breach = await everywhere.request('POST', '/api/v1/privacy/breaches', {
    awareAt: new Date(t.clock.now().getTime() - 3_600_000).toISOString(),
    description: 'A printed list left at an office',
    dataCategories: 'names, phone numbers',
    peopleCount: 2,
  });
  if (breach.statusCode !== 201) throw new Error(`breach: ${breach.statusCode} ${breach.body}`);
  w.breachId = breach.json().id;
}, 120_000);

afterAll(async () => {
  await t.close();
});

async function contactOfficerId(): Promise<string> {
  return (await buildStaff(t, { roles: ['contact-officer'], withTotp: false })).id;
}

function registerEntry(officerId: string, fields: Record<string, unknown> = {}) {
  return {
    category: 'productive-family',
    domain: null,
    officerId,
    roleTitleAr: 'مسؤول تواصل الأسر المنتجة',
    roleTitleEn: 'Productive families contact officer',
    channel: 'phone',
    address: '0138001234',
    ...fields,
  };
}

const notFound = (name: string, attempt: () => Promise<Attempt> | Attempt): ScopeCase => ({
  name,
  attempt: async () => attempt(),
  status: 404,
});
const forbidden = (name: string, pointer: string, attempt: () => Promise<Attempt> | Attempt): ScopeCase => ({
  name,
  attempt: async () => attempt(),
  status: 403,
  pointer,
});

/** The follow-up committee member who works only in Khobar acts on the Dammam family's complaint. */
function onComplaint(verb: string, path: string | (() => string), rest: Pick<Attempt, 'body' | 'multipart'>): Line {
  return {
    cases: [
      notFound(`${verb} another office’s complaint`, () => ({
        as: w.followUp,
        url: `/api/v1/complaints/${w.complaintId}${typeof path === 'string' ? path : path()}`,
        ...rest,
      })),
    ],
  };
}

/** Issue 25 (F2): a privacy officer working only in Khobar acts on a request about the Dammam family. */
function onPrivacyRequest(path: string, body: unknown): Line {
  return {
    cases: [
      notFound(`act on a data-subject request about another office’s family (${path})`, () => ({
        as: w.privacyOfficer,
        url: `/api/v1/privacy/requests/${w.privacyRequestId}${path}`,
        body,
      })),
    ],
  };
}

/** Issue 23: management working only in Khobar acts on the Dammam family's compensation case. */
function onCompensation(verb: string, path: string, rest: Pick<Attempt, 'body' | 'multipart'> = {}): Line {
  return {
    cases: [
      notFound(`${verb} another office’s compensation case`, () => ({
        as: w.khobarManagement,
        url: `/api/v1/compensation-cases/${w.compensationCaseId}${path.replace(':roundId', '01936b2e-0000-7000-8000-000000000000')}`,
        ...rest,
      })),
    ],
  };
}

const ASSOCIATION_WIDE = 'association-wide settings: names no family, and no office, category or domain a record is placed in';
const OWN_ACCOUNT = 'the caller’s own account or session';
// Issue 19 §5: the answer is 200 with each record's result; an out-of-scope record is refused 404 in it.
const EACH_RECORD =
  'each record through the single action and its own scope check (bulk-actions tests: another office’s record refused 404)';
const OWN_VIEWS = 'the caller’s own saved views: filters and sort, no family data; sharing is for administrators (saved-views tests)';
const COMMITTEE_WORK = 'committee work on its own agenda: membership decides, and what goes on the agenda is checked (agenda line)';

const WRITES: Record<string, Line> = {
  'POST /api/v1/auth/sign-out': { exempt: OWN_ACCOUNT },
  'POST /api/v1/auth/password': { exempt: OWN_ACCOUNT },
  'POST /api/v1/auth/totp/enrolment': { exempt: OWN_ACCOUNT },
  'POST /api/v1/auth/totp/enrolment/confirm': { exempt: OWN_ACCOUNT },
  'POST /api/v1/auth/totp/verify': { exempt: OWN_ACCOUNT },
  'PUT /api/v1/me/preferences': { exempt: OWN_ACCOUNT },
  'POST /api/v1/me/notifications/:id/read': { exempt: OWN_ACCOUNT },
  'PUT /api/v1/settings/association': { exempt: ASSOCIATION_WIDE },
  'PUT /api/v1/settings/security': { exempt: ASSOCIATION_WIDE },
  'POST /api/v1/settings/:kind': { exempt: `${ASSOCIATION_WIDE} (defines the lists themselves)` },
  'PATCH /api/v1/settings/:kind/:code': { exempt: `${ASSOCIATION_WIDE} (defines the lists themselves)` },
  'POST /api/v1/settings/holidays': { exempt: ASSOCIATION_WIDE },
  'DELETE /api/v1/settings/holidays/edits/:id': { exempt: ASSOCIATION_WIDE },
  'PUT /api/v1/settings/weekend': { exempt: ASSOCIATION_WIDE },
  'PUT /api/v1/notifications/templates/:event/:channel/:language': { exempt: ASSOCIATION_WIDE },
  'DELETE /api/v1/notifications/templates/:event/:channel/:language': { exempt: ASSOCIATION_WIDE },
  'PUT /api/v1/notifications/settings': { exempt: ASSOCIATION_WIDE },
  'POST /api/v1/settings/request-types': { exempt: ASSOCIATION_WIDE },
  'PUT /api/v1/settings/request-types/:code': { exempt: ASSOCIATION_WIDE },
  'PUT /api/v1/settings/complaints': { exempt: ASSOCIATION_WIDE },
  'POST /api/v1/settings/consent-purposes': { exempt: ASSOCIATION_WIDE },
  'PATCH /api/v1/settings/consent-purposes/:code': { exempt: ASSOCIATION_WIDE },
  'POST /api/v1/settings/privacy-notices/:kind': { exempt: ASSOCIATION_WIDE },
  'POST /api/v1/committees': { exempt: 'a committee is an association-wide body; its members’ scopes limit what they study' },
  'PATCH /api/v1/committees/:id': { exempt: 'a committee is an association-wide body; its members’ scopes limit what they study' },
  'POST /api/v1/staff/users/:id/deactivate': { exempt: 'an account’s state: names no office, category or domain' },
  'POST /api/v1/staff/users/:id/reactivate': { exempt: 'an account’s state: names no office, category or domain' },
  'POST /api/v1/staff/users/:id/reset': { exempt: 'an account’s state: names no office, category or domain' },
  'PUT /api/v1/officer-absences/:id': { exempt: 'a contact officer’s absence: names no family, office, category or domain' },
  'POST /api/v1/families/lookup': { exempt: 'a read sent as POST (the ID number stays out of URLs): scoped like every read' },
  'POST /api/v1/families/export': { exempt: 'a read sent as POST: scoped like every read (families-import-export tests)' },
  'POST /api/v1/families/imports': { exempt: 'stores the sheet only; its rows and defaults are checked when it starts (next line)' },
  'POST /api/v1/meetings/:id/votes': { exempt: COMMITTEE_WORK },
  'POST /api/v1/meetings/:id/information-requests': { exempt: COMMITTEE_WORK },
  'POST /api/v1/meetings/:id/minutes': { exempt: COMMITTEE_WORK },
  'POST /api/v1/committees/:id/meetings': { exempt: COMMITTEE_WORK },
  'PATCH /api/v1/meetings/:id': { exempt: COMMITTEE_WORK },
  'PATCH /api/v1/minutes/:id': { exempt: COMMITTEE_WORK },
  'POST /api/v1/minutes/:id/approvals': { exempt: COMMITTEE_WORK },
  'POST /api/v1/minutes/:id/amendments': { exempt: COMMITTEE_WORK },
  'POST /api/v1/minutes/:id/excusals': { exempt: COMMITTEE_WORK },
  'POST /api/v1/portal/sign-out': { exempt: OWN_ACCOUNT },
  'POST /api/v1/portal/requests': { exempt: 'a family applies for itself only: the family is the session’s' },
  'POST /api/v1/portal/consents/withdraw': { exempt: 'a family withdraws its own consent only: the family is the session’s' },

  // -- families (F2) --
  'POST /api/v1/families': {
    cases: [
      forbidden('register a family in another office', '/office', () => ({
        as: w.reception,
        url: '/api/v1/families',
        body: familyBody({ office: 'dammam' }),
      })),
    ],
  },
  'POST /api/v1/families/:id/email-verification': {
    cases: [
      notFound('verify the e-mail of another office’s family', () => ({
        as: w.reception,
        url: `/api/v1/families/${w.dammam.id}/email-verification`,
        body: { version: w.dammam.version },
      })),
    ],
  },
  'PATCH /api/v1/families/:id': {
    cases: [
      notFound('change a family of another office', () => ({
        as: w.reception,
        method: 'PATCH',
        url: `/api/v1/families/${w.dammam.id}`,
        body: { version: w.dammam.version, city: 'الخبر' },
      })),
      forbidden('move an own family to another office', '/office', () => ({
        as: w.reception,
        method: 'PATCH',
        url: `/api/v1/families/${w.khobarFamily.id}`,
        body: { version: w.khobarFamily.version, office: 'dammam' },
      })),
    ],
  },
  'POST /api/v1/families/:id/consents': {
    cases: [
      notFound('record a consent of a family of another office', () => ({
        as: w.reception,
        url: `/api/v1/families/${w.dammam.id}/consents`,
        body: { purpose: 'surveys', action: 'give', channel: 'interview' },
      })),
    ],
  },
  'POST /api/v1/families/imports/:id/start': {
    cases: [
      forbidden('import with another office as the default', '/defaults/office', () => ({
        as: w.reception,
        url: `/api/v1/families/imports/${w.importId}/start`,
        body: { mapping: {}, defaults: { office: 'dammam' }, privacyNoticeVersion: '2026-1' },
      })),
    ],
  },

  // -- service requests (C1–C6) --
  'POST /api/v1/requests': {
    cases: [
      notFound('a request for a family of another office', async () => ({
        as: w.reception,
        url: '/api/v1/requests',
        body: {
          idempotencyKey: randomUUID(),
          familyId: w.dammam.id,
          typeCode: (await buildRequestType(t)).code,
          channel: 'interview',
          answers: {},
        },
      })),
    ],
  },
  'PATCH /api/v1/requests/:id': {
    cases: [
      notFound('answer another office’s draft', () => ({
        as: w.reception,
        method: 'PATCH',
        url: `/api/v1/requests/${w.draft.id}`,
        body: { answers: { project: 'تغيير' }, version: 1 },
      })),
    ],
  },
  'POST /api/v1/requests/:id/documents': {
    cases: [
      notFound('attach to another office’s draft', () => ({
        as: w.reception,
        url: `/api/v1/requests/${w.draft.id}/documents`,
        multipart: QUOTATION_UPLOAD,
      })),
    ],
  },
  'DELETE /api/v1/requests/:id/documents/:documentId': {
    cases: [
      notFound('remove a document of another office’s draft', () => ({
        as: w.reception,
        method: 'DELETE',
        url: `/api/v1/requests/${w.draft.id}/documents/${w.documentId}`,
      })),
    ],
  },
  'POST /api/v1/requests/:id/attestations': {
    cases: [
      notFound('sign another office’s draft', () => ({
        as: w.reception,
        url: `/api/v1/requests/${w.draft.id}/attestations`,
        body: { method: 'signature-pad', signaturePng: SIGNATURE_PNG, dataSha256: w.draft.dataSha256 },
      })),
    ],
  },
  // -- attestations of subjects of any kind (issue 22): a test-only kind, an agreement of the Dammam family --
  'POST /api/v1/attestations/:kind/:id/signature': {
    cases: [
      notFound('sign another office’s agreement', async () => ({
        as: w.reception,
        url: `/api/v1/attestations/${AGREEMENT}/${await dammamAgreement()}/signature`,
        body: { signaturePng: SIGNATURE_PNG, dataSha256: 'ab'.repeat(32) },
      })),
    ],
  },
  'POST /api/v1/attestations/:kind/:id/paper': {
    cases: [
      notFound('upload the signed form of another office’s agreement', async () => ({
        as: w.reception,
        url: `/api/v1/attestations/${AGREEMENT}/${await dammamAgreement()}/paper`,
        multipart: { fields: { formCode: 'ab'.repeat(32) }, file: { name: 'form.pdf', bytes: PDF } },
      })),
    ],
  },
  'POST /api/v1/portal/attestations/:kind/:id/start': {
    cases: [
      notFound('confirm another family’s agreement', async () => ({
        as: w.portal,
        url: `/api/v1/portal/attestations/${AGREEMENT}/${await dammamAgreement()}/start`,
        body: {},
      })),
    ],
  },
  'POST /api/v1/portal/attestations/:kind/:id/verify': {
    cases: [
      notFound('confirm another family’s agreement with a code', async () => ({
        as: w.portal,
        url: `/api/v1/portal/attestations/${AGREEMENT}/${await dammamAgreement()}/verify`,
        body: { code: '123456' },
      })),
    ],
  },
  'POST /api/v1/requests/bulk/transitions': { exempt: EACH_RECORD },
  'POST /api/v1/requests/export': { exempt: 'a read sent as POST: only requests the caller may read (bulk-actions tests)' },
  'POST /api/v1/complaints/bulk/steps': { exempt: EACH_RECORD },
  'POST /api/v1/saved-views': { exempt: OWN_VIEWS },
  'DELETE /api/v1/saved-views/:id': { exempt: OWN_VIEWS },
  // Issue 26 §1: the document library is association-wide (bylaws, policies, forms): no family in it.
  'POST /api/v1/documents/kinds': { exempt: ASSOCIATION_WIDE },
  'PATCH /api/v1/documents/kinds/:code': { exempt: ASSOCIATION_WIDE },
  'POST /api/v1/documents': { exempt: ASSOCIATION_WIDE },
  'PATCH /api/v1/documents/:id': { exempt: ASSOCIATION_WIDE },
  'POST /api/v1/documents/:id/versions': { exempt: ASSOCIATION_WIDE },
  'PATCH /api/v1/documents/:id/versions/:versionId': { exempt: ASSOCIATION_WIDE },
  'POST /api/v1/documents/:id/versions/:versionId/publish': { exempt: ASSOCIATION_WIDE },
  'POST /api/v1/documents/:id/versions/:versionId/withdraw': { exempt: ASSOCIATION_WIDE },
  'POST /api/v1/documents/:id/versions/:versionId/files/:language': { exempt: ASSOCIATION_WIDE },
  // Issue 26 §4–§5 (R1, R2, P-SCOPE): departments, acknowledgement requirements, reminders, contract parties
  // and exemptions name no family (acknowledgements tests); one's own acknowledgement is one's own.
  // Issue 25 (F2): data-subject requests and erasure aim at a family (404 outside the officer's scope);
  // the breach register and the privacy settings name none — telling people does, and is checked.
  'POST /api/v1/privacy/requests': {
    cases: [
      notFound('record a data-subject request about a family of another office', () => ({
        as: w.privacyOfficer,
        url: '/api/v1/privacy/requests',
        body: { kind: 'access', channel: 'in-person', requester: { kind: 'family', familyId: w.dammam.id }, relation: 'head' },
      })),
    ],
  },
  'POST /api/v1/privacy/requests/:id/verification': onPrivacyRequest('/verification', { method: 'id-card-in-person' }),
  'POST /api/v1/privacy/requests/:id/answer': onPrivacyRequest('/answer', { answer: 'Your data is attached.' }),
  'POST /api/v1/privacy/requests/:id/refusal': onPrivacyRequest('/refusal', { reason: 'legal-obligation' }),
  'POST /api/v1/privacy/requests/:id/extension': onPrivacyRequest('/extension', { reason: 'Archive files to gather' }),
  'POST /api/v1/privacy/requests/:id/correction-link': onPrivacyRequest('/correction-link', {}),
  'POST /api/v1/privacy/requests/:id/access-copy': onPrivacyRequest('/access-copy', { language: 'ar' }),
  'POST /api/v1/privacy/erasures': {
    cases: [
      notFound('erase a family of another office', () => ({
        as: w.privacyOfficer,
        url: '/api/v1/privacy/erasures',
        body: { familyId: w.dammam.id, reason: 'other' },
      })),
    ],
  },
  // Issue 25 §2, §5: a complaint's writer who is not a registered family; a case a family filed is refused (409).
  'POST /api/v1/privacy/complainant-erasures': { exempt: 'a complaint or inquiry no registered family filed: it names no family' },
  'POST /api/v1/privacy/breaches/:id/people-informed': {
    cases: [
      notFound('tell a family of another office about a breach', () => ({
        as: w.privacyOfficer,
        url: `/api/v1/privacy/breaches/${w.breachId}/people-informed`,
        body: { familyIds: [w.dammam.id], message: 'Your data may have been seen.' },
      })),
    ],
  },
  'POST /api/v1/portal/privacy-requests': { exempt: 'the signed-in family’s own data: the portal session names the family' },
  'PUT /api/v1/privacy/settings': { exempt: ASSOCIATION_WIDE },
  'PUT /api/v1/privacy/retention': { exempt: ASSOCIATION_WIDE },
  'POST /api/v1/privacy/breaches': { exempt: 'the breach register names no family; telling people does (its line)' },
  'POST /api/v1/privacy/breaches/:id/decision': { exempt: 'the breach register names no family; telling people does (its line)' },
  'POST /api/v1/privacy/breaches/:id/regulator-notification': {
    exempt: 'the breach register names no family; telling people does (its line)',
  },
  'POST /api/v1/privacy/breaches/:id/closure': { exempt: 'the breach register names no family; telling people does (its line)' },
  'POST /api/v1/staff/departments': { exempt: ASSOCIATION_WIDE },
  'PATCH /api/v1/staff/departments/:id': { exempt: ASSOCIATION_WIDE },
  'PUT /api/v1/acknowledgements/requirements/:versionId': { exempt: ASSOCIATION_WIDE },
  'DELETE /api/v1/acknowledgements/requirements/:versionId': { exempt: ASSOCIATION_WIDE },
  'POST /api/v1/acknowledgements/mine/:versionId': { exempt: OWN_ACCOUNT },
  'POST /api/v1/acknowledgements/versions/:versionId/departments/:departmentId/receipt': { exempt: ASSOCIATION_WIDE },
  'POST /api/v1/acknowledgements/versions/:versionId/reminders': { exempt: ASSOCIATION_WIDE },
  'POST /api/v1/acknowledgements/versions/:versionId/links': { exempt: ASSOCIATION_WIDE },
  'POST /api/v1/acknowledgements/parties': { exempt: ASSOCIATION_WIDE },
  'POST /api/v1/acknowledgements/exemptions': { exempt: ASSOCIATION_WIDE },
  'DELETE /api/v1/acknowledgements/exemptions/:exemptionId': { exempt: ASSOCIATION_WIDE },
  // Issue 27 §7: the set-up checklist's marks and test message hold no family data (setup-checklist tests).
  'POST /api/v1/setup/reviews': { exempt: ASSOCIATION_WIDE },
  'POST /api/v1/setup/test-message': { exempt: ASSOCIATION_WIDE },
  // Issue 24 (H1): questionnaires and the survey triggers are association-wide; answers come only through the public token.
  'POST /api/v1/surveys/questionnaires': { exempt: ASSOCIATION_WIDE },
  'PUT /api/v1/surveys/questionnaires/:id': { exempt: ASSOCIATION_WIDE },
  'PUT /api/v1/settings/surveys': { exempt: ASSOCIATION_WIDE },
  'POST /api/v1/surveys/answers/export': { exempt: 'a read sent as POST: scoped like every read (survey-answers tests)' },
  'POST /api/v1/requests/:id/transitions': {
    cases: [
      notFound('submit another office’s draft', () => ({
        as: w.reception,
        url: `/api/v1/requests/${w.draft.id}/transitions`,
        body: { action: 'submit' },
      })),
    ],
  },
  'POST /api/v1/meetings/:id/agenda': {
    cases: [
      notFound('put another office’s request on the agenda', async () => {
        const meeting = await w.chair.request('POST', `/api/v1/committees/${w.committeeId}/meetings`, { day: '2027-01-10' });
        if (meeting.statusCode !== 201) throw new Error(`meeting: ${meeting.statusCode} ${meeting.body}`);
        return { as: w.chair, url: `/api/v1/meetings/${meeting.json().id}/agenda`, body: { requestId: w.awaiting.id } };
      }),
    ],
  },

  // -- messages to families (C5) --
  'POST /api/v1/notifications/outbox/:id/retry': {
    cases: [
      notFound('retry a message to another office’s family', () => ({
        as: w.admin,
        url: `/api/v1/notifications/outbox/${w.messageId}/retry`,
      })),
    ],
  },
  'POST /api/v1/notifications/outbox/:id/cancel': {
    cases: [
      notFound('cancel a message to another office’s family', () => ({
        as: w.admin,
        url: `/api/v1/notifications/outbox/${w.messageId}/cancel`,
      })),
    ],
  },
  // -- bulk sends (issue 20 §2): the audience never leaves the sender's scope --
  'POST /api/v1/notifications/bulk-sends/preview': {
    cases: [
      forbidden('count another office’s families', '/audience/office', () => ({
        as: w.admin,
        url: '/api/v1/notifications/bulk-sends/preview',
        body: { audience: { office: 'dammam' } },
      })),
    ],
  },
  'POST /api/v1/notifications/bulk-sends': {
    cases: [
      forbidden('send to another office’s families', '/audience/office', () => ({
        as: w.admin,
        url: '/api/v1/notifications/bulk-sends',
        body: {
          idempotencyKey: randomUUID(),
          name: 'إعلان',
          event: 'announcement.general',
          audience: { office: 'dammam' },
          textAr: 'نص الإعلان',
        },
      })),
    ],
  },
  'POST /api/v1/notifications/bulk-sends/:id/cancel': {
    cases: [
      notFound('stop a send made for every office', async () => {
        const everyone = await staffIn(['administrator'], { categories: [], domains: [], offices: [] });
        const made = await everyone.request('POST', '/api/v1/notifications/bulk-sends', {
          idempotencyKey: randomUUID(),
          name: 'إعلان عام',
          event: 'announcement.general',
          audience: {},
          textAr: 'نص الإعلان',
        });
        if (made.statusCode !== 201) throw new Error(`bulk send: ${made.statusCode} ${made.body}`);
        return { as: w.admin, url: `/api/v1/notifications/bulk-sends/${made.json().id}/cancel` };
      }),
    ],
  },
  // -- survey campaigns (issue 24 §3): the bulk-send engine's audience, so the same scope rule --
  'POST /api/v1/surveys/campaigns/preview': {
    cases: [
      forbidden('count another office’s families for a survey', '/audience/office', () => ({
        as: w.admin,
        url: '/api/v1/surveys/campaigns/preview',
        body: { audience: { office: 'dammam' } },
      })),
    ],
  },
  'POST /api/v1/surveys/campaigns': {
    cases: [
      forbidden('ask another office’s families', '/audience/office', async () => ({
        as: w.admin,
        url: '/api/v1/surveys/campaigns',
        body: {
          idempotencyKey: randomUUID(),
          name: 'استبانة',
          questionnaireId: await periodicQuestionnaire(),
          audience: { office: 'dammam' },
          closesOn: '2099-01-31',
        },
      })),
    ],
  },
  'POST /api/v1/surveys/campaigns/:id/cancel': {
    cases: [
      notFound('stop a campaign made for another office', async () => {
        const everyone = await staffIn(['administrator'], { categories: [], domains: [], offices: [] });
        const made = await everyone.request('POST', '/api/v1/surveys/campaigns', {
          idempotencyKey: randomUUID(),
          name: 'استبانة الدمام',
          questionnaireId: await periodicQuestionnaire(),
          audience: { office: 'dammam' },
          closesOn: '2099-01-31',
        });
        if (made.statusCode !== 201) throw new Error(`campaign: ${made.statusCode} ${made.body}`);
        return { as: w.admin, url: `/api/v1/surveys/campaigns/${made.json().id}/cancel` };
      }),
    ],
  },
  'POST /api/v1/notifications/outbox/:id/sent': {
    cases: [
      notFound('mark a letter to another office’s family sent', () => ({
        as: w.reception,
        url: `/api/v1/notifications/outbox/${w.messageId}/sent`,
        body: {},
      })),
    ],
  },
  'POST /api/v1/notifications/outbox/:id/call': {
    cases: [
      notFound('record a call to another office’s family', () => ({
        as: w.reception,
        url: `/api/v1/notifications/outbox/${w.messageId}/call`,
        body: { outcome: 'reached' },
      })),
    ],
  },

  // -- complaints and inquiries (E1–E3, G1) --
  'POST /api/v1/complaints/intake': {
    cases: [
      notFound('link a complaint to another office’s family', () => ({
        as: w.reception,
        url: '/api/v1/complaints/intake',
        body: {
          kind: 'complaint',
          channel: 'fax',
          name: 'فاطمة الزهراني',
          mobile: '0559876543',
          topic: 'aid-disbursement',
          description: 'وصلتنا رسالة بالفاكس تفيد بتأخر صرف الدعم المالي للأسرة ثلاثة أشهر.',
          familyId: w.dammam.id,
        },
      })),
      // A6 (issue 27 §3): a volunteer files on a family's behalf only within their scope.
      notFound('file an inquiry as a volunteer for another office’s family', async () => ({
        as: await staffIn(['volunteer'], KHOBAR),
        url: '/api/v1/complaints/intake',
        body: {
          kind: 'inquiry',
          channel: 'volunteer',
          topic: 'eligibility',
          description: 'تسأل الأسرة عن شروط الالتحاق ببرنامج التدريب على الخياطة.',
          familyId: w.dammam.id,
        },
      })),
    ],
  },
  'POST /api/v1/complaints/:id/steps': onComplaint('take a step on', '/steps', { body: { action: 'investigate' } }),
  'POST /api/v1/complaints/:id/entries': onComplaint('note on', '/entries', { body: { kind: 'note', text: 'ملاحظة' } }),
  'POST /api/v1/complaints/:id/entries/:entryId/done': onComplaint('finish a task of', () => `/entries/${w.taskId}/done`, {}),
  'POST /api/v1/complaints/:id/evidence': onComplaint('add evidence to', '/evidence', {
    multipart: { fields: {}, file: { name: 'evidence.pdf', bytes: PDF } },
  }),
  'POST /api/v1/complaints/:id/settlement': onComplaint('settle', '/settlement', { body: { terms: 'تسوية ودية بصرف الدعم المتأخر' } }),
  'POST /api/v1/complaints/:id/compensation': onComplaint('escalate', '/compensation', { body: { reason: 'ضرر ثابت يستوجب التعويض' } }),
  'POST /api/v1/compensation-cases': {
    cases: [
      {
        name: 'open a case for another office’s family (as if there were none)',
        attempt: async () => ({
          as: w.khobarManagement,
          url: '/api/v1/compensation-cases',
          body: { familyId: w.dammam.id, origin: 'letter', claim: 'ادعاء ضرر من تأخر صرف الدعم' },
        }),
        status: 422,
      },
    ],
  },
  'PUT /api/v1/compensation-settings': { exempt: ASSOCIATION_WIDE },
  'POST /api/v1/compensation-cases/:id/transitions': onCompensation('withdraw', '/transitions', {
    body: { action: 'withdraw', reason: 'سحب' },
  }),
  'POST /api/v1/compensation-cases/:id/claim-scan': onCompensation('scan the claim of', '/claim-scan', {
    multipart: { fields: {}, file: { name: 'claim.pdf', bytes: PDF } },
  }),
  'POST /api/v1/compensation-cases/:id/rulings': onCompensation('record a ruling on', '/rulings', {
    multipart: {
      fields: { authority: 'المحكمة', rulingNumber: '1', rulingDay: '2026-03-01', isFinal: 'true' },
      file: { name: 'r.pdf', bytes: PDF },
    },
  }),
  'POST /api/v1/compensation-cases/:id/rounds': onCompensation('offer on', '/rounds', { body: { offerAmountHalalas: 100 } }),
  'POST /api/v1/compensation-cases/:id/rounds/:roundId/approval': onCompensation('approve an offer on', '/rounds/:roundId/approval'),
  'POST /api/v1/compensation-cases/:id/rounds/:roundId/answer': onCompensation('answer an offer on', '/rounds/:roundId/answer', {
    body: { answer: 'accepted' },
  }),
  'PUT /api/v1/compensation-cases/:id/settlement': onCompensation('settle', '/settlement', {
    body: { amountHalalas: 100, schedule: 'دفعة واحدة' },
  }),
  'POST /api/v1/compensation-cases/:id/settle': onCompensation('close the settlement of', '/settle'),
  'POST /api/v1/compensation-cases/:id/payments': onCompensation('pay on', '/payments', {
    multipart: { fields: { amountHalalas: '100', method: 'cash', paidDay: '2026-03-01' }, file: { name: 'r.pdf', bytes: PDF } },
  }),
  'POST /api/v1/inquiries/:id/steps': {
    cases: [
      notFound('answer an inquiry about another office’s family', () => ({
        as: w.officer,
        url: `/api/v1/inquiries/${w.inquiryId}/steps`,
        body: { action: 'answer', answer: 'نفيدكم بأن طلبكم قيد الدراسة.' },
      })),
    ],
  },
  'POST /api/v1/contact-officers': {
    cases: [
      forbidden('a register entry for another category', '/category', async () => ({
        as: w.traineeAdmin,
        url: '/api/v1/contact-officers',
        body: registerEntry(await contactOfficerId(), { category: 'craftsperson' }),
      })),
    ],
  },
  'PATCH /api/v1/contact-officers/:id': {
    cases: [
      notFound('change another category’s register entry', () => ({
        as: w.traineeAdmin,
        method: 'PATCH',
        url: `/api/v1/contact-officers/${w.registerEntryId}`,
        body: { version: 1, roleTitleAr: 'مسؤول' },
      })),
    ],
  },

  // -- staff accounts --
  'POST /api/v1/staff/users': {
    cases: [
      forbidden('an account for another office', '/scope/offices/0', () => ({
        as: w.admin,
        url: '/api/v1/staff/users',
        body: {
          username: `u${randomUUID().slice(0, 8)}`,
          displayName: 'موظفة',
          roles: ['reception'],
          scope: { ...KHOBAR, offices: ['dammam'] },
        },
      })),
      forbidden('an account for every office', '/scope/offices', () => ({
        as: w.admin,
        url: '/api/v1/staff/users',
        body: {
          username: `u${randomUUID().slice(0, 8)}`,
          displayName: 'موظفة',
          roles: ['reception'],
          scope: { categories: [], domains: [], offices: [] },
        },
      })),
    ],
  },
  'PATCH /api/v1/staff/users/:id': {
    cases: [
      forbidden('widen an account to another office', '/scope/offices/0', async () => ({
        as: w.admin,
        method: 'PATCH',
        url: `/api/v1/staff/users/${(await buildStaff(t, { roles: ['reception'], scope: KHOBAR })).id}`,
        body: { scope: { ...KHOBAR, offices: ['dammam'] } },
      })),
    ],
  },

  // -- the family portal: a family's writes reach its own records only --
  'PATCH /api/v1/portal/requests/:id': {
    cases: [
      notFound('another family’s draft', () => ({
        as: w.portal,
        method: 'PATCH',
        url: `/api/v1/portal/requests/${w.otherFamilyDraftId}`,
        body: { answers: { project: 'تغيير' }, version: 1 },
      })),
    ],
  },
  'POST /api/v1/portal/requests/:id/submit': {
    cases: [
      notFound('submit another family’s draft', () => ({ as: w.portal, url: `/api/v1/portal/requests/${w.otherFamilyDraftId}/submit` })),
    ],
  },
  'POST /api/v1/portal/requests/:id/documents': {
    cases: [
      notFound('attach to another family’s draft', () => ({
        as: w.portal,
        url: `/api/v1/portal/requests/${w.otherFamilyDraftId}/documents`,
        multipart: QUOTATION_UPLOAD,
      })),
    ],
  },
  'DELETE /api/v1/portal/requests/:id/documents/:documentId': {
    cases: [
      notFound('remove another family’s document', () => ({
        as: w.portal,
        method: 'DELETE',
        url: `/api/v1/portal/requests/${w.otherFamilyDraftId}/documents/${w.documentId}`,
      })),
    ],
  },
  'POST /api/v1/portal/requests/:id/attestation/start': {
    cases: [
      notFound('confirm another family’s request', () => ({
        as: w.portal,
        url: `/api/v1/portal/requests/${w.otherFamilyDraftId}/attestation/start`,
        body: {},
      })),
    ],
  },
  'POST /api/v1/portal/requests/:id/attestation/verify': {
    cases: [
      notFound('confirm another family’s request with a code', () => ({
        as: w.portal,
        url: `/api/v1/portal/requests/${w.otherFamilyDraftId}/attestation/verify`,
        body: { code: '123456' },
      })),
    ],
  },
};

async function send(attempt: Attempt): Promise<LightMyRequestResponse> {
  if (attempt.multipart) return multipartUpload(t, attempt.as, attempt.url, attempt.multipart);
  return attempt.as.request(attempt.method ?? 'POST', attempt.url, attempt.body ?? (attempt.method === 'DELETE' ? undefined : {}));
}

/** Write routes a writer calls: every non-GET route but the public ones (no writer to scope). */
function writeRoutes(): string[] {
  return t.app.silaRoutes
    .filter((r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method) && r.policy?.access !== 'public')
    .map((r) => `${r.method} ${r.url}`);
}

describe(`issue 21 §1 F2: scope on every write [${ENGINE}]`, () => {
  it('every write route has a line in the table, and the table has no stale lines', () => {
    const routes = writeRoutes();
    expect(routes.filter((key) => !(key in WRITES))).toEqual([]);
    expect(Object.keys(WRITES).filter((key) => !routes.includes(key))).toEqual([]);
  });

  const cases = Object.entries(WRITES).flatMap(([route, line]) => ('cases' in line ? line.cases.map((c) => ({ route, ...c })) : []));
  it.each(cases)('$route: $name → $status', async ({ attempt, status, pointer }) => {
    const response = await send(await attempt());
    expect(response.statusCode, response.body).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    if (status === 403) {
      expect(response.json().code).toBe('scope.forbidden');
      expect(response.json().errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
    }
  });

  it('a write inside the scope still works (the check is not a blanket refusal)', async () => {
    const inside = await w.reception.request('POST', '/api/v1/families', familyBody({ office: 'khobar' }));
    expect(inside.statusCode, inside.body).toBe(201);
    const moved = await w.reception.request('PATCH', `/api/v1/families/${inside.json().id}`, {
      version: inside.json().version,
      city: 'الخبر',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const account = await w.admin.request('POST', '/api/v1/staff/users', {
      username: `u${randomUUID().slice(0, 8)}`,
      displayName: 'موظفة',
      roles: ['reception'],
      scope: KHOBAR,
    });
    expect(account.statusCode, account.body).toBe(201);
  });

  it('a refused write leaves the family as it was and audits nothing as done', async () => {
    const before = await t.ctx.db
      .selectFrom('families')
      .select(['office', 'version'])
      .where('id', '=', w.khobarFamily.id)
      .executeTakeFirstOrThrow();
    await w.reception.request('PATCH', `/api/v1/families/${w.khobarFamily.id}`, { version: w.khobarFamily.version, office: 'dammam' });
    const after = await t.ctx.db
      .selectFrom('families')
      .select(['office', 'version'])
      .where('id', '=', w.khobarFamily.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual(before);
  });
});
