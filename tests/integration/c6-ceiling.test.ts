import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentCalendar } from '../../src/modules/calendar/working-calendar.js';
import { move } from '../../src/modules/requests/requests.core.js';
import { migrateTo, migrateToLatest, migrationNames } from '../../src/platform/db/migrate.js';
import { buildRequest, buildRequestType } from './factories.js';
import { type Agent, buildStaff, createTestApp, type StaffFixture, sessionFor, type TestApp } from './harness.js';

/**
 * Issue 27 §1 (C6, «لا تتجاوز ١٥ يوم عمل»): a request type sets 1–15 working days, never more; the
 * migration 0031 brings older types and their open requests within the ceiling, on both engines.
 */
let t: TestApp;
let admin: Agent;
let reception: Agent;
let administrator: StaffFixture;
let receptionist: StaffFixture;
const SYSTEM = { kind: 'system' as const, id: null };

async function at(instant: string) {
  t.clock.set(instant);
  admin = await sessionFor(t, administrator);
  reception = await sessionFor(t, receptionist);
}

const moveAs = (id: string, action: Parameters<typeof move>[4], note?: string) =>
  t.ctx.db.transaction().execute((trx) => move(trx, t.ctx, SYSTEM, id, action, { note: note ?? null }));

const clockOf = async (requestId: string) => {
  const request = await t.ctx.db.selectFrom('requests').selectAll().where('id', '=', requestId).executeTakeFirstOrThrow();
  const clock = await t.ctx.db
    .selectFrom('working_clocks')
    .selectAll()
    .where('id', '=', request.clock_id as string)
    .executeTakeFirstOrThrow();
  return { request, clock };
};

const auditsOf = async (action: string, entityId: string) =>
  (await t.ctx.db.selectFrom('audit_events').selectAll().where('action', '=', action).where('entity_id', '=', entityId).execute()).map(
    (row) => ({
      ...row,
      details: JSON.parse(row.details ?? '{}') as Record<string, unknown>,
    }),
  );

beforeAll(async () => {
  t = await createTestApp();
  administrator = await buildStaff(t, { roles: ['administrator'] });
  receptionist = await buildStaff(t, { roles: ['reception'] });
  await at('2026-11-25T09:00:00.000Z');
});

afterAll(async () => {
  await t.close();
});

describe('C6: a request type promises at most 15 working days', () => {
  it('C6: 16 days are refused with the policy ceiling code on the field, when created and when edited; 15 is accepted', async () => {
    const { code, version } = await buildRequestType(t, { by: admin, responseWorkingDays: 15 });
    const created = await admin.request('POST', '/api/v1/settings/request-types', {
      code: 'sixteen-days',
      nameAr: 'نوع بمهلة طويلة',
      nameEn: 'A long type',
      criteriaAr: 'أسرة مسجلة.',
      criteriaEn: 'A registered family.',
      checklist: [],
      responseWorkingDays: 16,
    });
    expect(created.statusCode, created.body).toBe(400);
    expect(created.headers['content-type']).toContain('application/problem+json');
    expect(created.json().errors).toEqual([
      expect.objectContaining({ pointer: '/responseWorkingDays', code: 'request-type.days-over-ceiling' }),
    ]);

    const edited = await admin.request('PUT', `/api/v1/settings/request-types/${code}`, { responseWorkingDays: 60, version });
    expect(edited.statusCode, edited.body).toBe(400);
    expect(edited.json().errors[0]).toMatchObject({ pointer: '/responseWorkingDays', code: 'request-type.days-over-ceiling' });
    const shorter = await admin.request('PUT', `/api/v1/settings/request-types/${code}`, { responseWorkingDays: 10, version });
    expect(shorter.statusCode, shorter.body).toBe(200);
    expect(shorter.json().responseWorkingDays).toBe(10);
    const none = await admin.request('PUT', `/api/v1/settings/request-types/${code}`, { responseWorkingDays: 0, version: version + 1 });
    expect(none.json().errors[0]).toMatchObject({ pointer: '/responseWorkingDays', code: 'field.out-of-range' });
  });
});

describe('C6: migration 0031 brings older types and open requests within 15 working days', () => {
  it('C6: types over 15 are capped (audited with the old value); open requests get completion + 15 working days + paused days, with a clock event; decided requests stay', async () => {
    await at('2026-11-25T09:00:00.000Z');
    // As an older release allowed: a type promising 40 working days, warning 20 before, and one promising 10.
    const long = await buildRequestType(t, { by: admin });
    const short = await buildRequestType(t, { by: admin, responseWorkingDays: 10 });
    await t.ctx.db
      .updateTable('request_types')
      .set({ response_working_days: 40, warning_threshold: 20 })
      .where('code', '=', long.code)
      .execute();

    const open = await buildRequest(t, { by: reception, typeCode: long.code });
    const paused = await buildRequest(t, { by: reception, typeCode: long.code });
    const decided = await buildRequest(t, { by: reception, typeCode: long.code });
    const onShort = await buildRequest(t, { by: reception, typeCode: short.code });
    await moveAs(paused.id, 'begin-study');
    await moveAs(decided.id, 'begin-study');
    await t.ctx.db
      .transaction()
      .execute((trx) =>
        move(trx, t.ctx, SYSTEM, decided.id, 'decide', { outcome: 'approved', reasons: 'استوفت الشروط', meetingId: null, minutesId: null }),
      );
    await at('2026-11-29T08:00:00.000Z');
    await moveAs(paused.id, 'request-information', 'صورة الهوية');
    await at('2026-12-02T08:00:00.000Z');
    await moveAs(paused.id, 'information-received');

    const before = {
      open: await clockOf(open.id),
      paused: await clockOf(paused.id),
      decided: await clockOf(decided.id),
      onShort: await clockOf(onShort.id),
    };
    expect(before.open.clock.working_days).toBe(40);
    expect(before.decided.request.status).toBe('decided');

    // Back to the schema before 0031, then forward: the migration runs over these rows.
    await migrateTo(
      t.ctx.db,
      migrationNames()
        .filter((name) => name < '0031')
        .at(-1) as string,
    );
    await migrateToLatest(t.ctx.db);

    const types = await t.ctx.db.selectFrom('request_types').selectAll().where('code', 'in', [long.code, short.code]).execute();
    const byCode = new Map(types.map((type) => [type.code, type]));
    expect(byCode.get(long.code)).toMatchObject({ response_working_days: 15, warning_threshold: 3 });
    expect(byCode.get(short.code)).toMatchObject({ response_working_days: 10 });
    const [capAudit, ...more] = await auditsOf('request-type.cap', long.code);
    expect(more).toEqual([]);
    expect(capAudit?.details).toMatchObject({
      oldResponseWorkingDays: 40,
      newResponseWorkingDays: 15,
      oldWarningThreshold: 20,
      newWarningThreshold: 3,
    });
    expect(await auditsOf('request-type.cap', short.code)).toEqual([]);

    const { calendar } = await currentCalendar(t.ctx);
    const startDay = before.open.clock.start_day;
    const after = {
      open: await clockOf(open.id),
      paused: await clockOf(paused.id),
      decided: await clockOf(decided.id),
      onShort: await clockOf(onShort.id),
    };

    // Open: completion + 15 working days, earlier than the 40 it had.
    const openDeadline = calendar.addWorkingDays(startDay, 15);
    expect(openDeadline < before.open.clock.deadline_day).toBe(true);
    expect(after.open.clock).toMatchObject({ working_days: 15, deadline_day: openDeadline, state: 'running' });
    expect(after.open.request.deadline_day).toBe(openDeadline);
    const [recompute] = await auditsOf('clock.recompute', after.open.clock.id);
    expect(recompute?.details).toMatchObject({
      reason: 'c6-ceiling',
      ownerId: open.id,
      oldDeadline: before.open.clock.deadline_day,
      newDeadline: openDeadline,
      newWorkingDays: 15,
    });
    const detail = await reception.request('GET', `/api/v1/requests/${open.id}`);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json().deadlineDay).toBe(openDeadline);
    expect(detail.json().history.at(-1)).toMatchObject({ event: 'deadline-capped', actorKind: 'system', to: 'complete' });

    // The days it waited on the family (29 Nov – 2 Dec) do not count.
    const pauses = [{ from: '2026-11-29', to: '2026-12-02' }];
    expect(JSON.parse(after.paused.clock.pauses)).toEqual(pauses);
    const pausedDeadline = calendar.addWorkingDays(after.paused.clock.start_day, 15, pauses);
    expect(pausedDeadline > openDeadline).toBe(true);
    expect(after.paused.clock.deadline_day).toBe(pausedDeadline);
    expect(after.paused.request.deadline_day).toBe(pausedDeadline);

    // Decided (and types within the ceiling): untouched.
    expect(after.decided.clock).toEqual(before.decided.clock);
    // (0041 runs again in this round trip and points every request at its type's current version: issue 26 §3.)
    expect({ ...after.decided.request, type_version: null }).toEqual({ ...before.decided.request, type_version: null });
    expect(await auditsOf('clock.recompute', after.decided.clock.id)).toEqual([]);
    expect(after.onShort.clock).toEqual(before.onShort.clock);

    // Run again: nothing more to do.
    await migrateTo(
      t.ctx.db,
      migrationNames()
        .filter((name) => name < '0031')
        .at(-1) as string,
    );
    await migrateToLatest(t.ctx.db);
    expect(await auditsOf('clock.recompute', after.open.clock.id)).toHaveLength(1);
  });
});
