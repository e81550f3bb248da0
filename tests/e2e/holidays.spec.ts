import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { riyadhCalendarDay } from '../../src/domain/dates.js';
import { getClock, startClock } from '../../src/modules/calendar/clocks.service.js';
import { uuidv7 } from '../../src/platform/ids.js';
import { expectNoSeriousViolations } from './support/axe.js';
import { expect, serveSilaForThisFile, test } from './support/fixtures.js';
import { firstAdministratorSignIn } from './support/journeys.js';
import { shot } from './support/shots.js';

/**
 * Issue 4 §9: the administrator's holiday settings. An edit inside a 15-working-day window moves
 * the deadline the page's calculator shows and the public `GET /api/v1/calendar/deadline` answers;
 * moving and undoing bring it back; the weekend setting moves it too.
 */
serveSilaForThisFile();
test.setTimeout(240_000);

type Texts = { [key: string]: string | Texts };
const texts = JSON.parse(readFileSync(path.resolve('src/web/calendar/i18n/ar.json'), 'utf8')) as Texts;
function c(key: string, values: Record<string, string> = {}): string {
  let node: string | Texts | undefined = texts;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`No text ${key}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');
}
const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`);

const nextYear = Number(riyadhCalendarDay(new Date()).slice(0, 4)) + 1;
/** Early February of next year: no default day off within 15 working days after it except Founding Day. */
const FROM = `${nextYear}-02-01`;

async function publicDeadline(request: APIRequestContext, from: string, workingDays: number): Promise<string> {
  const response = await request.get(`/api/v1/calendar/deadline?from=${from}&workingDays=${workingDays}`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { deadline: string }).deadline;
}

async function calculatorAnswer(page: Page): Promise<string | null> {
  return page.getByTestId('deadline-answer').getAttribute('data-deadline');
}

test('an administrator edits a holiday and sees the deadline answer move, on the page and in the public API', async ({
  page,
  request,
  sila,
}) => {
  await firstAdministratorSignIn(page, sila.admin);
  await page.getByRole('link', { name: c('nav') }).click();
  await expect(page.getByRole('heading', { level: 1, name: c('title') })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('heading', { name: c('glance') })).toBeVisible();
  await expectNoSeriousViolations(page, 'the holiday settings');

  // The calculator: 15 working days from early February next year, as the public endpoint answers.
  const before = await publicDeadline(request, FROM, 15);
  await page.getByLabel(exactly(c('from'))).fill(FROM);
  // Typed in Arabic-Indic digits (issue 27 §5): read as 15, and the field says so.
  await page.getByLabel(exactly(c('workingDays'))).fill('١٥');
  await expect(page.getByTestId('number-understood')).toHaveText('فُهم: 15 يومًا');
  await expect.poll(() => calculatorAnswer(page)).toBe(before);

  // An open working-day clock over the same window (a service request's, C6): edits move it too.
  const clock = await startClock(sila.ctx.db, sila.ctx, {
    ownerType: 'request',
    ownerId: uuidv7(),
    startDay: FROM,
    workingDays: 15,
    warningThreshold: null,
  });
  expect(clock.deadline).toBe(before);

  // Add a one-off day off on the first working day of the window: the deadline moves one working day later.
  const firstWorkingDay = await publicDeadline(request, FROM, 1);
  const oneLater = await publicDeadline(request, before, 1);
  await page.getByRole('button', { name: c('add') }).click();
  const dialog = page.getByRole('dialog', { name: c('addTitle') });
  await dialog.getByLabel(exactly(c('date'))).fill(firstWorkingDay);
  await expect(dialog.getByText(/^يوافق: .+هـ — /)).toBeVisible();
  await dialog.getByLabel(exactly(c('nameAr'))).fill('إجازة مناسبة وطنية');
  await dialog.getByLabel(exactly(c('nameEn'))).fill('National occasion');
  await shot(page, 'holidays-add-ar-desktop');
  await dialog.getByRole('button', { name: 'إضافة' }).click();
  await expect(page.getByRole('status').getByText(c('saved', { n: '1' }))).toBeVisible();
  await expect.poll(() => publicDeadline(request, FROM, 15)).toBe(oneLater);
  expect((await getClock(sila.ctx, clock.id))?.deadline).toBe(oneLater);
  await expect.poll(() => calculatorAnswer(page)).toBe(oneLater);

  // The day is listed under next year, marked edited.
  await page.locator('label', { hasText: new RegExp(`^${nextYear}$`) }).click();
  const row = page.locator(`tr[data-date="${firstWorkingDay}"]`);
  await expect(row.getByText('إجازة مناسبة وطنية')).toBeVisible();
  await expect(row.getByText(c('edited'))).toBeVisible();
  await expect(page.locator(`td[data-day="${firstWorkingDay}"]`)).toHaveAttribute('data-kind', 'edited');

  // Move it past the window: the deadline comes back.
  const afterWindow = await publicDeadline(request, before, 5);
  await row.getByRole('button', { name: c('move') }).click();
  const moveDialog = page.getByRole('dialog', { name: c('moveTitle') });
  await moveDialog.getByLabel(exactly(c('moveTo'))).fill(afterWindow);
  await moveDialog.getByRole('button', { name: c('move') }).click();
  await expect(moveDialog).toBeHidden();
  await expect.poll(() => publicDeadline(request, FROM, 15)).toBe(before);
  await expect.poll(() => calculatorAnswer(page)).toBe(before);

  // Undo the move: the day is back inside the window, and so is the later deadline.
  await page
    .locator(`tr[data-date="${afterWindow}"]`)
    .getByRole('button', { name: c('undo') })
    .click();
  await expect(page.getByRole('status').getByText(c('undone', { n: '1' }))).toBeVisible();
  await expect.poll(() => publicDeadline(request, FROM, 15)).toBe(oneLater);
  await expect.poll(() => calculatorAnswer(page)).toBe(oneLater);

  // Undo the addition from the list of edits in force: the table is the computed default again.
  await page
    .locator('[data-edit]')
    .getByRole('button', { name: c('undo') })
    .click();
  await expect(page.getByText(c('editsEmpty'))).toBeVisible();
  await expect.poll(() => publicDeadline(request, FROM, 15)).toBe(before);

  // The weekend: Thursday too makes the same 15 working days end later.
  await page.getByRole('checkbox', { name: c('weekdays.4') }).check();
  await page.getByRole('button', { name: c('weekendSave') }).click();
  await expect(page.getByRole('status').getByText(c('weekendSaved', { n: '1' }))).toBeVisible();
  const longWeekend = await publicDeadline(request, FROM, 15);
  expect(longWeekend > before).toBe(true);
  await expect.poll(() => calculatorAnswer(page)).toBe(longWeekend);
  await page.getByRole('checkbox', { name: c('weekdays.4') }).uncheck();
  await page.getByRole('button', { name: c('weekendSave') }).click();
  await expect.poll(() => publicDeadline(request, FROM, 15)).toBe(before);
  expect((await getClock(sila.ctx, clock.id))?.deadline).toBe(before);

  await page.evaluate(() => document.fonts.ready);
  await shot(page, 'holidays-ar-desktop', { fullPage: true });
  await page.setViewportSize({ width: 360, height: 740 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, 'holidays-ar-phone-top');
  await page.getByRole('heading', { name: c('glance') }).scrollIntoViewIfNeeded();
  await shot(page, 'holidays-ar-phone-glance');
  await page.locator(`tr[data-date]`).first().scrollIntoViewIfNeeded();
  await shot(page, 'holidays-ar-phone-list');
  await expectNoSeriousViolations(page, 'the holiday settings at 360 px');
});
