import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_COMPLAINTS_SETTINGS } from '../../src/modules/complaints/complaints.settings.js';
import { inquiry, post } from './complaints-fixtures.js';
import { buildStaff, createTestApp, ENGINE, type StaffFixture, sessionFor, type TestApp } from './harness.js';

/**
 * What the staff screens of issue 6 need from the API (H5, H6, E2, G1): the contact officers with
 * their absences for the register's pickers, the oversight page's age groups as a list filter so
 * each figure opens the list behind it, and the settings' support topics checked against the topics.
 */
let t: TestApp;
let admin: StaffFixture;
let manager: StaffFixture;
let officer: StaffFixture;
let colleague: StaffFixture;
let reception: StaffFixture;
const as = (staff: StaffFixture) => sessionFor(t, staff);
const DAY = 24 * 3600_000;

beforeAll(async () => {
  t = await createTestApp();
  admin = await buildStaff(t, { roles: ['administrator'], withTotp: false });
  manager = await buildStaff(t, { roles: ['management'] });
  officer = await buildStaff(t, { roles: ['contact-officer'] });
  colleague = await buildStaff(t, { roles: ['contact-officer'] });
  reception = await buildStaff(t, { roles: ['reception'] });
});
afterAll(async () => {
  await t.close();
});

describe(`officer roster [${ENGINE}]`, () => {
  it('G1: lists active contact officers with today’s absence, for administrators, management and officers', async () => {
    const adminAgent = await as(admin);
    const marked = await adminAgent.request('PUT', `/api/v1/officer-absences/${colleague.id}`, { isAbsent: true, untilDay: '2099-01-01' });
    expect(marked.statusCode, marked.body).toBe(200);
    const roster = await (await as(officer)).request('GET', '/api/v1/officer-absences');
    expect(roster.statusCode, roster.body).toBe(200);
    const items = roster.json().items as Array<{ staffId: string; isAbsent: boolean; untilDay: string | null }>;
    expect(items.map((i) => i.staffId).sort()).toEqual([officer.id, colleague.id].sort());
    expect(items.find((i) => i.staffId === colleague.id)).toMatchObject({ isAbsent: true, untilDay: '2099-01-01' });
    expect(items.find((i) => i.staffId === officer.id)).toMatchObject({ isAbsent: false, untilDay: null });
    for (const item of items) expect(Object.keys(item).sort()).toEqual(['displayName', 'isAbsent', 'staffId', 'untilDay']);
    expect((await (await as(manager)).request('GET', '/api/v1/officer-absences')).statusCode).toBe(200);
    expect((await (await as(reception)).request('GET', '/api/v1/officer-absences')).statusCode).toBe(403);

    // An absence that has ended no longer counts.
    const ended = await adminAgent.request('PUT', `/api/v1/officer-absences/${colleague.id}`, { isAbsent: true, untilDay: '2021-01-01' });
    expect(ended.statusCode, ended.body).toBe(200);
    const later = (await (await as(officer)).request('GET', '/api/v1/officer-absences')).json();
    expect(later.items.find((i: { staffId: string }) => i.staffId === colleague.id)).toMatchObject({ isAbsent: false });
    await adminAgent.request('PUT', `/api/v1/officer-absences/${colleague.id}`, { isAbsent: false });
  });
});

describe(`oversight figures open their lists [${ENGINE}]`, () => {
  it('H5: the age filter of the inquiry list matches the oversight page’s age groups', async () => {
    // One inquiry 8 days old, one new: both in the general queue (no register entry).
    t.clock.advance(-8 * DAY);
    const old = await post(t, '/api/v1/public/inquiries', inquiry());
    expect(old.statusCode, old.body).toBe(201);
    t.clock.advance(8 * DAY);
    const fresh = await post(t, '/api/v1/public/inquiries', inquiry());
    expect(fresh.statusCode, fresh.body).toBe(201);

    const agent = await as(manager);
    const figures = (await agent.request('GET', '/api/v1/complaints/oversight')).json();
    const routed = (age: string) =>
      figures.open.find((f: { kind: string; step: string; age: string }) => f.kind === 'inquiry' && f.step === 'routed' && f.age === age)
        ?.count ?? 0;
    expect(routed('6-10')).toBe(1);
    expect(routed('0-2')).toBe(1);

    const list = async (query: string) => {
      const response = await agent.request('GET', `/api/v1/inquiries?list=all&step=routed&${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return (response.json().items as Array<{ reference: string }>).map((i) => i.reference);
    };
    expect(await list('age=6-10')).toEqual([old.json().reference]);
    expect(await list('age=0-2')).toEqual([fresh.json().reference]);
    expect(await list('age=11%2B')).toEqual([]);
    expect(await list('age=3-5')).toEqual([]);
    const complaints = await agent.request('GET', '/api/v1/complaints?list=all&age=0-2');
    expect(complaints.statusCode, complaints.body).toBe(200);
    const bad = await agent.request('GET', '/api/v1/inquiries?list=all&age=old');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toContainEqual(expect.objectContaining({ pointer: '/age' }));
  });
});

describe(`complaint settings [${ENGINE}]`, () => {
  it('E2: a support topic that is not an inquiry topic answers 400 naming the field', async () => {
    const agent = await as(admin);
    const current = (await agent.request('GET', '/api/v1/settings/complaints')).json();
    const unknown = await agent.request('PUT', '/api/v1/settings/complaints', { ...current, supportTopics: ['technical-support', 'nope'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([
      expect.objectContaining({ pointer: '/supportTopics/1', code: 'complaints.support-topic-unknown' }),
    ]);
    const complaintTopic = await agent.request('PUT', '/api/v1/settings/complaints', { ...current, supportTopics: ['service-delay'] });
    expect(complaintTopic.json().errors).toContainEqual(expect.objectContaining({ pointer: '/supportTopics/0' }));

    const twice = DEFAULT_COMPLAINTS_SETTINGS.answerTemplates[0];
    const repeated = await agent.request('PUT', '/api/v1/settings/complaints', {
      ...current,
      answerTemplates: [...current.answerTemplates, twice],
    });
    expect(repeated.statusCode).toBe(400);
    expect(repeated.json().errors).toContainEqual(
      expect.objectContaining({ pointer: `/answerTemplates/${current.answerTemplates.length}/code`, code: 'settings.code-taken' }),
    );

    const saved = await agent.request('PUT', '/api/v1/settings/complaints', {
      ...current,
      supportTopics: ['technical-support', 'inquiry-general'],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().supportTopics).toEqual(['technical-support', 'inquiry-general']);
    await agent.request('PUT', '/api/v1/settings/complaints', current);
  });
});
