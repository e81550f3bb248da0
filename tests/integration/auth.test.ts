import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../../src/platform/crypto/totp.js';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '../../src/platform/http/sessions.js';
import { agentFor, buildStaff, cookieFrom, createTestApp, ENGINE, signIn, TEST_PASSWORD, type TestApp } from './harness.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const signInRequest = (username: string, password: string, ip = '10.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username, password }, remoteAddress: ip });

describe(`sign-in [${ENGINE}]`, () => {
  it('signs in a reception user without a second factor and sets a safe cookie', async () => {
    const staff = await buildStaff(t, { roles: ['reception'] });
    const response = await signInRequest(staff.username, TEST_PASSWORD);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ stage: 'active', user: { username: staff.username, roles: ['reception'] } });
    const cookie = response.cookies.find((c) => c.name === 'sila_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy(); // plain HTTP here
    const session = await agentFor(t, cookie?.value as string, response.json().csrfToken).request('GET', '/api/v1/auth/session');
    expect(session.statusCode).toBe(200);
  });

  it('marks the cookie Secure behind a trusted TLS proxy', async () => {
    // A second app on the same database with trust proxy on, as an operator behind a TLS terminator would run it.
    const { buildApp } = await import('../../src/app.js');
    const app = await buildApp({ ctx: { ...t.ctx, config: { ...t.ctx.config, trustProxy: true } }, logger: false });
    const staff = await buildStaff(t, { roles: ['reception'] });
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { username: staff.username, password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    expect(response.cookies.find((c) => c.name === 'sila_session')?.secure).toBe(true);
    expect(response.headers['strict-transport-security']).toContain('max-age=');
    await app.close();
  });

  it('answers an unknown user and a wrong password alike (no enumeration)', async () => {
    const staff = await buildStaff(t, { roles: ['reception'] });
    const wrong = await signInRequest(staff.username, 'not the password at all');
    const unknown = await signInRequest('nobody-here', 'not the password at all');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect(wrong.json().code).toBe('auth.invalid-credentials');
  });

  it('refuses a deactivated account with the same answer as a wrong password', async () => {
    const staff = await buildStaff(t, { roles: ['reception'] });
    await t.ctx.db.updateTable('staff_users').set({ is_active: 0 }).where('id', '=', staff.id).execute();
    const response = await signInRequest(staff.username, TEST_PASSWORD);
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('auth.invalid-credentials');
  });

  it('throttles an account after 5 failures, also for the right password, for known and unknown names alike', async () => {
    const staff = await buildStaff(t, { roles: ['reception'] });
    for (let i = 0; i < 5; i++) {
      expect((await signInRequest(staff.username, 'wrong password', `10.0.1.${i}`)).statusCode).toBe(401);
      expect((await signInRequest('ghost-user', 'wrong password', `10.0.2.${i}`)).statusCode).toBe(401);
    }
    const locked = await signInRequest(staff.username, TEST_PASSWORD, '10.0.3.1');
    const lockedGhost = await signInRequest('ghost-user', TEST_PASSWORD, '10.0.3.2');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('auth.throttled');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(lockedGhost.json()).toEqual(locked.json());
    // The lock is kept in the database, so another instance sees it too.
    const rows = await t.ctx.db.selectFrom('sign_in_throttle').selectAll().execute();
    expect(rows.some((r) => r.key === `account:${staff.username}` && r.locked_until)).toBe(true);
    t.clock.advance(15 * 60_000 + 1000);
    expect((await signInRequest(staff.username, TEST_PASSWORD, '10.0.3.1')).statusCode).toBe(200);
  });

  it('throttles an address after 20 failures across accounts', async () => {
    for (let i = 0; i < 20; i++) await signInRequest(`someone${i}`, 'wrong password', '10.9.9.9');
    const staff = await buildStaff(t, { roles: ['reception'] });
    expect((await signInRequest(staff.username, TEST_PASSWORD, '10.9.9.9')).statusCode).toBe(429);
    expect((await signInRequest(staff.username, TEST_PASSWORD, '10.9.9.10')).statusCode).toBe(200);
  });
  it('limits sign-in requests per address per minute, as problem+json', async () => {
    const staff = await buildStaff(t, { roles: ['reception'] });
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await signInRequest(staff.username, TEST_PASSWORD, '10.7.7.7')).statusCode);
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    const limited = await signInRequest(staff.username, TEST_PASSWORD, '10.7.7.7');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.json().code).toBe('request.rate-limited');
    expect(limited.headers['retry-after']).toBeDefined();
  });
});

describe(`sessions [${ENGINE}]`, () => {
  it('issues a new session id at every sign-in', async () => {
    const staff = await buildStaff(t, { roles: ['reception'] });
    const first = cookieFrom(await signInRequest(staff.username, TEST_PASSWORD));
    const second = cookieFrom(await signInRequest(staff.username, TEST_PASSWORD));
    expect(first).toBeTruthy();
    expect(second).not.toBe(first);
  });

  it('stores only a hash of the session id', async () => {
    const staff = await buildStaff(t, { roles: ['reception'] });
    const token = cookieFrom(await signInRequest(staff.username, TEST_PASSWORD)) as string;
    const rows = await t.ctx.db.selectFrom('sessions').select('id_hash').execute();
    expect(rows.map((r) => r.id_hash)).not.toContain(token);
  });

  it('ends after 30 minutes idle', async () => {
    const agent = await signIn(t, await buildStaff(t, { roles: ['reception'] }));
    t.clock.advance(SESSION_IDLE_MS - 60_000);
    expect((await agent.request('GET', '/api/v1/auth/session')).statusCode).toBe(200);
    t.clock.advance(SESSION_IDLE_MS - 60_000); // active use keeps it alive
    expect((await agent.request('GET', '/api/v1/auth/session')).statusCode).toBe(200);
    t.clock.advance(SESSION_IDLE_MS);
    const expired = await agent.request('GET', '/api/v1/auth/session');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('auth.session-expired');
  });

  it('ends 12 hours after sign-in however active', async () => {
    const agent = await signIn(t, await buildStaff(t, { roles: ['reception'] }));
    for (let elapsed = 0; elapsed < SESSION_ABSOLUTE_MS - 20 * 60_000; elapsed += 20 * 60_000) {
      t.clock.advance(20 * 60_000);
      expect((await agent.request('GET', '/api/v1/auth/session')).statusCode).toBe(200);
    }
    t.clock.advance(40 * 60_000);
    expect((await agent.request('GET', '/api/v1/auth/session')).statusCode).toBe(401);
  });

  it('ends at sign-out', async () => {
    const agent = await signIn(t, await buildStaff(t, { roles: ['reception'] }));
    expect((await agent.request('POST', '/api/v1/auth/sign-out')).statusCode).toBe(200);
    expect((await agent.request('GET', '/api/v1/auth/session')).statusCode).toBe(401);
  });

  it('a staff member deactivated while signed in gets 401 on the next request', async () => {
    const admin = await signIn(t, await buildStaff(t, { roles: ['administrator'] }));
    const staff = await buildStaff(t, { roles: ['reception'] });
    const agent = await signIn(t, staff);
    expect((await agent.request('GET', '/api/v1/settings/taxonomies')).statusCode).toBe(200);
    expect((await admin.request('POST', `/api/v1/staff/users/${staff.id}/deactivate`)).statusCode).toBe(200);
    expect((await agent.request('GET', '/api/v1/settings/taxonomies')).statusCode).toBe(401);
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const agent = await signIn(t, await buildStaff(t, { roles: ['reception'] }));
    const response = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/me/preferences',
      cookies: { sila_session: agent.cookie },
      payload: { language: 'en' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('auth.csrf');
    expect((await agent.request('PUT', '/api/v1/me/preferences', { language: 'en' })).statusCode).toBe(200);
  });

  it('refuses writes from another origin', async () => {
    const staff = await buildStaff(t, { roles: ['reception'] });
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { origin: 'https://evil.example', host: 'localhost:3000' },
      payload: { username: staff.username, password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('auth.cross-origin');
  });
});

describe(`first sign-in and the second factor [${ENGINE}]`, () => {
  it('walks an administrator through password change and authenticator enrolment', async () => {
    const { ensureFirstAdministrator } = await import('../../src/modules/staff/staff.service.js');
    const first = await ensureFirstAdministrator(t.ctx);
    expect(first?.oneTimePassword).toMatch(/^[2-9A-Z]{4}(-[2-9A-Z]{4}){3}$/);
    expect(await ensureFirstAdministrator(t.ctx)).toBeNull(); // only on an empty database

    const start = await signInRequest('admin', first?.oneTimePassword as string);
    expect(start.json().stage).toBe('password-change');
    let agent = agentFor(t, cookieFrom(start) as string, start.json().csrfToken);

    // Until the password is changed, nothing else opens.
    expect((await agent.request('GET', '/api/v1/staff/users')).json().code).toBe('auth.stage.password-change');

    const common = await agent.request('POST', '/api/v1/auth/password', {
      currentPassword: first?.oneTimePassword,
      newPassword: 'password1',
    });
    expect(common.statusCode).toBe(400);
    expect(common.json().errors).toEqual([expect.objectContaining({ pointer: '/newPassword', code: 'password.common' })]);

    const changed = await agent.request('POST', '/api/v1/auth/password', {
      currentPassword: first?.oneTimePassword,
      newPassword: 'a calm teal evening',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().stage).toBe('mfa-enroll'); // required for administrators
    expect(cookieFrom(changed)).not.toBe(agent.cookie); // new id at each step up
    expect((await agent.request('GET', '/api/v1/auth/session')).statusCode).toBe(401); // the old id is gone
    agent = agentFor(t, cookieFrom(changed) as string, changed.json().csrfToken);

    const enrolment = await agent.request('POST', '/api/v1/auth/totp/enrolment');
    expect(enrolment.statusCode).toBe(200);
    const { secret, otpauthUri, qrSvg } = enrolment.json();
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(qrSvg).toContain('<svg');
    const stored = await t.ctx.db.selectFrom('staff_users').select('totp_secret').where('username', '=', 'admin').executeTakeFirstOrThrow();
    expect(stored.totp_secret).not.toContain(secret); // encrypted at rest

    const wrongCode = await agent.request('POST', '/api/v1/auth/totp/enrolment/confirm', { code: '000000' });
    expect(wrongCode.statusCode).toBe(400);
    const confirmed = await agent.request('POST', '/api/v1/auth/totp/enrolment/confirm', { code: await totpCodeAt(secret, t.clock.now()) });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({ stage: 'active', user: { hasTotp: true } });
    agent = agentFor(t, cookieFrom(confirmed) as string, confirmed.json().csrfToken);
    expect((await agent.request('GET', '/api/v1/staff/users')).statusCode).toBe(200);

    // Next sign-in: password, then a code; the code just used at enrolment is refused (replay).
    const again = await signInRequest('admin', 'a calm teal evening');
    expect(again.json().stage).toBe('mfa');
    const mfa = agentFor(t, cookieFrom(again) as string, again.json().csrfToken);
    const replay = await mfa.request('POST', '/api/v1/auth/totp/verify', { code: await totpCodeAt(secret, t.clock.now()) });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().errors[0].code).toBe('totp.invalid');
    t.clock.advance(30_000);
    const fresh = await mfa.request('POST', '/api/v1/auth/totp/verify', { code: await totpCodeAt(secret, t.clock.now()) });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json().stage).toBe('active');
    // ...and that code cannot be used a second time either.
    const again2 = await signInRequest('admin', 'a calm teal evening');
    const mfa2 = agentFor(t, cookieFrom(again2) as string, again2.json().csrfToken);
    expect((await mfa2.request('POST', '/api/v1/auth/totp/verify', { code: await totpCodeAt(secret, t.clock.now()) })).statusCode).toBe(
      400,
    );
  });

  it('requires an authenticator for other roles only when the setting says so', async () => {
    const staff = await buildStaff(t, { roles: ['reception'] });
    expect((await signInRequest(staff.username, TEST_PASSWORD)).json().stage).toBe('active');
    const admin = await signIn(t, await buildStaff(t, { roles: ['administrator'] }));
    expect((await admin.request('PUT', '/api/v1/settings/security', { mfaRequiredRoles: ['reception'] })).statusCode).toBe(200);
    expect((await signInRequest(staff.username, TEST_PASSWORD)).json().stage).toBe('mfa-enroll');
  });

  it('a staff member may change their own password later and other sessions end', async () => {
    const staff = await buildStaff(t, { roles: ['hr'] });
    const one = await signIn(t, staff);
    const two = await signIn(t, staff);
    const wrong = await one.request('POST', '/api/v1/auth/password', {
      currentPassword: 'nope nope nope',
      newPassword: 'another fine phrase',
    });
    expect(wrong.json().errors[0]).toMatchObject({ pointer: '/currentPassword', code: 'password.current-wrong' });
    const same = await one.request('POST', '/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD });
    expect(same.json().errors[0].code).toBe('password.unchanged');
    const ok = await one.request('POST', '/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'another fine phrase' });
    expect(ok.statusCode).toBe(200);
    expect((await two.request('GET', '/api/v1/auth/session')).statusCode).toBe(401);
    expect((await signInRequest(staff.username, 'another fine phrase')).statusCode).toBe(200);
  });

  it('remembers the language per user', async () => {
    const staff = await buildStaff(t, { roles: ['reception'] });
    const agent = await signIn(t, staff);
    await agent.request('PUT', '/api/v1/me/preferences', { language: 'en' });
    const again = await signIn(t, staff);
    expect((await again.request('GET', '/api/v1/auth/session')).json().user.language).toBe('en');
  });
});
