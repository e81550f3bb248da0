import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFamily, buildStaff, type FamilyFixture } from './factories.js';
import { type Agent, createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';

/**
 * Issue 19 §2: a family's list item and details carry what this user may do with it, from the
 * families policy; a role without an ability never receives it, and calling the action anyway
 * answers 403 (or 404 when the family is not theirs to see).
 */
let t: TestApp;
let reception: Agent;
let management: Agent;
let admin: Agent;
let volunteer: Agent;
let family: FamilyFixture;
let volunteersFamily: FamilyFixture;

beforeAll(async () => {
  t = await createTestApp();
  reception = await sessionFor(t, await buildStaff(t, { roles: ['reception'] }));
  management = await sessionFor(t, await buildStaff(t, { roles: ['management'] }));
  admin = await sessionFor(t, await buildStaff(t, { roles: ['administrator'] }));
  volunteer = await sessionFor(t, await buildStaff(t, { roles: ['volunteer'] }));
  family = await buildFamily(t, { by: reception });
  volunteersFamily = await buildFamily(t, { by: volunteer });
});
afterAll(async () => {
  await t.close();
});

async function abilitiesOf(agent: Agent, id: string) {
  const detail = await agent.request('GET', `/api/v1/families/${id}`);
  expect(detail.statusCode).toBe(200);
  const list = await agent.request('GET', '/api/v1/families?limit=100');
  expect(list.statusCode).toBe(200);
  const item = list.json().items.find((row: { id: string }) => row.id === id);
  expect(item.abilities).toEqual(detail.json().abilities);
  return detail.json().abilities;
}

describe(`family abilities (issue 19 §2) [${ENGINE}]`, () => {
  it('reception may edit the families in its scope, and does', async () => {
    expect(await abilitiesOf(reception, family.id)).toEqual({ edit: true, readAccessLog: false });
    const changed = await reception.request('PATCH', `/api/v1/families/${family.id}`, { version: family.version, city: 'الخبر' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().abilities.edit).toBe(true);
    family.version = changed.json().version;
  });

  it('management reads without edit or the access log, and a change answers 403', async () => {
    expect(await abilitiesOf(management, family.id)).toEqual({ edit: false, readAccessLog: false });
    const changed = await management.request('PATCH', `/api/v1/families/${family.id}`, { version: family.version, city: 'جدة' });
    expect(changed.statusCode).toBe(403);
    expect((await management.request('GET', `/api/v1/families/${family.id}/access-log`)).statusCode).toBe(403);
  });

  it('reception has no access log ability, and reading it answers 403', async () => {
    expect((await reception.request('GET', `/api/v1/families/${family.id}/access-log`)).statusCode).toBe(403);
  });

  it('administrators read the access log but do not edit', async () => {
    expect(await abilitiesOf(admin, family.id)).toEqual({ edit: false, readAccessLog: true });
    expect((await admin.request('GET', `/api/v1/families/${family.id}/access-log`)).statusCode).toBe(200);
    const changed = await admin.request('PATCH', `/api/v1/families/${family.id}`, { version: family.version, city: 'جدة' });
    expect(changed.statusCode).toBe(403);
  });

  it('a volunteer may edit what they registered; another family is not theirs (404)', async () => {
    expect(await abilitiesOf(volunteer, volunteersFamily.id)).toEqual({ edit: true, readAccessLog: false });
    const changed = await volunteer.request('PATCH', `/api/v1/families/${family.id}`, { version: family.version, city: 'جدة' });
    expect(changed.statusCode).toBe(404);
  });
});
