import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOnAgendaOf } from '../../src/modules/committees/index.js';
import { dispatchDue } from '../../src/modules/notifications/outbox.dispatcher.js';
import { buildCommittee, buildRequest, buildRequestType, buildStaff, type StaffFixture } from './factories.js';
import { type Agent, createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';

/**
 * Issue 5 §7 end to end (C5, C6): complete requests of the committee's types go on a meeting's
 * agenda (complete → under-study), present members vote, the decision needs the quorum and a majority
 * (the chair breaks a tie), and the last approval of the minutes freezes them and moves each request
 * to decided → notified with the family's message in the outbox.
 */
let t: TestApp;
let admin: Agent;
let reception: Agent;
let chair: StaffFixture;
let m2: StaffFixture;
let m3: StaffFixture;
let m4: StaffFixture;
let outsider: StaffFixture;
let committeeId: string;
let otherCommitteeId: string;
let meetingId: string;
const requests: Record<'majority' | 'tie' | 'deferred' | 'other' | 'draft', string> = {
  majority: '',
  tie: '',
  deferred: '',
  other: '',
  draft: '',
};
const as = async (staff: StaffFixture) => sessionFor(t, staff);

/** A request of `typeCode` for a new family: complete (answered, signed, submitted) unless `isDraft`. */
async function completeRequest(typeCode: string, { isDraft = false } = {}): Promise<string> {
  const request = await buildRequest(t, { by: reception, typeCode, isDraft, family: { headNameAr: 'أسرة الاختبار' } });
  expect(request.status).toBe(isDraft ? 'draft' : 'complete');
  return request.id;
}

const vote = async (member: StaffFixture, requestId: string, choice: string, reasons?: string) =>
  (await as(member)).request('POST', `/api/v1/meetings/${meetingId}/votes`, { requestId, choice, ...(reasons ? { reasons } : {}) });

const tallyOf = async (requestId: string) => {
  const meeting = (await (await as(chair)).request('GET', `/api/v1/meetings/${meetingId}`)).json();
  return meeting.agenda.find((a: { requestId: string }) => a.requestId === requestId).tally;
};

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-03-10T06:00:00.000Z');
  admin = await sessionFor(t, await buildStaff(t, { roles: ['administrator'] }));
  reception = await sessionFor(t, await buildStaff(t, { roles: ['reception'] }));
  chair = await buildStaff(t, { roles: ['committee-member'] });
  m2 = await buildStaff(t, { roles: ['committee-member'] });
  m3 = await buildStaff(t, { roles: ['committee-member'] });
  m4 = await buildStaff(t, { roles: ['committee-member'] });
  outsider = await buildStaff(t, { roles: ['committee-member'] });
  committeeId = (
    await buildCommittee(t, {
      by: admin,
      code: 'equipment-committee',
      nameAr: 'لجنة دعم التجهيزات',
      nameEn: 'Equipment committee',
      quorum: 3,
      members: [chair, m2, m3, m4],
      chair,
    })
  ).id;
  otherCommitteeId = (
    await buildCommittee(t, {
      by: admin,
      code: 'other-committee',
      nameAr: 'لجنة أخرى',
      nameEn: 'Another committee',
      quorum: 1,
      members: [outsider],
    })
  ).id;
  await buildRequestType(t, { by: admin, code: 'equipment-aid', committeeId });
  await buildRequestType(t, { by: admin, code: 'other-aid', committeeId: otherCommitteeId });
  requests.majority = await completeRequest('equipment-aid');
  requests.tie = await completeRequest('equipment-aid');
  requests.deferred = await completeRequest('equipment-aid');
  requests.other = await completeRequest('other-aid');
  requests.draft = await completeRequest('equipment-aid', { isDraft: true });
  const meeting = await (await as(chair)).request('POST', `/api/v1/committees/${committeeId}/meetings`, { day: '2026-03-10' });
  meetingId = meeting.json().id;
  const held = await (await as(chair)).request('PATCH', `/api/v1/meetings/${meetingId}`, {
    status: 'held',
    presentMemberIds: [chair.id, m2.id, m3.id, m4.id],
  });
  expect(held.statusCode, held.body).toBe(200);
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe(`committee decisions on requests [${ENGINE}]`, () => {
  it('C5: the committee’s queue lists its complete requests only', async () => {
    const queue = await (await as(m2)).request('GET', `/api/v1/committees/${committeeId}/awaiting-study`);
    expect(queue.statusCode, queue.body).toBe(200);
    expect(
      queue
        .json()
        .items.map((r: { id: string }) => r.id)
        .sort(),
    ).toEqual([requests.majority, requests.tie, requests.deferred].sort());
    expect(queue.json().items[0].deadlineHijri).toMatch(/^1447-/);
    expect((await (await as(outsider)).request('GET', `/api/v1/committees/${committeeId}/awaiting-study`)).statusCode).toBe(404);
  });

  it('C5: only requests awaiting this committee’s study go on the agenda; adding one begins its study', async () => {
    for (const requestId of [requests.other, requests.draft]) {
      const refused = await (await as(chair)).request('POST', `/api/v1/meetings/${meetingId}/agenda`, { requestId });
      expect(refused.statusCode, refused.body).toBe(422);
      expect(refused.json().code).toBe('meeting.request-not-awaiting');
    }
    const notChair = await (await as(m2)).request('POST', `/api/v1/meetings/${meetingId}/agenda`, { requestId: requests.majority });
    expect(notChair.statusCode).toBe(403);
    for (const requestId of [requests.majority, requests.tie, requests.deferred]) {
      const added = await (await as(chair)).request('POST', `/api/v1/meetings/${meetingId}/agenda`, { requestId });
      expect(added.statusCode, added.body).toBe(200);
    }
    const meeting = (await (await as(m3)).request('GET', `/api/v1/meetings/${meetingId}`)).json();
    expect(meeting.agenda.map((a: { requestId: string; requestStatus: string }) => [a.requestId, a.requestStatus])).toEqual([
      [requests.majority, 'under-study'],
      [requests.tie, 'under-study'],
      [requests.deferred, 'under-study'],
    ]);
    expect(meeting.agenda[0].reference).toMatch(/^REQ-2026-/);
    const twice = await (await as(chair)).request('POST', `/api/v1/meetings/${meetingId}/agenda`, { requestId: requests.majority });
    expect(twice.statusCode).toBe(409);
    expect(await isOnAgendaOf(t.ctx, m4.id, requests.majority)).toBe(true);
    expect(await isOnAgendaOf(t.ctx, outsider.id, requests.majority)).toBe(false);
  });

  it('C6: the chair asks the family for more; the request leaves the decisions and its clock pauses', async () => {
    const notChair = await (await as(m2)).request('POST', `/api/v1/meetings/${meetingId}/information-requests`, {
      requestId: requests.deferred,
      note: 'نرجو إرفاق عرض سعر للتجهيزات',
    });
    expect(notChair.statusCode).toBe(403);
    const asked = await (await as(chair)).request('POST', `/api/v1/meetings/${meetingId}/information-requests`, {
      requestId: requests.deferred,
      note: 'نرجو إرفاق عرض سعر للتجهيزات',
    });
    expect(asked.statusCode, asked.body).toBe(200);
    const item = asked.json().agenda.find((a: { requestId: string }) => a.requestId === requests.deferred);
    expect(item.requestStatus).toBe('information-requested');
    const request = (await reception.request('GET', `/api/v1/requests/${requests.deferred}`)).json();
    expect(request.status).toBe('information-requested');
    expect(request.deadline.state).toBe('paused');
  });

  it('C5: reject and partly-approve need reasons; one vote per member, changeable', async () => {
    const noReason = await vote(m2, requests.majority, 'reject');
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().errors).toEqual([expect.objectContaining({ pointer: '/reasons', code: 'vote.reasons-required' })]);
    expect((await vote(m2, requests.majority, 'reject', 'الدخل يتجاوز الحد')).statusCode).toBe(200);
    expect((await vote(m2, requests.majority, 'approve')).statusCode).toBe(200);
    const tally = await tallyOf(requests.majority);
    expect(tally).toMatchObject({ votesCast: 1, counts: { approve: 1, reject: 0 } });
    const audit = await t.ctx.db.selectFrom('audit_events').select(['action', 'details']).where('entity_id', '=', meetingId).execute();
    expect(audit.filter((a) => a.action.startsWith('committee.vote')).map((a) => a.action)).toEqual([
      'committee.vote',
      'committee.vote-change',
    ]);
    expect(audit.every((a) => !String(a.details).includes('الدخل'))).toBe(true);
  });

  it('C5: below the quorum there is no decision, and the minutes cannot be written', async () => {
    await vote(chair, requests.majority, 'approve');
    expect(await tallyOf(requests.majority)).toMatchObject({ state: 'quorum-not-met', votesCast: 2, quorum: 3, outcome: null });
    const refused = await (await as(chair)).request('POST', `/api/v1/meetings/${meetingId}/minutes`);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('minutes.undecided');
    expect(refused.json().errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ pointer: `/agenda/${requests.majority}`, code: 'committee.quorum-not-met' })]),
    );
  });

  it('C5: the majority decides, with the winning side’s reasons', async () => {
    await vote(m3, requests.majority, 'reject', 'لم تكتمل الخبرة');
    await vote(m4, requests.majority, 'approve');
    expect(await tallyOf(requests.majority)).toMatchObject({
      state: 'decided',
      outcome: 'approved',
      isTieBroken: false,
      counts: { approve: 3, partlyApprove: 0, reject: 1, abstain: 0 },
    });
  });

  it('C5: a tie is broken by the chair’s vote; a tie the chair stays out of has no majority', async () => {
    await vote(m2, requests.tie, 'approve');
    await vote(m3, requests.tie, 'reject', 'سبق دعم الأسرة بالتجهيزات نفسها');
    await vote(chair, requests.tie, 'abstain');
    expect(await tallyOf(requests.tie)).toMatchObject({ state: 'no-majority', votesCast: 3 });
    const refused = await (await as(chair)).request('POST', `/api/v1/meetings/${meetingId}/minutes`);
    expect(refused.json().errors).toEqual([expect.objectContaining({ pointer: `/agenda/${requests.tie}`, code: 'committee.no-majority' })]);
    await vote(chair, requests.tie, 'reject', 'تُقدَّم الأسر التي لم يسبق دعمها');
    expect(await tallyOf(requests.tie)).toMatchObject({
      state: 'decided',
      outcome: 'rejected',
      isTieBroken: false,
    });
    await vote(m4, requests.tie, 'approve');
    const tally = await tallyOf(requests.tie);
    expect(tally).toMatchObject({ state: 'decided', outcome: 'rejected', isTieBroken: true, counts: { approve: 2, reject: 2 } });
    expect(tally.reasons).toBe('تُقدَّم الأسر التي لم يسبق دعمها\nسبق دعم الأسرة بالتجهيزات نفسها');
  });

  it('C5: a vote changed after the minutes were generated rewrites the draft and drops its approvals', async () => {
    const generated = await (await as(chair)).request('POST', `/api/v1/meetings/${meetingId}/minutes`);
    expect(generated.statusCode, generated.body).toBe(201);
    const draft = generated.json();
    expect(draft.decisions.map((d: { requestId: string; outcome: string }) => [d.requestId, d.outcome])).toEqual([
      [requests.majority, 'approved'],
      [requests.tie, 'rejected'],
    ]);
    expect(draft.text).toContain('القرار: الموافقة على الطلب.');
    expect(draft.text).toContain('القرار: رفض الطلب.');
    expect(draft.deferred.map((d: { requestId: string }) => d.requestId)).toEqual([requests.deferred]);
    expect(draft.text).toContain('القرار: تأجيل البت في الطلب لحين ورود المعلومات المطلوبة من الأسرة.');
    expect(draft.text).not.toContain('أسرة الاختبار'); // references and types only, no family details
    const approved = await (await as(m2)).request('POST', `/api/v1/minutes/${draft.id}/approvals`, { sha256: draft.sha256 });
    expect(approved.json().approvals).toHaveLength(1);
    await vote(m3, requests.majority, 'abstain');
    const rewritten = (await (await as(m2)).request('GET', `/api/v1/minutes/${draft.id}`)).json();
    expect(rewritten.sha256).not.toBe(draft.sha256);
    expect(rewritten.approvals).toEqual([]);
    expect(rewritten.text).toContain('امتناع 1');
  });

  it('C5, C6: the last approval freezes the minutes and each request is decided and the family notified', async () => {
    const minutesId = (await (await as(chair)).request('GET', `/api/v1/meetings/${meetingId}`)).json().minutes[0].id;
    let minutes = (await (await as(chair)).request('GET', `/api/v1/minutes/${minutesId}`)).json();
    for (const member of [m2, m3, m4]) {
      const response = await (await as(member)).request('POST', `/api/v1/minutes/${minutesId}/approvals`, { sha256: minutes.sha256 });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().status).toBe('draft');
    }
    // Still under study until the minutes are frozen.
    expect((await reception.request('GET', `/api/v1/requests/${requests.majority}`)).json().status).toBe('under-study');
    minutes = (await (await as(chair)).request('POST', `/api/v1/minutes/${minutesId}/approvals`, { sha256: minutes.sha256 })).json();
    expect(minutes.status).toBe('frozen');

    // Decided now; told (`notified`) once the decision's message is sent (issue 20 §5).
    expect((await reception.request('GET', `/api/v1/requests/${requests.majority}`)).json().status).toBe('decided');
    await dispatchDue(t.ctx, { transports: { sms: { send: async () => ({ providerId: null }) } } });
    const approvedRequest = (await reception.request('GET', `/api/v1/requests/${requests.majority}`)).json();
    expect(approvedRequest.status).toBe('notified');
    expect(approvedRequest.decision).toMatchObject({ outcome: 'approved', meetingId, minutesId });
    const rejectedRequest = (await reception.request('GET', `/api/v1/requests/${requests.tie}`)).json();
    expect(rejectedRequest.status).toBe('notified');
    expect(rejectedRequest.decision).toMatchObject({ outcome: 'rejected', reasons: expect.stringContaining('تُقدَّم الأسر') });
    const messages = await t.ctx.db
      .selectFrom('outbox_messages')
      .select(['about_id', 'channel', 'recipient_kind'])
      .where('about_id', 'in', [requests.majority, requests.tie])
      .where('recipient_kind', '=', 'family')
      .execute();
    expect(new Set(messages.map((m) => m.about_id))).toEqual(new Set([requests.majority, requests.tie]));

    const late = await vote(m4, requests.tie, 'reject', 'متأخر');
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('minutes.frozen');
    const meeting = (await (await as(chair)).request('GET', `/api/v1/meetings/${meetingId}`)).json();
    expect(meeting.status).toBe('closed');
    // The deferred request was not decided: it still waits for the family.
    expect((await reception.request('GET', `/api/v1/requests/${requests.deferred}`)).json().status).toBe('information-requested');
  });

  it('C6: once the information arrives the deferred request goes on the committee’s next agenda', async () => {
    const received = await reception.request('POST', `/api/v1/requests/${requests.deferred}/transitions`, {
      action: 'information-received',
    });
    expect(received.statusCode, received.body).toBe(200);
    expect(received.json().status).toBe('under-study');
    const next = await (await as(chair)).request('POST', `/api/v1/committees/${committeeId}/meetings`, { day: '2026-03-10' });
    const added = await (await as(chair)).request('POST', `/api/v1/meetings/${next.json().id}/agenda`, { requestId: requests.deferred });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().agenda.map((a: { requestId: string; requestStatus: string }) => [a.requestId, a.requestStatus])).toEqual([
      [requests.deferred, 'under-study'],
    ]);
    // Another committee cannot take it.
    const elsewhere = await (await as(outsider)).request('POST', `/api/v1/committees/${otherCommitteeId}/meetings`, { day: '2026-03-10' });
    const refused = await (await as(outsider)).request('POST', `/api/v1/meetings/${elsewhere.json().id}/agenda`, {
      requestId: requests.deferred,
    });
    expect(refused.statusCode).toBe(422);
  });
});
