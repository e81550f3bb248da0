import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { outboxAad } from '../../src/modules/notifications/outbox.enqueue.js';
import { buildFamily, buildStaff, type FamilyFixture, type StaffFixture } from './factories.js';
import { createTestApp, ENGINE, type TestApp } from './harness.js';
import { lastCodeSentTo, MARYAM, type PortalAgent, setSmsGateway, signInFamily } from './portal-support.js';

/**
 * Issue 5 §9 and §4 online: a signed-in family sees only its own requests — status, what is
 * missing, the deadline — applies online (one request however often the form is sent), and
 * confirms its data with a one-time code sent to its registered mobile (C4).
 */
let t: TestApp;
let receptionist: StaffFixture;
let maryam: FamilyFixture;
let huda: FamilyFixture;
let addressSerial = 10;

function nextAddress(): string {
  addressSerial += 1;
  return `192.0.2.${addressSerial}`;
}

/** A fresh family session per test (tests move the clock). */
const as = (family: FamilyFixture): Promise<PortalAgent> => signInFamily(t, family, nextAddress());

async function apply(agent: PortalAgent, idempotencyKey = `form-${Math.random().toString(36).slice(2, 12)}`) {
  const response = await agent.request('POST', '/api/v1/portal/requests', {
    idempotencyKey,
    typeCode: 'tools-aid',
    answers: { 'tools-needed': 'ماكينة خياطة صناعية' },
  });
  if (response.statusCode !== 201) throw new Error(`apply failed: ${response.statusCode} ${response.body}`);
  return response.json();
}

beforeAll(async () => {
  t = await createTestApp();
  receptionist = await buildStaff(t, { roles: ['reception'] });
  setSmsGateway(t, true);
  maryam = await buildFamily(t, { by: receptionist, ...MARYAM });
  huda = await buildFamily(t, { by: receptionist, headNameAr: 'هدى عبدالله الشهري' });
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => {
  t.clock.advance(31 * 60_000);
});

describe(`the family's view in the portal (issue 5 §9) [${ENGINE}]`, () => {
  it('applies online once however often the form is sent, and lists what is still missing (C2, C3)', async () => {
    const agent = await as(maryam);
    const first = await apply(agent, 'form-twice-0001');
    const again = await apply(agent, 'form-twice-0001');
    expect(again.id).toBe(first.id);
    expect(first).toMatchObject({ channel: 'website', status: 'draft', typeCode: 'tools-aid', isAttested: false, deadlineDay: null });
    expect(first.missing.map((m: { key: string }) => m.key)).toEqual(expect.arrayContaining(['estimated-cost', 'quotation']));
    expect(first.missing.map((m: { key: string }) => m.key)).not.toContain('tools-needed');

    const list = await agent.request('GET', '/api/v1/portal/requests');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.filter((r: { id: string }) => r.id === first.id)).toHaveLength(1);
  });

  it('a family sees only its own requests; another family’s request answers 404', async () => {
    const maryamAgent = await as(maryam);
    const mine = await apply(maryamAgent);
    const hudaAgent = await as(huda);
    const hers = await apply(hudaAgent);

    const maryamList = (await maryamAgent.request('GET', '/api/v1/portal/requests')).json().items.map((r: { id: string }) => r.id);
    expect(maryamList).toContain(mine.id);
    expect(maryamList).not.toContain(hers.id);
    const hudaList = (await hudaAgent.request('GET', '/api/v1/portal/requests')).json().items.map((r: { id: string }) => r.id);
    expect(hudaList).toEqual([hers.id]);

    for (const [method, url, body] of [
      ['GET', `/api/v1/portal/requests/${hers.id}`, undefined],
      ['GET', `/api/v1/portal/requests/${hers.id}/attestation`, undefined],
      ['PATCH', `/api/v1/portal/requests/${hers.id}`, { answers: { 'estimated-cost': 1 }, version: 1 }],
      ['POST', `/api/v1/portal/requests/${hers.id}/submit`, {}],
      ['POST', `/api/v1/portal/requests/${hers.id}/attestation/start`, {}],
      ['POST', `/api/v1/portal/requests/${hers.id}/attestation/verify`, { code: '123456' }],
    ] as const) {
      const response = await maryamAgent.request(method, url, body);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
    }
    expect((await maryamAgent.request('GET', `/api/v1/portal/requests/${mine.id}`)).statusCode).toBe(200);

    // The page shows the family's own requests only.
    const page = await t.app.inject({ method: 'GET', url: '/portal', cookies: { sila_portal: maryamAgent.token } });
    expect(page.body).toContain(mine.reference);
    expect(page.body).not.toContain(hers.reference);
    expect(page.body).not.toContain(maryam.nationalId);
    expect(page.body).toContain('دعم بأدوات ومعدات');
  });

  it('an incomplete request cannot be submitted online: 422 with the missing items (C3)', async () => {
    const agent = await as(maryam);
    const draft = await apply(agent);
    const submitted = await agent.request('POST', `/api/v1/portal/requests/${draft.id}/submit`, {});
    expect(submitted.statusCode).toBe(422);
    expect(submitted.json().code).toBe('request.incomplete');
    expect(submitted.json().errors.map((e: { pointer: string }) => e.pointer)).toContain('/checklist/quotation');
  });

  it('confirms the data with a one-time code sent to the registered mobile (C4 online)', async () => {
    const agent = await as(maryam);
    const draft = await apply(agent);
    const summary = await agent.request('GET', `/api/v1/portal/requests/${draft.id}/attestation`);
    expect(summary.statusCode).toBe(200);
    expect(summary.json().dataSha256).toMatch(/^[0-9a-f]{64}$/);

    const started = await agent.request('POST', `/api/v1/portal/requests/${draft.id}/attestation/start`, {});
    expect(started.statusCode).toBe(202);
    const code = await lastCodeSentTo(t, maryam.id, 'attestation');
    const wrong = await agent.request('POST', `/api/v1/portal/requests/${draft.id}/attestation/verify`, {
      code: String((Number(code) + 1) % 1_000_000).padStart(6, '0'),
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('portal.code-invalid');

    const verified = await agent.request('POST', `/api/v1/portal/requests/${draft.id}/attestation/verify`, {
      code,
      dataSha256: summary.json().dataSha256,
    });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({ method: 'one-time-code', dataSha256: summary.json().dataSha256, witnessId: null });
    expect((await agent.request('GET', `/api/v1/portal/requests/${draft.id}`)).json().isAttested).toBe(true);

    const reused = await agent.request('POST', `/api/v1/portal/requests/${draft.id}/attestation/verify`, { code });
    expect(reused.statusCode).toBe(400);
    // The message is an SMS to the registered mobile about this request, never listed.
    const message = await t.ctx.db
      .selectFrom('outbox_messages')
      .select(['id', 'event', 'channel', 'is_sensitive', 'about_type', 'about_id', 'body'])
      .where('about_id', '=', draft.id)
      .where('event', '=', 'request.attestation-code')
      .executeTakeFirstOrThrow();
    expect(message).toMatchObject({ channel: 'sms', is_sensitive: 1, about_type: 'request', about_id: draft.id });
    // The SMS says what the code is for: this request's data, not a sign-in.
    const text = t.ctx.keys.encryptor.decrypt(message.body as string, outboxAad(message.id, 'body'));
    expect(text).toContain(`رمز تأكيد بيانات طلبكم رقم ${draft.reference}`);
  });

  it('a code for one request does not confirm another', async () => {
    const agent = await as(maryam);
    const first = await apply(agent);
    const second = await apply(agent);
    await agent.request('POST', `/api/v1/portal/requests/${first.id}/attestation/start`, {});
    const code = await lastCodeSentTo(t, maryam.id, 'attestation');
    const crossed = await agent.request('POST', `/api/v1/portal/requests/${second.id}/attestation/verify`, { code });
    expect(crossed.statusCode).toBe(400);
    expect((await agent.request('GET', `/api/v1/portal/requests/${second.id}`)).json().isAttested).toBe(false);
  });
});
