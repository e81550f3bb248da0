import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentAllows, consentWithdrawalPath } from '../../src/modules/families/index.js';
import * as m0021 from '../../src/platform/db/migrations/0021-family-consents.js';
import { PORTAL_COOKIE } from '../../src/platform/http/auth-plugin.js';
import { buildFamily, familyBody, multipartUpload, newNationalId } from './factories.js';
import { type Agent, buildStaff, createTestApp, ENGINE, signIn, type TestApp } from './harness.js';
import { setSmsGateway, signInFamily } from './portal-support.js';

/** Consent per purpose and versioned privacy notices (issue 20 §3–§4; F2, C5). */
let t: TestApp;
let reception: Agent; // Dammam office only
let khobarReception: Agent;
let management: Agent;
let admin: Agent;

beforeAll(async () => {
  t = await createTestApp();
  reception = await signIn(t, await buildStaff(t, { roles: ['reception'], scope: { categories: [], domains: [], offices: ['dammam'] } }));
  khobarReception = await signIn(
    t,
    await buildStaff(t, { roles: ['reception'], scope: { categories: [], domains: [], offices: ['khobar'] } }),
  );
  management = await signIn(t, await buildStaff(t, { roles: ['management'] }));
  admin = await signIn(t, await buildStaff(t, { roles: ['administrator'] }));
});
afterAll(async () => {
  await t.close();
});

const stateOf = (body: { purposes: Array<{ purpose: string; state: string }> }, purpose: string) =>
  body.purposes.find((p) => p.purpose === purpose)?.state;

async function record(familyId: string, body: Record<string, unknown>, agent = reception) {
  return agent.request('POST', `/api/v1/families/${familyId}/consents`, { channel: 'interview', ...body });
}

async function auditActions(familyId: string): Promise<string[]> {
  const rows = await t.ctx.db
    .selectFrom('audit_events')
    .select('action')
    .where('entity_id', '=', familyId)
    .where('action', 'like', 'family.consent-%')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}

/** The withdrawal link's token, as a bulk message would carry it. */
async function tokenFor(familyId: string, purpose: string): Promise<string> {
  const path = await consentWithdrawalPath(t.ctx, familyId, purpose);
  expect(path).toMatch(/^\/consent#[A-Za-z0-9_-]{38}$/);
  return path.slice('/consent#'.length);
}

const publicPost = (url: string, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url, payload, remoteAddress: '203.0.113.7' });

describe(`consent per purpose (issue 20 §3, F2) [${ENGINE}]`, () => {
  it('F2: registration records consent to the required purpose and to contact on the agreed channel, with notice version and registrar', async () => {
    const family = await buildFamily(t, { by: reception, agreedChannel: 'sms', originChannel: 'fax' });
    const response = await reception.request('GET', `/api/v1/families/${family.id}/consents`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.agreedChannel).toBe('sms');
    expect(stateOf(body, 'service')).toBe('given');
    expect(stateOf(body, 'contact-sms')).toBe('given');
    expect(stateOf(body, 'contact-whatsapp')).toBe('none');
    expect(stateOf(body, 'surveys')).toBe('none');
    expect(body.purposes.map((p: { purpose: string }) => p.purpose)).toEqual([
      'service',
      'contact-sms',
      'contact-whatsapp',
      'contact-email',
      'surveys',
      'announcements',
      'partners',
    ]);
    expect(body.history).toHaveLength(2);
    expect(body.history[0]).toMatchObject({ action: 'given', channel: 'fax', noticeVersion: '2026-1', recordedByKind: 'staff' });
    expect(body.history[0].recordedByName).toEqual(expect.any(String));
  });

  it('F2: a consent given then withdrawn keeps both entries in the history and writes an audit row for each', async () => {
    const family = await buildFamily(t, { by: reception });
    const given = await record(family.id, { purpose: 'surveys', action: 'give', channel: 'phone', noticeVersion: '2026-1' });
    expect(given.statusCode).toBe(200);
    expect(stateOf(given.json(), 'surveys')).toBe('given');
    t.clock.advance(60_000);
    const withdrawn = await record(family.id, { purpose: 'surveys', action: 'withdraw', note: 'قالت في الاتصال إنها لا تريد الاستبانات' });
    expect(withdrawn.statusCode).toBe(200);
    const body = withdrawn.json();
    expect(stateOf(body, 'surveys')).toBe('withdrawn');
    const surveys = body.history.filter((h: { purpose: string }) => h.purpose === 'surveys');
    expect(surveys.map((h: { action: string }) => h.action)).toEqual(['withdrawn', 'given']);
    expect(surveys[0]).toMatchObject({ channel: 'interview', noticeVersion: '2026-1', note: 'قالت في الاتصال إنها لا تريد الاستبانات' });
    expect(await auditActions(family.id)).toEqual(['family.consent-given', 'family.consent-withdrawn']);
    // Withdrawing again: there is nothing to withdraw.
    const again = await record(family.id, { purpose: 'surveys', action: 'withdraw' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('consent.not-given');
  });

  it('C5: withdrawing contact on the agreed channel is refused (409) without a new channel, and applies the new one in the same action', async () => {
    const family = await buildFamily(t, { by: reception, agreedChannel: 'sms' });
    const refused = await record(family.id, { purpose: 'contact-sms', action: 'withdraw' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'consent.agreed-channel-needs-replacement',
      errors: [expect.objectContaining({ pointer: '/newAgreedChannel' })],
    });
    const same = await record(family.id, { purpose: 'contact-sms', action: 'withdraw', newAgreedChannel: 'sms' });
    expect(same.statusCode).toBe(400);
    expect(same.json().code).toBe('consent.new-channel-withdrawn');

    const changed = await record(family.id, { purpose: 'contact-sms', action: 'withdraw', newAgreedChannel: 'whatsapp' });
    expect(changed.statusCode).toBe(200);
    const body = changed.json();
    expect(body.agreedChannel).toBe('whatsapp');
    expect(body.version).toBe(family.version + 1);
    expect(stateOf(body, 'contact-sms')).toBe('withdrawn');
    expect(stateOf(body, 'contact-whatsapp')).toBe('given');
    const view = await reception.request('GET', `/api/v1/families/${family.id}`);
    expect(view.json().agreedChannel).toBe('whatsapp');
    const changes = await t.ctx.db.selectFrom('family_channel_changes').selectAll().where('family_id', '=', family.id).execute();
    expect(changes).toEqual([expect.objectContaining({ from_channel: 'sms', to_channel: 'whatsapp' })]);
    expect(await consentAllows(t.ctx.db, family.id, { purpose: 'service', channel: 'whatsapp' })).toEqual({ allowed: true });
    expect(await consentAllows(t.ctx.db, family.id, { purpose: 'service', channel: 'sms' })).toEqual({
      allowed: false,
      reason: 'consent.channel-withdrawn',
    });
    // Contact on a channel that is not the agreed one is withdrawn without a new channel.
    await record(family.id, { purpose: 'contact-email', action: 'give' });
    const email = await record(family.id, { purpose: 'contact-email', action: 'withdraw', newAgreedChannel: 'letter' });
    expect(email.statusCode).toBe(400);
    expect(email.json().code).toBe('consent.new-channel-not-needed');
    expect((await record(family.id, { purpose: 'contact-email', action: 'withdraw' })).statusCode).toBe(200);
  });

  it('F2: withdrawing the required purpose ends the service and is recorded only with a second confirmation', async () => {
    const family = await buildFamily(t, { by: reception });
    const unconfirmed = await record(family.id, { purpose: 'service', action: 'withdraw' });
    expect(unconfirmed.statusCode).toBe(409);
    expect(unconfirmed.json().code).toBe('consent.end-of-service-unconfirmed');
    expect(await auditActions(family.id)).toEqual([]);
    const confirmed = await record(family.id, { purpose: 'service', action: 'withdraw', confirmEndOfService: true });
    expect(confirmed.statusCode).toBe(200);
    expect(stateOf(confirmed.json(), 'service')).toBe('withdrawn');
    expect(await consentAllows(t.ctx.db, family.id, { purpose: 'service', channel: 'letter' })).toEqual({
      allowed: false,
      reason: 'consent.service-ended',
    });
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select('details')
      .where('entity_id', '=', family.id)
      .where('action', '=', 'family.consent-withdrawn')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details as string)).toMatchObject({ purpose: 'service', endOfService: true });
  });

  it('F2: an unknown purpose or notice version is refused with 400 and a clear code', async () => {
    const family = await buildFamily(t, { by: reception });
    const purpose = await record(family.id, { purpose: 'marketing-calls', action: 'give' });
    expect(purpose.statusCode).toBe(400);
    expect(purpose.json().errors).toEqual([expect.objectContaining({ pointer: '/purpose', code: 'consent.unknown-purpose' })]);
    const version = await record(family.id, { purpose: 'surveys', action: 'give', noticeVersion: '1999-9' });
    expect(version.statusCode).toBe(400);
    expect(version.json().errors).toEqual([expect.objectContaining({ pointer: '/noticeVersion', code: 'privacyNotice.unknown-version' })]);
    const channel = await record(family.id, { purpose: 'surveys', action: 'give', channel: 'carrier-pigeon' });
    expect(channel.statusCode).toBe(400);
  });

  it('F2: consents are written only inside the writer’s scope, and read-only roles cannot write them', async () => {
    const family = await buildFamily(t, { by: reception });
    const outside = await record(family.id, { purpose: 'surveys', action: 'give' }, khobarReception);
    expect(outside.statusCode).toBe(404);
    const readOnly = await record(family.id, { purpose: 'surveys', action: 'give' }, management);
    expect(readOnly.statusCode).toBe(403);
    expect((await management.request('GET', `/api/v1/families/${family.id}/consents`)).statusCode).toBe(200);
  });

  it('consentAllows: the purpose itself and contact on sms, WhatsApp and e-mail; letters and calls need no contact consent', async () => {
    const family = await buildFamily(t, { by: reception, agreedChannel: 'sms' });
    expect(await consentAllows(t.ctx.db, family.id, { purpose: 'service', channel: 'sms' })).toEqual({ allowed: true });
    expect(await consentAllows(t.ctx.db, family.id, { purpose: 'surveys', channel: 'sms' })).toEqual({
      allowed: false,
      reason: 'consent.purpose-not-given',
    });
    await record(family.id, { purpose: 'surveys', action: 'give' });
    expect(await consentAllows(t.ctx.db, family.id, { purpose: 'surveys', channel: 'sms' })).toEqual({ allowed: true });
    expect(await consentAllows(t.ctx.db, family.id, { purpose: 'surveys', channel: 'email' })).toEqual({
      allowed: false,
      reason: 'consent.channel-not-given',
    });
    expect(await consentAllows(t.ctx.db, family.id, { purpose: 'surveys', channel: 'letter' })).toEqual({ allowed: true });
    expect(await consentAllows(t.ctx.db, family.id, { purpose: 'surveys', channel: 'phone-call' })).toEqual({ allowed: true });
    await record(family.id, { purpose: 'surveys', action: 'withdraw' });
    expect(await consentAllows(t.ctx.db, family.id, { purpose: 'surveys', channel: 'letter' })).toEqual({
      allowed: false,
      reason: 'consent.purpose-withdrawn',
    });
  });

  it('consentAllows: a family with no consent rows (registered before this feature) has the defaults it registered with', async () => {
    const family = await buildFamily(t, { by: reception, agreedChannel: 'whatsapp' });
    await t.ctx.db.deleteFrom('family_consents').where('family_id', '=', family.id).execute();
    expect(await consentAllows(t.ctx.db, family.id, { purpose: 'service', channel: 'whatsapp' })).toEqual({ allowed: true });
    expect(await consentAllows(t.ctx.db, family.id, { purpose: 'service', channel: 'sms' })).toEqual({
      allowed: false,
      reason: 'consent.channel-not-given',
    });
    expect(await consentAllows(t.ctx.db, family.id, { purpose: 'announcements', channel: 'whatsapp' })).toEqual({
      allowed: false,
      reason: 'consent.purpose-not-given',
    });
  });

  it('F2: the public withdrawal link works once without signing in, and a forged or altered token is refused', async () => {
    const family = await buildFamily(t, { by: reception });
    await record(family.id, { purpose: 'surveys', action: 'give' });
    const token = await tokenFor(family.id, 'surveys');
    expect(await tokenFor(family.id, 'surveys')).toBe(token); // stable: nothing is stored per link

    const page = await t.app.inject({ method: 'GET', url: '/consent' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<html lang="ar" dir="rtl">');
    expect(page.body).toContain('سحب الموافقة');

    const look = await publicPost('/api/v1/public/consent/link', { token });
    expect(look.statusCode).toBe(200);
    expect(look.json()).toEqual({
      purpose: 'surveys',
      nameAr: 'استبانات قياس الرضا',
      nameEn: 'Satisfaction surveys',
      isRequired: false,
      state: 'given',
    });

    const withdrawn = await publicPost('/api/v1/public/consent/withdraw', { token });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json().state).toBe('withdrawn');
    const consents = (await reception.request('GET', `/api/v1/families/${family.id}/consents`)).json();
    expect(stateOf(consents, 'surveys')).toBe('withdrawn');
    expect(consents.history[0]).toMatchObject({ purpose: 'surveys', action: 'withdrawn', channel: 'link', recordedByKind: 'link' });
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select(['actor_kind'])
      .where('entity_id', '=', family.id)
      .where('action', '=', 'family.consent-withdrawn')
      .executeTakeFirstOrThrow();
    expect(audit.actor_kind).toBe('anonymous');

    const again = await publicPost('/api/v1/public/consent/withdraw', { token });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('consent.link-used');
    expect((await publicPost('/api/v1/public/consent/link', { token })).json().state).toBe('withdrawn');

    // Re-consenting later does not revive the old link.
    await record(family.id, { purpose: 'surveys', action: 'give' });
    expect((await publicPost('/api/v1/public/consent/withdraw', { token })).statusCode).toBe(409);

    const altered = `${token.slice(0, 30)}${token[30] === 'A' ? 'B' : 'A'}${token.slice(31)}`;
    for (const forged of [altered, 'A'.repeat(38), 'not-a-token', `${token}x`]) {
      const answer = await publicPost('/api/v1/public/consent/withdraw', { token: forged });
      expect(answer.statusCode, forged).toBe(404);
      expect(answer.json().code).toBe('consent.link-invalid');
    }
  });

  it('F2, C5: a link for contact on the agreed channel cannot withdraw it (the family chooses a new channel in the portal or with staff)', async () => {
    const family = await buildFamily(t, { by: reception, agreedChannel: 'sms' });
    const token = await tokenFor(family.id, 'contact-sms');
    const refused = await publicPost('/api/v1/public/consent/withdraw', { token });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('consent.agreed-channel-needs-replacement');
    await expect(consentWithdrawalPath(t.ctx, family.id, 'partners')).rejects.toMatchObject({ code: 'consent.not-given' });
  });
});

describe(`migrating families registered before consent per purpose (issue 20 §3) [${ENGINE}]`, () => {
  it('F2: each family’s one registration consent becomes consent to the required purpose and to contact on its agreed channel', async () => {
    const bySms = await buildFamily(t, { by: reception, agreedChannel: 'sms', originChannel: 'letter' });
    const byLetter = await buildFamily(t, { by: reception, agreedChannel: 'letter' });
    const before = await t.ctx.db
      .selectFrom('families')
      .select(['id', 'consent_at', 'registered_by'])
      .where('id', '=', bySms.id)
      .executeTakeFirstOrThrow();
    // As the table stood before 0021: no consent rows at all.
    await t.ctx.db.schema.dropTable('family_consents').execute();
    await m0021.up(t.ctx.db);
    const rows = await t.ctx.db.selectFrom('family_consents').selectAll().where('family_id', 'in', [bySms.id, byLetter.id]).execute();
    const of = (id: string) =>
      rows
        .filter((r) => r.family_id === id)
        .map((r) => r.purpose)
        .sort();
    expect(of(bySms.id)).toEqual(['contact-sms', 'service']);
    expect(of(byLetter.id)).toEqual(['service']);
    expect(rows.find((r) => r.family_id === bySms.id && r.purpose === 'service')).toMatchObject({
      action: 'given',
      seq: 1,
      at: before.consent_at,
      channel: 'letter',
      notice_version: '2026-1',
      recorded_by_kind: 'staff',
      recorded_by: before.registered_by,
    });
    expect(await consentAllows(t.ctx.db, bySms.id, { purpose: 'service', channel: 'sms' })).toEqual({ allowed: true });
  });
});

describe(`versioned privacy notices (issue 20 §4, F2) [${ENGINE}]`, () => {
  it('registration and the sheet import refuse a notice version that does not exist (400)', async () => {
    const refused = await reception.request(
      'POST',
      '/api/v1/families',
      familyBody({ nationalId: newNationalId(), consent: { isGiven: true, privacyNoticeVersion: 'v-made-up' } }),
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([
      expect.objectContaining({ pointer: '/consent/privacyNoticeVersion', code: 'privacyNotice.unknown-version' }),
    ]);

    const importer = await signIn(t, await buildStaff(t, { roles: ['reception'] }));
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('families');
    sheet.addRow(['name', 'id']);
    sheet.addRow(['نورة علي', newNationalId()]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const uploaded = await multipartUpload(t, importer, '/api/v1/families/imports', {
      fields: {},
      file: { name: 'families.xlsx', bytes },
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const start = await importer.request('POST', `/api/v1/families/imports/${uploaded.json().id}/start`, {
      mapping: { headNameAr: 'name', nationalId: 'id' },
      defaults: {
        office: 'dammam',
        category: 'productive-family',
        domains: ['training'],
        agreedChannel: 'sms',
        originChannel: 'interview',
        city: 'الدمام',
      },
      privacyNoticeVersion: '1999-1',
    });
    expect(start.statusCode).toBe(400);
    expect(start.json().errors).toEqual([
      expect.objectContaining({ pointer: '/privacyNoticeVersion', code: 'privacyNotice.unknown-version' }),
    ]);
  });

  it('administrators add a version (history kept); registration accepts every version that exists, forms get the newest', async () => {
    const before = (await reception.request('GET', '/api/v1/settings/privacy-notices/registration')).json();
    const added = await admin.request('POST', '/api/v1/settings/privacy-notices/registration', {
      textAr: 'نص جديد لإشعار الخصوصية يشرح أغراض جمع البيانات ومدة حفظها وحقوق الأسرة.',
      textEn: 'A new privacy notice that explains why data is collected, how long it is kept and the family’s rights.',
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ kind: 'registration', number: before.length + 1, isCurrent: true });
    const version = added.json().version as string;
    expect(version).toMatch(/^\d{4}-\d+$/);
    const list = (await reception.request('GET', '/api/v1/settings/privacy-notices/registration')).json();
    expect(list.map((n: { version: string; isCurrent: boolean }) => [n.version, n.isCurrent])).toEqual([
      [version, true],
      ...before.map((n: { version: string }) => [n.version, false]),
    ]);
    expect((await buildFamily(t, { by: reception, consent: { isGiven: true, privacyNoticeVersion: version } })).id).toEqual(
      expect.any(String),
    );
    expect((await buildFamily(t, { by: reception, consent: { isGiven: true, privacyNoticeVersion: '2026-1' } })).id).toEqual(
      expect.any(String),
    );
    expect(
      (await reception.request('POST', '/api/v1/settings/privacy-notices/registration', { textAr: 'x'.repeat(30), textEn: 'y'.repeat(30) }))
        .statusCode,
    ).toBe(403);
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select('entity')
      .where('action', '=', 'settings.create')
      .where('entity', '=', 'privacy-notice')
      .execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('the public form shows the newest public-form notice and refuses a version that does not exist', async () => {
    const added = await admin.request('POST', '/api/v1/settings/privacy-notices/public-form', {
      textAr: 'إشعار خصوصية جديد للنموذج العام يوضح استخدام ما تكتبه وحفظه مشفرًا.',
      textEn: 'A new notice for the public form: how what you write is used and kept encrypted.',
    });
    expect(added.statusCode).toBe(201);
    const options = await t.app.inject({ method: 'GET', url: '/api/v1/public/form-options' });
    expect(options.statusCode).toBe(200);
    expect(options.json()).toMatchObject({ privacyNoticeVersion: added.json().version, privacyNotice: { ar: added.json().textAr } });
    const page = await t.app.inject({ method: 'GET', url: '/complaints/new' });
    expect(page.body).toContain(`data-privacy-version="${added.json().version}"`);
    const complaint = {
      topic: 'service-delay',
      description: 'تأخر الرد على طلبي أكثر من شهر دون أي تواصل.',
      anonymous: true,
      attachments: [],
    };
    const refused = await publicPost('/api/v1/public/complaints', { ...complaint, privacyNoticeVersion: '2000-1' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([
      expect.objectContaining({ pointer: '/privacyNoticeVersion', code: 'privacyNotice.unknown-version' }),
    ]);
    const accepted = await publicPost('/api/v1/public/complaints', { ...complaint, privacyNoticeVersion: added.json().version });
    expect(accepted.statusCode, accepted.body).toBe(201);
  });
});

describe(`consent purposes in Settings (issue 20 §3) [${ENGINE}]`, () => {
  it('administrators add and edit purposes (names, required flag); other roles only read them', async () => {
    const list = await reception.request('GET', '/api/v1/settings/consent-purposes');
    expect(list.statusCode).toBe(200);
    expect(list.json().find((p: { code: string }) => p.code === 'service')).toMatchObject({ isRequired: true, nameAr: 'تقديم الخدمات' });
    const created = await admin.request('POST', '/api/v1/settings/consent-purposes', {
      code: 'exhibitions',
      nameAr: 'عرض المنتجات في المعارض',
      nameEn: 'Showing products at exhibitions',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code: 'exhibitions', isRequired: false, contactChannel: null, isActive: true });
    expect(
      (await admin.request('POST', '/api/v1/settings/consent-purposes', { code: 'exhibitions', nameAr: 'س', nameEn: 'x' })).statusCode,
    ).toBe(409);
    const edited = await admin.request('PATCH', '/api/v1/settings/consent-purposes/exhibitions', {
      nameEn: 'Exhibitions',
      isActive: false,
    });
    expect(edited.json()).toMatchObject({ nameEn: 'Exhibitions', isActive: false });
    expect((await reception.request('PATCH', '/api/v1/settings/consent-purposes/exhibitions', { nameEn: 'x' })).statusCode).toBe(403);
    expect((await admin.request('PATCH', '/api/v1/settings/consent-purposes/nothing-here', { nameEn: 'x' })).statusCode).toBe(404);
    // An inactive purpose takes no new consent.
    const family = await buildFamily(t, { by: reception });
    const inactive = await record(family.id, { purpose: 'exhibitions', action: 'give' });
    expect(inactive.statusCode).toBe(400);
    expect(inactive.json().errors[0].code).toBe('consent.inactive-purpose');
  });
});

describe(`the family withdraws in the portal (issue 20 §3) [${ENGINE}]`, () => {
  it('F2, C5: the portal shows the consents, withdraws a purpose, and asks a new channel for the agreed one', async () => {
    setSmsGateway(t, true);
    const family = await buildFamily(t, { by: reception, agreedChannel: 'sms' });
    await record(family.id, { purpose: 'announcements', action: 'give' });
    const portal = await signInFamily(t, family);

    const page = await t.app.inject({ method: 'GET', url: '/portal', cookies: { [PORTAL_COOKIE]: portal.token } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('موافقاتي');
    expect(page.body).toContain('data-purpose="announcements"');
    expect(page.body).toMatch(/<select id="new-channel-contact-sms"/);

    const listed = await portal.request('GET', '/api/v1/portal/consents');
    expect(stateOf(listed.json(), 'announcements')).toBe('given');

    const withdrawn = await portal.request('POST', '/api/v1/portal/consents/withdraw', { purpose: 'announcements' });
    expect(withdrawn.statusCode).toBe(200);
    expect(stateOf(withdrawn.json(), 'announcements')).toBe('withdrawn');
    expect(withdrawn.json().history[0]).toMatchObject({ action: 'withdrawn', channel: 'portal', recordedByKind: 'family' });
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select(['actor_kind', 'actor_id'])
      .where('entity_id', '=', family.id)
      .where('action', '=', 'family.consent-withdrawn')
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ actor_kind: 'family', actor_id: family.id });

    const refused = await portal.request('POST', '/api/v1/portal/consents/withdraw', { purpose: 'contact-sms' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('consent.agreed-channel-needs-replacement');
    const moved = await portal.request('POST', '/api/v1/portal/consents/withdraw', { purpose: 'contact-sms', newAgreedChannel: 'letter' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().agreedChannel).toBe('letter');
    const service = await portal.request('POST', '/api/v1/portal/consents/withdraw', { purpose: 'service' });
    expect(service.statusCode).toBe(409);
    expect(service.json().code).toBe('consent.end-of-service-unconfirmed');
    // Staff cannot use the family's route, nor anonymous visitors.
    expect((await reception.request('POST', '/api/v1/portal/consents/withdraw', { purpose: 'surveys' })).statusCode).toBe(401);
  });
});

describe(`the portal's online application and the privacy notice (issue 20 §4) [${ENGINE}]`, () => {
  it('F2: the application shows the current registration notice and accepts only a version that exists', async () => {
    setSmsGateway(t, true);
    const family = await buildFamily(t, { by: reception });
    const portal = await signInFamily(t, family);
    const current = (await reception.request('GET', '/api/v1/settings/privacy-notices/registration')).json()[0];
    const page = await t.app.inject({ method: 'GET', url: '/portal/apply/tools-aid', cookies: { [PORTAL_COOKIE]: portal.token } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`data-privacy-version="${current.version}"`);
    expect(page.body).toContain(current.textAr);
    const apply = (key: string, version: string) =>
      portal.request('POST', '/api/v1/portal/requests', {
        idempotencyKey: key,
        typeCode: 'tools-aid',
        answers: {},
        privacyNoticeVersion: version,
      });
    const refused = await apply('consent-notice-1', '1990-1');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([
      expect.objectContaining({ pointer: '/privacyNoticeVersion', code: 'privacyNotice.unknown-version' }),
    ]);
    expect((await apply('consent-notice-2', current.version)).statusCode).toBe(201);
  });
});
