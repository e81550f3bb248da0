import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { startRuntime } from '../../src/platform/bootstrap.js';
import { loadConfig } from '../../src/platform/config.js';
import { type Agent, buildStaff, createTestApp, ENGINE, signIn, type TestApp } from './harness.js';

/**
 * Issue 4 §3: the public calendar (holidays and deadlines, no session) and the administrator's
 * holiday edits as the public endpoints see them.
 */
let t: TestApp;
let admin: Agent;
let reception: Agent;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, await buildStaff(t, { roles: ['administrator'] }));
  reception = await signIn(t, await buildStaff(t, { roles: ['reception'] }));
});
afterAll(async () => {
  await t.close();
});

const get = (url: string) => t.app.inject({ method: 'GET', url });

async function deadline(from: string, workingDays: number | string) {
  return get(`/api/v1/calendar/deadline?from=${from}&workingDays=${workingDays}`);
}

function expectProblem(response: Awaited<ReturnType<typeof get>>, status: number, pointer: string, code: string) {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.json().errors).toContainEqual(expect.objectContaining({ pointer, code }));
}

describe(`public calendar API [${ENGINE}]`, () => {
  it('answers the C6 example: complete on 10 March 2026, due 6 April 2026 (18 Shawwal 1447)', async () => {
    const response = await deadline('2026-03-10', 15);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ from: '2026-03-10', workingDays: 15, deadline: '2026-04-06', deadlineHijri: '1447-10-18' });
  });

  it('treats day 0 as the start: zero working days is the start day itself', async () => {
    expect((await deadline('2026-03-20', 0)).json()).toMatchObject({ deadline: '2026-03-20', deadlineHijri: '1447-10-01' });
  });

  it('lists every day off of a year with its kind and names, weekend Eid days and compensation included', async () => {
    const response = await get('/api/v1/calendar/holidays?year=2026');
    expect(response.statusCode).toBe(200);
    const days = response.json() as Array<Record<string, unknown>>;
    expect(days.map((d) => `${d.date} ${d.kind}`)).toEqual([
      '2026-02-22 founding-day',
      '2026-03-19 eid-al-fitr',
      '2026-03-20 eid-al-fitr',
      '2026-03-21 eid-al-fitr',
      '2026-03-22 eid-al-fitr',
      '2026-03-23 compensation',
      '2026-03-24 compensation',
      '2026-05-26 eid-al-adha',
      '2026-05-27 eid-al-adha',
      '2026-05-28 eid-al-adha',
      '2026-05-29 eid-al-adha',
      '2026-05-31 compensation',
      '2026-09-23 national-day',
    ]);
    expect(days[1]).toEqual({ date: '2026-03-19', kind: 'eid-al-fitr', nameAr: 'عيد الفطر', nameEn: 'Eid al-Fitr' });
    expect(days.some((d) => 'isEdited' in d)).toBe(false);
  });

  it('defaults the year to the current one in Riyadh', async () => {
    t.clock.set('2026-12-31T21:30:00.000Z'); // already 1 January 2027 in Riyadh
    const days = (await get('/api/v1/calendar/holidays')).json() as Array<{ date: string }>;
    expect(days.length).toBeGreaterThan(0);
    expect(days.every((d) => d.date.startsWith('2027-'))).toBe(true);
    t.clock.set('2026-11-25T09:00:00.000Z');
  });

  it('refuses an impossible date, a year outside 2020–2100 and a working-day count outside 0–365 with field pointers', async () => {
    expectProblem(await deadline('2026-02-30', 15), 400, '/from', 'field.date-invalid');
    expectProblem(await deadline('2026-3-10', 15), 400, '/from', 'field.date-format');
    expectProblem(await deadline('2019-12-31', 15), 400, '/from', 'calendar.year-out-of-range');
    expectProblem(await deadline('2026-03-10', 366), 400, '/workingDays', 'calendar.working-days-out-of-range');
    expectProblem(await deadline('2026-03-10', -1), 400, '/workingDays', 'calendar.working-days-out-of-range');
    expectProblem(await deadline('2026-03-10', '1.5'), 400, '/workingDays', 'field.integer');
    expectProblem(await get('/api/v1/calendar/deadline?from=2026-03-10'), 400, '/workingDays', 'field.required');
    expectProblem(await get('/api/v1/calendar/holidays?year=2019'), 400, '/year', 'calendar.year-out-of-range');
    expectProblem(await get('/api/v1/calendar/holidays?year=2101'), 400, '/year', 'calendar.year-out-of-range');
    expectProblem(await get('/api/v1/calendar/holidays?year=twenty'), 400, '/year', 'field.integer');
    expectProblem(await get('/api/v1/calendar/holidays?year=2026&nationalId=1'), 400, '/nationalId', 'field.unknown');
  });

  it('answers a deadline whose count runs past 2100 with a clean 400, not a 500', async () => {
    const response = await deadline('2100-12-20', 30);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'calendar.deadline-out-of-range' });
    expect(response.json().errors).toContainEqual(expect.objectContaining({ pointer: '/workingDays' }));
    // The last day the calendar can give is still answered.
    expect((await deadline('2100-12-20', 1)).statusCode).toBe(200);
  });
});

describe(`administrator holiday edits seen by the public calendar [${ENGINE}]`, () => {
  it('adds a custom day off: the holidays list marks it edited and the deadline moves; undoing restores both', async () => {
    const added = await admin.request('POST', '/api/v1/settings/holidays', {
      action: 'add',
      date: '2026-03-31',
      kind: 'custom',
      nameAr: 'إجازة استثنائية',
      nameEn: 'Special holiday',
    });
    expect(added.statusCode).toBe(201);
    const { edit } = added.json();
    expect(edit).toMatchObject({
      action: 'add',
      date: '2026-03-31',
      kind: 'custom',
      nameAr: 'إجازة استثنائية',
      createdByName: expect.any(String),
    });

    const days = (await get('/api/v1/calendar/holidays?year=2026')).json() as Array<Record<string, unknown>>;
    expect(days.find((d) => d.date === '2026-03-31')).toEqual({
      date: '2026-03-31',
      kind: 'custom',
      nameAr: 'إجازة استثنائية',
      nameEn: 'Special holiday',
      isEdited: true,
    });
    expect((await deadline('2026-03-10', 15)).json()).toMatchObject({ deadline: '2026-04-07', deadlineHijri: '1447-10-19' });

    const undone = await admin.request('DELETE', `/api/v1/settings/holidays/edits/${edit.id}`);
    expect(undone.statusCode).toBe(200);
    expect(undone.json()).toMatchObject({ ok: true });
    const after = (await get('/api/v1/calendar/holidays?year=2026')).json() as Array<{ date: string }>;
    expect(after.some((d) => d.date === '2026-03-31')).toBe(false);
    expect((await deadline('2026-03-10', 15)).json().deadline).toBe('2026-04-06');
    expect((await admin.request('DELETE', `/api/v1/settings/holidays/edits/${edit.id}`)).statusCode).toBe(404);
  });

  it('moves a compensation day: the settings view shows the moved day, the default taken away and the edit', async () => {
    const moved = await admin.request('POST', '/api/v1/settings/holidays', { action: 'move', from: '2026-03-24', to: '2026-04-09' });
    expect(moved.statusCode).toBe(201);
    const editId = moved.json().edit.id;
    expect(moved.json().edit).toMatchObject({ action: 'move', from: '2026-03-24', to: '2026-04-09', date: null });

    const view = await admin.request('GET', '/api/v1/settings/holidays?year=2026');
    expect(view.statusCode).toBe(200);
    const body = view.json();
    expect(body.year).toBe(2026);
    expect(body.holidays.find((h: { date: string }) => h.date === '2026-04-09')).toMatchObject({
      kind: 'compensation',
      isEdited: true,
      editId,
      dateHijri: '1447-10-21',
    });
    expect(body.holidays.find((h: { date: string }) => h.date === '2026-03-19')).toMatchObject({ isEdited: false, editId: null });
    expect(body.removedDefaults).toEqual([
      { date: '2026-03-24', kind: 'compensation', nameAr: expect.any(String), nameEn: 'Compensation for the Eid al-Fitr holiday' },
    ]);
    expect(body.edits.map((e: { id: string }) => e.id)).toEqual([editId]);
    // One fewer day off inside the span: the example deadline comes a day earlier (5 April is a Sunday).
    expect((await deadline('2026-03-10', 15)).json().deadline).toBe('2026-04-05');

    expect((await admin.request('DELETE', `/api/v1/settings/holidays/edits/${editId}`)).statusCode).toBe(200);
    expect((await deadline('2026-03-10', 15)).json().deadline).toBe('2026-04-06');
  });

  it('refuses edits that cannot mean what was asked', async () => {
    const post = (body: unknown) => admin.request('POST', '/api/v1/settings/holidays', body);
    expectProblem(await post({ action: 'remove', date: '2026-03-10' }), 422, '/date', 'calendar.not-a-holiday');
    expectProblem(await post({ action: 'move', from: '2026-03-10', to: '2026-03-11' }), 422, '/from', 'calendar.not-a-holiday');
    expectProblem(await post({ action: 'move', from: '2026-03-24', to: '2026-03-19' }), 422, '/to', 'calendar.already-a-holiday');
    expectProblem(await post({ action: 'move', from: '2026-09-23', to: '2028-09-23' }), 422, '/to', 'calendar.move-too-far');
    expectProblem(
      await post({ action: 'add', date: '2026-03-20', kind: 'custom', nameAr: 'يوم', nameEn: 'Day' }),
      422,
      '/date',
      'calendar.already-a-holiday',
    );
    expectProblem(
      await post({ action: 'add', date: '2101-01-01', kind: 'custom', nameAr: 'يوم', nameEn: 'Day' }),
      400,
      '/date',
      'calendar.year-out-of-range',
    );
    expectProblem(await post({ action: 'remove', date: '2026-02-29' }), 400, '/date', 'field.date-invalid');
    expectProblem(await post({ action: 'remove', date: '2026-03-20', reason: 'x' }), 400, '/reason', 'field.unknown');
    expect((await post({ action: 'rename', date: '2026-03-20' })).statusCode).toBe(400);
    expect((await admin.request('DELETE', '/api/v1/settings/holidays/edits/01936b2e-0000-7000-8000-000000000000')).json().code).toBe(
      'calendar.edit-not-found',
    );
    // Nothing refused was stored.
    const stored = await t.ctx.db.selectFrom('holiday_edits').select('id').where('undone_at', 'is', null).execute();
    expect(stored).toEqual([]);
  });

  it('keeps the settings to administrators', async () => {
    expect((await reception.request('GET', '/api/v1/settings/holidays?year=2026')).statusCode).toBe(403);
    expect((await reception.request('POST', '/api/v1/settings/holidays', { action: 'remove', date: '2026-09-23' })).statusCode).toBe(403);
    expect((await get('/api/v1/settings/holidays?year=2026')).statusCode).toBe(401);
  });

  it('another instance on the same database sees an edit at its next call, without a restart', async () => {
    const second = await startRuntime(loadConfig(t.env), { clock: t.clock, log: () => {} });
    const secondApp = await buildApp({ ctx: second.ctx, logger: false });
    try {
      const ask = () => secondApp.inject({ method: 'GET', url: '/api/v1/calendar/deadline?from=2026-03-10&workingDays=15' });
      expect((await ask()).json().deadline).toBe('2026-04-06'); // its calendar is now cached
      const removed = await admin.request('POST', '/api/v1/settings/holidays', { action: 'remove', date: '2026-03-23' });
      expect(removed.statusCode).toBe(201);
      expect((await ask()).json().deadline).toBe('2026-04-05');
      const days = (await secondApp.inject({ method: 'GET', url: '/api/v1/calendar/holidays?year=2026' })).json() as Array<{
        date: string;
      }>;
      expect(days.some((d) => d.date === '2026-03-23')).toBe(false);
      await admin.request('DELETE', `/api/v1/settings/holidays/edits/${removed.json().edit.id}`);
      expect((await ask()).json().deadline).toBe('2026-04-06');
    } finally {
      await secondApp.close();
      await second.close();
    }
  });
});
