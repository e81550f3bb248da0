import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { nationalIdCheckDigit } from '../../src/domain/national-id.js';
import type { StaffRole } from '../../src/domain/roles.js';
import { CSRF_HEADER, PORTAL_COOKIE, SESSION_COOKIE } from '../../src/platform/http/auth-plugin.js';
import { complaint, inquiry, newAddress, post } from './complaints-fixtures.js';
import { type Agent, buildStaff, type StaffFixture, sessionFor, type TestApp } from './harness.js';
import type { PortalAgent } from './portal-support.js';

export { buildStaff, type StaffFixture } from './harness.js';

/**
 * Factories for the integration tests (STYLE.md 8): each makes one record through the app's own
 * API, as a person would, with valid and unique defaults, so a test names only what it is about.
 * `by` is who acts (a signed-in agent or a staff member, who gets a fresh session, so tests that
 * move the clock by days need not renew anything); without it, one staff member of the right role
 * is made for the test app and reused.
 */
export type Actor = Agent | StaffFixture;

let serial = 0;
/** Unique within a test file, and each test file has its own database. */
const next = () => ++serial;

/** A valid Saudi ID number (Luhn check digit), different on every call; `resident` for an Iqama. */
export function newNationalId({ kind = 'citizen' }: { kind?: 'citizen' | 'resident' } = {}): string {
  const body = `${kind === 'citizen' ? '1' : '2'}${String(30_000_000 + next()).padStart(8, '0')}`;
  return `${body}${nationalIdCheckDigit(body)}`;
}

/** A valid Saudi mobile number in E.164, different on every call. */
export function newMobile(): string {
  return `+9665${70_000_000 + next()}`;
}

/** A code (request type, committee) no other call returns: lower case, digits and hyphens. */
export function newCode(prefix = 'test'): string {
  return `${prefix}-${next()}`;
}

const defaultStaff = new WeakMap<TestApp, Map<StaffRole, Promise<StaffFixture>>>();

/** `by` as an agent; without it, the test app's own staff member of `role` (all offices, all categories). */
export async function agentOf(t: TestApp, by: Actor | undefined, role: StaffRole): Promise<Agent> {
  if (by && 'request' in by) return by;
  if (by) return sessionFor(t, by);
  const byRole = defaultStaff.get(t) ?? new Map<StaffRole, Promise<StaffFixture>>();
  defaultStaff.set(t, byRole);
  const staff = byRole.get(role) ?? buildStaff(t, { roles: [role] });
  byRole.set(role, staff);
  return sessionFor(t, await staff);
}

// ---- families ----

/** The body of `POST /api/v1/families`: a Dammam productive family reached by SMS, with consent. */
export function familyBody(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    headNameAr: 'فاطمة أحمد الزهراني',
    nationalId: newNationalId(),
    mobile: newMobile(),
    city: 'الدمام',
    office: 'dammam',
    category: 'productive-family',
    domains: ['training'],
    agreedChannel: 'sms',
    originChannel: 'interview',
    consent: { isGiven: true, privacyNoticeVersion: '2026-1' },
    ...fields,
  };
}

export interface FamilyFixture {
  id: string;
  reference: string;
  version: number;
  nationalId: string;
  mobile: string | undefined;
}

/**
 * Registers a family as reception does; any other field of the body may be given.
 * @example await buildFamily(t, { by: khobarReception, office: 'khobar', agreedChannel: 'letter' })
 */
export async function buildFamily(t: TestApp, { by, ...fields }: { by?: Actor; [field: string]: unknown } = {}): Promise<FamilyFixture> {
  const body = familyBody(fields);
  const response = await (await agentOf(t, by, 'reception')).request('POST', '/api/v1/families', body);
  if (response.statusCode !== 201) throw new Error(`family: ${response.statusCode} ${response.body}`);
  const created = response.json();
  return {
    id: created.id,
    reference: created.reference,
    version: created.version,
    nationalId: body.nationalId as string,
    mobile: body.mobile as string | undefined,
  };
}

// ---- request types and requests ----

/** One required text field, `project`: a request of such a type is complete once it is answered and signed. */
export const PROJECT_CHECKLIST = [
  { key: 'project', kind: 'field', labelAr: 'وصف المشروع', labelEn: 'Project', fieldType: 'text', isRequired: true },
];

/** A 1×1 transparent PNG: the family's signature drawn on the screen. */
export const SIGNATURE_PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/**
 * Creates a request type as an administrator: by default one field (PROJECT_CHECKLIST) and no committee.
 * @example const { code } = await buildRequestType(t, { committeeId, warningThreshold: 3 })
 */
export async function buildRequestType(
  t: TestApp,
  { by, code = newCode('type'), ...fields }: { by?: Actor; code?: string; [field: string]: unknown } = {},
): Promise<{ code: string; version: number }> {
  const response = await (await agentOf(t, by, 'administrator')).request('POST', '/api/v1/settings/request-types', {
    code,
    nameAr: 'دعم الأدوات والتجهيزات',
    nameEn: 'Tools and equipment aid',
    criteriaAr: 'أسرة منتجة مسجلة لدى الجمعية.',
    criteriaEn: 'A productive family registered with the association.',
    checklist: PROJECT_CHECKLIST,
    ...fields,
  });
  if (response.statusCode !== 201) throw new Error(`request type: ${response.statusCode} ${response.body}`);
  return { code, version: response.json().version };
}

export interface RequestFixture {
  id: string;
  reference: string;
  familyId: string;
  status: string;
  dataSha256: string;
}

/**
 * A request recorded by reception at an interview: answered, signed on the screen and submitted
 * (complete, or further when a committee takes it), or left a draft with `isDraft`. Without
 * `familyId` a family is registered (with `family`'s fields); without `typeCode` a one-field type is made.
 * @example const id = (await buildRequest(t, { by: reception, typeCode: 'committee-aid' })).id
 */
export async function buildRequest(
  t: TestApp,
  {
    by,
    familyId,
    family = {},
    typeCode,
    channel = 'interview',
    answers = { project: 'مشغل خياطة منزلي' },
    isDraft = false,
  }: {
    by?: Actor;
    familyId?: string;
    family?: Record<string, unknown>;
    typeCode?: string;
    channel?: string;
    answers?: Record<string, unknown>;
    isDraft?: boolean;
  } = {},
): Promise<RequestFixture> {
  const agent = await agentOf(t, by, 'reception');
  const created = await agent.request('POST', '/api/v1/requests', {
    idempotencyKey: randomUUID(),
    familyId: familyId ?? (await buildFamily(t, { by: agent, ...family })).id,
    typeCode: typeCode ?? (await buildRequestType(t)).code,
    channel,
    answers,
  });
  if (created.statusCode !== 201) throw new Error(`request: ${created.statusCode} ${created.body}`);
  const request = created.json();
  const fixture = {
    id: request.id,
    reference: request.reference,
    familyId: request.familyId,
    status: request.status,
    dataSha256: request.dataSha256,
  };
  if (isDraft) return fixture;
  const signed = await agent.request('POST', `/api/v1/requests/${request.id}/attestations`, {
    method: 'signature-pad',
    signaturePng: SIGNATURE_PNG,
    dataSha256: request.dataSha256,
  });
  if (signed.statusCode !== 201) throw new Error(`attestation: ${signed.statusCode} ${signed.body}`);
  const submitted = await agent.request('POST', `/api/v1/requests/${request.id}/transitions`, { action: 'submit' });
  if (submitted.statusCode !== 200) throw new Error(`submit: ${submitted.statusCode} ${submitted.body}`);
  return { ...fixture, status: submitted.json().status };
}

// ---- committees ----

export interface CommitteeFixture {
  id: string;
  code: string;
  chair: StaffFixture;
  members: StaffFixture[];
}

/**
 * Creates a committee as an administrator; without `members`, three new committee members, the first the chair.
 * @example const committee = await buildCommittee(t, { members: [chair, m2, m3], chair, quorum: 3 })
 */
export async function buildCommittee(
  t: TestApp,
  {
    by,
    members,
    chair,
    code = newCode('committee'),
    purpose = 'requests',
    quorum,
    nameAr = 'لجنة دراسة الطلبات',
    nameEn = 'Requests committee',
  }: {
    by?: Actor;
    members?: StaffFixture[];
    chair?: StaffFixture;
    code?: string;
    purpose?: 'requests' | 'follow-up';
    quorum?: number;
    nameAr?: string;
    nameEn?: string;
  } = {},
): Promise<CommitteeFixture> {
  const people = members ?? [
    await buildStaff(t, { roles: ['committee-member'] }),
    await buildStaff(t, { roles: ['committee-member'] }),
    await buildStaff(t, { roles: ['committee-member'] }),
  ];
  const chairedBy = chair ?? (people[0] as StaffFixture);
  const response = await (await agentOf(t, by, 'administrator')).request('POST', '/api/v1/committees', {
    code,
    nameAr,
    nameEn,
    purpose,
    quorum: quorum ?? Math.min(2, people.length),
    memberIds: people.map((m) => m.id),
    chairId: chairedBy.id,
  });
  if (response.statusCode !== 201) throw new Error(`committee: ${response.statusCode} ${response.body}`);
  return { id: response.json().id, code, chair: chairedBy, members: people };
}

// ---- complaints and inquiries ----

export interface ComplaintFixture {
  id: string;
  reference: string;
  trackingCode: string;
}

/**
 * A complaint (or with `kind: 'inquiry'`, an inquiry): sent from the public form (from a fresh
 * client address unless `remoteAddress`), or, with `by`, registered by staff from a fax. Other
 * fields override the body.
 * @example await buildComplaint(t, { by: reception, channel: 'letter', postalAddress: 'ص.ب 1234' })
 */
export async function buildComplaint(
  t: TestApp,
  {
    by,
    kind = 'complaint',
    remoteAddress = newAddress(),
    ...fields
  }: { by?: Actor; kind?: 'complaint' | 'inquiry'; remoteAddress?: string; [field: string]: unknown } = {},
): Promise<ComplaintFixture> {
  if (by) {
    const response = await (await agentOf(t, by, 'reception')).request('POST', '/api/v1/complaints/intake', {
      kind,
      channel: 'fax',
      name: 'فاطمة الزهراني',
      mobile: '0559876543',
      topic: kind === 'complaint' ? 'aid-disbursement' : 'eligibility',
      description: 'وصلتنا رسالة بالفاكس تفيد بتأخر صرف الدعم المالي للأسرة ثلاثة أشهر.',
      ...fields,
    });
    if (response.statusCode !== 201) throw new Error(`${kind} intake: ${response.statusCode} ${response.body}`);
    const created = response.json();
    return { id: created.case.id, reference: created.case.reference, trackingCode: created.trackingCode };
  }
  const response =
    kind === 'complaint'
      ? await post(t, '/api/v1/public/complaints', complaint(fields), { address: remoteAddress })
      : await post(t, '/api/v1/public/inquiries', inquiry(fields), { address: remoteAddress });
  if (response.statusCode !== 201) throw new Error(`${kind}: ${response.statusCode} ${response.body}`);
  const { reference, trackingCode } = response.json();
  // The public receipt holds no id (the writer needs none); the test reads it by the reference.
  const row = await t.ctx.db.selectFrom('complaints').select('id').where('reference', '=', reference).executeTakeFirstOrThrow();
  return { id: row.id, reference, trackingCode };
}

// ---- uploads ----

/**
 * A multipart upload as the browser sends it: form fields, then one file part named `file`. `as`
 * is a staff or portal agent (its session cookie and CSRF header), or null for the public pages.
 * @example await multipartUpload(t, reception, `/api/v1/requests/${id}/documents`, { fields: { itemKey }, file: { name: 'q.pdf', bytes: PDF } })
 */
export function multipartUpload(
  t: TestApp,
  as: Agent | PortalAgent | null,
  url: string,
  { fields, file }: { fields: Record<string, string>; file: { name: string; bytes: Buffer; type?: string } },
): Promise<LightMyRequestResponse> {
  const boundary = `----sila-${randomUUID()}`;
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  const payload = Buffer.concat([
    Buffer.from(parts.join('')),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({
    method: 'POST',
    url,
    ...(as ? { cookies: 'token' in as ? { [PORTAL_COOKIE]: as.token } : { [SESSION_COOKIE]: as.cookie } } : {}),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...(as ? { [CSRF_HEADER]: as.csrf } : {}) },
    payload,
  });
}
