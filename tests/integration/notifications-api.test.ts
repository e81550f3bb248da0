import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EnqueueInput, enqueueMessage } from '../../src/modules/notifications/outbox.enqueue.js';
import { buildFamily } from './factories.js';
import { type Agent, buildStaff, createTestApp, ENGINE, type StaffFixture, sessionFor, type TestApp } from './harness.js';

/**
 * Issue 4 §5–§7, §9 (server side): templates with checked placeholders, the print queue and call
 * tasks staff work through, scope on messages to families, the staff app's own messages, and the
 * SMS gateway's format setting.
 */
let t: TestApp;
let receptionist: StaffFixture; // Dammam
let khobarReceptionist: StaffFixture;
let administrator: StaffFixture;

const as = (staff: StaffFixture): Pick<Agent, 'request'> => ({
  request: async (...args) => (await sessionFor(t, staff)).request(...args),
});

/** A family the Dammam receptionist registered from a letter, reached by letter unless `extra` says otherwise. */
const registerFamily = (extra: Record<string, unknown> = {}) =>
  buildFamily(t, {
    by: receptionist,
    headNameAr: 'نورة سعد القحطاني',
    address: 'حي الشاطئ، شارع الأمير محمد',
    agreedChannel: 'letter',
    originChannel: 'letter',
    ...extra,
  });

function enqueue(input: EnqueueInput) {
  return t.ctx.db.transaction().execute((trx) => enqueueMessage(trx, t.ctx, input));
}

beforeAll(async () => {
  t = await createTestApp();
  receptionist = await buildStaff(t, { roles: ['reception'], scope: { categories: [], domains: [], offices: ['dammam'] } });
  khobarReceptionist = await buildStaff(t, { roles: ['reception'], scope: { categories: [], domains: [], offices: ['khobar'] } });
  administrator = await buildStaff(t, { roles: ['administrator'] });
});
afterAll(async () => {
  await t.close();
});

describe(`message templates [${ENGINE}]`, () => {
  const url = '/api/v1/notifications/templates';

  it('lists every event with its placeholders and the Arabic and English defaults', async () => {
    const response = await as(administrator).request('GET', url);
    expect(response.statusCode).toBe(200);
    const catalog = response.json() as Array<{ event: string; placeholders: string[]; templates: Array<Record<string, unknown>> }>;
    expect(catalog.map((e) => e.event)).toEqual([
      'family.registered',
      'auth.one-time-code',
      'request.attestation-code',
      'request.status-changed',
      'request.received',
      'request.information-requested',
      'request.decided',
      'request.deadline-warning',
      'request.deadline-breached',
      'complaint.received',
      'inquiry.received',
      'complaint.acknowledged',
      'inquiry.acknowledged',
      'complaint.responded',
      'inquiry.answered',
      'complaint.assigned',
      'complaint.deadline-warning',
      'complaint.deadline-breached',
      'announcement.general',
      'compensation.opened',
      'compensation.decided',
      'compensation.offer',
      'compensation.settled',
      'compensation.payment',
      'compensation.round-due',
      'survey.invitation',
      'survey.follow-up',
      'acknowledgement.reminder',
      'acknowledgement.link',
      'privacy.request-extended',
      'privacy.request-answered',
      'privacy.request-refused',
      'privacy.copy-ready',
      'privacy.request-due',
      'privacy.breach-due',
      'privacy.breach-notice',
    ]);
    // Issue 24 §2 (F2): a survey's invitation is bulk, for the purpose families may refuse, with the link to do so.
    expect(catalog.find((e) => e.event === 'survey.invitation')).toMatchObject({ requiredPlaceholders: ['link', 'withdrawLink'] });
    const code = catalog.find((e) => e.event === 'auth.one-time-code');
    // Issue 20 §7: a sign-in code goes by SMS, WhatsApp or a verified e-mail, in Arabic and English.
    expect(code).toMatchObject({ channels: ['sms', 'whatsapp', 'email'], isSensitive: true, requiredPlaceholders: ['code'] });
    expect(code?.templates).toHaveLength(6);
    const status = catalog.find((e) => e.event === 'request.status-changed');
    expect(status?.placeholders).toEqual(expect.arrayContaining(['familyName', 'reference', 'deadline', 'status']));
    expect(status?.templates).toContainEqual(
      expect.objectContaining({ channel: 'email', language: 'ar', isEdited: false, subject: 'طلبكم {{reference}}: {{status}}' }),
    );
  });

  it('refuses an unknown placeholder, naming it, and other broken templates', async () => {
    const admin = as(administrator);
    const unknown = await admin.request('PUT', `${url}/family.registered/sms/ar`, { body: 'أهلاً {{familyNme}} رقمكم {{reference}}' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'template.unknown-placeholder' });
    expect(unknown.json().detail).toContain('{{familyNme}}');
    expect(unknown.json().errors).toEqual([expect.objectContaining({ pointer: '/body', code: 'template.unknown-placeholder' })]);

    const inSubject = await admin.request('PUT', `${url}/family.registered/email/en`, { subject: 'Hi {{national_id}}', body: 'Hello' });
    expect(inSubject.json().errors).toContainEqual(
      expect.objectContaining({ pointer: '/subject', code: 'template.malformed-placeholder' }),
    );

    const noCode = await admin.request('PUT', `${url}/auth.one-time-code/sms/ar`, { body: 'رمزكم قادم' });
    expect(noCode.statusCode).toBe(400);
    expect(noCode.json().errors).toContainEqual(expect.objectContaining({ code: 'template.missing-placeholder' }));

    const unpaired = await admin.request('PUT', `${url}/family.registered/sms/en`, { body: 'Hello {{familyName}' });
    expect(unpaired.json().errors).toContainEqual(expect.objectContaining({ code: 'template.malformed-placeholder' }));

    const noSubject = await admin.request('PUT', `${url}/family.registered/email/ar`, { body: 'نص' });
    expect(noSubject.json().errors).toContainEqual(expect.objectContaining({ pointer: '/subject', code: 'field.required' }));

    const noName = await admin.request('PUT', `${url}/family.registered/whatsapp/ar`, { body: 'أهلاً {{familyName}}' });
    expect(noName.json().errors).toContainEqual(expect.objectContaining({ pointer: '/whatsappTemplate' }));

    expect((await admin.request('PUT', `${url}/request.attestation-code/email/ar`, { subject: 'x', body: '{{code}}' })).statusCode).toBe(
      404,
    );
    expect((await admin.request('PUT', `${url}/nope/sms/ar`, { body: 'x' })).statusCode).toBe(400);
  });

  it('saves an edited template, uses it for new messages, and restores the default', async () => {
    const admin = as(administrator);
    const saved = await admin.request('PUT', `${url}/family.registered/letter/ar`, {
      subject: 'ترحيب بأسرة {{familyName}}',
      body: 'نرحب بكم في {{ associationName }}.\nرقم المرجع: {{reference}}',
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ isEdited: true, subject: 'ترحيب بأسرة {{familyName}}' });

    const family = await registerFamily();
    const [queued] = await enqueue({ event: 'family.registered', recipient: { kind: 'family', familyId: family.id } });
    const letter = (await as(receptionist).request('GET', `/api/v1/notifications/outbox/${queued?.id}`)).json();
    expect(letter).toMatchObject({
      subject: 'ترحيب بأسرة نورة سعد القحطاني',
      body: `نرحب بكم في جمعية حارف للأسر المنتجة بالمنطقة الشرقية.\nرقم المرجع: ${family.reference}`,
    });

    const reset = await admin.request('DELETE', `${url}/family.registered/letter/ar`);
    expect(reset.json()).toMatchObject({ isEdited: false, subject: 'إشعار تسجيل أسرة' });
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity', '=', 'message_template')
      .where('entity_id', '=', 'family.registered/letter/ar')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['template.update', 'template.reset']);
  });
});

describe(`letters, faxes and calls: staff tasks [${ENGINE}]`, () => {
  it('puts a letter in the print queue; reception prints it and marks it sent', async () => {
    const family = await registerFamily({ agreedChannel: 'letter' });
    const [queued] = await enqueue({
      event: 'request.status-changed',
      recipient: { kind: 'family', familyId: family.id },
      params: { reference: 'REQ-2026-000042', status: 'قيد الدراسة', deadline: '2026-12-15' },
      about: { type: 'request', id: '01936b2e-0000-7000-8000-000000000042' },
    });
    expect(queued).toMatchObject({ channel: 'letter', status: 'waiting-staff' });
    const id = queued?.id as string;

    const reception = as(receptionist);
    const tasks = await reception.request('GET', '/api/v1/notifications/tasks?channel=letter');
    expect(tasks.statusCode).toBe(200);
    expect(tasks.json().items.map((i: { id: string }) => i.id)).toContain(id);

    const opened = await reception.request('GET', `/api/v1/notifications/outbox/${id}`);
    expect(opened.json()).toMatchObject({
      status: 'waiting-staff',
      channel: 'letter',
      subject: 'إشعار بحالة طلب',
      address: 'حي الشاطئ، شارع الأمير محمد\nالدمام',
      about: { type: 'request', id: '01936b2e-0000-7000-8000-000000000042' },
    });
    expect(opened.json().body).toContain('المكرمون أسرة نورة سعد القحطاني');
    expect(opened.json().body).toContain('طلبكم رقم REQ-2026-000042 أصبحت: قيد الدراسة');
    // Administrators see the address masked.
    expect((await as(administrator).request('GET', `/api/v1/notifications/outbox/${id}`)).json().address).toBe('•••');

    // The family is outside Khobar reception's scope: the letter does not exist for them.
    const khobar = as(khobarReceptionist);
    expect((await khobar.request('GET', `/api/v1/notifications/outbox/${id}`)).statusCode).toBe(404);
    expect((await khobar.request('POST', `/api/v1/notifications/outbox/${id}/sent`, {})).statusCode).toBe(404);
    expect((await khobar.request('GET', '/api/v1/notifications/tasks')).json().items.map((i: { id: string }) => i.id)).not.toContain(id);

    const printed = await reception.request('GET', `/api/v1/notifications/outbox/${id}/letter`);
    expect(printed.statusCode).toBe(200);
    expect(printed.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(printed.body).toContain('<html lang="ar" dir="rtl">');
    expect(printed.body).toContain('@page { size: A4;');
    expect(printed.body).toContain('جمعية حارف للأسر المنتجة بالمنطقة الشرقية');
    expect(printed.body).toContain('<h1>إشعار بحالة طلب</h1>');
    expect(printed.body).toContain('طلبكم رقم <bdi dir="ltr">REQ-2026-000042</bdi> أصبحت: قيد الدراسة');
    expect(printed.body).toContain(`<bdi dir="ltr">${family.reference}</bdi>`);
    expect(printed.body).toContain('هـ');
    expect((await khobar.request('GET', `/api/v1/notifications/outbox/${id}/letter`)).statusCode).toBe(404);

    const sent = await reception.request('POST', `/api/v1/notifications/outbox/${id}/sent`, { note: 'سُلّم باليد في الفرع' });
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toMatchObject({ status: 'sent', handledBy: receptionist.id, outcomeNote: 'سُلّم باليد في الفرع', attempts: 1 });
    expect(sent.json().sentAt).toBe(t.clock.now().toISOString());
    expect(sent.json().attemptLog).toEqual([expect.objectContaining({ attempt: 1, outcome: 'sent' })]);
    expect((await reception.request('POST', `/api/v1/notifications/outbox/${id}/sent`, {})).statusCode).toBe(409);
    expect((await reception.request('GET', '/api/v1/notifications/tasks')).json().items.map((i: { id: string }) => i.id)).not.toContain(id);
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'actor_id'])
      .where('entity_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['message.queue', 'message.view', 'message.mark-sent']));
  });

  it('sends a fax to the print queue too, with the letter text', async () => {
    const family = await registerFamily({ agreedChannel: 'fax', otherPhone: '013 882 0258' });
    const [queued] = await enqueue({ event: 'family.registered', recipient: { kind: 'family', familyId: family.id } });
    expect(queued).toMatchObject({ channel: 'fax', status: 'waiting-staff' });
    const opened = (await as(receptionist).request('GET', `/api/v1/notifications/outbox/${queued?.id}`)).json();
    expect(opened).toMatchObject({ address: '+966138820258', subject: 'إشعار تسجيل أسرة' });
  });

  it('keeps a call open after no answer and closes it when the family is reached', async () => {
    const family = await registerFamily({ agreedChannel: 'phone-call' });
    const [queued] = await enqueue({ event: 'family.registered', recipient: { kind: 'family', familyId: family.id } });
    const id = queued?.id as string;
    expect(queued).toMatchObject({ channel: 'phone-call', status: 'waiting-staff' });
    const reception = as(receptionist);
    expect((await reception.request('POST', `/api/v1/notifications/outbox/${id}/sent`, {})).statusCode).toBe(409);
    const noAnswer = await reception.request('POST', `/api/v1/notifications/outbox/${id}/call`, { outcome: 'no-answer' });
    expect(noAnswer.json()).toMatchObject({ status: 'waiting-staff', lastError: 'call.no-answer', attempts: 1 });
    const reached = await reception.request('POST', `/api/v1/notifications/outbox/${id}/call`, {
      outcome: 'reached',
      note: 'أُبلغت الأم وطلبت نسخة مكتوبة',
    });
    expect(reached.json()).toMatchObject({ status: 'done', lastError: null, attempts: 2, outcomeNote: 'أُبلغت الأم وطلبت نسخة مكتوبة' });
    expect(reached.json().attemptLog.map((a: { outcome: string }) => a.outcome)).toEqual(['call-no-answer', 'call-reached']);
    expect((await reception.request('POST', `/api/v1/notifications/outbox/${id}/call`, { outcome: 'reached' })).statusCode).toBe(409);
  });

  it('fails a message for want of an address and retries it once the family has one', async () => {
    const family = await registerFamily({ agreedChannel: 'email' });
    const [queued] = await enqueue({ event: 'family.registered', recipient: { kind: 'family', familyId: family.id } });
    expect(queued).toMatchObject({ channel: 'email', status: 'failed' });
    const admin = as(administrator);
    expect((await admin.request('GET', `/api/v1/notifications/outbox/${queued?.id}`)).json().lastError).toBe('recipient.no-address');
    expect((await admin.request('POST', `/api/v1/notifications/outbox/${queued?.id}/retry`)).json().code).toBe('message.no-address');

    const current = (await as(receptionist).request('GET', `/api/v1/families/${family.id}`)).json();
    const updated = await as(receptionist).request('PATCH', `/api/v1/families/${family.id}`, {
      email: 'noura@example.org',
      version: current.version,
    });
    expect(updated.statusCode).toBe(200);
    const retried = await admin.request('POST', `/api/v1/notifications/outbox/${queued?.id}/retry`);
    expect(retried.json()).toMatchObject({ status: 'pending', address: 'n•••@example.org' });
    const cancelled = await admin.request('POST', `/api/v1/notifications/outbox/${queued?.id}/cancel`);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
  });

  it('reaches a one-off contact on the channel they gave, the address encrypted', async () => {
    const [queued] = await enqueue({
      event: 'family.registered',
      recipient: { kind: 'contact', channel: 'phone-call', address: '+966501112233', name: 'مراجع' },
      language: 'en',
    });
    const row = await t.ctx.db
      .selectFrom('outbox_messages')
      .selectAll()
      .where('id', '=', queued?.id as string)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ recipient_kind: 'contact', recipient_id: null, language: 'en', status: 'waiting-staff' });
    expect(row.address).not.toContain('501112233');
    const opened = (await as(receptionist).request('GET', `/api/v1/notifications/outbox/${queued?.id}`)).json();
    expect(opened).toMatchObject({ address: '+966501112233', recipient: { kind: 'contact', name: null } });
    expect(opened.body).toContain('Introduce yourself from Harif for Productive Families in the Eastern Province');
  });
});

describe(`the staff app's own messages [${ENGINE}]`, () => {
  it('shows a staff member their message in the app and e-mails it when they have an address', async () => {
    const officer = await buildStaff(t, { roles: ['contact-officer'] });
    await t.ctx.db.updateTable('staff_users').set({ email: 'officer@harif.org.sa' }).where('id', '=', officer.id).execute();
    const queued = await enqueue({
      event: 'request.status-changed',
      recipient: { kind: 'staff', staffId: officer.id },
      params: { reference: 'REQ-2026-000077', status: 'مكتمل', deadline: '2026-12-20' },
      about: { type: 'request', id: '01936b2e-0000-7000-8000-000000000077' },
    });
    expect(queued.map((q) => [q.channel, q.status])).toEqual([
      ['staff-app', 'sent'],
      ['email', 'pending'],
    ]);
    const mine = as(officer);
    const inbox = await mine.request('GET', '/api/v1/me/notifications');
    expect(inbox.statusCode).toBe(200);
    expect(inbox.json()).toMatchObject({
      unread: 1,
      items: [
        {
          id: queued[0]?.id,
          subject: 'الطلب REQ-2026-000077: مكتمل',
          body: 'الطلب REQ-2026-000077 أصبح: مكتمل. موعد الرد: 2026-12-20',
          readAt: null,
          about: { type: 'request', id: '01936b2e-0000-7000-8000-000000000077' },
        },
      ],
    });
    // Someone else cannot read or mark it.
    expect((await as(receptionist).request('POST', `/api/v1/me/notifications/${queued[0]?.id}/read`)).statusCode).toBe(404);
    const read = await mine.request('POST', `/api/v1/me/notifications/${queued[0]?.id}/read`);
    expect(read.json().readAt).toBe(t.clock.now().toISOString());
    expect((await mine.request('GET', '/api/v1/me/notifications?isUnreadOnly=true')).json()).toMatchObject({ unread: 0, items: [] });
  });
});

const DEFAULT_RATES = { sms: 10, email: 10, whatsapp: 20 };

describe(`the SMS gateway format setting [${ENGINE}]`, () => {
  it('defaults to the JSON preset and checks a custom body’s placeholders', async () => {
    const admin = as(administrator);
    expect((await admin.request('GET', '/api/v1/notifications/settings')).json()).toEqual({
      sms: { preset: 'json', sender: '' },
      rates: DEFAULT_RATES,
    });
    const bad = await admin.request('PUT', '/api/v1/notifications/settings', {
      sms: {
        preset: 'custom',
        sender: 'Harif',
        contentType: 'application/json',
        auth: 'bearer',
        body: '{"to":"{{phone}}","msg":"{{text}}"}',
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toContain('{{phone}}');
    const good = {
      sms: {
        preset: 'custom',
        sender: 'Harif',
        contentType: 'application/json',
        auth: 'bearer',
        body: '{"to":"{{toDigits}}","msg":"{{text}}"}',
      },
    };
    expect((await admin.request('PUT', '/api/v1/notifications/settings', good)).statusCode).toBe(200);
    // Rates left out are the defaults (issue 20 §1).
    expect((await admin.request('GET', '/api/v1/notifications/settings')).json()).toEqual({ ...good, rates: DEFAULT_RATES });
    expect((await admin.request('PUT', '/api/v1/notifications/settings', { sms: { preset: 'taqnyat', sender: 'Harif' } })).statusCode).toBe(
      200,
    );
  });
});

describe(`the rate per transport setting [${ENGINE}]`, () => {
  it('stores a rate per transport, whole messages a second from 1 to 100 (issue 20 §1)', async () => {
    const admin = as(administrator);
    const sms = { preset: 'json', sender: '' };
    for (const rates of [
      { sms: 0, email: 10, whatsapp: 20 },
      { sms: 10, email: 101, whatsapp: 20 },
      { sms: 10, email: 10, whatsapp: 2.5 },
      { sms: 10, email: 10 },
      { sms: 10, email: 10, whatsapp: 20, fax: 1 },
    ]) {
      const refused = await admin.request('PUT', '/api/v1/notifications/settings', { sms, rates });
      expect(refused.statusCode, JSON.stringify(rates)).toBe(400);
    }
    const rates = { sms: 25, email: 5, whatsapp: 80 };
    expect((await admin.request('PUT', '/api/v1/notifications/settings', { sms, rates })).statusCode).toBe(200);
    expect((await admin.request('GET', '/api/v1/notifications/settings')).json()).toEqual({ sms, rates });
    expect((await admin.request('PUT', '/api/v1/notifications/settings', { sms, rates: DEFAULT_RATES })).statusCode).toBe(200);
  });
});
