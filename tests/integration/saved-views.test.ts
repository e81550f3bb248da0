import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_VIEWS_PER_WORKLIST } from '../../src/contracts/saved-views.js';
import { buildStaff } from './factories.js';
import { type Agent, createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';

/**
 * Issue 19 §4: a person saves a worklist's filters and sort under a name and sees it as a tab; an
 * administrator shares one with a role; people delete their own. Free text typed in the search box
 * (a name, an ID number: F2) is never kept.
 */
let t: TestApp;
let admin: Agent;
let officer: Agent;
let otherOfficer: Agent;
let volunteer: Agent;

beforeAll(async () => {
  t = await createTestApp();
  admin = await sessionFor(t, await buildStaff(t, { roles: ['administrator'] }));
  officer = await sessionFor(t, await buildStaff(t, { roles: ['reception'] }));
  otherOfficer = await sessionFor(t, await buildStaff(t, { roles: ['reception'] }));
  volunteer = await sessionFor(t, await buildStaff(t, { roles: ['volunteer'] }));
}, 120_000);
afterAll(async () => {
  await t.close();
});

const list = async (agent: Agent, worklist = 'requests') =>
  (await agent.request('GET', `/api/v1/saved-views?worklist=${worklist}`)).json().items;

describe(`saved worklist views [${ENGINE}]`, () => {
  it('issue 19 §4: a view keeps filters and sort, never the search text or the cursor; only its owner sees it', async () => {
    const created = await officer.request('POST', '/api/v1/saved-views', {
      worklist: 'requests',
      name: 'متأخرة في الدمام',
      params: { list: 'overdue', office: 'dammam', sort: 'deadline', q: '1012345678', cursor: 'abc' },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      name: 'متأخرة في الدمام',
      params: { list: 'overdue', office: 'dammam', sort: 'deadline' },
      sharedRole: null,
      isMine: true,
      abilities: { delete: true },
    });
    expect(created.json().params).not.toHaveProperty('q');
    expect(await list(officer)).toEqual([expect.objectContaining({ id: created.json().id })]);
    expect(await list(officer, 'complaints')).toEqual([]);
    expect(await list(otherOfficer)).toEqual([]);
    // Only administrators may share (issue 19 §2: the ability comes from the server).
    expect((await officer.request('GET', '/api/v1/saved-views?worklist=requests')).json().abilities).toEqual({ share: false });
    expect((await admin.request('GET', '/api/v1/saved-views?worklist=requests')).json().abilities).toEqual({ share: true });
    // Another person cannot delete it, nor learn it exists.
    expect((await otherOfficer.request('DELETE', `/api/v1/saved-views/${created.json().id}`)).statusCode).toBe(404);
    // The same name twice on one list is refused, clearly.
    const again = await officer.request('POST', '/api/v1/saved-views', { worklist: 'requests', name: 'متأخرة في الدمام', params: {} });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('saved-view.name-taken');
    expect((await officer.request('DELETE', `/api/v1/saved-views/${created.json().id}`)).statusCode).toBe(204);
    expect(await list(officer)).toEqual([]);
  });

  it('issue 19 §4: an administrator shares a view with a role; holders see it and cannot delete it; others never see it', async () => {
    const shared = await admin.request('POST', '/api/v1/saved-views', {
      worklist: 'complaints',
      name: 'Breached',
      params: { list: 'breached' },
      sharedRole: 'reception',
    });
    expect(shared.statusCode, shared.body).toBe(201);
    const seen = await list(officer, 'complaints');
    expect(seen).toEqual([
      expect.objectContaining({ name: 'Breached', isMine: false, sharedRole: 'reception', abilities: { delete: false } }),
    ]);
    expect(await list(volunteer, 'complaints')).toEqual([]);
    expect((await officer.request('DELETE', `/api/v1/saved-views/${shared.json().id}`)).statusCode).toBe(403);
    // A person without the administrator role cannot share.
    const notAdmin = await officer.request('POST', '/api/v1/saved-views', {
      worklist: 'complaints',
      name: 'Mine for all',
      params: {},
      sharedRole: 'reception',
    });
    expect(notAdmin.statusCode).toBe(403);
    expect(notAdmin.json().code).toBe('saved-view.share-forbidden');
    expect((await admin.request('DELETE', `/api/v1/saved-views/${shared.json().id}`)).statusCode).toBe(204);
    expect(await list(officer, 'complaints')).toEqual([]);
  });

  it('issue 19 §4: bad input answers 400/409 with a code, never 5xx; nothing is stored', async () => {
    const bad = [
      { worklist: 'nowhere', name: 'x', params: {} },
      { worklist: 'requests', name: '', params: {} },
      { worklist: 'requests', name: 'x'.repeat(61), params: {} },
      { worklist: 'requests', name: 'x', params: { 'bad key': 'v' } },
      { worklist: 'requests', name: 'x', params: { list: 'v'.repeat(201) } },
      { worklist: 'requests', name: 'x', params: { list: 5 } },
      { worklist: 'requests', name: 'x', params: [] },
      { worklist: 'requests', name: 'x', params: {}, sharedRole: 'king' },
      { worklist: 'requests', name: 'x' },
    ];
    for (const body of bad) {
      const response = await otherOfficer.request('POST', '/api/v1/saved-views', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await otherOfficer.request('GET', '/api/v1/saved-views')).statusCode).toBe(400);
    expect((await otherOfficer.request('DELETE', '/api/v1/saved-views/not-an-id')).statusCode).toBe(400);
    expect(await list(otherOfficer)).toEqual([]);
    for (let i = 0; i < MAX_VIEWS_PER_WORKLIST; i++) {
      expect(
        (await otherOfficer.request('POST', '/api/v1/saved-views', { worklist: 'inquiries', name: `v${i}`, params: {} })).statusCode,
      ).toBe(201);
    }
    const tooMany = await otherOfficer.request('POST', '/api/v1/saved-views', { worklist: 'inquiries', name: 'one more', params: {} });
    expect(tooMany.statusCode).toBe(409);
    expect(tooMany.json().code).toBe('saved-view.too-many');
    expect(await list(otherOfficer, 'inquiries')).toHaveLength(MAX_VIEWS_PER_WORKLIST);
  });
});
