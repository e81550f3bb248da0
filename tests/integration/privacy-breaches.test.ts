import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warnBreachDeadlines, warnRequestDeadlines } from '../../src/modules/privacy/privacy.jobs.js';
import { buildFamily, buildStaff } from './factories.js';
import { type Agent, createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';

/**
 * F2 (issue 25 §8, §2): the breach register's 72 clock hours — weekends and holidays count, never the
 * working-day clock — with its warning and escalation to management; the people affected told
 * through the outbox; lessons and closure; and a request's 30-day warning and escalation.
 */
let t: TestApp;
let officer: Agent;
let admin: Agent;
let managerId: string;
let officerFixture: Awaited<ReturnType<typeof buildStaff>>;
/** A fresh session after the clock jumped days ahead (sessions end when idle). */
const freshOfficer = async () => {
  officer = await sessionFor(t, officerFixture);
  return officer;
};

beforeAll(async () => {
  t = await createTestApp();
  // Thursday 3 December 2026, 16:00 Riyadh.
  t.clock.set('2026-12-03T13:00:00.000Z');
  officerFixture = await buildStaff(t, { roles: ['privacy-officer'] });
  officer = await sessionFor(t, officerFixture);
  admin = await sessionFor(t, await buildStaff(t, { roles: ['administrator'] }));
  managerId = (await buildStaff(t, { roles: ['management'] })).id;
}, 120_000);
afterAll(async () => {
  await t.close();
});

const staffMessages = (aboutId: string, staffId: string) =>
  t.ctx.db.selectFrom('outbox_messages').select('event').where('about_id', '=', aboutId).where('recipient_id', '=', staffId).execute();

describe(`F2 breach register [${ENGINE}]`, () => {
  it('F2: a notifiable breach known on Thursday is due to the regulator 72 clock hours later, on Sunday — the weekend counts; warned, then escalated to management', async () => {
    // The officer records it an hour after becoming aware (Thursday 16:00 Riyadh).
    const created = await officer.request('POST', '/api/v1/privacy/breaches', {
      awareAt: '2026-12-03T12:00:00.000Z',
      description: 'أُرسل ملف أسماء مستفيدين إلى بريد خاطئ',
      dataCategories: 'الأسماء وأرقام الجوال',
      peopleCount: 40,
      containment: 'طُلب من المستلم حذف الملف وأكّد ذلك كتابةً',
    });
    expect(created.statusCode, created.body).toBe(201);
    const breach = created.json();
    expect(breach).toMatchObject({ status: 'open', awareAt: '2026-12-03T12:00:00.000Z', isNotifiable: null, notifyDeadlineAt: null });
    expect(breach.reference).toMatch(/^BRC-2026-\d{6}$/);

    const decided = await officer.request('POST', `/api/v1/privacy/breaches/${breach.id}/decision`, {
      isNotifiable: true,
      reason: 'بيانات تواصل لأربعين أسرة خرجت عن الجمعية',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    // Friday and Saturday are the Saudi weekend: a working-day clock would say Tuesday.
    expect(decided.json()).toMatchObject({ isNotifiable: true, notifyDeadlineAt: '2026-12-06T12:00:00.000Z', hoursLeft: 71 });
    const twice = await officer.request('POST', `/api/v1/privacy/breaches/${breach.id}/decision`, { isNotifiable: false, reason: 'x' });
    expect(twice.statusCode).toBe(409);

    t.clock.set('2026-12-04T12:00:00.000Z');
    expect(await warnBreachDeadlines(t.ctx)).toEqual({ warnings: 0, escalations: 0 });
    t.clock.set('2026-12-05T13:00:00.000Z'); // Saturday: under 24 hours left
    expect(await warnBreachDeadlines(t.ctx)).toEqual({ warnings: 1, escalations: 0 });
    expect(await warnBreachDeadlines(t.ctx)).toEqual({ warnings: 0, escalations: 0 });
    expect(await staffMessages(breach.id, managerId)).toEqual([]);
    t.clock.set('2026-12-06T12:00:01.000Z'); // Sunday, one second past the 72 hours
    expect(await warnBreachDeadlines(t.ctx)).toEqual({ warnings: 0, escalations: 1 });
    expect(await staffMessages(breach.id, managerId)).toEqual([{ event: 'privacy.breach-due' }]);

    await freshOfficer();
    const early = await officer.request('POST', `/api/v1/privacy/breaches/${breach.id}/closure`, { lessons: 'x' });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('privacy.breach-regulator-pending');
    const notified = await officer.request('POST', `/api/v1/privacy/breaches/${breach.id}/regulator-notification`, {
      notifiedAt: '2026-12-06T11:00:00.000Z',
      reference: 'SDAIA-2026-1234',
    });
    expect(notified.statusCode, notified.body).toBe(200);
    expect(notified.json()).toMatchObject({
      regulatorNotifiedAt: '2026-12-06T11:00:00.000Z',
      regulatorReference: 'SDAIA-2026-1234',
      hoursLeft: null,
    });
  });

  it('F2: the people affected are told through the outbox (a service message); lessons close the breach; every step audited', async () => {
    admin = await sessionFor(t, await buildStaff(t, { roles: ['administrator'] }));
    const family = await buildFamily(t);
    const breach = (
      await officer.request('POST', '/api/v1/privacy/breaches', {
        awareAt: t.clock.now().toISOString(),
        description: 'فُقد ملف ورقي',
        dataCategories: 'العنوان',
        peopleCount: 1,
      })
    ).json();
    await officer.request('POST', `/api/v1/privacy/breaches/${breach.id}/decision`, { isNotifiable: false, reason: 'لا ضرر محتمل' });
    const informed = await officer.request('POST', `/api/v1/privacy/breaches/${breach.id}/people-informed`, {
      familyIds: [family.id],
      message: 'فُقد ملف ورقي يحمل عنوانكم ووُجد بعد ساعة',
    });
    expect(informed.statusCode, informed.body).toBe(200);
    expect(informed.json().informedCount).toBe(1);
    const message = await t.ctx.db.selectFrom('outbox_messages').selectAll().where('about_id', '=', breach.id).executeTakeFirstOrThrow();
    expect(message).toMatchObject({ event: 'privacy.breach-notice', recipient_kind: 'family', priority: 'transactional' });
    const closed = await officer.request('POST', `/api/v1/privacy/breaches/${breach.id}/closure`, {
      lessons: 'لا تُنقل الملفات الورقية خارج المكتب',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', lessons: 'لا تُنقل الملفات الورقية خارج المكتب' });
    const adminWrite = await admin.request('POST', '/api/v1/privacy/breaches', {
      awareAt: t.clock.now().toISOString(),
      description: 'x',
      dataCategories: 'x',
      peopleCount: 1,
    });
    expect(adminWrite.statusCode).toBe(403);
    const actions = (await t.ctx.db.selectFrom('audit_events').select('action').where('entity_id', '=', breach.id).execute()).map(
      (r) => r.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining(['privacy.breach-create', 'privacy.breach-decide', 'privacy.breach-inform', 'privacy.breach-close']),
    );
    const raw = await t.ctx.db
      .selectFrom('privacy_breaches')
      .select(['description', 'lessons'])
      .where('id', '=', breach.id)
      .executeTakeFirstOrThrow();
    expect(raw.description).not.toContain('ملف');
  });

  it('F2: a request is warned on its warning day (privacy officers) and escalated to management once its 30th day is over', async () => {
    t.clock.set('2026-12-10T09:00:00.000Z');
    await freshOfficer();
    const family = await buildFamily(t);
    const request = (
      await officer.request('POST', '/api/v1/privacy/requests', {
        kind: 'access',
        channel: 'letter',
        requester: { kind: 'family', familyId: family.id },
        relation: 'head',
      })
    ).json();
    expect(request.deadline.day).toBe('2027-01-09');
    t.clock.set('2027-01-03T09:00:00.000Z');
    expect(await warnRequestDeadlines(t.ctx)).toEqual({ warnings: 0, escalations: 0 });
    t.clock.set('2027-01-04T09:00:00.000Z'); // five days before
    expect(await warnRequestDeadlines(t.ctx)).toEqual({ warnings: 1, escalations: 0 });
    t.clock.set('2027-01-09T20:00:00.000Z'); // still day 30 in Riyadh (23:00)
    expect(await warnRequestDeadlines(t.ctx)).toEqual({ warnings: 0, escalations: 0 });
    t.clock.set('2027-01-09T21:00:00.000Z'); // 00:00 on 10 January in Riyadh
    expect(await warnRequestDeadlines(t.ctx)).toEqual({ warnings: 0, escalations: 1 });
    expect(await staffMessages(request.id, managerId)).toEqual([{ event: 'privacy.request-due' }]);
  });
});
