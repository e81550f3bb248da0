import type { Browser } from '@playwright/test';
import { SEEDED_COMMITTEES } from '../../src/contracts/committees.js';
import { expectNoSeriousViolations } from './support/axe.js';
import { copy } from './support/copy.js';
import { expect, serveSilaForThisFile, test } from './support/fixtures.js';
import { changeFirstPassword, expectHome, firstAdministratorSignIn, signIn } from './support/journeys.js';
import { callApi, cp, pictures } from './support/requests.js';

/**
 * Issue 19 §5 in Arabic: a follow-up committee member chooses three complaints on the committee's
 * worklist and assigns them to a colleague in one go. Two were assessed and are assigned; the third
 * is still awaiting acknowledgement: it is refused with its reason and left as it was (E1).
 */
serveSilaForThisFile();
test.describe.configure({ timeout: 360_000 });

async function staffPage(browser: Browser, baseURL: string, username: string, temporary: string, name: string, password: string) {
  const page = await (await browser.newContext({ baseURL, locale: 'ar-SA', timezoneId: 'Asia/Riyadh' })).newPage();
  await signIn(page, username, temporary);
  await changeFirstPassword(page, temporary, password);
  await expectHome(page, name);
  return page;
}

test('a bulk assignment applies to the assessed complaints and refuses the one still awaiting acknowledgement (issue 19 §5)', async ({
  browser,
  sila,
}) => {
  const admin = await (await browser.newContext({ baseURL: sila.url, locale: 'ar-SA', timezoneId: 'Asia/Riyadh' })).newPage();
  await firstAdministratorSignIn(admin, sila.admin);
  const created = new Map<string, { id: string; password: string }>();
  for (const user of [
    { username: 'salma.bulk', displayName: 'سلمى الاستقبال', roles: ['reception'] },
    { username: 'khalid.bulk', displayName: 'خالد المتابعة', roles: ['follow-up-committee'] },
    { username: 'mona.bulk', displayName: 'منى المتابعة', roles: ['follow-up-committee'] },
  ]) {
    const answer = await callApi(admin, 'POST', '/api/v1/staff/users', { ...user, scope: { categories: [], domains: [], offices: [] } });
    expect(answer.status).toBe(201);
    const body = answer.body as { user: { id: string }; oneTimePassword: string };
    created.set(user.username, { id: body.user.id, password: body.oneTimePassword });
  }
  const account = (username: string) => created.get(username) as { id: string; password: string };
  const reception = account('salma.bulk').password;
  const khalid = account('khalid.bulk').password;
  const named = await callApi(admin, 'PATCH', `/api/v1/committees/${SEEDED_COMMITTEES.followUp}`, {
    memberIds: [account('khalid.bulk').id, account('mona.bulk').id],
    chairId: account('khalid.bulk').id,
    quorum: 1,
  });
  expect(named.status).toBe(200);

  const receptionist = await staffPage(browser, sila.url, 'salma.bulk', reception, 'سلمى الاستقبال', 'رمال الدهناء في الربيع');
  const complaints: { id: string; reference: string }[] = [];
  for (const description of [
    'تأخر صرف الدعم المالي للأسرة ثلاثة أشهر دون إشعار.',
    'لم يصل موعد التدريب الذي وُعدت به الأسرة في الخبر.',
    'الموظف لم يرد على اتصالات الأسرة طوال أسبوعين.',
  ]) {
    const created = await callApi(receptionist, 'POST', '/api/v1/complaints/intake', {
      kind: 'complaint',
      channel: 'fax',
      name: 'فاطمة الزهراني',
      mobile: '0559876543',
      topic: 'aid-disbursement',
      description,
    });
    expect(created.status).toBe(201);
    const { case: record } = created.body as { case: { id: string; reference: string } };
    complaints.push(record);
  }

  const member = await staffPage(browser, sila.url, 'khalid.bulk', khalid, 'خالد المتابعة', 'نخيل القطيف عند الغروب');
  // The first two are acknowledged and assessed; the third is still awaiting acknowledgement.
  for (const complaint of complaints.slice(0, 2)) {
    expect((await callApi(member, 'POST', `/api/v1/complaints/${complaint.id}/steps`, { action: 'acknowledge', via: 'sms' })).status).toBe(
      200,
    );
    const assessed = await callApi(member, 'POST', `/api/v1/complaints/${complaint.id}/steps`, {
      action: 'assess',
      severity: 'medium',
      needsImmediateAction: false,
    });
    expect(assessed.status).toBe(200);
  }
  const [first, second, waiting] = complaints as [(typeof complaints)[0], (typeof complaints)[0], (typeof complaints)[0]];

  await test.step('choose the three complaints on the committee’s worklist', async () => {
    await member.goto('/staff/complaints?tab=committee');
    for (const complaint of complaints) await expect(member.getByRole('link', { name: complaint.reference })).toBeVisible();
    await member.getByRole('checkbox', { name: copy('bulk.chooseLoaded') }).check();
    await expect(member.getByTestId('bulk-count')).toHaveText(copy('bulk.chosen_few', { formatted: '3' }));
    await expectNoSeriousViolations(member, 'the complaints worklist with rows chosen');
  });

  await test.step('assign them to a colleague: two assigned, one refused with its reason', async () => {
    await member
      .getByTestId('bulk-bar')
      .getByRole('button', { name: cp('bulk.assign') })
      .click();
    const dialog = member.getByRole('dialog', { name: cp('bulk.assignTitle', { count: '3' }) });
    await dialog.getByRole('radio', { name: 'منى المتابعة' }).check();
    await dialog.getByRole('button', { name: cp('bulk.assign') }).click();
    const run = member.getByTestId('bulk-run');
    await expect(member.getByTestId('bulk-summary')).toBeVisible();
    await expect(run.getByTestId('bulk-progress')).toHaveText(copy('bulk.progress', { done: '3', total: '3' }));
    await expect(member.getByTestId('bulk-summary')).toContainText(copy('bulk.applied', { formatted: '2' }));
    await expect(member.getByTestId('bulk-summary')).toContainText(copy('bulk.refused', { formatted: '1' }));
    const refused = member.getByTestId('bulk-refused');
    await expect(refused.getByRole('listitem')).toHaveCount(1);
    await expect(refused).toContainText(waiting.reference);
    await expectNoSeriousViolations(member, 'the bulk result');
    await pictures(member, 'bulk-assign-result');
    await member.getByTestId('bulk-close').click();
  });

  await test.step('the assigned ones show the colleague; the refused one is as it was', async () => {
    for (const complaint of [first, second]) {
      await expect(member.getByTestId('complaint-row').filter({ hasText: complaint.reference })).toContainText('منى المتابعة');
    }
    const waitingRow = member.getByTestId('complaint-row').filter({ hasText: waiting.reference });
    await expect(waitingRow).toContainText(cp('steps.received'));
    await expect(waitingRow).not.toContainText('منى المتابعة');
    await expect(member.getByTestId('bulk-bar')).toHaveCount(0);
  });

  for (const page of [admin, receptionist, member]) await page.context().close();
});
