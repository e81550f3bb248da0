import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, buildStaff, createTestApp, ENGINE, type StaffFixture, sessionFor, type TestApp } from './harness.js';

/**
 * Issue 19 §2: a staff account in the list and its details say what this user may do with it now
 * (edit, deactivate, reactivate, reset), from the staff policy; HR reads accounts without any of
 * them, and calling an action anyway answers 403.
 */
let t: TestApp;
let admin: Agent;
let adminStaff: StaffFixture;
let hr: Agent;
let clerk: StaffFixture;

const NONE = { edit: false, deactivate: false, reactivate: false, reset: false };

beforeAll(async () => {
  t = await createTestApp();
  adminStaff = await buildStaff(t, { roles: ['administrator'] });
  admin = await sessionFor(t, adminStaff);
  hr = await sessionFor(t, await buildStaff(t, { roles: ['hr'] }));
  clerk = await buildStaff(t, { roles: ['reception'] });
});
afterAll(async () => {
  await t.close();
});

async function abilitiesOf(agent: Agent, id: string) {
  const detail = await agent.request('GET', `/api/v1/staff/users/${id}`);
  expect(detail.statusCode, detail.body).toBe(200);
  const list = await agent.request('GET', '/api/v1/staff/users?pageSize=100');
  expect(list.statusCode, list.body).toBe(200);
  const item = list.json().items.find((row: { id: string }) => row.id === id);
  if (item) expect(item.abilities).toEqual(detail.json().abilities);
  return detail.json().abilities;
}

describe(`staff account abilities (issue 19 §2) [${ENGINE}]`, () => {
  it('administrators manage accounts but never deactivate their own; HR reads without any ability and is refused', async () => {
    expect(await abilitiesOf(admin, clerk.id)).toEqual({ edit: true, deactivate: true, reactivate: false, reset: true });
    expect(await abilitiesOf(admin, adminStaff.id)).toEqual({ edit: true, deactivate: false, reactivate: false, reset: true });
    expect((await admin.request('POST', `/api/v1/staff/users/${adminStaff.id}/deactivate`)).statusCode).toBe(409);
    expect(await abilitiesOf(hr, clerk.id)).toEqual(NONE);
    expect((await hr.request('POST', `/api/v1/staff/users/${clerk.id}/deactivate`)).statusCode).toBe(403);
    expect((await hr.request('PATCH', `/api/v1/staff/users/${clerk.id}`, { displayName: 'موظف' })).statusCode).toBe(403);
    expect((await hr.request('POST', `/api/v1/staff/users/${clerk.id}/reset`, { resetTotp: false })).statusCode).toBe(403);

    const deactivated = await admin.request('POST', `/api/v1/staff/users/${clerk.id}/deactivate`);
    expect(deactivated.statusCode).toBe(200);
    expect(deactivated.json().abilities).toEqual({ edit: true, deactivate: false, reactivate: true, reset: true });
    expect(await abilitiesOf(hr, clerk.id)).toEqual(NONE);
    expect((await hr.request('POST', `/api/v1/staff/users/${clerk.id}/reactivate`)).statusCode).toBe(403);
  });
});
