import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDED_COMMITTEES } from '../../src/contracts/committees.js';
import { caseAge, complaintStep } from '../../src/contracts/complaints.js';
import { OPEN_STEPS } from '../../src/domain/complaint-steps.js';
import type { StaffRole } from '../../src/domain/roles.js';
import { checkClocks } from '../../src/modules/calendar/clocks.service.js';
import { handleCaseClockEvents } from '../../src/modules/complaints/complaints.jobs.js';
import { worklistFor } from '../../src/web/complaints/worklist-filters.js';
import { buildComplaint } from './factories.js';
import { type Agent, buildStaff, createTestApp, ENGINE, type StaffFixture, sessionFor, type TestApp } from './harness.js';

/**
 * Issue 6 §9 (H5, H6): each oversight figure links to the list behind it. The link
 * (`/complaints?tab=…&step=…&age=…&slaState=…`) is read by the worklist page into the API query it
 * sends (`worklistFor`, the page's own code); paging through that query must give exactly as many
 * rows as the figure says, on both engines. Unknown narrowing values are dropped by the page and
 * refused by the API (400 naming the field).
 */
let t: TestApp;
let manager: StaffFixture;
let managerOnCommittee: StaffFixture;
let member: StaffFixture;
let reception: StaffFixture;
let admin: StaffFixture;
const as = (staff: StaffFixture) => sessionFor(t, staff);
const DAY = 24 * 3600_000;

/** The rows the worklist page shows for an oversight link, every page followed (limit 2, so several pages). */
async function rowsForLink(agent: Agent, roles: StaffRole[], link: Record<string, string>) {
  const worklist = worklistFor(roles, new URLSearchParams(link));
  if (!worklist) throw new Error('no worklist');
  const query = { ...worklist.tab.filters, ...worklist.narrowing };
  const rows: Array<{ id: string; step: string; slaState: string; receivedAt: string; deadline: { day: string } | null }> = [];
  let cursor: string | null = null;
  do {
    const search = new URLSearchParams({ ...(query as Record<string, string>), limit: '2', ...(cursor ? { cursor } : {}) });
    const response = await agent.request('GET', `/api/v1/complaints?${search}`);
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json() as { items: typeof rows; nextCursor: string | null };
    rows.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  const days = rows.map((r) => r.deadline?.day ?? '9999-12-31');
  expect(days).toEqual([...days].sort());
  return rows;
}

beforeAll(async () => {
  t = await createTestApp();
  manager = await buildStaff(t, { roles: ['management'] });
  managerOnCommittee = await buildStaff(t, { roles: ['management', 'follow-up-committee'] });
  member = await buildStaff(t, { roles: ['follow-up-committee'] });
  reception = await buildStaff(t, { roles: ['reception'] });
  admin = await buildStaff(t, { roles: ['administrator'], withTotp: false });
  const update = await (await as(admin)).request('PATCH', `/api/v1/committees/${SEEDED_COMMITTEES.followUp}`, {
    memberIds: [member.id, managerOnCommittee.id],
    chairId: member.id,
    quorum: 1,
  });
  if (update.statusCode !== 200) throw new Error(`committee: ${update.statusCode} ${update.body}`);

  // Complaints of several ages: 20, 13 and 12 days old (past or near the 10-working-day deadline),
  // 8 and 4 days old, and three today (one by fax, waiting for its acknowledgement; one assessed).
  const ids: string[] = [];
  for (const daysAgo of [20, 13, 12, 8, 4]) {
    t.clock.advance(-daysAgo * DAY);
    await buildComplaint(t);
    t.clock.advance(daysAgo * DAY);
  }
  for (let i = 0; i < 2; i++) await buildComplaint(t);
  await buildComplaint(t, { by: reception }); // by fax
  const committee = await (await as(member)).request('GET', '/api/v1/complaints?list=committee&step=acknowledged&age=0-2');
  for (const item of committee.json().items as Array<{ id: string }>) ids.push(item.id);
  const first = ids[0];
  if (!first) throw new Error('no complaint to assess');
  const assessed = await (await as(member)).request('POST', `/api/v1/complaints/${first}/steps`, {
    action: 'assess',
    severity: 'medium',
    needsImmediateAction: false,
    concernedStaffIds: [],
  });
  expect(assessed.statusCode, assessed.body).toBe(200);
  await checkClocks(t.ctx, t.clock.now());
  await handleCaseClockEvents(t.ctx);
});
afterAll(async () => {
  await t.close();
});

describe(`oversight figures equal the lists they open [${ENGINE}]`, () => {
  it('H5: every step × age cell — the linked list holds exactly the figure’s rows, of that step and age', async () => {
    const agent = await as(manager);
    const figures = (await agent.request('GET', '/api/v1/complaints/oversight')).json() as {
      open: Array<{ kind: string; step: string; age: string; count: number }>;
    };
    const cells = figures.open.filter((f) => f.kind === 'complaint');
    // The fixture spreads over several cells, including one holding more than a page.
    expect(cells.length).toBeGreaterThanOrEqual(4);
    expect(cells.some((c) => c.count > 2)).toBe(true);
    for (const step of OPEN_STEPS.complaint)
      for (const age of caseAge.options) {
        const figure = cells.find((c) => c.step === step && c.age === age)?.count ?? 0;
        // listLink.complaints({ step, age }) on the oversight page: tab=all plus the cell's step and age.
        const rows = await rowsForLink(agent, ['management'], { tab: 'all', step, age });
        expect(rows.length, `${step} × ${age}`).toBe(figure);
        for (const row of rows) expect(row.step).toBe(step);
      }
  });

  it('H6: overdue and due-soon figures equal their lists (tab=breached; tab=all&slaState=due-soon)', async () => {
    const agent = await as(manager);
    const figures = (await agent.request('GET', '/api/v1/complaints/oversight')).json() as {
      overdue: { complaints: number };
      dueSoon: { complaints: number };
    };
    expect(figures.overdue.complaints).toBeGreaterThanOrEqual(1);
    expect(figures.dueSoon.complaints).toBeGreaterThanOrEqual(1);
    const overdue = await rowsForLink(agent, ['management'], { tab: 'breached' });
    expect(overdue.length).toBe(figures.overdue.complaints);
    for (const row of overdue) expect(row.slaState).toBe('breached');
    const dueSoon = await rowsForLink(agent, ['management'], { tab: 'all', slaState: 'due-soon' });
    expect(dueSoon.length).toBe(figures.dueSoon.complaints);
    for (const row of dueSoon) expect(row.slaState).toBe('due-soon');
  });

  it('a manager who also sits on the follow-up committee gets the same rows from the same link', async () => {
    const agent = await as(managerOnCommittee);
    const figures = (await agent.request('GET', '/api/v1/complaints/oversight')).json() as {
      open: Array<{ kind: string; step: string; age: string; count: number }>;
    };
    const cell = figures.open.find((c) => c.kind === 'complaint' && c.step === 'acknowledged' && c.age === '0-2');
    expect(cell?.count).toBeGreaterThanOrEqual(1);
    const worklist = worklistFor(
      ['management', 'follow-up-committee'],
      new URLSearchParams({ tab: 'all', step: 'acknowledged', age: '0-2' }),
    );
    expect(worklist?.tab.key).toBe('all');
    const rows = await rowsForLink(agent, ['management', 'follow-up-committee'], { tab: 'all', step: 'acknowledged', age: '0-2' });
    expect(rows.length).toBe(cell?.count);
  });

  it('bad narrowing: the page drops an unknown value; the API refuses it with 400 naming the field', async () => {
    const worklist = worklistFor(['management'], new URLSearchParams({ tab: 'all', step: 'lost', age: '99', slaState: 'on-time' }));
    expect(worklist?.narrowing).toEqual({ slaState: 'on-time' });
    expect(complaintStep.safeParse('lost').success).toBe(false);
    const agent = await as(manager);
    for (const [field, value] of [
      ['step', 'lost'],
      ['age', '99'],
      ['slaState', 'late-ish'],
    ] as const) {
      const response = await agent.request('GET', `/api/v1/complaints?list=all&${field}=${value}`);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().errors).toContainEqual(expect.objectContaining({ pointer: `/${field}` }));
    }
  });
});

// Issue 7 §5: the oversight page's figures at 5 million requests and 500 thousand cases. Each of its
// queries over complaints must seek an index range (open cases, a kind's recent weeks), never walk
// every case; SQLite's plan says so in words (PostgreSQL plans a table this small by cost alone).
if (ENGINE === 'sqlite') {
  describe('oversight queries seek, never scan the cases [sqlite]', () => {
    it('H5, H6: no statement of the page scans complaints; officers’ workload is read from the open cases', async () => {
      const SQLite = (await import('better-sqlite3')).default;
      const proto = Object.getPrototypeOf(new SQLite(':memory:').prepare('select 1'));
      const seen: Array<{ sql: string; parameters: unknown[] }> = [];
      const originals = { all: proto.all, get: proto.get };
      for (const method of ['all', 'get'] as const)
        proto[method] = function (this: { source: string }, ...args: unknown[]) {
          if (this.source.includes('"complaints"'))
            seen.push({ sql: this.source, parameters: (Array.isArray(args[0]) ? args[0] : args) as unknown[] });
          return originals[method].apply(this, args);
        };
      try {
        expect((await (await as(manager)).request('GET', '/api/v1/complaints/oversight')).statusCode).toBe(200);
      } finally {
        Object.assign(proto, originals);
      }
      expect(seen.length).toBeGreaterThanOrEqual(8);
      for (const { sql, parameters } of seen) {
        const explained = await t.ctx.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${sql}`, parameters));
        const plan = explained.rows.map((r) => r.detail);
        expect(
          plan.filter((line) => /^SCAN complaints/.test(line)),
          `${sql}\n${plan.join('\n')}`,
        ).toEqual([]);
        if (sql.includes('"sla_state" from')) expect(plan.join('\n')).toMatch(/complaints_open/);
      }
    });
  });
}
