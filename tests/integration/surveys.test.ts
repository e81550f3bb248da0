import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffRole } from '../../src/domain/roles.js';
import { caseStepped } from '../../src/modules/complaints/index.js';
import { requestClosed } from '../../src/modules/requests/index.js';
import { sendDueInvitations } from '../../src/modules/surveys/surveys.invitations.js';
import type { ComplaintRow } from '../../src/platform/db/schema-complaints.js';
import type { RequestTable } from '../../src/platform/db/schema-requests.js';
import { uuidv7 } from '../../src/platform/ids.js';
import { buildFamily, buildRequest, type FamilyFixture } from './factories.js';
import { buildStaff, createTestApp, ENGINE, type StaffFixture, sessionFor, type TestApp } from './harness.js';

/**
 * Issue 24 (H1, the measurable side of C1): invitations after closed cases, the once-per-30-days
 * rule, consent, the answer page's token rules, anonymity, bad input, the small-cell rule and the
 * aggregates — on both engines.
 */
const DAY = 86_400_000;
let t: TestApp;
const staff = new Map<string, StaffFixture>();
/** A fresh session each time: the tests move the clock by weeks. */
const sessionOf = (role: StaffRole) => ({
  request: async (method: string, url: string, body?: unknown) =>
    (await sessionFor(t, staff.get(role) as StaffFixture)).request(method, url, body),
});
const reception = sessionOf('reception');
const manager = sessionOf('management');
const administrator = sessionOf('administrator');

beforeAll(async () => {
  t = await createTestApp();
  for (const role of ['reception', 'management', 'administrator'] as const) staff.set(role, await buildStaff(t, { roles: [role] }));
});
afterAll(async () => {
  await t.close();
});

async function surveyFamily(fields: Record<string, unknown> = {}): Promise<FamilyFixture> {
  const family = await buildFamily(t, { by: staff.get('reception'), ...fields });
  const given = await reception.request('POST', `/api/v1/families/${family.id}/consents`, {
    channel: 'interview',
    purpose: 'surveys',
    action: 'give',
    noticeVersion: '2026-1',
  });
  expect(given.statusCode).toBe(200);
  return family;
}

/** Closes a request of the family as the requests area does (its `requestClosed` event, in a transaction). */
async function closeRequest(familyId: string, typeCode = 'test-type'): Promise<string> {
  const id = uuidv7();
  await t.ctx.db.transaction().execute((trx) =>
    t.ctx.hooks.emit(requestClosed, {
      trx,
      request: { id, family_id: familyId, type_code: typeCode, channel: 'interview' } as RequestTable,
    }),
  );
  return id;
}

async function stepComplaint(familyId: string | null, action: 'close' | 'record-satisfaction', fields: Partial<ComplaintRow> = {}) {
  const row = {
    id: uuidv7(),
    kind: 'complaint',
    family_id: familyId,
    topic: 'delay',
    domain: 'training',
    channel: 'website',
    satisfaction: null,
    ...fields,
  };
  await t.ctx.db.transaction().execute((trx) => t.ctx.hooks.emit(caseStepped, { trx, action, row: row as ComplaintRow }));
  return row.id;
}

async function invitationsOf(familyId: string) {
  return t.ctx.db.selectFrom('survey_invitations').selectAll().where('family_id', '=', familyId).orderBy('created_at').execute();
}

/** Runs the job two days on (past the default one-day delay) and returns the family's survey link token from its SMS. */
async function sendAndTokenOf(familyId: string): Promise<string | null> {
  t.clock.advance(2 * DAY);
  await sendDueInvitations(t.ctx);
  const messages = await t.ctx.db
    .selectFrom('outbox_messages')
    .selectAll()
    .where('event', '=', 'survey.invitation')
    .where('recipient_id', '=', familyId)
    .where('status', '!=', 'skipped')
    .orderBy('created_at', 'desc')
    .execute();
  const message = messages[0];
  if (!message) return null;
  const body = t.ctx.keys.encryptor.decrypt(message.body as string, `outbox:${message.id}:body`);
  return /\/s\/([A-Za-z0-9_-]{22})/.exec(body)?.[1] ?? null;
}

const form = (fields: Array<[string, string]>) => new URLSearchParams(fields).toString();
async function postSurvey(token: string, fields: Array<[string, string]>) {
  return t.app.inject({
    method: 'POST',
    url: `/s/${token}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: form(fields),
  });
}

async function questionnaireByCode(code: string) {
  const list = await manager.request('GET', '/api/v1/surveys/questionnaires');
  expect(list.statusCode).toBe(200);
  return list.json().items.find((q: { code: string }) => q.code === code);
}

describe(`surveys [${ENGINE}]`, () => {
  it('H1: ships the three default questionnaires, five questions at most after a case', async () => {
    const list = (await manager.request('GET', '/api/v1/surveys/questionnaires')).json();
    expect(list.items.map((q: { code: string }) => q.code).sort()).toEqual(['after-complaint', 'after-request', 'periodic']);
    for (const q of list.items.filter((x: { purpose: string }) => x.purpose !== 'periodic'))
      expect(q.current.questions.length).toBeLessThanOrEqual(5);
  });

  it('H1: a closed request invites the family after the delay, by bulk SMS with the withdrawal link; only a keyed hash of the token is stored', async () => {
    const family = await surveyFamily();
    const caseId = await closeRequest(family.id);
    const [scheduled] = await invitationsOf(family.id);
    expect(scheduled).toMatchObject({
      case_kind: 'request',
      case_id: caseId,
      status: 'scheduled',
      office: 'dammam',
      category: 'productive-family',
    });
    await sendDueInvitations(t.ctx);
    expect((await invitationsOf(family.id))[0]?.status).toBe('scheduled');
    const token = await sendAndTokenOf(family.id);
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const [sent] = await invitationsOf(family.id);
    expect(sent?.status).toBe('sent');
    expect(JSON.stringify(sent)).not.toContain(token);
    const message = await t.ctx.db
      .selectFrom('outbox_messages')
      .selectAll()
      .where('about_id', '=', sent?.id as string)
      .executeTakeFirstOrThrow();
    expect([message.priority, message.channel]).toEqual(['bulk', 'sms']);
    const body = t.ctx.keys.encryptor.decrypt(message.body as string, `outbox:${message.id}:body`);
    expect(body).toContain('/consent#');
    // One invitation per case: the same case closing again asks nothing more.
    await t.ctx.db.transaction().execute((trx) =>
      t.ctx.hooks.emit(requestClosed, {
        trx,
        request: { id: caseId, family_id: family.id, type_code: 'test-type', channel: 'interview' } as RequestTable,
      }),
    );
    expect(await invitationsOf(family.id)).toHaveLength(1);
  });

  it('H1: never more than one invitation per family in 30 days, across triggers', async () => {
    const family = await surveyFamily();
    await closeRequest(family.id);
    expect(await sendAndTokenOf(family.id)).not.toBeNull();
    await stepComplaint(family.id, 'close');
    await sendAndTokenOf(family.id);
    const second = (await invitationsOf(family.id))[1];
    expect([second?.status, second?.skip_reason]).toEqual(['skipped', 'survey.cooldown']);
    t.clock.advance(30 * DAY);
    await closeRequest(family.id);
    await sendAndTokenOf(family.id);
    expect((await invitationsOf(family.id))[2]?.status).toBe('sent');
  });

  it('F2: a family that withdrew the surveys purpose, or never gave it, is never asked', async () => {
    const withdrawn = await surveyFamily();
    await reception.request('POST', `/api/v1/families/${withdrawn.id}/consents`, {
      channel: 'interview',
      purpose: 'surveys',
      action: 'withdraw',
    });
    const never = await buildFamily(t, { by: staff.get('reception') });
    await closeRequest(withdrawn.id);
    await closeRequest(never.id);
    expect(await sendAndTokenOf(withdrawn.id)).toBeNull();
    expect(await sendAndTokenOf(never.id)).toBeNull();
    expect((await invitationsOf(withdrawn.id))[0]).toMatchObject({
      status: 'skipped',
      skip_reason: 'consent.purpose-withdrawn',
      sent_at: null,
    });
    expect((await invitationsOf(never.id))[0]).toMatchObject({ status: 'skipped', skip_reason: 'consent.purpose-not-given' });
  });

  it('E1, H1: a complaint whose satisfaction staff recorded gets no invitation — the recorded answer is its response', async () => {
    const family = await surveyFamily();
    const id = uuidv7();
    await stepComplaint(family.id, 'record-satisfaction', { id, satisfaction: 'partly-satisfied' });
    await stepComplaint(family.id, 'close', { id });
    expect(await invitationsOf(family.id)).toHaveLength(0);
    const response = await t.ctx.db.selectFrom('survey_responses').selectAll().where('case_id', '=', id).executeTakeFirstOrThrow();
    expect([response.source, response.csat, response.family_id]).toEqual(['complaint-step', 3, family.id]);
  });

  it('H1: the answer page — partial saves, submit, thank you; then the same "no longer valid" page as unknown, malformed and expired tokens', async () => {
    const family = await surveyFamily();
    await closeRequest(family.id);
    const token = (await sendAndTokenOf(family.id)) as string;
    const opened = await t.app.inject({ method: 'GET', url: `/s/${token}` });
    expect(opened.statusCode).toBe(200);
    expect(opened.headers['referrer-policy']).toBe('no-referrer');
    expect(opened.body).toContain('lang="ar" dir="rtl"');
    // One small script from this server (CSP script-src 'self'), none inline; the form works without it.
    expect(opened.body.match(/<script[^>]*>/g)).toEqual(['<script src="/s-assets/survey.js" defer>']);
    const script = await t.app.inject({ method: 'GET', url: '/s-assets/survey.js', headers: { 'accept-encoding': 'gzip' } });
    expect([script.statusCode, script.headers['content-type']]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect(gzipSync(script.body).length).toBeLessThan(30 * 1024);
    expect(opened.body).toContain('<form method="post"');

    const saved = await postSurvey(token, [
      ['q.csat', '4'],
      ['action', 'save'],
    ]);
    expect(saved.statusCode).toBe(200);
    // The saved answer is there when the page is opened again (a dropped connection loses nothing saved).
    expect((await t.app.inject({ method: 'GET', url: `/s/${token}` })).body).toMatch(/value="4" checked/);
    const missing = await postSurvey(token, [['action', 'submit']]);
    expect(missing.body).toContain('role="alert"');
    const done = await postSurvey(token, [
      ['q.csat', '4'],
      ['q.courtesy', 'yes'],
      ['action', 'submit'],
    ]);
    expect(done.statusCode).toBe(200);
    const response = await t.ctx.db.selectFrom('survey_responses').selectAll().where('family_id', '=', family.id).executeTakeFirstOrThrow();
    expect([response.csat, response.source]).toEqual([4, 'survey']);

    const used = await t.app.inject({ method: 'GET', url: `/s/${token}` });
    const unknown = await t.app.inject({ method: 'GET', url: `/s/${'A'.repeat(22)}` });
    const malformed = await t.app.inject({ method: 'GET', url: '/s/not-a-token' });
    const reused = await postSurvey(token, [
      ['q.csat', '1'],
      ['action', 'submit'],
    ]);
    for (const r of [unknown, malformed, reused]) {
      expect(r.statusCode).toBe(used.statusCode);
      expect(r.body).toBe(used.body);
    }
    expect(used.body).toContain('هذا الرابط لم يعد صالحًا');

    const other = await surveyFamily();
    await closeRequest(other.id);
    const late = (await sendAndTokenOf(other.id)) as string;
    t.clock.advance(15 * DAY);
    expect((await t.app.inject({ method: 'GET', url: `/s/${late}` })).body).toBe(used.body);
  });

  it('H1 bad input: answers to questions not in the version and out-of-range scores are refused; script in free text stays text', async () => {
    const family = await surveyFamily();
    await closeRequest(family.id);
    const token = (await sendAndTokenOf(family.id)) as string;
    const refused: Array<Array<[string, string]>> = [
      [
        ['q.nope', '3'],
        ['q.csat', '3'],
        ['action', 'save'],
      ],
      [
        ['q.csat', '9'],
        ['action', 'submit'],
      ],
      [
        ['q.nps', '11'],
        ['q.csat', '2'],
        ['q.courtesy', 'yes'],
        ['action', 'submit'],
      ],
    ];
    for (const fields of refused)
      expect((await postSurvey(token, fields)).body.includes('role="alert"'), JSON.stringify(fields)).toBe(true);
    expect(await t.ctx.db.selectFrom('survey_responses').select('id').where('family_id', '=', family.id).execute()).toHaveLength(0);
    const script = '<script>alert(1)</script>=HYPERLINK("x")';
    const saved = await postSurvey(token, [
      ['q.csat', '2'],
      ['q.improve', script],
      ['action', 'save'],
    ]);
    expect(saved.body).not.toContain('<script>alert');
    expect(saved.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(
      (
        await postSurvey(token, [
          ['q.csat', '2'],
          ['q.courtesy', 'no'],
          ['q.improve', script],
          ['action', 'submit'],
        ])
      ).statusCode,
    ).toBe(200);
    const comments = (await manager.request('GET', '/api/v1/surveys/comments')).json();
    expect(comments.items.find((c: { comment: string }) => c.comment === script)).toBeDefined();
  });

  it('H1: an anonymous questionnaire stores no link to the family, the case or the invitation; editing an answered version makes a new one', async () => {
    const model = await questionnaireByCode('after-request');
    const body = {
      titleAr: 'رأيكم دون ذكر أسمائكم',
      titleEn: 'Your opinion, anonymously',
      isActive: true,
      questions: model.current.questions,
    };
    const created = await manager.request('POST', '/api/v1/surveys/questionnaires', {
      ...body,
      code: 'anonymous-after-request',
      purpose: 'after-request',
      isAnonymous: true,
    });
    expect(created.statusCode).toBe(201);
    const q = created.json();
    // An answered version cannot be made anonymous afterwards: respondents were told otherwise.
    expect((await manager.request('PUT', `/api/v1/surveys/questionnaires/${model.id}`, { ...body, isAnonymous: true })).statusCode).toBe(
      409,
    );
    const settings = (await administrator.request('GET', '/api/v1/settings/surveys')).json();
    const pointed = await administrator.request('PUT', '/api/v1/settings/surveys', {
      ...settings,
      triggers: { ...settings.triggers, request: { ...settings.triggers.request, questionnaireId: q.id } },
    });
    expect(pointed.statusCode).toBe(200);
    const family = await surveyFamily();
    await closeRequest(family.id);
    const token = (await sendAndTokenOf(family.id)) as string;
    expect(
      (
        await postSurvey(token, [
          ['q.csat', '1'],
          ['q.courtesy', 'no'],
          ['q.improve', 'لم يرد أحد'],
          ['action', 'submit'],
        ])
      ).statusCode,
    ).toBe(200);
    const rows = await t.ctx.db
      .selectFrom('survey_responses')
      .selectAll()
      .where('questionnaire_id', '=', q.id)
      .where('family_id', 'is', null)
      .execute();
    expect(rows).toHaveLength(1);
    expect([rows[0]?.invitation_id, rows[0]?.case_id]).toEqual([null, null]);
    // Its id holds no time (a random UUID, version 4, not the time-ordered version 7) and its time only the day.
    expect(rows[0]?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-/);
    expect(rows[0]?.submitted_at).toMatch(/T00:00:00\.000Z$/);
    // Anonymous answers open no follow-up task.
    expect(
      await t.ctx.db
        .selectFrom('outbox_messages')
        .select('id')
        .where('about_id', '=', rows[0]?.id as string)
        .execute(),
    ).toHaveLength(0);

    const edited = await manager.request('PUT', `/api/v1/surveys/questionnaires/${q.id}`, {
      ...body,
      isAnonymous: true,
      titleAr: 'عنوان جديد',
    });
    expect(edited.json().currentVersion).toBe(q.currentVersion + 1);
    expect((await manager.request('PUT', `/api/v1/surveys/questionnaires/${q.id}`, { ...body, isAnonymous: false })).statusCode).toBe(409);
    const back = await t.ctx.db
      .selectFrom('survey_versions')
      .selectAll()
      .where('id', '=', rows[0]?.version_id as string)
      .executeTakeFirstOrThrow();
    expect(back.title_ar).toBe(body.titleAr);
  });

  it('H1 small-cell rule and aggregates: fewer than 5 responses show null; CSAT average, distribution and NPS otherwise', async () => {
    const q = await questionnaireByCode('periodic');
    const month = t.clock.now().toISOString().slice(0, 7);
    const add = async (csat: number, nps: number, office: string) =>
      t.ctx.db
        .insertInto('survey_responses')
        .values({
          id: uuidv7(),
          source: 'survey',
          invitation_id: null,
          questionnaire_id: q.id,
          version_id: null,
          family_id: null,
          case_kind: 'campaign',
          case_id: null,
          csat,
          nps,
          is_negative: 0,
          answers: null,
          comment: null,
          submitted_at: t.clock.now().toISOString(),
          month,
          office,
          category: null,
          domain: null,
          channel: null,
          request_type: null,
        })
        .execute();
    for (const [csat, nps] of [
      [5, 10],
      [4, 9],
      [4, 7],
      [3, 5],
    ])
      await add(csat as number, nps as number, 'khobar');
    const small = (await manager.request('GET', `/api/v1/surveys/results?questionnaireId=${q.id}`)).json();
    expect(small.overall).toMatchObject({ responses: 4, csatAverage: null, csatDistribution: null, nps: null });
    await add(5, 10, 'dammam');
    const full = (await manager.request('GET', `/api/v1/surveys/results?questionnaireId=${q.id}&by=office`)).json();
    expect(full.overall).toMatchObject({ responses: 5, csatAverage: 4.2, csatDistribution: [0, 0, 1, 2, 2], nps: 40 });
    expect(full.byMonth).toEqual([expect.objectContaining({ month, responses: 5, csatAverage: 4.2 })]);
    expect(full.breakdown).toEqual([
      { key: 'dammam', responses: 1, csatAverage: null, csatDistribution: null, nps: null },
      { key: 'khobar', responses: 4, csatAverage: null, csatDistribution: null, nps: null },
    ]);
    expect((await reception.request('GET', '/api/v1/surveys/results')).statusCode).toBe(403);
  });

  it('H1: administrators set the triggers; a trigger turned off for a request type asks nothing', async () => {
    const settings = (await administrator.request('GET', '/api/v1/settings/surveys')).json();
    expect(settings.cooldownDays).toBe(30);
    const saved = await administrator.request('PUT', '/api/v1/settings/surveys', {
      ...settings,
      triggers: { ...settings.triggers, request: { ...settings.triggers.request, offCodes: ['quiet-type'] } },
    });
    expect(saved.statusCode).toBe(200);
    const family = await surveyFamily();
    await closeRequest(family.id, 'quiet-type');
    expect(await invitationsOf(family.id)).toHaveLength(0);
  });

  it('C5, H1: closing a request through its transitions schedules its survey (the requests area’s event, wired in app.ts)', async () => {
    const family = await surveyFamily();
    const request = await buildRequest(t, { by: staff.get('reception'), familyId: family.id });
    // The decision and its message are the committee's story (requests tests); here the request is told already.
    await t.ctx.db.updateTable('requests').set({ status: 'notified' }).where('id', '=', request.id).execute();
    const closed = await reception.request('POST', `/api/v1/requests/${request.id}/transitions`, { action: 'close' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect((await invitationsOf(family.id)).map((i) => [i.case_kind, i.case_id, i.status])).toEqual([['request', request.id, 'scheduled']]);
  });

  it('H1: a negative answer opens a follow-up for the contact officer the register routes the family to', async () => {
    const officer = await buildStaff(t, { roles: ['contact-officer'] });
    const entry = await administrator.request('POST', '/api/v1/contact-officers', {
      roleTitleAr: 'ضابط اتصال',
      roleTitleEn: 'Contact officer',
      channel: 'phone',
      address: '920012345',
      category: 'productive-family',
      domain: 'training',
      officerId: officer.id,
    });
    expect(entry.statusCode, entry.body).toBe(201);
    const settings = (await administrator.request('GET', '/api/v1/settings/surveys')).json();
    const named = await questionnaireByCode('after-request');
    await administrator.request('PUT', '/api/v1/settings/surveys', {
      ...settings,
      triggers: { ...settings.triggers, request: { ...settings.triggers.request, questionnaireId: named.id, offCodes: [] } },
    });
    const family = await surveyFamily();
    await closeRequest(family.id);
    const token = (await sendAndTokenOf(family.id)) as string;
    expect(
      (
        await postSurvey(token, [
          ['q.csat', '1'],
          ['q.courtesy', 'no'],
          ['q.improve', 'تأخر الرد'],
          ['action', 'submit'],
        ])
      ).statusCode,
    ).toBe(200);
    const response = await t.ctx.db.selectFrom('survey_responses').selectAll().where('family_id', '=', family.id).executeTakeFirstOrThrow();
    expect(response.is_negative).toBe(1);
    const followUp = await t.ctx.db.selectFrom('outbox_messages').selectAll().where('about_id', '=', response.id).execute();
    expect(followUp.map((m) => [m.event, m.recipient_kind, m.recipient_id, m.channel])).toContainEqual([
      'survey.follow-up',
      'staff',
      officer.id,
      'staff-app',
    ]);
  });

  it('H1 bad input: a questionnaire whose skip logic points forward or whose choices have no options is refused, naming where', async () => {
    const bad = await manager.request('POST', '/api/v1/surveys/questionnaires', {
      code: 'broken',
      purpose: 'periodic',
      titleAr: 'س',
      titleEn: 'Q',
      isAnonymous: false,
      isActive: true,
      questions: [
        { id: 'a', kind: 'text', textAr: 'أ', textEn: 'A', isRequired: false, showIf: { questionId: 'b', anyOf: ['x'] } },
        { id: 'b', kind: 'single', textAr: 'ب', textEn: 'B', isRequired: true, options: [] },
      ],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { pointer: string; code: string }) => `${e.pointer} ${e.code}`)).toEqual([
      '/questions/0/showIf survey.skip-target-unknown',
      '/questions/1/options survey.options-needed',
    ]);
    const unknownKey = await manager.request('POST', '/api/v1/surveys/questionnaires', { code: 'x', surprise: true });
    expect(unknownKey.statusCode).toBe(400);
  });

  it('H1: the answer page is rate-limited per address, with the same answer for every token', async () => {
    // An address of its own: the app's limiter counts per address, and the tests above used the default one.
    const remoteAddress = '198.51.100.24';
    const statuses: number[] = [];
    for (let i = 0; i < 65; i += 1)
      statuses.push((await t.app.inject({ method: 'GET', url: `/s/${'B'.repeat(21)}${i % 10}`, remoteAddress })).statusCode);
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // Another address is not held back by this one's count.
    expect((await t.app.inject({ method: 'GET', url: `/s/${'C'.repeat(22)}`, remoteAddress: '198.51.100.25' })).statusCode).toBe(200);
    const refused = await t.app.inject({ method: 'GET', url: `/s/${'C'.repeat(22)}`, remoteAddress });
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().code).toBe('survey.rate-limited');
  });
});
