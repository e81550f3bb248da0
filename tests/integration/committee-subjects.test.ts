import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type CommitteeSubject, committeeSubjects, type SubjectBrief } from '../../src/modules/committees/index.js';
import { sha256Hex } from '../../src/platform/crypto/digest.js';
import { migrateTo, migrateToLatest, migrationNames } from '../../src/platform/db/migrate.js';
import { buildCommittee, buildRequest, buildRequestType, buildStaff, type StaffFixture } from './factories.js';
import { type Agent, createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';

/**
 * Issue 22 (C5, D2): agenda items, votes and minutes name `(subject_kind, subject_id)`.
 * - 0022 moves a database written with request columns (meetings, votes with encrypted reasons,
 *   frozen and amended minutes whose decisions name `requestId`) without changing a minutes' text
 *   or its SHA-256: they still verify, and the app reads them as request subjects.
 * - A second subject kind, registered here through the same provider as requests (test only, not
 *   shipped), goes on the same agenda as a request, is voted among its own options, minuted in its
 *   own words, frozen, and its decision applied through its kind.
 */
let t: TestApp;
let admin: Agent;
let reception: Agent;
let chair: StaffFixture;
let m2: StaffFixture;
let m3: StaffFixture;
let committeeId: string;
const as = (staff: StaffFixture) => sessionFor(t, staff);
const HELD_DAY = '2026-03-10';

/** A test-only kind of case: "compensation cases" kept in memory, decided by the committee (D2's shape). */
interface TestCase {
  id: string;
  reference: string;
  status: 'open' | 'under-study' | 'decided';
  decision: { outcome: string; reasons: string; minutesId: string | null; payload: unknown } | null;
}
const cases = new Map<string, TestCase>();
const TEST_KIND = 'test-case';
const testKind: CommitteeSubject = {
  nameAr: 'القضية',
  pluralAr: 'القضايا',
  nameEn: 'Case',
  awaitingStudy: async (_ctx, query) => ({
    items: [...cases.values()].filter((c) => c.status === 'open' && query.committeeId === committeeId).map(briefOf),
    nextCursor: null,
  }),
  briefs: async (_db, _ctx, ids) => ids.flatMap((id) => (cases.has(id) ? [briefOf(cases.get(id) as TestCase)] : [])),
  beginStudy: async (_trx, _ctx, _actor, id) => {
    const found = cases.get(id) as TestCase;
    found.status = 'under-study';
    return { status: found.status };
  },
  // Harm found or not: no partial outcome, reasons for either, and the harm's size with a finding of harm.
  decision: {
    options: ['approve', 'reject'],
    isReasonRequired: (choice) => choice !== 'abstain',
    payload: { schema: z.strictObject({ amount: z.number().int().positive() }), isRequired: (choice) => choice === 'approve' },
  },
  minutesSentence: (subject, language) =>
    language === 'ar'
      ? {
          heading: `القضية رقم ${subject.reference} (${subject.typeNameAr})`,
          decision: subject.outcome === 'approved' ? `ثبوت الضرر وتعويض الأسرة بمبلغ ${subject.payload?.amount} ريال` : 'عدم ثبوت الضرر',
        }
      : {
          heading: `Case ${subject.reference}`,
          decision: subject.outcome === 'approved' ? `Harm found: ${subject.payload?.amount} SAR` : 'No harm found',
        },
  applyDecision: async (_trx, _ctx, _actor, id, input) => {
    const found = cases.get(id) as TestCase;
    found.status = 'decided';
    found.decision = { outcome: input.outcome, reasons: input.reasons, minutesId: input.minutesId, payload: input.payload };
    return { status: found.status };
  },
};

function briefOf(c: TestCase): SubjectBrief {
  return {
    id: c.id,
    reference: c.reference,
    typeCode: 'compensation',
    typeNameAr: 'تعويض',
    typeNameEn: 'Compensation',
    familyName: 'أسرة القضية',
    status: c.status,
    stage: c.status === 'open' ? 'awaiting-study' : c.status === 'under-study' ? 'under-study' : 'other',
    committeeId,
    deadlineDay: null,
  };
}

/** A held meeting of the committee with everyone present. */
async function heldMeeting(): Promise<string> {
  const meeting = await (await as(chair)).request('POST', `/api/v1/committees/${committeeId}/meetings`, { day: HELD_DAY });
  expect(meeting.statusCode, meeting.body).toBe(201);
  const held = await (await as(chair)).request('PATCH', `/api/v1/meetings/${meeting.json().id}`, {
    status: 'held',
    presentMemberIds: [chair.id, m2.id, m3.id],
  });
  expect(held.statusCode, held.body).toBe(200);
  return meeting.json().id;
}

async function vote(member: StaffFixture, meetingId: string, body: Record<string, unknown>) {
  const response = await (await as(member)).request('POST', `/api/v1/meetings/${meetingId}/votes`, body);
  expect(response.statusCode, response.body).toBe(200);
}

/** Every member present approves the draft; the last approval freezes it. */
async function approveAll(minutesId: string, sha256: string) {
  let last: Awaited<ReturnType<Agent['request']>> | undefined;
  for (const member of [chair, m2, m3])
    last = await (await as(member)).request('POST', `/api/v1/minutes/${minutesId}/approvals`, { sha256 });
  expect(last?.statusCode, last?.body).toBe(200);
  return last?.json();
}

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-03-10T06:00:00.000Z');
  admin = await sessionFor(t, await buildStaff(t, { roles: ['administrator'] }));
  reception = await sessionFor(t, await buildStaff(t, { roles: ['reception'] }));
  chair = await buildStaff(t, { roles: ['committee-member'] });
  m2 = await buildStaff(t, { roles: ['committee-member'] });
  m3 = await buildStaff(t, { roles: ['committee-member'] });
  committeeId = (await buildCommittee(t, { by: admin, quorum: 2, members: [chair, m2, m3], chair })).id;
  await buildRequestType(t, { by: admin, code: 'subjects-aid', committeeId });
  t.ctx.hooks.provide(committeeSubjects, TEST_KIND, testKind);
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe(`committee subjects [${ENGINE}]`, () => {
  it('C5, issue 22: 0022 moves meetings, votes, frozen and amended minutes written with request columns; their SHA-256 still verify', async () => {
    // A meeting decided the old way: two requests, votes with reasons, frozen minutes and an amendment.
    const [first, second] = [
      await buildRequest(t, { by: reception, typeCode: 'subjects-aid' }),
      await buildRequest(t, { by: reception, typeCode: 'subjects-aid' }),
    ];
    const meetingId = await heldMeeting();
    for (const r of [first, second])
      expect((await (await as(chair)).request('POST', `/api/v1/meetings/${meetingId}/agenda`, { requestId: r.id })).statusCode).toBe(200);
    await vote(chair, meetingId, { requestId: first.id, choice: 'approve' });
    await vote(m2, meetingId, { requestId: first.id, choice: 'partly-approve', reasons: 'يكفي نصف المبلغ' });
    await vote(m3, meetingId, { requestId: first.id, choice: 'approve' });
    await vote(chair, meetingId, { requestId: second.id, choice: 'reject', reasons: 'الدخل يتجاوز الحد' });
    await vote(m2, meetingId, { requestId: second.id, choice: 'reject', reasons: 'سبق الدعم هذا العام' });
    const draft = (await (await as(chair)).request('POST', `/api/v1/meetings/${meetingId}/minutes`)).json();
    const frozen = await approveAll(draft.id, draft.sha256);
    expect(frozen.status).toBe('frozen');
    const amendment = (await (await as(chair)).request('POST', `/api/v1/minutes/${draft.id}/amendments`, { notes: 'تصحيح' })).json();
    const frozenAmendment = await approveAll(amendment.id, amendment.sha256);
    expect(frozenAmendment.status).toBe('frozen');

    // Back to the schema before 0022, the rows as the old code wrote them: minutes' decisions name `requestId`.
    const names = migrationNames();
    const before = names.filter((name) => name < '0022').at(-1) as string;
    await migrateTo(t.ctx.db, before);
    const oldAgenda = await sql<{ request_id: string }>`SELECT request_id FROM meeting_agenda WHERE meeting_id = ${meetingId}`.execute(
      t.ctx.db,
    );
    expect(oldAgenda.rows.map((r) => r.request_id).sort()).toEqual([first.id, second.id].sort());
    const minutesRows = await t.ctx.db.selectFrom('minutes').selectAll().where('meeting_id', '=', meetingId).execute();
    expect(minutesRows).toHaveLength(2);
    for (const row of minutesRows) {
      const aad = `minutes:${row.id}:decisions`;
      const stored = JSON.parse(t.ctx.keys.encryptor.decrypt(row.decisions, aad)) as {
        decisions: Array<Record<string, unknown>>;
        deferred: Array<Record<string, unknown>>;
      };
      const old = (d: Record<string, unknown>) => {
        const { subjectKind: _kind, subjectId, ...rest } = d;
        return { requestId: subjectId, ...rest };
      };
      const written = JSON.stringify({ decisions: stored.decisions.map(old), deferred: stored.deferred.map(old) });
      expect(written).not.toContain('subjectKind');
      await t.ctx.db
        .updateTable('minutes')
        .set({ decisions: t.ctx.keys.encryptor.encrypt(written, aad) })
        .where('id', '=', row.id)
        .execute();
    }
    const hashes = new Map(minutesRows.map((r) => [r.id, r.sha256]));

    await migrateToLatest(t.ctx.db);
    const agenda = await t.ctx.db
      .selectFrom('meeting_agenda')
      .selectAll()
      .where('meeting_id', '=', meetingId)
      .orderBy('position')
      .execute();
    expect(agenda.map((a) => [a.subject_kind, a.subject_id])).toEqual([
      ['request', first.id],
      ['request', second.id],
    ]);
    const votes = await t.ctx.db.selectFrom('committee_votes').select(['subject_kind']).where('meeting_id', '=', meetingId).execute();
    expect(votes.map((v) => v.subject_kind)).toEqual(['request', 'request', 'request', 'request', 'request']);

    // Each minutes' text still hashes to its stored SHA-256, unchanged; the decisions read as requests.
    for (const id of [draft.id, amendment.id]) {
      const read = (await (await as(m3)).request('GET', `/api/v1/minutes/${id}`)).json();
      expect(read.sha256).toBe(hashes.get(id));
      expect(sha256Hex(read.text)).toBe(read.sha256);
      expect(read.status).toBe('frozen');
      expect(
        read.decisions.map((d: { subjectKind: string; subjectId: string; requestId: string }) => [d.subjectKind, d.subjectId, d.requestId]),
      ).toEqual([
        ['request', first.id, first.id],
        ['request', second.id, second.id],
      ]);
      expect(read.decisions[0].sentenceAr.heading).toBe(`الطلب رقم ${first.reference} (${read.decisions[0].typeNameAr})`);
    }
    expect((await (await as(m3)).request('GET', `/api/v1/minutes/${draft.id}`)).json().text).toBe(draft.text);
    // The votes' encrypted reasons still open (their AAD names the same ids).
    const meeting = (await (await as(chair)).request('GET', `/api/v1/meetings/${meetingId}`)).json();
    const reasons = meeting.agenda
      .flatMap((a: { votes: Array<{ reasons: string | null }> }) => a.votes.map((v) => v.reasons))
      .filter(Boolean);
    expect(reasons.sort()).toEqual(['الدخل يتجاوز الحد', 'سبق الدعم هذا العام', 'يكفي نصف المبلغ'].sort());
    // A new amendment of the old-format minutes words its requests exactly as the original did.
    const again = await (await as(chair)).request('POST', `/api/v1/minutes/${draft.id}/amendments`, { notes: 'تصحيح ثانٍ' });
    expect(again.statusCode, again.body).toBe(201);
    const decisionLines = (text: string) => text.split('\n').filter((line) => line.startsWith('القرار') || line.includes('الطلب رقم'));
    expect(decisionLines(again.json().text)).toEqual(decisionLines(draft.text));
  });

  it('C5, D2, issue 22: a second kind of subject shares the agenda with a request, is voted among its own options, minuted, frozen and applied', async () => {
    const request = await buildRequest(t, { by: reception, typeCode: 'subjects-aid' });
    const caseId = '01936b2e-0000-7000-8000-0000000000c5';
    cases.set(caseId, { id: caseId, reference: 'CASE-2026-000001', status: 'open', decision: null });
    const queue = await (await as(m2)).request('GET', `/api/v1/committees/${committeeId}/awaiting-study?kind=${TEST_KIND}`);
    expect(queue.statusCode, queue.body).toBe(200);
    expect(queue.json().items.map((i: { id: string; subjectKind: string }) => [i.subjectKind, i.id])).toEqual([[TEST_KIND, caseId]]);
    const unknownKind = await (await as(m2)).request('GET', `/api/v1/committees/${committeeId}/awaiting-study?kind=no-such-kind`);
    expect(unknownKind.statusCode).toBe(422);

    const meetingId = await heldMeeting();
    expect((await (await as(chair)).request('POST', `/api/v1/meetings/${meetingId}/agenda`, { requestId: request.id })).statusCode).toBe(
      200,
    );
    const unknown = await (await as(chair)).request('POST', `/api/v1/meetings/${meetingId}/agenda`, {
      subjectKind: 'no-such-kind',
      subjectId: caseId,
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().code).toBe('meeting.unknown-subject-kind');
    const added = await (await as(chair)).request('POST', `/api/v1/meetings/${meetingId}/agenda`, {
      subjectKind: TEST_KIND,
      subjectId: caseId,
    });
    expect(added.statusCode, added.body).toBe(200);
    expect(cases.get(caseId)?.status).toBe('under-study');
    const agenda = added.json().agenda;
    expect(agenda.map((a: { subjectKind: string; subjectId: string }) => [a.subjectKind, a.subjectId])).toEqual([
      ['request', request.id],
      [TEST_KIND, caseId],
    ]);
    expect(agenda[1]).toMatchObject({ kindNameAr: 'القضية', reference: 'CASE-2026-000001', choices: ['approve', 'reject', 'abstain'] });
    expect(agenda[0].choices).toEqual(['approve', 'partly-approve', 'reject', 'abstain']);

    // The kind's options and reasons: no partial outcome; reasons for either side.
    const partly = await (await as(m2)).request('POST', `/api/v1/meetings/${meetingId}/votes`, {
      subjectKind: TEST_KIND,
      subjectId: caseId,
      choice: 'partly-approve',
      reasons: 'جزئياً',
    });
    expect(partly.statusCode).toBe(422);
    expect(partly.json().errors).toEqual([expect.objectContaining({ pointer: '/choice', code: 'vote.choice-not-offered' })]);
    const bare = await (await as(m2)).request('POST', `/api/v1/meetings/${meetingId}/votes`, {
      subjectKind: TEST_KIND,
      subjectId: caseId,
      choice: 'approve',
    });
    expect(bare.statusCode).toBe(422);
    expect(bare.json().errors).toEqual([expect.objectContaining({ pointer: '/reasons', code: 'vote.reasons-required' })]);

    // The kind's payload: the harm's size with a finding of harm, checked by its schema; requests take none.
    const refusals: Array<[Record<string, unknown>, string]> = [
      [{ subjectKind: TEST_KIND, subjectId: caseId, choice: 'approve', reasons: 'ثبت' }, 'vote.payload-required'],
      [{ subjectKind: TEST_KIND, subjectId: caseId, choice: 'approve', reasons: 'ثبت', payload: { amount: -5 } }, 'vote.payload-invalid'],
      [{ requestId: request.id, choice: 'approve', payload: { amount: 5 } }, 'vote.payload-not-taken'],
    ];
    for (const [body, code] of refusals) {
      const refused = await (await as(m2)).request('POST', `/api/v1/meetings/${meetingId}/votes`, body);
      expect(refused.statusCode, refused.body).toBe(422);
      expect(refused.json().code).toBe(code);
    }
    // Quorum and the chair's tie-break are the one machine: 1–1 with the chair approving decides "approved".
    await vote(chair, meetingId, {
      subjectKind: TEST_KIND,
      subjectId: caseId,
      choice: 'approve',
      reasons: 'ثبت تلف المعدات بالحريق',
      payload: { amount: 12000 },
    });
    await vote(m2, meetingId, { subjectKind: TEST_KIND, subjectId: caseId, choice: 'reject', reasons: 'لا يثبت السبب' });
    await vote(m3, meetingId, { subjectKind: TEST_KIND, subjectId: caseId, choice: 'abstain' });
    await vote(chair, meetingId, { requestId: request.id, choice: 'approve' });
    await vote(m2, meetingId, { subjectKind: 'request', subjectId: request.id, choice: 'approve' });
    const meeting = (await (await as(m3)).request('GET', `/api/v1/meetings/${meetingId}`)).json();
    expect(meeting.agenda[1].tally).toMatchObject({ state: 'decided', outcome: 'approved', isTieBroken: true });
    // The same id under another kind is another subject: the request's votes are its own.
    expect(meeting.agenda[0].votes).toHaveLength(2);

    const generated = await (await as(chair)).request('POST', `/api/v1/meetings/${meetingId}/minutes`);
    expect(generated.statusCode, generated.body).toBe(201);
    const draft = generated.json();
    expect(draft.text).toContain('ونظرت اللجنة في الموضوعات المدرجة على جدول أعمالها');
    expect(draft.text).toContain(`أولاً: الطلب رقم ${request.reference}`);
    expect(draft.text).toContain('القرار: الموافقة على الطلب.');
    expect(draft.text).toContain('ثانياً: القضية رقم CASE-2026-000001 (تعويض)');
    expect(draft.text).toContain('القرار: ثبوت الضرر وتعويض الأسرة بمبلغ 12000 ريال.');
    expect(draft.text).toContain('الأسباب: ثبت تلف المعدات بالحريق');
    expect(draft.decisions[1]).toMatchObject({
      subjectKind: TEST_KIND,
      subjectId: caseId,
      outcome: 'approved',
      payload: { amount: 12000 },
      sentenceEn: { heading: 'Case CASE-2026-000001', decision: 'Harm found: 12000 SAR' },
    });
    expect(draft.decisions[0].payload).toBeNull();

    const frozen = await approveAll(draft.id, draft.sha256);
    expect(frozen.status).toBe('frozen');
    expect(sha256Hex(frozen.text)).toBe(frozen.sha256);
    expect(cases.get(caseId)).toMatchObject({
      status: 'decided',
      decision: { outcome: 'approved', reasons: 'ثبت تلف المعدات بالحريق', minutesId: draft.id, payload: { amount: 12000 } },
    });
    const closed = (await (await as(chair)).request('GET', `/api/v1/meetings/${meetingId}`)).json();
    expect(closed.status).toBe('closed');
    const refused = await (await as(m3)).request('POST', `/api/v1/meetings/${meetingId}/votes`, {
      subjectKind: TEST_KIND,
      subjectId: caseId,
      choice: 'reject',
      reasons: 'متأخر',
    });
    expect(refused.statusCode).toBe(409);
    const freeze = await t.ctx.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'minutes.freeze')
      .where('entity_id', '=', draft.id)
      .executeTakeFirstOrThrow();
    expect(String(freeze.details)).toContain(TEST_KIND);

    // The printed minutes carry the case's lines, in Arabic, with the day in both calendars.
    const printed = await (await as(m2)).request('GET', `/api/v1/minutes/${draft.id}/print`);
    expect(printed.statusCode).toBe(200);
    expect(printed.body).toContain('القضية رقم <bdi dir="ltr">CASE-2026-000001</bdi> (تعويض)');
    expect(printed.body).toContain('هـ الموافق');
  });
});
