import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDED_COMMITTEES } from '../../src/contracts/committees.js';
import { PDF } from './complaints-fixtures.js';
import { type Agent, buildStaff, createTestApp, ENGINE, type StaffFixture, sessionFor, type TestApp } from './harness.js';

/**
 * What the staff complaint screens read (issue 6 §5, E1): the worklist tabs' counts for each role
 * (never counting a complaint one is concerned by, §6), and each clock's working days left on the
 * complaint page (acknowledge and resolve).
 */
let t: TestApp;
let reception: StaffFixture;
let chair: StaffFixture;
let member: StaffFixture;
let concerned: StaffFixture;
let manager: StaffFixture;
const as = (staff: StaffFixture) => sessionFor(t, staff);

async function intake(agent: Agent, data: unknown) {
  const boundary = '----sila-ui-intake';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n${JSON.stringify(data)}\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="fax.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    PDF,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/complaints/intake',
    cookies: { sila_session: agent.cookie },
    headers: { 'x-csrf-token': agent.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
}

const fax = {
  kind: 'complaint',
  channel: 'fax',
  name: 'فاطمة الزهراني',
  mobile: '0559876543',
  topic: 'aid-disbursement',
  description: 'وصلتنا رسالة بالفاكس تفيد بتأخر صرف الدعم المالي للأسرة ثلاثة أشهر.',
};

beforeAll(async () => {
  t = await createTestApp();
  reception = await buildStaff(t, { roles: ['reception'] });
  chair = await buildStaff(t, { roles: ['follow-up-committee'] });
  member = await buildStaff(t, { roles: ['follow-up-committee'] });
  concerned = await buildStaff(t, { roles: ['follow-up-committee'] });
  manager = await buildStaff(t, { roles: ['management'] });
  const admin = await buildStaff(t, { roles: ['administrator'], withTotp: false });
  const update = await (await as(admin)).request('PATCH', `/api/v1/committees/${SEEDED_COMMITTEES.followUp}`, {
    memberIds: [chair.id, member.id, concerned.id],
    chairId: chair.id,
    quorum: 2,
  });
  if (update.statusCode !== 200) throw new Error(`committee: ${update.statusCode} ${update.body}`);
});
afterAll(async () => {
  await t.close();
});

describe(`complaint screens' figures [${ENGINE}]`, () => {
  let first = '';
  let second = '';

  it('E1: the complaint page carries both clocks with working days left; acknowledging stops the first', async () => {
    const created = await intake(await as(reception), fax);
    expect(created.statusCode, created.body).toBe(201);
    first = created.json().case.id;
    const detail = (await (await as(member)).request('GET', `/api/v1/complaints/${first}`)).json();
    expect(detail.deadline.workingDays).toBe(10);
    expect(detail.workingDaysLeft).toBeGreaterThanOrEqual(9);
    expect(detail.workingDaysLeft).toBeLessThanOrEqual(10);
    expect(detail.acknowledgeDeadline).toMatchObject({ workingDays: 1, state: 'running' });
    expect(detail.acknowledgeDeadline.dayHijri).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect([0, 1]).toContain(detail.acknowledgeDaysLeft);
    const acknowledged = await (await as(reception)).request('POST', `/api/v1/complaints/${first}/steps`, {
      action: 'acknowledge',
      via: 'sms',
    });
    expect(acknowledged.statusCode, acknowledged.body).toBe(200);
    expect(acknowledged.json().acknowledgeDaysLeft).toBeNull();
    expect(acknowledged.json().acknowledgeDeadline.state).toBe('met');
    expect(acknowledged.json().workingDaysLeft).toBe(detail.workingDaysLeft);
  });

  it('E1, §6: counts per role — mine, the committee, registered, awaiting acknowledgement; concerned staff never count it', async () => {
    const created = await intake(await as(reception), { ...fax, description: 'شكوى ثانية وصلت بالفاكس عن تأخر الرد على طلب الأسرة.' });
    second = created.json().case.id;
    const committee = await as(member);
    await committee.request('POST', `/api/v1/complaints/${first}/steps`, {
      action: 'assess',
      severity: 'medium',
      needsImmediateAction: false,
      concernedStaffIds: [concerned.id],
    });
    const assigned = await committee.request('POST', `/api/v1/complaints/${first}/steps`, { action: 'assign', assigneeId: member.id });
    expect(assigned.statusCode, assigned.body).toBe(200);

    const counts = async (who: StaffFixture) => {
      const response = await (await as(who)).request('GET', '/api/v1/complaints/counts');
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    };
    expect(await counts(member)).toEqual({ mine: 1, committee: 2, registered: null, all: null, awaitingAcknowledgement: 1, breached: 0 });
    expect(await counts(chair)).toEqual({ mine: 0, committee: 2, registered: null, all: null, awaitingAcknowledgement: 1, breached: 0 });
    expect(await counts(concerned)).toEqual({
      mine: 0,
      committee: 1,
      registered: null,
      all: null,
      awaitingAcknowledgement: 1,
      breached: 0,
    });
    expect(await counts(reception)).toEqual({
      mine: null,
      committee: null,
      registered: 2,
      all: null,
      awaitingAcknowledgement: 1,
      breached: 0,
    });
    expect(await counts(manager)).toEqual({ mine: null, committee: 2, registered: null, all: 2, awaitingAcknowledgement: 1, breached: 0 });
    // The counts match the lists they head.
    const list = (await (await as(member)).request('GET', '/api/v1/complaints?list=mine&isOpen=true')).json();
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([first]);
    const waiting = (await (await as(reception)).request('GET', '/api/v1/complaints?list=registered&step=received')).json();
    expect(waiting.items.map((i: { id: string }) => i.id)).toEqual([second]);
  });

  it('roles that do not handle complaints are refused the counts', async () => {
    const other = await buildStaff(t, { roles: ['hr'] });
    expect((await (await as(other)).request('GET', '/api/v1/complaints/counts')).statusCode).toBe(403);
  });
});
