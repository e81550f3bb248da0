import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator } from '@playwright/test';
import { SESSION_COOKIE } from '../../src/platform/http/auth-plugin.js';
import { expectNoSeriousViolations } from './support/axe.js';
import { expect, serveSilaForThisFile, test } from './support/fixtures.js';
import { escapeRegExp } from './support/requests.js';
import { shot } from './support/shots.js';
import { staffWithSession } from './support/staff.js';

/**
 * Issue 26 §1 in Arabic (B1–B4): a documents editor creates the volunteer policy in the staff app,
 * writes its first version, attaches its PDF and publishes it → a visitor on a 360 px phone finds it
 * at /documents, reads the version in force and opens its PDF. axe with no serious or critical
 * violations on the staff screens and the public pages.
 */
serveSilaForThisFile();
test.describe.configure({ timeout: 240_000 });

type Texts = { [key: string]: string | Texts };
const ar = JSON.parse(readFileSync(path.resolve('src/web/documents/i18n/ar.json'), 'utf8')) as Texts;
function k(key: string): string {
  let node: string | Texts | undefined = ar;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`No text ${key}`);
  return node;
}
const labelled = (within: Locator, label: string) => within.getByLabel(new RegExp(`^${escapeRegExp(label)}( \\*)?$`));
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const TITLE = 'سياسة إدارة التطوع';

test('an editor publishes a new document version; a visitor at 360 px reads it at /documents', async ({ browser, sila }) => {
  const editor = await staffWithSession(sila.ctx, 'هند محرّرة الوثائق', ['documents-editor']);
  const staff = await browser.newContext({ baseURL: sila.url, locale: 'ar-SA', timezoneId: 'Asia/Riyadh' });
  await staff.addCookies([{ name: SESSION_COOKIE, value: editor.token, url: sila.url }]);
  const page = await staff.newPage();

  // The editor's menu has the library; the seeded policy is already in force there.
  await page.goto('/staff/documents');
  await expect(page.getByRole('heading', { level: 1, name: k('list.title') })).toBeVisible();
  await expect(page.getByTestId('document-row').filter({ hasText: 'سياسة تنظيم العلاقة مع المستفيدين' }).first()).toBeVisible();
  await expectNoSeriousViolations(page, 'documents worklist');

  await page.getByRole('link', { name: k('list.new') }).click();
  const main = page.getByRole('main');
  await labelled(main, k('form.kind')).click();
  await page.getByRole('option', { name: 'سياسة', exact: true }).click();
  await labelled(main, k('form.titleAr')).fill(TITLE);
  await labelled(main, k('form.titleEn')).fill('Volunteer management policy');
  await labelled(main, k('form.slug')).fill('volunteer-policy');
  await expectNoSeriousViolations(page, 'new document form');
  await main.getByRole('button', { name: k('form.create') }).click();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();

  await page.getByRole('button', { name: k('detail.addVersion') }).click();
  const draft = page.getByTestId('document-version');
  await expect(draft).toHaveAttribute('data-status', 'draft');
  await labelled(draft, k('version.bodyAr')).fill('## الغرض\nتنظم هذه السياسة استقطاب المتطوعين وتدريبهم وتقدير جهودهم.');
  await labelled(draft, k('version.effectiveOn')).fill('2026-01-01');
  await labelled(draft, k('version.approvedBy')).fill('مجلس الإدارة');
  await labelled(draft, k('version.approvedOn')).fill('2025-12-15');
  await labelled(draft, k('version.changeSummaryAr')).fill('الإصدار الأول من السياسة');
  await draft.getByRole('button', { name: k('version.save') }).click();
  await expect(page.getByText(k('version.saved'))).toBeVisible();
  const chooser = page.waitForEvent('filechooser');
  await draft.getByLabel(k('version.fileAr')).click();
  await (await chooser).setFiles({ name: 'سياسة التطوع.pdf', mimeType: 'application/pdf', buffer: PDF });
  await draft
    .getByRole('button', { name: k('version.upload') })
    .first()
    .click();
  await expect(page.getByText(k('version.uploaded'))).toBeVisible();
  await expectNoSeriousViolations(page, 'document page with its draft');
  await shot(page, 'documents-draft-1280', { fullPage: true });

  await draft.getByRole('button', { name: k('version.publish') }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: k('version.publish') })
    .click();
  await expect(page.getByText(k('version.published'))).toBeVisible();
  await expect(page.getByTestId('document-version')).toHaveAttribute('data-status', 'published');
  await staff.close();

  // A visitor on a phone, without an account.
  const phone = await browser.newContext({ baseURL: sila.url, locale: 'ar-SA', viewport: { width: 360, height: 780 } });
  const visitor = await phone.newPage();
  await visitor.goto('/documents');
  await expect(visitor.locator('html')).toHaveAttribute('dir', 'rtl');
  await expectNoSeriousViolations(visitor, 'public library at 360 px');
  await shot(visitor, 'documents-public-list-360', { fullPage: true });
  await visitor.getByLabel('ابحث في عناوين الوثائق').fill('التطوع');
  await visitor.getByRole('button', { name: 'بحث' }).click();
  await visitor.getByRole('link', { name: TITLE }).click();
  await expect(visitor.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await expect(visitor.getByText('النسخة النافذة · النسخة 1')).toBeVisible();
  await expect(visitor.getByText('تنظم هذه السياسة استقطاب المتطوعين')).toBeVisible();
  await expect(visitor.getByText('مجلس الإدارة').first()).toBeVisible();
  // Nothing wider than the phone.
  expect(await visitor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectNoSeriousViolations(visitor, 'public document page at 360 px');
  await shot(visitor, 'documents-public-page-360', { fullPage: true });
  const pdfHref = await visitor.getByRole('link', { name: 'تنزيل الملف (PDF)' }).first().getAttribute('href');
  expect(pdfHref).toMatch(/^\/documents\/files\/[0-9a-f]{64}\.pdf$/);
  const pdf = await visitor.request.get(pdfHref as string);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-disposition']).toMatch(/^inline;/);
  await phone.close();
});
