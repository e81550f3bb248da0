import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Worklist } from '../../src/contracts/requests.js';
import { checkClocks } from '../../src/modules/calendar/clocks.service.js';
import { processRequestClocks } from '../../src/modules/requests/requests.jobs.js';
import { visibleRequests } from '../../src/modules/requests/requests.repo.js';
import { requestBriefs } from '../../src/modules/requests/requests.workflow.js';
import { listQuery } from '../../src/modules/requests/requests.worklists.js';
import { buildCommittee, buildRequest, buildRequestType, buildStaff, type StaffFixture } from './factories.js';
import { type Agent, createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';

/**
 * A committee member's worklists (issue 5 §10; C5, C6): awaiting study, under study (on an agenda)
 * and information requested (the family asked for more), each of their own committees only, sorted
 * by deadline, keyset-paged, one index range each; counts from the per-committee counters. Deadline
 * warnings and breaches reach the committee's members too (C6).
 */
let t: TestApp;
let admin: Agent;
let administrator: StaffFixture;
let reception: Agent;
let receptionist: StaffFixture;
let manager: StaffFixture;
let chair: StaffFixture;
let member: StaffFixture;
let leaver: StaffFixture;
let outsider: StaffFixture;
let committeeId: string;
let otherCommitteeId: string;
let meetingId: string;
const ids = { awaiting: [] as string[], studied: [] as string[], asked: '', other: '', draft: '' };

const as = (staff: StaffFixture) => sessionFor(t, staff);

const createType = (code: string, committeeId: string) => buildRequestType(t, { by: admin, code, committeeId, warningThreshold: 3 });

/** A request of `typeCode` for a new family: complete (answered, signed, submitted) unless `isDraft`. */
const request = async (typeCode: string, { isDraft = false } = {}) => (await buildRequest(t, { by: reception, typeCode, isDraft })).id;

async function list(agent: Agent, worklist: Worklist, extra = '') {
  const response = await agent.request('GET', `/api/v1/requests?list=${worklist}${extra}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { items: { id: string; deadlineDay: string | null; committeeId: string | null }[]; nextCursor: string | null };
}

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-03-02T06:00:00.000Z');
  administrator = await buildStaff(t, { roles: ['administrator'] });
  admin = await sessionFor(t, administrator);
  receptionist = await buildStaff(t, { roles: ['reception'] });
  reception = await sessionFor(t, receptionist);
  manager = await buildStaff(t, { roles: ['management'] });
  chair = await buildStaff(t, { roles: ['committee-member'] });
  member = await buildStaff(t, { roles: ['committee-member'] });
  leaver = await buildStaff(t, { roles: ['committee-member'] });
  outsider = await buildStaff(t, { roles: ['committee-member'] });
  committeeId = (
    await buildCommittee(t, {
      by: admin,
      code: 'worklist-committee',
      nameAr: 'لجنة دعم التجهيزات',
      nameEn: 'Equipment committee',
      quorum: 1,
      members: [chair, member, leaver],
      chair,
    })
  ).id;
  otherCommitteeId = (
    await buildCommittee(t, {
      by: admin,
      code: 'worklist-other',
      nameAr: 'لجنة أخرى',
      nameEn: 'Another committee',
      quorum: 1,
      members: [outsider],
    })
  ).id;
  await createType('wl-equipment', committeeId);
  await createType('wl-other', otherCommitteeId);
  // Submitted on different days, so that their deadlines differ.
  for (const day of ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05']) {
    t.clock.set(`${day}T06:00:00.000Z`);
    reception = await sessionFor(t, receptionist);
    ids.awaiting.push(await request('wl-equipment'));
  }
  ids.other = await request('wl-other');
  ids.draft = await request('wl-equipment', { isDraft: true });
  const meeting = await (await as(chair)).request('POST', `/api/v1/committees/${committeeId}/meetings`, { day: '2026-03-05' });
  meetingId = meeting.json().id;
  const held = await (await as(chair)).request('PATCH', `/api/v1/meetings/${meetingId}`, {
    status: 'held',
    presentMemberIds: [chair.id, member.id],
  });
  expect(held.statusCode, held.body).toBe(200);
  // Three go on the agenda (under study); the chair asks the family of the second for more.
  for (const id of [ids.awaiting[3], ids.awaiting[0], ids.awaiting[1]] as string[]) {
    const added = await (await as(chair)).request('POST', `/api/v1/meetings/${meetingId}/agenda`, { requestId: id });
    expect(added.statusCode, added.body).toBe(200);
  }
  ids.studied = [ids.awaiting[0], ids.awaiting[3]] as string[];
  ids.asked = ids.awaiting[1] as string;
  ids.awaiting = [ids.awaiting[2] as string];
  const asked = await (await as(chair)).request('POST', `/api/v1/meetings/${meetingId}/information-requests`, {
    requestId: ids.asked,
    note: 'نرجو إرفاق عرض سعر للأدوات.',
  });
  expect(asked.statusCode, asked.body).toBe(200);
}, 120_000);

afterAll(async () => {
  await t.close();
});

describe(`committee members' worklists [${ENGINE}]`, () => {
  it('C5: awaiting study, under study and information requested each list only their own committee’s requests', async () => {
    const agent = await as(member);
    expect((await list(agent, 'committee')).items.map((r) => r.id)).toEqual(ids.awaiting);
    expect((await list(agent, 'under-study')).items.map((r) => r.id)).toEqual(ids.studied);
    expect((await list(agent, 'information-requested')).items.map((r) => r.id)).toEqual([ids.asked]);
    // Each item carries its committee; the draft and the other committee's request are never there.
    const all = await list(agent, 'all');
    expect(all.items.every((r) => r.committeeId === committeeId)).toBe(true);
    expect(all.items.map((r) => r.id)).not.toContain(ids.draft);
    expect(all.items.map((r) => r.id)).not.toContain(ids.other);
    const other = await as(outsider);
    expect((await list(other, 'under-study')).items).toEqual([]);
    expect((await list(other, 'committee')).items.map((r) => r.id)).toEqual([ids.other]);
    // One of theirs only: another committee's filter gives nothing.
    expect((await list(agent, 'under-study', `&committeeId=${otherCommitteeId}`)).items).toEqual([]);
  });

  it('C5: under study is sorted by deadline and keyset-paged, one request a page', async () => {
    const agent = await as(chair);
    const first = await list(agent, 'under-study', '&limit=1');
    expect(first.items.map((r) => r.id)).toEqual([ids.studied[0]]);
    expect(first.nextCursor).not.toBeNull();
    const second = await list(agent, 'under-study', `&limit=1&cursor=${first.nextCursor}`);
    expect(second.items.map((r) => r.id)).toEqual([ids.studied[1]]);
    expect(second.nextCursor).toBeNull();
    expect((first.items[0]?.deadlineDay ?? '') < (second.items[0]?.deadlineDay ?? '')).toBe(true);
  });

  it('§10: a member’s counts come from the per-committee counters and match the lists', async () => {
    const counts = (await (await as(member)).request('GET', '/api/v1/requests/counts')).json();
    expect(counts).toMatchObject({ committee: 1, underStudy: 2, informationRequested: 1, all: 4, reception: 0, isCapped: false });
    const outsiderCounts = (await (await as(outsider)).request('GET', '/api/v1/requests/counts')).json();
    expect(outsiderCounts).toMatchObject({ committee: 1, underStudy: 0, informationRequested: 0, all: 1 });
    // Read from the counter rows, not by counting requests: a counter nudged by hand shows.
    const name = `req:cstatus:under-study:${committeeId}`;
    await t.ctx.db.updateTable('counters').set({ value: 1000 }).where('name', '=', name).execute();
    expect((await (await as(member)).request('GET', '/api/v1/requests/counts')).json().underStudy).toBe(1000);
    await t.ctx.db.updateTable('counters').set({ value: 2 }).where('name', '=', name).execute();
  });

  it('§10: each committee list is one index range in deadline order (no table scan, no sort)', async () => {
    if (ENGINE !== 'sqlite') return; // the planner's choice on a handful of rows is SQLite's to show here
    const visibility = { scope: { categories: [], domains: [], offices: [] }, createdBy: null, committeeIds: [committeeId], isNone: false };
    for (const worklist of ['committee', 'under-study', 'information-requested', 'due-soon', 'breached', 'all'] as const) {
      const compiled = listQuery(visibleRequests(t.ctx.db, visibility), { list: worklist })
        .selectAll('requests')
        .orderBy('requests.deadline_day')
        .orderBy('requests.id')
        .limit(51)
        .compile();
      const plan = await t.ctx.db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`EXPLAIN QUERY PLAN ${compiled.sql}`, [...compiled.parameters]),
      );
      const details = plan.rows.map((r) => r.detail).join(' | ');
      expect(details, worklist).toMatch(/USING (COVERING )?INDEX requests_committee/);
      expect(details, worklist).not.toMatch(/TEMP B-TREE/);
    }
  });

  it('C5: a request’s brief names its committee', async () => {
    const [brief] = await requestBriefs(t.ctx.db, t.ctx, [ids.asked]);
    expect(brief?.committeeId).toBe(committeeId);
    const [draft] = await requestBriefs(t.ctx.db, t.ctx, [ids.draft]);
    expect(draft?.status).toBe('draft');
  });

  it('C6: deadline warnings and breaches reach the committee’s active members too, once each', async () => {
    // The leaver is deactivated: no new work for them.
    const off = await (await as(administrator)).request('POST', `/api/v1/staff/users/${leaver.id}/deactivate`, {});
    expect(off.statusCode, off.body).toBeLessThan(300);
    const requestId = ids.awaiting[0] as string;
    t.clock.set('2026-03-29T09:00:00.000Z'); // past the warning day (deadline 31 March, after the Eid holiday)
    await checkClocks(t.ctx, t.clock.now());
    await processRequestClocks(t.ctx);
    t.clock.set('2026-04-20T09:00:00.000Z'); // past the deadline
    await checkClocks(t.ctx, t.clock.now());
    await processRequestClocks(t.ctx);
    await processRequestClocks(t.ctx);
    const staff = await t.ctx.db
      .selectFrom('outbox_messages')
      .select(['event', 'recipient_id'])
      .where('about_id', '=', requestId)
      .where('recipient_kind', '=', 'staff')
      .execute();
    const to = (event: string) => staff.filter((m) => m.event === event).map((m) => m.recipient_id);
    const expected = [receptionist.id, manager.id, chair.id, member.id].sort();
    expect(to('request.deadline-warning').sort()).toEqual(expected);
    expect(to('request.deadline-breached').sort()).toEqual(expected);
    expect(to('request.deadline-breached')).not.toContain(leaver.id);
    expect(to('request.deadline-breached')).not.toContain(outsider.id);
    // The committee members' breached list and count follow.
    const agent = await as(member);
    expect((await list(agent, 'breached')).items.map((r) => r.id)).toContain(requestId);
    expect((await agent.request('GET', '/api/v1/requests/counts')).json().breached).toBeGreaterThanOrEqual(1);
  });
});
