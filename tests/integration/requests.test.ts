import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFamily, multipartUpload } from './factories.js';
import { type Agent, buildStaff, createTestApp, type StaffFixture, sessionFor, signIn, type TestApp } from './harness.js';

/** Service requests on both engines (issue 5; C2–C6). */
let t: TestApp;
let reception: Agent;
let khobarReception: Agent;
let management: Agent;
let admin: Agent;
const fixtures: Record<string, StaffFixture> = {};

const upload = (agent: Agent, url: string, fields: Record<string, string>, file: { name: string; bytes: Buffer; type?: string }) =>
  multipartUpload(t, agent, url, { fields, file: { type: 'application/pdf', ...file } });

/** Moving the test clock by days ends sessions: sign the same people in again. */
async function renewSessions() {
  reception = await sessionFor(t, fixtures.reception as StaffFixture);
  khobarReception = await sessionFor(t, fixtures.khobar as StaffFixture);
  management = await sessionFor(t, fixtures.management as StaffFixture);
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n');

/** A tools-aid draft with every field answered, and the required documents attached. */
async function completeDraft(agent: Agent, familyId: string) {
  const created = await agent.request('POST', '/api/v1/requests', {
    idempotencyKey: randomUUID(),
    familyId,
    typeCode: 'tools-aid',
    channel: 'interview',
    answers: { activity: 'food', 'tools-needed': 'فرن كهربائي وخلاط', 'estimated-cost': '٣٥٠٠', 'monthly-income': 2400 },
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  for (const itemKey of ['quotation', 'id-copy']) {
    const response = await upload(agent, `/api/v1/requests/${id}/documents`, { itemKey }, { name: `${itemKey}.pdf`, bytes: PDF });
    expect(response.statusCode, response.body).toBe(201);
  }
  return (await agent.request('GET', `/api/v1/requests/${id}`)).json();
}

async function sign(agent: Agent, request: { id: string; dataSha256: string }) {
  return agent.request('POST', `/api/v1/requests/${request.id}/attestations`, {
    method: 'signature-pad',
    signaturePng: `data:image/png;base64,${PNG.toString('base64')}`,
    dataSha256: request.dataSha256,
  });
}

async function outboxOf(requestId: string) {
  return t.ctx.db
    .selectFrom('outbox_messages')
    .select(['event', 'channel', 'recipient_kind'])
    .where('about_id', '=', requestId)
    .orderBy('id')
    .execute();
}

beforeAll(async () => {
  t = await createTestApp();
  fixtures.reception = await buildStaff(t, { roles: ['reception'], scope: { categories: [], domains: [], offices: ['dammam'] } });
  fixtures.khobar = await buildStaff(t, { roles: ['reception'], scope: { categories: [], domains: [], offices: ['khobar'] } });
  fixtures.management = await buildStaff(t, { roles: ['management'] });
  await renewSessions();
  admin = await signIn(t, await buildStaff(t, { roles: ['administrator'] }));
});

afterAll(async () => {
  await t.close();
});

describe('request types (C2)', () => {
  it('C2: the demo types are there with criteria and checklists, in Arabic and English', async () => {
    const response = await reception.request('GET', '/api/v1/request-types');
    expect(response.statusCode).toBe(200);
    const codes = response.json().items.map((type: { code: string }) => type.code);
    expect(codes).toEqual(['training-enrolment', 'exhibition-participation', 'tools-aid', 'financial-aid', 'home-business-licence']);
    const tools = response.json().items[2];
    expect(tools.criteriaAr).toContain('عرض سعر');
    expect(tools.responseWorkingDays).toBe(15);
  });

  it('C2: an administrator adds a type with a custom checklist; reception may not', async () => {
    const body = {
      code: 'sewing-machine',
      nameAr: 'ماكينة خياطة',
      nameEn: 'Sewing machine',
      criteriaAr: 'نشاط خياطة قائم',
      criteriaEn: 'An existing sewing business',
      checklist: [
        {
          key: 'experience-years',
          kind: 'field',
          fieldType: 'number',
          labelAr: 'سنوات الخبرة',
          labelEn: 'Years of experience',
          isRequired: true,
        },
      ],
    };
    expect((await reception.request('POST', '/api/v1/settings/request-types', body)).statusCode).toBe(403);
    const created = await admin.request('POST', '/api/v1/settings/request-types', body);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ responseWorkingDays: 15, isActive: true, version: 1 });
    const bad = await admin.request('POST', '/api/v1/settings/request-types', {
      ...body,
      code: 'bad-type',
      checklist: [{ key: 'x1', kind: 'field', labelAr: 'س', labelEn: 'x', isRequired: true }],
    });
    expect(bad.statusCode).toBe(400);
    const updated = await admin.request('PUT', '/api/v1/settings/request-types/sewing-machine', { isActive: false, version: 1 });
    expect(updated.json()).toMatchObject({ isActive: false, version: 2 });
    // Lists answer { items } like committees: settings list every type, intake only the active ones.
    const settings = (await admin.request('GET', '/api/v1/settings/request-types')).json();
    expect(settings.items.map((type: { code: string }) => type.code)).toContain('sewing-machine');
    const intake = (await reception.request('GET', '/api/v1/request-types')).json();
    expect(intake.items.map((type: { code: string }) => type.code)).not.toContain('sewing-machine');
    const stale = await admin.request('PUT', '/api/v1/settings/request-types/sewing-machine', { isActive: true, version: 1 });
    expect(stale.json().code).toBe('request-type.version-conflict');
  });
});

describe('intake, completeness and attestation (C3, C4)', () => {
  it('A1-A6: the same form sent twice makes one request', async () => {
    const family = await buildFamily(t, { by: reception });
    const body = { idempotencyKey: randomUUID(), familyId: family.id, typeCode: 'financial-aid', channel: 'phone', answers: {} };
    const [first, second] = await Promise.all([
      reception.request('POST', '/api/v1/requests', body),
      reception.request('POST', '/api/v1/requests', body),
    ]);
    const ids = new Set([first.json().id, second.json().id]);
    expect(ids.size).toBe(1);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 201]);
    expect(first.json().reference).toMatch(/^REQ-\d{4}-\d{6}$/);
    const count = await t.ctx.db
      .selectFrom('requests')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('family_id', '=', family.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('C3: submitting an incomplete request is refused with 422 listing the missing items', async () => {
    const family = await buildFamily(t, { by: reception });
    const created = await reception.request('POST', '/api/v1/requests', {
      idempotencyKey: randomUUID(),
      familyId: family.id,
      typeCode: 'tools-aid',
      channel: 'interview',
      answers: { activity: 'food' },
    });
    const id = created.json().id;
    expect(created.json().completeness.missing).toEqual(['tools-needed', 'estimated-cost', 'monthly-income', 'quotation', 'id-copy']);
    const submit = await reception.request('POST', `/api/v1/requests/${id}/transitions`, { action: 'submit' });
    expect(submit.statusCode).toBe(422);
    expect(submit.json().code).toBe('request.incomplete');
    expect(submit.json().errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      '/checklist/tools-needed',
      '/checklist/estimated-cost',
      '/checklist/monthly-income',
      '/checklist/quotation',
      '/checklist/id-copy',
      '/attestation',
    ]);
    expect(submit.json().errors[0].code).toBe('checklist.missing');
    expect(await outboxOf(id)).toEqual([]);
  });

  it('C2: answers that do not fit the type are refused with pointers', async () => {
    const family = await buildFamily(t, { by: reception });
    const response = await reception.request('POST', '/api/v1/requests', {
      idempotencyKey: randomUUID(),
      familyId: family.id,
      typeCode: 'tools-aid',
      channel: 'interview',
      answers: { activity: 'cars', 'estimated-cost': 'كثير', nope: 1 },
    });
    expect(response.statusCode).toBe(400);
    expect(
      response
        .json()
        .errors.map((e: { pointer: string; code: string }) => `${e.pointer} ${e.code}`)
        .sort(),
    ).toEqual([
      '/answers/activity field.unknown-option',
      '/answers/estimated-cost field.not-a-number',
      '/answers/nope checklist.unknown-item',
    ]);
  });

  it('C4: a change to attested data voids the attestation; the request cannot go on until attested again', async () => {
    const family = await buildFamily(t, { by: reception });
    const draft = await completeDraft(reception, family.id);
    expect(draft.completeness).toMatchObject({ isChecklistSatisfied: true, isAttested: false });
    expect(draft.answers['estimated-cost']).toBe(3500);
    const signed = await sign(reception, draft);
    expect(signed.statusCode, signed.body).toBe(201);
    expect(signed.json().attestation).toMatchObject({ method: 'signature-pad', dataSha256: draft.dataSha256, voidedAt: null });
    expect(signed.json().completeness.isAttested).toBe(true);

    const edited = await reception.request('PATCH', `/api/v1/requests/${draft.id}`, {
      answers: { 'estimated-cost': 4000 },
      version: signed.json().version,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().completeness.isAttested).toBe(false);
    expect(edited.json().history.map((h: { event: string }) => h.event)).toEqual(['create', 'attested', 'attestation-voided']);
    const submit = await reception.request('POST', `/api/v1/requests/${draft.id}/transitions`, { action: 'submit' });
    expect(submit.statusCode).toBe(422);
    expect(submit.json().errors).toEqual([expect.objectContaining({ pointer: '/attestation', code: 'attestation.missing' })]);

    // Signing what was shown before the change is refused: the family must see the data as it is.
    const stale = await sign(reception, draft);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('request.data-changed');
    expect((await sign(reception, edited.json())).statusCode).toBe(201);
  });

  it('C4: a change to the family’s core data voids the attestation too', async () => {
    const family = await buildFamily(t, { by: reception });
    const draft = await completeDraft(reception, family.id);
    await sign(reception, draft);
    const changed = await reception.request('PATCH', `/api/v1/families/${family.id}`, { city: 'الخبر', version: family.version });
    expect(changed.statusCode, changed.body).toBe(200);
    const after = (await reception.request('GET', `/api/v1/requests/${draft.id}`)).json();
    expect(after.completeness.isAttested).toBe(false);
  });

  it('files: HTML posing as a PDF, SVG, a path in the name and an oversized file are refused; nothing stored', async () => {
    const family = await buildFamily(t, { by: reception });
    const draft = await completeDraft(reception, family.id);
    const before = await t.ctx.db
      .selectFrom('files')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const url = `/api/v1/requests/${draft.id}/documents`;
    const html = await upload(
      reception,
      url,
      { itemKey: 'quotation' },
      { name: 'quote.pdf', bytes: Buffer.from('<html><script>alert(1)</script></html>') },
    );
    expect([html.statusCode, html.json().code]).toEqual([415, 'file.type-not-accepted']);
    const svg = await upload(
      reception,
      url,
      { itemKey: 'quotation' },
      { name: 'a.svg', bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') },
    );
    expect(svg.statusCode).toBe(415);
    const path = await upload(reception, url, { itemKey: 'quotation' }, { name: '../../etc/passwd.pdf', bytes: PDF });
    expect([path.statusCode, path.json().code]).toEqual([400, 'file.name-invalid']);
    const big = await upload(
      reception,
      url,
      { itemKey: 'quotation' },
      { name: 'big.pdf', bytes: Buffer.concat([PDF, Buffer.alloc(6 * 1024 * 1024)]) },
    );
    expect(big.statusCode).toBe(413);
    const unknown = await upload(reception, url, { itemKey: 'activity' }, { name: 'a.pdf', bytes: PDF });
    expect(unknown.json().code).toBe('request.invalid');
    const after = await t.ctx.db
      .selectFrom('files')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('C3: the reception list shows each draft’s family, type, checklist and attestation at a glance', async () => {
    const family = await buildFamily(t, { by: reception, headNameAr: 'هيلة ناصر الدوسري' });
    const ready = await completeDraft(reception, family.id);
    const signed = await completeDraft(reception, family.id);
    expect((await sign(reception, signed)).statusCode).toBe(201);
    const started = await reception.request('POST', '/api/v1/requests', {
      idempotencyKey: randomUUID(),
      familyId: family.id,
      typeCode: 'training-enrolment',
      channel: 'interview',
      answers: {},
    });
    expect(started.statusCode, started.body).toBe(201);
    const list = await reception.request('GET', `/api/v1/requests?list=reception&familyId=${family.id}`);
    expect(list.statusCode).toBe(200);
    const byId = new Map(list.json().items.map((item: { id: string }) => [item.id, item]));
    const line = { familyId: family.id, familyName: 'هيلة ناصر الدوسري', status: 'draft', deadlineDay: null };
    expect(byId.get(ready.id)).toMatchObject({ ...line, typeCode: 'tools-aid', isChecklistSatisfied: true, isAttested: false });
    expect(byId.get(signed.id)).toMatchObject({ ...line, typeCode: 'tools-aid', isChecklistSatisfied: true, isAttested: true });
    expect(byId.get(started.json().id)).toMatchObject({
      ...line,
      typeCode: 'training-enrolment',
      isChecklistSatisfied: false,
      isAttested: false,
    });
    const types = (await reception.request('GET', '/api/v1/request-types')).json().items;
    for (const item of list.json().items) {
      const type = types.find((candidate: { code: string }) => candidate.code === item.typeCode);
      expect(item).toMatchObject({ typeNameAr: type.nameAr, typeNameEn: type.nameEn, familyReference: expect.stringMatching(/.+/) });
    }
    expect(list.json().items).toHaveLength(3);
  });

  it('F2: a request outside the caller’s scope answers 404', async () => {
    const family = await buildFamily(t, { by: reception });
    const draft = await completeDraft(reception, family.id);
    expect((await khobarReception.request('GET', `/api/v1/requests/${draft.id}`)).statusCode).toBe(404);
    expect((await khobarReception.request('POST', `/api/v1/requests/${draft.id}/transitions`, { action: 'submit' })).statusCode).toBe(404);
    const list = await khobarReception.request('GET', '/api/v1/requests?list=all');
    expect(list.json().items.some((r: { id: string }) => r.id === draft.id)).toBe(false);
    expect((await khobarReception.request('GET', '/api/v1/requests/counts')).json().all).toBe(0);
  });
});

describe('submission, clock and notifications (C5, C6)', () => {
  it('C6: submit starts the 15-working-day clock from that day; C5: the family is told with the deadline in both calendars', async () => {
    t.clock.set('2026-11-25T09:00:00.000Z'); // Wednesday
    await renewSessions();
    const family = await buildFamily(t, { by: reception });
    const draft = await completeDraft(reception, family.id);
    await sign(reception, draft);
    const submitted = await reception.request('POST', `/api/v1/requests/${draft.id}/transitions`, { action: 'submit' });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const request = submitted.json();
    expect(request.status).toBe('complete');
    expect(request.deadline).toMatchObject({ startDay: '2026-11-25', workingDays: 15, state: 'running' });
    expect(request.deadlineDay).toBe(request.deadline.day);
    expect(request.deadlineHijri).toMatch(/^14\d\d-\d\d-\d\d$/);
    expect(await outboxOf(draft.id)).toEqual([{ event: 'request.received', channel: 'sms', recipient_kind: 'family' }]);

    // C5: an illegal move is 409 with where it stands.
    const again = await reception.request('POST', `/api/v1/requests/${draft.id}/transitions`, { action: 'submit' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'request.illegal-transition', from: 'complete', to: 'complete' });
    const close = await reception.request('POST', `/api/v1/requests/${draft.id}/transitions`, { action: 'close' });
    expect(close.json()).toMatchObject({ code: 'request.illegal-transition', from: 'complete' });
  });

  it('C5: management reads but cannot move; the committee list orders by deadline and pages', async () => {
    const ids: string[] = [];
    for (const day of ['2026-12-01T09:00:00.000Z', '2026-11-26T09:00:00.000Z', '2026-12-03T09:00:00.000Z']) {
      t.clock.set(day);
      await renewSessions();
      const family = await buildFamily(t, { by: reception });
      const draft = await completeDraft(reception, family.id);
      await sign(reception, draft);
      const submitted = await reception.request('POST', `/api/v1/requests/${draft.id}/transitions`, { action: 'submit' });
      ids.push(submitted.json().id);
    }
    const first = await management.request('GET', '/api/v1/requests?list=committee&limit=2');
    expect(first.statusCode, first.body).toBe(200);
    const second = await management.request('GET', `/api/v1/requests?list=committee&limit=2&cursor=${first.json().nextCursor}`);
    const all = [...first.json().items, ...second.json().items];
    const days = all.map((r: { deadlineDay: string }) => r.deadlineDay);
    expect(days).toEqual([...days].sort());
    for (const id of ids) expect(all.some((r: { id: string }) => r.id === id)).toBe(true);
    expect(new Set(all.map((r: { id: string }) => r.id)).size).toBe(all.length);
    const counts = (await management.request('GET', '/api/v1/requests/counts')).json();
    expect(counts.committee).toBe(all.length);
    expect(counts.isCapped).toBe(false);
    const moved = await management.request('POST', `/api/v1/requests/${ids[0]}/transitions`, { action: 'close' });
    expect(moved.statusCode).toBe(403);
  });
});
