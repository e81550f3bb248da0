import { copy } from './support/copy.js';
import { expect, serveSilaForThisFile, test } from './support/fixtures.js';
import { firstAdministratorSignIn } from './support/journeys.js';

serveSilaForThisFile();

test('switching to English flips the direction, is remembered for the person, and switching back restores Arabic', async ({
  page,
  browser,
  sila,
}) => {
  const html = page.locator('html');
  await page.goto('/staff');
  await expect(html).toHaveAttribute('lang', 'ar');
  await expect(html).toHaveAttribute('dir', 'rtl');

  await firstAdministratorSignIn(page, sila.admin);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(html).toHaveAttribute('lang', 'en');
  await expect(html).toHaveAttribute('dir', 'ltr');
  await expect(page.getByRole('heading', { level: 1, name: copy('home.welcome', { name: 'مدير النظام' }, 'en') })).toBeVisible();
  await expect(page.getByRole('link', { name: copy('shell.users', {}, 'en') })).toBeVisible();

  // Remembered on the server: a reload, and a browser that never chose, both open in English.
  await page.reload();
  await expect(html).toHaveAttribute('dir', 'ltr');
  await expect(page.getByRole('link', { name: copy('shell.settings', {}, 'en'), exact: true })).toBeVisible();
  const state = await page.context().storageState();
  const other = await browser.newContext({ baseURL: sila.url, storageState: { cookies: state.cookies, origins: [] } });
  const otherPage = await other.newPage();
  await otherPage.goto('/staff/users');
  await expect(otherPage.getByRole('heading', { level: 1, name: copy('users.title', {}, 'en') })).toBeVisible();
  await expect(otherPage.locator('html')).toHaveAttribute('dir', 'ltr');
  await other.close();

  await page.getByRole('button', { name: 'العربية' }).click();
  await expect(html).toHaveAttribute('lang', 'ar');
  await expect(html).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('link', { name: copy('shell.users') })).toBeVisible();
  await page.reload();
  await expect(html).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1, name: copy('home.welcome', { name: 'مدير النظام' }) })).toBeVisible();
});

test('the public home switches language with ?lang and keeps lang and dir on <html>', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  // The body is drawn in the self-hosted Arabic face (Chromium would otherwise fall back to DejaVu).
  const family = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  expect(family).toContain('IBM Plex Sans Arabic');
  await page.getByRole('link', { name: 'العربية' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
});
