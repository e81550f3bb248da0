import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { familyBody } from './factories.js';
import { type Agent, buildStaff, createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';

/**
 * Issue 19 §2: what a user may start where no record is involved yet (register, export or import
 * families, create a request) comes with the session, from each area's policy; a role without an
 * ability never receives it, and calling the route anyway answers 403.
 */
let t: TestApp;
const agents: Record<string, Agent> = {};

beforeAll(async () => {
  t = await createTestApp();
  for (const role of ['reception', 'volunteer', 'administrator', 'management', 'hr', 'committee-member'] as const)
    agents[role] = await sessionFor(t, await buildStaff(t, { roles: [role] }));
});
afterAll(async () => {
  await t.close();
});

const canOf = async (role: string) => {
  const session = await (agents[role] as Agent).request('GET', '/api/v1/auth/session');
  expect(session.statusCode, session.body).toBe(200);
  return session.json().user.can;
};

describe(`session abilities (issue 19 §2) [${ENGINE}]`, () => {
  it('each role receives what the routes allow it to start, and nothing else', async () => {
    const none = { registerFamily: false, exportFamilies: false, importFamilies: false, createRequest: false, registerCase: false };
    const all = { registerFamily: true, exportFamilies: true, importFamilies: true, createRequest: true, registerCase: true };
    expect(await canOf('reception')).toEqual(all);
    // A6 (issue 27 §3): a volunteer files complaints and inquiries on a family's behalf too.
    expect(await canOf('volunteer')).toEqual({ ...none, registerFamily: true, createRequest: true, registerCase: true });
    expect(await canOf('administrator')).toEqual({ ...none, exportFamilies: true, importFamilies: true });
    expect(await canOf('management')).toEqual({ ...none, exportFamilies: true });
    expect(await canOf('hr')).toEqual(none);
    expect(await canOf('committee-member')).toEqual(none);
  });

  it('calling a route without the ability answers 403', async () => {
    const hr = agents.hr as Agent;
    expect((await hr.request('POST', '/api/v1/families', familyBody())).statusCode).toBe(403);
    expect((await (agents.administrator as Agent).request('POST', '/api/v1/families', familyBody())).statusCode).toBe(403);
    expect((await (agents.management as Agent).request('POST', '/api/v1/families/export', { format: 'csv' })).statusCode).not.toBe(403);
    expect((await hr.request('POST', '/api/v1/families/export', { format: 'csv' })).statusCode).toBe(403);
    const request = {
      idempotencyKey: crypto.randomUUID(),
      familyId: crypto.randomUUID(),
      typeCode: 'x',
      channel: 'interview',
      answers: {},
    };
    expect((await (agents.management as Agent).request('POST', '/api/v1/requests', request)).statusCode).toBe(403);
    const complaint = { kind: 'complaint', channel: 'fax', topic: 'x', description: 'وصلتنا رسالة بالفاكس عن تأخر الدعم.' };
    expect((await (agents.management as Agent).request('POST', '/api/v1/complaints/intake', complaint)).statusCode).toBe(403);
  });
});
