import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarJobs } from '../../src/modules/calendar/calendar.jobs.js';
import { handleCaseClockEvents } from '../../src/modules/complaints/complaints.jobs.js';
import { post } from './complaints-fixtures.js';
import { buildComplaint, buildFamily, type FamilyFixture } from './factories.js';
import { buildStaff, createTestApp, ENGINE, type StaffFixture, sessionFor, type TestApp } from './harness.js';

/**
 * Issue 6 §7–§9 (C1, E2, G1, G2): the contact-officer register, routing of inquiries with its
 * fallbacks (category × domain, category, domain, general queue), backups for absent officers, the
 * support queue, answers from approved templates through the outbox, the public `/contact` data,
 * and each officer's workload and response time.
 */
let t: TestApp;
let admin: StaffFixture;
let reception: StaffFixture;
let manager: StaffFixture;
let both: StaffFixture; // productive-family × training
let categoryOfficer: StaffFixture; // productive-family, any domain
let domainOfficer: StaffFixture; // marketing, any category
let backup: StaffFixture;
let family: FamilyFixture;
const as = (staff: StaffFixture) => sessionFor(t, staff);

const register = async (body: Record<string, unknown>) =>
  (await as(admin)).request('POST', '/api/v1/contact-officers', {
    roleTitleAr: 'ضابط اتصال',
    roleTitleEn: 'Contact officer',
    channel: 'phone',
    address: '920012345 تحويلة 12',
    ...body,
  });

async function submitInquiry(overrides: Record<string, unknown>) {
  const filed = await buildComplaint(t, { kind: 'inquiry', ...overrides });
  return { ...filed, row: await t.ctx.db.selectFrom('complaints').selectAll().where('id', '=', filed.id).executeTakeFirstOrThrow() };
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await buildStaff(t, { roles: ['administrator'], withTotp: false });
  reception = await buildStaff(t, { roles: ['reception'] });
  manager = await buildStaff(t, { roles: ['management'] });
  both = await buildStaff(t, { roles: ['contact-officer'] });
  categoryOfficer = await buildStaff(t, { roles: ['contact-officer'] });
  domainOfficer = await buildStaff(t, { roles: ['contact-officer'] });
  backup = await buildStaff(t, { roles: ['contact-officer'] });
  family = await buildFamily(t, { by: reception });
});
afterAll(async () => {
  await t.close();
});

describe(`contact-officer register [${ENGINE}]`, () => {
  it('G1: an administrator registers officers and backups; bad entries answer problem+json', async () => {
    const first = await register({ category: 'productive-family', domain: 'training', officerId: both.id, backupId: backup.id });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ officer: { id: both.id, isAbsent: false }, backup: { id: backup.id } });
    expect((await register({ category: 'productive-family', domain: null, officerId: categoryOfficer.id })).statusCode).toBe(201);
    expect((await register({ category: null, domain: 'marketing', officerId: domainOfficer.id })).statusCode).toBe(201);

    const duplicate = await register({ category: 'productive-family', domain: 'training', officerId: categoryOfficer.id });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().code).toBe('officers.duplicate');
    const mobile = await register({ category: 'trainee', domain: null, officerId: both.id, address: '0551234567' });
    expect(mobile.statusCode).toBe(400);
    expect(mobile.json().errors).toContainEqual(expect.objectContaining({ pointer: '/address', code: 'officers.personal-phone' }));
    const notOfficer = await register({ category: 'trainee', domain: null, officerId: reception.id });
    expect(notOfficer.json().errors).toContainEqual(
      expect.objectContaining({ pointer: '/officerId', code: 'officers.not-contact-officer' }),
    );
    const neither = await register({ category: null, domain: null, officerId: both.id });
    expect(neither.json().errors).toContainEqual(expect.objectContaining({ code: 'officers.key-required' }));
    expect((await (await as(both)).request('POST', '/api/v1/contact-officers', {})).statusCode).toBe(403);
  });

  it('G1: /contact and its API show roles and the association’s channels, never names or personal phones', async () => {
    const data = await t.app.inject({ method: 'GET', url: '/api/v1/public/contact-officers' });
    expect(data.statusCode).toBe(200);
    const entries = data.json().entries;
    expect(entries).toHaveLength(3);
    expect(entries[0]).toEqual(expect.objectContaining({ roleTitleAr: 'ضابط اتصال', channel: 'phone', address: '920012345 تحويلة 12' }));
    const text = JSON.stringify(data.json());
    for (const staff of [both, categoryOfficer, domainOfficer, backup]) {
      expect(text).not.toContain(staff.id);
      expect(text).not.toContain(staff.username);
    }
    const page = await t.app.inject({ method: 'GET', url: '/contact' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('dir="rtl"');
    expect(page.body).toContain('أسرة منتجة');
    expect(page.body).toContain('التدريب والتأهيل');
    expect(page.body).not.toContain('<script type="module"');
    expect(page.body).not.toContain(both.username);
    const english = await t.app.inject({ method: 'GET', url: '/contact?lang=en' });
    expect(english.body).toContain('Contact officers');
  });
});

describe(`inquiry routing [${ENGINE}]`, () => {
  it('C1: category × domain first (the family matched by its ID number), then category, then domain, else the general queue', async () => {
    const exact = await submitInquiry({ nationalId: family.nationalId, domain: 'training' });
    expect([exact.row.officer_id, exact.row.route_rule, exact.row.step]).toEqual([both.id, 'category-domain', 'routed']);
    const category = await submitInquiry({ nationalId: family.nationalId, domain: 'equipment' });
    expect([category.row.officer_id, category.row.route_rule]).toEqual([categoryOfficer.id, 'category']);
    const domain = await submitInquiry({ domain: 'marketing' });
    expect([domain.row.officer_id, domain.row.route_rule]).toEqual([domainOfficer.id, 'domain']);
    const general = await submitInquiry({ domain: 'licensing' });
    expect([general.row.officer_id, general.row.queue, general.row.route_rule]).toEqual([null, 'general', 'general']);
    // The officer is told in the staff app.
    const notice = await t.ctx.db
      .selectFrom('outbox_messages')
      .select(['recipient_id', 'channel'])
      .where('about_id', '=', exact.row.id)
      .where('event', '=', 'complaint.assigned')
      .execute();
    expect(notice).toContainEqual({ recipient_id: both.id, channel: 'staff-app' });
    // The writer sees it in progress, never who has it.
    const lookup = await post(t, '/api/v1/public/inquiries/lookup', { trackingCode: exact.trackingCode });
    expect(lookup.json().status).toBe('in-progress');
    expect(JSON.stringify(lookup.json())).not.toContain(both.id);
  });

  it('E2: an absent officer’s inquiries go to the backup; with no backup available, to the general queue', async () => {
    expect((await (await as(categoryOfficer)).request('PUT', `/api/v1/officer-absences/${both.id}`, { isAbsent: true })).statusCode).toBe(
      403,
    );
    const absent = await (await as(both)).request('PUT', `/api/v1/officer-absences/${both.id}`, { isAbsent: true, untilDay: null });
    expect(absent.statusCode, absent.body).toBe(200);
    const toBackup = await submitInquiry({ nationalId: family.nationalId, domain: 'training' });
    expect([toBackup.row.officer_id, toBackup.row.route_rule]).toEqual([backup.id, 'category-domain:backup']);
    await (await as(admin)).request('PUT', `/api/v1/officer-absences/${backup.id}`, { isAbsent: true, untilDay: null });
    const toQueue = await submitInquiry({ nationalId: family.nationalId, domain: 'training' });
    expect([toQueue.row.officer_id, toQueue.row.queue]).toEqual([null, 'general']);
    const register = (await (await as(admin)).request('GET', '/api/v1/contact-officers')).json();
    expect(register.items.find((e: { officer: { id: string } }) => e.officer.id === both.id).officer.isAbsent).toBe(true);
    for (const staff of [both, backup]) await (await as(admin)).request('PUT', `/api/v1/officer-absences/${staff.id}`, { isAbsent: false });
    const back = await submitInquiry({ nationalId: family.nationalId, domain: 'training' });
    expect(back.row.officer_id).toBe(both.id);
  });

  it('§7: technical-support topics go to the support queue', async () => {
    const support = await submitInquiry({ topic: 'technical-support', domain: 'training', nationalId: family.nationalId });
    expect([support.row.queue, support.row.officer_id, support.row.route_rule]).toEqual(['support', null, 'support']);
    const queue = (await (await as(domainOfficer)).request('GET', '/api/v1/inquiries?list=support')).json();
    expect(queue.items.map((i: { id: string }) => i.id)).toContain(support.row.id);
  });
});

describe(`answering inquiries [${ENGINE}]`, () => {
  it('G2: the officer answers from an approved template; the answer goes through the outbox and shows on the tracking page', async () => {
    const sent = await submitInquiry({ nationalId: family.nationalId, domain: 'training', email: 'asker@example.com' });
    const officer = await as(both);
    const mine = (await officer.request('GET', '/api/v1/inquiries')).json();
    expect(mine.items.map((i: { id: string }) => i.id)).toContain(sent.row.id);
    const templates = (await officer.request('GET', '/api/v1/inquiries/answer-templates')).json();
    const template = templates.find((x: { code: string }) => x.code === 'eligibility-conditions');
    expect(template.bodyAr).toContain('الأسر المنتجة');

    const other = await as(categoryOfficer);
    expect((await other.request('GET', `/api/v1/inquiries/${sent.row.id}`)).statusCode).toBe(404);
    const unknown = await officer.request('POST', `/api/v1/inquiries/${sent.row.id}/steps`, {
      action: 'answer',
      answer: template.bodyEn,
      templateCode: 'no-such-template',
    });
    expect(unknown.statusCode).toBe(400);
    const early = await officer.request('POST', `/api/v1/inquiries/${sent.row.id}/steps`, { action: 'close' });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'inquiry.illegal-transition', from: 'routed' });

    t.clock.advance(5 * 3600_000);
    const answer = await (await as(both)).request('POST', `/api/v1/inquiries/${sent.row.id}/steps`, {
      action: 'answer',
      answer: template.bodyEn,
      templateCode: 'eligibility-conditions',
    });
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json()).toMatchObject({ step: 'answered', answerTemplate: 'eligibility-conditions', slaState: 'met' });
    const message = await t.ctx.db
      .selectFrom('outbox_messages')
      .selectAll()
      .where('about_id', '=', sent.row.id)
      .where('event', '=', 'inquiry.answered')
      .executeTakeFirstOrThrow();
    expect(message.channel).toBe('email');
    expect(t.ctx.keys.encryptor.decrypt(String(message.body), `outbox:${message.id}:body`)).toContain('productive families');
    const lookup = (await post(t, '/api/v1/public/inquiries/lookup', { trackingCode: sent.trackingCode })).json();
    expect(lookup.status).toBe('responded');
    expect(lookup.response).toBe(template.bodyEn);
    expect(JSON.stringify(lookup)).not.toContain('asker@');
    const closed = await (await as(both)).request('POST', `/api/v1/inquiries/${sent.row.id}/steps`, { action: 'close' });
    expect(closed.json().step).toBe('closed');
  });

  it('C1: any contact officer takes an inquiry from the general queue, then answers it', async () => {
    const queued = await submitInquiry({ domain: 'licensing' });
    const officer = await as(domainOfficer);
    const notYet = await officer.request('POST', `/api/v1/inquiries/${queued.row.id}/steps`, {
      action: 'answer',
      answer: 'يمكنكم التقديم على ترخيص العمل الحر عبر المنصة الوطنية.',
    });
    expect(notYet.statusCode).toBe(409);
    const take = await officer.request('POST', `/api/v1/inquiries/${queued.row.id}/steps`, {
      action: 'route',
      officerId: domainOfficer.id,
    });
    expect(take.statusCode, take.body).toBe(200);
    expect(take.json()).toMatchObject({ officer: { id: domainOfficer.id }, queue: 'officer', routeRule: 'claimed' });
    const answered = await officer.request('POST', `/api/v1/inquiries/${queued.row.id}/steps`, {
      action: 'answer',
      answer: 'يمكنكم التقديم على ترخيص العمل الحر عبر المنصة الوطنية.',
    });
    expect(answered.json().step).toBe('answered');
  });

  it('C1: a phone inquiry logged by reception is routed at once and waits for the acknowledgement', async () => {
    const response = await (await as(reception)).request('POST', '/api/v1/complaints/intake', {
      kind: 'inquiry',
      channel: 'phone',
      name: 'نورة الشهري',
      mobile: '0501112233',
      topic: 'training-marketing',
      domain: 'marketing',
      description: 'تسأل عن موعد المعرض القادم للأسر المنتجة وطريقة المشاركة فيه.',
    });
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json().case;
    expect(created).toMatchObject({ kind: 'inquiry', channel: 'phone', step: 'received', officer: { id: domainOfficer.id } });
    expect(response.json().case.deadline.workingDays).toBe(5);
    const ack = await (await as(reception)).request('POST', `/api/v1/inquiries/${created.id}/steps`, { action: 'acknowledge', via: 'sms' });
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json().step).toBe('routed');
  });

  it('H6: oversight gives each officer’s workload and median response time', async () => {
    const response = await (await as(manager)).request('GET', '/api/v1/complaints/oversight');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    const row = (id: string) => body.officers.find((o: { officer: { id: string } }) => o.officer.id === id);
    expect(row(both.id)).toMatchObject({ answered: 1, medianResponseHours: 5 });
    expect(row(domainOfficer.id).answered).toBe(1);
    const open = await t.ctx.db
      .selectFrom('complaints')
      .select('id')
      .where('kind', '=', 'inquiry')
      .where('officer_id', '=', both.id)
      .where('step', 'not in', ['answered', 'closed'])
      .execute();
    expect(row(both.id).open).toBe(open.length);
    expect(body.queues.support).toBe(1);
    const week = body.weekly.at(-1);
    expect(week.inquiriesReceived).toBeGreaterThanOrEqual(10);
    expect(week.inquiriesAnswered).toBe(2);
    const all = (await (await as(manager)).request('GET', `/api/v1/inquiries?list=all&officerId=${both.id}`)).json();
    expect(all.items.every((i: { officer: { id: string } | null }) => i.officer?.id === both.id)).toBe(true);
  });
});

describe(`inquiry counts and the oversight page's lists [${ENGINE}]`, () => {
  type Item = { id: string };
  /** Every item of a list, paged by its cursor (the list's total). */
  async function total(staff: StaffFixture, query: string): Promise<string[]> {
    const agent = await as(staff);
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await agent.request(
        'GET',
        `/api/v1/inquiries?${query}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(response.statusCode, `${query}: ${response.body}`).toBe(200);
      ids.push(...response.json().items.map((i: Item) => i.id));
      cursor = response.json().nextCursor;
    } while (cursor);
    return ids;
  }
  const TABS = ['mine', 'general', 'support', 'registered', 'all'] as const;
  async function expectCountsMatchLists(staff: StaffFixture) {
    const response = await (await as(staff)).request('GET', '/api/v1/inquiries/counts');
    expect(response.statusCode, response.body).toBe(200);
    const counts = response.json();
    for (const tab of TABS) {
      const listed = await (await as(staff)).request('GET', `/api/v1/inquiries?list=${tab}&isOpen=true&limit=1`);
      if (counts[tab] === null) {
        expect(listed.statusCode, `${tab} is not this role's list`).toBe(403);
        continue;
      }
      expect({ tab, count: counts[tab] }).toEqual({ tab, count: (await total(staff, `list=${tab}&isOpen=true`)).length });
    }
    return counts;
  }

  it('C1, G1: each tab’s count equals its list’s total, scoped as the lists are, for every role', async () => {
    // One more in the general queue and one closed, so open and closed differ in what is counted.
    await submitInquiry({ domain: 'licensing' });
    const counts = {
      both: await expectCountsMatchLists(both),
      domain: await expectCountsMatchLists(domainOfficer),
      reception: await expectCountsMatchLists(reception),
      manager: await expectCountsMatchLists(manager),
    };
    expect(counts.both.mine).toBeGreaterThan(0);
    expect(counts.both.all).toBeNull();
    expect(counts.reception).toMatchObject({ mine: null, general: null, support: null, all: null });
    expect(counts.reception.registered).toBeGreaterThan(0);
    expect(counts.manager.mine).toBeNull();
    expect(counts.manager.general).toBeGreaterThan(0);
    // Closed inquiries are not counted (one was closed in "answering inquiries").
    const closed = await t.ctx.db
      .selectFrom('complaints')
      .select('id')
      .where('kind', '=', 'inquiry')
      .where('step', '=', 'closed')
      .execute();
    expect(closed.length).toBeGreaterThan(0);
    expect(counts.manager.all).toBe((await total(manager, 'list=all')).length - closed.length);
    expect((await (await as(admin)).request('GET', '/api/v1/inquiries/counts')).statusCode).toBe(403);
  });

  it('H6: each officer figure (open, overdue, answered in 90 days) equals the total of the list it links to', async () => {
    // Past the inquiries' 5 working days: the calendar's job raises the breaches, the complaints' job marks them.
    t.clock.advance(9 * 24 * 3600_000);
    for (const job of calendarJobs(t.ctx)) await job.run(t.clock.now());
    expect((await handleCaseClockEvents(t.ctx)).breaches).toBeGreaterThan(0);
    const figures = async () => (await (await as(manager)).request('GET', '/api/v1/complaints/oversight')).json();
    const body = await figures();
    const since = new Date(new Date(body.asOf).getTime() - 90 * 24 * 3600_000).toISOString();
    let overdueSeen = 0;
    for (const row of body.officers) {
      const id = row.officer.id;
      expect({ id, open: row.open }).toEqual({ id, open: (await total(manager, `list=all&officerId=${id}&awaitingAnswer=true`)).length });
      const overdue = await total(manager, `list=all&officerId=${id}&awaitingAnswer=true&slaState=breached`);
      expect({ id, overdue: row.overdue }).toEqual({ id, overdue: overdue.length });
      overdueSeen += overdue.length;
      const answered = await total(manager, `list=all&answeredBy=${id}&answeredSince=${encodeURIComponent(since)}`);
      expect({ id, answered: row.answered }).toEqual({ id, answered: answered.length });
    }
    expect(overdueSeen).toBeGreaterThan(0);
    expect(body.officers.find((o: { officer: Item }) => o.officer.id === both.id).answered).toBe(1);
    // The answered figure is the officer's answers, not every inquiry routed to them.
    expect((await total(manager, `list=all&officerId=${both.id}`)).length).toBeGreaterThan(1);
    expect(body.overdue.inquiries).toBe((await total(manager, 'list=all&slaState=breached')).length);
    expect(body.queues.general).toBe((await total(manager, 'list=general')).length);
    expect(body.queues.support).toBe((await total(manager, 'list=support')).length);
    for (const cell of body.open.filter((c: { kind: string }) => c.kind === 'inquiry'))
      expect({ ...cell, count: cell.count }).toEqual({
        ...cell,
        count: (await total(manager, `list=all&step=${cell.step}&age=${cell.age}`)).length,
      });

    // 91 days on, those answers fall out of both the figure and its list; the officer's inquiries remain.
    t.clock.advance(91 * 24 * 3600_000);
    const later = await figures();
    const laterSince = new Date(new Date(later.asOf).getTime() - 90 * 24 * 3600_000).toISOString();
    expect(later.officers.find((o: { officer: Item }) => o.officer.id === both.id)?.answered ?? 0).toBe(0);
    expect(await total(manager, `list=all&answeredBy=${both.id}&answeredSince=${encodeURIComponent(laterSince)}`)).toEqual([]);
    expect((await total(manager, `list=all&answeredBy=${both.id}`)).length).toBe(1);
    const bad = await (await as(manager)).request('GET', '/api/v1/inquiries?answeredSince=yesterday&answeredBy=nobody');
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { pointer: string }) => e.pointer)
        .sort(),
    ).toEqual(['/answeredBy', '/answeredSince']);
  });

  it('H6: an officer’s median response time is the middle answer of the last 90 days, or the mean of the middle two', async () => {
    const officer = await buildStaff(t, { roles: ['contact-officer'] });
    const rows = await t.ctx.db.selectFrom('complaints').select('id').where('kind', '=', 'inquiry').limit(5).execute();
    expect(rows.length).toBe(5);
    const now = t.clock.now().getTime();
    const answer = async (id: string, hours: number) => {
      const received = now - 10 * 24 * 3600_000;
      await t.ctx.db
        .updateTable('complaints')
        .set({
          answered_by: officer.id,
          created_at: new Date(received).toISOString(),
          responded_at: new Date(received + hours * 3600_000).toISOString(),
        })
        .where('id', '=', id)
        .execute();
    };
    const medianOf = async () => {
      const body = (await (await as(manager)).request('GET', '/api/v1/complaints/oversight')).json();
      return body.officers.find((o: { officer: { id: string } }) => o.officer.id === officer.id);
    };
    const [a, b, c, d, e] = rows.map((r) => r.id) as [string, string, string, string, string];
    await answer(a, 30);
    await answer(b, 1);
    await answer(c, 6);
    await answer(d, 2.5);
    expect(await medianOf()).toMatchObject({ answered: 4, medianResponseHours: 4.3 }); // (2.5 + 6) / 2 = 4.25
    await answer(e, 3);
    expect(await medianOf()).toMatchObject({ answered: 5, medianResponseHours: 3 });
  });
});
