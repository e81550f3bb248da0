import { SESSION_COOKIE } from '../../src/platform/http/auth-plugin.js';
import { uuidv7 } from '../../src/platform/ids.js';
import { expectNoSeriousViolations } from './support/axe.js';
import { expect, serveSilaForThisFile, test } from './support/fixtures.js';
import { registerFamilyAtReception } from './support/portal.js';
import { shot } from './support/shots.js';
import { apiAs, staffWithSession } from './support/staff.js';

/**
 * Issue 26 §3 in Arabic (B5, C2, G2): a visitor on a 360 px phone goes from /documents to the
 * request forms, reads a type's criteria and checklist, opens its form, and printing it gives the
 * blank Arabic form — Hijri and Gregorian date lines and a blank line per checklist field, nothing
 * of the screen page. axe with no serious or critical violations on both pages.
 */
serveSilaForThisFile();
test.describe.configure({ timeout: 120_000 });

test('B5, C2, G2: a visitor at 360 px reads the request forms and prints a blank Arabic form', async ({ browser, sila }) => {
  const phone = await browser.newContext({ baseURL: sila.url, locale: 'ar-SA', viewport: { width: 360, height: 780 } });
  const page = await phone.newPage();
  await page.goto('/documents');
  await page.getByRole('link', { name: 'نماذج طلب الخدمة' }).click();

  await expect(page).toHaveURL(/\/documents\/forms$/);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1, name: 'نماذج طلب الخدمة' })).toBeVisible();
  const card = page.getByRole('article').filter({ has: page.getByRole('heading', { name: 'الالتحاق ببرنامج تدريبي' }) });
  await expect(card.getByText('أن يكون المتدرب من أفراد الأسرة ولا يقل عمره عن ١٨ سنة.')).toBeVisible();
  await expect(card.getByText('صورة الهوية الوطنية أو الإقامة')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectNoSeriousViolations(page, 'request forms at 360 px');
  await shot(page, 'documents-forms-list-360', { fullPage: true });

  await card.getByRole('link', { name: 'الالتحاق ببرنامج تدريبي', exact: true }).click();
  await expect(page).toHaveURL(/\/documents\/forms\/training-enrolment$/);
  await expect(page.getByRole('heading', { level: 1, name: 'الالتحاق ببرنامج تدريبي' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'النسخة النافذة · النسخة 1' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'سجل النسخ' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'قدّم الطلب عبر بوابة المستفيدين' })).toHaveAttribute(
    'href',
    '/portal/apply/training-enrolment',
  );
  // On the screen the blank form is not shown; the page says how to print it.
  const blank = page.locator('.blank-form');
  await expect(blank).toBeHidden();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectNoSeriousViolations(page, 'request form at 360 px');
  await shot(page, 'documents-form-360', { fullPage: true });

  // Printed: only the blank Arabic form, with both date lines and every checklist field left blank.
  await page.emulateMedia({ media: 'print' });
  await expect(blank).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'الالتحاق ببرنامج تدريبي' })).toBeHidden();
  await expect(page.locator('header.masthead')).toBeHidden();
  await expect(blank).toHaveAttribute('lang', 'ar');
  await expect(blank.getByRole('heading', { level: 1, name: 'نموذج طلب خدمة' })).toBeVisible();
  await expect(blank.getByText('نوع الطلب: الالتحاق ببرنامج تدريبي')).toBeVisible();
  for (const which of ['hijri-date', 'gregorian-date']) {
    const line = blank.locator(`[data-blank="${which}"]`).first();
    await expect(line).toBeVisible();
    for (const cell of await line.locator('.blank').all()) await expect(cell).toBeEmpty();
  }
  await expect(blank.locator('[data-blank="hijri-date"]').first()).toContainText('هـ');
  await expect(blank.locator('[data-blank="gregorian-date"]').first()).toContainText('م');
  const trainee = blank.locator('[data-blank="trainee-name"]');
  await expect(trainee).toContainText('اسم المتدرب (*)');
  await expect(trainee.locator('.blank')).toBeEmpty();
  await expect(blank.locator('[data-blank="id-copy"]')).toContainText('صورة الهوية الوطنية أو الإقامة');
  await shot(page, 'documents-form-print', { fullPage: true });
  await phone.close();
});

test('C2: a request filed before its type was edited shows, on the staff request page, the version it was filed under', async ({
  browser,
  sila,
}) => {
  const manager = await staffWithSession(sila.ctx, 'مدير الإعدادات', ['administrator']);
  const admin = apiAs(sila.url, manager);
  const desk = await staffWithSession(sila.ctx, 'هدى الاستقبال', ['reception']);
  const family = await registerFamilyAtReception(sila.ctx, 'مريم سعد القحطاني');
  const filed = await apiAs(sila.url, desk)<{ id: string; typeVersion: number }>('POST', '/api/v1/requests', {
    idempotencyKey: `form-${uuidv7()}`,
    familyId: family.id,
    typeCode: 'tools-aid',
    channel: 'letter',
    answers: {},
  });
  expect(filed.typeVersion).toBe(1);
  const type = await admin<{ version: number }>('GET', '/api/v1/settings/request-types/tools-aid');
  await admin('PUT', '/api/v1/settings/request-types/tools-aid', {
    criteriaAr: 'أسرة منتجة مسجلة منذ سنة على الأقل.',
    version: type.version,
  });

  const staff = await browser.newContext({ baseURL: sila.url, locale: 'ar-SA', timezoneId: 'Asia/Riyadh' });
  await staff.addCookies([{ name: SESSION_COOKIE, value: desk.token, url: sila.url }]);
  const page = await staff.newPage();
  await page.goto(`/staff/requests/${filed.id}`);
  const version = page.getByRole('link', { name: 'النسخة 1' });
  await expect(version).toBeVisible();
  await expect(version).toHaveAttribute('href', '/documents/forms/tools-aid');
  await expect(page.getByText('قُدِّم وفق نموذج الطلب')).toBeVisible();
  await expectNoSeriousViolations(page, 'request page with its form version');
  await staff.close();

  // The administrator sees the type's versions: who saved each and when, the one in force marked.
  const settings = await browser.newContext({ baseURL: sila.url, locale: 'ar-SA', timezoneId: 'Asia/Riyadh' });
  await settings.addCookies([{ name: SESSION_COOKIE, value: manager.token, url: sila.url }]);
  const adminPage = await settings.newPage();
  await adminPage.goto('/staff/settings/request-types/tools-aid');
  const versions = adminPage.getByTestId('request-type-versions');
  await expect(versions.getByRole('heading', { name: 'نسخ نوع الطلب' })).toBeVisible();
  await expect(versions.getByRole('row')).toHaveCount(3);
  await expect(versions.getByRole('row').nth(1)).toContainText('مدير الإعدادات');
  await expect(versions.getByRole('row').nth(1)).toContainText('النافذة');
  await expect(versions.getByRole('row').nth(2)).toContainText('النظام (النوع الافتراضي)');
  await expectNoSeriousViolations(adminPage, 'request type with its versions');
  await settings.close();
});
