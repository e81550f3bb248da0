import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from '@playwright/test';
import { SESSION_COOKIE } from '../../src/platform/http/auth-plugin.js';
import { expectNoSeriousViolations } from './support/axe.js';
import { copy } from './support/copy.js';
import { expect, serveSilaForThisFile, test } from './support/fixtures.js';
import { shot } from './support/shots.js';
import { apiAs, type Session, staffWithSession } from './support/staff.js';

/**
 * Issue 26 §4–§5 in Arabic: P-SCOPE — HR exempts a staff member with the policy that replaces this
 * one and the person leaves "not yet acknowledged"; R2 — a department head who is a receptionist
 * (not HR) opens their department's copies from the account menu and records the receipt. axe with
 * no serious or critical violations; each new screen at 360 px.
 */
serveSilaForThisFile();
test.describe.configure({ timeout: 240_000 });

type Texts = { [key: string]: string | Texts };
const read = (file: string) => JSON.parse(readFileSync(path.resolve(`src/web/acknowledgements/i18n/${file}`), 'utf8')) as Texts;
const ar = read('ar.json');
const errorsAr = read('errors.ar.json');
function k(key: string, values: Record<string, string> = {}, texts: Texts = ar): string {
  let node: string | Texts | undefined = texts;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`No text ${key}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');
}
const POLICY = 'سياسة تنظيم العلاقة مع المستفيدين';
const REPLACED_BY = '<script>window.__pwned = 1</script> لائحة المتطوعين الخاصة 2026';
const PHONE = { width: 360, height: 740 };

/** The policy's version in force asks contact officers (not HR, not reception) within 14 days. */
async function requireOfContactOfficers(sila: { url: string; ctx: Parameters<typeof staffWithSession>[0] }): Promise<string> {
  const version = await sila.ctx.db
    .selectFrom('document_versions')
    .innerJoin('documents', 'documents.id', 'document_versions.document_id')
    .select('document_versions.id')
    .where('documents.slug', '=', 'beneficiary-relations-policy')
    .where('document_versions.status', '=', 'published')
    .executeTakeFirstOrThrow();
  const admin = await staffWithSession(sila.ctx, 'منى مديرة النظام', ['administrator']);
  await apiAs(sila.url, admin)('PUT', `/api/v1/acknowledgements/requirements/${version.id}`, {
    audience: 'roles',
    roles: ['contact-officer'],
    graceDays: 14,
  });
  return version.id;
}

async function pageAs(browser: Browser, url: string, session: Session, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ baseURL: url, locale: 'ar-SA', timezoneId: 'Asia/Riyadh', viewport });
  await context.addCookies([{ name: SESSION_COOKIE, value: session.token, url }]);
  return { context, page: await context.newPage() };
}

test('P-SCOPE: HR exempts a staff member with the policy that replaces it, and they leave "not yet acknowledged"', async ({
  browser,
  sila,
}) => {
  const versionId = await requireOfContactOfficers(sila);
  const exempted = await staffWithSession(sila.ctx, 'هند ضابطة الاتصال', ['contact-officer']);
  const pending = await staffWithSession(sila.ctx, 'فهد ضابط الاتصال', ['contact-officer']);
  const hr = await staffWithSession(sila.ctx, 'ريم الموارد البشرية', ['hr']);

  const { context, page } = await pageAs(browser, sila.url, hr, PHONE);
  await page.goto(`/staff/acknowledgements/${versionId}`);
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(POLICY) })).toBeVisible();
  const member = (name: string) => page.getByTestId('acknowledgement-member').filter({ hasText: name });
  await expect(member(exempted.displayName)).toHaveAttribute('data-state', 'pending');
  // The one line under the members that names who has not acknowledged yet.
  const remainingLine = page.getByText(new RegExp(`^${k('hr.remaining')}: `));
  await expect(remainingLine).toContainText(exempted.displayName);

  const panel = page.getByRole('region', { name: k('exemptions.title') });
  await expect(panel).toContainText(k('exemptions.empty'));
  // Nothing chosen, nothing typed: each field says what it needs, in Arabic.
  await panel.getByRole('button', { name: k('exemptions.save') }).click();
  await expect(panel.getByText(k('exemption.one-person', {}, errorsAr))).toBeVisible();
  await expect(panel.getByText(copy('errors.field.requiredNamed', { field: k('exemptions.replacedBy') }))).toBeVisible();

  await panel.getByRole('combobox', { name: k('exemptions.person') }).click();
  await page.getByRole('option', { name: exempted.displayName }).click();
  await panel.getByRole('textbox', { name: k('exemptions.replacedBy') }).fill(REPLACED_BY);
  await expectNoSeriousViolations(page, 'exemptions panel with its form filled');
  await panel.getByRole('button', { name: k('exemptions.save') }).click();
  await expect(page.getByText(k('exemptions.saved'))).toBeVisible();

  // Listed with the replacing policy shown as text (never run), who recorded it; gone from "not yet".
  const item = panel.getByTestId('acknowledgement-exemption');
  await expect(item).toContainText(exempted.displayName);
  await expect(item).toContainText(REPLACED_BY);
  await expect(item).toContainText(hr.displayName);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(member(exempted.displayName)).toHaveAttribute('data-state', 'exempt');
  await expect(member(pending.displayName)).toHaveAttribute('data-state', 'pending');
  await expect(remainingLine).not.toContainText(exempted.displayName);
  await expect(remainingLine).toContainText(pending.displayName);
  await expect(page.getByText(k('hr.counts', { acknowledged: '0', required: '1', pending: '1' }))).toBeVisible();
  await expectNoSeriousViolations(page, 'version page with an exemption');
  await item.scrollIntoViewIfNeeded();
  await shot(panel, 'acknowledgement-exemptions-360');

  // The exempt person is not asked at sign-in.
  const asked = await apiAs(sila.url, exempted)<{ items: Array<{ versionId: string }> }>('GET', '/api/v1/acknowledgements/mine');
  expect(asked.items.map((i) => i.versionId)).not.toContain(versionId);
  await context.close();
});

test('R2: a department head who is a receptionist opens their copies from the account menu and records the receipt', async ({
  browser,
  sila,
}) => {
  await requireOfContactOfficers(sila);
  const head = await staffWithSession(sila.ctx, 'نورة رئيسة الاستقبال', ['reception']);
  const notHead = await staffWithSession(sila.ctx, 'سلمان موظف الاستقبال', ['reception']);
  const admin = await staffWithSession(sila.ctx, 'منى مديرة النظام', ['administrator']);
  await apiAs(sila.url, admin)('POST', '/api/v1/staff/departments', {
    nameAr: 'إدارة الاستقبال',
    nameEn: 'Reception',
    headUserId: head.userId,
  });

  // Someone who heads nothing does not see the item.
  const other = await pageAs(browser, sila.url, notHead);
  await other.page.goto('/staff');
  await other.page.getByRole('button', { name: copy('shell.accountMenu', { name: notHead.displayName }) }).click();
  await expect(other.page.getByRole('menuitem', { name: copy('shell.account') })).toBeVisible();
  await expect(other.page.getByRole('menuitem', { name: k('departmentCopies.nav') })).toHaveCount(0);
  await other.context.close();

  const { context, page } = await pageAs(browser, sila.url, head, PHONE);
  await page.goto('/staff');
  await page.getByRole('button', { name: copy('shell.accountMenu', { name: head.displayName }) }).click();
  await page.getByRole('menuitem', { name: k('departmentCopies.nav') }).click();
  await expect(page.getByRole('heading', { level: 1, name: k('departmentCopies.title') })).toBeVisible();
  const department = page.getByRole('region', { name: 'إدارة الاستقبال' });
  const copyItem = department.getByTestId('department-copy').filter({ hasText: POLICY });
  await expect(copyItem).toHaveAttribute('data-state', 'pending');
  await expect(copyItem).toContainText(k('departmentCopies.notReceived'));
  await expectNoSeriousViolations(page, 'department copies before the receipt');
  await copyItem.getByRole('button', { name: k('departmentCopies.recordLabel', { title: POLICY, department: 'إدارة الاستقبال' }) }).click();
  await expect(page.getByText(k('departmentCopies.recorded'))).toBeVisible();
  await expect(copyItem).toHaveAttribute('data-state', 'received');
  await expect(copyItem).toContainText(k('departmentCopies.receivedBy', { by: head.displayName }));
  await expectNoSeriousViolations(page, 'department copies after the receipt');
  await shot(page, 'acknowledgement-department-copies-360', { fullPage: true });
  const receipt = await sila.ctx.db.selectFrom('department_receipts').select(['received_by']).executeTakeFirstOrThrow();
  expect(receipt.received_by).toBe(head.userId);
  await context.close();
});
