import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/platform/crypto/digest.js';
import { buildStaff, multipartUpload } from './factories.js';
import { type Agent, createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';

/**
 * Issue 26 §1 (B1–B4): the public library at `/documents` — server-rendered, Arabic first with an
 * English switch; only published versions of public documents are shown (drafts, withdrawn versions
 * and staff-only documents answer 404); a published public PDF is served inline at its content
 * hash with a year's caching; whatever editors type is shown as text, never as markup.
 */
let t: TestApp;
let editor: Agent;

const pdf = (label: string) => Buffer.concat([Buffer.from(`%PDF-1.7\n% ${label}\n`), Buffer.alloc(256, 0x20), Buffer.from('\n%%EOF\n')]);
const APPROVAL = { effectiveOn: '2026-01-01', approvedBy: 'مجلس الإدارة', approvedOn: '2025-12-01' };

beforeAll(async () => {
  t = await createTestApp();
  editor = await sessionFor(t, await buildStaff(t, { roles: ['documents-editor'] }));
}, 120_000);
afterAll(async () => {
  await t.close();
});

const get = (url: string) => t.app.inject({ method: 'GET', url });

async function documentWithDraft(slug: string, fields: Record<string, unknown> = {}, version: Record<string, unknown> = {}) {
  const created = await editor.request('POST', '/api/v1/documents', {
    kind: 'policy',
    slug,
    titleAr: 'سياسة التطوع',
    titleEn: 'Volunteer policy',
    ...fields,
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  const drafted = await editor.request('POST', `/api/v1/documents/${id}/versions`, { bodyAr: 'نص السياسة', ...APPROVAL, ...version });
  expect(drafted.statusCode, drafted.body).toBe(201);
  return { id, versionId: drafted.json().versions[0].id as string };
}

const publish = async (id: string, versionId: string) =>
  expect((await editor.request('POST', `/api/v1/documents/${id}/versions/${versionId}/publish`)).statusCode).toBe(200);

describe(`public document library [${ENGINE}]`, () => {
  it('B3, issue 26 §1: a draft answers 404; once published it is listed by kind and shown in Arabic, with an English switch', async () => {
    const { id, versionId } = await documentWithDraft(
      'volunteer-policy',
      {},
      { bodyEn: 'The policy text', changeSummaryAr: 'الإصدار الأول' },
    );
    expect((await get('/documents/volunteer-policy')).statusCode).toBe(404);
    expect((await get('/documents/volunteer-policy/v/1')).statusCode).toBe(404);
    expect((await get('/documents')).body).not.toContain('volunteer-policy');

    await publish(id, versionId);
    const list = await get('/documents');
    expect(list.statusCode).toBe(200);
    expect(list.headers['content-type']).toContain('text/html');
    expect(list.body).toContain('<html lang="ar" dir="rtl">');
    expect(list.body).toContain('href="/documents/volunteer-policy"');
    expect(list.body).toContain('سياسة التطوع');
    expect(list.body).not.toMatch(/<script/);

    const page = await get('/documents/volunteer-policy');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('النسخة النافذة');
    expect(page.body).toContain('نص السياسة');
    expect(page.body).toContain('مجلس الإدارة');
    expect(page.body).toContain('الإصدار الأول');
    const english = await get('/documents/volunteer-policy?lang=en');
    expect(english.body).toContain('<html lang="en" dir="ltr">');
    expect(english.body).toContain('Volunteer policy');
    expect(english.body).toContain('The policy text');

    // Search by either title; a search that matches nothing says so.
    expect((await get('/documents?q=volunteer')).body).toContain('href="/documents/volunteer-policy"');
    expect((await get(`/documents?q=${encodeURIComponent('التطوع')}`)).body).toContain('href="/documents/volunteer-policy"');
    expect((await get('/documents?q=nothing-like-it')).body).not.toContain('href="/documents/volunteer-policy"');

    // A new draft stays private; its number answers 404.
    const v2 = await editor.request('POST', `/api/v1/documents/${id}/versions`, { bodyAr: 'مسودة لم تُنشر' });
    expect(v2.statusCode).toBe(201);
    expect((await get('/documents/volunteer-policy/v/2')).statusCode).toBe(404);
    expect((await get('/documents/volunteer-policy')).body).not.toContain('مسودة لم تُنشر');
  });

  it('issue 26 §1: a withdrawn version answers 404, its PDF too; a later one shows its history', async () => {
    const { id, versionId } = await documentWithDraft('partners-policy', { titleAr: 'سياسة التعامل مع الشركاء' });
    const bytes = pdf('partners v1');
    const uploaded = await multipartUpload(t, editor, `/api/v1/documents/${id}/versions/${versionId}/files/ar`, {
      fields: {},
      file: { name: 'سياسة الشركاء.pdf', bytes },
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const fileUrl = `/documents/files/${sha256Hex(bytes)}.pdf`;
    expect((await get(fileUrl)).statusCode).toBe(404); // a draft's file is not public

    await publish(id, versionId);
    const file = await get(fileUrl);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toMatch(/^inline;/);
    expect(file.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.rawPayload.equals(bytes)).toBe(true);
    expect((await get('/documents/partners-policy')).body).toContain(`href="${fileUrl}"`);
    expect((await get(`/documents/files/${'0'.repeat(64)}.pdf`)).statusCode).toBe(404);

    const v2 = await editor.request('POST', `/api/v1/documents/${id}/versions`, {
      bodyAr: 'النص المعدّل',
      ...APPROVAL,
      effectiveOn: '2026-01-02',
    });
    await publish(id, v2.json().versions[0].id);
    const withHistory = await get('/documents/partners-policy');
    expect(withHistory.body).toContain('النص المعدّل');
    expect(withHistory.body).toContain('href="/documents/partners-policy/v/1"');
    expect((await get('/documents/partners-policy/v/1')).body).toContain('نسخة سابقة');

    expect((await editor.request('POST', `/api/v1/documents/${id}/versions/${versionId}/withdraw`, { reason: 'خطأ' })).statusCode).toBe(
      200,
    );
    expect((await get('/documents/partners-policy/v/1')).statusCode).toBe(404);
    expect((await get(fileUrl)).statusCode).toBe(404);
    expect((await get('/documents/partners-policy')).body).not.toContain('/documents/partners-policy/v/1');
  });

  it('issue 26 §1: a staff-only document and its PDF are not public', async () => {
    const { id, versionId } = await documentWithDraft('internal-guide', { kind: 'guide', visibility: 'staff' });
    const bytes = pdf('internal');
    await multipartUpload(t, editor, `/api/v1/documents/${id}/versions/${versionId}/files/ar`, {
      fields: {},
      file: { name: 'g.pdf', bytes },
    });
    await publish(id, versionId);
    expect((await get('/documents/internal-guide')).statusCode).toBe(404);
    expect((await get(`/documents/files/${sha256Hex(bytes)}.pdf`)).statusCode).toBe(404);
    expect((await get('/documents')).body).not.toContain('internal-guide');
  });

  it('issue 26 (bad input): script in titles, summaries and texts is shown as text on the public pages', async () => {
    const script = '<script>alert(1)</script>';
    const { id, versionId } = await documentWithDraft(
      'code-of-ethics',
      { kind: 'code-of-conduct', titleAr: `ميثاق ${script}`, titleEn: `Code "><img src=x onerror=alert(1)>` },
      { bodyAr: `## عنوان ${script}\nسطر`, changeSummaryAr: script, approvedBy: `<b>${script}</b>` },
    );
    await publish(id, versionId);
    for (const url of [
      '/documents',
      '/documents/code-of-ethics',
      '/documents/code-of-ethics?lang=en',
      `/documents?q=${encodeURIComponent(script)}`,
    ]) {
      const page = await get(url);
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).not.toContain('<script>alert');
      expect(page.body, url).not.toContain('<img src=x');
      expect(page.body, url).not.toMatch(/<script/);
    }
    expect((await get('/documents/code-of-ethics')).body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe(`Harif's default document [${ENGINE}]`, () => {
  it('issue 26 §2: the policy itself is published on a fresh install, its Arabic corrected, its English a marked summary', async () => {
    const list = await get('/documents');
    expect(list.body).toContain('href="/documents/beneficiary-relations-policy"');
    const page = await get('/documents/beneficiary-relations-policy');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('سياسة تنظيم العلاقة مع المستفيدين');
    // SPEC "Copy and facts from the seed": the corrected forms, never the typos.
    for (const right of ['الإجابة', 'وإيقاع', 'أي معلومات', 'بشكل دوري', 'التقيّد', 'لكلا الطرفين', 'الإشكالات', 'الإشراف', 'أخلاقيات'])
      expect(page.body, right).toContain(right);
    for (const wrong of [
      'اللجابة',
      'وابقاع',
      'إي معلومات',
      'بكل دوري',
      'فيما يضمن صفاء',
      'لكلا الأطراف',
      'الاشكالات',
      'الاشراف',
      'واخلاقيات',
    ])
      expect(page.body, wrong).not.toContain(wrong);
    expect(page.body).toContain('<h3>النطاق</h3>');
    const english = await get('/documents/beneficiary-relations-policy?lang=en');
    expect(english.body).toContain('Summary, not the official text');
    expect(english.body).toContain('Policy for regulating the relationship with beneficiaries');
    // Staff see it as version 1 in force, published like any other version.
    const detail = await editor.request('GET', '/api/v1/documents?q=beneficiary');
    expect(detail.json().items).toEqual([
      expect.objectContaining({ slug: 'beneficiary-relations-policy', kind: 'policy', inForce: { number: 1, effectiveOn: '2026-01-01' } }),
    ]);
  });
});
