import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expectNoSeriousViolations } from './support/axe.js';
import { expect, serveSilaForThisFile, test } from './support/fixtures.js';
import { changeFirstPassword, expectHome, firstAdministratorSignIn, signIn } from './support/journeys.js';
import { createStaff } from './support/requests.js';

/**
 * C5, C6 (issue 20 §5) in Arabic: management's oversight page shows how many decided requests have
 * a decision message unsent or failed; each figure opens the requests worklist filtered so, the
 * filter named above the list and cleared by one link.
 */
serveSilaForThisFile();
test.describe.configure({ timeout: 180_000 });

type Texts = { [key: string]: string | Texts };
const load = (file: string) => JSON.parse(readFileSync(path.resolve(file), 'utf8')) as Texts;
const lookup = (texts: Texts, key: string) =>
  key.split('.').reduce<string | Texts | undefined>((node, part) => (typeof node === 'object' ? node[part] : undefined), texts) as string;
const oversight = load('src/web/oversight/i18n/ar.json');
const requests = load('src/web/requests/i18n/ar.json');

test('C5, C6: the "decisions not told" figures open the requests worklist filtered by their message', async ({ browser, sila }) => {
  const adminContext = await browser.newContext({ baseURL: sila.url });
  const admin = await adminContext.newPage();
  await firstAdministratorSignIn(admin, sila.admin);
  const manager = { username: 'nora.manager', displayName: 'نورة الإدارة', roles: ['management'] };
  const temporary = await createStaff(admin, manager);
  await adminContext.close();

  const context = await browser.newContext({ baseURL: sila.url, locale: 'ar-SA', timezoneId: 'Asia/Riyadh' });
  const page = await context.newPage();
  await signIn(page, manager.username, temporary);
  await changeFirstPassword(page, temporary, 'نخيل الأحساء وقهوة الصباح دائمًا');
  await expectHome(page, manager.displayName);

  await page.goto('/staff/oversight');
  const untold = page.getByTestId('oversight-untold');
  await expect(untold.getByRole('link', { name: `${lookup(oversight, 'decisionsUnsent')}: 0` })).toBeVisible({ timeout: 30_000 });
  await expect(untold.getByRole('link', { name: `${lookup(oversight, 'decisionsFailed')}: 0` })).toBeVisible();
  await expectNoSeriousViolations(page, 'oversight with the decisions not told');

  await untold.getByRole('link', { name: `${lookup(oversight, 'decisionsFailed')}: 0` }).click();
  await expect(page).toHaveURL(/\/staff\/requests\?list=all&message=failed$/);
  const filter = page.getByTestId('untold-filter');
  await expect(filter).toContainText(lookup(requests, 'list.untold.failed'));
  await expectNoSeriousViolations(page, 'requests filtered by an untold decision');
  await filter.getByRole('button', { name: lookup(requests, 'list.untold.clear') }).click();
  await expect(page).toHaveURL(/\/staff\/requests\?list=all$/);
  await expect(page.getByTestId('untold-filter')).toHaveCount(0);
  await context.close();
});
