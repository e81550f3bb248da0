import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/platform/http/auth-plugin.js';
import { buildFamily, multipartUpload } from './factories.js';
import { type Agent, buildStaff, createTestApp, ENGINE, type StaffFixture, sessionFor, type TestApp } from './harness.js';

/**
 * Two intake paths end to end (issue 5 §2, §4): a volunteer's request for a family they registered
 * (A6: channel `volunteer`, seen until submitted, never another's), and the paper attestation (C4):
 * the printable Arabic form, the signed scan uploaded as the attestation through the file store,
 * then submitted.
 */
let t: TestApp;
const staff: Record<'reception' | 'volunteer' | 'otherVolunteer', StaffFixture> = {} as never;
const as = (who: keyof typeof staff) => sessionFor(t, staff[who]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
const SIGNATURE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const upload = (agent: Agent, url: string, fields: Record<string, string>, file: { name: string; bytes: Buffer; type?: string }) =>
  multipartUpload(t, agent, url, { fields, file: { type: 'application/pdf', ...file } });

/** A training-enrolment draft with its fields answered and the ID copy attached. */
async function draft(agent: Agent, familyId: string, channel: string) {
  const created = await agent.request('POST', '/api/v1/requests', {
    idempotencyKey: randomUUID(),
    familyId,
    typeCode: 'training-enrolment',
    channel,
    answers: { 'trainee-name': 'سارة', programme: 'sewing', 'can-attend-mornings': true },
  });
  expect(created.statusCode, created.body).toBe(201);
  const attached = await upload(
    agent,
    `/api/v1/requests/${created.json().id}/documents`,
    { itemKey: 'id-copy' },
    { name: 'id.pdf', bytes: PDF },
  );
  expect(attached.statusCode, attached.body).toBe(201);
  return attached.json() as { id: string; dataSha256: string; channel: string; status: string };
}

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-25T09:00:00.000Z');
  staff.reception = await buildStaff(t, { roles: ['reception'] });
  staff.volunteer = await buildStaff(t, { roles: ['volunteer'] });
  staff.otherVolunteer = await buildStaff(t, { roles: ['volunteer'] });
});

afterAll(async () => {
  await t.close();
});

describe(`volunteer intake (A6) [${ENGINE}]`, () => {
  it('A6: a volunteer records a request on the volunteer channel for a family they registered; sees it until submitted (the submit answers 202 “handed over”, then 404); never another’s', async () => {
    const volunteer = await as('volunteer');
    const familyId = (await buildFamily(t, { by: volunteer })).id;
    const wrongChannel = await volunteer.request('POST', '/api/v1/requests', {
      idempotencyKey: randomUUID(),
      familyId,
      typeCode: 'training-enrolment',
      channel: 'interview',
    });
    expect(wrongChannel.statusCode).toBe(400);
    expect(wrongChannel.json().errors[0]).toMatchObject({ pointer: '/channel', code: 'request.channel-not-allowed' });
    // A family reception registered is not theirs.
    const receptionFamily = (await buildFamily(t, { by: await as('reception') })).id;
    const notTheirs = await volunteer.request('POST', '/api/v1/requests', {
      idempotencyKey: randomUUID(),
      familyId: receptionFamily,
      typeCode: 'training-enrolment',
      channel: 'volunteer',
    });
    expect(notTheirs.statusCode).toBe(404);

    const request = await draft(volunteer, familyId, 'volunteer');
    expect(request).toMatchObject({ channel: 'volunteer', status: 'draft' });
    expect((await volunteer.request('GET', `/api/v1/requests/${request.id}`)).statusCode).toBe(200);
    expect((await volunteer.request('GET', '/api/v1/requests?list=reception')).json().items.map((r: { id: string }) => r.id)).toContain(
      request.id,
    );
    // Another volunteer: not there, in the list or by id.
    const other = await as('otherVolunteer');
    expect((await other.request('GET', `/api/v1/requests/${request.id}`)).statusCode).toBe(404);
    expect((await other.request('GET', '/api/v1/requests?list=all')).json().items).toEqual([]);
    expect((await other.request('POST', `/api/v1/requests/${request.id}/transitions`, { action: 'submit' })).statusCode).toBe(404);

    // The family signs on the volunteer's screen; the volunteer submits; then the request is out of their sight.
    const signed = await volunteer.request('POST', `/api/v1/requests/${request.id}/attestations`, {
      method: 'signature-pad',
      signaturePng: SIGNATURE,
      dataSha256: request.dataSha256,
    });
    expect(signed.statusCode, signed.body).toBe(201);
    const submitted = await volunteer.request('POST', `/api/v1/requests/${request.id}/transitions`, { action: 'submit' });
    // Submitted: no longer theirs to see — the move is answered 202 with where it went, not 404 (A6).
    expect(submitted.statusCode, submitted.body).toBe(202);
    expect(submitted.json()).toEqual({ id: request.id, reference: expect.stringMatching(/^REQ-/), status: 'complete', isHandedOver: true });
    expect((await volunteer.request('GET', `/api/v1/requests/${request.id}`)).statusCode).toBe(404);
    expect((await volunteer.request('GET', '/api/v1/requests?list=all')).json().items).toEqual([]);
    const seen = (await (await as('reception')).request('GET', `/api/v1/requests/${request.id}`)).json();
    expect(seen).toMatchObject({ status: 'complete', channel: 'volunteer', createdBy: staff.volunteer.id });
    expect(seen.deadline).not.toBeNull();
  });
});

describe(`paper attestation (C4) [${ENGINE}]`, () => {
  const printedCode = (form: string) => /data-testid="form-code">([0-9A-F-]+)</.exec(form)?.[1] ?? '';
  const printForm = async (agent: Agent, id: string) => {
    const form = await t.app.inject({
      method: 'GET',
      url: `/api/v1/requests/${id}/attestation-form`,
      cookies: { [SESSION_COOKIE]: agent.cookie },
    });
    expect(form.statusCode).toBe(200);
    return form;
  };
  const attestations = (id: string) => t.ctx.db.selectFrom('request_attestations').selectAll().where('request_id', '=', id).execute();
  const scans = (id: string) =>
    t.ctx.db.selectFrom('files').select('id').where('owner_type', '=', 'request-attestation').where('owner_id', '=', id).execute();

  it('C4: the printable Arabic form, the signed scan uploaded with the code printed on it as the attestation (a file in the store), then submitted', async () => {
    const reception = await as('reception');
    const family = await buildFamily(t, { by: reception, headNameAr: 'نورة سعد العتيبي' });
    const request = await draft(reception, family.id, 'interview');

    const form = await printForm(reception, request.id);
    expect(form.headers['content-type']).toContain('text/html');
    expect(form.body).toContain('dir="rtl"');
    // Printed on A4 (the frame's print stylesheet).
    expect(form.body).toContain('@page { size: A4;');
    expect(form.body).toContain(request.dataSha256);
    expect(form.body).toContain('نورة سعد العتيبي');
    // The family's core data the hash covers is on the paper too (C4): the mobile as registered.
    expect(form.body).toMatch(/<th>الجوال<\/th><td><bdi dir="ltr" class="nowrap">\+9665\d{8}<\/bdi>/);
    // The short code: the hash's first 12 hex digits, upper case, in fours.
    const code = printedCode(form.body);
    expect(code).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
    expect(code.replaceAll('-', '').toLowerCase()).toBe(request.dataSha256.slice(0, 12));

    // Refused, nothing stored: no code, a code too short, a code of other data, HTML posing as a PDF, a path in the name.
    const url = `/api/v1/requests/${request.id}/attestations`;
    const noCode = await upload(reception, url, {}, { name: 'scan.pdf', bytes: PDF });
    expect(noCode.statusCode).toBe(400);
    expect(noCode.json().errors[0]).toMatchObject({ pointer: '/formCode', code: 'field.required' });
    const short = await upload(reception, url, { formCode: code.slice(0, 9) }, { name: 'scan.pdf', bytes: PDF });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0]).toMatchObject({ pointer: '/formCode', code: 'attestation.form-code-invalid' });
    const other = await upload(reception, url, { formCode: 'aaaa-aaaa-aaaa' }, { name: 'scan.pdf', bytes: PDF });
    expect(other.statusCode, other.body).toBe(409);
    expect(other.json().code).toBe('attestation.stale-form');
    const html = await upload(
      reception,
      url,
      { formCode: code },
      { name: 'scan.pdf', bytes: Buffer.from('<html><script>alert(1)</script></html>') },
    );
    expect(html.statusCode).toBeGreaterThanOrEqual(400);
    const path = await upload(reception, url, { formCode: code }, { name: '../scan.pdf', bytes: PDF });
    expect(path.statusCode).toBeGreaterThanOrEqual(400);
    expect((await reception.request('GET', `/api/v1/requests/${request.id}`)).json().attestation).toBeNull();
    expect(await scans(request.id)).toEqual([]);

    // Typed as staff read it off the paper: lower case, spaces instead of dashes.
    const typed = ` ${code.toLowerCase().replaceAll('-', ' ')} `;
    const attested = await upload(reception, url, { formCode: typed }, { name: 'signed-form.pdf', bytes: PDF });
    expect(attested.statusCode, attested.body).toBe(201);
    const attestation = attested.json().attestation;
    expect(attestation).toMatchObject({ method: 'paper', dataSha256: request.dataSha256, witnessId: staff.reception.id, voidedAt: null });
    expect(attestation.evidenceFileId).toBeTruthy();
    const file = await t.ctx.db.selectFrom('files').selectAll().where('id', '=', attestation.evidenceFileId).executeTakeFirst();
    expect(file).toBeDefined();

    const submitted = await reception.request('POST', `/api/v1/requests/${request.id}/transitions`, { action: 'submit' });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().status).toBe('complete');
    expect(submitted.json().history.map((h: { event: string }) => h.event)).toEqual(expect.arrayContaining(['attested', 'submit']));
  });

  it('C4: a scan of a form printed before the data changed is refused with 409 attestation.stale-form, nothing stored; the form printed again is accepted', async () => {
    const reception = await as('reception');
    const request = await draft(reception, (await buildFamily(t, { by: reception })).id, 'interview');
    const before = printedCode((await printForm(reception, request.id)).body);

    // The answers change after the form was printed (and signed on paper).
    const current = (await reception.request('GET', `/api/v1/requests/${request.id}`)).json();
    const changed = await reception.request('PATCH', `/api/v1/requests/${request.id}`, {
      answers: { 'trainee-name': 'سارة سعد' },
      version: current.version,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().dataSha256).not.toBe(request.dataSha256);

    const url = `/api/v1/requests/${request.id}/attestations`;
    for (const formCode of [before, request.dataSha256]) {
      const stale = await upload(reception, url, { formCode }, { name: 'signed-form.pdf', bytes: PDF });
      expect(stale.statusCode, stale.body).toBe(409);
      expect(stale.headers['content-type']).toContain('application/problem+json');
      expect(stale.json()).toMatchObject({ status: 409, code: 'attestation.stale-form' });
    }
    expect(await attestations(request.id)).toEqual([]);
    expect(await scans(request.id)).toEqual([]);
    const unchanged = (await reception.request('GET', `/api/v1/requests/${request.id}`)).json();
    expect(unchanged.attestation).toBeNull();
    expect(unchanged.version).toBe(changed.json().version);

    const again = printedCode((await printForm(reception, request.id)).body);
    expect(again).not.toBe(before);
    const attested = await upload(reception, url, { formCode: again }, { name: 'signed-form.pdf', bytes: PDF });
    expect(attested.statusCode, attested.body).toBe(201);
    expect(attested.json().attestation).toMatchObject({ method: 'paper', dataSha256: changed.json().dataSha256 });
    expect(await scans(request.id)).toHaveLength(1);
  });
});
