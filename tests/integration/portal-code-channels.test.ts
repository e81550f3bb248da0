import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildFamily, buildStaff, type StaffFixture } from './factories.js';
import { type Agent, createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';
import { lastCodeSentTo, portalPost, setSmsGateway } from './portal-support.js';

/**
 * Issue 20 §7 (F2): portal sign-in codes go by SMS, WhatsApp (to the registered mobile) or e-mail
 * (only to an address staff verified), whichever the family's agreed channel and the configured
 * transports allow; with none configured the portal says sign-in is unavailable. The answer is the
 * same whatever channel carried the code, or whether one could be sent.
 */
let t: TestApp;
let receptionist: StaffFixture;
let reception: Agent;
let address = 40;

const start = (nationalId: string) => {
  address += 1;
  return portalPost(t, '/api/v1/portal/sign-in/start', { nationalId }, `198.51.100.${address}`);
};
const codeMessages = (familyId: string) =>
  t.ctx.db
    .selectFrom('outbox_messages')
    .select(['channel'])
    .where('event', '=', 'auth.one-time-code')
    .where('recipient_id', '=', familyId)
    .execute();
const transports = (which: { sms?: boolean; whatsapp?: boolean; email?: boolean }) => {
  setSmsGateway(t, which.sms === true);
  t.ctx.config.transports.whatsappToken = which.whatsapp ? 'token' : undefined;
  t.ctx.config.transports.whatsappPhoneNumberId = which.whatsapp ? '1234' : undefined;
  t.ctx.config.transports.smtpUrl = which.email ? 'smtp://127.0.0.1:9' : undefined;
};

beforeAll(async () => {
  t = await createTestApp();
  receptionist = await buildStaff(t, { roles: ['reception'] });
  reception = await sessionFor(t, receptionist);
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  // Past the portal's throttle windows; reception signs in again (a session idles out after 30 minutes).
  t.clock.advance(31 * 60_000);
  reception = await sessionFor(t, receptionist);
});

describe(`portal codes over more channels (issue 20 §7) [${ENGINE}]`, () => {
  it('F2: an e-mail code goes only to an address staff verified; a new address must be verified again', async () => {
    transports({ email: true });
    const family = await buildFamily(t, { by: receptionist, agreedChannel: 'email', email: 'noura.family@example.org' });
    expect((await start(family.nationalId)).json()).toMatchObject({ delivery: 'sent' });
    expect(await codeMessages(family.id)).toEqual([]);

    let current = (await reception.request('GET', `/api/v1/families/${family.id}`)).json();
    expect(current.emailVerifiedAt).toBeNull();
    const verified = await reception.request('POST', `/api/v1/families/${family.id}/email-verification`, { version: current.version });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json().emailVerifiedAt).toBe(t.clock.now().toISOString());

    expect((await start(family.nationalId)).json()).toMatchObject({ delivery: 'sent' });
    expect(await codeMessages(family.id)).toEqual([{ channel: 'email' }]);
    const code = await lastCodeSentTo(t, family.id);
    const signedIn = await portalPost(t, '/api/v1/portal/sign-in/verify', { nationalId: family.nationalId, code }, `198.51.100.${address}`);
    expect(signedIn.statusCode, signedIn.body).toBe(200);

    current = verified.json();
    const changed = await reception.request('PATCH', `/api/v1/families/${family.id}`, {
      version: current.version,
      email: 'other@example.org',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().emailVerifiedAt).toBeNull();
    const audit = await t.ctx.db.selectFrom('audit_events').select('action').where('entity_id', '=', family.id).execute();
    expect(audit.map((a) => a.action)).toContain('family.email-verify');
  });

  it('takes the agreed channel when its transport is there, else the first that can carry a code', async () => {
    transports({ sms: true, whatsapp: true });
    const byWhatsapp = await buildFamily(t, { by: receptionist, agreedChannel: 'whatsapp' });
    await start(byWhatsapp.nationalId);
    expect(await codeMessages(byWhatsapp.id)).toEqual([{ channel: 'whatsapp' }]);

    transports({ sms: true });
    const byLetter = await buildFamily(t, { by: receptionist, agreedChannel: 'letter', address: 'حي الفيصلية' });
    await start(byLetter.nationalId);
    expect(await codeMessages(byLetter.id)).toEqual([{ channel: 'sms' }]);
  });

  it('says plainly that sign-in is unavailable when no transport can carry a code', async () => {
    transports({});
    const family = await buildFamily(t, { by: receptionist });
    expect((await start(family.nationalId)).json()).toEqual({ delivery: 'unavailable', codeLength: 6, expiresInMinutes: 10 });
    const page = await t.app.inject({ method: 'GET', url: '/portal' });
    expect(page.statusCode).toBe(200);
    transports({ sms: true });
  });

  it('rejects verifying an e-mail that is not there (409) or with a stale version (409), and out of scope (404)', async () => {
    const family = await buildFamily(t, { by: receptionist });
    const current = (await reception.request('GET', `/api/v1/families/${family.id}`)).json();
    const none = await reception.request('POST', `/api/v1/families/${family.id}/email-verification`, { version: current.version });
    expect(none.json()).toMatchObject({ status: 409, code: 'family.no-email' });
    const withEmail = await buildFamily(t, { by: receptionist, email: 'h@example.org' });
    const stale = await reception.request('POST', `/api/v1/families/${withEmail.id}/email-verification`, {
      version: withEmail.version + 5,
    });
    expect(stale.json()).toMatchObject({ status: 409, code: 'family.version-conflict' });
    const khobar = await sessionFor(
      t,
      await buildStaff(t, { roles: ['reception'], scope: { categories: [], domains: [], offices: ['khobar'] } }),
    );
    const outside = await khobar.request('POST', `/api/v1/families/${withEmail.id}/email-verification`, { version: withEmail.version });
    expect(outside.statusCode).toBe(404);
  });
});
