import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { copy } from './support/copy.js';
import { expect, serveSilaForThisFile, test } from './support/fixtures.js';
import { changeFirstPassword, field, firstAdministratorSignIn, signIn } from './support/journeys.js';

/**
 * Screenshots of the main screens in Arabic and English, desktop and 360 px, for people to look at
 * (not compared automatically). Run with `SILA_SHOTS=/tmp/sila-shots npx playwright test screenshots`.
 */
const SHOTS = process.env.SILA_SHOTS;
test.skip(!SHOTS, 'set SILA_SHOTS to a directory to take screenshots');
serveSilaForThisFile();
test.setTimeout(600_000);

const VIEWPORTS = { desktop: { width: 1280, height: 860 }, phone: { width: 360, height: 740 } } as const;
type Language = 'ar' | 'en';
type Viewport = keyof typeof VIEWPORTS;

async function shoot(page: Page, name: string, language: Language, viewport: Viewport): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${SHOTS}/${name}-${language}-${viewport}.png`, fullPage: true });
}

async function contextFor(
  browser: Browser,
  baseURL: string,
  viewport: Viewport,
  storageState?: Awaited<ReturnType<BrowserContext['storageState']>>,
) {
  return browser.newContext({
    baseURL,
    viewport: VIEWPORTS[viewport],
    storageState,
    isMobile: viewport === 'phone',
    hasTouch: viewport === 'phone',
  });
}

async function switchLanguage(page: Page, language: Language): Promise<void> {
  const current = await page.locator('html').getAttribute('lang');
  if (current !== language) await page.getByRole('button', { name: language === 'en' ? 'English' : 'العربية' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

test('screenshots of the main screens', async ({ browser, page, sila }) => {
  mkdirSync(SHOTS as string, { recursive: true });
  await firstAdministratorSignIn(page, sila.admin);
  const admin = await page.context().storageState();

  // Accounts waiting at the signing-in steps (administrators must set up an authenticator).
  const waiting: Record<string, string> = {};
  await page.goto('/staff/users/new');
  for (const [index, key] of ['ar-desktop', 'ar-phone', 'en-desktop', 'en-phone'].entries()) {
    await page.goto('/staff/users/new');
    await field(page, 'users.displayName').fill(`نورة العتيبي ${index + 1}`);
    await field(page, 'users.username').fill(`noura${index + 1}`);
    await page.getByRole('checkbox', { name: copy('roles.administrator') }).check();
    await page.getByRole('button', { name: copy('users.create') }).click();
    waiting[key] = ((await page.getByTestId('one-time-password').textContent()) ?? '').trim();
    await page.getByRole('button', { name: copy('oneTime.done') }).click();
    await expect(page.getByRole('heading', { level: 1, name: copy('users.editTitle') })).toBeVisible();
  }

  for (const language of ['ar', 'en'] as const) {
    for (const viewport of ['desktop', 'phone'] as const) {
      const guest = await contextFor(browser, sila.url, viewport);
      const visitor = await guest.newPage();
      await visitor.goto(`/?lang=${language}`);
      await shoot(visitor, '01-public-home', language, viewport);
      await visitor.goto('/staff');
      await switchLanguage(visitor, language);
      await shoot(visitor, '02-sign-in', language, viewport);
      const key = `${language}-${viewport}`;
      const index = ['ar-desktop', 'ar-phone', 'en-desktop', 'en-phone'].indexOf(key) + 1;
      await signIn(visitor, `noura${index}`, waiting[key] as string, language);
      await expect(visitor.getByRole('heading', { name: copy('auth.firstPassword.title', {}, language) })).toBeVisible();
      await shoot(visitor, '03-password-change', language, viewport);
      await changeFirstPassword(visitor, waiting[key] as string, undefined, language);
      await expect(visitor.getByTestId('totp-secret')).toBeVisible();
      await shoot(visitor, '04-enrolment', language, viewport);
      await guest.close();

      const staff = await contextFor(browser, sila.url, viewport, admin);
      const staffPage = await staff.newPage();
      await staffPage.goto('/staff');
      await switchLanguage(staffPage, language);
      await shoot(staffPage, '05-home', language, viewport);
      if (viewport === 'phone') {
        await staffPage.getByRole('button', { name: copy('shell.openMenu', {}, language) }).click();
        await shoot(staffPage, '05-home-menu', language, viewport);
        await staffPage.getByRole('button', { name: copy('shell.closeMenu', {}, language) }).click();
      }
      await staffPage.goto('/staff/users?status=all');
      await expect(staffPage.getByRole('link', { name: 'نورة العتيبي 1' })).toBeVisible();
      await shoot(staffPage, '06-users', language, viewport);
      await staffPage.goto('/staff/users/new');
      await staffPage.getByRole('button', { name: copy('users.create', {}, language) }).click();
      await shoot(staffPage, '07-user-form', language, viewport);
      await staffPage.goto('/staff/users');
      await staffPage.getByRole('link', { name: 'نورة العتيبي 1' }).click();
      await expect(staffPage.getByRole('heading', { level: 1, name: copy('users.editTitle', {}, language) })).toBeVisible();
      await shoot(staffPage, '08-user-edit', language, viewport);
      await staffPage.getByRole('button', { name: copy('users.reset', {}, language) }).click();
      await staffPage
        .getByRole('dialog')
        .getByRole('button', { name: copy('users.reset', {}, language) })
        .click();
      await expect(staffPage.getByTestId('one-time-password')).toBeVisible();
      await shoot(staffPage, '09-one-time-password', language, viewport);
      await staffPage.goto('/staff/settings');
      await expect(field(staffPage, 'settings.nameAr', {}, language)).toBeVisible();
      await shoot(staffPage, '10-settings-association', language, viewport);
      await staffPage.goto('/staff/settings?tab=security');
      await shoot(staffPage, '11-settings-security', language, viewport);
      await staffPage.goto('/staff/settings?tab=offices');
      await shoot(staffPage, '12-settings-offices', language, viewport);
      await staffPage.goto('/staff/account');
      await shoot(staffPage, '13-account', language, viewport);
      await switchLanguage(staffPage, 'ar');
      await staff.close();
    }
  }
});
