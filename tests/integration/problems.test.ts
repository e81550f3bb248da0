import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, buildStaff, createTestApp, ENGINE, signIn, type TestApp } from './harness.js';

/** Issue 2 "Bad input": every failure leaves as problem+json naming the field, and nothing is stored. */
let t: TestApp;
let admin: Agent;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, await buildStaff(t, { roles: ['administrator'] }));
});
afterAll(async () => {
  await t.close();
});

const staffCount = async () =>
  Number(
    (
      await t.ctx.db
        .selectFrom('staff_users')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const validUser = {
  username: 'reception.one',
  displayName: 'موظفة الاستقبال',
  roles: ['reception'],
  scope: { categories: [], domains: [], offices: ['dammam'] },
};

function expectProblem(response: { statusCode: number; headers: Record<string, unknown>; json(): any }, status: number, code: string) {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toContain('application/problem+json');
  const body = response.json();
  expect(body).toMatchObject({ status, code, type: `urn:sila:problem:${code}` });
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  return body;
}

describe(`problem+json for bad input [${ENGINE}]`, () => {
  it.each([
    ['role', { role: 'administrator' }],
    ['isAdmin', { isAdmin: true }],
  ])('refuses the unknown field %s, naming it, and stores nothing', async (field, extra) => {
    const before = await staffCount();
    const body = expectProblem(await admin.request('POST', '/api/v1/staff/users', { ...validUser, ...extra }), 400, 'request.invalid');
    expect(body.errors).toContainEqual(expect.objectContaining({ pointer: `/${field}`, code: 'field.unknown' }));
    expect(await staffCount()).toBe(before);
  });

  it('refuses __proto__ in a body', async () => {
    const before = await staffCount();
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff/users',
      cookies: { sila_session: admin.cookie },
      headers: { 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
      payload: `{"username":"proto.user","displayName":"x","roles":["reception"],"scope":{"categories":[],"domains":[],"offices":[]},"__proto__":{"isAdmin":true}}`,
    });
    expectProblem(response, 400, 'request.forbidden-property');
    expect(await staffCount()).toBe(before);
  });

  it('names the field of a wrong type', async () => {
    const body = expectProblem(
      await admin.request('POST', '/api/v1/staff/users', { ...validUser, roles: 'reception' }),
      400,
      'request.invalid',
    );
    expect(body.errors).toContainEqual(expect.objectContaining({ pointer: '/roles', code: 'field.invalid-type' }));
  });

  it('names a missing field and an invalid choice', async () => {
    const { displayName: _omit, ...withoutName } = validUser;
    const body = expectProblem(
      await admin.request('POST', '/api/v1/staff/users', { ...withoutName, roles: ['king'] }),
      400,
      'request.invalid',
    );
    expect(body.errors).toContainEqual(expect.objectContaining({ pointer: '/displayName', code: 'field.required' }));
    expect(body.errors).toContainEqual(expect.objectContaining({ pointer: '/roles/0', code: 'field.invalid-choice' }));
  });

  it('refuses malformed JSON', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "admin", ',
    });
    expectProblem(response, 400, 'request.malformed-json');
  });

  it('refuses a body over the limit with 413', async () => {
    const before = await staffCount();
    const response = await admin.request('POST', '/api/v1/staff/users', { ...validUser, displayName: 'x'.repeat(300_000) });
    expectProblem(response, 413, 'request.too-large');
    expect(await staffCount()).toBe(before);
  });

  it('refuses an over-long text field by name', async () => {
    const body = expectProblem(
      await admin.request('POST', '/api/v1/staff/users', { ...validUser, displayName: 'ن'.repeat(121) }),
      400,
      'request.invalid',
    );
    expect(body.errors).toContainEqual(expect.objectContaining({ pointer: '/displayName', code: 'field.too-long' }));
  });

  it('refuses an unknown query parameter and a bad path id', async () => {
    expectProblem(await admin.request('GET', '/api/v1/staff/users?isAdmin=1'), 400, 'request.invalid');
    const body = expectProblem(await admin.request('GET', '/api/v1/staff/users/not-a-uuid'), 400, 'request.invalid');
    expect(body.errors[0].pointer).toBe('/id');
  });

  it('answers unknown endpoints and wrong content types as problems', async () => {
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' }), 404, 'not-found');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { 'content-type': 'text/plain' },
      payload: 'hello',
    });
    expectProblem(response, 415, 'request.unsupported-media-type');
  });

  it('keeps markup as plain text and never renders it as HTML', async () => {
    const script = '<script>alert(1)</script>';
    const created = await admin.request('POST', '/api/v1/staff/users', { ...validUser, username: 'markup.user', displayName: script });
    expect(created.statusCode).toBe(201);
    expect(created.json().user.displayName).toBe(script); // stored and returned as typed, as JSON text
    expect(created.headers['content-type']).toContain('application/json');

    const settings = (await admin.request('GET', '/api/v1/settings')).json();
    const saved = await admin.request('PUT', '/api/v1/settings/association', { ...settings.association, nameAr: `جمعية ${script}` });
    expect(saved.statusCode).toBe(200);
    const home = await t.app.inject({ method: 'GET', url: '/' });
    expect(home.body).not.toContain(script);
    expect(home.body).toContain('جمعية &lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('sends security headers', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/' });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("script-src 'self' 'unsafe-inline'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toBeUndefined(); // plain HTTP
  });

  it('serves the public home in Arabic, right to left, and in English on request', async () => {
    const ar = await t.app.inject({ method: 'GET', url: '/' });
    expect(ar.body).toMatch(/<html lang="ar" dir="rtl">/);
    const en = await t.app.inject({ method: 'GET', url: '/?lang=en' });
    expect(en.body).toMatch(/<html lang="en" dir="ltr">/);
    expect(en.cookies.find((c) => c.name === 'sila_lang')?.value).toBe('en');
    const staff = await t.app.inject({ method: 'GET', url: '/staff/users' });
    expect(staff.body).toMatch(/<html lang="ar" dir="rtl">/);
  });

  it('publishes OpenAPI 3.1 with the API routes', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/v1/staff/users');
    expect(doc.paths['/api/v1/staff/users'].post.requestBody).toBeDefined();
    expect((await t.app.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBeLessThan(400);
  });

  it('answers health and readiness', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready', engine: ENGINE });
  });
});
