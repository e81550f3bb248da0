import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffRole } from '../../src/domain/roles.js';
import { responseAad } from '../../src/modules/surveys/surveys.answer.js';
import { uuidv7 } from '../../src/platform/ids.js';
import { buildComplaint, buildFamily, buildRequest, type FamilyFixture } from './factories.js';
import { buildStaff, createTestApp, ENGINE, type StaffFixture, sessionFor, type TestApp } from './harness.js';

/**
 * Issue 24 §1, §5 (H1, F2): the answers behind each results figure — the small-cell rule, the reader's
 * scope, paging and sorting — their export (masked, formulas neutralised, audited as a list), and the
 * builder's versions through the API, on both engines.
 */
let t: TestApp;
const staff = new Map<string, StaffFixture>();
const sessionOf = (key: string) => ({
  request: async (method: string, url: string, body?: unknown) =>
    (await sessionFor(t, staff.get(key) as StaffFixture)).request(method, url, body),
});
const manager = sessionOf('management');
const khobarOfficer = sessionOf('khobar-officer');
let dammam: FamilyFixture;
let khobar: FamilyFixture;

const QUESTIONS = [
  { id: 'csat', kind: 'csat', textAr: 'ما مدى رضاك؟', textEn: 'How satisfied are you?', isRequired: true },
  {
    id: 'why',
    kind: 'single',
    textAr: 'ما السبب؟',
    textEn: 'Why?',
    isRequired: false,
    options: [
      { value: 'slow', labelAr: 'التأخر', labelEn: 'Delay' },
      { value: 'rude', labelAr: 'المعاملة', labelEn: 'Treatment' },
    ],
    showIf: { questionId: 'csat', anyOf: [1, 2] },
  },
  { id: 'note', kind: 'text', textAr: 'ملاحظاتك', textEn: 'Your notes', isRequired: false },
];

async function newQuestionnaire(code: string) {
  const created = await manager.request('POST', '/api/v1/surveys/questionnaires', {
    code,
    purpose: 'periodic',
    titleAr: 'استبانة اختبار',
    titleEn: 'Test questionnaire',
    isAnonymous: false,
    isActive: true,
    questions: QUESTIONS,
  });
  expect(created.statusCode, created.body).toBe(201);
  return created.json() as { id: string; currentVersion: number; current: { id: string } };
}

/** A submitted response as the answer page stores it (answers and comment sealed to the row). */
async function addResponse(
  q: { id: string; current: { id: string } },
  family: FamilyFixture | null,
  csat: number,
  note?: string,
  about?: { kind: 'request' | 'complaint' | 'inquiry'; id: string },
) {
  const id = uuidv7();
  const answers = { csat, ...(note ? { note } : {}) };
  await t.ctx.db
    .insertInto('survey_responses')
    .values({
      id,
      source: 'survey',
      invitation_id: null,
      questionnaire_id: q.id,
      version_id: q.current.id,
      family_id: family?.id ?? null,
      case_kind: about?.kind ?? (family ? 'request' : 'campaign'),
      case_id: about?.id ?? (family ? uuidv7() : null),
      csat,
      nps: null,
      is_negative: csat <= 2 ? 1 : 0,
      answers: t.ctx.keys.encryptor.encrypt(JSON.stringify(answers), responseAad(id, 'answers')),
      comment: note ? t.ctx.keys.encryptor.encrypt(note, responseAad(id, 'comment')) : null,
      submitted_at: t.clock.now().toISOString(),
      month: t.clock.now().toISOString().slice(0, 7),
      office: family === khobar ? 'khobar' : 'dammam',
      category: 'productive-family',
      domain: 'training',
      channel: 'sms',
      request_type: null,
    })
    .execute();
  return id;
}

beforeAll(async () => {
  t = await createTestApp();
  const roles: Array<[string, StaffRole[], string[]]> = [
    ['management', ['management'], []],
    ['reception', ['reception'], []],
    ['khobar-officer', ['contact-officer'], ['khobar']],
    ['administrator', ['administrator'], []],
  ];
  for (const [key, r, offices] of roles) staff.set(key, await buildStaff(t, { roles: r, scope: { categories: [], domains: [], offices } }));
  dammam = await buildFamily(t, { by: staff.get('reception') });
  khobar = await buildFamily(t, { by: staff.get('reception'), office: 'khobar', city: 'الخبر' });
});
afterAll(async () => {
  await t.close();
});

describe(`survey answers and export [${ENGINE}]`, () => {
  it('H1 small-cell rule: a figure of fewer than 5 responses opens no answers, in the list or the export', async () => {
    const q = await newQuestionnaire('small-cell');
    for (const score of [5, 4, 3, 2]) await addResponse(q, dammam, score);
    const list = await manager.request('GET', `/api/v1/surveys/answers?questionnaireId=${q.id}`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toMatchObject({ cellResponses: 4, isSmallCell: true, total: 0, items: [] });
    const exported = await manager.request('POST', '/api/v1/surveys/answers/export', { questionnaireId: q.id, format: 'csv' });
    expect([exported.statusCode, exported.json().code]).toEqual([403, 'survey.small-cell']);
    // The same responses, five of them now, open; a breakdown key of the figure still counts on its own.
    await addResponse(q, khobar, 1);
    expect((await manager.request('GET', `/api/v1/surveys/answers?questionnaireId=${q.id}`)).json()).toMatchObject({
      isSmallCell: false,
      total: 5,
    });
    const byOffice = await manager.request('GET', `/api/v1/surveys/answers?questionnaireId=${q.id}&by=office&key=khobar`);
    expect(byOffice.json()).toMatchObject({ cellResponses: 1, isSmallCell: true, items: [] });
    expect((await manager.request('GET', `/api/v1/surveys/answers?questionnaireId=${q.id}&key=khobar`)).statusCode).toBe(400);
  });

  it('F2, H1: a reader sees row by row only the answers of families in scope; paged and sorted', async () => {
    const q = await newQuestionnaire('scope');
    for (const score of [5, 4, 3]) await addResponse(q, dammam, score, `دمام ${score}`);
    for (const score of [2, 1]) await addResponse(q, khobar, score, `خبر ${score}`);
    await addResponse(q, null, 3, 'دون اسم');
    const officer = (await khobarOfficer.request('GET', `/api/v1/surveys/answers?questionnaireId=${q.id}&sort=csat&order=asc`)).json();
    // One anonymous answer alone in the figure is not listed (fewer than 5 of its kind): it counts only in the figures.
    expect(officer).toMatchObject({ cellResponses: 6, isSmallCell: false, total: 2 });
    expect(officer.items.map((a: { comment: string }) => a.comment)).toEqual(['خبر 1', 'خبر 2']);
    expect(officer.items[0].case).toEqual({ kind: 'request', id: expect.any(String) });
    expect(officer.versions[0].questions.map((x: { id: string }) => x.id)).toEqual(['csat', 'why', 'note']);
    const page = (
      await manager.request('GET', `/api/v1/surveys/answers?questionnaireId=${q.id}&sort=csat&order=desc&pageSize=2&page=2`)
    ).json();
    expect([page.total, page.items.map((a: { csat: number }) => a.csat)]).toEqual([5, [3, 2]]);
    expect(page.items.map((a: { answers: { csat: number } }) => a.answers.csat)).toEqual([3, 2]);
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'survey.answers')
      .where('actor_id', '=', staff.get('khobar-officer')?.id as string)
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.details as string).ids).toEqual(officer.items.map((a: { id: string }) => a.id));
    // Reception reads no results and no answers.
    expect((await sessionOf('reception').request('GET', '/api/v1/surveys/answers')).statusCode).toBe(403);
  });

  it('H1 export: respondents masked as in the families’ export, formulas neutralised, one audit row with the query and the ids', async () => {
    const q = await newQuestionnaire('export');
    const formula = '=HYPERLINK("http://x","y")';
    const request = await buildRequest(t, { by: staff.get('reception'), familyId: dammam.id });
    const inquiry = await buildComplaint(t, { by: staff.get('reception'), kind: 'inquiry' });
    const ids = [
      await addResponse(q, dammam, 2, formula, { kind: 'request', id: request.id }),
      await addResponse(q, dammam, 4, '+1 خدمة ممتازة', { kind: 'inquiry', id: inquiry.id }),
    ];
    // Three anonymous answers fill the figure to 5 but are too few to export one by one.
    for (const score of [5, 5, 3]) await addResponse(q, null, score);
    const csv = await manager.request('POST', '/api/v1/surveys/answers/export', { questionnaireId: q.id, format: 'csv' });
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="survey-answers-.*\.csv"/);
    const text = csv.body;
    expect(text).not.toContain(dammam.nationalId);
    expect(text).toContain(`••••••${dammam.nationalId.slice(-4)}`);
    expect(text).toContain(dammam.reference);
    // The case is named by its reference, as the worklists show it — never by its internal id.
    expect(text.split('\r\n')[0]).toContain('مرجع الحالة');
    expect(text).toContain(`,request,${request.reference},`);
    expect(text).toContain(`,inquiry,${inquiry.reference},`);
    expect(text).not.toContain(request.id);
    expect(text).not.toContain(inquiry.id);
    expect(text).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(text).toContain("'+1 خدمة ممتازة");
    expect(text.split('\r\n')[0]).toContain('ما مدى رضاك؟');
    const xlsx = await manager.request('POST', '/api/v1/surveys/answers/export', { questionnaireId: q.id, format: 'xlsx' });
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells = (book.worksheets[0]?.getSheetValues() ?? []).flat().map(String);
    expect(cells).toContain(`'${formula}`);
    expect(cells.some((c) => c.includes(dammam.nationalId))).toBe(false);
    const audit = await t.ctx.db.selectFrom('audit_events').selectAll().where('action', '=', 'survey.export').execute();
    expect(audit).toHaveLength(2);
    const details = JSON.parse(audit[0]?.details as string);
    expect(details.query).toEqual({ questionnaireId: q.id, format: 'csv' });
    expect([...details.ids].sort()).toEqual([...ids].sort());
  });

  it('H1 months: each month carries the invitations sent in it and its response rate; under 5 invitations no rate', async () => {
    const q = await newQuestionnaire('months');
    const now = t.clock.now();
    const month = now.toISOString().slice(0, 7);
    const earlier = new Date(now.getTime() - 40 * 86_400_000).toISOString();
    const invite = (sentAt: string) =>
      t.ctx.db
        .insertInto('survey_invitations')
        .values({
          id: uuidv7(),
          questionnaire_id: q.id,
          version_id: q.current.id,
          family_id: dammam.id,
          case_kind: 'request',
          case_id: uuidv7(),
          status: 'sent',
          skip_reason: null,
          token_hash: null,
          draft: null,
          due_at: sentAt,
          sent_at: sentAt,
          expires_at: sentAt,
          answered_at: null,
          office: 'dammam',
          category: null,
          domain: null,
          channel: 'sms',
          request_type: null,
          created_at: sentAt,
          campaign_id: null,
          token_sealed: null,
          reminded_at: null,
        })
        .execute();
    for (let i = 0; i < 3; i++) await invite(earlier);
    for (let i = 0; i < 10; i++) await invite(now.toISOString());
    for (const score of [5, 4, 4, 3, 2]) await addResponse(q, dammam, score);
    const results = (await manager.request('GET', `/api/v1/surveys/results?questionnaireId=${q.id}`)).json();
    expect(results.byMonth).toEqual([
      expect.objectContaining({ month: earlier.slice(0, 7), invited: 3, responseRate: null, responses: 0, csatAverage: null }),
      expect.objectContaining({ month, invited: 10, responseRate: 50, responses: 5, csatAverage: 3.6 }),
    ]);
    expect(results.overall).toMatchObject({ invited: 13, responseRate: 38.5 });
  });

  it('H1 anonymity: anonymous answers are listed only five or more together, with the month and no day, an id that holds no time and changes per figure, ordered by month only', async () => {
    const q = await newQuestionnaire('anonymous-rows');
    const stored: string[] = [];
    for (const score of [5, 4, 3, 2]) stored.push(await addResponse(q, null, score, `دون اسم ${score}`));
    await addResponse(q, dammam, 4, 'دمام');
    const four = (await khobarOfficer.request('GET', `/api/v1/surveys/answers?questionnaireId=${q.id}`)).json();
    expect(four).toMatchObject({ cellResponses: 5, isSmallCell: false, total: 0, items: [] });
    const csv4 = await manager.request('POST', '/api/v1/surveys/answers/export', { questionnaireId: q.id, format: 'csv' });
    expect(csv4.body).not.toContain('دون اسم');
    expect(csv4.body).toContain('دمام');
    stored.push(await addResponse(q, null, 1, 'دون اسم 1'));
    const month = t.clock.now().toISOString().slice(0, 7);
    const five = (await khobarOfficer.request('GET', `/api/v1/surveys/answers?questionnaireId=${q.id}`)).json();
    expect(five.total).toBe(5);
    for (const answer of five.items) {
      expect(answer).toMatchObject({ isAnonymous: true, submittedAt: month, case: null });
      expect(stored).not.toContain(answer.id);
    }
    // The same answers in another figure carry other ids: rows cannot be matched across figures.
    const other = (await khobarOfficer.request('GET', `/api/v1/surveys/answers?questionnaireId=${q.id}&from=${month}`)).json();
    const idsOf = (list: { items: Array<{ id: string }> }) => list.items.map((a) => a.id);
    expect(idsOf(other).filter((id) => idsOf(five).includes(id))).toEqual([]);
    // Their order is not the order they were given in (random ciphertext, not the time-ordered id) — but stable.
    const again = (await khobarOfficer.request('GET', `/api/v1/surveys/answers?questionnaireId=${q.id}`)).json();
    expect(idsOf(again)).toEqual(idsOf(five));
    // The export shows the month too, and the comment list names no day and no stored id.
    const csv = (await manager.request('POST', '/api/v1/surveys/answers/export', { questionnaireId: q.id, format: 'csv' })).body;
    const anonymousLines = csv.split('\r\n').filter((line) => line.includes('دون اسم'));
    expect(anonymousLines).toHaveLength(5);
    for (const line of anonymousLines) expect(line.startsWith(`${month},`)).toBe(true);
    const comments = (await manager.request('GET', `/api/v1/surveys/comments?questionnaireId=${q.id}`)).json();
    const anonymous = comments.items.filter((c: { isAnonymous: boolean }) => c.isAnonymous);
    expect(anonymous).toHaveLength(5);
    for (const c of anonymous) expect([c.submittedAt, stored.includes(c.id), c.case]).toEqual([month, false, null]);
  });

  it('H1 builder: an unanswered version changes in place, an answered one never changes — saving makes a new version', async () => {
    const q = await newQuestionnaire('versions');
    const body = { titleAr: 'استبانة اختبار', titleEn: 'Test questionnaire', isAnonymous: false, isActive: true, questions: QUESTIONS };
    const inPlace = await manager.request('PUT', `/api/v1/surveys/questionnaires/${q.id}`, { ...body, titleAr: 'عنوان معدّل' });
    expect(inPlace.json().currentVersion).toBe(1);
    await addResponse(q, dammam, 4);
    const added = [
      ...QUESTIONS,
      {
        id: 'again',
        kind: 'yes-no',
        textAr: 'هل تعود؟',
        textEn: 'Would you come back?',
        isRequired: false,
        showIf: { questionId: 'csat', anyOf: [4, 5] },
      },
    ];
    const saved = await manager.request('PUT', `/api/v1/surveys/questionnaires/${q.id}`, { ...body, questions: added });
    expect(saved.statusCode, saved.body).toBe(200);
    expect([saved.json().currentVersion, saved.json().isAnswered]).toEqual([2, false]);
    const versions = (await manager.request('GET', `/api/v1/surveys/questionnaires/${q.id}/versions`)).json();
    expect(
      versions.items.map((v: { version: number; responses: number; questions: unknown[] }) => [v.version, v.responses, v.questions.length]),
    ).toEqual([
      [2, 0, 4],
      [1, 1, 3],
    ]);
    expect(versions.items[1].titleAr).toBe('عنوان معدّل');
    const broken = await manager.request('PUT', `/api/v1/surveys/questionnaires/${q.id}`, {
      ...body,
      questions: [{ ...QUESTIONS[1], showIf: { questionId: 'later', anyOf: [1] } }, QUESTIONS[0]],
    });
    expect(broken.statusCode).toBe(422);
    expect(broken.json().errors).toEqual([expect.objectContaining({ pointer: '/questions/0/showIf', code: 'survey.skip-target-unknown' })]);
    expect((await manager.request('GET', `/api/v1/surveys/questionnaires/${uuidv7()}/versions`)).statusCode).toBe(404);
  });

  it('H1 settings: an enabled trigger must name its questionnaire; a change is audited with what it was and what it became', async () => {
    const administrator = sessionOf('administrator');
    const settings = (await administrator.request('GET', '/api/v1/settings/surveys')).json();
    const unnamed = await administrator.request('PUT', '/api/v1/settings/surveys', {
      ...settings,
      triggers: { ...settings.triggers, inquiry: { ...settings.triggers.inquiry, isEnabled: true, questionnaireId: null } },
    });
    expect(unnamed.statusCode).toBe(422);
    expect(unnamed.json().errors).toEqual([
      expect.objectContaining({ pointer: '/triggers/inquiry/questionnaireId', code: 'survey.questionnaire-needed' }),
    ]);
    const outOfRange = await administrator.request('PUT', '/api/v1/settings/surveys', { ...settings, csatNegativeMax: 6 });
    expect(outOfRange.statusCode).toBe(400);
    const saved = await administrator.request('PUT', '/api/v1/settings/surveys', { ...settings, cooldownDays: 45 });
    expect([saved.statusCode, saved.json().cooldownDays]).toEqual([200, 45]);
    const [audit] = await t.ctx.db.selectFrom('audit_events').selectAll().where('action', '=', 'survey-settings.update').execute();
    const details = JSON.parse(audit?.details as string);
    expect([details.before.cooldownDays, details.after.cooldownDays]).toEqual([30, 45]);
    expect((await manager.request('PUT', '/api/v1/settings/surveys', saved.json())).statusCode).toBe(403);
  });
});
