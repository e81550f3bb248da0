import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkClocks } from '../../src/modules/calendar/clocks.service.js';
import { handleRoundClockEvents } from '../../src/modules/compensation/compensation.jobs.js';
import { CSRF_HEADER, SESSION_COOKIE } from '../../src/platform/http/auth-plugin.js';
import { PDF } from './complaints-fixtures.js';
import {
  buildComplaint,
  buildFamily,
  buildRequest,
  buildRequestType,
  buildStaff,
  type FamilyFixture,
  multipartUpload,
  SIGNATURE_PNG,
  type StaffFixture,
} from './factories.js';
import { type Agent, createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';
import { undeclaredCiphertextColumns } from './keys-support.js';
import { lastCodeSentTo, setSmsGateway, signInFamily } from './portal-support.js';

/**
 * Issue 23 (D1–D4, E3): compensation cases through the API on both engines — the guard (approved
 * minutes of an investigating committee or a final ruling), every illegal move, negotiation with
 * management's second approval, the attested settlement, payments in instalments, messages, the
 * escalation of a complaint, the staff concerned, and a meeting studying a request and a case together.
 */
let t: TestApp;
let admin: Agent;
let reception: Agent;
let mgmt: StaffFixture;
let mgmt2: StaffFixture;
let chair: StaffFixture;
let m2: StaffFixture;
let m3: StaffFixture;
let committeeId: string;
let family: FamilyFixture;
const as = (staff: StaffFixture) => sessionFor(t, staff);
const BASE = '/api/v1/compensation-cases';

async function openCase(fields: Record<string, unknown> = {}, by: StaffFixture = mgmt) {
  const response = await (await as(by)).request('POST', BASE, {
    familyId: family.id,
    origin: 'letter',
    claim: 'تلفت بضاعة الأسرة في معرض الجمعية بسبب سوء التخزين.',
    amountAskedHalalas: 800_000,
    ...fields,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

function ruling(caseId: string, fields: Record<string, string>, file: Buffer | null = PDF, by?: Agent) {
  const all = { authority: 'المحكمة العامة بالدمام', rulingNumber: '4471/1447', rulingDay: '2026-03-01', isFinal: 'true', ...fields };
  return (async () =>
    file
      ? multipartUpload(t, by ?? (await as(mgmt)), `${BASE}/${caseId}/rulings`, { fields: all, file: { name: 'ruling.pdf', bytes: file } })
      : (async () => {
          const agent = by ?? (await as(mgmt));
          return t.app.inject({
            method: 'POST',
            url: `${BASE}/${caseId}/rulings`,
            cookies: { [SESSION_COOKIE]: agent.cookie },
            headers: { 'content-type': 'multipart/form-data; boundary=x', [CSRF_HEADER]: agent.csrf },
            payload: `--x\r\nContent-Disposition: form-data; name="authority"\r\n\r\nمحكمة\r\n--x--\r\n`,
          });
        })())();
}

async function pay(caseId: string, amount: number, by?: Agent) {
  return multipartUpload(t, by ?? (await as(mgmt)), `${BASE}/${caseId}/payments`, {
    fields: { amountHalalas: String(amount), method: 'bank-transfer', paidDay: '2026-03-12', reference: 'TRX-1' },
    file: { name: 'receipt.pdf', bytes: PDF },
  });
}

/** A case established by a final ruling without an amount, the amount set by the minutes' kind of figure. */
async function establishedCase(amount = 500_000) {
  const opened = await openCase();
  const established = await ruling(opened.id, { amountHalalas: String(amount) });
  expect(established.statusCode, established.body).toBe(201);
  return established.json();
}

/** Attests the current settlement terms on the screen (reception witnesses) and returns the response. */
async function attest(caseId: string, dataSha256: string) {
  return reception.request('POST', `/api/v1/attestations/compensation-settlement/${caseId}/signature`, {
    dataSha256,
    signaturePng: SIGNATURE_PNG,
  });
}

async function heldMeeting(present = [chair.id, m2.id, m3.id]): Promise<string> {
  const meeting = await (await as(chair)).request('POST', `/api/v1/committees/${committeeId}/meetings`, { day: '2026-03-10' });
  expect(meeting.statusCode, meeting.body).toBe(201);
  const held = await (await as(chair)).request('PATCH', `/api/v1/meetings/${meeting.json().id}`, {
    status: 'held',
    presentMemberIds: present,
  });
  expect(held.statusCode, held.body).toBe(200);
  return meeting.json().id;
}

async function vote(member: StaffFixture, meetingId: string, body: Record<string, unknown>) {
  const response = await (await as(member)).request('POST', `/api/v1/meetings/${meetingId}/votes`, body);
  expect(response.statusCode, response.body).toBe(200);
}

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-03-10T06:00:00.000Z');
  setSmsGateway(t, true);
  admin = await sessionFor(t, await buildStaff(t, { roles: ['administrator'] }));
  reception = await sessionFor(t, await buildStaff(t, { roles: ['reception'] }));
  mgmt = await buildStaff(t, { roles: ['management'] });
  mgmt2 = await buildStaff(t, { roles: ['management'] });
  chair = await buildStaff(t, { roles: ['committee-member'] });
  m2 = await buildStaff(t, { roles: ['committee-member'] });
  m3 = await buildStaff(t, { roles: ['committee-member'] });
  const committee = await admin.request('POST', '/api/v1/committees', {
    code: 'investigation-test',
    nameAr: 'لجنة التحقيق والمتابعة',
    nameEn: 'Investigation and follow-up committee',
    purposes: ['requests', 'investigation'],
    quorum: 2,
    memberIds: [chair.id, m2.id, m3.id],
    chairId: chair.id,
  });
  expect(committee.statusCode, committee.body).toBe(201);
  committeeId = committee.json().id;
  const settings = await admin.request('PUT', '/api/v1/compensation-settings', {
    investigationCommitteeId: committeeId,
    roundWorkingDays: 10,
    warningWorkingDays: 2,
  });
  expect(settings.statusCode, settings.body).toBe(200);
  await buildRequestType(t, { by: admin, code: 'comp-aid', committeeId });
  family = await buildFamily(t, { by: reception });
}, 180_000);
afterAll(async () => {
  await t.close();
});

describe(`compensation cases [${ENGINE}]`, () => {
  it('issue 23 §1: management opens COMP-2026-… on a claim by letter, with the scan; opened, audited, the family told', async () => {
    const opened = await openCase();
    expect(opened.reference).toMatch(/^COMP-2026-\d{6}$/);
    expect(opened).toMatchObject({ status: 'opened', origin: 'letter', amountAskedHalalas: 800_000, committee: { id: committeeId } });
    const scan = await multipartUpload(t, await as(mgmt), `${BASE}/${opened.id}/claim-scan`, {
      fields: {},
      file: { name: 'claim.pdf', bytes: PDF },
    });
    expect(scan.statusCode, scan.body).toBe(200);
    const fileId = scan.json().claimFileId;
    const file = await (await as(chair)).request('GET', `${BASE}/${opened.id}/files/${fileId}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toContain('attachment');
    const audit = await t.ctx.db.selectFrom('audit_events').select('action').where('entity_id', '=', opened.id).execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['compensation.open', 'compensation.claim-scan', 'compensation.file-view']),
    );
    const messages = await t.ctx.db.selectFrom('outbox_messages').select('event').where('about_id', '=', opened.id).execute();
    expect(messages.map((m) => m.event)).toEqual(['compensation.opened']);
    const list = await (await as(mgmt)).request('GET', `${BASE}?status=opened`);
    expect(list.json().items.map((c: { id: string }) => c.id)).toContain(opened.id);
  });

  it('D1: an offer, a settlement or a payment before harm is established answers 409 compensation.harm-not-established; nothing stored', async () => {
    const opened = await openCase();
    const manager = await as(mgmt);
    const offer = await manager.request('POST', `${BASE}/${opened.id}/rounds`, { offerAmountHalalas: 100_000 });
    const terms = await manager.request('PUT', `${BASE}/${opened.id}/settlement`, { amountHalalas: 100_000, schedule: 'دفعة واحدة' });
    const payment = await pay(opened.id, 100_000);
    for (const response of [offer, terms, payment]) {
      expect(response.statusCode, response.body).toBe(409);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().code).toBe('compensation.harm-not-established');
    }
    expect(await t.ctx.db.selectFrom('compensation_rounds').select('id').where('case_id', '=', opened.id).execute()).toEqual([]);
    expect(await t.ctx.db.selectFrom('compensation_payments').select('id').where('case_id', '=', opened.id).execute()).toEqual([]);
    expect(await t.ctx.db.selectFrom('files').select('id').where('owner_id', '=', opened.id).execute()).toEqual([]);
  });

  it('D1–D4: every illegal move answers 409 compensation.illegal-transition', async () => {
    const manager = await as(mgmt);
    const opened = await openCase();
    const move = (id: string, action: string, reason = 'السبب المكتوب') =>
      manager.request('POST', `${BASE}/${id}/transitions`, { action, reason });
    for (const action of ['fail-negotiation', 'close']) {
      const refused = await move(opened.id, action);
      expect(refused.statusCode, `${action} ${refused.body}`).toBe(409);
      expect(refused.json()).toMatchObject({ code: 'compensation.illegal-transition', from: 'opened', action });
    }
    expect((await move(opened.id, 'begin-investigation')).json().status).toBe('under-investigation');
    expect((await move(opened.id, 'begin-investigation')).json().code).toBe('compensation.illegal-transition');
    expect((await move(opened.id, 'withdraw')).json().status).toBe('withdrawn');
    for (const action of ['withdraw', 'begin-investigation', 'close', 'fail-negotiation'])
      expect((await move(opened.id, action)).json().code, action).toBe('compensation.illegal-transition');
    const late = await ruling(opened.id, {});
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('compensation.illegal-transition');
    // A withdrawal says why.
    const other = await openCase();
    const silent = await manager.request('POST', `${BASE}/${other.id}/transitions`, { action: 'withdraw' });
    expect(silent.statusCode).toBe(400);
    expect(silent.json().errors[0].pointer).toBe('/reason');
    // Settled, paying and closed cases take no offer.
    const established = await establishedCase(300_000);
    const negotiating = await settleWithAttestation(established.id, 300_000);
    await pay(negotiating.id, 300_000);
    const closed = (await manager.request('GET', `${BASE}/${negotiating.id}`)).json();
    expect(closed.status).toBe('closed');
    const offer = await manager.request('POST', `${BASE}/${closed.id}/rounds`, { offerAmountHalalas: 1 });
    expect(offer.json().code).toBe('compensation.illegal-transition');
  });

  it('D3: a ruling without its document is refused; a non-final ruling establishes nothing; a final one establishes and fixes the amount', async () => {
    const opened = await openCase();
    const bare = await ruling(opened.id, {}, null, await as(mgmt));
    expect(bare.statusCode, bare.body).toBe(400);
    expect(bare.json().code).toBe('compensation.ruling-document-required');
    const noFile = await multipartUpload(t, await as(mgmt), `${BASE}/${opened.id}/rulings`, {
      fields: { authority: 'لجنة الفصل', rulingNumber: '12', rulingDay: '2026-03-01', isFinal: 'true' },
      file: { name: 'empty.pdf', bytes: Buffer.alloc(0) },
    });
    expect(noFile.statusCode).toBeGreaterThanOrEqual(400);
    expect(noFile.statusCode).toBeLessThan(500);
    const appeal = await ruling(opened.id, { isFinal: 'false', amountHalalas: '900000' });
    expect(appeal.statusCode, appeal.body).toBe(201);
    expect(appeal.json()).toMatchObject({ status: 'opened', establishment: null, rulings: [{ isFinal: false, amountHalalas: 900_000 }] });
    const offer = await (await as(mgmt)).request('POST', `${BASE}/${opened.id}/rounds`, { offerAmountHalalas: 100_000 });
    expect(offer.json().code).toBe('compensation.harm-not-established');
    const final = await ruling(opened.id, { amountHalalas: '450000', rulingNumber: '4471/1447-ن' });
    expect(final.statusCode, final.body).toBe(201);
    expect(final.json()).toMatchObject({
      status: 'established',
      establishment: { basis: 'ruling', amountHalalas: 450_000, isAmountFixed: true },
    });
    // D3: the amount is fixed; talks cover the method and schedule only.
    const other = await (await as(mgmt)).request('POST', `${BASE}/${opened.id}/rounds`, { offerAmountHalalas: 400_000 });
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('compensation.amount-fixed');
    const method = await (await as(mgmt)).request('POST', `${BASE}/${opened.id}/rounds`, {
      offerAmountHalalas: 450_000,
      notes: 'على دفعتين',
    });
    expect(method.statusCode, method.body).toBe(201);
    expect(method.json().rounds[0]).toMatchObject({ needsApproval: false, answer: 'pending' });
  });

  it('D4: an offer needs an amount or a remedy, a positive amount, and management’s second approval above the established harm', async () => {
    const established = await establishedCase(500_000);
    const manager = await as(mgmt);
    const empty = await manager.request('POST', `${BASE}/${established.id}/rounds`, { notes: 'لا شيء' });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().code).toBe('compensation.offer-empty');
    for (const amount of [0, -5, 10.5]) {
      const bad = await manager.request('POST', `${BASE}/${established.id}/rounds`, { offerAmountHalalas: amount });
      expect(bad.statusCode, String(amount)).toBe(400);
      expect(bad.json().errors[0].pointer).toBe('/offerAmountHalalas');
    }
    expect(await t.ctx.db.selectFrom('compensation_rounds').select('id').where('case_id', '=', established.id).execute()).toEqual([]);
  });

  it('D4: above the established amount the offer waits for a second approval by another manager; the family hears of it only then', async () => {
    const opened = await openCase();
    // A final ruling without an amount, then minutes' amount: here the established amount comes from a ruling amount-less
    // and the committee's figure is absent, so every offer needs approval (harm only described).
    const final = await ruling(opened.id, { summary: 'ثبت خطأ الجمعية في تخزين البضاعة' });
    expect(final.json()).toMatchObject({ status: 'established', establishment: { amountHalalas: null, isAmountFixed: false } });
    const manager = await as(mgmt);
    const round = await manager.request('POST', `${BASE}/${opened.id}/rounds`, {
      offerAmountHalalas: 200_000,
      hasApology: true,
      notes: 'داخلي: لا يُرسل',
    });
    expect(round.statusCode, round.body).toBe(201);
    const roundId = round.json().rounds[0].id;
    expect(round.json().rounds[0]).toMatchObject({ needsApproval: true, approvedBy: null });
    expect(round.json().status).toBe('negotiating');
    const offers = () =>
      t.ctx.db
        .selectFrom('outbox_messages')
        .select('event')
        .where('about_id', '=', opened.id)
        .where('event', '=', 'compensation.offer')
        .execute();
    expect(await offers()).toEqual([]);
    const answered = await manager.request('POST', `${BASE}/${opened.id}/rounds/${roundId}/answer`, { answer: 'accepted' });
    expect(answered.statusCode).toBe(409);
    expect(answered.json().code).toBe('compensation.approval-required');
    const terms = await manager.request('PUT', `${BASE}/${opened.id}/settlement`, { amountHalalas: 200_000, schedule: 'دفعة واحدة' });
    expect(terms.statusCode).toBe(409);
    expect(terms.json().code).toBe('compensation.no-accepted-offer');
    const self = await manager.request('POST', `${BASE}/${opened.id}/rounds/${roundId}/approval`);
    expect(self.json().code).toBe('compensation.approval-self');
    const byCommittee = await (await as(chair)).request('POST', `${BASE}/${opened.id}/rounds/${roundId}/approval`);
    expect(byCommittee.statusCode).toBe(403);
    const approved = await (await as(mgmt2)).request('POST', `${BASE}/${opened.id}/rounds/${roundId}/approval`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().rounds[0]).toMatchObject({ needsApproval: true, approvedBy: { id: mgmt2.id } });
    expect(await offers()).toHaveLength(1);
    const body = await t.ctx.db
      .selectFrom('outbox_messages')
      .selectAll()
      .where('about_id', '=', opened.id)
      .where('event', '=', 'compensation.offer')
      .executeTakeFirstOrThrow();
    const text = t.ctx.keys.encryptor.decrypt(body.body as string, `outbox:${body.id}:body`);
    expect(text).toContain('2,000.00');
    expect(text).not.toContain('داخلي');
    // D4: on a harm only described, terms stand only on an approved offer at least as high.
    const accepted = await manager.request('POST', `${BASE}/${opened.id}/rounds/${roundId}/answer`, { answer: 'accepted' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const above = await manager.request('PUT', `${BASE}/${opened.id}/settlement`, { amountHalalas: 200_001, schedule: 'دفعة واحدة' });
    expect(above.statusCode).toBe(409);
    expect(above.json().code).toBe('compensation.approval-required');
    const within = await manager.request('PUT', `${BASE}/${opened.id}/settlement`, { amountHalalas: 200_000, schedule: 'دفعة واحدة' });
    expect(within.statusCode, within.body).toBe(200);
    expect(within.json().settlement).toMatchObject({ amountHalalas: 200_000, isAttested: false });
  });

  it('D4, C4: the settlement is attested on the screen; changed terms void it and need a new attestation', async () => {
    const established = await establishedCase(300_000);
    await settleWithAttestation(established.id, 300_000, { checkReattestation: true });
  });

  it('D4, C4 online: the family attests the settlement’s terms with a one-time code in the portal; the case is then settled', async () => {
    const established = await establishedCase(400_000);
    const terms = await agreeTerms(established.id, 400_000);
    const portal = await signInFamily(t, family);
    const url = `/api/v1/portal/attestations/compensation-settlement/${established.id}`;
    const summary = await portal.request('GET', url);
    expect(summary.statusCode, summary.body).toBe(200);
    expect(summary.json()).toMatchObject({
      dataSha256: terms.json().settlement.dataSha256,
      isAttestable: true,
      titleAr: 'اتفاقية تسوية ودية',
    });
    expect(JSON.stringify(summary.json().lines)).toContain('4,000.00 ريال');
    expect((await portal.request('POST', `${url}/start`, {})).statusCode).toBe(202);
    const code = await lastCodeSentTo(t, family.id, 'attestation:compensation-settlement' as 'attestation');
    const verified = await portal.request('POST', `${url}/verify`, { code, dataSha256: summary.json().dataSha256 });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json()).toMatchObject({ method: 'one-time-code', isValid: true });
    const settled = await (await as(mgmt)).request('POST', `${BASE}/${established.id}/settle`);
    expect(settled.statusCode, settled.body).toBe(200);
    expect(settled.json()).toMatchObject({ status: 'settled', settlement: { isAttested: true } });
  });

  it('issue 23 §4: payments in two instalments, never above the settlement; the case closes; the family told at each step, no staff names', async () => {
    const established = await establishedCase(600_000);
    await settleWithAttestation(established.id, 600_000);
    const above = await pay(established.id, 600_001);
    expect(above.statusCode).toBe(409);
    expect(above.json()).toMatchObject({ code: 'compensation.payment-above-settlement', remainingHalalas: 600_000 });
    for (const amount of [0, -1]) {
      const bad = await pay(established.id, amount);
      expect(bad.statusCode, String(amount)).toBe(400);
      expect(bad.json().errors[0].pointer).toBe('/amountHalalas');
    }
    const first = await pay(established.id, 250_000);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ status: 'paying', paidHalalas: 250_000 });
    const over = await pay(established.id, 350_001);
    expect(over.json().code).toBe('compensation.payment-above-settlement');
    const second = await pay(established.id, 350_000);
    expect(second.json()).toMatchObject({ status: 'closed', paidHalalas: 600_000 });
    expect(second.json().payments).toHaveLength(2);
    const detail = second.json();
    expect(detail.messages.map((m: { event: string }) => m.event).sort()).toEqual([
      'compensation.decided',
      'compensation.offer',
      'compensation.opened',
      'compensation.payment',
      'compensation.payment',
      'compensation.settled',
    ]);
    const rows = await t.ctx.db.selectFrom('outbox_messages').selectAll().where('about_id', '=', established.id).execute();
    const names = (await t.ctx.db.selectFrom('staff_users').select('display_name').execute()).map((s) => s.display_name);
    for (const row of rows) {
      const text = t.ctx.keys.encryptor.decrypt(row.body as string, `outbox:${row.id}:body`);
      for (const name of names) expect(text).not.toContain(name);
    }
    const fileId = detail.payments[0].fileId;
    expect((await (await as(mgmt)).request('GET', `${BASE}/${established.id}/files/${fileId}`)).statusCode).toBe(200);
  });

  it('D2: one meeting studies a request and a case; minutes state the harm, its size and causes; only members present approve; frozen minutes establish the case', async () => {
    const request = await buildRequest(t, { by: reception, typeCode: 'comp-aid' });
    const harmed = await openCase({ claim: 'تأخر صرف الدعم ستة أشهر فأغلقت الأسرة مشروعها' });
    const cleared = await openCase({ claim: 'ادعاء بضرر من تغيير موعد المعرض' });
    const meetingId = await heldMeeting([chair.id, m2.id]);
    const chairAgent = await as(chair);
    expect((await chairAgent.request('POST', `/api/v1/meetings/${meetingId}/agenda`, { requestId: request.id })).statusCode).toBe(200);
    for (const c of [harmed, cleared]) {
      const added = await chairAgent.request('POST', `/api/v1/meetings/${meetingId}/agenda`, {
        subjectKind: 'compensation',
        subjectId: c.id,
      });
      expect(added.statusCode, added.body).toBe(200);
    }
    expect((await chairAgent.request('GET', `${BASE}/${harmed.id}`)).json().status).toBe('under-investigation');
    const finding = { harm: 'خسارة رأس مال المشروع', amountHalalas: 750_000, causes: 'تأخر الجمعية في صرف الدعم المقرر' };
    // A finding of harm without its size is refused (D2).
    const sizeless = await chairAgent.request('POST', `/api/v1/meetings/${meetingId}/votes`, {
      subjectKind: 'compensation',
      subjectId: harmed.id,
      choice: 'approve',
      reasons: 'ثبت الضرر',
      payload: { harm: 'خسارة رأس المال', causes: 'تأخر الصرف' },
    });
    expect(sizeless.statusCode).toBe(422);
    for (const member of [chair, m2]) {
      await vote(member, meetingId, { requestId: request.id, choice: 'approve' });
      await vote(member, meetingId, {
        subjectKind: 'compensation',
        subjectId: harmed.id,
        choice: 'approve',
        reasons: 'ثبت الضرر',
        payload: finding,
      });
      await vote(member, meetingId, {
        subjectKind: 'compensation',
        subjectId: cleared.id,
        choice: 'reject',
        reasons: 'تغيير الموعد أُعلن قبل شهر',
      });
    }
    const draft = await chairAgent.request('POST', `/api/v1/meetings/${meetingId}/minutes`);
    expect(draft.statusCode, draft.body).toBe(201);
    const minutes = draft.json();
    const text = JSON.stringify(minutes);
    for (const phrase of [
      'خسارة رأس مال المشروع',
      '7,500.00 ريال',
      'تأخر الجمعية في صرف الدعم المقرر',
      request.reference,
      harmed.reference,
    ])
      expect(text).toContain(phrase);
    // Someone not present cannot approve (C5, D2).
    const absent = await (await as(m3)).request('POST', `/api/v1/minutes/${minutes.id}/approvals`, { sha256: minutes.sha256 });
    expect(absent.statusCode).toBe(403);
    expect(absent.json().code).toBe('minutes.not-present');
    expect((await chairAgent.request('POST', `/api/v1/minutes/${minutes.id}/approvals`, { sha256: minutes.sha256 })).statusCode).toBe(200);
    expect((await chairAgent.request('GET', `${BASE}/${harmed.id}`)).json().status).toBe('under-investigation');
    const frozen = await (await as(m2)).request('POST', `/api/v1/minutes/${minutes.id}/approvals`, { sha256: minutes.sha256 });
    expect(frozen.json().status).toBe('frozen');
    const after = (await chairAgent.request('GET', `${BASE}/${harmed.id}`)).json();
    expect(after).toMatchObject({
      status: 'established',
      establishment: {
        basis: 'minutes',
        minutesId: minutes.id,
        harm: finding.harm,
        causes: finding.causes,
        amountHalalas: 750_000,
        isAmountFixed: false,
      },
    });
    const noFault = (await chairAgent.request('GET', `${BASE}/${cleared.id}`)).json();
    expect(noFault).toMatchObject({ status: 'no-fault', outcomeReasons: 'تغيير الموعد أُعلن قبل شهر', actions: [] });
    expect(noFault.messages.map((m: { event: string }) => m.event).sort()).toEqual(['compensation.decided', 'compensation.opened']);
    // D2: no fault closes the case; the family is told why, on its channel, with no staff names.
    const told = await t.ctx.db
      .selectFrom('outbox_messages')
      .selectAll()
      .where('about_id', '=', cleared.id)
      .where('event', '=', 'compensation.decided')
      .execute();
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ recipient_kind: 'family', recipient_id: family.id });
    const toldText = t.ctx.keys.encryptor.decrypt(told[0]?.body as string, `outbox:${told[0]?.id}:body`);
    expect(toldText).toContain(cleared.reference);
    expect(toldText).toContain('تغيير الموعد أُعلن قبل شهر');
    const staffNames = (await t.ctx.db.selectFrom('staff_users').select('display_name').execute()).map((s) => s.display_name);
    for (const name of staffNames) expect(toldText).not.toContain(name);
    const requestAfter = await t.ctx.db.selectFrom('requests').select('status').where('id', '=', request.id).executeTakeFirstOrThrow();
    expect(requestAfter.status).toBe('decided');
    // Within the established amount no second approval is needed; above it, it is.
    const manager = await as(mgmt);
    const within = await manager.request('POST', `${BASE}/${harmed.id}/rounds`, { offerAmountHalalas: 750_000 });
    expect(within.json().rounds[0].needsApproval).toBe(false);
    await manager.request('POST', `${BASE}/${harmed.id}/rounds/${within.json().rounds[0].id}/answer`, {
      answer: 'counter',
      note: 'تطلب الأسرة أكثر',
    });
    const above = await manager.request('POST', `${BASE}/${harmed.id}/rounds`, { offerAmountHalalas: 750_001 });
    expect(above.json().rounds[1].needsApproval).toBe(true);
  });

  it('E3: escalating a complaint opens the linked case; again answers 409 naming it; without a family 409 compensation.family-required; the tracking page shows only the outcome', async () => {
    const follow = await buildStaff(t, { roles: ['follow-up-committee'] });
    const seeded = await admin.request('GET', '/api/v1/committees');
    const followUpId = seeded.json().items.find((c: { purposes: string[] }) => c.purposes.includes('follow-up')).id;
    const members = await admin.request('PATCH', `/api/v1/committees/${followUpId}`, {
      memberIds: [follow.id],
      chairId: follow.id,
      quorum: 1,
    });
    expect(members.statusCode, members.body).toBe(200);
    const handler = await as(follow);
    const linked = await buildComplaint(t, { by: reception, familyId: family.id });
    const unlinked = await buildComplaint(t, { by: reception });
    for (const id of [linked.id, unlinked.id]) {
      // A complaint linked to a family is acknowledged on its agreed channel at once; the other by reception.
      const step = (await reception.request('GET', `/api/v1/complaints/${id}`)).json().step;
      if (step === 'received')
        expect((await reception.request('POST', `/api/v1/complaints/${id}/steps`, { action: 'acknowledge', via: 'sms' })).statusCode).toBe(
          200,
        );
      // §6: a member of the investigation committee is concerned by the linked complaint.
      const assessed = await handler.request('POST', `/api/v1/complaints/${id}/steps`, {
        action: 'assess',
        severity: 'high',
        needsImmediateAction: false,
        concernedStaffIds: id === linked.id ? [m3.id] : [],
      });
      expect(assessed.statusCode, assessed.body).toBe(200);
    }
    const orphan = await handler.request('POST', `/api/v1/complaints/${unlinked.id}/compensation`, { reason: 'ضرر مالي يستوجب التعويض' });
    expect(orphan.statusCode).toBe(409);
    expect(orphan.json().code).toBe('compensation.family-required');
    const stale = await handler.request('POST', `/api/v1/complaints/${linked.id}/compensation`, {
      reason: 'ضرر مالي يستوجب التعويض',
      link: 'COMP-1',
    });
    expect(stale.statusCode).toBe(400);
    const escalated = await handler.request('POST', `/api/v1/complaints/${linked.id}/compensation`, { reason: 'ضرر مالي يستوجب التعويض' });
    expect(escalated.statusCode, escalated.body).toBe(200);
    const caseId = escalated.json().compensation.link;
    const opened = (await (await as(mgmt)).request('GET', `${BASE}/${caseId}`)).json();
    expect(opened).toMatchObject({
      status: 'opened',
      origin: 'complaint',
      complaint: { id: linked.id },
      originReason: 'ضرر مالي يستوجب التعويض',
    });
    // §6 reused from complaints: those concerned by the complaint never see its case, nor find it listed.
    expect((await (await as(m3)).request('GET', `${BASE}/${caseId}`)).statusCode).toBe(404);
    expect((await (await as(m3)).request('GET', BASE)).json().items.map((i: { id: string }) => i.id)).not.toContain(caseId);
    expect((await (await as(m2)).request('GET', `${BASE}/${caseId}`)).statusCode).toBe(200);
    const again = await handler.request('POST', `/api/v1/complaints/${linked.id}/compensation`, { reason: 'مرة أخرى للتعويض' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'compensation.already-escalated', caseId, caseReference: opened.reference });
    expect(await t.ctx.db.selectFrom('compensation_cases').select('id').where('complaint_id', '=', linked.id).execute()).toHaveLength(1);
    const lookup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/complaints/lookup',
      payload: { trackingCode: linked.trackingCode },
    });
    expect(lookup.json().compensationOutcome).toBe('under-review');
    await ruling(caseId, { amountHalalas: '120000' });
    await settleWithAttestation(caseId, 120_000);
    const settled = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/complaints/lookup',
      payload: { trackingCode: linked.trackingCode },
    });
    expect(settled.json().compensationOutcome).toBe('settled');
    expect(settled.body).not.toContain('1,200');
    expect(settled.body).not.toContain('120000');
  });

  it('§6, F2: staff concerned by a case, or by the complaint it came from, get 404 and never see it listed; other roles see nothing', async () => {
    const concerned = await buildStaff(t, { roles: ['committee-member'] });
    const chairOf = await admin.request('PATCH', `/api/v1/committees/${committeeId}`, {
      memberIds: [chair.id, m2.id, m3.id, concerned.id],
    });
    expect(chairOf.statusCode, chairOf.body).toBe(200);
    const c = await openCase({ concernedStaffIds: [concerned.id] });
    const agent = await as(concerned);
    expect((await agent.request('GET', `${BASE}/${c.id}`)).statusCode).toBe(404);
    expect((await agent.request('POST', `${BASE}/${c.id}/transitions`, { action: 'begin-investigation' })).statusCode).toBe(404);
    expect((await agent.request('GET', BASE)).json().items.map((i: { id: string }) => i.id)).not.toContain(c.id);
    expect((await (await as(m2)).request('GET', `${BASE}/${c.id}`)).statusCode).toBe(200);
    // Opening a case naming oneself concerned: 404, nothing stored.
    const before = await t.ctx.db.selectFrom('compensation_cases').select('id').execute();
    const self = await (await as(mgmt)).request('POST', BASE, {
      familyId: family.id,
      origin: 'interview',
      claim: 'ادعاء ضرر في المقابلة الشخصية',
      concernedStaffIds: [mgmt.id],
    });
    expect(self.statusCode).toBe(404);
    expect(await t.ctx.db.selectFrom('compensation_cases').select('id').execute()).toHaveLength(before.length);
    // A committee member of a committee that does not investigate, and reception: nothing.
    const outsider = await buildStaff(t, { roles: ['committee-member'] });
    expect((await (await as(outsider)).request('GET', `${BASE}/${c.id}`)).statusCode).toBe(404);
    expect((await (await as(outsider)).request('GET', BASE)).json().items).toEqual([]);
    expect((await reception.request('GET', `${BASE}/${c.id}`)).statusCode).toBe(403);
    // Management limited to another office: 404 (F2).
    const khobar = await buildStaff(t, { roles: ['management'], scope: { categories: [], domains: [], offices: ['khobar'] } });
    expect((await (await as(khobar)).request('GET', `${BASE}/${c.id}`)).statusCode).toBe(404);
  });

  it('issue 23 §6, §5: oversight figures, each the size of its list; the portal (API and page) lists the family’s cases with step and dates, no amounts, notes or staff names', async () => {
    const figures = await (await as(mgmt)).request('GET', '/api/v1/compensation-oversight');
    expect(figures.statusCode, figures.body).toBe(200);
    const body = figures.json();
    expect(body.openByStatus.find((s: { status: string }) => s.status === 'opened').count).toBeGreaterThan(0);
    expect(body.amounts.paidHalalas).toBeGreaterThanOrEqual(600_000);
    expect(body.amounts.establishedHalalas).toBeGreaterThan(0);
    expect(body.medianDaysToSettlement).toBe(0);
    expect(body.openByAge[0].count).toBeGreaterThan(0);
    // Each figure links to its list: the list holds exactly the cases the figure counts or adds up.
    const listed = async (query: string): Promise<Array<{ id: string; establishedAmountHalalas: number | null }>> => {
      const response = await (await as(mgmt)).request('GET', `${BASE}?${query}&limit=200`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json().items;
    };
    for (const { status, count } of body.openByStatus) expect((await listed(`status=${status}`)).length, status).toBe(count);
    for (const { band, count } of body.openByAge) expect((await listed(`age=${encodeURIComponent(band)}`)).length, band).toBe(count);
    const established = await listed('has=established');
    expect(established.reduce((sum, c) => sum + (c.establishedAmountHalalas ?? 0), 0)).toBe(body.amounts.establishedHalalas);
    const amountsOf = async (table: 'compensation_payments' | 'compensation_settlements', ids: string[]) =>
      ids.length
        ? (await t.ctx.db.selectFrom(table).select('amount').where('case_id', 'in', ids).execute()).reduce(
            (s, r) => s + Number(r.amount),
            0,
          )
        : 0;
    const paidCases = (await listed('has=payment')).map((c) => c.id);
    expect(paidCases.length).toBeGreaterThan(0);
    expect(await amountsOf('compensation_payments', paidCases)).toBe(body.amounts.paidHalalas);
    expect(
      await amountsOf(
        'compensation_settlements',
        (await listed('has=settlement')).map((c) => c.id),
      ),
    ).toBe(body.amounts.settledHalalas);
    expect((await listed('has=settled')).length).toBe(body.settledCount);
    const offered = (await listed('has=offer')).map((c) => c.id);
    const highest = await t.ctx.db
      .selectFrom('compensation_rounds')
      .select(['case_id', (eb) => eb.fn.max('offer_amount').as('m')])
      .where('case_id', 'in', offered)
      .groupBy('case_id')
      .execute();
    expect(highest.reduce((s, r) => s + Number(r.m ?? 0), 0)).toBe(body.amounts.offeredHalalas);
    expect((await (await as(mgmt)).request('GET', `${BASE}?age=7-10`)).statusCode).toBe(400);
    const portal = await signInFamily(t, family);
    const cases = await portal.request('GET', '/api/v1/portal/compensation-cases');
    expect(cases.statusCode, cases.body).toBe(200);
    expect(cases.json().items.length).toBeGreaterThan(3);
    expect(cases.body).not.toContain('تلفت بضاعة');
    expect(Object.keys(cases.json().items[0]).sort()).toEqual(
      ['closedAt', 'establishedAt', 'id', 'openedAt', 'paidHalalas', 'reference', 'settledAt', 'settlementAmountHalalas', 'status'].sort(),
    );
    // The portal page lists them: reference, the step in words, dates in both calendars; no amounts,
    // notes, harm or staff names.
    const page = await portal.request('GET', '/portal');
    expect(page.statusCode).toBe(200);
    const section = page.body.slice(page.body.indexOf('data-testid="portal-compensation"'));
    expect(section.length).toBeLessThan(page.body.length);
    for (const item of cases.json().items) expect(section).toContain(item.reference);
    for (const step of ['لم يثبت خطأ الجمعية', 'مغلقة', 'استُلمت المطالبة']) expect(section).toContain(step);
    expect(section).toMatch(/\d{4} هـ/);
    expect(section).toContain('2026');
    for (const secret of ['7,500.00', '6,000.00', '2,000.00', 'تلفت بضاعة', 'داخلي', 'تأخر الجمعية في صرف الدعم'])
      expect(section, secret).not.toContain(secret);
    const names = (await t.ctx.db.selectFrom('staff_users').select('display_name').execute()).map((s) => s.display_name);
    for (const name of names) expect(section).not.toContain(name);
  });

  it('F2: every ciphertext of the new tables sits in a column the personal-data registry declares', async () => {
    expect(await undeclaredCiphertextColumns(t.ctx)).toEqual([]);
  });

  it('D4: each round has a deadline on the working-day clock; when it passes, whoever made the offer is told in the staff app', async () => {
    const established = await establishedCase(200_000);
    const round = await (await as(mgmt)).request('POST', `${BASE}/${established.id}/rounds`, {
      offerAmountHalalas: 200_000,
      nextDay: '2026-03-15',
    });
    expect(round.json().rounds[0]).toMatchObject({ nextDay: '2026-03-15', deadline: { state: 'running' } });
    expect(round.json().rounds[0].deadline.day > '2026-03-10').toBe(true);
    t.clock.advance(40 * 24 * 3600_000);
    await checkClocks(t.ctx, t.clock.now());
    const handled = await handleRoundClockEvents(t.ctx);
    expect(handled.breaches + handled.warnings).toBeGreaterThan(0);
    // A withdrawn case's unanswered offer has no deadline any more.
    const other = await establishedCase(100_000);
    const open = await (await as(mgmt)).request('POST', `${BASE}/${other.id}/rounds`, { offerAmountHalalas: 100_000 });
    const withdrawn = await (await as(mgmt)).request('POST', `${BASE}/${other.id}/transitions`, {
      action: 'withdraw',
      reason: 'سحبت الأسرة مطالبتها',
    });
    expect(withdrawn.json().rounds[0].deadline.state).toBe('stopped');
    expect(open.json().rounds[0].deadline.state).toBe('running');
    const notices = await t.ctx.db
      .selectFrom('outbox_messages')
      .select(['recipient_id', 'recipient_kind'])
      .where('about_id', '=', established.id)
      .where('event', '=', 'compensation.round-due')
      .execute();
    expect(notices.length).toBeGreaterThan(0);
    expect(notices.every((n) => n.recipient_kind === 'staff' && n.recipient_id === mgmt.id)).toBe(true);
  });
});

/** Offers the amount, the family accepts it, the terms are recorded; answers the terms' response. */
async function agreeTerms(caseId: string, amount: number) {
  const manager = await as(mgmt);
  const round = await manager.request('POST', `${BASE}/${caseId}/rounds`, { offerAmountHalalas: amount, remedy: 'تدريب على التغليف' });
  expect(round.statusCode, round.body).toBe(201);
  const roundId = round.json().rounds.at(-1).id;
  expect((await manager.request('POST', `${BASE}/${caseId}/rounds/${roundId}/answer`, { answer: 'accepted' })).statusCode).toBe(200);
  const terms = await manager.request('PUT', `${BASE}/${caseId}/settlement`, {
    amountHalalas: amount,
    remedy: 'تدريب على التغليف',
    schedule: 'على دفعتين خلال شهر',
  });
  expect(terms.statusCode, terms.body).toBe(200);
  return terms;
}

/** Offers the amount, the family accepts, terms recorded, attested on the screen, settled. */
async function settleWithAttestation(caseId: string, amount: number, { checkReattestation = false } = {}) {
  const manager = await as(mgmt);
  const terms = await agreeTerms(caseId, amount);
  let sha = terms.json().settlement.dataSha256;
  if (checkReattestation) {
    const document = await manager.request('GET', `${BASE}/${caseId}/settlement/document?language=ar`);
    expect(document.statusCode).toBe(200);
    expect(document.body).toContain(sha);
    expect(document.body).toContain('اتفاقية تسوية ودية');
    expect((await manager.request('GET', `${BASE}/${caseId}/settlement/document?language=en`)).body).toContain(
      'Amicable settlement agreement',
    );
    expect((await manager.request('POST', `${BASE}/${caseId}/settle`)).json().code).toBe('compensation.settlement-not-attested');
    expect((await attest(caseId, sha)).statusCode).toBe(201);
    // The terms change: the attestation no longer counts; attesting the old hash is refused.
    const changed = await manager.request('PUT', `${BASE}/${caseId}/settlement`, {
      amountHalalas: amount,
      remedy: 'تدريب على التغليف',
      schedule: 'دفعة واحدة',
    });
    expect(changed.json().settlement).toMatchObject({ isAttested: false });
    expect(changed.json().settlement.dataSha256).not.toBe(sha);
    const refused = await manager.request('POST', `${BASE}/${caseId}/settle`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('compensation.settlement-not-attested');
    const stale = await attest(caseId, sha);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('attestation.data-changed');
    sha = changed.json().settlement.dataSha256;
  }
  const attested = await attest(caseId, sha);
  expect(attested.statusCode, attested.body).toBe(201);
  const settled = await manager.request('POST', `${BASE}/${caseId}/settle`);
  expect(settled.statusCode, settled.body).toBe(200);
  expect(settled.json()).toMatchObject({ status: 'settled', settlement: { isAttested: true, amountHalalas: amount } });
  return settled.json();
}
