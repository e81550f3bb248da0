import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getClock, startClock, stopClock } from '../../src/modules/calendar/clocks.service.js';
import { uuidv7 } from '../../src/platform/ids.js';
import { type Agent, buildStaff, createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';

/**
 * SAUDI-LOCALE.md "Keep the weekend a setting": the weekend is an administrator setting (Friday and
 * Saturday by default) that the working calendar reads; changing it moves every open clock in the
 * same transaction (closed ones stay), is audited, and the public deadline answer follows at once.
 */
let t: TestApp;
let admin: Agent;
let reception: Agent;

beforeAll(async () => {
  t = await createTestApp();
  admin = await sessionFor(t, await buildStaff(t, { roles: ['administrator'] }));
  reception = await sessionFor(t, await buildStaff(t, { roles: ['reception'] }));
  t.clock.set('2026-03-10T06:00:00.000Z');
});
afterAll(async () => {
  await t.close();
});

const deadline = async (from: string, workingDays: number) =>
  (await t.app.inject({ method: 'GET', url: `/api/v1/calendar/deadline?from=${from}&workingDays=${workingDays}` })).json();

const clockInput = () => ({ ownerType: 'request', ownerId: uuidv7(), startDay: '2026-03-10', workingDays: 15, warningThreshold: 3 });

describe(`the weekend setting [${ENGINE}]`, () => {
  it('is Friday and Saturday by default', async () => {
    const response = await admin.request('GET', '/api/v1/settings/weekend');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ days: [5, 6], recomputedClocks: 0 });
    expect(await deadline('2026-03-10', 15)).toMatchObject({ deadline: '2026-04-06', deadlineHijri: '1447-10-18' });
  });

  it('moves an open clock and the public deadline when it changes, leaves a closed clock alone, and is audited', async () => {
    const open = await startClock(t.ctx.db, t.ctx, clockInput());
    const closed = await startClock(t.ctx.db, t.ctx, clockInput());
    await stopClock(t.ctx.db, t.ctx, closed.id, { at: t.clock.now(), reason: 'cancelled' });
    expect(open.deadline).toBe('2026-04-06');

    // Saturday only: Fridays count, so the 15th working day after 10 March comes sooner (Eid 19–24 March still off).
    const changed = await admin.request('PUT', '/api/v1/settings/weekend', { days: [6] });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toEqual({ days: [6], recomputedClocks: 1 });

    expect((await getClock(t.ctx, open.id))?.deadline).toBe('2026-04-02');
    expect((await getClock(t.ctx, closed.id))?.deadline).toBe('2026-04-06');
    expect(await deadline('2026-03-10', 15)).toMatchObject({ deadline: '2026-04-02', deadlineHijri: '1447-10-14' });
    expect((await admin.request('GET', '/api/v1/settings/weekend')).json()).toEqual({ days: [6], recomputedClocks: 0 });

    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select(['actor_id', 'details'])
      .where('entity', '=', 'settings')
      .where('entity_id', '=', 'calendar.weekend')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.details ?? '{}')).toMatchObject({ from: [5, 6], to: [6], recomputedClocks: 1 });
    const moved = await t.ctx.db
      .selectFrom('audit_events')
      .select('details')
      .where('entity_id', '=', open.id)
      .where('action', '=', 'clock.recompute')
      .execute();
    expect(JSON.parse(moved[0]?.details ?? '{}')).toMatchObject({ oldDeadline: '2026-04-06', newDeadline: '2026-04-02' });

    // Back to Friday–Saturday (given in any order): the clock returns to the C6 example's day.
    const restored = await admin.request('PUT', '/api/v1/settings/weekend', { days: [6, 5] });
    expect(restored.json()).toEqual({ days: [5, 6], recomputedClocks: 1 });
    expect((await getClock(t.ctx, open.id))?.deadline).toBe('2026-04-06');
    expect(await deadline('2026-03-10', 15)).toMatchObject({ deadline: '2026-04-06' });
  });

  it('saving the same weekend moves nothing', async () => {
    const response = await admin.request('PUT', '/api/v1/settings/weekend', { days: [5, 6] });
    expect(response.json()).toEqual({ days: [5, 6], recomputedClocks: 0 });
  });

  it('refuses impossible weekends with a field code, and anyone but an administrator', async () => {
    const cases: Array<[unknown, string]> = [
      [[], 'calendar.weekend-size'],
      [[0, 1, 2, 3], 'calendar.weekend-size'],
      [[7], 'calendar.weekend-day'],
      [[5, 5], 'calendar.weekend-duplicate'],
    ];
    for (const [days, code] of cases) {
      const response = await admin.request('PUT', '/api/v1/settings/weekend', { days });
      expect(response.statusCode, JSON.stringify(days)).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json().errors).toContainEqual(expect.objectContaining({ code }));
    }
    expect((await reception.request('PUT', '/api/v1/settings/weekend', { days: [6] })).statusCode).toBe(403);
    expect((await reception.request('GET', '/api/v1/settings/weekend')).statusCode).toBe(403);
    expect((await admin.request('GET', '/api/v1/settings/weekend')).json().days).toEqual([5, 6]);
  });
});
