import { expectNoSeriousViolations } from './support/axe.js';
import { copy } from './support/copy.js';
import { expect, serveSilaForThisFile, test } from './support/fixtures.js';
import { changeFirstPassword, expectHome, firstAdministratorSignIn, signIn } from './support/journeys.js';
import { registerFamilyAtReception } from './support/portal.js';
import { createStaff, pictures } from './support/requests.js';

/**
 * Issue 19 §4 in Arabic: a worker saves the families worklist's filters and sort under a name, sees
 * it as a tab, opens it again from a bare list, and deletes it; an administrator shares a view with
 * the reception role and the worker sees it, without a way to delete it.
 */
serveSilaForThisFile();
test.describe.configure({ timeout: 300_000 });

test('a saved view keeps a worklist’s filters and sort; an administrator shares one with a role (issue 19 §4)', async ({
  browser,
  sila,
}) => {
  const admin = await (await browser.newContext({ baseURL: sila.url, locale: 'ar-SA', timezoneId: 'Asia/Riyadh' })).newPage();
  await firstAdministratorSignIn(admin, sila.admin);
  const temporary = await createStaff(admin, { username: 'huda.views', displayName: 'هدى الاستقبال', roles: ['reception'] });
  await registerFamilyAtReception(sila.ctx, 'أسرة فهد العتيبي');

  const worker = await (await browser.newContext({ baseURL: sila.url, locale: 'ar-SA', timezoneId: 'Asia/Riyadh' })).newPage();
  await signIn(worker, 'huda.views', temporary);
  await changeFirstPassword(worker, temporary, 'شاطئ نصف القمر في المساء');
  await expectHome(worker, 'هدى الاستقبال');
  const views = worker.getByTestId('saved-views-families');

  await test.step('save the filters and sort shown now under a name; the search text is not kept', async () => {
    await worker.goto('/staff/families?originChannel=interview&sort=name-asc&q=فهد');
    await views.getByRole('button', { name: copy('savedViews.save') }).click();
    const dialog = worker.getByRole('dialog', { name: copy('savedViews.saveTitle') });
    await expect(dialog.getByText(copy('savedViews.saveHint'))).toBeVisible();
    // An empty name is refused with a readable message, in Arabic.
    await dialog.getByRole('button', { name: copy('common.save') }).click();
    await expect(dialog.getByText(copy('errors.field.required'))).toBeVisible();
    await dialog.getByLabel(new RegExp(`^${copy('savedViews.name')}`)).fill('مقابلات بالاسم');
    await expectNoSeriousViolations(worker, 'the save-view dialog');
    await dialog.getByRole('button', { name: copy('common.save') }).click();
    await expect(dialog).toBeHidden();
    const tab = views.getByRole('tab', { name: 'مقابلات بالاسم' });
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    await pictures(worker, 'saved-views-families');
  });

  await test.step('the same name twice is refused, in Arabic', async () => {
    await worker.goto('/staff/families?originChannel=letter');
    await views.getByRole('button', { name: copy('savedViews.save') }).click();
    const dialog = worker.getByRole('dialog', { name: copy('savedViews.saveTitle') });
    await dialog.getByLabel(new RegExp(`^${copy('savedViews.name')}`)).fill('مقابلات بالاسم');
    await dialog.getByRole('button', { name: copy('common.save') }).click();
    await expect(dialog.getByText(copy('errors.saved-view.name-taken'))).toBeVisible();
    await dialog.getByRole('button', { name: copy('common.cancel') }).click();
  });

  await test.step('from the bare list, the tab puts its filters and sort back', async () => {
    await worker.goto('/staff/families');
    const tab = views.getByRole('tab', { name: 'مقابلات بالاسم' });
    await expect(tab).toHaveAttribute('aria-selected', 'false');
    await tab.click();
    await expect(worker).toHaveURL(/originChannel=interview/);
    await expect(worker).toHaveURL(/sort=name-asc/);
    expect(worker.url()).not.toContain('q=');
    await expect(tab).toHaveAttribute('aria-selected', 'true');
  });

  await test.step('an administrator shares a view with reception: the worker sees it and cannot delete it', async () => {
    await admin.goto('/staff/families?sort=reference-asc');
    const adminViews = admin.getByTestId('saved-views-families');
    await adminViews.getByRole('button', { name: copy('savedViews.save') }).click();
    const dialog = admin.getByRole('dialog', { name: copy('savedViews.saveTitle') });
    await dialog.getByLabel(new RegExp(`^${copy('savedViews.name')}`)).fill('حسب المرجع');
    await dialog.getByRole('combobox', { name: copy('savedViews.shareWith') }).click({ force: true });
    await admin.getByRole('option', { name: copy('roles.reception'), exact: true }).click();
    await dialog.getByRole('button', { name: copy('common.save') }).click();
    await expect(dialog).toBeHidden();

    await worker.reload();
    const shared = views.getByRole('tab', { name: /حسب المرجع/ });
    await expect(shared).toContainText(copy('roles.reception'));
    // The worker may delete their own view, not the shared one.
    await views.getByRole('button', { name: copy('savedViews.manage') }).click();
    await expect(worker.getByRole('menuitem', { name: copy('savedViews.delete', { name: 'مقابلات بالاسم' }) })).toBeVisible();
    await expect(worker.getByRole('menuitem', { name: copy('savedViews.delete', { name: 'حسب المرجع' }) })).toHaveCount(0);
    await worker.keyboard.press('Escape');
    await expectNoSeriousViolations(worker, 'the families worklist with saved views');
  });

  await test.step('the worker deletes their own view after confirming', async () => {
    await views.getByRole('button', { name: copy('savedViews.manage') }).click();
    await worker.getByRole('menuitem', { name: copy('savedViews.delete', { name: 'مقابلات بالاسم' }) }).click();
    const confirm = worker.getByRole('dialog', { name: copy('savedViews.deleteTitle') });
    await confirm.getByRole('button', { name: copy('savedViews.deleteConfirm') }).click();
    await expect(views.getByRole('tab', { name: 'مقابلات بالاسم' })).toHaveCount(0);
    await expect(views.getByRole('tab', { name: /حسب المرجع/ })).toBeVisible();
  });

  await worker.context().close();
  await admin.context().close();
});
