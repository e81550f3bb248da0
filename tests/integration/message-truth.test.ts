import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchDue } from '../../src/modules/notifications/outbox.dispatcher.js';
import { enqueueMessage } from '../../src/modules/notifications/outbox.enqueue.js';
import { catchUpToldDecisions } from '../../src/modules/requests/requests.told.js';
import { type OutgoingMessage, TransportError, type Transports } from '../../src/platform/transports/index.js';
import { complaint, post } from './complaints-fixtures.js';
import { buildDecidedRequest, decisionMessage, decisionOf } from './decisions-support.js';
import { buildFamily, buildStaff } from './factories.js';
import type { StaffFixture } from './harness.js';
import { type Agent, createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';

/**
 * Issue 20 §5, §6 (C5, C6): messages say what happened to them — a decided request is told, and its
 * clock stops, when the decision's message is sent, not when it is queued — and links in messages
 * are made absolute when sent, waiting while SILA_PUBLIC_URL is unset.
 */
let t: TestApp;
let reception: Agent;
let receptionist: StaffFixture;
let chair: StaffFixture;
const START = '2026-12-06T07:00:00.000Z';

/** Moves the clock and signs reception in again (a session does not outlive a jump of days). */
async function at(instant: string) {
  t.clock.set(instant);
  reception = await sessionFor(t, receptionist);
}

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(START);
  receptionist = await buildStaff(t, { roles: ['reception'] });
  reception = await sessionFor(t, receptionist);
  chair = await buildStaff(t, { roles: ['committee-member'] });
});
afterAll(async () => {
  await t.close();
});

const decidedRequest = (family: Record<string, unknown> = {}) => buildDecidedRequest(t, { by: reception, chair, family });

/** A stand-in gateway that keeps what it was handed (or refuses, when `answer` throws). */
function sentTo(answer: (message: OutgoingMessage) => void = () => {}) {
  const sent: OutgoingMessage[] = [];
  return {
    sent,
    transport: {
      send: async (message: OutgoingMessage) => {
        answer(message);
        sent.push(message);
        return { providerId: null };
      },
    },
  };
}
const dispatch = (transports: Transports) => dispatchDue(t.ctx, { transports, budgetMs: 2_000 });

const view = async (id: string) => (await reception.request('GET', `/api/v1/requests/${id}`)).json();

describe(`messages that tell the truth [${ENGINE}]`, () => {
  it('C6: the clock stops when the decision is sent, not when it is queued — a decision sent after the deadline is late', async () => {
    const request = await decidedRequest();
    const queued = await view(request.id);
    expect(queued.status).toBe('decided');
    expect(decisionOf(queued)).toMatchObject({ state: 'queued', reason: null });
    expect(queued.deadline.state).toBe('running');

    // Nothing sends it until the deadline has passed (no SMS gateway yet): told late.
    await at(new Date(new Date(`${queued.deadline.day}T09:00:00.000Z`).getTime() + 3 * 86_400_000).toISOString());
    const sms = sentTo();
    await dispatch({ sms: sms.transport });
    const told = await view(request.id);
    expect(told).toMatchObject({ status: 'notified', slaState: 'late' });
    expect(told.deadline.state).toBe('stopped');
    expect(decisionOf(told)).toMatchObject({ state: 'sent' });
    expect(told.notifiedAt).toBe(t.clock.now().toISOString());
    expect(told.history.at(-1)).toMatchObject({ event: 'notify', from: 'decided', to: 'notified', actorKind: 'system' });
    await at(START);
  });

  it('C5: a decision by letter is told when staff mark the letter sent', async () => {
    const request = await decidedRequest({ agreedChannel: 'letter', address: 'حي الفيصلية، شارع 12' });
    const decided = await view(request.id);
    expect(decided.status).toBe('decided');
    expect(decisionOf(decided)).toMatchObject({ state: 'queued' });
    const letter = await decisionMessage(t, request.id);
    const marked = await reception.request('POST', `/api/v1/notifications/outbox/${letter.id}/sent`, { note: 'سُلّم باليد' });
    expect(marked.statusCode, marked.body).toBe(200);
    const told = await view(request.id);
    expect(told.status).toBe('notified');
    expect(decisionOf(told)).toMatchObject({ state: 'sent' });
  });

  it('C5: a decision message refused for good leaves the request decided, its message failed with the reason', async () => {
    const request = await decidedRequest();
    const refusing = sentTo(() => {
      throw new TransportError('sms.http-400', true);
    });
    await dispatch({ sms: refusing.transport });
    const failed = await view(request.id);
    expect(failed.status).toBe('decided');
    expect(decisionOf(failed)).toMatchObject({ state: 'failed', reason: 'sms.http-400' });
  });

  it('C6: a send whose event was missed is caught up by the periodic job, once', async () => {
    const request = await decidedRequest();
    // As if the process stopped between the send and the request's move.
    await t.ctx.db
      .updateTable('outbox_messages')
      .set({ status: 'sent', sent_at: t.clock.now().toISOString(), next_attempt_at: null })
      .where('about_id', '=', request.id)
      .where('event', '=', 'request.decided')
      .execute();
    expect((await view(request.id)).status).toBe('decided');
    expect(await catchUpToldDecisions(t.ctx)).toBeGreaterThanOrEqual(1);
    expect((await view(request.id)).status).toBe('notified');
    expect(await catchUpToldDecisions(t.ctx)).toBe(0);
  });

  it('§6: a complaint’s tracking link waits while SILA_PUBLIC_URL is unset, then goes out absolute once it is set', async () => {
    const filed = await post(t, '/api/v1/public/complaints', complaint({}));
    expect(filed.statusCode, filed.body).toBe(201);
    const acknowledgement = await t.ctx.db
      .selectFrom('outbox_messages')
      .selectAll()
      .where('event', '=', 'complaint.received')
      .where('channel', '=', 'sms')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(acknowledgement).toMatchObject({
      status: 'pending',
      needs_public_url: 1,
      last_error: 'link.public-url-unset',
      next_attempt_at: null,
    });
    // The tracker tells the writer the acknowledgement has not gone yet (§5).
    const lookUp = async () =>
      (await post(t, '/api/v1/public/complaints/lookup', { trackingCode: filed.json().trackingCode })).json().messages;
    expect(await lookUp()).toEqual([{ about: 'acknowledgement', state: 'queued', sentAt: null }]);

    const sms = sentTo();
    await dispatch({ sms: sms.transport });
    expect(sms.sent.map((m) => m.id)).not.toContain(acknowledgement.id);

    // The operator sets the address and restarts: the parked message goes out with a whole link.
    (t.ctx.config as { publicUrl: string | undefined }).publicUrl = 'https://harif.example.org/';
    try {
      await dispatch({ sms: sms.transport });
      const sent = sms.sent.find((m) => m.id === acknowledgement.id);
      expect(sent?.text).toMatch(/https:\/\/harif\.example\.org\/complaints\/track#[0-9A-Z]{16}/);
      expect(sent?.text).not.toMatch(/[\uE000\uE001]/);
      expect(await lookUp()).toEqual([{ about: 'acknowledgement', state: 'sent', sentAt: expect.any(String) }]);
    } finally {
      (t.ctx.config as { publicUrl: string | undefined }).publicUrl = undefined;
    }
  });

  it('§6: a message queued with links while the address was set, sent after a restart without it, waits rather than going out broken', async () => {
    const family = await buildFamily(t, { by: reception });
    (t.ctx.config as { publicUrl: string | undefined }).publicUrl = 'https://harif.example.org';
    const [queued] = await t.ctx.db.transaction().execute((trx) =>
      enqueueMessage(trx, t.ctx, {
        event: 'request.status-changed',
        recipient: { kind: 'family', familyId: family.id },
        params: { reference: 'REQ-2026-000001', status: 'قيد الدراسة', link: '/portal' },
      }),
    );
    (t.ctx.config as { publicUrl: string | undefined }).publicUrl = undefined;
    const sms = sentTo();
    await dispatch({ sms: sms.transport });
    expect(sms.sent.map((m) => m.id)).not.toContain(queued?.id);
    const row = await t.ctx.db
      .selectFrom('outbox_messages')
      .selectAll()
      .where('id', '=', queued?.id as string)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'pending', last_error: 'link.public-url-unset', next_attempt_at: null });
  });

  it('§3 (F2): consent is enforced where messages are queued — a withdrawn channel or the end of service is skipped, saying why', async () => {
    const family = await buildFamily(t, { by: reception });
    const send = (channel?: 'sms' | 'letter') =>
      t.ctx.db.transaction().execute((trx) =>
        enqueueMessage(trx, t.ctx, {
          event: 'request.status-changed',
          recipient: { kind: 'family', familyId: family.id, ...(channel ? { channel } : {}) },
          params: { reference: 'REQ-2026-000002', status: 'قيد الدراسة' },
        }),
      );
    expect((await send())[0]?.status).toBe('pending');

    // The family stops SMS; its agreed channel becomes a letter in the same action.
    const withdrawn = await reception.request('POST', `/api/v1/families/${family.id}/consents`, {
      purpose: 'contact-sms',
      action: 'withdraw',
      channel: 'interview',
      newAgreedChannel: 'letter',
    });
    expect(withdrawn.statusCode, withdrawn.body).toBeLessThan(300);
    expect((await send())[0]).toMatchObject({ channel: 'letter', status: 'waiting-staff' });
    const [bySms] = await send('sms');
    expect(bySms?.status).toBe('skipped');
    const row = await t.ctx.db
      .selectFrom('outbox_messages')
      .select(['last_error', 'next_attempt_at'])
      .where('id', '=', bySms?.id as string)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ last_error: 'consent.channel-withdrawn', next_attempt_at: null });

    // Withdrawing the required purpose ends the service: nothing more is sent about it.
    const ended = await reception.request('POST', `/api/v1/families/${family.id}/consents`, {
      purpose: 'service',
      action: 'withdraw',
      channel: 'interview',
      confirmEndOfService: true,
    });
    expect(ended.statusCode, ended.body).toBeLessThan(300);
    expect((await send())[0]?.status).toBe('skipped');
    const sms = sentTo();
    await dispatch({ sms: sms.transport });
    expect(sms.sent.map((m) => m.id)).not.toContain(bySms?.id);
  });
});
