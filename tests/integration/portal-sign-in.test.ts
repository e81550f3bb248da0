import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PORTAL_COOKIE, SESSION_COOKIE } from '../../src/platform/http/auth-plugin.js';
import { buildFamily, buildStaff, type FamilyFixture, newNationalId, type StaffFixture } from './factories.js';
import { agentFor, createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';
import { lastCodeSentTo, MARYAM, portalAgentFor, portalPost, setSmsGateway, signInFamily } from './portal-support.js';

/**
 * Issue 5 §2 and "Bad input": a family signs in to the portal with its head's ID number and a
 * one-time code sent by SMS to its registered mobile. The answer never tells whether an ID number
 * is registered; codes are single use, ten minutes, five tries; sign-in is throttled in the
 * database; the family session has its own cookie and times out after 30 idle minutes.
 */
let t: TestApp;
let receptionist: StaffFixture;
let family: FamilyFixture;
let addressSerial = 10;

/** Each test comes from its own address, so the per-address throttle of one never blocks another. */
function nextAddress(): string {
  addressSerial += 1;
  return `198.51.100.${addressSerial}`;
}

const start = (nationalId: string, address: string) => portalPost(t, '/api/v1/portal/sign-in/start', { nationalId }, address);
const verify = (nationalId: string, code: string, address: string) =>
  portalPost(t, '/api/v1/portal/sign-in/verify', { nationalId, code }, address);
const wrongCodeFor = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

beforeAll(async () => {
  t = await createTestApp();
  receptionist = await buildStaff(t, { roles: ['reception'] });
  family = await buildFamily(t, { by: receptionist, ...MARYAM });
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => {
  setSmsGateway(t, true);
  // Past every throttle window and lock of the test before.
  t.clock.advance(31 * 60_000);
});

describe(`portal sign-in by one-time code (issue 5 §2) [${ENGINE}]`, () => {
  it('answers 202 alike for a registered ID, an unregistered one and a family without a mobile; only the first gets an SMS', async () => {
    const withoutMobile = await buildFamily(t, { by: receptionist, mobile: undefined, agreedChannel: 'letter', address: 'حي الشاطئ' });
    const unknownId = newNationalId();
    const address = nextAddress();
    const answers = [
      await start(family.nationalId, address),
      await start(unknownId, address),
      await start(withoutMobile.nationalId, address),
    ];
    for (const answer of answers) expect(answer.statusCode).toBe(202);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(answers[0]?.json()).toEqual({ delivery: 'sent', codeLength: 6, expiresInMinutes: 10 });
    expect(answers[0]?.cookies).toEqual([]);

    const messages = await t.ctx.db
      .selectFrom('outbox_messages')
      .select(['recipient_id', 'channel', 'is_sensitive', 'expires_at'])
      .where('event', '=', 'auth.one-time-code')
      .execute();
    expect(messages.map((m) => m.recipient_id)).toEqual([family.id]);
    expect(messages[0]).toMatchObject({ channel: 'sms', is_sensitive: 1 });
    expect(Date.parse(messages[0]?.expires_at as string) - t.clock.now().getTime()).toBe(10 * 60_000);
    // The same work either way: a code row for each ID number typed, each throttled alike.
    const codes = await t.ctx.db.selectFrom('portal_codes').select(['family_id']).where('purpose', '=', 'sign-in').execute();
    expect(codes.map((c) => c.family_id).sort()).toEqual([family.id, null, null].sort());
    // The code is stored only as a keyed hash; the audit never holds the ID number.
    const code = await lastCodeSentTo(t, family.id);
    const stored = JSON.stringify(await t.ctx.db.selectFrom('portal_codes').selectAll().execute());
    expect(stored).not.toContain(code);
    const audit = JSON.stringify(await t.ctx.db.selectFrom('audit_events').selectAll().execute());
    for (const id of [family.nationalId, unknownId, withoutMobile.nationalId]) expect(audit).not.toContain(id);
  });

  it('without an SMS gateway tells everyone alike to apply at reception, and sends nothing', async () => {
    setSmsGateway(t, false);
    const before = await t.ctx.db.selectFrom('outbox_messages').select('id').execute();
    const address = nextAddress();
    const known = await start(family.nationalId, address);
    const unknown = await start(newNationalId(), address);
    expect(known.statusCode).toBe(202);
    expect(known.json()).toEqual({ delivery: 'unavailable', codeLength: 6, expiresInMinutes: 10 });
    expect(unknown.body).toBe(known.body);
    expect(await t.ctx.db.selectFrom('outbox_messages').select('id').execute()).toHaveLength(before.length);
  });

  it('refuses a malformed ID number or code with 400 naming the field', async () => {
    const address = nextAddress();
    const badId = await start('1234567890', address);
    expect(badId.statusCode).toBe(400);
    expect(badId.json().errors[0]).toMatchObject({ pointer: '/nationalId', code: 'nationalId.checksum' });
    const badCode = await verify(family.nationalId, '12ab', address);
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().errors[0]).toMatchObject({ pointer: '/code', code: 'code.format' });
    const extra = await portalPost(t, '/api/v1/portal/sign-in/start', { nationalId: family.nationalId, isAdmin: true }, address);
    expect(extra.statusCode).toBe(400);
  });

  it('opens a family session with its own cookie; /me shows the reference and name, never the ID number', async () => {
    const address = nextAddress();
    await start(family.nationalId, address);
    const code = await lastCodeSentTo(t, family.id);
    // Arabic-Indic digits as typed on an Arabic keyboard.
    const typed = code
      .split('')
      .map((d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)])
      .join('');
    const verified = await verify(family.nationalId, typed, address);
    expect(verified.statusCode).toBe(200);
    const cookie = verified.cookies.find((c) => c.name === PORTAL_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(verified.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
    expect(verified.json()).toMatchObject({ reference: family.reference, headName: 'مريم سعيد القحطاني' });

    const session = await t.ctx.db.selectFrom('sessions').selectAll().where('principal_id', '=', family.id).executeTakeFirstOrThrow();
    expect(session).toMatchObject({ principal_kind: 'family', stage: 'active' });
    expect(Date.parse(session.expires_at) - Date.parse(session.created_at)).toBe(2 * 3600_000);

    const me = await portalAgentFor(t, cookie?.value as string, verified.json().csrfToken).request('GET', '/api/v1/portal/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({ reference: family.reference, headName: 'مريم سعيد القحطاني', csrfToken: verified.json().csrfToken });
    expect(me.body).not.toContain(family.nationalId);
  });

  it('a code works once only; a reused code gets the same answer as a wrong one', async () => {
    const address = nextAddress();
    await start(family.nationalId, address);
    const code = await lastCodeSentTo(t, family.id);
    expect((await verify(family.nationalId, code, address)).statusCode).toBe(200);
    const reused = await verify(family.nationalId, code, address);
    const wrong = await verify(family.nationalId, wrongCodeFor(code), address);
    expect(reused.statusCode).toBe(400);
    expect(reused.json().code).toBe('portal.code-invalid');
    expect(wrong.body).toBe(reused.body);
  });

  it('a code expires after ten minutes; asking again ends the earlier code', async () => {
    const address = nextAddress();
    await start(family.nationalId, address);
    const first = await lastCodeSentTo(t, family.id);
    t.clock.advance(10 * 60_000);
    const late = await verify(family.nationalId, first, address);
    expect(late.statusCode).toBe(400);
    expect(late.json().code).toBe('portal.code-invalid');

    await start(family.nationalId, address);
    const second = await lastCodeSentTo(t, family.id);
    t.clock.advance(1000);
    await start(family.nationalId, address);
    const third = await lastCodeSentTo(t, family.id);
    if (second !== third) expect((await verify(family.nationalId, second, address)).statusCode).toBe(400);
    expect((await verify(family.nationalId, third, address)).statusCode).toBe(200);
  });

  it('a code dies after five wrong tries, even when the sixth is right', async () => {
    const address = nextAddress();
    await start(family.nationalId, address);
    const code = await lastCodeSentTo(t, family.id);
    for (let i = 0; i < 5; i += 1) expect((await verify(family.nationalId, wrongCodeFor(code), address)).statusCode).toBe(400);
    const right = await verify(family.nationalId, code, address);
    expect(right.statusCode).toBe(400);
    expect(right.json().code).toBe('portal.code-invalid');
    // A new code works (and clears the failures counted so far).
    await start(family.nationalId, address);
    expect((await verify(family.nationalId, await lastCodeSentTo(t, family.id), address)).statusCode).toBe(200);
  });

  it('too many wrong codes for one ID number lock its sign-in for 15 minutes, registered or not', async () => {
    for (const nationalId of [family.nationalId, newNationalId()]) {
      const address = nextAddress();
      await start(nationalId, address);
      await start(nationalId, address);
      for (let i = 0; i < 10; i += 1) expect((await verify(nationalId, '000000', address)).statusCode).toBe(400);
      const locked = await verify(nationalId, '000000', nextAddress());
      expect(locked.statusCode).toBe(429);
      expect(locked.json().code).toBe('portal.throttled');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
    }
    t.clock.advance(16 * 60_000);
    const address = nextAddress();
    await start(family.nationalId, address);
    expect((await verify(family.nationalId, await lastCodeSentTo(t, family.id), address)).statusCode).toBe(200);
  });

  it('at most five codes per ID number in 15 minutes, and thirty requests per address', async () => {
    const address = nextAddress();
    for (let i = 0; i < 5; i += 1) expect((await start(family.nationalId, address)).statusCode).toBe(202);
    const sixth = await start(family.nationalId, nextAddress());
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().code).toBe('portal.throttled');
    // An unregistered ID number is throttled the same way.
    const unknown = newNationalId();
    for (let i = 0; i < 5; i += 1) expect((await start(unknown, address)).statusCode).toBe(202);
    expect((await start(unknown, nextAddress())).statusCode).toBe(429);

    const busy = nextAddress();
    for (let i = 0; i < 30; i += 1) expect((await start(newNationalId(), busy)).statusCode).toBe(202);
    const refused = await start(newNationalId(), busy);
    expect(refused.statusCode).toBe(429);
  });

  it('the family session ends after 30 idle minutes and at sign-out; sign-out needs the CSRF token', async () => {
    const agent = await signInFamily(t, family, nextAddress());
    t.clock.advance(29 * 60_000);
    expect((await agent.request('GET', '/api/v1/portal/me')).statusCode).toBe(200);
    t.clock.advance(29 * 60_000);
    expect((await agent.request('GET', '/api/v1/portal/me')).statusCode).toBe(200);
    t.clock.advance(30 * 60_000);
    const idle = await agent.request('GET', '/api/v1/portal/me');
    expect(idle.statusCode).toBe(401);
    expect(idle.json().code).toBe('auth.session-expired');

    const next = await signInFamily(t, family, nextAddress());
    const withoutCsrf = await portalAgentFor(t, next.token, 'not-the-token').request('POST', '/api/v1/portal/sign-out');
    expect(withoutCsrf.statusCode).toBe(403);
    expect(withoutCsrf.json().code).toBe('auth.csrf');
    const out = await next.request('POST', '/api/v1/portal/sign-out');
    expect(out.statusCode).toBe(200);
    expect(out.cookies.find((c) => c.name === PORTAL_COOKIE)?.value).toBe('');
    expect((await next.request('GET', '/api/v1/portal/me')).statusCode).toBe(401);
  });

  it('signing in again ends the session the browser held', async () => {
    const first = await signInFamily(t, family, nextAddress());
    const address = nextAddress();
    await start(family.nationalId, address);
    const code = await lastCodeSentTo(t, family.id);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/sign-in/verify',
      payload: { nationalId: family.nationalId, code },
      cookies: { [PORTAL_COOKIE]: first.token },
      remoteAddress: address,
    });
    expect(again.statusCode).toBe(200);
    expect(again.cookies.find((c) => c.name === PORTAL_COOKIE)?.value).not.toBe(first.token);
    expect((await first.request('GET', '/api/v1/portal/me')).statusCode).toBe(401);

    // A staff token in the portal cookie is not ended by a family's sign-in.
    const staff = await sessionFor(t, receptionist);
    await start(family.nationalId, address);
    const withStaffToken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/sign-in/verify',
      payload: { nationalId: family.nationalId, code: await lastCodeSentTo(t, family.id) },
      cookies: { [PORTAL_COOKIE]: staff.cookie },
      remoteAddress: address,
    });
    expect(withStaffToken.statusCode).toBe(200);
    expect((await staff.request('GET', '/api/v1/auth/session')).statusCode).toBe(200);
  });

  it('a staff cookie never opens the portal, and a family cookie never opens the staff app', async () => {
    const staff = await sessionFor(t, receptionist);
    const asStaffOnPortal = await staff.request('GET', '/api/v1/portal/me');
    expect(asStaffOnPortal.statusCode).toBe(401);
    // Even a staff session's token put in the portal cookie.
    const staffTokenAsPortal = await portalAgentFor(t, staff.cookie, staff.csrf).request('GET', '/api/v1/portal/me');
    expect(staffTokenAsPortal.statusCode).toBe(401);

    const familyAgent = await signInFamily(t, family, nextAddress());
    for (const url of ['/api/v1/families', '/api/v1/auth/session', `/api/v1/families/${family.id}`]) {
      expect((await familyAgent.request('GET', url)).statusCode, url).toBe(401);
      // A family token in the staff cookie is refused too.
      expect((await agentFor(t, familyAgent.token, familyAgent.csrf).request('GET', url)).statusCode, url).toBe(401);
    }
    // The family session survives the refusals.
    expect((await familyAgent.request('GET', '/api/v1/portal/me')).statusCode).toBe(200);
  });
});
