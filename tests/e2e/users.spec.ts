import { copy } from './support/copy.js';
import { expect, serveSilaForThisFile, test } from './support/fixtures.js';
import { changeFirstPassword, expectHome, field, firstAdministratorSignIn, signIn } from './support/journeys.js';

serveSilaForThisFile();

const MARKUP_NAME = '<script>alert(1)</script> سارة';

/** The administrator's signed-in browser state, kept for the next test (a reused TOTP step would be refused). */
let adminState: Awaited<ReturnType<import('@playwright/test').BrowserContext['storageState']>> | undefined;

test('an administrator creates a user with roles and a scope; that user signs in with the one-time password and changes it', async ({
  page,
  browser,
  sila,
}) => {
  let sawDialog = false;
  page.on('dialog', (dialog) => {
    sawDialog = true;
    void dialog.dismiss();
  });
  await firstAdministratorSignIn(page, sila.admin);

  await page.getByRole('link', { name: copy('shell.users') }).click();
  await expect(page.getByRole('heading', { level: 1, name: copy('users.title') })).toBeVisible();
  await page.getByRole('link', { name: copy('users.add') }).click();
  await expect(page.getByRole('heading', { level: 1, name: copy('users.newTitle') })).toBeVisible();

  // Nothing chosen: the fields say what is missing, under each input.
  await page.getByRole('button', { name: copy('users.create') }).click();
  await expect(page.getByText(copy('errors.roles.required'))).toBeVisible();
  await expect(page.getByText(copy('errors.username.format'))).toBeVisible();

  await field(page, 'users.displayName').fill(MARKUP_NAME);
  await field(page, 'users.username').fill('sara.reception');
  await page.getByRole('checkbox', { name: copy('roles.reception') }).check();
  await page.getByRole('checkbox', { name: copy('roles.contact-officer') }).check();
  await page.getByRole('combobox', { name: copy('users.offices') }).click();
  const firstOffice = page.getByRole('option').first();
  const officeName = (await firstOffice.textContent()) ?? '';
  await firstOffice.click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: copy('users.create') }).click();

  const dialog = page.getByRole('dialog', { name: copy('oneTime.title') });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText('sara.reception')).toBeVisible();
  await expect(dialog.getByRole('button', { name: copy('oneTime.copy') })).toBeVisible();
  const oneTimePassword = ((await dialog.getByTestId('one-time-password').textContent()) ?? '').trim();
  expect(oneTimePassword.length).toBeGreaterThanOrEqual(12);
  await dialog.getByRole('button', { name: copy('oneTime.done') }).click();

  // The edit page: the typed markup is shown as text, the scope as chosen.
  await expect(page.getByRole('heading', { level: 1, name: copy('users.editTitle') })).toBeVisible();
  await expect(field(page, 'users.displayName')).toHaveValue(MARKUP_NAME);
  await expect(page.locator('#main').getByText(officeName, { exact: true })).toBeVisible();

  await page.getByRole('link', { name: copy('users.backToList') }).click();
  await expect(page.getByRole('link', { name: MARKUP_NAME })).toBeVisible();
  await expect(page.locator('script', { hasText: 'alert(1)' })).toHaveCount(0);

  // Search narrows the list; a search that finds nobody shows the empty state.
  await field(page, 'users.search').fill('لا أحد بهذا الاسم');
  await expect(page.getByText(copy('users.empty'))).toBeVisible();
  await field(page, 'users.search').fill('sara');
  await expect(page.getByRole('link', { name: MARKUP_NAME })).toBeVisible();

  // The new user, on another browser: one-time password → own password → home (no authenticator required for these roles).
  const staffContext = await browser.newContext({ baseURL: sila.url });
  const staffPage = await staffContext.newPage();
  staffPage.on('dialog', (d) => {
    sawDialog = true;
    void d.dismiss();
  });
  await signIn(staffPage, 'sara.reception', oneTimePassword);
  await changeFirstPassword(staffPage, oneTimePassword, 'ضوء القمر على البحر');
  await expectHome(staffPage, MARKUP_NAME);
  await expect(staffPage.getByText(copy('roles.reception'), { exact: true })).toBeVisible();
  await expect(staffPage.getByRole('link', { name: copy('shell.users') })).toHaveCount(0);
  await expect(staffPage.getByRole('link', { name: copy('shell.settings'), exact: true })).toHaveCount(0);

  // Deactivated while signed in: the next request sends them back to sign-in.
  await page.getByRole('link', { name: MARKUP_NAME }).click();
  await page.getByRole('button', { name: copy('users.deactivate') }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: copy('users.deactivate') })
    .click();
  await expect(page.getByText(copy('users.deactivated', { name: MARKUP_NAME }))).toBeVisible();
  await staffPage
    .getByRole('link', { name: copy('shell.account') })
    .first()
    .click();
  await expect(staffPage.getByRole('heading', { name: copy('auth.signIn.title') })).toBeVisible();

  // Reactivated and reset: a new one-time password, shown once.
  await page.getByRole('button', { name: copy('users.reactivate') }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: copy('users.reactivate') })
    .click();
  await expect(page.getByText(copy('users.reactivated', { name: MARKUP_NAME }))).toBeVisible();
  await page.getByRole('button', { name: copy('users.reset') }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: copy('users.reset') })
    .click();
  await expect(page.getByRole('dialog', { name: copy('oneTime.title') }).getByTestId('one-time-password')).not.toHaveText(oneTimePassword);

  expect(sawDialog).toBe(false);
  await staffContext.close();
  adminState = await page.context().storageState();
});

test('HR sees users read-only, and the last administrator cannot lose the role', async ({ browser, sila }) => {
  const adminContext = await browser.newContext({ baseURL: sila.url, storageState: adminState });
  const admin = await adminContext.newPage();
  await admin.goto('/staff/users/new');
  await field(admin, 'users.displayName').fill('هناء الموارد');
  await field(admin, 'users.username').fill('hana.hr');
  await admin.getByRole('checkbox', { name: copy('roles.hr') }).check();
  await admin.getByRole('button', { name: copy('users.create') }).click();
  const oneTimePassword = ((await admin.getByTestId('one-time-password').textContent()) ?? '').trim();
  await admin.getByRole('button', { name: copy('oneTime.done') }).click();

  const hrContext = await browser.newContext({ baseURL: sila.url });
  const hr = await hrContext.newPage();
  await signIn(hr, 'hana.hr', oneTimePassword);
  await changeFirstPassword(hr, oneTimePassword, 'حديقة الياسمين في الربيع');
  await expectHome(hr, 'هناء الموارد');
  // The menu's link (issue 27 §6: the home page lists the same pages).
  await hr
    .getByRole('navigation')
    .getByRole('link', { name: copy('shell.users') })
    .click();
  await expect(hr.getByText(copy('users.readOnly'))).toBeVisible();
  await expect(hr.getByRole('link', { name: copy('users.add') })).toHaveCount(0);
  await expect(hr.getByRole('link', { name: copy('shell.settings'), exact: true })).toHaveCount(0);
  await hr.getByRole('link', { name: 'مدير النظام' }).click();
  await expect(hr.getByRole('heading', { level: 1, name: copy('users.viewTitle') })).toBeVisible();
  await expect(field(hr, 'users.displayName')).toBeDisabled();
  await expect(hr.getByRole('button', { name: copy('users.reset') })).toHaveCount(0);
  await expect(hr.getByRole('button', { name: copy('users.saveChanges') })).toHaveCount(0);

  // The administrator's own account: no deactivate button, and the role cannot go while no other administrator exists.
  await admin.goto('/staff/users');
  await admin.getByRole('link', { name: 'مدير النظام' }).click();
  await expect(admin.getByRole('button', { name: copy('users.deactivate') })).toHaveCount(0);
  await admin.getByRole('checkbox', { name: copy('roles.administrator') }).uncheck();
  await admin.getByRole('checkbox', { name: copy('roles.management') }).check();
  await admin.getByRole('button', { name: copy('users.saveChanges') }).click();
  await expect(admin.getByRole('alert')).toContainText(copy('errors.staff.last-administrator'));

  await hrContext.close();
  await adminContext.close();
});
