import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildComplaint, buildStaff } from './factories.js';
import { type Agent, createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';

/**
 * Issue 19 §2: a complaint's or inquiry's list item and details carry what this user may do with it
 * now, from the complaints policy and the case's step; a role without an ability never receives it,
 * and calling the action anyway answers 403 (or 404 when the case is not theirs to see).
 */
let t: TestApp;
let reception: Agent;
let otherReception: Agent;
let management: Agent;
let handler: Agent; // the follow-up committee
let officer: Agent;
let officerId: string;
let otherOfficer: Agent;

const NONE = {
  acknowledge: false,
  assess: false,
  assign: false,
  investigate: false,
  decideResponse: false,
  communicateResponse: false,
  recordSatisfaction: false,
  addEntries: false,
  settle: false,
  escalateToCompensation: false,
  route: false,
  answer: false,
  close: false,
};

beforeAll(async () => {
  t = await createTestApp();
  reception = await sessionFor(t, await buildStaff(t, { roles: ['reception'] }));
  otherReception = await sessionFor(t, await buildStaff(t, { roles: ['reception'] }));
  management = await sessionFor(t, await buildStaff(t, { roles: ['management'] }));
  handler = await sessionFor(t, await buildStaff(t, { roles: ['follow-up-committee'] }));
  const officerStaff = await buildStaff(t, { roles: ['contact-officer'] });
  officerId = officerStaff.id;
  officer = await sessionFor(t, officerStaff);
  otherOfficer = await sessionFor(t, await buildStaff(t, { roles: ['contact-officer'] }));
});
afterAll(async () => {
  await t.close();
});

/** The abilities in the details, checked equal to the list item's (the list named, or the caller's default). */
async function abilitiesOf(agent: Agent, kind: 'complaints' | 'inquiries', id: string, list?: string) {
  const detail = await agent.request('GET', `/api/v1/${kind}/${id}`);
  expect(detail.statusCode, detail.body).toBe(200);
  const listed = await agent.request('GET', `/api/v1/${kind}?limit=100${list ? `&list=${list}` : ''}`);
  expect(listed.statusCode, listed.body).toBe(200);
  const item = listed.json().items.find((row: { id: string }) => row.id === id);
  expect(item?.abilities).toEqual(detail.json().abilities);
  return detail.json().abilities;
}

const step = (agent: Agent, kind: 'complaints' | 'inquiries', id: string, body: Record<string, unknown>) =>
  agent.request('POST', `/api/v1/${kind}/${id}/steps`, body);

describe(`complaint abilities (issue 19 §2) [${ENGINE}]`, () => {
  it('reception acknowledges what it registered, then nothing more; the committee takes the next steps', async () => {
    const complaint = await buildComplaint(t, { by: reception });
    expect(await abilitiesOf(reception, 'complaints', complaint.id, 'registered')).toEqual({ ...NONE, acknowledge: true });
    expect(await abilitiesOf(handler, 'complaints', complaint.id)).toEqual({ ...NONE, acknowledge: true });
    expect(await abilitiesOf(management, 'complaints', complaint.id, 'all')).toEqual(NONE);
    expect((await step(management, 'complaints', complaint.id, { action: 'acknowledge', via: 'sms' })).statusCode).toBe(403);
    expect((await step(otherReception, 'complaints', complaint.id, { action: 'acknowledge', via: 'sms' })).statusCode).toBe(404);

    expect((await step(reception, 'complaints', complaint.id, { action: 'acknowledge', via: 'sms' })).statusCode).toBe(200);
    expect(await abilitiesOf(reception, 'complaints', complaint.id, 'registered')).toEqual(NONE);
    const assess = { action: 'assess', severity: 'medium', needsImmediateAction: false };
    expect((await step(reception, 'complaints', complaint.id, assess)).statusCode).toBe(403);
    expect(await abilitiesOf(handler, 'complaints', complaint.id)).toEqual({ ...NONE, assess: true });
  });

  it('once assessed, the committee may assign, settle and escalate; management may not, and is refused', async () => {
    const complaint = await buildComplaint(t, { by: reception });
    expect((await step(handler, 'complaints', complaint.id, { action: 'acknowledge', via: 'sms' })).statusCode).toBe(200);
    const assessed = await step(handler, 'complaints', complaint.id, { action: 'assess', severity: 'medium', needsImmediateAction: false });
    expect(assessed.statusCode, assessed.body).toBe(200);
    expect(await abilitiesOf(handler, 'complaints', complaint.id)).toEqual({
      ...NONE,
      assess: true,
      assign: true,
      settle: true,
      escalateToCompensation: true,
    });
    expect(await abilitiesOf(management, 'complaints', complaint.id, 'all')).toEqual(NONE);
    const terms = { terms: 'اتفق الطرفان على صرف الدعم خلال أسبوع.' };
    expect((await management.request('POST', `/api/v1/complaints/${complaint.id}/settlement`, terms)).statusCode).toBe(403);
    const note = { kind: 'note', text: 'ملاحظة' };
    expect((await management.request('POST', `/api/v1/complaints/${complaint.id}/entries`, note)).statusCode).toBe(403);
    // The state machine: entries belong to a complaint being investigated, not yet assigned.
    expect((await handler.request('POST', `/api/v1/complaints/${complaint.id}/entries`, note)).statusCode).toBe(409);
  });
});

describe(`inquiry abilities (issue 19 §2) [${ENGINE}]`, () => {
  it('whoever logged it acknowledges; an officer takes it from the queue, answers and closes it; others are refused', async () => {
    const inquiry = await buildComplaint(t, { by: reception, kind: 'inquiry' });
    expect(await abilitiesOf(reception, 'inquiries', inquiry.id, 'registered')).toEqual({ ...NONE, acknowledge: true });
    expect(await abilitiesOf(officer, 'inquiries', inquiry.id, 'general')).toEqual(NONE);
    expect((await step(officer, 'inquiries', inquiry.id, { action: 'acknowledge', via: 'sms' })).statusCode).toBe(403);
    expect((await step(reception, 'inquiries', inquiry.id, { action: 'acknowledge', via: 'sms' })).statusCode).toBe(200);

    // In the general queue: any contact officer may take it; nobody may answer it yet.
    expect(await abilitiesOf(officer, 'inquiries', inquiry.id, 'general')).toEqual({ ...NONE, route: true });
    expect(await abilitiesOf(management, 'inquiries', inquiry.id, 'all')).toEqual(NONE);
    expect(await abilitiesOf(reception, 'inquiries', inquiry.id, 'registered')).toEqual(NONE);
    const answer = { action: 'answer', answer: 'نعم، يمكنكم التقديم عبر البوابة خلال أيام العمل.' };
    expect((await step(management, 'inquiries', inquiry.id, answer)).statusCode).toBe(403);
    expect((await step(reception, 'inquiries', inquiry.id, { action: 'close' })).statusCode).toBe(403);

    const taken = await step(officer, 'inquiries', inquiry.id, { action: 'route', officerId });
    expect(taken.statusCode, taken.body).toBe(200);
    expect(await abilitiesOf(officer, 'inquiries', inquiry.id, 'mine')).toEqual({ ...NONE, route: true, answer: true });
    expect((await otherOfficer.request('GET', `/api/v1/inquiries/${inquiry.id}`)).statusCode).toBe(404);

    expect((await step(officer, 'inquiries', inquiry.id, answer)).statusCode).toBe(200);
    expect(await abilitiesOf(officer, 'inquiries', inquiry.id, 'mine')).toEqual({ ...NONE, close: true });
    expect(await abilitiesOf(management, 'inquiries', inquiry.id, 'all')).toEqual(NONE);
    expect((await step(management, 'inquiries', inquiry.id, { action: 'close' })).statusCode).toBe(403);
    expect((await step(officer, 'inquiries', inquiry.id, { action: 'close' })).statusCode).toBe(200);
    expect(await abilitiesOf(officer, 'inquiries', inquiry.id, 'mine')).toEqual(NONE);
  });
});
