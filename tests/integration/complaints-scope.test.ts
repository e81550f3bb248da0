import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDED_COMMITTEES } from '../../src/contracts/committees.js';
import type { StaffScope } from '../../src/domain/scope.js';
import { JPEG, upload } from './complaints-fixtures.js';
import { buildComplaint, buildFamily, type FamilyFixture } from './factories.js';
import { type Agent, buildStaff, createTestApp, ENGINE, type StaffFixture, sessionFor, type TestApp } from './harness.js';

/**
 * Issue 21 (Found 2, Must have 1), F2: a complaint or inquiry linked to a family follows that family's
 * scope — outside the caller's offices, categories or domains it answers 404 like an unknown case, on
 * its details, files and steps, and is left out of lists, counts and the oversight figures; an
 * unlinked case stays visible by role alone. Staff intake cannot link a family outside the writer's
 * scope (404 `family.not-found`, as for an unknown family).
 */
let t: TestApp;
/** Dammam, productive family (the factory's defaults). */
let dammamFamily: FamilyFixture;
/** Khobar, trainee: outside every scoped staff member below. */
let khobarFamily: FamilyFixture;
let manager: StaffFixture;
let dammamManager: StaffFixture;
let officer: StaffFixture;
let productiveOfficer: StaffFixture;
let dammamMember: StaffFixture;
const as = (staff: StaffFixture) => sessionFor(t, staff);
const scope = (fields: Partial<StaffScope>): StaffScope => ({ categories: [], domains: [], offices: [], ...fields });

async function listedIds(agent: Agent, path: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const response = await agent.request('GET', `${path}${path.includes('?') ? '&' : '?'}limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json() as { items: Array<{ id: string }>; nextCursor: string | null };
    ids.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

async function json(agent: Agent, path: string) {
  const response = await agent.request('GET', path);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

beforeAll(async () => {
  t = await createTestApp();
  dammamFamily = await buildFamily(t);
  khobarFamily = await buildFamily(t, { office: 'khobar', category: 'trainee' });
  manager = await buildStaff(t, { roles: ['management'] });
  dammamManager = await buildStaff(t, { roles: ['management'], scope: scope({ offices: ['dammam'] }) });
  officer = await buildStaff(t, { roles: ['contact-officer'] });
  productiveOfficer = await buildStaff(t, { roles: ['contact-officer'], scope: scope({ categories: ['productive-family'] }) });
  dammamMember = await buildStaff(t, { roles: ['follow-up-committee'], scope: scope({ offices: ['dammam'] }) });
});
afterAll(async () => {
  await t.close();
});

describe(`complaints follow the linked family's scope [${ENGINE}]`, () => {
  it('a manager scoped to Dammam neither lists, counts, opens nor downloads a complaint about a Khobar family', async () => {
    const before = await json(await as(dammamManager), '/api/v1/complaints/counts');
    const beforeUnscoped = await json(await as(manager), '/api/v1/complaints/counts');
    const { uploadToken } = (await upload(t, JPEG)).json();
    const khobar = await buildComplaint(t, { nationalId: khobarFamily.nationalId, attachments: [uploadToken] });
    const dammam = await buildComplaint(t, { nationalId: dammamFamily.nationalId });
    const unlinked = await buildComplaint(t);

    // The unrestricted manager sees all three (the Khobar one with its family and its scan).
    const khobarDetail = await json(await as(manager), `/api/v1/complaints/${khobar.id}`);
    expect(khobarDetail.familyId).toBe(khobarFamily.id);
    const fileId = khobarDetail.attachments[0].fileId as string;
    expect((await (await as(manager)).request('GET', `/api/v1/complaints/${khobar.id}/files/${fileId}`)).statusCode).toBe(200);
    expect(await listedIds(await as(manager), '/api/v1/complaints?list=all')).toEqual(
      expect.arrayContaining([khobar.id, dammam.id, unlinked.id]),
    );

    const agent = await as(dammamManager);
    const listed = await listedIds(agent, '/api/v1/complaints?list=all');
    expect(listed).toEqual(expect.arrayContaining([dammam.id, unlinked.id]));
    expect(listed).not.toContain(khobar.id);
    expect((await agent.request('GET', `/api/v1/complaints/${dammam.id}`)).statusCode).toBe(200);
    expect((await agent.request('GET', `/api/v1/complaints/${unlinked.id}`)).statusCode).toBe(200);
    const hidden = await agent.request('GET', `/api/v1/complaints/${khobar.id}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().code).toBe('complaint.not-found');
    const unknown = await agent.request('GET', '/api/v1/complaints/0190c0de-0000-7000-8000-000000000000');
    expect({ status: unknown.statusCode, code: unknown.json().code }).toEqual({ status: 404, code: 'complaint.not-found' });
    expect((await agent.request('GET', `/api/v1/complaints/${khobar.id}/files/${fileId}`)).statusCode).toBe(404);

    // Counts: three more for the unrestricted manager, two for the scoped one.
    const after = await json(agent, '/api/v1/complaints/counts');
    const afterUnscoped = await json(await as(manager), '/api/v1/complaints/counts');
    expect(afterUnscoped.all - beforeUnscoped.all).toBe(3);
    expect(after.all - before.all).toBe(2);
    expect(after.committee - before.committee).toBe(2);
  });

  it('oversight counts only the cases in the manager’s scope', async () => {
    const openComplaints = (figures: { open: Array<{ kind: string; count: number }> }) =>
      figures.open.filter((r) => r.kind === 'complaint').reduce((sum, r) => sum + r.count, 0);
    const received = (figures: { weekly: Array<{ complaintsReceived: number }> }) =>
      figures.weekly.reduce((sum, w) => sum + w.complaintsReceived, 0);
    const all = await json(await as(manager), '/api/v1/complaints/oversight');
    const scoped = await json(await as(dammamManager), '/api/v1/complaints/oversight');
    const outside = await t.ctx.db
      .selectFrom('complaints')
      .select('id')
      .where('kind', '=', 'complaint')
      .where('family_id', '=', khobarFamily.id)
      .execute();
    expect(outside.length).toBeGreaterThan(0);
    expect(openComplaints(all) - openComplaints(scoped)).toBe(outside.length);
    expect(received(all) - received(scoped)).toBe(outside.length);
  });

  it('a follow-up committee member scoped to Dammam takes no step on a Khobar family’s complaint (404), but does on a Dammam one', async () => {
    const khobar = await buildComplaint(t, { nationalId: khobarFamily.nationalId });
    const dammam = await buildComplaint(t, { nationalId: dammamFamily.nationalId });
    const agent = await as(dammamMember);
    const assess = { action: 'assess', severity: 'low', needsImmediateAction: false };
    const refused = await agent.request('POST', `/api/v1/complaints/${khobar.id}/steps`, assess);
    expect(refused.statusCode, refused.body).toBe(404);
    expect(refused.json().code).toBe('complaint.not-found');
    for (const [path, body] of [
      ['entries', { kind: 'note', text: 'ملاحظة' }],
      ['settlement', { terms: 'صرف الدعم المتأخر خلال أسبوع' }],
    ] as const)
      expect((await agent.request('POST', `/api/v1/complaints/${khobar.id}/${path}`, body)).statusCode, path).toBe(404);
    expect((await agent.request('GET', `/api/v1/complaints/${khobar.id}`)).statusCode).toBe(404);
    expect(await listedIds(agent, '/api/v1/complaints?list=committee')).not.toContain(khobar.id);

    const taken = await agent.request('POST', `/api/v1/complaints/${dammam.id}/steps`, assess);
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json().step).toBe('assessed');
    // The unrestricted committee's own view of the Khobar one is unchanged (still waiting at acknowledged).
    const row = await t.ctx.db.selectFrom('complaints').select('step').where('id', '=', khobar.id).executeTakeFirstOrThrow();
    expect(row.step).toBe('acknowledged');
  });
});

describe(`a complaint is given only to a member who may open it [${ENGINE}]`, () => {
  it('assigning a Khobar family’s complaint to a member scoped to Dammam answers 422 at /assigneeId; an unrestricted member takes it', async () => {
    const handler = await buildStaff(t, { roles: ['follow-up-committee'] });
    const admin = await buildStaff(t, { roles: ['administrator'], withTotp: false });
    const committee = await (await as(admin)).request('PATCH', `/api/v1/committees/${SEEDED_COMMITTEES.followUp}`, {
      memberIds: [handler.id, dammamMember.id],
      chairId: handler.id,
      quorum: 1,
    });
    expect(committee.statusCode, committee.body).toBe(200);
    const khobar = await buildComplaint(t, { nationalId: khobarFamily.nationalId });
    const agent = await as(handler);
    const assessed = await agent.request('POST', `/api/v1/complaints/${khobar.id}/steps`, {
      action: 'assess',
      severity: 'low',
      needsImmediateAction: false,
    });
    expect(assessed.statusCode, assessed.body).toBe(200);

    const refused = await agent.request('POST', `/api/v1/complaints/${khobar.id}/steps`, { action: 'assign', assigneeId: dammamMember.id });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().errors).toEqual([expect.objectContaining({ pointer: '/assigneeId', code: 'complaint.assignee-out-of-scope' })]);
    const row = await t.ctx.db.selectFrom('complaints').select('assigned_to').where('id', '=', khobar.id).executeTakeFirstOrThrow();
    expect(row.assigned_to).toBeNull();

    const given = await agent.request('POST', `/api/v1/complaints/${khobar.id}/steps`, { action: 'assign', assigneeId: handler.id });
    expect(given.statusCode, given.body).toBe(200);
  });
});

describe(`inquiries follow the linked family's scope [${ENGINE}]`, () => {
  it('a contact officer scoped to productive families neither lists nor opens a general-queue inquiry about a trainee', async () => {
    const before = await json(await as(productiveOfficer), '/api/v1/inquiries/counts');
    const beforeUnscoped = await json(await as(officer), '/api/v1/inquiries/counts');
    const trainee = await buildComplaint(t, { kind: 'inquiry', nationalId: khobarFamily.nationalId });
    const productive = await buildComplaint(t, { kind: 'inquiry', nationalId: dammamFamily.nationalId });
    const unlinked = await buildComplaint(t, { kind: 'inquiry' });

    // All three wait in the general queue (no register entry routes them), as any officer without a scope sees.
    expect(await listedIds(await as(officer), '/api/v1/inquiries?list=general')).toEqual(
      expect.arrayContaining([trainee.id, productive.id, unlinked.id]),
    );
    const full = await json(await as(officer), `/api/v1/inquiries/${trainee.id}`);
    expect(full.writer.isMasked).toBe(false);

    const agent = await as(productiveOfficer);
    const general = await listedIds(agent, '/api/v1/inquiries?list=general');
    expect(general).toEqual(expect.arrayContaining([productive.id, unlinked.id]));
    expect(general).not.toContain(trainee.id);
    const hidden = await agent.request('GET', `/api/v1/inquiries/${trainee.id}`);
    expect({ status: hidden.statusCode, code: hidden.json().code }).toEqual({ status: 404, code: 'inquiry.not-found' });
    for (const secret of ['Saad', 'Harbi', 'saad@example.com']) expect(hidden.body).not.toContain(secret);
    const unlinkedDetail = await json(agent, `/api/v1/inquiries/${unlinked.id}`);
    expect(unlinkedDetail.writer).toMatchObject({ name: 'Saad Al-Harbi', isMasked: false });
    expect((await agent.request('GET', `/api/v1/inquiries/${productive.id}`)).statusCode).toBe(200);

    // Taking it from the queue is a step on it: 404 as well; the one in scope is taken.
    const take = (id: string) =>
      agent.request('POST', `/api/v1/inquiries/${id}/steps`, { action: 'route', officerId: productiveOfficer.id });
    expect((await take(trainee.id)).statusCode).toBe(404);
    const taken = await take(productive.id);
    expect(taken.statusCode, taken.body).toBe(200);

    const after = await json(agent, '/api/v1/inquiries/counts');
    const afterUnscoped = await json(await as(officer), '/api/v1/inquiries/counts');
    expect(afterUnscoped.general - beforeUnscoped.general).toBe(2); // the third was taken by the scoped officer
    expect(after.general - before.general).toBe(1);
    expect(after.mine - before.mine).toBe(1);
  });
});

describe(`an inquiry goes only to an officer who may open it [${ENGINE}]`, () => {
  it('routing a trainee family’s inquiry to an officer scoped to productive families answers 422 at /officerId', async () => {
    const trainee = await buildComplaint(t, { kind: 'inquiry', nationalId: khobarFamily.nationalId });
    const agent = await as(officer);
    const claimed = await agent.request('POST', `/api/v1/inquiries/${trainee.id}/steps`, { action: 'route', officerId: officer.id });
    expect(claimed.statusCode, claimed.body).toBe(200);
    const refused = await agent.request('POST', `/api/v1/inquiries/${trainee.id}/steps`, {
      action: 'route',
      officerId: productiveOfficer.id,
    });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().errors).toEqual([expect.objectContaining({ pointer: '/officerId', code: 'inquiry.officer-out-of-scope' })]);
    const row = await t.ctx.db.selectFrom('complaints').select('officer_id').where('id', '=', trainee.id).executeTakeFirstOrThrow();
    expect(row.officer_id).toBe(officer.id);
  });

  it('the register’s officer who could not open a new inquiry does not get it: it waits in the general queue, saying why', async () => {
    const admin = await buildStaff(t, { roles: ['administrator'], withTotp: false });
    const entry = await (await as(admin)).request('POST', '/api/v1/contact-officers', {
      category: 'trainee',
      domain: null,
      officerId: productiveOfficer.id,
      roleTitleAr: 'مسؤول تواصل المتدربات',
      roleTitleEn: 'Trainees contact officer',
      channel: 'phone',
      address: '0138001234',
    });
    expect(entry.statusCode, entry.body).toBe(201);
    const trainee = await buildComplaint(t, { kind: 'inquiry', nationalId: khobarFamily.nationalId });
    const row = await t.ctx.db
      .selectFrom('complaints')
      .select(['officer_id', 'queue', 'route_rule'])
      .where('id', '=', trainee.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ officer_id: null, queue: 'general', route_rule: 'general:out-of-scope' });
  });
});

describe(`staff intake links only a family in the writer's scope [${ENGINE}]`, () => {
  it('reception scoped to Dammam: a Khobar family answers 404 family.not-found and nothing is stored; a Dammam one is linked', async () => {
    const reception = await buildStaff(t, { roles: ['reception'], scope: scope({ offices: ['dammam'] }) });
    const agent = await as(reception);
    const body = {
      kind: 'complaint',
      channel: 'fax',
      name: 'فاطمة الزهراني',
      mobile: '0559876543',
      topic: 'aid-disbursement',
      description: 'وصلتنا رسالة بالفاكس تفيد بتأخر صرف الدعم المالي للأسرة ثلاثة أشهر.',
    };
    const count = async () => (await t.ctx.db.selectFrom('complaints').select('id').execute()).length;
    const stored = await count();
    for (const familyId of [khobarFamily.id, '0190c0de-0000-7000-8000-000000000000']) {
      const refused = await agent.request('POST', '/api/v1/complaints/intake', { ...body, familyId });
      expect(refused.statusCode, refused.body).toBe(404);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json()).toMatchObject({ code: 'family.not-found', errors: [{ pointer: '/familyId', code: 'family.not-found' }] });
    }
    const inquiry = await agent.request('POST', '/api/v1/complaints/intake', {
      ...body,
      kind: 'inquiry',
      topic: 'eligibility',
      familyId: khobarFamily.id,
    });
    expect(inquiry.statusCode, inquiry.body).toBe(404);
    expect(await count()).toBe(stored);
    const linked = await agent.request('POST', '/api/v1/complaints/intake', { ...body, familyId: dammamFamily.id });
    expect(linked.statusCode, linked.body).toBe(201);
    expect(linked.json().case.familyId).toBe(dammamFamily.id);
  });
});
