import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDED_COMMITTEES } from '../../src/contracts/committees.js';
import { committeeForPurpose, committeesForPurpose } from '../../src/modules/committees/index.js';
import { buildCommittee, buildStaff } from './factories.js';
import { type Agent, createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';

/**
 * Issue 22 (C5, E1, D2): a committee holds a set of purposes. Harif's seeded follow-up committee
 * also investigates; an administrator gives a purpose to another committee; committees are looked
 * up by purpose; clients that send one `purpose` keep working.
 */
let t: TestApp;
let admin: Agent;

beforeAll(async () => {
  t = await createTestApp();
  admin = await sessionFor(t, await buildStaff(t, { roles: ['administrator'] }));
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe(`committee purposes [${ENGINE}]`, () => {
  it('D2, E1: the seeded follow-up committee holds follow-up and investigation; looked up by either', async () => {
    const followUp = (await admin.request('GET', `/api/v1/committees/${SEEDED_COMMITTEES.followUp}`)).json();
    expect(followUp).toMatchObject({ purpose: 'follow-up', purposes: ['follow-up', 'investigation'] });
    const requests = (await admin.request('GET', `/api/v1/committees/${SEEDED_COMMITTEES.requests}`)).json();
    expect(requests).toMatchObject({ purpose: 'requests', purposes: ['requests'] });
    expect((await committeeForPurpose(t.ctx, 'investigation'))?.id).toBe(SEEDED_COMMITTEES.followUp);
    expect((await committeeForPurpose(t.ctx, 'follow-up'))?.id).toBe(SEEDED_COMMITTEES.followUp);
  });

  it('C5, D2: an administrator creates a committee with several purposes, or one `purpose` as before; none is refused', async () => {
    const members = [await buildStaff(t, { roles: ['committee-member'] }), await buildStaff(t, { roles: ['committee-member'] })];
    const body = {
      nameAr: 'لجنة التحقيق',
      nameEn: 'Investigation committee',
      quorum: 2,
      memberIds: members.map((m) => m.id),
      chairId: members[0]?.id,
    };
    const both = await admin.request('POST', '/api/v1/committees', {
      ...body,
      code: 'investigation-a',
      purposes: ['investigation', 'requests'],
    });
    expect(both.statusCode, both.body).toBe(201);
    // Kept in one order whatever the order sent: the first is `purpose`.
    expect(both.json()).toMatchObject({ purpose: 'requests', purposes: ['requests', 'investigation'] });
    const one = await admin.request('POST', '/api/v1/committees', { ...body, code: 'investigation-b', purpose: 'investigation' });
    expect(one.statusCode, one.body).toBe(201);
    expect(one.json()).toMatchObject({ purpose: 'investigation', purposes: ['investigation'] });
    const none = await admin.request('POST', '/api/v1/committees', { ...body, code: 'investigation-c' });
    expect(none.statusCode).toBe(422);
    expect(none.json().errors).toEqual([expect.objectContaining({ pointer: '/purposes', code: 'committee.purposes-required' })]);
    const empty = await admin.request('POST', '/api/v1/committees', { ...body, code: 'investigation-d', purposes: [] });
    expect(empty.statusCode).toBe(400);
    expect((await committeesForPurpose(t.ctx, 'investigation')).map((c) => c.id).sort()).toEqual(
      [SEEDED_COMMITTEES.followUp, both.json().id, one.json().id].sort(),
    );
  });

  it('D2: the administrator moves investigation to another committee; `purpose` alone keeps a set that holds it', async () => {
    const committee = await buildCommittee(t, { by: admin });
    const given = await admin.request('PATCH', `/api/v1/committees/${committee.id}`, { purposes: ['follow-up', 'investigation'] });
    expect(given.statusCode, given.body).toBe(200);
    expect(given.json().purposes).toEqual(['follow-up', 'investigation']);
    const kept = await admin.request('PATCH', `/api/v1/committees/${committee.id}`, { purpose: 'follow-up' });
    expect(kept.json().purposes).toEqual(['follow-up', 'investigation']);
    const taken = await admin.request('PATCH', `/api/v1/committees/${SEEDED_COMMITTEES.followUp}`, { purposes: ['follow-up'] });
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json()).toMatchObject({ purpose: 'follow-up', purposes: ['follow-up'] });
    const ids = (await committeesForPurpose(t.ctx, 'investigation')).map((c) => c.id);
    expect(ids).toContain(committee.id);
    expect(ids).not.toContain(SEEDED_COMMITTEES.followUp);
    const replaced = await admin.request('PATCH', `/api/v1/committees/${committee.id}`, { purpose: 'requests' });
    expect(replaced.json()).toMatchObject({ purpose: 'requests', purposes: ['requests'] });
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'committee.update')
      .where('entity_id', '=', committee.id)
      .execute();
    expect(audit.some((a) => String(a.details).includes('investigation'))).toBe(true);
  });
});
