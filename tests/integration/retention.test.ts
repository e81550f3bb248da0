import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backgroundJobs } from '../../src/app.js';
import { ManualClock } from '../../src/platform/clock.js';
import { databaseHolds } from './erasure-support.js';
import { buildComplaint, buildFamily, buildRequest } from './factories.js';
import { type Agent, buildStaff, createTestApp, ENGINE, type StaffFixture, signIn, type TestApp } from './harness.js';

let t: TestApp;
let officerStaff: StaffFixture;
let receptionStaff: StaffFixture;
let officer: Agent;
let reception: Agent;

/** Sessions end when the clock jumps months: sign in again at the new time. */
async function signInAgain() {
  officer = await signIn(t, officerStaff);
  reception = await signIn(t, receptionStaff);
}

beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock('2024-01-10T09:00:00.000Z') });
  officerStaff = await buildStaff(t, { roles: ['privacy-officer'] });
  receptionStaff = await buildStaff(t, { roles: ['reception'] });
  await signInAgain();
});
afterAll(async () => {
  await t.close();
});

const headName = async (id: string) =>
  (await t.ctx.db.selectFrom('families').select('head_name_ar').where('id', '=', id).executeTakeFirstOrThrow()).head_name_ar;

describe(`retention (issue 25 §6, F2) [${ENGINE}]`, () => {
  it('F2: a period under a month is 400 retention.too-short; empty means never', async () => {
    for (const months of [0, -3]) {
      const refused = await officer.request('PUT', '/api/v1/privacy/retention', { families: months });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().code).toBe('retention.too-short');
    }
    expect((await reception.request('PUT', '/api/v1/privacy/retention', { families: 12 })).statusCode).toBe(403);
    const saved = await officer.request('PUT', '/api/v1/privacy/retention', { families: 12, 'rejected-requests': null, complaints: 12 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toEqual({ families: 12, 'rejected-requests': null, complaints: 12 });
    expect((await officer.request('GET', '/api/v1/privacy/retention')).json()).toEqual(saved.json());
  });

  it('F2: the dry run shows what would be anonymised and changes nothing; the nightly job then does it and reports', async () => {
    const old = await buildFamily(t, { by: reception, headNameAr: 'سلمى عادل الحربي' });
    const held = await buildRequest(t, { by: reception, family: { headNameAr: 'نورة سعيد الشهري' } });
    const complaint = await buildComplaint(t, { description: 'تأخر صرف الدعم للأسرة منذ أشهر عديدة دون رد من الجمعية.' });
    await t.ctx.db.updateTable('complaints').set({ closed_at: t.clock.now().toISOString() }).where('id', '=', complaint.id).execute();
    t.clock.advance(400 * 86_400_000); // 13 months later
    await signInAgain();
    const recent = await buildFamily(t, { by: reception, headNameAr: 'هند ماجد العتيبي' });

    const preview = await officer.request('GET', '/api/v1/privacy/retention/preview');
    expect(preview.statusCode, preview.body).toBe(200);
    const kinds = Object.fromEntries(preview.json().kinds.map((k: { kind: string }) => [k.kind, k]));
    expect(preview.json().isDryRun).toBe(true);
    expect(kinds.families).toMatchObject({ anonymised: 1, held: 1, references: [old.reference] });
    expect(kinds.complaints).toMatchObject({ anonymised: 1, references: [complaint.reference] });
    expect(kinds['rejected-requests']).toMatchObject({ months: null, anonymised: 0 });
    expect(await headName(old.id)).toBe('سلمى عادل الحربي');
    expect((await officer.request('GET', '/api/v1/privacy/retention/runs')).json().items).toEqual([]);

    // The nightly job, through the one scheduler's list: at 02:00 Riyadh time.
    const job = backgroundJobs(t.ctx).find((j) => j.name === 'retention');
    t.clock.set('2025-02-14T23:00:00.000Z');
    await signInAgain();
    expect(await job?.run(new Date('2025-02-14T12:00:00.000Z'))).toBeNull(); // 15:00 in Riyadh: not tonight yet
    const report = (await job?.run(t.clock.now())) as { kinds: { kind: string; anonymised: number; held: number }[] };
    expect(report.kinds.find((k) => k.kind === 'families')).toMatchObject({ anonymised: 1, held: 1 });
    expect(await headName(old.id)).toMatch(/^أسرة مجهّلة رقم \d+$/);
    expect(await databaseHolds(t, 'سلمى عادل الحربي')).toBe(false);
    expect(await databaseHolds(t, 'هند ماجد العتيبي')).toBe(true);
    expect(await headName(held.familyId)).toBe('نورة سعيد الشهري');
    expect(await headName(recent.id)).toBe('هند ماجد العتيبي');
    const closed = await t.ctx.db
      .selectFrom('complaints')
      .select(['writer_name', 'description', 'reference'])
      .where('id', '=', complaint.id)
      .executeTakeFirstOrThrow();
    expect(closed.writer_name).toBeNull();
    expect(closed.reference).toBe(complaint.reference);

    const runs = (await officer.request('GET', '/api/v1/privacy/retention/runs')).json().items;
    expect(runs).toHaveLength(1);
    expect(runs[0].finishedAt).not.toBeNull();
    // Once a night: a second tick the same night does nothing; what is done is no longer due.
    expect(await job?.run(t.clock.now())).toBeNull();
    const after = Object.fromEntries(
      (await officer.request('GET', '/api/v1/privacy/retention/preview')).json().kinds.map((k: { kind: string }) => [k.kind, k]),
    );
    expect(after.families).toMatchObject({ anonymised: 0, held: 1 });
    expect(after.complaints).toMatchObject({ anonymised: 0 });
  });
});
