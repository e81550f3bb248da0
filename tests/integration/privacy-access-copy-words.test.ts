import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { produceAccessCopies } from '../../src/modules/privacy/privacy.access-copy-job.js';
import { uuidv7 } from '../../src/platform/ids.js';
import { agentOf, buildFamily, buildRequest, buildRequestType, buildStaff } from './factories.js';
import { type Agent, createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';

/**
 * F2 (issue 25 §3: "the requester receives a readable copy in Arabic"; decision 015): the access
 * copy prints coded values in its language — a member's relation, a request's channel and status,
 * a message's event, channel and state, a consent's purpose, action and channel — from the server's
 * catalogue (src/domain/coded-labels.ts) and the settings' purpose names; the JSON keeps each code
 * with its words beside it; a code with no words (a legacy value) is printed as itself.
 */
let t: TestApp;
let officer: Agent;

beforeAll(async () => {
  t = await createTestApp();
  officer = await sessionFor(t, await buildStaff(t, { roles: ['privacy-officer'] }));
}, 120_000);
afterAll(async () => {
  await t.close();
});

/** A verified access request of the family, its copy produced in `language`; both files. */
async function copyOf(familyId: string, language: 'ar' | 'en') {
  const created = await officer.request('POST', '/api/v1/privacy/requests', {
    kind: 'access',
    channel: 'in-person',
    requester: { kind: 'family', familyId },
    relation: 'head',
  });
  expect(created.statusCode, created.body).toBe(201);
  const { id } = created.json() as { id: string };
  const verified = await officer.request('POST', `/api/v1/privacy/requests/${id}/verification`, { method: 'id-card-in-person' });
  expect(verified.statusCode, verified.body).toBe(200);
  expect((await officer.request('POST', `/api/v1/privacy/requests/${id}/access-copy`, { language })).statusCode).toBe(202);
  await produceAccessCopies(t.ctx);
  const html = await officer.request('GET', `/api/v1/privacy/requests/${id}/access-copy/html`);
  const json = await officer.request('GET', `/api/v1/privacy/requests/${id}/access-copy/json`);
  expect(html.statusCode, html.body).toBe(200);
  expect(json.statusCode, json.body).toBe(200);
  type Item = {
    facts?: Record<string, string>;
    factValueLabels?: Record<string, string>;
    fields?: { column: string; value: string; valueLabel?: string }[];
  };
  const copy = JSON.parse(json.body) as { sections: { table: string; items: Item[] }[] };
  const items = (table: string) => copy.sections.find((s) => s.table === table)?.items ?? [];
  return { html: html.body, items };
}

/** A whole value that is a code (lower-case Latin, dashes, dots): never printed when it has words. */
const RAW_CODE = /<bdi>[a-z][a-z.-]*<\/bdi>/g;

/** A family with a son, a submitted request, the registration message and its consent. */
async function familyWithHistory() {
  const family = await buildFamily(t, { headNameAr: 'منيرة عبدالله السبيعي', members: [{ name: 'فيصل سعد السبيعي', relation: 'son' }] });
  await buildRequest(t, { familyId: family.id });
  const messages = await t.ctx.db.selectFrom('outbox_messages').select(['event', 'status']).where('recipient_id', '=', family.id).execute();
  expect(messages.length, 'the family was sent a message').toBeGreaterThan(0);
  const consents = await t.ctx.db.selectFrom('family_consents').select(['purpose', 'action']).where('family_id', '=', family.id).execute();
  expect(consents.length, 'the family gave a consent').toBeGreaterThan(0);
  return { family, messages, consents };
}

describe(`F2 access copy: coded values in words [${ENGINE}]`, () => {
  it('F2 §3: the Arabic print page names the son, the request, the message and the consent in Arabic — no raw codes', async () => {
    const { family, consents } = await familyWithHistory();
    const purpose = await t.ctx.db
      .selectFrom('consent_purposes')
      .selectAll()
      .where('code', '=', consents[0]?.purpose ?? '')
      .executeTakeFirstOrThrow();
    const { html, items } = await copyOf(family.id, 'ar');

    expect(html).toContain('<dt>صلة القرابة</dt><dd><bdi>ابن</bdi></dd>'); // the member's relation, `son`
    expect(html).toContain('<dt>القناة</dt><dd><bdi>مقابلة شخصية</bdi></dd>'); // the request's channel
    expect(html).toContain('<dt>الحالة</dt><dd><bdi>مكتمل بانتظار اللجنة</bdi></dd>'); // the request's status
    expect(html).toContain('<bdi>اكتمل الطلب وأُرسل</bdi>'); // its history: submit
    expect(html).toContain('<bdi>تسجيل أسرة</bdi>'); // the message's event
    expect(html).toContain('<bdi>رسالة نصية</bdi>'); // its channel, sms
    expect(html).toMatch(/<dt>الحالة<\/dt><dd><bdi>(في قائمة الإرسال|أُرسلت|وصلت|لم تُرسل)<\/bdi><\/dd>/); // its state, not `pending`
    expect(html).toContain(`<bdi>${purpose.name_ar}</bdi>`); // the consent's purpose, by its settings name
    expect(html).toContain('<bdi>مُنحت الموافقة</bdi>'); // its action, `given`
    expect(html).toContain('<bdi>مقابلة شخصية</bdi>'); // the consent's channel, `interview`
    expect(html.match(RAW_CODE) ?? []).toEqual([]);
    for (const code of ['son', 'complete', 'interview', 'sms', 'pending', 'given', 'family.registered', purpose.code])
      expect(html).not.toContain(`<bdi>${code}</bdi>`);

    // The JSON keeps the code and puts its words beside it (as it does for the column's name).
    const member = items('household_members')[0]?.fields?.find((f) => f.column === 'relation');
    expect(member).toMatchObject({ value: 'son', valueLabel: 'ابن' });
    const request = items('requests')[0];
    expect(request?.facts).toMatchObject({ status: 'complete', channel: 'interview' });
    expect(request?.factValueLabels).toMatchObject({ status: 'مكتمل بانتظار اللجنة', channel: 'مقابلة شخصية' });
    const consent = items('family_consents').find((i) => i.facts?.purpose === purpose.code);
    expect(consent?.facts).toMatchObject({ purpose: purpose.code, action: 'given' });
    expect(consent?.factValueLabels).toMatchObject({ purpose: purpose.name_ar, action: 'مُنحت الموافقة' });
    const message = items('outbox_messages').find((i) => i.facts?.event === 'family.registered');
    expect(message?.factValueLabels).toMatchObject({ event: 'تسجيل أسرة', channel: 'رسالة نصية' });
  });

  it('F2 §3 (C2): a request’s answers read by the labels of the checklist it was filed under — choices and yes/no in words, not JSON', async () => {
    const checklist = [
      {
        key: 'craft',
        kind: 'field',
        labelAr: 'الحرفة',
        labelEn: 'Craft',
        fieldType: 'choice',
        isRequired: true,
        options: [
          { value: 'sewing', labelAr: 'خياطة', labelEn: 'Sewing' },
          { value: 'baking', labelAr: 'مخبوزات', labelEn: 'Baking' },
        ],
      },
      { key: 'has-shop', kind: 'field', labelAr: 'لدى الأسرة محل', labelEn: 'Has a shop', fieldType: 'yes-no', isRequired: true },
    ];
    const type = await buildRequestType(t, { checklist });
    const family = await buildFamily(t, { headNameAr: 'هيلة ناصر العجمي' });
    await buildRequest(t, { familyId: family.id, typeCode: type.code, answers: { craft: 'sewing', 'has-shop': false } });
    // The type is edited after filing: the request keeps the labels it was filed under.
    const admin = await agentOf(t, undefined, 'administrator');
    const renamed = checklist.map((item) => (item.key === 'craft' ? { ...item, labelAr: 'النشاط', labelEn: 'Activity' } : item));
    const edited = await admin.request('PUT', `/api/v1/settings/request-types/${type.code}`, { checklist: renamed, version: type.version });
    expect(edited.statusCode, edited.body).toBe(200);

    const ar = await copyOf(family.id, 'ar');
    expect(ar.html).toContain('الحرفة: خياطة\nلدى الأسرة محل: لا');
    expect(ar.html).not.toContain('{&quot;craft&quot;');
    expect(ar.html).not.toContain('النشاط:');
    const answers = ar.items('requests')[0]?.fields?.find((f) => f.column === 'answers');
    expect(JSON.parse(answers?.value ?? '{}')).toEqual({ craft: 'sewing', 'has-shop': false }); // the JSON keeps what was stored
    expect(answers?.valueLabel).toBe('الحرفة: خياطة\nلدى الأسرة محل: لا');
    const en = await copyOf(family.id, 'en');
    expect(en.html).toContain('Craft: Sewing\nHas a shop: No');
  });

  it('F2 §3: the English copy names the same codes in English', async () => {
    const { family, consents } = await familyWithHistory();
    const purpose = await t.ctx.db
      .selectFrom('consent_purposes')
      .selectAll()
      .where('code', '=', consents[0]?.purpose ?? '')
      .executeTakeFirstOrThrow();
    const { html, items } = await copyOf(family.id, 'en');
    expect(html).toContain('<dt>Relation</dt><dd><bdi>Son</bdi></dd>');
    expect(html).toContain('<dt>Channel</dt><dd><bdi>In-person interview</bdi></dd>');
    expect(html).toContain('<dt>Status</dt><dd><bdi>Complete, awaiting the committee</bdi></dd>');
    expect(html).toContain('<bdi>Family registered</bdi>');
    expect(html).toContain('<bdi>SMS</bdi>');
    expect(html).toContain(`<bdi>${purpose.name_en}</bdi>`);
    expect(html).toContain('<bdi>Given</bdi>');
    expect(html).not.toContain('<bdi>ابن</bdi>');
    expect(html.match(RAW_CODE) ?? []).toEqual([]);
    expect(items('household_members')[0]?.fields?.find((f) => f.column === 'relation')).toMatchObject({ value: 'son', valueLabel: 'Son' });
  });

  it('F2 §3: a code with no words (a legacy value) is printed as itself, the copy still produced', async () => {
    const { family } = await familyWithHistory();
    await t.ctx.db.updateTable('outbox_messages').set({ event: 'legacy.retired-event' }).where('recipient_id', '=', family.id).execute();
    const { html, items } = await copyOf(family.id, 'ar');
    expect(html).toContain('<bdi>legacy.retired-event</bdi>');
    const message = items('outbox_messages').find((i) => i.facts?.event === 'legacy.retired-event');
    expect(message?.factValueLabels?.event).toBeUndefined();
    expect(message?.factValueLabels?.channel).toBe('رسالة نصية');
  });
  it('F2 §3: a survey invitation names the family’s office, category and domain by their settings names, its channel and status in words', async () => {
    const { family } = await familyWithHistory();
    const manager = await agentOf(t, undefined, 'management');
    const created = await manager.request('POST', '/api/v1/surveys/questionnaires', {
      code: 'copy-words',
      purpose: 'periodic',
      titleAr: 'استبانة اختبار',
      titleEn: 'Test questionnaire',
      isAnonymous: false,
      isActive: true,
      questions: [{ id: 'csat', kind: 'csat', textAr: 'ما مدى رضاك؟', textEn: 'How satisfied are you?', isRequired: true }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const q = created.json() as { id: string; current: { id: string } };
    const at = t.clock.now().toISOString();
    await t.ctx.db
      .insertInto('survey_invitations')
      .values({
        id: uuidv7(),
        questionnaire_id: q.id,
        version_id: q.current.id,
        family_id: family.id,
        case_kind: 'request',
        case_id: uuidv7(),
        status: 'scheduled',
        skip_reason: null,
        token_hash: null,
        draft: null,
        due_at: at,
        sent_at: null,
        expires_at: null,
        answered_at: null,
        office: 'dammam',
        category: 'productive-family',
        domain: 'training',
        channel: 'interview',
        request_type: null,
        created_at: at,
        campaign_id: null,
        token_sealed: null,
        reminded_at: null,
      })
      .execute();
    const name = async (kind: 'offices' | 'categories' | 'domains', code: string) =>
      (await t.ctx.db.selectFrom(kind).select('name_ar').where('code', '=', code).executeTakeFirstOrThrow()).name_ar;
    const { html, items } = await copyOf(family.id, 'ar');
    expect(html).toContain(`<dt>المكتب</dt><dd><bdi>${await name('offices', 'dammam')}</bdi></dd>`);
    expect(html).toContain(`<dt>الفئة</dt><dd><bdi>${await name('categories', 'productive-family')}</bdi></dd>`);
    expect(html).toContain(`<dt>المجال</dt><dd><bdi>${await name('domains', 'training')}</bdi></dd>`);
    expect(html).toContain('<dt>قناة التواصل</dt><dd><bdi>مقابلة شخصية</bdi></dd>');
    expect(html).toContain('<bdi>مجدولة</bdi>');
    expect(html.match(RAW_CODE) ?? []).toEqual([]);
    const invitation = items('survey_invitations')[0];
    expect(invitation?.facts).toMatchObject({ status: 'scheduled' });
    expect(invitation?.fields?.find((f) => f.column === 'office')).toMatchObject({
      value: 'dammam',
      valueLabel: await name('offices', 'dammam'),
    });
  });
});
