import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catchUpToldDecisions, missedDecisions } from '../../src/modules/requests/requests.told.js';
import { buildDecidedRequest, decisionMessage, decisionOf } from './decisions-support.js';
import { buildStaff } from './factories.js';
import type { StaffFixture } from './harness.js';
import { type Agent, createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';

/**
 * Review of issue 20 §5 (C5, C6): only a reached call tells the family, and the catch-up of missed
 * `messageSent` events reads only the requests still waiting to be told.
 */
let t: TestApp;
let reception: Agent;
let chair: StaffFixture;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-12-06T07:00:00.000Z');
  reception = await sessionFor(t, await buildStaff(t, { roles: ['reception'] }));
  chair = await buildStaff(t, { roles: ['committee-member'] });
});
afterAll(async () => {
  await t.close();
});

const decidedRequest = (family: Record<string, unknown> = {}) => buildDecidedRequest(t, { by: reception, chair, family });

const view = async (id: string) => (await reception.request('GET', `/api/v1/requests/${id}`)).json();

describe(`calls tell the family only when reached (C5) [${ENGINE}]`, () => {
  it('C5: a call closed with another outcome is failed with call.other, never sent, and the request stays decided', async () => {
    const request = await decidedRequest({ agreedChannel: 'phone-call' });
    const call = await decisionMessage(t, request.id);
    expect(call).toMatchObject({ channel: 'phone-call', status: 'waiting-staff' });
    const recorded = await reception.request('POST', `/api/v1/notifications/outbox/${call.id}/call`, { outcome: 'other' });
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(recorded.json()).toMatchObject({ status: 'failed', lastError: 'call.other', sentAt: null });
    const seen = await view(request.id);
    expect(seen.status).toBe('decided');
    expect(decisionOf(seen)).toMatchObject({ state: 'failed', reason: 'call.other' });
    // Not on the call list any more (the task is closed), and the catch-up does not take it for told.
    const tasks = (await reception.request('GET', '/api/v1/notifications/tasks?channel=phone-call')).json();
    expect(tasks.items.map((m: { id: string }) => m.id)).not.toContain(call.id);
    await catchUpToldDecisions(t.ctx);
    expect((await view(request.id)).status).toBe('decided');
  });

  it('C5: a reached call is sent and the request notified; no answer keeps it queued', async () => {
    const request = await decidedRequest({ agreedChannel: 'phone-call' });
    const call = await decisionMessage(t, request.id);
    const noAnswer = await reception.request('POST', `/api/v1/notifications/outbox/${call.id}/call`, { outcome: 'no-answer' });
    expect(noAnswer.json()).toMatchObject({ status: 'waiting-staff', lastError: 'call.no-answer' });
    expect(decisionOf(await view(request.id))).toMatchObject({ state: 'queued', reason: 'call.no-answer' });
    const reached = await reception.request('POST', `/api/v1/notifications/outbox/${call.id}/call`, { outcome: 'reached' });
    expect(reached.json()).toMatchObject({ status: 'done', lastError: null, sentAt: t.clock.now().toISOString() });
    const told = await view(request.id);
    expect(told.status).toBe('notified');
    expect(decisionOf(told)).toMatchObject({ state: 'sent', reason: null });
  });
});

describe(`the catch-up of missed decisions (C6) [${ENGINE}]`, () => {
  it('C6: catches up a missed event, leaves queued and failed decisions alone, and reads at most one batch a run', async () => {
    const missed = await decidedRequest();
    const queued = await decidedRequest();
    const failed = await decidedRequest();
    const now = t.clock.now().toISOString();
    // As if the process stopped between the send and the request's move.
    await t.ctx.db
      .updateTable('outbox_messages')
      .set({ status: 'sent', sent_at: now, next_attempt_at: null })
      .where('id', '=', (await decisionMessage(t, missed.id)).id)
      .execute();
    await t.ctx.db
      .updateTable('outbox_messages')
      .set({ status: 'failed', last_error: 'sms.http-400', next_attempt_at: null })
      .where('id', '=', (await decisionMessage(t, failed.id)).id)
      .execute();
    expect(await catchUpToldDecisions(t.ctx)).toBe(1);
    expect((await view(missed.id)).status).toBe('notified');
    expect((await view(queued.id)).status).toBe('decided');
    expect((await view(failed.id)).status).toBe('decided');
    expect(await catchUpToldDecisions(t.ctx)).toBe(0);
  });

  it('C6: the catch-up query reads requests by status and the outbox by its about index, never a whole table', async () => {
    const compiled = missedDecisions(t.ctx.db).compile();
    const explain = ENGINE === 'sqlite' ? 'explain query plan ' : 'explain ';
    const plan = await t.ctx.db.executeQuery<Record<string, string>>(CompiledQuery.raw(explain + compiled.sql, [...compiled.parameters]));
    const text = plan.rows.map((r) => Object.values(r).join(' ')).join('\n');
    if (ENGINE === 'sqlite') {
      expect(text).toMatch(/requests USING (COVERING )?INDEX requests_status/);
      expect(text).toMatch(/about_message (EXISTS )?USING INDEX outbox_messages_about/);
    }
    // PostgreSQL picks by statistics (a fresh test database may scan its few rows); no full scan of history on SQLite.
    expect(text).not.toMatch(/SCAN (requests|about_message)$/m);
  });
});
