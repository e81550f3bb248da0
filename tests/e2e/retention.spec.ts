import { SESSION_COOKIE } from '../../src/platform/http/auth-plugin.js';
import ar from '../../src/web/erasure/i18n/ar.json' with { type: 'json' };
import { expectNoSeriousViolations } from './support/axe.js';
import { expect, serveSilaForThisFile, test } from './support/fixtures.js';
import { registerFamilyAtReception } from './support/portal.js';
import { staffWithSession } from './support/staff.js';

/**
 * Issue 25 §6 in Arabic (F2): a privacy officer opens the retention screen from the menu, is told
 * that a period of 0 months is too short, saves a year for families, and the dry run lists what the
 * nightly job would anonymise now — nothing yet — without changing anything. axe finds no serious
 * or critical violation.
 */
serveSilaForThisFile();
test.describe.configure({ timeout: 120_000 });

test('F2: retention periods and the dry run, in Arabic (issue 25 §6)', async ({ browser, sila }) => {
  const officer = await staffWithSession(sila.ctx, 'ريم مسؤولة الخصوصية', ['privacy-officer']);
  await registerFamilyAtReception(sila.ctx, 'أسرة سلمان الدوسري');
  const context = await browser.newContext({ baseURL: sila.url, locale: 'ar-SA', timezoneId: 'Asia/Riyadh' });
  await context.addCookies([{ name: SESSION_COOKIE, value: officer.token, url: sila.url }]);
  const page = await context.newPage();
  await page.goto('/staff/');
  await page.getByRole('link', { name: ar.nav }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: ar.title })).toBeVisible();

  const families = page.getByLabel(ar.kinds.families);
  await families.fill('0');
  await page.getByRole('button', { name: ar.save }).click();
  await expect(page.getByText(ar.tooShort)).toBeVisible();
  await families.fill('12');
  await page.getByRole('button', { name: ar.save }).click();
  await expect(page.getByText(ar.saved)).toBeVisible();
  await expect(page.getByText(ar.tooShort)).toBeHidden();

  await page.getByRole('button', { name: ar.preview }).click();
  const preview = page.getByTestId('retention-preview');
  await expect(preview).toBeVisible();
  await expect(preview.getByRole('row', { name: new RegExp(ar.kinds.families.replace(/[()]/g, '.')) })).toContainText(/12|١٢/);
  await expect(page.getByText(ar.noRuns)).toBeVisible();
  await expectNoSeriousViolations(page, 'the retention screen');
});
