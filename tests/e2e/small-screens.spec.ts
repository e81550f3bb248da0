import type { Page } from '@playwright/test';
import { copy } from './support/copy.js';
import { expect, serveSilaForThisFile, test } from './support/fixtures.js';
import { firstAdministratorSignIn } from './support/journeys.js';

serveSilaForThisFile();
test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });

async function expectNoHorizontalScroll(page: Page, where: string): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `${where}: the page is ${scrollWidth}px wide in a ${clientWidth}px window`).toBeLessThanOrEqual(clientWidth);
}

test('at 360 px the public home has no horizontal scroll, in Arabic and English', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoHorizontalScroll(page, 'public home (ar)');
  await page.goto('/?lang=en');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expectNoHorizontalScroll(page, 'public home (en)');
});

test('at 360 px the staff app fits: navigation in a drawer, wide tables scroll inside their box', async ({ page, sila }) => {
  await page.goto('/staff');
  await expect(page.getByRole('heading', { name: copy('auth.signIn.title') })).toBeVisible();
  await expectNoHorizontalScroll(page, 'sign-in');
  await firstAdministratorSignIn(page, sila.admin);
  await expectNoHorizontalScroll(page, 'home');

  const users = page.getByRole('link', { name: copy('shell.users') });
  await expect(users).not.toBeInViewport();
  await page.getByRole('button', { name: copy('shell.openMenu') }).click();
  await users.click();
  await expect(page.getByRole('heading', { level: 1, name: copy('users.title') })).toBeVisible();
  await expect(users).not.toBeInViewport();
  await expectNoHorizontalScroll(page, 'users');

  await page.getByRole('link', { name: copy('users.add') }).click();
  await expect(page.getByRole('heading', { level: 1, name: copy('users.newTitle') })).toBeVisible();
  await expectNoHorizontalScroll(page, 'user form');

  await page.goto('/staff/settings?tab=offices');
  await expect(page.getByRole('tabpanel')).toBeVisible();
  await expectNoHorizontalScroll(page, 'settings: offices');

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await page.goto('/staff');
  await expectNoHorizontalScroll(page, 'home (en)');
  await page.getByRole('button', { name: 'العربية' }).click();
});
