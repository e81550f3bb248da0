import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editHolidays } from '../../src/modules/calendar/calendar.service.js';
import { checkClocks } from '../../src/modules/calendar/clocks.service.js';
import { dispatchDue } from '../../src/modules/notifications/outbox.dispatcher.js';
import { processRequestClocks } from '../../src/modules/requests/requests.jobs.js';
import { applyDecision, beginStudy, familyRequest, requestBriefs } from '../../src/modules/requests/requests.workflow.js';
import { buildFamily } from './factories.js';
import { type Agent, buildStaff, createTestApp, type StaffFixture, sessionFor, type TestApp } from './harness.js';

/** The request's working-day clock from completion, its pause, events and the decision (C5, C6), on both engines. */
let t: TestApp;
let reception: Agent;
let management: Agent;
let receptionist: StaffFixture;
let manager: StaffFixture;

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const SYSTEM = { kind: 'system' as const, id: null };

async function at(instant: string) {
  t.clock.set(instant);
  reception = await sessionFor(t, receptionist);
  management = await sessionFor(t, manager);
}

/** A financial-aid request, complete and signed (documents inserted as files directly, answers through the API). */
async function submittedRequest(): Promise<{ id: string; familyId: string; deadlineDay: string }> {
  const family = await buildFamily(t, { by: reception, headNameAr: 'هيلة محمد الشمري' });
  const created = await reception.request('POST', '/api/v1/requests', {
    idempotencyKey: randomUUID(),
    familyId: family.id,
    typeCode: 'training-enrolment',
    channel: 'interview',
    answers: { 'trainee-name': 'سارة', programme: 'sewing', 'can-attend-mornings': true },
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id;
  const boundary = '----b';
  const pdf = '%PDF-1.4\n%%EOF\n';
  const upload = await t.app.inject({
    method: 'POST',
    url: `/api/v1/requests/${id}/documents`,
    cookies: { sila_session: reception.cookie },
    headers: { 'x-csrf-token': reception.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: `--${boundary}\r\nContent-Disposition: form-data; name="itemKey"\r\n\r\nid-copy\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="id.pdf"\r\nContent-Type: application/pdf\r\n\r\n${pdf}\r\n--${boundary}--\r\n`,
  });
  expect(upload.statusCode, upload.body).toBe(201);
  const signed = await reception.request('POST', `/api/v1/requests/${id}/attestations`, {
    method: 'signature-pad',
    signaturePng: `data:image/png;base64,${PNG.toString('base64')}`,
    dataSha256: upload.json().dataSha256,
  });
  expect(signed.statusCode, signed.body).toBe(201);
  const submitted = await reception.request('POST', `/api/v1/requests/${id}/transitions`, { action: 'submit' });
  expect(submitted.statusCode, submitted.body).toBe(200);
  return { id, familyId: family.id, deadlineDay: submitted.json().deadlineDay };
}

async function messages(requestId: string) {
  return t.ctx.db
    .selectFrom('outbox_messages')
    .select(['event', 'recipient_kind', 'recipient_id'])
    .where('about_id', '=', requestId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

beforeAll(async () => {
  t = await createTestApp();
  receptionist = await buildStaff(t, { roles: ['reception'] });
  manager = await buildStaff(t, { roles: ['management'] });
  await at('2026-11-25T09:00:00.000Z');
});

afterAll(async () => {
  await t.close();
});

describe('request clock (C6)', () => {
  it('C6: pausing while information is requested moves the deadline on by the days paused; the count continues, not restarts', async () => {
    await at('2026-11-25T09:00:00.000Z'); // Wednesday: day 0
    const request = await submittedRequest();
    t.clock.advance(60_000); // the study's message after the receipt's, not at the same instant
    await t.ctx.db.transaction().execute((trx) => beginStudy(trx, t.ctx, SYSTEM, request.id, { meetingId: null }));

    await at('2026-11-29T09:00:00.000Z'); // Sunday
    const asked = await reception.request('POST', `/api/v1/requests/${request.id}/transitions`, {
      action: 'request-information',
      note: 'صورة عقد الإيجار',
    });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json().deadline).toMatchObject({ state: 'paused', pausedSince: '2026-11-29' });

    await at('2026-12-06T09:00:00.000Z'); // a week later, Sunday
    const received = await reception.request('POST', `/api/v1/requests/${request.id}/transitions`, { action: 'information-received' });
    expect(received.statusCode, received.body).toBe(200);
    const after = received.json();
    expect(after.status).toBe('under-study');
    expect(after.deadline).toMatchObject({ state: 'running', startDay: '2026-11-25', workingDays: 15, pausedSince: null });
    // Working days left, counted on the server's calendar: from today, that many working days is the deadline.
    const left = after.deadline.workingDaysLeft as number;
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(15);
    const check = await reception.request('GET', `/api/v1/calendar/deadline?from=2026-12-06&workingDays=${left}`);
    expect(check.json().deadline).toBe(after.deadline.day);
    // Five working days (Sun 29 Nov – Thu 3 Dec) did not count: the deadline moved on by them.
    expect(after.deadlineDay > request.deadlineDay).toBe(true);
    expect(after.history.map((h: { event: string }) => h.event)).toEqual([
      'create',
      'attested',
      'submit',
      'begin-study',
      'request-information',
      'information-received',
    ]);
    // C5 (issue 27 §2): each status change told the family once.
    expect((await messages(request.id)).map((m) => m.event)).toEqual([
      'request.received',
      'request.status-changed',
      'request.information-requested',
      'request.status-changed',
    ]);

    // C5: the decision's message is queued with the decision; the request is decided, not yet told (issue 20 §5).
    t.clock.advance(60_000); // after the information-received message, not at the same instant
    await t.ctx.db
      .transaction()
      .execute((trx) =>
        applyDecision(trx, t.ctx, SYSTEM, request.id, { outcome: 'approved', reasons: 'استوفت الشروط', meetingId: null, minutesId: null }),
      );
    const decided = (await reception.request('GET', `/api/v1/requests/${request.id}`)).json();
    expect(decided).toMatchObject({ status: 'decided', slaState: 'on-time', decision: { outcome: 'approved', reasons: 'استوفت الشروط' } });
    expect(decided.deadline).toMatchObject({ state: 'running' });
    expect(decided.messages.map((m: { event: string; state: string }) => [m.event, m.state])).toEqual([
      ['request.received', 'queued'],
      ['request.status-changed', 'queued'],
      ['request.information-requested', 'queued'],
      ['request.status-changed', 'queued'],
      ['request.decided', 'queued'],
    ]);
    // C6: the clock stops, met in time, once the decision's message is handed to a transport.
    await dispatchDue(t.ctx, { transports: { sms: { send: async () => ({ providerId: null }) } } });
    const told = (await reception.request('GET', `/api/v1/requests/${request.id}`)).json();
    expect(told).toMatchObject({ status: 'notified', slaState: 'met' });
    expect(told.deadline).toMatchObject({ state: 'met', workingDaysLeft: null });
    expect(told.messages.map((m: { state: string }) => m.state)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
    expect((await messages(request.id)).map((m) => m.event)).toEqual([
      'request.received',
      'request.status-changed',
      'request.information-requested',
      'request.status-changed',
      'request.decided',
    ]);
    const portal = await familyRequest(t.ctx, request.familyId, request.id);
    expect(portal).toMatchObject({ status: 'notified', decision: { outcome: 'approved' }, missing: [] });
    expect(portal.deadlineHijri).toMatch(/^14\d\d-/);
  });

  it('C5: a decision whose transaction rolls back leaves no message and no move', async () => {
    await at('2026-12-07T09:00:00.000Z');
    const request = await submittedRequest();
    t.clock.advance(60_000); // the study's message after the receipt's, not at the same instant
    await t.ctx.db.transaction().execute((trx) => beginStudy(trx, t.ctx, SYSTEM, request.id, { meetingId: null }));
    await expect(
      t.ctx.db.transaction().execute(async (trx) => {
        await applyDecision(trx, t.ctx, SYSTEM, request.id, {
          outcome: 'rejected',
          reasons: 'لا تنطبق الشروط',
          meetingId: null,
          minutesId: null,
        });
        throw new Error('minutes could not be frozen');
      }),
    ).rejects.toThrow('minutes could not be frozen');
    expect((await messages(request.id)).map((m) => m.event)).toEqual(['request.received', 'request.status-changed']);
    const [brief] = await requestBriefs(t.ctx.db, t.ctx, [request.id]);
    expect(brief).toMatchObject({ status: 'under-study', familyName: 'هيلة محمد الشمري' });
    // C5: deciding without reasons is refused.
    await expect(
      t.ctx.db
        .transaction()
        .execute((trx) =>
          applyDecision(trx, t.ctx, SYSTEM, request.id, { outcome: 'rejected', reasons: ' ', meetingId: null, minutesId: null }),
        ),
    ).rejects.toMatchObject({ code: 'request.invalid' });
  });

  it('C6: warning and breach set the worklists and tell the submitter and management once', async () => {
    await at('2026-12-08T09:00:00.000Z');
    const request = await submittedRequest();
    await at('2026-12-27T09:00:00.000Z'); // near the deadline: warning day passed
    await checkClocks(t.ctx, t.clock.now());
    await processRequestClocks(t.ctx);
    const dueSoon = (await management.request('GET', '/api/v1/requests?list=due-soon')).json();
    expect(dueSoon.items.map((r: { id: string }) => r.id)).toContain(request.id);

    await at('2027-01-20T09:00:00.000Z'); // well past the deadline
    await checkClocks(t.ctx, t.clock.now());
    await processRequestClocks(t.ctx);
    await processRequestClocks(t.ctx); // twice: nothing more
    const breached = (await management.request('GET', '/api/v1/requests?list=breached')).json();
    expect(breached.items.map((r: { id: string }) => r.id)).toContain(request.id);
    const staffMessages = (await messages(request.id)).filter((m) => m.recipient_kind === 'staff');
    const warningTo = staffMessages.filter((m) => m.event === 'request.deadline-warning').map((m) => m.recipient_id);
    const breachTo = staffMessages.filter((m) => m.event === 'request.deadline-breached').map((m) => m.recipient_id);
    expect(new Set(warningTo)).toEqual(new Set([receptionist.id, manager.id]));
    expect(new Set(breachTo)).toEqual(new Set([receptionist.id, manager.id]));
    expect(breachTo).toHaveLength(2);
    const counts = (await management.request('GET', '/api/v1/requests/counts')).json();
    expect(counts.breached).toBeGreaterThanOrEqual(1);
    expect(counts.dueSoon).toBe(0);
  });

  it("C6: a day off added by an administrator moves an open request's deadline on its worklist row, synced once per calendar change", async () => {
    await at('2026-12-08T09:00:00.000Z');
    const request = await submittedRequest();
    await processRequestClocks(t.ctx); // settles the sync on the current calendar
    const before = (await reception.request('GET', `/api/v1/requests/${request.id}`)).json();
    expect(before.deadlineDay).toBe(before.deadline.day);

    const admin = { kind: 'staff' as const, id: manager.id };
    const edit = await editHolidays(t.ctx, admin, {
      action: 'add',
      date: '2026-12-10',
      kind: 'custom',
      nameAr: 'عطلة طارئة',
      nameEn: 'Emergency day off',
    });
    expect(edit.recomputedClocks).toBeGreaterThanOrEqual(1);
    expect(await processRequestClocks(t.ctx)).toMatchObject({ synced: expect.any(Number) });
    const after = (await reception.request('GET', `/api/v1/requests/${request.id}`)).json();
    expect(after.deadline.day > before.deadline.day).toBe(true);
    expect(after.deadlineDay).toBe(after.deadline.day);
    const listed = (await management.request('GET', '/api/v1/requests?list=all&limit=100')).json();
    expect(listed.items.find((r: { id: string }) => r.id === request.id)?.deadlineDay).toBe(after.deadline.day);
    // No calendar change since: the next run does no work.
    expect(await processRequestClocks(t.ctx)).toMatchObject({ synced: 0 });
  });
});
