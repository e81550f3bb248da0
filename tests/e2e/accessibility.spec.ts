import type { Browser, BrowserContext } from '@playwright/test';
import { expectNoSeriousViolations } from './support/axe.js';
import { copy } from './support/copy.js';
import { expect, serveSilaForThisFile, test } from './support/fixtures.js';
import { changeFirstPassword, enrolAuthenticator, expectHome, field, signIn } from './support/journeys.js';

serveSilaForThisFile();

let signedIn: BrowserContext | null = null;

async function freshContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL, locale: 'ar-SA', timezoneId: 'Asia/Riyadh' });
}

test('the public home has no serious or critical accessibility violations, in Arabic and English', async ({ browser, sila }) => {
  const context = await freshContext(browser, sila.url);
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoSeriousViolations(page, 'public home (ar)');
  await page.goto('/?lang=en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expectNoSeriousViolations(page, 'public home (en)');
  await context.close();
});

test('the signing-in screens have no serious or critical accessibility violations', async ({ browser, sila }) => {
  const context = await freshContext(browser, sila.url);
  const page = await context.newPage();
  await page.goto('/staff');
  await expect(page.getByRole('heading', { name: copy('auth.signIn.title') })).toBeVisible();
  await expectNoSeriousViolations(page, 'sign-in');

  await signIn(page, sila.admin.username, 'wrong password');
  await expect(page.getByRole('alert')).toBeVisible();
  await expectNoSeriousViolations(page, 'sign-in with an error');

  await signIn(page, sila.admin.username, sila.admin.oneTimePassword);
  await expect(page.getByRole('heading', { name: copy('auth.firstPassword.title') })).toBeVisible();
  await expectNoSeriousViolations(page, 'first-sign-in password change');

  await changeFirstPassword(page, sila.admin.oneTimePassword);
  await expect(page.getByTestId('totp-secret')).toBeVisible();
  await expectNoSeriousViolations(page, 'authenticator enrolment');

  await enrolAuthenticator(page);
  await expectHome(page, 'مدير النظام');
  signedIn = context;
});

async function signedInPage() {
  if (!signedIn) throw new Error('The signing-in test must run first');
  return signedIn.newPage();
}

test('home and the users list have no serious or critical accessibility violations', async () => {
  const page = await signedInPage();
  await page.goto('/staff');
  await expectHome(page, 'مدير النظام');
  await expectNoSeriousViolations(page, 'home');

  await page.goto('/staff/users');
  await expect(page.getByRole('link', { name: 'مدير النظام' })).toBeVisible();
  await expectNoSeriousViolations(page, 'users');

  await page.goto('/staff/users?q=nobody-by-this-name');
  await expect(page.getByText(copy('users.empty'))).toBeVisible();
  await expectNoSeriousViolations(page, 'users, empty');
  await page.close();
});

/**
 * Text contrast of an element as it is painted now: its colour against the first opaque background
 * behind it (translucent layers blended over what is under them). axe does not hover, so hover states
 * are measured here.
 */
async function contrastNow(locator: import('@playwright/test').Locator): Promise<number> {
  return locator.evaluate((element) => {
    const parse = (value: string): number[] => {
      const match = value.match(/rgba?\(([^)]+)\)/);
      if (!match?.[1]) throw new Error(`Unreadable colour ${value}`);
      const parts = match[1]
        .split(/[ ,/]+/)
        .filter(Boolean)
        .map(Number);
      return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
    };
    const layers: number[][] = [];
    for (let node: Element | null = element; node; node = node.parentElement) {
      const background = parse(getComputedStyle(node).backgroundColor);
      if ((background[3] ?? 0) > 0) layers.push(background);
      if ((background[3] ?? 0) >= 1) break;
    }
    let under = [255, 255, 255];
    for (const layer of layers.reverse()) {
      const alpha = layer[3] ?? 1;
      under = under.map((c, i) => (layer[i] ?? 0) * alpha + c * (1 - alpha));
    }
    const luminance = (rgb: number[]) => {
      const [r, g, b] = rgb.map((c) => {
        const v = c / 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
    };
    const [a, b] = [luminance(parse(getComputedStyle(element).color)), luminance(under)].sort((x, y) => y - x);
    return ((a ?? 0) + 0.05) / ((b ?? 0) + 0.05);
  });
}

test('hover states of the navigation and the buttons keep text at 4.5:1 or more (WCAG 1.4.3)', async () => {
  const page = await signedInPage();
  await page.goto('/staff/users');
  await expect(page.getByRole('link', { name: 'مدير النظام' })).toBeVisible();
  const measured: string[] = [];
  const check = async (name: string, locator: import('@playwright/test').Locator) => {
    await locator.hover();
    await page.waitForTimeout(250); // past the colour transitions
    const ratio = await contrastNow(locator);
    measured.push(`${name}: ${ratio.toFixed(2)}`);
    expect(ratio, `${name} on hover`).toBeGreaterThanOrEqual(4.5);
  };
  const nav = page.getByRole('navigation').getByRole('link');
  expect(await nav.count()).toBeGreaterThan(1);
  await check('the current page’s link', page.getByRole('navigation').locator('a[aria-current="page"]'));
  for (const link of await nav.all()) await check(`link ${(await link.textContent()) ?? ''}`, link);
  // The primary (filled) button, the light one and a subtle one.
  await check('primary button', page.getByRole('link', { name: copy('users.add') }));
  // A light button (the contact-officer register's "add" in a cell).
  await page.goto('/staff/contact-officers');
  await check('light button', page.locator('[data-cell="productive-family|training"] button'));
  console.log(measured.join('\n'));
  await page.close();
});

test('the user form, the one-time password and the confirmations have no serious or critical accessibility violations', async () => {
  const page = await signedInPage();
  await page.goto('/staff/users/new');
  await expect(page.getByRole('heading', { level: 1, name: copy('users.newTitle') })).toBeVisible();
  await expectNoSeriousViolations(page, 'user form');
  await page.getByRole('button', { name: copy('users.create') }).click();
  await expect(page.getByText(copy('errors.roles.required'))).toBeVisible();
  await expectNoSeriousViolations(page, 'user form with errors');

  await field(page, 'users.displayName').fill('ريم الاستقبال');
  await field(page, 'users.username').fill('reem');
  await page.getByRole('checkbox', { name: copy('roles.reception') }).check();
  await page.getByRole('button', { name: copy('users.create') }).click();
  await expect(page.getByRole('dialog', { name: copy('oneTime.title') })).toBeVisible();
  await expectNoSeriousViolations(page, 'one-time password');
  await page.getByRole('button', { name: copy('oneTime.done') }).click();
  await expect(page.getByRole('heading', { level: 1, name: copy('users.editTitle') })).toBeVisible();
  await expectNoSeriousViolations(page, 'user edit');
  await page.getByRole('button', { name: copy('users.deactivate') }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectNoSeriousViolations(page, 'deactivate confirmation');
  await page.close();
});

test('settings have no serious or critical accessibility violations', async () => {
  const page = await signedInPage();
  await page.goto('/staff/settings');
  await expect(page.getByRole('heading', { level: 1, name: copy('settings.title') })).toBeVisible();
  await expect(field(page, 'settings.nameAr')).toBeVisible();
  await expectNoSeriousViolations(page, 'settings: association');
  for (const tab of ['security', 'categories', 'domains', 'offices']) {
    await page.goto(`/staff/settings?tab=${tab}`);
    await expect(page.getByRole('tabpanel')).toBeVisible();
    await expectNoSeriousViolations(page, `settings: ${tab}`);
  }
  await page.getByRole('button', { name: copy('settings.addItem') }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectNoSeriousViolations(page, 'settings: add an office');
  await page.close();
});

test('the account page has no serious or critical accessibility violations, in Arabic and English', async () => {
  const page = await signedInPage();
  await page.goto('/staff/account');
  await expect(page.getByRole('heading', { level: 1, name: copy('account.title') })).toBeVisible();
  await expectNoSeriousViolations(page, 'account');

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expectNoSeriousViolations(page, 'account (en)');
  await page.goto('/staff/users');
  await expect(page.getByRole('heading', { level: 1, name: copy('users.title', {}, 'en') })).toBeVisible();
  await expectNoSeriousViolations(page, 'users (en)');
  await page.getByRole('button', { name: 'العربية' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await signedIn?.close();
});
