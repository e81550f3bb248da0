import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backgroundJobs } from '../../src/app.js';
import type { RetentionReport } from '../../src/contracts/erasure.js';
import { sealPendingAudit, verifyAuditChain } from '../../src/modules/audit/audit-chain.js';
import { dispatchDue } from '../../src/modules/notifications/outbox.dispatcher.js';
import { applyDecision, beginStudy } from '../../src/modules/requests/requests.workflow.js';
import { ManualClock } from '../../src/platform/clock.js';
import { buildComplaint, buildFamily, buildRequest } from './factories.js';
import { type Agent, buildStaff, createTestApp, ENGINE, type StaffFixture, signIn, type TestApp } from './harness.js';

/**
 * Issue 25 §6 (F2): retention by kind with the periods a new installation starts with — rejected
 * requests 5 years after their decision, to the day — and §5's holds in the nightly run: a family
 * with an open data-subject request is skipped and counted as held.
 */
let t: TestApp;
let officerStaff: StaffFixture;
let receptionStaff: StaffFixture;
let officer: Agent;
let reception: Agent;
const SYSTEM = { kind: 'system' as const, id: null };

/** Moves the test clock; sessions end when it jumps years, so sign in again at the new time. */
async function at(instant: string) {
  t.clock.set(instant);
  officer = await signIn(t, officerStaff);
  reception = await signIn(t, receptionStaff);
}

beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock('2024-03-01T09:00:00.000Z') });
  officerStaff = await buildStaff(t, { roles: ['privacy-officer'] });
  receptionStaff = await buildStaff(t, { roles: ['reception'] });
  await at('2024-03-01T09:00:00.000Z');
}, 120_000);
afterAll(async () => {
  await t.close();
});

/** A request rejected now through the workflow, its decision told (the outbox sends it) and, unless `isLeftOpen`, closed. */
async function rejectedRequest(instant: string, { isLeftOpen = false } = {}) {
  await at(instant);
  const request = await buildRequest(t, { by: reception, answers: { project: 'مشغل حلويات منزلي في الدمام' } });
  await t.ctx.db.transaction().execute(async (trx) => {
    await beginStudy(trx, t.ctx, SYSTEM, request.id, { meetingId: null });
    await applyDecision(trx, t.ctx, SYSTEM, request.id, {
      outcome: 'rejected',
      reasons: 'الدخل الشهري يتجاوز حد الأهلية',
      meetingId: null,
      minutesId: null,
    });
  });
  await dispatchDue(t.ctx, { transports: { sms: { send: async () => ({ providerId: null }) } } });
  if (!isLeftOpen) {
    const closed = await reception.request('POST', `/api/v1/requests/${request.id}/transitions`, { action: 'close' });
    expect(closed.statusCode, closed.body).toBe(200);
  }
  return request;
}

type KindReport = RetentionReport['kinds'][number];
const kindsOf = (report: { kinds: KindReport[] }): Record<string, KindReport> => Object.fromEntries(report.kinds.map((k) => [k.kind, k]));
const kindOf = (report: { kinds: KindReport[] }, kind: string): KindReport => {
  const found = kindsOf(report)[kind];
  if (!found) throw new Error(`no ${kind} in the report`);
  return found;
};
const retentionJob = () => backgroundJobs(t.ctx).find((j) => j.name === 'retention');

describe(`retention by kind (issue 25 §5–§6, F2) [${ENGINE}]`, () => {
  it('F2 (§6): a request rejected 5 years + 1 day ago is anonymised by the nightly run, one rejected 5 years − 1 day ago is not; the dry run lists it first and changes nothing', async () => {
    // A new installation's periods (decision 014): families 10 years, rejected requests and complaints 5.
    expect((await officer.request('GET', '/api/v1/privacy/retention')).json()).toEqual({
      families: 120,
      'rejected-requests': 60,
      complaints: 60,
    });
    const expired = await rejectedRequest('2024-03-10T23:00:00.000Z');
    const toldOnly = await rejectedRequest('2024-03-10T23:30:00.000Z', { isLeftOpen: true });
    const recent = await rejectedRequest('2024-03-12T23:00:00.000Z');
    const stateOf = async (id: string) =>
      t.ctx.db
        .selectFrom('requests')
        .select(['status', 'decision_outcome', 'decided_at', 'decision_reasons', 'reference'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    const before = await stateOf(expired.id);
    expect(before).toMatchObject({ status: 'closed', decision_outcome: 'rejected' });
    expect((await stateOf(toldOnly.id)).status).toBe('notified');

    // 02:00 in Riyadh on 12 March 2029: 5 years + 1 day after the first decision, 5 years − 1 day after the last.
    await at('2029-03-11T23:00:00.000Z');
    const preview = await officer.request('GET', '/api/v1/privacy/retention/preview');
    expect(preview.statusCode, preview.body).toBe(200);
    expect(kindsOf(preview.json())['rejected-requests']).toMatchObject({
      months: 60,
      anonymised: 2,
      held: 0,
      references: [expired.reference, toldOnly.reference],
    });
    expect(await stateOf(expired.id)).toEqual(before);
    expect(await t.ctx.db.selectFrom('erasures').select('id').execute()).toEqual([]);

    const report = (await retentionJob()?.run(t.clock.now())) as RetentionReport;
    expect(kindsOf(report)['rejected-requests']).toMatchObject({ anonymised: 2, references: [expired.reference, toldOnly.reference] });
    expect(kindsOf(report).families).toMatchObject({ anonymised: 0 });
    const runs = (await officer.request('GET', '/api/v1/privacy/retention/runs')).json().items;
    expect(kindsOf(runs[0])['rejected-requests']).toMatchObject({ anonymised: 2 });

    // The facts stay (that it existed, was rejected and when); what the family wrote and the reasons go.
    const after = await stateOf(expired.id);
    expect(after).toMatchObject({ status: 'closed', decision_outcome: 'rejected', decided_at: before.decided_at, decision_reasons: null });
    const read = (await reception.request('GET', `/api/v1/requests/${expired.id}`)).json();
    expect(read.answers).toEqual({});
    expect((await stateOf(toldOnly.id)).decision_reasons).toBeNull();
    const kept = (await reception.request('GET', `/api/v1/requests/${recent.id}`)).json();
    expect(kept.answers).toEqual({ project: 'مشغل حلويات منزلي في الدمام' });
    expect(kept.decision.reasons).toBe('الدخل الشهري يتجاوز حد الأهلية');
    // The family itself is not due (10 years): only its rejected request was anonymised.
    const family = await t.ctx.db
      .selectFrom('families')
      .select('head_name_ar')
      .where('id', '=', expired.familyId)
      .executeTakeFirstOrThrow();
    expect(family.head_name_ar).not.toMatch(/مجهّلة/);
    const ledger = await t.ctx.db.selectFrom('erasures').select(['subject_table', 'subject_id', 'cause']).orderBy('subject_id').execute();
    expect(ledger).toEqual(
      [expired.id, toldOnly.id].sort().map((id) => ({ subject_table: 'requests', subject_id: id, cause: 'retention' })),
    );
    await sealPendingAudit(t.ctx.db, t.clock.now());
    expect((await verifyAuditChain(t.ctx.db)).isIntact).toBe(true);
  });

  it('F2 (§5): the nightly run skips a family with an open data-subject request and counts it held; once the request is refused it is anonymised', async () => {
    await at('2029-04-01T09:00:00.000Z');
    expect((await officer.request('PUT', '/api/v1/privacy/retention', { families: 12 })).statusCode).toBe(200);
    const asking = await buildFamily(t, { by: reception, headNameAr: 'جواهر فهد الدوسري' });
    const quiet = await buildFamily(t, { by: reception, headNameAr: 'منيرة سالم الزهراني' });
    const filed = await officer.request('POST', '/api/v1/privacy/requests', {
      kind: 'correction',
      channel: 'letter',
      requester: { kind: 'family', familyId: asking.id },
      relation: 'head',
    });
    expect(filed.statusCode, filed.body).toBe(201);

    await at('2030-05-20T23:00:00.000Z'); // 13 months on, 02:00 in Riyadh
    const preview = kindOf((await officer.request('GET', '/api/v1/privacy/retention/preview')).json(), 'families');
    // Held: this family (its open data-subject request) and the first test's told-but-not-closed rejection's family (an open request).
    expect(preview.held).toBe(2);
    expect(preview.references).toContain(quiet.reference);
    expect(preview.references).not.toContain(asking.reference);
    const report = kindOf((await retentionJob()?.run(t.clock.now())) as RetentionReport, 'families');
    expect(report).toMatchObject({ held: 2 });
    expect(report.references).not.toContain(asking.reference);
    const name = async (id: string) =>
      (await t.ctx.db.selectFrom('families').select('head_name_ar').where('id', '=', id).executeTakeFirstOrThrow()).head_name_ar;
    expect(await name(asking.id)).toBe('جواهر فهد الدوسري');
    expect(await name(quiet.id)).toMatch(/^أسرة مجهّلة رقم \d+$/);
    const holds = (await officer.request('GET', `/api/v1/privacy/erasure-holds?familyId=${asking.id}`)).json().holds;
    expect(holds).toEqual([expect.objectContaining({ name: 'open-data-subject-request', references: [filed.json().reference] })]);

    // Refused (a lawful reason): the request is no longer open, and the next night erases the family.
    const refused = await officer.request('POST', `/api/v1/privacy/requests/${filed.json().id}/refusal`, {
      reason: 'manifestly-unfounded',
    });
    expect(refused.statusCode, refused.body).toBe(200);
    await at('2030-05-21T23:00:00.000Z');
    const next = kindOf((await retentionJob()?.run(t.clock.now())) as RetentionReport, 'families');
    expect(next).toMatchObject({ anonymised: 1, held: 1, references: [asking.reference] });
    expect(await name(asking.id)).toMatch(/^أسرة مجهّلة رقم \d+$/);
  });

  it('F2 (§5–§6): a closed complaint past its 5 years is held while its writer’s data-subject request is open, and anonymised the night after it is answered', async () => {
    await at('2030-06-01T09:00:00.000Z');
    const filed = await buildComplaint(t, { description: 'لم يصلني رد على طلبي للحصول على سلة رمضان هذا العام.' });
    await t.ctx.db.updateTable('complaints').set({ closed_at: t.clock.now().toISOString() }).where('id', '=', filed.id).execute();
    const asked = await officer.request('POST', '/api/v1/privacy/requests', {
      kind: 'access',
      channel: 'phone',
      requester: { kind: 'complainant', complaintReference: filed.reference, trackingCode: filed.trackingCode },
      relation: 'self',
    });
    expect(asked.statusCode, asked.body).toBe(201);

    await at('2035-06-02T23:00:00.000Z'); // 5 years and a day after closing, 02:00 in Riyadh
    const preview = kindOf((await officer.request('GET', '/api/v1/privacy/retention/preview')).json(), 'complaints');
    expect(preview).toMatchObject({ months: 60, anonymised: 0, held: 1 });
    const report = kindOf((await retentionJob()?.run(t.clock.now())) as RetentionReport, 'complaints');
    expect(report).toMatchObject({ anonymised: 0, held: 1 });
    const writer = async () =>
      (await t.ctx.db.selectFrom('complaints').select('writer_name').where('id', '=', filed.id).executeTakeFirstOrThrow()).writer_name;
    expect(await writer()).not.toBeNull();

    const verified = await officer.request('POST', `/api/v1/privacy/requests/${asked.json().id}/verification`, { method: 'tracking-code' });
    expect(verified.statusCode, verified.body).toBe(200);
    const answered = await officer.request('POST', `/api/v1/privacy/requests/${asked.json().id}/answer`, {
      answer: 'أرسلنا إليك نسخة من بياناتك.',
    });
    expect(answered.statusCode, answered.body).toBe(200);
    await at('2035-06-03T23:00:00.000Z');
    const next = kindOf((await retentionJob()?.run(t.clock.now())) as RetentionReport, 'complaints');
    expect(next).toMatchObject({ anonymised: 1, held: 0, references: [filed.reference] });
    expect(await writer()).toBeNull();
  });
});
