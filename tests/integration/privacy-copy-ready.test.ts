import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxAad } from '../../src/modules/notifications/outbox.enqueue.js';
import { expireAccessCopies, produceAccessCopies } from '../../src/modules/privacy/privacy.access-copy-job.js';
import { buildFamily, buildStaff, newNationalId } from './factories.js';
import { type Agent, createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';
import { type PortalAgent, setSmsGateway, signInFamily } from './portal-support.js';

/**
 * F2 (issue 25 §2–§3): the requester is told through the outbox when the access copy is ready — a
 * service message, once per copy, never for a requester whose identity is not verified — and the
 * family that filed the request in the portal lists it there and downloads the copy for 7 days,
 * every download audited; another family's copy answers 404, an expired one 410 `privacy.copy-expired`.
 */
let t: TestApp;
let officer: Agent;
let officerStaff: Awaited<ReturnType<typeof buildStaff>>;
const DAY = 86_400_000;

beforeAll(async () => {
  t = await createTestApp();
  setSmsGateway(t, true);
  officerStaff = await buildStaff(t, { roles: ['privacy-officer'] });
  officer = await sessionFor(t, officerStaff);
}, 120_000);
afterAll(async () => {
  await t.close();
});

const copyReady = (requestId: string) =>
  t.ctx.db
    .selectFrom('outbox_messages')
    .select(['id', 'event', 'recipient_id', 'priority', 'language', 'body'])
    .where('event', '=', 'privacy.copy-ready')
    .where('about_id', '=', requestId)
    .execute();

const bodyOf = (message: { id: string; body: string | null }) =>
  t.ctx.keys.encryptor.decrypt(message.body as string, outboxAad(message.id, 'body'));

async function fileInPortal(portal: PortalAgent): Promise<{ id: string; reference: string }> {
  const filed = await portal.request('POST', '/api/v1/portal/privacy-requests', { kind: 'access' });
  expect(filed.statusCode, filed.body).toBe(201);
  const { reference } = filed.json();
  const row = await t.ctx.db
    .selectFrom('privacy_requests')
    .select(['id', 'reference'])
    .where('reference', '=', reference)
    .executeTakeFirstOrThrow();
  return row;
}

async function askAndProduce(requestId: string, language: 'ar' | 'en' = 'ar') {
  const asked = await officer.request('POST', `/api/v1/privacy/requests/${requestId}/access-copy`, { language });
  expect(asked.statusCode, asked.body).toBe(202);
  expect(await produceAccessCopies(t.ctx)).toBeGreaterThanOrEqual(1);
}

describe(`F2 access copy ready: message and portal download [${ENGINE}]`, () => {
  it('F2 §3: the family is told once, in Arabic, that the copy is ready, where to receive it and until when (Hijri and Gregorian)', async () => {
    const family = await buildFamily(t, { headNameAr: 'مريم سعيد القحطاني' });
    const portal = await signInFamily(t, family);
    const request = await fileInPortal(portal);
    await askAndProduce(request.id);
    await produceAccessCopies(t.ctx); // a rerun writes nothing more

    const messages = await copyReady(request.id);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ recipient_id: family.id, priority: 'transactional', language: 'ar' });
    const text = bodyOf(messages[0] as { id: string; body: string });
    expect(text).toContain(request.reference);
    expect(text).toContain('جاهزة');
    expect(text).toContain('بوابة الأسر');
    expect(text).toContain('مقر الجمعية');
    expect(text).toMatch(/هـ/); // the Hijri date…
    expect(text).toMatch(/20\d\d/); // …beside the Gregorian one
    expect(text).not.toContain(family.nationalId);
  });

  it('F2 §3: a request recorded at reception, copy in English: the message says to collect it at the office, in English', async () => {
    const family = await buildFamily(t);
    const created = await officer.request('POST', '/api/v1/privacy/requests', {
      kind: 'access',
      channel: 'in-person',
      requester: { kind: 'family', familyId: family.id },
      relation: 'head',
    });
    const id = created.json().id as string;
    expect((await officer.request('POST', `/api/v1/privacy/requests/${id}/verification`, { method: 'id-card-in-person' })).statusCode).toBe(
      200,
    );
    await askAndProduce(id, 'en');
    const messages = await copyReady(id);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.language).toBe('en');
    const text = bodyOf(messages[0] as { id: string; body: string });
    expect(text).toContain('is ready');
    expect(text).toContain('collect it at the association’s office');
    expect(text).not.toContain('portal');
  });

  it('F2: a requester whose identity is not verified gets no copy and no message', async () => {
    const family = await buildFamily(t);
    const created = await officer.request('POST', '/api/v1/privacy/requests', {
      kind: 'access',
      channel: 'phone',
      requester: { kind: 'family', familyId: family.id },
      relation: 'head',
    });
    const id = created.json().id as string;
    const refused = await officer.request('POST', `/api/v1/privacy/requests/${id}/access-copy`, { language: 'ar' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('privacy.requester-not-verified');
    await produceAccessCopies(t.ctx);
    expect(await copyReady(id)).toEqual([]);
  });

  it('F2 §2–§3: the family lists its portal requests with the deadline, downloads its ready copy (audited), another family gets 404, after 7 days 410', async () => {
    const memberId = newNationalId();
    const family = await buildFamily(t, {
      headNameAr: 'نورة سالم القحطاني',
      members: [{ name: 'خالد سالم القحطاني', relation: 'son', nationalId: memberId }],
    });
    const other = await buildFamily(t, { headNameAr: 'هند ناصر العتيبي' });
    const portal = await signInFamily(t, family);
    const stranger = await signInFamily(t, other, '203.0.113.10');
    const request = await fileInPortal(portal);

    const before = (await portal.request('GET', '/api/v1/portal/privacy-requests')).json().items;
    expect(before).toEqual([
      expect.objectContaining({ id: request.id, reference: request.reference, kind: 'access', status: 'verified', copy: null }),
    ]);
    expect(before[0].deadline).toMatchObject({
      day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      hijri: expect.stringMatching(/^14\d\d-/),
    });
    expect((await portal.request('GET', `/api/v1/portal/privacy-requests/${request.id}/access-copy/html`)).statusCode).toBe(404);

    await askAndProduce(request.id);
    const listed = (await portal.request('GET', '/api/v1/portal/privacy-requests')).json().items;
    expect(listed[0].copy).toMatchObject({ status: 'ready', expiresAt: expect.any(String) });
    expect((await stranger.request('GET', '/api/v1/portal/privacy-requests')).json().items).toEqual([]);

    const page = await portal.request('GET', '/portal/privacy');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(request.reference);
    expect(page.body).toContain(`/api/v1/portal/privacy-requests/${request.id}/access-copy/html`);
    expect((await stranger.request('GET', '/portal/privacy')).body).not.toContain(request.reference);

    const json = await portal.request('GET', `/api/v1/portal/privacy-requests/${request.id}/access-copy/json`);
    expect(json.statusCode, json.body).toBe(200);
    expect(json.headers['content-disposition']).toContain('attachment');
    expect(json.body).toContain('نورة سالم القحطاني');
    expect(json.body).toContain(`••••••${memberId.slice(-4)}`);
    expect(json.body).not.toContain(memberId);
    const html = await portal.request('GET', `/api/v1/portal/privacy-requests/${request.id}/access-copy/html`);
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toContain('text/html');

    for (const format of ['html', 'json']) {
      const theirs = await stranger.request('GET', `/api/v1/portal/privacy-requests/${request.id}/access-copy/${format}`);
      expect(theirs.statusCode).toBe(404);
      expect(theirs.headers['content-type']).toContain('application/problem+json');
      expect(theirs.json().code).toBe('privacy.not-found');
    }
    expect((await officer.request('GET', `/api/v1/portal/privacy-requests/${request.id}/access-copy/json`)).statusCode).toBe(401);

    const downloads = await t.ctx.db
      .selectFrom('audit_events')
      .select(['actor_kind', 'actor_id'])
      .where('entity_id', '=', request.id)
      .where('action', '=', 'privacy.access-copy-downloaded')
      .execute();
    expect(downloads).toEqual([
      { actor_kind: 'family', actor_id: family.id },
      { actor_kind: 'family', actor_id: family.id },
    ]);

    t.clock.advance(7 * DAY + 1000);
    const again = await signInFamily(t, family, '203.0.113.11'); // a week later: new sign-ins
    officer = await sessionFor(t, officerStaff);
    const gone = await again.request('GET', `/api/v1/portal/privacy-requests/${request.id}/access-copy/json`);
    expect(gone.statusCode).toBe(410);
    expect(gone.headers['content-type']).toContain('application/problem+json');
    expect(gone.json().code).toBe('privacy.copy-expired');
    expect((await again.request('GET', '/api/v1/portal/privacy-requests')).json().items[0].copy.status).toBe('expired');
    await expireAccessCopies(t.ctx);
    expect((await again.request('GET', `/api/v1/portal/privacy-requests/${request.id}/access-copy/html`)).statusCode).toBe(410);
  });

  it('F2: a copy of a request recorded at reception is not offered in the portal (it may be a member’s own)', async () => {
    const family = await buildFamily(t);
    const created = await officer.request('POST', '/api/v1/privacy/requests', {
      kind: 'access',
      channel: 'in-person',
      requester: { kind: 'family', familyId: family.id },
      relation: 'head',
    });
    const id = created.json().id as string;
    await officer.request('POST', `/api/v1/privacy/requests/${id}/verification`, { method: 'id-card-in-person' });
    await askAndProduce(id);
    const portal = await signInFamily(t, family, '203.0.113.12');
    expect((await portal.request('GET', '/api/v1/portal/privacy-requests')).json().items).toEqual([]);
    expect((await portal.request('GET', `/api/v1/portal/privacy-requests/${id}/access-copy/json`)).statusCode).toBe(404);
  });
});
