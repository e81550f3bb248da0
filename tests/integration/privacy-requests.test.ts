import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildComplaint, buildFamily, buildStaff } from './factories.js';
import { type Agent, createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';
import { setSmsGateway, signInFamily } from './portal-support.js';

/**
 * F2 (issue 25 §2): data-subject requests — 30 calendar days from receipt (a setting may shorten it,
 * never lengthen it), one extension before day 30, identity verified before an answer, the answer
 * through the outbox as a service message, scope 404s for reads and writes, every step audited.
 */
let t: TestApp;
let officer: Agent;
let dammamOfficer: Agent;
let admin: Agent;
let reception: Agent;
const DAY = 86_400_000;

beforeAll(async () => {
  t = await createTestApp();
  officer = await sessionFor(t, await buildStaff(t, { roles: ['privacy-officer'] }));
  dammamOfficer = await sessionFor(
    t,
    await buildStaff(t, { roles: ['privacy-officer'], scope: { categories: [], domains: [], offices: ['dammam'] } }),
  );
  admin = await sessionFor(t, await buildStaff(t, { roles: ['administrator'] }));
  reception = await sessionFor(t, await buildStaff(t, { roles: ['reception'] }));
}, 120_000);
afterAll(async () => {
  await t.close();
});

async function fileRequest(by: Agent, familyId: string, fields: Record<string, unknown> = {}) {
  return by.request('POST', '/api/v1/privacy/requests', {
    kind: 'access',
    channel: 'in-person',
    requester: { kind: 'family', familyId },
    relation: 'head',
    details: 'نطلب نسخة من بياناتنا المسجلة لديكم',
    ...fields,
  });
}

const auditActions = async (entityId: string) =>
  (await t.ctx.db.selectFrom('audit_events').select('action').where('entity_id', '=', entityId).orderBy('id').execute()).map(
    (r) => r.action,
  );

describe(`F2 privacy requests [${ENGINE}]`, () => {
  it('F2: the deadline is 30 calendar days from the Riyadh day of receipt, shown in Hijri and Gregorian', async () => {
    const family = await buildFamily(t);
    // 22:30 UTC on 24 November is already 25 November in Riyadh.
    const created = await fileRequest(officer, family.id, { receivedAt: '2026-11-24T22:30:00.000Z' });
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json();
    expect(body.receivedDay.day).toBe('2026-11-25');
    expect(body.deadline.day).toBe('2026-12-25');
    expect(body.deadline.hijri).toMatch(/\d/);
    expect(body).toMatchObject({ status: 'received', kind: 'access', isExtended: false, daysLeft: 30 });
    expect(body.reference).toMatch(/^PDR-2026-\d{6}$/);
  });

  it('F2: a setting above 30 days is refused (400 privacy.deadline-too-long); a shorter one shortens new deadlines', async () => {
    const tooLong = await admin.request('PUT', '/api/v1/privacy/settings', { answerDays: 31, warningDays: 5 });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().code).toBe('privacy.deadline-too-long');
    const shorter = await admin.request('PUT', '/api/v1/privacy/settings', { answerDays: 20, warningDays: 3 });
    expect(shorter.statusCode, shorter.body).toBe(200);
    const family = await buildFamily(t);
    const created = await fileRequest(officer, family.id, { receivedAt: '2026-11-25T06:00:00.000Z' });
    expect(created.json().deadline.day).toBe('2026-12-15');
    const back = await admin.request('PUT', '/api/v1/privacy/settings', { answerDays: 30, warningDays: 5 });
    expect(back.statusCode).toBe(200);
  });

  it('F2: one extension before day 30 (told to the requester); a second is 409, and after day 30 it is 409', async () => {
    const family = await buildFamily(t);
    const now = t.clock.now().getTime();
    const day29 = (await fileRequest(officer, family.id, { receivedAt: new Date(now - 29 * DAY).toISOString() })).json();
    const extended = await officer.request('POST', `/api/v1/privacy/requests/${day29.id}/extension`, {
      reason: 'البيانات موزعة على عدة ملفات ورقية',
      days: 30,
    });
    expect(extended.statusCode, extended.body).toBe(200);
    expect(extended.json().isExtended).toBe(true);
    expect(extended.json().deadline.day > day29.deadline.day).toBe(true);
    expect(extended.json().messages.map((m: { event: string }) => m.event)).toEqual(['privacy.request-extended']);
    const second = await officer.request('POST', `/api/v1/privacy/requests/${day29.id}/extension`, { reason: 'مرة أخرى', days: 10 });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('privacy.extension-used');

    const day30 = (await fileRequest(officer, family.id, { receivedAt: new Date(now - 30 * DAY).toISOString() })).json();
    const late = await officer.request('POST', `/api/v1/privacy/requests/${day30.id}/extension`, { reason: 'متأخر', days: 10 });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('privacy.extension-too-late');
  });

  it('F2: identity verified (how, by whom, when) before an answer; the answer goes through the outbox as a service message; audited', async () => {
    const family = await buildFamily(t);
    const request = (await fileRequest(officer, family.id)).json();
    const early = await officer.request('POST', `/api/v1/privacy/requests/${request.id}/answer`, { answer: 'مرفق نسخة بياناتكم' });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('privacy.identity-not-verified');
    const verified = await officer.request('POST', `/api/v1/privacy/requests/${request.id}/verification`, {
      method: 'id-card-in-person',
      note: 'اطّلعنا على الهوية الأصلية',
    });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json().verification).toMatchObject({ method: 'id-card-in-person', note: 'اطّلعنا على الهوية الأصلية' });
    expect(verified.json().verification.by).toBeTruthy();
    const answered = await officer.request('POST', `/api/v1/privacy/requests/${request.id}/answer`, {
      answer: 'مرفق نسخة بياناتكم المسجلة',
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'answered', answer: { text: 'مرفق نسخة بياناتكم المسجلة' } });
    const message = await t.ctx.db.selectFrom('outbox_messages').selectAll().where('about_id', '=', request.id).executeTakeFirstOrThrow();
    expect(message).toMatchObject({ event: 'privacy.request-answered', recipient_kind: 'family', priority: 'transactional' });
    const again = await officer.request('POST', `/api/v1/privacy/requests/${request.id}/refusal`, { reason: 'repeated-request' });
    expect(again.statusCode).toBe(409);
    // The answer is stored encrypted, never in the clear.
    const raw = await t.ctx.db
      .selectFrom('privacy_requests')
      .select(['answer', 'details'])
      .where('id', '=', request.id)
      .executeTakeFirstOrThrow();
    expect(raw.answer).not.toContain('مرفق');
    expect(raw.details).not.toContain('نسخة');
    expect(await auditActions(request.id)).toEqual(
      expect.arrayContaining(['privacy.request-create', 'privacy.request-verify', 'privacy.request-answer']),
    );
  });

  it('F2: a refusal names a lawful reason and tells the requester', async () => {
    const family = await buildFamily(t);
    const request = (await fileRequest(officer, family.id, { kind: 'objection' })).json();
    const refused = await officer.request('POST', `/api/v1/privacy/requests/${request.id}/refusal`, {
      reason: 'legal-obligation',
      note: 'سجلات الصرف نظامية',
    });
    expect(refused.statusCode, refused.body).toBe(200);
    expect(refused.json()).toMatchObject({ status: 'refused', answer: { refusalReason: 'legal-obligation' } });
    expect(refused.json().messages.map((m: { event: string }) => m.event)).toEqual(['privacy.request-refused']);
    const unknown = await officer.request('POST', `/api/v1/privacy/requests/${request.id}/refusal`, { reason: 'because' });
    expect(unknown.statusCode).toBe(400);
  });

  it('F2: a family outside the officer’s scope is 404 — filing, reading, listing and acting', async () => {
    const khobar = await buildFamily(t, { office: 'khobar' });
    const outside = await fileRequest(dammamOfficer, khobar.id);
    expect(outside.statusCode).toBe(404);
    const request = (await fileRequest(officer, khobar.id)).json();
    expect((await dammamOfficer.request('GET', `/api/v1/privacy/requests/${request.id}`)).statusCode).toBe(404);
    const verify = await dammamOfficer.request('POST', `/api/v1/privacy/requests/${request.id}/verification`, {
      method: 'id-card-in-person',
    });
    expect(verify.statusCode).toBe(404);
    const list = (await dammamOfficer.request('GET', '/api/v1/privacy/requests?limit=100')).json();
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain(request.id);
    // Reception has no privacy work at all; administrators read but do not act.
    expect((await reception.request('GET', '/api/v1/privacy/requests')).statusCode).toBe(403);
    expect((await admin.request('GET', `/api/v1/privacy/requests/${request.id}`)).statusCode).toBe(200);
    const adminVerify = await admin.request('POST', `/api/v1/privacy/requests/${request.id}/verification`, { method: 'id-card-in-person' });
    expect(adminVerify.statusCode).toBe(403);
  });

  it('F2: a complainant is identified by reference and tracking code together; a wrong code is refused', async () => {
    const complaint = await buildComplaint(t);
    const base = { kind: 'access', channel: 'email', relation: 'self' };
    const wrong = await officer.request('POST', '/api/v1/privacy/requests', {
      ...base,
      requester: { kind: 'complainant', complaintReference: complaint.reference, trackingCode: 'K7Q2M9XD4H1RZT6B' },
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors[0].code).toBe('privacy.complaint-not-found');
    const right = await officer.request('POST', '/api/v1/privacy/requests', {
      ...base,
      requester: { kind: 'complainant', complaintReference: complaint.reference, trackingCode: complaint.trackingCode.toLowerCase() },
    });
    expect(right.statusCode, right.body).toBe(201);
    expect(right.json()).toMatchObject({ requesterKind: 'complainant', complaintReference: complaint.reference });
  });

  it('F2, issue 25 §4: a correction links to the family’s normal edit and records that it was followed', async () => {
    const family = await buildFamily(t);
    const request = (await fileRequest(officer, family.id, { kind: 'correction' })).json();
    expect(request.correction).toMatchObject({ editPath: `/families/${family.id}/edit`, linkedAt: null });
    await officer.request('POST', `/api/v1/privacy/requests/${request.id}/verification`, { method: 'id-card-in-person' });
    const linked = await officer.request('POST', `/api/v1/privacy/requests/${request.id}/correction-link`);
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json().correction.linkedAt).toBeTruthy();
    expect(await auditActions(request.id)).toContain('privacy.request-correction-link');
  });

  it('F2: the list filters by status and kind, sorts by deadline, pages by cursor, and is audited with its ids', async () => {
    const family = await buildFamily(t);
    for (let i = 0; i < 3; i++)
      await fileRequest(officer, family.id, {
        kind: 'portable-copy',
        receivedAt: new Date(t.clock.now().getTime() - i * DAY).toISOString(),
      });
    const first = await officer.request('GET', '/api/v1/privacy/requests?kind=portable-copy&status=open&sort=deadline&limit=2');
    expect(first.statusCode, first.body).toBe(200);
    const page1 = first.json();
    expect(page1.items).toHaveLength(2);
    expect(page1.items[0].deadline.day <= page1.items[1].deadline.day).toBe(true);
    const second = (
      await officer.request(
        'GET',
        `/api/v1/privacy/requests?kind=portable-copy&status=open&sort=deadline&limit=2&cursor=${encodeURIComponent(page1.nextCursor)}`,
      )
    ).json();
    expect(second.items).toHaveLength(1);
    // One audit row per list call, holding the ids it returned (the manual clock gives rows the same instant).
    const listed = await t.ctx.db.selectFrom('audit_events').select('details').where('action', '=', 'privacy.request-list').execute();
    expect(listed.some((row) => String(row.details).includes(second.items[0].id) && !String(row.details).includes(page1.items[0].id))).toBe(
      true,
    );
  });

  it('F2: a family files a request from the portal — its sign-in is the identity check — and sees the form on its page', async () => {
    setSmsGateway(t, true);
    const family = await buildFamily(t);
    const portal = await signInFamily(t, family);
    const page = await portal.request('GET', '/portal');
    expect(page.body).toContain('id="privacy-request-form"');
    const filed = await portal.request('POST', '/api/v1/portal/privacy-requests', { kind: 'correction', details: 'رقم الجوال تغيّر' });
    expect(filed.statusCode, filed.body).toBe(201);
    const { reference } = filed.json();
    const row = await t.ctx.db.selectFrom('privacy_requests').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ family_id: family.id, channel: 'portal', status: 'verified', verification_method: 'portal-sign-in' });
    const seen = (await officer.request('GET', `/api/v1/privacy/requests/${row.id}`)).json();
    expect(seen).toMatchObject({ channel: 'portal', details: 'رقم الجوال تغيّر', verification: { method: 'portal-sign-in', by: null } });
    expect(await auditActions(row.id)).toContain('privacy.request-create');
    // Staff cannot file as a family.
    expect((await officer.request('POST', '/api/v1/portal/privacy-requests', { kind: 'access' })).statusCode).toBe(401);
  });

  it('F2, issue 25 §7: the record of processing is generated from every area’s personal-data declarations, with roles, the answer period and transfers', async () => {
    const response = await admin.request('GET', '/api/v1/privacy/record');
    expect(response.statusCode, response.body).toBe(200);
    const record = response.json();
    const areas = record.areas.map((a: { area: string }) => a.area);
    expect(areas).toEqual(expect.arrayContaining(['families', 'complaints', 'privacy', 'files']));
    const privacy = record.areas.find((a: { area: string }) => a.area === 'privacy');
    expect(privacy.tables.map((table: { table: string }) => table.table)).toEqual(
      expect.arrayContaining(['privacy_requests', 'privacy_breaches']),
    );
    // Issue 25 §7: each column with the registry's Arabic and English label.
    expect(privacy.tables[0].columns).toContainEqual({
      column: 'answer',
      label: { ar: 'الرد', en: 'Answer' },
      holds: 'the answer sent to the requester',
      isEncrypted: true,
    });
    // Issue 25 §7: roles per area (tests/integration/privacy-record.test.ts checks them against the routes).
    expect(privacy.readers).toContain('privacy-officer');
    expect(record.transfers.map((x: { channel: string }) => x.channel)).toEqual(['sms', 'whatsapp', 'email']);
    expect(record.answerDays).toBeLessThanOrEqual(30);
    expect((await reception.request('GET', '/api/v1/privacy/record')).statusCode).toBe(403);
  });
});
