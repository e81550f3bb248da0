import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchDue } from '../../src/modules/notifications/outbox.dispatcher.js';
import { TransportError, type Transports } from '../../src/platform/transports/index.js';
import { buildDecidedRequest, decisionMessage } from './decisions-support.js';
import { buildStaff } from './factories.js';
import type { StaffFixture } from './harness.js';
import { type Agent, createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';

/**
 * C5, C6 (issue 20 §5): management sees the decided requests whose family is not told — the
 * decision's message failed or was skipped (`message=failed`), or that and waiting over a day
 * (`message=unsent`) — as a list and as figures of the worklist counts.
 */
const START = '2026-12-06T07:00:00.000Z';
let t: TestApp;
let receptionist: StaffFixture;
let manager: StaffFixture;
let chair: StaffFixture;
let reception: Agent;
let management: Agent;
const ids: Record<'failed' | 'letterWaiting' | 'told' | 'fresh', string> = { failed: '', letterWaiting: '', told: '', fresh: '' };

const decidedRequest = async (family: Record<string, unknown> = {}) =>
  (await buildDecidedRequest(t, { by: reception, chair, family, outcome: 'rejected', reasons: 'لم تستوفِ الشروط' })).id;
const dispatch = (transports: Transports) => dispatchDue(t.ctx, { transports, budgetMs: 2_000 });
const listed = async (agent: Agent, query: string) => {
  const response = await agent.request('GET', `/api/v1/requests?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json().items as { id: string; status: string }[]).map((item) => item.id).sort();
};

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(START);
  receptionist = await buildStaff(t, { roles: ['reception'] });
  manager = await buildStaff(t, { roles: ['management'] });
  chair = await buildStaff(t, { roles: ['committee-member'] });
  reception = await sessionFor(t, receptionist);

  ids.failed = await decidedRequest();
  await dispatch({
    sms: {
      send: async () => {
        throw new TransportError('sms.http-400', true);
      },
    },
  });
  ids.letterWaiting = await decidedRequest({ agreedChannel: 'letter', address: 'حي الفيصلية، شارع 12' });
  ids.told = await decidedRequest();
  await dispatch({ sms: { send: async () => ({ providerId: null }) } });
  // Two days later one more decision is queued (no transport runs): fresh, not yet "too long".
  t.clock.set(new Date(new Date(START).getTime() + 2 * 86_400_000).toISOString());
  reception = await sessionFor(t, receptionist);
  management = await sessionFor(t, manager);
  ids.fresh = await decidedRequest();
});
afterAll(async () => {
  await t.close();
});

describe(`decisions the family was not told of (C5, C6) [${ENGINE}]`, () => {
  it('C6: message=failed lists decided requests with nothing on its way; message=unsent adds those waiting over a day', async () => {
    expect(await listed(management, 'list=all&message=failed')).toEqual([ids.failed]);
    expect(await listed(management, 'list=all&message=unsent')).toEqual([ids.failed, ids.letterWaiting].sort());
    // The told and the freshly queued decisions are in neither; the filter keeps the caller's scope and lists.
    expect(await listed(reception, 'message=unsent')).toEqual([ids.failed, ids.letterWaiting].sort());
    expect(await listed(management, 'list=reception&message=unsent')).toEqual([]);
  });

  it('C5: the counts carry the figures management’s oversight page shows', async () => {
    const counts = (await management.request('GET', '/api/v1/requests/counts')).json();
    expect(counts).toMatchObject({ decisionUnsent: 2, decisionFailed: 1 });
  });

  it('C6: once the letter is marked sent, the request is told and leaves the list', async () => {
    const letter = await decisionMessage(t, ids.letterWaiting);
    expect((await reception.request('POST', `/api/v1/notifications/outbox/${letter.id}/sent`, {})).statusCode).toBe(200);
    expect(await listed(management, 'message=unsent')).toEqual([ids.failed]);
    expect((await management.request('GET', '/api/v1/requests/counts')).json()).toMatchObject({ decisionUnsent: 1, decisionFailed: 1 });
  });

  it('refuses an unknown filter value with a 400 problem', async () => {
    const response = await management.request('GET', '/api/v1/requests?message=maybe');
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0]).toMatchObject({ pointer: '/message' });
  });
});
