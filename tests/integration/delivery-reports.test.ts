import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchDue } from '../../src/modules/notifications/outbox.dispatcher.js';
import type { OutgoingMessage, Transports } from '../../src/platform/transports/index.js';
import { complaint, post } from './complaints-fixtures.js';
import { buildDecidedRequest, decisionMessage, decisionOf } from './decisions-support.js';
import { buildStaff } from './factories.js';
import type { StaffFixture } from './harness.js';
import { type Agent, createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';

/**
 * Issue 20 §5 (C5): transports report what became of a sent message. The provider's id is kept when
 * a transport accepts a message; WhatsApp's signed status webhook and the SMS gateway's reports move
 * it to delivered (or failed, with the reason), shown on the case's messages.
 */
const APP_SECRET = 'meta-app-secret-for-tests-0001';
const VERIFY_TOKEN = 'verify-token-for-tests-0001';
const SMS_TOKEN = 'sms-report-token-for-tests-000001';
let t: TestApp;
let reception: Agent;
let chair: StaffFixture;
let providerIds = 0;

const transportsConfig = () =>
  t.ctx.config.transports as { whatsappAppSecret?: string; whatsappVerifyToken?: string; smsReportToken?: string };

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-12-06T07:00:00.000Z');
  reception = await sessionFor(t, await buildStaff(t, { roles: ['reception'] }));
  chair = await buildStaff(t, { roles: ['committee-member'] });
  Object.assign(transportsConfig(), { whatsappAppSecret: APP_SECRET, whatsappVerifyToken: VERIFY_TOKEN, smsReportToken: SMS_TOKEN });
});
afterAll(async () => {
  await t.close();
});

const decidedRequest = (family: Record<string, unknown> = {}) => buildDecidedRequest(t, { by: reception, chair, family });

/** A stand-in provider that accepts everything and answers with an id of its own, as real ones do. */
function provider(prefix: string) {
  const accepted = new Map<string, string>(); // outbox id → provider id
  return {
    accepted,
    transport: {
      send: async (message: OutgoingMessage) => {
        providerIds += 1;
        const id = `${prefix}${providerIds}`;
        accepted.set(message.id, id);
        return { providerId: id };
      },
    },
  };
}
const dispatch = (transports: Transports) => dispatchDue(t.ctx, { transports, budgetMs: 2_000 });

const view = async (id: string) => (await reception.request('GET', `/api/v1/requests/${id}`)).json();
/** The decision's message as the request's page shows it now. */
const seenDecision = async (requestId: string) => decisionOf(await view(requestId));

function whatsappStatus(id: string, status: string, extra: Record<string, unknown> = {}) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
              statuses: [{ id, status, timestamp: '1765004400', recipient_id: '966551234567', ...extra }],
            },
          },
        ],
      },
    ],
  };
}

function postWebhook(body: unknown, { secret = APP_SECRET, raw }: { secret?: string; raw?: string } = {}) {
  const payload = raw ?? JSON.stringify(body);
  const signature = `sha256=${createHmac('sha256', secret).update(payload).digest('hex')}`;
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/public/whatsapp/webhook',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
    payload,
  });
}

function postSms(body: unknown, { token = SMS_TOKEN, form = false }: { token?: string | null; form?: boolean } = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/public/sms/delivery-reports',
    headers: {
      'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    payload: form ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body),
  });
}

const isProblem = (
  response: { statusCode: number; headers: Record<string, unknown>; json(): { code?: string } },
  status: number,
  code: string,
) => {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.json().code).toBe(code);
};

describe(`WhatsApp status webhook (issue 20 §5, C5) [${ENGINE}]`, () => {
  it('answers Meta’s subscription check with the challenge only for the configured verify token', async () => {
    const check = (token: string) =>
      t.app.inject({
        method: 'GET',
        url: `/api/v1/public/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444`,
      });
    const good = await check(VERIFY_TOKEN);
    expect(good.statusCode).toBe(200);
    expect(good.body).toBe('1158201444');
    isProblem(await check('not-the-token'), 403, 'webhook.bad-token');
  });

  it('C5: a signed `delivered` moves the sent decision to delivered (request messages API); again changes nothing', async () => {
    const request = await decidedRequest({ agreedChannel: 'whatsapp' });
    const whatsapp = provider('wamid.HBgMOTY2NTUxMjM0NTY3');
    await dispatch({ whatsapp: whatsapp.transport });
    const row = await decisionMessage(t, request.id);
    expect(row).toMatchObject({ status: 'sent', provider_id: whatsapp.accepted.get(row.id) });
    expect(await seenDecision(request.id)).toMatchObject({ state: 'sent' });

    const delivered = await postWebhook(whatsappStatus(row.provider_id as string, 'delivered'));
    expect(delivered.statusCode, delivered.body).toBe(200);
    expect(delivered.json()).toEqual({ received: 1 });
    expect(await seenDecision(request.id)).toMatchObject({ state: 'delivered', reason: null });
    const deliveredAt = t.clock.now().toISOString();
    expect((await decisionMessage(t, request.id)).delivered_at).toBe(deliveredAt);
    expect((await view(request.id)).status).toBe('notified');
    // The outbox page shows it too (an administrator's view of the message).
    const admin = await sessionFor(t, await buildStaff(t, { roles: ['administrator'] }));
    const outboxView = await admin.request('GET', `/api/v1/notifications/outbox/${row.id}`);
    expect(outboxView.json()).toMatchObject({ status: 'delivered', deliveredAt: deliveredAt });

    // Meta retries and sends `read` after `delivered`: still delivered, one history step.
    t.clock.set(new Date(t.clock.now().getTime() + 60_000).toISOString());
    expect((await postWebhook(whatsappStatus(row.provider_id as string, 'delivered'))).statusCode).toBe(200);
    expect((await postWebhook(whatsappStatus(row.provider_id as string, 'read'))).statusCode).toBe(200);
    expect((await postWebhook(whatsappStatus(row.provider_id as string, 'failed'))).statusCode).toBe(200);
    const after = await decisionMessage(t, request.id);
    expect(after).toMatchObject({ status: 'delivered', delivered_at: deliveredAt });
    const steps = await t.ctx.db.selectFrom('outbox_attempts').select('outcome').where('message_id', '=', row.id).execute();
    expect(steps.map((s) => s.outcome).sort()).toEqual(['delivered', 'sent']);
  });

  it('C5: a signed `failed` after sent is failed with WhatsApp’s error code as the reason', async () => {
    const request = await decidedRequest({ agreedChannel: 'whatsapp' });
    await dispatch({ whatsapp: provider('wamid.FAIL').transport });
    const row = await decisionMessage(t, request.id);
    const failed = await postWebhook(
      whatsappStatus(row.provider_id as string, 'failed', { errors: [{ code: 131026, title: 'Message undeliverable' }] }),
    );
    expect(failed.statusCode).toBe(200);
    expect(await seenDecision(request.id)).toMatchObject({ state: 'failed', reason: 'whatsapp.report-131026' });
  });

  it('refuses a bad or missing signature (401 problem) and changes nothing', async () => {
    const request = await decidedRequest({ agreedChannel: 'whatsapp' });
    await dispatch({ whatsapp: provider('wamid.SIG').transport });
    const row = await decisionMessage(t, request.id);
    isProblem(
      await postWebhook(whatsappStatus(row.provider_id as string, 'delivered'), { secret: 'another-secret-entirely' }),
      401,
      'webhook.bad-signature',
    );
    const unsigned = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/whatsapp/webhook',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(whatsappStatus(row.provider_id as string, 'delivered')),
    });
    isProblem(unsigned, 401, 'webhook.bad-signature');
    expect(await seenDecision(request.id)).toMatchObject({ state: 'sent' });
  });

  it('ignores a status for an id it does not know (200), and incoming-message notifications', async () => {
    const unknown = await postWebhook(whatsappStatus('wamid.NOT-OURS', 'delivered'));
    expect(unknown.statusCode).toBe(200);
    const incoming = await postWebhook({
      object: 'whatsapp_business_account',
      entry: [{ changes: [{ value: { messages: [{ id: 'x' }] } }] }],
    });
    expect(incoming.json()).toEqual({ received: 0 });
  });

  it('answers malformed bodies with 400 problem+json, never 5xx', async () => {
    for (const raw of [
      '{',
      '',
      '[]',
      '"text"',
      '{"entry": "x"}',
      '{"entry": [{"changes": [{"value": {"statuses": [{"id": 5}]}}]}]}',
      '{"__proto__": {"x": 1}}',
    ]) {
      const response = await postWebhook(null, { raw });
      expect(response.statusCode, raw).toBe(raw === '' ? 400 : 400);
      expect(response.headers['content-type'], raw).toMatch(/^application\/problem\+json/);
    }
  });

  it('is closed (404) while WHATSAPP_APP_SECRET is unset', async () => {
    const config = transportsConfig();
    config.whatsappAppSecret = undefined;
    try {
      isProblem(await postWebhook(whatsappStatus('wamid.X', 'delivered')), 404, 'webhook.not-configured');
    } finally {
      config.whatsappAppSecret = APP_SECRET;
    }
  });
});

describe(`SMS delivery reports (issue 20 §5, C5) [${ENGINE}]`, () => {
  it('C5: a `delivered` report moves the decision to delivered; a form report with the path token works too', async () => {
    const request = await decidedRequest();
    const sms = provider('');
    await dispatch({ sms: sms.transport });
    const row = await decisionMessage(t, request.id);
    expect(row.provider_id).toMatch(/^\d+$/);
    const response = await postSms({ messageId: row.provider_id, status: 'DELIVRD' });
    expect(response.statusCode, response.body).toBe(204);
    expect(await seenDecision(request.id)).toMatchObject({ state: 'delivered' });

    const other = await decidedRequest();
    await dispatch({ sms: sms.transport });
    const otherRow = await decisionMessage(t, other.id);
    const byPath = await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/sms/delivery-reports/${SMS_TOKEN}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `id=${otherRow.provider_id}&status=undelivered&error=EXPIRED`,
    });
    expect(byPath.statusCode, byPath.body).toBe(204);
    expect(await seenDecision(other.id)).toMatchObject({ state: 'failed', reason: 'sms.report-EXPIRED' });
  });

  it('C5: a complaint’s acknowledgement delivered shows on the public tracker', async () => {
    (t.ctx.config as { publicUrl: string | undefined }).publicUrl = 'https://harif.example.org';
    try {
      const filed = await post(t, '/api/v1/public/complaints', complaint({}));
      expect(filed.statusCode, filed.body).toBe(201);
      await dispatch({ sms: provider('cmp-').transport });
      const ack = await t.ctx.db
        .selectFrom('outbox_messages')
        .selectAll()
        .where('event', '=', 'complaint.received')
        .where('channel', '=', 'sms')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect((await postSms({ message_id: ack.provider_id, state: 'delivered' })).statusCode).toBe(204);
      const lookup = await post(t, '/api/v1/public/complaints/lookup', { trackingCode: filed.json().trackingCode });
      expect(lookup.json().messages).toEqual([{ about: 'acknowledgement', state: 'delivered', sentAt: expect.any(String) }]);
    } finally {
      (t.ctx.config as { publicUrl: string | undefined }).publicUrl = undefined;
    }
  });

  it('refuses a missing or wrong token (401), and is closed (404) without SMS_REPORT_TOKEN', async () => {
    isProblem(await postSms({ messageId: '1', status: 'delivered' }, { token: null }), 401, 'webhook.bad-token');
    isProblem(await postSms({ messageId: '1', status: 'delivered' }, { token: 'wrong-token-wrong-token-wrong' }), 401, 'webhook.bad-token');
    const config = transportsConfig();
    config.smsReportToken = undefined;
    try {
      isProblem(await postSms({ messageId: '1', status: 'delivered' }), 404, 'webhook.not-configured');
    } finally {
      config.smsReportToken = SMS_TOKEN;
    }
  });

  it('answers bad input with 400 problem+json naming the field, ignores an unknown id (204)', async () => {
    const missing = await postSms({ status: 'delivered' });
    isProblem(missing, 400, 'report.invalid');
    expect(missing.json().errors[0]).toMatchObject({ pointer: '/messageId', code: 'field.required' });
    const badStatus = await postSms({ messageId: '12', status: 'exploded' });
    isProblem(badStatus, 400, 'report.invalid');
    expect(badStatus.json().errors[0]).toMatchObject({ pointer: '/status' });
    isProblem(await postSms({ messageId: { nested: true }, status: 'delivered' }), 400, 'report.invalid');
    for (const payload of ['{', '[]', 'null', '{"__proto__": {}}']) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/public/sms/delivery-reports',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${SMS_TOKEN}` },
        payload,
      });
      expect(response.statusCode, payload).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect((await postSms({ messageId: 'not-ours-123', status: 'delivered' })).statusCode).toBe(204);
  });
});

describe(`delivery reports are rate-limited per address [${ENGINE}]`, () => {
  it('answers 429 problem+json past the limit (600 a minute), as other public endpoints do', async () => {
    let limitedAt = 0;
    for (let n = 1; n <= 700 && !limitedAt; n++) {
      const response = await t.app.inject({ method: 'GET', url: '/api/v1/public/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=x' });
      if (response.statusCode === 429) {
        limitedAt = n;
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      } else expect(response.statusCode).toBe(403);
    }
    // Earlier tests in this file used some of the minute's allowance from the same address.
    expect(limitedAt).toBeGreaterThan(500);
    expect(limitedAt).toBeLessThanOrEqual(601);
  });
});
