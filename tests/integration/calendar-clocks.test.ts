import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { calendarJobs } from '../../src/modules/calendar/calendar.jobs.js';
import {
  checkClocks,
  getClock,
  markClockEventHandled,
  pauseClock,
  pendingClockEvents,
  resumeClock,
  type StartClockInput,
  startClock,
  stopClock,
} from '../../src/modules/calendar/clocks.service.js';
import { uuidv7 } from '../../src/platform/ids.js';
import { type Agent, buildStaff, createTestApp, ENGINE, type StaffFixture, sessionFor, type TestApp } from './harness.js';

/**
 * Issue 4 §4: working-day clocks follow the administrator's holiday edits in the edit's own
 * transaction (closed clocks stay as they were), every move is audited, and each clock raises its
 * warning and its breach once.
 */
let t: TestApp;
let administrator: StaffFixture;

/** The tests move the clock by weeks: a fresh session each time, so idle timeouts never interfere. */
const admin = {
  request: async (...args: Parameters<Agent['request']>) => (await sessionFor(t, administrator)).request(...args),
};

beforeAll(async () => {
  t = await createTestApp();
  administrator = await buildStaff(t, { roles: ['administrator'] });
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  // Each test starts from the defaults and only sees its own clocks.
  for (const edit of await t.ctx.db.selectFrom('holiday_edits').select('id').where('undone_at', 'is', null).execute()) {
    await admin.request('DELETE', `/api/v1/settings/holidays/edits/${edit.id}`);
  }
  await t.ctx.db.deleteFrom('clock_events').execute();
  await t.ctx.db.deleteFrom('working_clocks').execute();
  t.clock.set('2026-03-10T06:00:00.000Z');
});

/** The C6 example: complete on 10 March 2026, 15 working days, due 6 April 2026. */
const requestClock = (extra: Partial<StartClockInput> = {}): StartClockInput => ({
  ownerType: 'request',
  ownerId: uuidv7(),
  startDay: '2026-03-10',
  workingDays: 15,
  warningThreshold: 3,
  ...extra,
});

async function auditOf(clockId: string, action: string) {
  const rows = await t.ctx.db
    .selectFrom('audit_events')
    .select(['actor_kind', 'actor_id', 'details'])
    .where('entity', '=', 'working_clock')
    .where('entity_id', '=', clockId)
    .where('action', '=', action)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ ...r, details: JSON.parse(r.details ?? '{}') }));
}

async function eventsOf(clockId: string) {
  return t.ctx.db.selectFrom('clock_events').selectAll().where('clock_id', '=', clockId).orderBy('at').execute();
}

describe(`working-day clocks [${ENGINE}]`, () => {
  it('computes the C6 deadline and the warning day when started inside another transaction', async () => {
    const ownerId = uuidv7();
    const clock = await t.ctx.db.transaction().execute((trx) => startClock(trx, t.ctx, requestClock({ ownerId })));
    expect(clock).toMatchObject({
      ownerType: 'request',
      ownerId,
      state: 'running',
      deadline: '2026-04-06',
      deadlineHijri: '1447-10-18',
      deadlineEndsAt: '2026-04-06T20:59:59.999Z',
      warnDay: '2026-04-01', // three working days left after it: 2, 5 and 6 April
      pauses: [],
    });
    expect((await auditOf(clock.id, 'clock.start')).length).toBe(1);
  });

  it('leaves no clock behind when the owning transaction rolls back', async () => {
    const ownerId = uuidv7();
    await expect(
      t.ctx.db.transaction().execute(async (trx) => {
        await startClock(trx, t.ctx, requestClock({ ownerId }));
        throw new Error('the request could not be saved');
      }),
    ).rejects.toThrow('could not be saved');
    expect(await t.ctx.db.selectFrom('working_clocks').select('id').where('owner_id', '=', ownerId).execute()).toEqual([]);
  });

  it('a holiday edit moves an open clock in the same request, audited with the old and new deadline; a stopped one stays', async () => {
    const open = await startClock(t.ctx.db, t.ctx, requestClock());
    const paused = await startClock(t.ctx.db, t.ctx, requestClock());
    await pauseClock(t.ctx.db, t.ctx, paused.id, { day: '2026-04-02' });
    const stopped = await startClock(t.ctx.db, t.ctx, requestClock());
    await stopClock(t.ctx.db, t.ctx, stopped.id, { at: new Date('2026-03-30T08:00:00.000Z'), reason: 'done' });
    const later = await startClock(t.ctx.db, t.ctx, requestClock({ startDay: '2026-04-01' })); // starts after the edited day

    const response = await admin.request('POST', '/api/v1/settings/holidays', {
      action: 'add',
      date: '2026-03-31',
      kind: 'custom',
      nameAr: 'إجازة استثنائية',
      nameEn: 'Special holiday',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().recomputedClocks).toBe(2);

    // No job has run: the edit's own transaction moved them.
    expect((await getClock(t.ctx, open.id))?.deadline).toBe('2026-04-07');
    expect((await getClock(t.ctx, open.id))?.warnDay).toBe('2026-04-02');
    expect((await getClock(t.ctx, paused.id))?.deadline).toBe('2026-04-08'); // paused from 2 April: one more day
    expect(await getClock(t.ctx, stopped.id)).toMatchObject({ state: 'met', deadline: '2026-04-06' });
    expect((await getClock(t.ctx, later.id))?.deadline).toBe(later.deadline);

    const [recompute, ...more] = await auditOf(open.id, 'clock.recompute');
    expect(more).toEqual([]);
    expect(recompute?.actor_kind).toBe('staff');
    expect(recompute?.details).toMatchObject({
      reason: 'holiday-edit',
      oldDeadline: '2026-04-06',
      newDeadline: '2026-04-07',
      ownerType: 'request',
    });
    expect(await auditOf(stopped.id, 'clock.recompute')).toEqual([]);
    expect(await auditOf(later.id, 'clock.recompute')).toEqual([]);
    const editAudit = await t.ctx.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'holiday.edit')
      .where('entity_id', '=', response.json().edit.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(editAudit.details ?? '{}')).toMatchObject({ recomputedClocks: 2, edit: { action: 'add', date: '2026-03-31' } });

    // Undoing the edit brings the deadline back, audited again; the stopped clock is still untouched.
    const undone = await admin.request('DELETE', `/api/v1/settings/holidays/edits/${response.json().edit.id}`);
    expect(undone.json()).toEqual({ ok: true, recomputedClocks: 2 });
    expect((await getClock(t.ctx, open.id))?.deadline).toBe('2026-04-06');
    expect((await auditOf(open.id, 'clock.recompute')).map((a) => a.details.newDeadline)).toEqual(['2026-04-07', '2026-04-06']);
    expect(await getClock(t.ctx, stopped.id)).toMatchObject({ state: 'met', deadline: '2026-04-06' });
  });

  it('moving an Eid compensation day out of a clock’s span brings its deadline forward', async () => {
    const clock = await startClock(t.ctx.db, t.ctx, requestClock());
    const moved = await admin.request('POST', '/api/v1/settings/holidays', { action: 'move', from: '2026-03-24', to: '2026-04-09' });
    expect(moved.json().recomputedClocks).toBe(1);
    expect((await getClock(t.ctx, clock.id))?.deadline).toBe('2026-04-05');
    const [audit] = await auditOf(clock.id, 'clock.recompute');
    expect(audit?.details).toMatchObject({ oldDeadline: '2026-04-06', newDeadline: '2026-04-05' });
  });

  it('pauses do not count; resuming fixes the span; stopping after the deadline is not met', async () => {
    const clock = await startClock(t.ctx.db, t.ctx, requestClock());
    const paused = await pauseClock(t.ctx.db, t.ctx, clock.id, { day: '2026-03-15' });
    expect(paused).toMatchObject({ state: 'paused', deadline: '2026-04-07', pauses: [{ from: '2026-03-15', to: null }] });
    const resumed = await resumeClock(t.ctx.db, t.ctx, clock.id, { day: '2026-03-17' });
    // 15, 16 and 17 March did not count.
    expect(resumed).toMatchObject({ state: 'running', deadline: '2026-04-09', pauses: [{ from: '2026-03-15', to: '2026-03-17' }] });
    await expect(resumeClock(t.ctx.db, t.ctx, clock.id, { day: '2026-03-18' })).rejects.toMatchObject({ code: 'clock.wrong-state' });
    await expect(pauseClock(t.ctx.db, t.ctx, clock.id, { day: '2026-03-16' })).rejects.toMatchObject({ code: 'clock.pause-too-early' });

    const late = await stopClock(t.ctx.db, t.ctx, clock.id, { at: new Date('2026-04-09T21:00:00.000Z'), reason: 'done' });
    expect(late).toMatchObject({ state: 'stopped', stopReason: 'done' });
    await expect(pauseClock(t.ctx.db, t.ctx, clock.id, { day: '2026-04-12' })).rejects.toMatchObject({ code: 'clock.wrong-state' });
    expect((await auditOf(clock.id, 'clock.pause')).length).toBe(1);
    expect((await auditOf(clock.id, 'clock.resume'))[0]?.details).toMatchObject({ oldDeadline: '2026-04-07', newDeadline: '2026-04-09' });
  });

  it('raises the warning once on its day and the breach once after 23:59:59 Riyadh of the deadline day', async () => {
    const clock = await startClock(t.ctx.db, t.ctx, requestClock());
    const cancelled = await startClock(t.ctx.db, t.ctx, requestClock());
    await stopClock(t.ctx.db, t.ctx, cancelled.id, { at: t.clock.now(), reason: 'cancelled' });
    const paused = await startClock(t.ctx.db, t.ctx, requestClock());
    await pauseClock(t.ctx.db, t.ctx, paused.id, { day: '2026-03-12' });
    const check = async (at: string) => {
      t.clock.set(at);
      return checkClocks(t.ctx, t.clock.now());
    };

    expect(await check('2026-03-31T20:59:00.000Z')).toMatchObject({ warnings: 0, breaches: 0 }); // 23:59 on 31 March in Riyadh
    expect(await check('2026-03-31T21:00:00.000Z')).toMatchObject({ warnings: 1, breaches: 0 }); // midnight: 1 April
    expect(await check('2026-04-02T06:00:00.000Z')).toMatchObject({ warnings: 0, breaches: 0 });
    expect(await eventsOf(clock.id)).toEqual([
      { id: expect.any(String), clock_id: clock.id, kind: 'warning', at: '2026-03-31T21:00:00.000Z', handled_at: null },
    ]);
    expect((await getClock(t.ctx, clock.id))?.warnedAt).toBe('2026-03-31T21:00:00.000Z');

    expect(await check('2026-04-06T20:59:59.000Z')).toMatchObject({ breaches: 0 });
    // Through the scheduler's job, as `sila serve` runs it.
    const [job] = calendarJobs(t.ctx);
    expect(job?.name).toBe('calendar-clocks');
    t.clock.set('2026-04-06T21:00:00.000Z');
    expect(await job?.run(t.clock.now())).toMatchObject({ warnings: 0, breaches: 1 });
    expect(await check('2026-04-07T21:00:00.000Z')).toMatchObject({ warnings: 0, breaches: 0 });

    expect((await eventsOf(clock.id)).map((e) => `${e.kind} ${e.at}`)).toEqual([
      'warning 2026-03-31T21:00:00.000Z',
      'breach 2026-04-06T21:00:00.000Z',
    ]);
    expect(await getClock(t.ctx, clock.id)).toMatchObject({ state: 'breached', breachedAt: '2026-04-06T21:00:00.000Z' });
    expect(await eventsOf(cancelled.id)).toEqual([]);
    expect(await eventsOf(paused.id)).toEqual([]);
    expect((await auditOf(clock.id, 'clock.breach')).length).toBe(1);
    expect((await auditOf(clock.id, 'clock.warning'))[0]?.actor_kind).toBe('system');

    // Consumers (reminders, escalations) take pending events and mark each handled once.
    const pending = (await pendingClockEvents(t.ctx)).filter((e) => e.clockId === clock.id);
    expect(pending.map((e) => e.kind)).toEqual(['warning', 'breach']);
    expect(pending[0]?.clock).toMatchObject({ ownerType: 'request', ownerId: clock.ownerId });
    expect(await markClockEventHandled(t.ctx.db, t.ctx, pending[0]?.id as string)).toBe(true);
    expect(await markClockEventHandled(t.ctx.db, t.ctx, pending[0]?.id as string)).toBe(false);
    expect((await pendingClockEvents(t.ctx)).filter((e) => e.clockId === clock.id).map((e) => e.kind)).toEqual(['breach']);

    // A breached clock is still open: a holiday edit recomputes it, but the breach is not raised again.
    await admin.request('POST', '/api/v1/settings/holidays', {
      action: 'add',
      date: '2026-04-01',
      kind: 'custom',
      nameAr: 'يوم',
      nameEn: 'Day',
    });
    expect(await getClock(t.ctx, clock.id)).toMatchObject({ state: 'breached', deadline: '2026-04-07' });
    expect(await check('2026-04-08T21:00:00.000Z')).toMatchObject({ breaches: 0 });
    expect((await eventsOf(clock.id)).length).toBe(2);
    expect((await eventsOf(clock.id))[0]?.handled_at).toBe('2026-04-07T21:00:00.000Z'); // when it was marked
  });

  it('a clock found already past its deadline gets the breach, not a late warning', async () => {
    const clock = await startClock(t.ctx.db, t.ctx, requestClock());
    t.clock.set('2026-05-01T06:00:00.000Z');
    expect(await checkClocks(t.ctx, t.clock.now())).toMatchObject({ warnings: 0, breaches: 1 });
    expect((await eventsOf(clock.id)).map((e) => e.kind)).toEqual(['breach']);
  });

  it('the check brings up to date a clock computed on an older calendar (one a concurrent edit could not see)', async () => {
    const clock = await startClock(t.ctx.db, t.ctx, requestClock());
    const added = await admin.request('POST', '/api/v1/settings/holidays', {
      action: 'add',
      date: '2026-03-31',
      kind: 'custom',
      nameAr: 'يوم',
      nameEn: 'Day',
    });
    expect((await getClock(t.ctx, clock.id))?.deadline).toBe('2026-04-07');
    // As if it had been committed by a transaction that started before the edit.
    const revision = (
      await t.ctx.db.selectFrom('working_clocks').select('calendar_revision').where('id', '=', clock.id).executeTakeFirstOrThrow()
    ).calendar_revision;
    await t.ctx.db
      .updateTable('working_clocks')
      .set({
        deadline_day: '2026-04-06',
        deadline_at: '2026-04-06T20:59:59.999Z',
        warn_day: '2026-04-01',
        calendar_revision: Number(revision) - 1,
      })
      .where('id', '=', clock.id)
      .execute();
    expect(await checkClocks(t.ctx, t.clock.now())).toMatchObject({ reconciled: 1 });
    expect((await getClock(t.ctx, clock.id))?.deadline).toBe('2026-04-07');
    const audits = await auditOf(clock.id, 'clock.recompute');
    expect(audits.at(-1)?.details).toMatchObject({ reason: 'calendar-behind', oldDeadline: '2026-04-06', newDeadline: '2026-04-07' });
    expect(await checkClocks(t.ctx, t.clock.now())).toMatchObject({ reconciled: 0 });
    expect(added.statusCode).toBe(201);
  });
});
