import { copy } from './support/copy.js';
import { expect, serveSilaForThisFile, test } from './support/fixtures.js';
import { changeFirstPassword, field, firstAdministratorSignIn, signIn } from './support/journeys.js';

serveSilaForThisFile();
test.setTimeout(240_000);

test('an administrator edits the association, the lists of offices and who must use an authenticator', async ({ page, browser, sila }) => {
  await firstAdministratorSignIn(page, sila.admin);
  await page.getByRole('link', { name: copy('shell.settings'), exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: copy('settings.title') })).toBeVisible();

  // Association details: the header follows, and so do the colour and the digits.
  await field(page, 'settings.shortNameAr').fill('حارف الأهلية');
  await page.getByRole('combobox', { name: copy('settings.primaryColor') }).click();
  await page.getByRole('option', { name: copy('settings.colors.indigo') }).click();
  await page.getByRole('combobox', { name: copy('settings.digits') }).click();
  await page.getByRole('option', { name: copy('settings.digitsArab') }).click();
  await page.getByRole('button', { name: copy('common.save') }).click();
  await expect(page.getByText(copy('settings.associationSaved'))).toBeVisible();
  await expect(page.getByRole('banner').getByText('حارف الأهلية')).toBeVisible();
  await expect
    .poll(() => page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--mantine-primary-color-filled').trim()))
    .toMatch(/indigo|#364fc7/i);
  await page.getByRole('link', { name: copy('shell.home') }).click();
  await expect(page.getByTestId('today-gregorian')).toHaveText(/[٠-٩]/);

  // Offices: add, refuse a taken code under its field, rename, deactivate.
  await page.goto('/staff/settings?tab=offices');
  await page.getByRole('button', { name: copy('settings.addItem') }).click();
  let dialog = page.getByRole('dialog');
  await field(page, 'settings.code').fill('khafji-office');
  await field(page, 'settings.itemNameAr').fill('مكتب الخفجي');
  await field(page, 'settings.itemNameEn').fill('Khafji office');
  await dialog.getByRole('button', { name: copy('common.save') }).click();
  await expect(page.getByText(copy('settings.itemAdded', { name: 'مكتب الخفجي' }))).toBeVisible();
  await expect(page.getByRole('cell', { name: 'مكتب الخفجي', exact: true })).toBeVisible();

  await page.getByRole('button', { name: copy('settings.addItem') }).click();
  dialog = page.getByRole('dialog');
  await field(page, 'settings.code').fill('khafji-office');
  await field(page, 'settings.itemNameAr').fill('مكتب آخر');
  await field(page, 'settings.itemNameEn').fill('Another office');
  await dialog.getByRole('button', { name: copy('common.save') }).click();
  await expect(dialog.getByText(copy('errors.settings.code-taken'))).toBeVisible();
  await dialog.getByRole('button', { name: copy('common.cancel') }).click();

  await page.getByRole('button', { name: copy('settings.editItem', { name: 'مكتب الخفجي' }) }).click();
  await field(page, 'settings.itemNameAr').fill('مكتب محافظة الخفجي');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: copy('common.save') })
    .click();
  await expect(page.getByRole('cell', { name: 'مكتب محافظة الخفجي', exact: true })).toBeVisible();
  await page.getByRole('button', { name: copy('settings.deactivateItem', { name: 'مكتب محافظة الخفجي' }) }).click();
  await expect(page.getByText(copy('settings.itemDeactivated', { name: 'مكتب محافظة الخفجي' }))).toBeVisible();
  await expect(page.getByRole('button', { name: copy('settings.activateItem', { name: 'مكتب محافظة الخفجي' }) })).toBeVisible();

  // Security: reception must now use an authenticator, so a new receptionist is asked to set one up.
  await page.getByRole('tab', { name: copy('settings.tabSecurity') }).click();
  await page.getByRole('checkbox', { name: copy('roles.reception') }).check();
  await page.getByRole('button', { name: copy('common.save') }).click();
  await expect(page.getByText(copy('settings.securitySaved'))).toBeVisible();

  await page.goto('/staff/users/new');
  await field(page, 'users.displayName').fill('منيرة الاستقبال');
  await field(page, 'users.username').fill('munira');
  await page.getByRole('checkbox', { name: copy('roles.reception') }).check();
  await page.getByRole('button', { name: copy('users.create') }).click();
  const oneTimePassword = ((await page.getByTestId('one-time-password').textContent()) ?? '').trim();
  const other = await browser.newContext({ baseURL: sila.url });
  const receptionist = await other.newPage();
  await signIn(receptionist, 'munira', oneTimePassword);
  await changeFirstPassword(receptionist, oneTimePassword, 'نخيل الأحساء الباسقة');
  await expect(receptionist.getByRole('heading', { name: copy('auth.enrolment.title') })).toBeVisible();
  await other.close();
});
