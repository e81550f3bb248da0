import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireAccessCopies, produceAccessCopies } from '../../src/modules/privacy/privacy.access-copy-job.js';
import { agentOf, buildComplaint, buildFamily, buildRequestType, buildStaff, newNationalId, SIGNATURE_PNG } from './factories.js';
import { type Agent, createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';

/**
 * F2 (issue 25 §3; docs/decisions/015-access-copy.md): the access copy — refused while the
 * requester's identity is unverified, produced by the background job from the personal-data registry
 * (labels from it, members' ID numbers masked to their last 4 digits, internal staff notes and other
 * families left out), every download audited, gone after 7 days, the JSON well-formed.
 */
let t: TestApp;
let officer: Agent;
let officerStaff: Awaited<ReturnType<typeof buildStaff>>;
const DAY = 86_400_000;

beforeAll(async () => {
  t = await createTestApp();
  officerStaff = await buildStaff(t, { roles: ['privacy-officer'] });
  officer = await sessionFor(t, officerStaff);
}, 120_000);
afterAll(async () => {
  await t.close();
});

async function accessRequest(familyId: string, extra: Record<string, unknown> = {}) {
  const created = await officer.request('POST', '/api/v1/privacy/requests', {
    kind: 'access',
    channel: 'in-person',
    requester: { kind: 'family', familyId },
    relation: 'head',
    ...extra,
  });
  expect(created.statusCode, created.body).toBe(201);
  return created.json() as { id: string; reference: string };
}

const verify = (id: string) =>
  officer.request('POST', `/api/v1/privacy/requests/${id}/verification`, { method: 'id-card-in-person', note: 'الهوية الأصلية' });

const auditActions = async (entityId: string) =>
  (await t.ctx.db.selectFrom('audit_events').select('action').where('entity_id', '=', entityId).orderBy('id').execute()).map(
    (r) => r.action,
  );

describe(`F2 access copy [${ENGINE}]`, () => {
  it('F2: a requester whose identity is not verified gets no copy (409 privacy.requester-not-verified)', async () => {
    const family = await buildFamily(t);
    const request = await accessRequest(family.id);
    const refused = await officer.request('POST', `/api/v1/privacy/requests/${request.id}/access-copy`, { language: 'ar' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('privacy.requester-not-verified');
    expect(await t.ctx.db.selectFrom('privacy_access_copies').select('id').where('request_id', '=', request.id).execute()).toEqual([]);
  });

  it('F2: the job builds the copy from the registry — labels, a member’s ID masked to 4 digits, no internal note, no other family; downloads audited; gone after 7 days', async () => {
    const memberId = newNationalId();
    const family = await buildFamily(t, {
      headNameAr: 'مريم سعيد القحطاني',
      notes: 'ملاحظة داخلية سرية للموظفين',
      members: [{ name: 'خالد سعيد القحطاني', relation: 'son', nationalId: memberId }],
    });
    const other = await buildFamily(t, { headNameAr: 'هند ناصر العتيبي' });
    const request = await accessRequest(family.id);
    expect((await verify(request.id)).statusCode).toBe(200);

    const asked = await officer.request('POST', `/api/v1/privacy/requests/${request.id}/access-copy`, { language: 'ar' });
    expect(asked.statusCode, asked.body).toBe(202);
    expect(asked.json().copy.status).toBe('pending');
    const early = await officer.request('GET', `/api/v1/privacy/requests/${request.id}/access-copy/json`);
    expect(early.statusCode).toBe(404);

    expect(await produceAccessCopies(t.ctx)).toBeGreaterThanOrEqual(1);
    const state = (await officer.request('GET', `/api/v1/privacy/requests/${request.id}/access-copy`)).json().copy;
    expect(state).toMatchObject({ status: 'ready', language: 'ar' });
    expect(new Date(state.expiresAt).getTime() - new Date(state.producedAt).getTime()).toBe(7 * DAY);

    const json = await officer.request('GET', `/api/v1/privacy/requests/${request.id}/access-copy/json`);
    expect(json.statusCode, json.body).toBe(200);
    expect(json.headers['content-disposition']).toContain('attachment');
    const copy = JSON.parse(json.body);
    expect(copy.reference).toBe(request.reference);
    expect(copy.subject).toBe(family.reference);
    const section = (table: string) => copy.sections.find((s: { table: string }) => s.table === table);
    const fields = (table: string) => section(table).items.flatMap((i: { fields?: { label: string; value: string }[] }) => i.fields ?? []);
    // Issue 25 §3: labels from the registry in the copy's language (Arabic), the column's name beside
    // them; the head's own ID in full (the head asks), the member's masked.
    expect(fields('families')).toContainEqual({
      column: 'head_name_ar',
      label: 'اسم رب الأسرة (بالعربية)',
      value: 'مريم سعيد القحطاني',
    });
    expect(fields('families')).toContainEqual(expect.objectContaining({ column: 'national_id', value: family.nationalId }));
    const memberIdField = fields('household_members').find((f: { column: string }) => f.column === 'national_id');
    expect(memberIdField).toMatchObject({ label: 'رقم الهوية', value: `••••••${memberId.slice(-4)}` });
    expect(json.body).not.toContain(memberId);
    // The internal staff note and another family's data are absent.
    expect(json.body).not.toContain('ملاحظة داخلية');
    expect(json.body).not.toContain('هند ناصر العتيبي');
    expect(json.body).not.toContain(other.nationalId);
    expect(section('family_consents')).toBeDefined();

    const html = await officer.request('GET', `/api/v1/privacy/requests/${request.id}/access-copy/html`);
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('dir="rtl"');
    expect(html.body).toContain('سجل الأسرة');
    expect(html.body).toContain('مريم سعيد القحطاني');
    // The Arabic page names each value by its Arabic label, never the registry's English description.
    expect(html.body).toContain('<dt>اسم رب الأسرة (بالعربية)</dt><dd><bdi>مريم سعيد القحطاني</bdi></dd>');
    expect(html.body).toContain('<dt>تاريخ الإنشاء</dt>');
    expect(html.body).not.toContain('the head of family’s name');
    expect(html.body).not.toContain('created_at');
    expect(html.body).toMatch(/هـ/); // the Hijri date beside the Gregorian one
    expect(html.body).not.toContain('ملاحظة داخلية');
    expect(html.body).not.toContain(memberId);

    const actions = await auditActions(request.id);
    expect(actions).toContain('privacy.access-copy-asked');
    expect(actions).toContain('privacy.access-copy-produced');
    expect(actions.filter((a) => a === 'privacy.access-copy-downloaded')).toHaveLength(2);
    // The files are stored encrypted: no plaintext of the copy in the file store.
    const stored = await t.ctx.db.selectFrom('files').select('content').where('owner_type', '=', 'privacy-access-copy').execute();
    expect(stored).toHaveLength(2);
    for (const f of stored) expect(String(f.content)).not.toContain('مريم');

    t.clock.advance(7 * DAY + 1000);
    officer = await sessionFor(t, officerStaff); // a week later: a new sign-in
    const gone = await officer.request('GET', `/api/v1/privacy/requests/${request.id}/access-copy/json`);
    expect(gone.statusCode).toBe(410);
    expect(gone.json().code).toBe('privacy.copy-expired');
    expect(await expireAccessCopies(t.ctx)).toBeGreaterThanOrEqual(1);
    expect(await t.ctx.db.selectFrom('files').select('id').where('owner_type', '=', 'privacy-access-copy').execute()).toEqual([]);
    expect(await auditActions(request.id)).toContain('privacy.access-copy-expired');
  });

  it('F2 (§3, decision 015): staff notes are left out — a request’s step note and a complaint’s internal step note are in neither file', async () => {
    const reception = await agentOf(t, undefined, 'reception');
    const family = await buildFamily(t, { by: reception, headNameAr: 'نورة فهد الشمري' });
    // A request submitted with a staff note on its step (request_history.note).
    const created = await reception.request('POST', '/api/v1/requests', {
      idempotencyKey: crypto.randomUUID(),
      familyId: family.id,
      typeCode: (await buildRequestType(t)).code,
      channel: 'interview',
      answers: { project: 'مشغل خياطة منزلي' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const requestRow = created.json();
    const signed = await reception.request('POST', `/api/v1/requests/${requestRow.id}/attestations`, {
      method: 'signature-pad',
      signaturePng: SIGNATURE_PNG,
      dataSha256: requestRow.dataSha256,
    });
    expect(signed.statusCode, signed.body).toBe(201);
    const REQUEST_NOTE = 'ملاحظة الموظف: الأسرة تحتاج متابعة ميدانية عاجلة';
    const submitted = await reception.request('POST', `/api/v1/requests/${requestRow.id}/transitions`, {
      action: 'submit',
      note: REQUEST_NOTE,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    // A complaint the family filed (acknowledged at intake), assessed by the follow-up committee with
    // an internal step note (complaint_steps.note: "internal, never shown to the writer").
    const complaint = await buildComplaint(t, { by: reception, familyId: family.id, name: 'نورة فهد الشمري' });
    const COMPLAINT_NOTE = 'ملاحظة داخلية: صاحبة الشكوى اتصلت ثلاث مرات';
    const followUp = await agentOf(t, undefined, 'follow-up-committee');
    const assessed = await followUp.request('POST', `/api/v1/complaints/${complaint.id}/steps`, {
      action: 'assess',
      severity: 'medium',
      needsImmediateAction: false,
      note: COMPLAINT_NOTE,
    });
    expect(assessed.statusCode, assessed.body).toBe(200);
    // Both notes are stored (sealed) on the family's rows: the copy reaches those rows.
    expect(
      await t.ctx.db
        .selectFrom('request_history')
        .select('id')
        .where('request_id', '=', requestRow.id)
        .where('note', 'is not', null)
        .execute(),
    ).not.toHaveLength(0);
    expect(
      await t.ctx.db
        .selectFrom('complaint_steps')
        .select('id')
        .where('complaint_id', '=', complaint.id)
        .where('note', 'is not', null)
        .execute(),
    ).not.toHaveLength(0);

    const request = await accessRequest(family.id);
    expect((await verify(request.id)).statusCode).toBe(200);
    expect((await officer.request('POST', `/api/v1/privacy/requests/${request.id}/access-copy`, { language: 'ar' })).statusCode).toBe(202);
    await produceAccessCopies(t.ctx);
    const json = await officer.request('GET', `/api/v1/privacy/requests/${request.id}/access-copy/json`);
    const html = await officer.request('GET', `/api/v1/privacy/requests/${request.id}/access-copy/html`);
    expect(json.statusCode, json.body).toBe(200);
    expect(html.statusCode).toBe(200);
    const copy = JSON.parse(json.body);
    const tables = copy.sections.map((s: { table: string }) => s.table);
    // The rows are there — the steps as facts — but not the notes.
    expect(tables).toEqual(expect.arrayContaining(['requests', 'request_history', 'complaints', 'complaint_steps']));
    expect(html.body).toContain('مراحل الطلبات');
    expect(html.body).toContain('مراحل الشكاوى');
    for (const body of [json.body, html.body]) {
      expect(body).not.toContain(REQUEST_NOTE);
      expect(body).not.toContain(COMPLAINT_NOTE);
      expect(body).not.toContain('ملاحظة الموظف على المرحلة');
      expect(body).not.toContain('ملاحظة داخلية على المرحلة');
    }
  });

  it('F2: a member asking for themselves sees their own ID number in full and the head’s masked (English page)', async () => {
    const memberId = newNationalId();
    const family = await buildFamily(t, { members: [{ name: 'سارة علي الدوسري', relation: 'daughter', nationalId: memberId }] });
    const request = await accessRequest(family.id, {
      requester: { kind: 'family', familyId: family.id, memberName: 'سارة علي الدوسري' },
      relation: 'self',
    });
    expect((await verify(request.id)).statusCode).toBe(200);
    expect((await officer.request('POST', `/api/v1/privacy/requests/${request.id}/access-copy`, { language: 'en' })).statusCode).toBe(202);
    await produceAccessCopies(t.ctx);
    const json = await officer.request('GET', `/api/v1/privacy/requests/${request.id}/access-copy/json`);
    expect(json.body).toContain(memberId);
    expect(json.body).not.toContain(family.nationalId);
    expect(json.body).toContain(family.nationalId.slice(-4));
    const html = await officer.request('GET', `/api/v1/privacy/requests/${request.id}/access-copy/html`);
    expect(html.body).toContain('dir="ltr"');
    expect(html.body).toContain('A copy of your personal data');
    expect(html.body).toContain('<dt>Name</dt><dd><bdi>سارة علي الدوسري</bdi></dd>');
  });
});
