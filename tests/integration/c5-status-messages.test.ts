import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxAad } from '../../src/modules/notifications/outbox.enqueue.js';
import { move } from '../../src/modules/requests/requests.core.js';
import { applyDecision, beginStudy, requestInformation } from '../../src/modules/requests/requests.workflow.js';
import { buildFamily, buildRequest } from './factories.js';
import { type Agent, buildStaff, createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';

/**
 * Issue 27 §2 (C5): every status change of a request, and a family's registration, writes exactly
 * one message to the family on its agreed channel through the outbox; consent decides whether it
 * may go (F2).
 */
let t: TestApp;
let reception: Agent;
const SYSTEM = { kind: 'system' as const, id: null };

const messagesTo = (familyId: string) =>
  t.ctx.db
    .selectFrom('outbox_messages')
    .selectAll()
    .where('recipient_kind', '=', 'family')
    .where('recipient_id', '=', familyId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();

const messagesAbout = (requestId: string) =>
  t.ctx.db.selectFrom('outbox_messages').selectAll().where('about_id', '=', requestId).orderBy('created_at').orderBy('id').execute();

const bodyOf = (message: { id: string; body: string | null }) =>
  t.ctx.keys.encryptor.decrypt(message.body as string, outboxAad(message.id, 'body'));

beforeAll(async () => {
  t = await createTestApp();
  reception = await sessionFor(t, await buildStaff(t, { roles: ['reception'] }));
});

afterAll(async () => {
  await t.close();
});

describe(`C5: the family hears of every change [${ENGINE}]`, () => {
  it('C5: registration enqueues one family.registered message on the agreed channel, with the family reference', async () => {
    const bySms = await buildFamily(t, { by: reception, agreedChannel: 'sms' });
    const byLetter = await buildFamily(t, { by: reception, agreedChannel: 'letter' });
    const [sms, ...moreSms] = await messagesTo(bySms.id);
    expect(moreSms).toEqual([]);
    expect(sms).toMatchObject({
      event: 'family.registered',
      channel: 'sms',
      status: 'pending',
      priority: 'transactional',
      about_id: bySms.id,
    });
    expect(bodyOf(sms as NonNullable<typeof sms>)).toContain(bySms.reference);
    const letters = await messagesTo(byLetter.id);
    expect(letters.map((m) => [m.event, m.channel, m.status])).toEqual([['family.registered', 'letter', 'waiting-staff']]);
  });

  it('C5: under study, information requested, information received, decided and closed each enqueue exactly one message on the agreed channel; told-of-the-decision adds none', async () => {
    const request = await buildRequest(t, { by: reception, family: { agreedChannel: 'whatsapp' } });
    // The messages each step added (instants can tie under the test clock, so not by order).
    const seen = new Set<string>();
    const added = async () => {
      const fresh = (await messagesAbout(request.id)).filter((m) => !seen.has(m.id));
      for (const m of fresh) seen.add(m.id);
      return fresh;
    };
    expect((await added()).map((m) => m.event)).toEqual(['request.received']);

    await t.ctx.db.transaction().execute((trx) => beginStudy(trx, t.ctx, SYSTEM, request.id, { meetingId: null }));
    const [underStudy, ...moreUnderStudy] = await added();
    expect(moreUnderStudy).toEqual([]);
    expect(underStudy?.event).toBe('request.status-changed');
    expect(bodyOf(underStudy as NonNullable<typeof underStudy>)).toContain('قيد الدراسة');

    await t.ctx.db.transaction().execute((trx) => requestInformation(trx, t.ctx, SYSTEM, request.id, { note: 'صورة عقد الإيجار' }));
    expect((await added()).map((m) => m.event)).toEqual(['request.information-requested']);

    const received = await reception.request('POST', `/api/v1/requests/${request.id}/transitions`, { action: 'information-received' });
    expect(received.statusCode, received.body).toBe(200);
    const [back, ...moreBack] = await added();
    expect(moreBack).toEqual([]);
    expect(back?.event).toBe('request.status-changed');
    expect(bodyOf(back as NonNullable<typeof back>)).toContain('استُلمت المعلومات');

    await t.ctx.db
      .transaction()
      .execute((trx) =>
        applyDecision(trx, t.ctx, SYSTEM, request.id, { outcome: 'approved', reasons: 'استوفت الشروط', meetingId: null, minutesId: null }),
      );
    // The decision is its own message, not a generic status change as well.
    expect((await added()).map((m) => m.event)).toEqual(['request.decided']);

    // Told (the decision's message was sent): nothing more is sent for it.
    await t.ctx.db.transaction().execute((trx) => move(trx, t.ctx, SYSTEM, request.id, 'notify'));
    expect(await added()).toEqual([]);

    const closed = await reception.request('POST', `/api/v1/requests/${request.id}/transitions`, { action: 'close' });
    expect(closed.statusCode, closed.body).toBe(200);
    const [close, ...moreClose] = await added();
    expect(moreClose).toEqual([]);
    expect(close?.event).toBe('request.status-changed');
    expect(bodyOf(close as NonNullable<typeof close>)).toContain('مغلق');

    const all = await messagesAbout(request.id);
    expect(all).toHaveLength(6);
    for (const message of all)
      expect(message).toMatchObject({
        recipient_kind: 'family',
        recipient_id: request.familyId,
        channel: 'whatsapp',
        priority: 'transactional',
      });
    expect(new Set(all.map((m) => m.dedupe_key)).size).toBe(6);
    // Registration's own message, then the request's six: nothing else reached the family.
    expect((await messagesTo(request.familyId)).map((m) => m.event).sort()).toEqual(
      ['family.registered', ...all.map((m) => m.event)].sort(),
    );
  });

  it('C5, F2: a family that ended the service is not contacted: the change still writes its one message, skipped with the reason', async () => {
    const request = await buildRequest(t, { by: reception, family: { agreedChannel: 'sms' } });
    const ended = await reception.request('POST', `/api/v1/families/${request.familyId}/consents`, {
      channel: 'interview',
      purpose: 'service',
      action: 'withdraw',
      confirmEndOfService: true,
    });
    expect(ended.statusCode, ended.body).toBe(200);
    await t.ctx.db.transaction().execute((trx) => beginStudy(trx, t.ctx, SYSTEM, request.id, { meetingId: null }));
    const changes = (await messagesAbout(request.id)).filter((m) => m.event === 'request.status-changed');
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ channel: 'sms', status: 'skipped', last_error: 'consent.service-ended', next_attempt_at: null });
  });
});
