import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { beginStudy, requestInformation } from '../../src/modules/requests/requests.workflow.js';
import { PORTAL_COOKIE } from '../../src/platform/http/auth-plugin.js';
import { buildFamily, buildStaff, type FamilyFixture, multipartUpload, type StaffFixture } from './factories.js';
import { createTestApp, ENGINE, type TestApp } from './harness.js';
import { lastCodeSentTo, MARYAM, type PortalAgent, portalAgentFor, setSmsGateway, signInFamily } from './portal-support.js';

/**
 * Issue 5 §2 online: a family applies in the portal — the types with their criteria and checklist
 * (C2) before anything is filled, its answers kept in a draft, documents through the file store with
 * the staff uploads' refusals, what is still missing (C3), the one-time-code confirmation bound to
 * the summary it read (C4), the submit with the deadline in both calendars (C6) and the agreed
 * channel (C5); and, when the committee asks for information, the answer sent back.
 */
let t: TestApp;
let receptionist: StaffFixture;
let maryam: FamilyFixture;
let huda: FamilyFixture;
let addressSerial = 40;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
const SYSTEM = { kind: 'system' as const, id: null };

const as = (family: FamilyFixture): Promise<PortalAgent> => {
  addressSerial += 1;
  return signInFamily(t, family, `198.51.100.${addressSerial}`);
};

const upload = (agent: PortalAgent, requestId: string, itemKey: string, file: { name: string; bytes: Buffer }) =>
  multipartUpload(t, agent, `/api/v1/portal/requests/${requestId}/documents`, {
    fields: { itemKey },
    file: { type: 'application/pdf', ...file },
  });

const page = (agent: PortalAgent | null, url: string) =>
  t.app.inject({ method: 'GET', url, ...(agent ? { cookies: { [PORTAL_COOKIE]: agent.token } } : {}) });

async function startDraft(agent: PortalAgent, key = `form-${Math.random().toString(36).slice(2, 12)}`) {
  const response = await agent.request('POST', '/api/v1/portal/requests', { idempotencyKey: key, typeCode: 'tools-aid', answers: {} });
  expect(response.statusCode).toBe(201);
  return response.json();
}

async function fillAndUpload(agent: PortalAgent, id: string) {
  const saved = await agent.request('PATCH', `/api/v1/portal/requests/${id}`, {
    answers: { activity: 'sewing', 'tools-needed': 'ماكينة خياطة صناعية', 'estimated-cost': '٤٥٠٠', 'monthly-income': '3200' },
    version: (await agent.request('GET', `/api/v1/portal/requests/${id}`)).json().version,
  });
  expect(saved.statusCode).toBe(200);
  for (const itemKey of ['quotation', 'id-copy']) {
    const uploaded = await upload(agent, id, itemKey, { name: `${itemKey}.pdf`, bytes: PDF });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
  }
}

async function attest(agent: PortalAgent, family: FamilyFixture, id: string) {
  const summary = (await agent.request('GET', `/api/v1/portal/requests/${id}/attestation`)).json();
  expect((await agent.request('POST', `/api/v1/portal/requests/${id}/attestation/start`, {})).statusCode).toBe(202);
  const code = await lastCodeSentTo(t, family.id, 'attestation');
  const verified = await agent.request('POST', `/api/v1/portal/requests/${id}/attestation/verify`, {
    code,
    dataSha256: summary.dataSha256,
  });
  expect(verified.statusCode, verified.body).toBe(200);
}

beforeAll(async () => {
  t = await createTestApp();
  receptionist = await buildStaff(t, { roles: ['reception'] });
  setSmsGateway(t, true);
  maryam = await buildFamily(t, { by: receptionist, ...MARYAM });
  huda = await buildFamily(t, { by: receptionist, headNameAr: 'هدى عبدالله الشهري', agreedChannel: 'phone-call' });
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => {
  t.clock.advance(31 * 60_000);
  setSmsGateway(t, true);
});

describe(`applying online in the portal (issue 5 §2) [${ENGINE}]`, () => {
  it('C2: the types and each one’s criteria and checklist are shown before anything is filled', async () => {
    const agent = await as(maryam);
    const types = await agent.request('GET', '/api/v1/portal/request-types');
    expect(types.statusCode).toBe(200);
    const tools = types.json().items.find((type: { code: string }) => type.code === 'tools-aid');
    expect(tools.criteriaAr).toContain('عرض سعر');
    expect(tools.checklist.map((i: { key: string }) => i.key)).toEqual(expect.arrayContaining(['quotation', 'estimated-cost']));

    const choose = await page(agent, '/portal/apply');
    expect(choose.statusCode).toBe(200);
    expect(choose.body).toContain('اختاروا نوع الطلب');
    expect(choose.body).toContain('href="/portal/apply/tools-aid"');

    const detail = await page(agent, '/portal/apply/tools-aid');
    expect(detail.body).toContain('شروط الاستحقاق');
    expect(detail.body).toContain('تقديم عرض سعر من مورد معتمد.');
    expect(detail.body).toContain('عرض سعر من المورد');
    expect(detail.body).toContain('نرد على الطلب خلال 15 يوم عمل');
    // The start form carries its own key: a double tap makes one request.
    expect(detail.body).toMatch(/id="apply-form"[^>]*data-idempotency-key="portal-[0-9a-f-]{36}"/);
    expect(detail.body).not.toContain('name="tools-needed"');

    const english = await page(agent, '/portal/apply/tools-aid?lang=en');
    expect(english.body).toContain('lang="en"');
    expect(english.body).toContain('Eligibility conditions');
    expect(english.body).toContain('A quotation from an approved supplier.');
    // Switching the language stays on the page.
    expect(english.body).toContain('href="/portal/apply/tools-aid?lang=ar"');

    const unknown = await page(agent, '/portal/apply/no-such-type');
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).toContain('لم نجد هذا الطلب');

    // Not signed in: the sign-in form, nothing of any type's application.
    const anonymous = await page(null, '/portal/apply/tools-aid');
    expect(anonymous.body).toContain('id="start-form"');
    expect(anonymous.body).not.toContain('apply-form');
  });

  it('a draft keeps its answers; every field kind is on the page; what is missing is listed plainly (C3)', async () => {
    const agent = await as(maryam);
    const draft = await startDraft(agent);
    const again = await agent.request('POST', '/api/v1/portal/requests', {
      idempotencyKey: 'form-keep-0001',
      typeCode: 'tools-aid',
      answers: {},
    });
    const twice = await agent.request('POST', '/api/v1/portal/requests', {
      idempotencyKey: 'form-keep-0001',
      typeCode: 'tools-aid',
      answers: {},
    });
    expect(twice.json().id).toBe(again.json().id);

    const bad = await agent.request('PATCH', `/api/v1/portal/requests/${draft.id}`, {
      answers: { 'estimated-cost': 'خمسة آلاف' },
      version: draft.version,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ pointer: '/answers/estimated-cost', code: 'field.not-a-number' });

    const saved = await agent.request('PATCH', `/api/v1/portal/requests/${draft.id}`, {
      answers: { activity: 'sewing', 'tools-needed': 'ماكينة <b>خياطة</b>', 'estimated-cost': '٤٥٠٠' },
      version: draft.version,
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().answers).toMatchObject({ activity: 'sewing', 'estimated-cost': 4500 });
    const stale = await agent.request('PATCH', `/api/v1/portal/requests/${draft.id}`, { answers: {}, version: draft.version });
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'request.version-conflict']);

    // Later, in a new session: the answers are there, typed text shown as text.
    const later = await as(maryam);
    const html = (await page(later, `/portal/requests/${draft.id}`)).body;
    expect(html).toMatch(/<input type="radio" name="activity" id="field-activity-1" value="sewing" checked>/);
    expect(html).toContain('ماكينة &lt;b&gt;خياطة&lt;/b&gt;</textarea>');
    expect(html).toMatch(/id="field-estimated-cost"[^>]*value="4500"/);
    expect(html).toContain(`data-version="${saved.json().version}"`);
    // C3: still missing, plainly: the income and both documents; no confirmation yet.
    const missing = html.slice(html.indexOf('id="missing"'), html.indexOf('id="confirm-heading"'));
    expect(missing).toContain('دخل الأسرة الشهري (ريال)');
    expect(missing).toContain('عرض سعر من المورد');
    expect(missing).toContain('صورة الهوية الوطنية أو الإقامة');
    expect(missing).not.toContain('الأدوات والمعدات المطلوبة');
    expect(html).toContain('يصبح تأكيد البيانات متاحاً بعد استكمال ما ينقص الطلب.');
    expect(html).not.toContain('confirm-start-form');
    expect(html).not.toContain('submit-form');
    // The list links to it.
    expect((await page(later, '/portal')).body).toContain(`href="/portal/requests/${draft.id}"`);
  });

  it('documents go through the file store with the staff uploads’ refusals; nothing stored on a refusal', async () => {
    const agent = await as(maryam);
    const draft = await startDraft(agent);
    const count = async () =>
      Number(
        (
          await t.ctx.db
            .selectFrom('files')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const html = await upload(agent, draft.id, 'quotation', {
      name: 'quote.pdf',
      bytes: Buffer.from('<html><script>alert(1)</script></html>'),
    });
    expect([html.statusCode, html.json().code]).toEqual([415, 'file.type-not-accepted']);
    const svg = await upload(agent, draft.id, 'quotation', {
      name: 'a.svg',
      bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
    });
    expect(svg.statusCode).toBe(415);
    const path = await upload(agent, draft.id, 'quotation', { name: '../../etc/passwd.pdf', bytes: PDF });
    expect([path.statusCode, path.json().code]).toEqual([400, 'file.name-invalid']);
    const big = await upload(agent, draft.id, 'quotation', { name: 'big.pdf', bytes: Buffer.concat([PDF, Buffer.alloc(6 * 1024 * 1024)]) });
    expect(big.statusCode).toBe(413);
    const field = await upload(agent, draft.id, 'tools-needed', { name: 'a.pdf', bytes: PDF });
    expect([field.statusCode, field.json().code]).toEqual([400, 'request.invalid']);
    const notMultipart = await agent.request('POST', `/api/v1/portal/requests/${draft.id}/documents`, { itemKey: 'quotation' });
    expect(notMultipart.statusCode).toBe(415);
    expect(await count()).toBe(before);

    const ok = await upload(agent, draft.id, 'quotation', { name: 'عرض سعر.pdf', bytes: PDF });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().documents).toEqual([expect.objectContaining({ itemKey: 'quotation', name: 'عرض سعر.pdf' })]);
    expect(ok.json().missing.map((m: { key: string }) => m.key)).not.toContain('quotation');
    expect(await count()).toBe(before + 1);
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select(['actor_kind', 'actor_id'])
      .where('entity_id', '=', draft.id)
      .where('action', '=', 'request.document-add')
      .executeTakeFirst();
    expect(audit).toMatchObject({ actor_kind: 'family', actor_id: maryam.id });

    // Another family's request: 404, nothing stored.
    const hudaAgent = await as(huda);
    const crossed = await upload(hudaAgent, draft.id, 'id-copy', { name: 'id.pdf', bytes: PDF });
    expect(crossed.statusCode).toBe(404);
    expect(await count()).toBe(before + 1);
    expect((await page(hudaAgent, `/portal/requests/${draft.id}`)).body).toContain('لم نجد هذا الطلب');
  });

  it('C4 → C6: confirms exactly the summary shown with a code, submits, and reads the deadline in both calendars and the agreed channel', async () => {
    const agent = await as(maryam);
    const draft = await startDraft(agent);
    await fillAndUpload(agent, draft.id);

    const ready = (await page(agent, `/portal/requests/${draft.id}`)).body;
    expect(ready).toContain('لا ينقص الطلب شيء.');
    const summary = (await agent.request('GET', `/api/v1/portal/requests/${draft.id}/attestation`)).json();
    // The page shows the summary bound to the hash the code will confirm: family, answers, documents.
    expect(ready).toContain(`data-sha256="${summary.dataSha256}"`);
    expect(ready).toContain('خياطة وتطريز');
    expect(ready).toContain('quotation.pdf');
    expect(ready).toContain('مريم سعيد القحطاني');
    expect(ready).not.toContain('submit-form');

    // The data changes after the summary was read: the code no longer confirms it.
    await agent.request('POST', `/api/v1/portal/requests/${draft.id}/attestation/start`, {});
    const code = await lastCodeSentTo(t, maryam.id, 'attestation');
    const current = (await agent.request('GET', `/api/v1/portal/requests/${draft.id}`)).json();
    await agent.request('PATCH', `/api/v1/portal/requests/${draft.id}`, { answers: { 'monthly-income': 3300 }, version: current.version });
    const changed = await agent.request('POST', `/api/v1/portal/requests/${draft.id}/attestation/verify`, {
      code,
      dataSha256: summary.dataSha256,
    });
    expect([changed.statusCode, changed.json().code]).toEqual([409, 'request.data-changed']);

    await attest(agent, maryam, draft.id);
    const attested = (await page(agent, `/portal/requests/${draft.id}`)).body;
    expect(attested).toContain('أكدتم صحة بيانات الطلب كما هي الآن.');
    expect(attested).toContain('id="submit-form"');

    const submitted = await agent.request('POST', `/api/v1/portal/requests/${draft.id}/submit`, {});
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'complete', channel: 'website' });
    const { deadlineDay, deadlineHijri } = submitted.json();
    expect(deadlineDay).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(deadlineHijri).toBeTruthy();

    const done = (await page(agent, `/portal/requests/${draft.id}`)).body;
    expect(done).toContain('وصل طلبكم');
    expect(done).toContain('نرد عليكم خلال 15 يوم عمل');
    expect(done).toMatch(/<p class="deadline"><time>[^<]+هـ<\/time> · <time>[^<]+\d{4}<\/time><\/p>/);
    expect(done).toContain('رسالة نصية إلى جوالكم');
    expect(done).not.toContain('answers-form');
    // C5: the family is told on its channel.
    const received = await t.ctx.db
      .selectFrom('outbox_messages')
      .select(['channel'])
      .where('about_id', '=', draft.id)
      .where('event', '=', 'request.received')
      .executeTakeFirstOrThrow();
    expect(received.channel).toBe('sms');
    // Once sent, its answers no longer change.
    const late = await upload(agent, draft.id, 'quotation', { name: 'b.pdf', bytes: PDF });
    expect([late.statusCode, late.json().code]).toEqual([409, 'request.not-editable']);
  });

  it('information requested: the family reads the question, answers, confirms again and sends it back (C5, C6)', async () => {
    const agent = await as(huda);
    const draft = await startDraft(agent);
    await fillAndUpload(agent, draft.id);
    await attest(agent, huda, draft.id);
    expect((await agent.request('POST', `/api/v1/portal/requests/${draft.id}/submit`, {})).statusCode).toBe(200);
    await t.ctx.db.transaction().execute(async (trx) => {
      await beginStudy(trx, t.ctx, SYSTEM, draft.id, { meetingId: null });
      await requestInformation(trx, t.ctx, SYSTEM, draft.id, { note: 'أرفقوا عرض سعر ثانياً من مورد آخر.' });
    });

    const asked = (await agent.request('GET', `/api/v1/portal/requests/${draft.id}`)).json();
    expect(asked).toMatchObject({ status: 'information-requested', question: 'أرفقوا عرض سعر ثانياً من مورد آخر.', isAttested: true });
    const html = (await page(agent, `/portal/requests/${draft.id}`)).body;
    expect(html).toContain('سؤال اللجنة');
    expect(html).toContain('أرفقوا عرض سعر ثانياً من مورد آخر.');
    expect(html).toContain('يتوقف احتساب المدة');
    expect(html).toContain('اتصال هاتفي');
    expect(html).toContain('id="answers-form"');
    expect((await page(agent, '/portal')).body).toContain('الرد على اللجنة');

    // A second quotation changes the data: the confirmation is void, and sending back is refused until confirmed again.
    expect((await upload(agent, draft.id, 'quotation', { name: 'second.pdf', bytes: PDF })).statusCode).toBe(201);
    const refused = await agent.request('POST', `/api/v1/portal/requests/${draft.id}/submit`, {});
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors.map((e: { pointer: string }) => e.pointer)).toContain('/attestation');
    expect((await page(agent, `/portal/requests/${draft.id}`)).body).toContain('id="confirm-start-form"');

    await attest(agent, huda, draft.id);
    const back = await agent.request('POST', `/api/v1/portal/requests/${draft.id}/submit`, {});
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ status: 'under-study', question: null });
    expect((await page(agent, `/portal/requests/${draft.id}`)).body).toContain('قيد دراسة اللجنة');
  });

  it('a document uploaded by mistake is taken back before sending; a confirmation it covered is void (C4)', async () => {
    const agent = await as(maryam);
    const draft = await startDraft(agent);
    await fillAndUpload(agent, draft.id);
    const wrong = await upload(agent, draft.id, 'quotation', { name: 'wrong.pdf', bytes: Buffer.concat([PDF, Buffer.from('%wrong')]) });
    const wrongId = wrong.json().documents.find((d: { name: string }) => d.name === 'wrong.pdf').id;
    await attest(agent, maryam, draft.id);
    const html = (await page(agent, `/portal/requests/${draft.id}`)).body;
    expect(html).toContain(`data-document-id="${wrongId}"`);

    const hudaAgent = await as(huda);
    expect((await hudaAgent.request('DELETE', `/api/v1/portal/requests/${draft.id}/documents/${wrongId}`)).statusCode).toBe(404);

    const removed = await agent.request('DELETE', `/api/v1/portal/requests/${draft.id}/documents/${wrongId}`);
    expect(removed.statusCode).toBe(200);
    expect(removed.json().documents.map((d: { name: string }) => d.name)).not.toContain('wrong.pdf');
    expect(removed.json().isAttested).toBe(false);
    const again = await agent.request('DELETE', `/api/v1/portal/requests/${draft.id}/documents/${wrongId}`);
    expect([again.statusCode, again.json().code]).toEqual([404, 'request.document-not-found']);
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select(['actor_kind', 'actor_id'])
      .where('entity_id', '=', draft.id)
      .where('action', '=', 'request.document-remove')
      .executeTakeFirst();
    expect(audit).toMatchObject({ actor_kind: 'family', actor_id: maryam.id });

    // Once sent, documents stay.
    await attest(agent, maryam, draft.id);
    expect((await agent.request('POST', `/api/v1/portal/requests/${draft.id}/submit`, {})).statusCode).toBe(200);
    const kept = (await agent.request('GET', `/api/v1/portal/requests/${draft.id}`)).json().documents[0].id;
    const late = await agent.request('DELETE', `/api/v1/portal/requests/${draft.id}/documents/${kept}`);
    expect([late.statusCode, late.json().code]).toEqual([409, 'request.not-editable']);
  });

  it('without an SMS gateway or a mobile, the family is told to confirm at reception', async () => {
    const agent = await as(maryam);
    const draft = await startDraft(agent);
    await fillAndUpload(agent, draft.id);
    setSmsGateway(t, false);
    const html = (await page(agent, `/portal/requests/${draft.id}`)).body;
    expect(html).toContain('لتأكيد البيانات وإرسال الطلب تفضلوا بزيارة الاستقبال');
    expect(html).not.toContain('confirm-start-form');
    const started = await agent.request('POST', `/api/v1/portal/requests/${draft.id}/attestation/start`, {});
    expect([started.statusCode, started.json().code]).toEqual([409, 'portal.sms-unavailable']);

    setSmsGateway(t, true);
    const noMobile = await buildFamily(t, { by: receptionist, mobile: undefined, agreedChannel: 'letter', address: 'حي الفيصلية، الدمام' });
    const session = await t.ctx.sessions.create('family', noMobile.id, 'active');
    const theirs = portalAgentFor(t, session.token, session.row.csrf_token);
    const theirDraft = await startDraft(theirs);
    await fillAndUpload(theirs, theirDraft.id);
    const page2 = (await page(theirs, `/portal/requests/${theirDraft.id}`)).body;
    expect(page2).toContain('لتأكيد البيانات وإرسال الطلب تفضلوا بزيارة الاستقبال');
  });
});
