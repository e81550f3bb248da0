import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommittee, type CommitteeFixture } from './factories.js';
import { type Agent, buildStaff, createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';

/**
 * Issue 19 §2: a committee in the list and its details carry what this user may do with it (edit it,
 * schedule a meeting), and a meeting its `can`, from the committees policy; a role without an
 * ability never receives it, and calling the action anyway answers 403 (or 404 when not theirs).
 */
let t: TestApp;
let committee: CommitteeFixture;
let admin: Agent;
let management: Agent;
let chair: Agent;
let member: Agent;
let outsider: Agent;

beforeAll(async () => {
  t = await createTestApp();
  admin = await sessionFor(t, await buildStaff(t, { roles: ['administrator'] }));
  management = await sessionFor(t, await buildStaff(t, { roles: ['management'] }));
  outsider = await sessionFor(t, await buildStaff(t, { roles: ['committee-member'] }));
  committee = await buildCommittee(t, { by: admin });
  chair = await sessionFor(t, committee.chair);
  member = await sessionFor(t, committee.members[1] as (typeof committee.members)[number]);
});
afterAll(async () => {
  await t.close();
});

async function abilitiesOf(agent: Agent) {
  const detail = await agent.request('GET', `/api/v1/committees/${committee.id}`);
  expect(detail.statusCode, detail.body).toBe(200);
  const list = await agent.request('GET', '/api/v1/committees');
  const item = list.json().items.find((row: { id: string }) => row.id === committee.id);
  expect(item.abilities).toEqual(detail.json().abilities);
  return detail.json().abilities;
}

describe(`committee and meeting abilities (issue 19 §2) [${ENGINE}]`, () => {
  it('administrators edit committees and schedule; the chair schedules; members and management do neither', async () => {
    expect(await abilitiesOf(admin)).toEqual({ edit: true, scheduleMeeting: true });
    expect(await abilitiesOf(chair)).toEqual({ edit: false, scheduleMeeting: true });
    expect(await abilitiesOf(member)).toEqual({ edit: false, scheduleMeeting: false });
    expect(await abilitiesOf(management)).toEqual({ edit: false, scheduleMeeting: false });
    expect((await outsider.request('GET', `/api/v1/committees/${committee.id}`)).statusCode).toBe(404);

    const day = { day: '2026-12-20' };
    expect((await member.request('POST', `/api/v1/committees/${committee.id}/meetings`, day)).statusCode).toBe(403);
    expect((await management.request('POST', `/api/v1/committees/${committee.id}/meetings`, day)).statusCode).toBe(403);
    expect((await chair.request('PATCH', `/api/v1/committees/${committee.id}`, { quorum: 1 })).statusCode).toBe(403);
  });

  it('a meeting: the chair manages it, a member does not and is refused; an inactive committee takes no meetings', async () => {
    const created = await chair.request('POST', `/api/v1/committees/${committee.id}/meetings`, { day: '2026-12-21' });
    expect(created.statusCode, created.body).toBe(201);
    const meetingId = created.json().id;
    const seenBy = async (agent: Agent) => (await agent.request('GET', `/api/v1/meetings/${meetingId}`)).json().can;
    expect((await seenBy(chair)).manage).toBe(true);
    expect((await seenBy(member)).manage).toBe(false);
    expect((await member.request('PATCH', `/api/v1/meetings/${meetingId}`, { status: 'held' })).statusCode).toBe(403);

    expect((await admin.request('PATCH', `/api/v1/committees/${committee.id}`, { isActive: false })).statusCode).toBe(200);
    expect(await abilitiesOf(chair)).toEqual({ edit: false, scheduleMeeting: false });
    expect(await abilitiesOf(admin)).toEqual({ edit: true, scheduleMeeting: false });
    expect((await chair.request('POST', `/api/v1/committees/${committee.id}/meetings`, { day: '2026-12-22' })).statusCode).toBe(409);
  });
});
