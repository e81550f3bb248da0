import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { changeConsent } from '../../src/modules/families/families.consent.js';
import { runBulkSends } from '../../src/modules/notifications/bulk-send.service.js';
import { expectNoSeriousViolations } from './support/axe.js';
import { expect, serveSilaForThisFile, test } from './support/fixtures.js';
import { changeFirstPassword, expectHome, firstAdministratorSignIn, signIn } from './support/journeys.js';
import { registerFamilyAtReception } from './support/portal.js';
import { choose, createStaff, labelled, pictures } from './support/requests.js';

/**
 * Issue 24 §3 (H1) in Arabic: a campaign to a filtered random sample — the audience counted live,
 * the campaign created, the engine run (journeys' servers have no scheduler) and its progress shown.
 */
serveSilaForThisFile();
test.setTimeout(180_000);

type Texts = { [key: string]: string | Texts };
const texts = JSON.parse(readFileSync(path.resolve('src/web/surveys/i18n/campaign.ar.json'), 'utf8')) as Texts;
function c(key: string): string {
  let node: string | Texts | undefined = texts;
  for (const part of `campaign.${key}`.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`No text ${key}`);
  return node;
}

/** axe at the desktop width and on a 360 px phone (issue 24: no serious or critical violations). */
async function axeAtBothWidths(page: Page, where: string): Promise<void> {
  await expectNoSeriousViolations(page, `${where} (1280 px)`);
  await page.setViewportSize({ width: 360, height: 800 });
  await page.waitForTimeout(400);
  await expectNoSeriousViolations(page, `${where} (360 px)`);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.waitForTimeout(200);
}

test('H1: management creates a campaign to a filtered sample of three families, two are asked, and sees its progress', async ({
  browser,
  sila,
}) => {
  const { ctx } = sila;
  for (const name of ['هند سعد الغامدي', 'فهد علي الشمري', 'منيرة خالد العنزي']) {
    const family = await registerFamilyAtReception(ctx, name);
    const row = await ctx.db.selectFrom('families').selectAll().where('id', '=', family.id).executeTakeFirstOrThrow();
    await changeConsent(ctx, row, { purpose: 'surveys', action: 'give', channel: 'interview' }, { kind: 'staff', id: row.registered_by });
  }
  const adminContext = await browser.newContext({ baseURL: sila.url });
  const admin = await adminContext.newPage();
  await firstAdministratorSignIn(admin, sila.admin);
  const manager = { username: 'sara.manager', displayName: 'سارة الإدارة', roles: ['management'] };
  const temporary = await createStaff(admin, manager);
  await adminContext.close();
  const context = await browser.newContext({ baseURL: sila.url, locale: 'ar-SA', timezoneId: 'Asia/Riyadh' });
  const page = await context.newPage();
  await signIn(page, manager.username, temporary);
  await changeFirstPassword(page, temporary, 'نخيل الأحساء وقهوة الصباح دائمًا');
  await expectHome(page, manager.displayName);
  await page
    .getByRole('link', { name: c('nav') })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1, name: c('title') })).toBeVisible({ timeout: 30_000 });
  await axeAtBothWidths(page, 'the campaigns');
  await page.getByRole('link', { name: c('new') }).click();
  await expect(page.getByRole('heading', { level: 1, name: c('newTitle') })).toBeVisible({ timeout: 30_000 });

  await labelled(page, c('form.name')).fill('قياس الرضا الدوري — الدمام');
  await choose(page, c('form.questionnaire'), 'استبانة قياس الرضا الدورية');
  await choose(page, c('form.office'), 'مكتب الدمام');
  await expect(page.getByTestId('campaign-count')).toContainText('3');
  // Typed in Arabic-Indic digits, as a keyboard set to Arabic gives them (the one number field reads them).
  await labelled(page, c('form.sampleSize')).fill('٢');
  await labelled(page, c('form.closesOn')).fill(new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10));
  await pictures(page, 'survey-campaign-new-ar');
  await axeAtBothWidths(page, 'a new campaign');
  await page.getByRole('button', { name: c('form.create') }).click();

  await expect(page.getByTestId('detail-header')).toBeVisible({ timeout: 30_000 });
  await runBulkSends(ctx);
  await expect(page.getByTestId('campaign-invited')).toHaveText('2', { timeout: 30_000 });
  await expect(page.getByTestId('campaign-progress')).toHaveAttribute('data-percent', '100');
  await expect(page.getByTestId('campaign-status')).toHaveText(c('statuses.open'));
  await pictures(page, 'survey-campaign-ar');
  await axeAtBothWidths(page, 'a campaign');
  // The campaigns list again, now with a campaign in it.
  await page
    .getByRole('link', { name: c('nav') })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1, name: c('title') })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('قياس الرضا الدوري — الدمام')).toBeVisible({ timeout: 30_000 });
  await axeAtBothWidths(page, 'the campaigns with one');
});
