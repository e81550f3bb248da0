import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PORTAL_COOKIE } from '../../src/platform/http/auth-plugin.js';
import { buildFamily, buildRequestType } from './factories.js';
import { type Agent, buildStaff, createTestApp, ENGINE, type StaffFixture, sessionFor, type TestApp } from './harness.js';
import { MARYAM, setSmsGateway, signInFamily } from './portal-support.js';

/**
 * Issue 26 §3 (B5, C2, G2): the public request forms. `/documents/forms` lists every active request
 * type with its criteria and checklist; `/documents/forms/<type-code>` shows the version in force and
 * its history and carries the blank Arabic form printed for the letter and fax channels; an unknown
 * or inactive code answers a 404 page; the slug `forms` is no document's; whatever an administrator
 * typed is shown as text.
 */
let t: TestApp;
let admin: Agent;
let administrator: StaffFixture;

/** Moves the clock and signs in again (sessions end after a while idle). */
async function at(instant: string) {
  t.clock.set(instant);
  admin = await sessionFor(t, administrator);
}

beforeAll(async () => {
  t = await createTestApp();
  administrator = await buildStaff(t, { roles: ['administrator'] });
  await at('2026-12-01T08:00:00.000Z');
}, 120_000);
afterAll(async () => {
  await t.close();
});

const get = (url: string, cookies: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, cookies });

describe(`public request forms (issue 26 §3) [${ENGINE}]`, () => {
  it('B5, C2, G2: /documents/forms lists every active type with its criteria and checklist, in Arabic first and in English; /documents links to it', async () => {
    const page = await get('/documents/forms');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<html lang="ar" dir="rtl">');
    expect(page.body).toContain('نماذج طلب الخدمة');
    // Harif's default types, with their criteria and checklist items.
    expect(page.body).toContain('href="/documents/forms/training-enrolment"');
    expect(page.body).toContain('الالتحاق ببرنامج تدريبي');
    expect(page.body).toContain('أن يكون المتدرب من أفراد الأسرة ولا يقل عمره عن ١٨ سنة.');
    expect(page.body).toContain('صورة الهوية الوطنية أو الإقامة');
    expect(page.body).toContain('معايير الأهلية');
    expect(page.body).toContain('href="/documents/forms?lang=en"');

    const english = await get('/documents/forms?lang=en');
    expect(english.body).toContain('<html lang="en" dir="ltr">');
    expect(english.body).toContain('Training programme enrolment');
    expect(english.body).toContain('Copy of the National ID or Iqama');

    const inactive = await buildRequestType(t, { by: admin, nameAr: 'نوع موقوف', isActive: false });
    expect((await get('/documents/forms')).body).not.toContain(inactive.code);
    expect((await get(`/documents/forms/${inactive.code}`)).statusCode).toBe(404);

    const library = await get('/documents');
    expect(library.body).toContain('href="/documents/forms"');
  });

  it('B5, G2: a form shows the version in force and its history, and carries the blank Arabic form: both date lines and a line per checklist field', async () => {
    const { code } = await buildRequestType(t, {
      by: admin,
      checklist: [
        { key: 'project', kind: 'field', fieldType: 'text', labelAr: 'وصف المشروع', labelEn: 'Project', isRequired: true },
        { key: 'has-shop', kind: 'field', fieldType: 'yes-no', labelAr: 'هل لديك محل؟', labelEn: 'Shop?', isRequired: false },
        { key: 'quote', kind: 'document', labelAr: 'عرض سعر', labelEn: 'Quotation', isRequired: true },
      ],
    });
    await at('2026-12-03T08:00:00.000Z');
    const edited = await admin.request('PUT', `/api/v1/settings/request-types/${code}`, { criteriaAr: 'أسرة منتجة منذ سنة.', version: 1 });
    expect(edited.statusCode, edited.body).toBe(200);

    const page = await get(`/documents/forms/${code}`);
    expect(page.statusCode).toBe(200);
    const html = page.body;
    expect(html).toContain('النسخة النافذة · النسخة 2');
    expect(html).toContain('أسرة منتجة منذ سنة.');
    expect(html).toContain('سجل النسخ');
    expect(html).toContain('النسخة 1 · نسخة سابقة');
    expect(html).toContain('ما الذي تغيّر: معايير الأهلية');
    expect(html).toContain('ما الذي تغيّر: الإصدار الأول');
    expect(html).toContain(`href="/portal/apply/${code}"`);
    // The blank form: Arabic, Hijri and Gregorian date lines, a line per field, boxes for the documents.
    const blank = html.slice(html.indexOf('<section class="blank-form"'));
    expect(blank).toContain('lang="ar" dir="rtl"');
    expect(blank).toContain('data-blank="hijri-date"');
    expect(blank).toContain('data-blank="gregorian-date"');
    expect(blank).toContain('data-blank="project"><span>وصف المشروع (*):</span><span class="blank"></span>');
    expect(blank).toContain('data-blank="has-shop"');
    expect(blank).toContain('data-blank="quote"');
    expect(blank).toContain('<h1>نموذج طلب خدمة</h1>');
    expect(html).toContain('@media print');

    // In English the page is English, the printed form still Arabic.
    const english = await get(`/documents/forms/${code}?lang=en`);
    expect(english.body).toContain('Version in force · Version 2');
    expect(english.body.slice(english.body.indexOf('<section class="blank-form"'))).toContain('وصف المشروع');
  });

  it('B5: an unknown code answers a 404 page that leads back to the forms', async () => {
    const page = await get('/documents/forms/no-such-type');
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('النموذج غير موجود');
    expect(page.body).toContain('href="/documents/forms"');
  });

  it('G2: script typed into a type’s names, criteria or checklist is shown as text', async () => {
    const { code } = await buildRequestType(t, {
      by: admin,
      nameAr: 'دعم <img src=x onerror=alert(1)>',
      criteriaAr: '<script>alert("criteria")</script>\nسطر ثان',
      checklist: [{ key: 'project', kind: 'field', fieldType: 'text', labelAr: '<b>وصف</b>', labelEn: 'Project', isRequired: true }],
    });
    for (const url of ['/documents/forms', `/documents/forms/${code}`]) {
      const page = await get(url);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('<script>alert');
      expect(page.body).not.toContain('<img src=x');
      expect(page.body).not.toContain('<b>وصف</b>');
      expect(page.body).toContain('&lt;script&gt;alert(&quot;criteria&quot;)&lt;/script&gt;');
    }
  });

  it('issue 26 §3: the slug `forms` is reserved for the request forms — no document takes it', async () => {
    const editor = await sessionFor(t, await buildStaff(t, { roles: ['documents-editor'] }));
    for (const slug of ['forms', ' Forms ']) {
      const refused = await editor.request('POST', '/api/v1/documents', { kind: 'form', slug, titleAr: 'نماذج', titleEn: 'Forms' });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'document.slug-reserved' })]));
    }
    expect((await get('/documents/forms')).body).toContain('نماذج طلب الخدمة');
  });

  it('B5, C2: the portal’s apply page links to the type’s public form', async () => {
    const receptionist = await buildStaff(t, { roles: ['reception'] });
    setSmsGateway(t, true);
    const family = await buildFamily(t, { by: receptionist, ...MARYAM });
    const agent = await signInFamily(t, family, '198.51.100.77');
    const page = await get('/portal/apply/tools-aid', { [PORTAL_COOKIE]: agent.token });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/documents/forms/tools-aid"');
  });
});
