import type { Page } from '@playwright/test';
import { expectNoSeriousViolations } from './support/axe.js';
import { copy } from './support/copy.js';
import { expect, serveSilaForThisFile, test } from './support/fixtures.js';
import { changeFirstPassword, expectHome, firstAdministratorSignIn, signIn } from './support/journeys.js';
import { registerFamilyAtReception } from './support/portal.js';
import { choose, createStaff, drawSignature, labelled, pdfFixture, pictures, rq } from './support/requests.js';
import { shot } from './support/shots.js';

/**
 * Issue 5's reception journey in English (X2): create a request, see what is missing, complete it,
 * the family signs on the screen, send it — with the language switched to English. Every page is
 * left to right, its labels English (the only Arabic left is data: the family's name as registered,
 * and the switch back to Arabic), and dates are shown in both calendars.
 */
serveSilaForThisFile();

const r = (key: string, values?: Record<string, string>) => rq(key, values, 'en');
const TRAINING = 'Training programme enrolment';
const HEAD = 'آمنة عبدالله الدوسري';

/** No Arabic on the page but the data we know is Arabic (X2): the family's name, the switch to Arabic, the association's Arabic name. */
async function expectEnglishOnly(page: Page, where: string, allowed: string[] = []): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  // biome-ignore lint/performance/useDomNodeTextContent: what a person sees, not hidden nodes' text
  let rest = await page.locator('body').innerText();
  for (const value of [HEAD, 'العربية', ...allowed]) rest = rest.split(value).join(' ');
  const arabic = rest.match(/[\u0600-\u06FF][\u0600-\u06FF\s،؛؟]*/g) ?? [];
  expect(arabic, `Arabic text left on ${where}`).toEqual([]);
}

test('X2: reception records, completes, has the family sign and sends a request, all in English, left to right', async ({
  page,
  browser,
  sila,
}) => {
  test.setTimeout(360_000); // a long journey on a shared machine
  await firstAdministratorSignIn(page, sila.admin);
  const temporary = await createStaff(page, { username: 'lina.reception', displayName: 'Lina Reception', roles: ['reception'] });
  const family = await registerFamilyAtReception(sila.ctx, HEAD);
  const context = await browser.newContext({ baseURL: sila.url });
  const reception = await context.newPage();
  await signIn(reception, 'lina.reception', temporary);
  await changeFirstPassword(reception, temporary, 'Morning coffee with dates in Dammam 2026');
  await expectHome(reception, 'Lina Reception');
  // The Arabic "password changed" notice closes on its own before the switch (it is not a requests page's label).
  await expect(reception.getByText(copy('auth.password.changed'))).toHaveCount(0, { timeout: 30_000 });
  await reception.getByRole('button', { name: 'English' }).click();
  await expect(reception.locator('html')).toHaveAttribute('dir', 'ltr');

  // The request list and the new request form.
  await reception
    .getByRole('link', { name: r('nav') })
    .first()
    .click();
  await expect(reception.getByRole('heading', { level: 1, name: r('list.title') })).toBeVisible({ timeout: 30_000 });
  await expectEnglishOnly(reception, 'the worklists');
  await reception.goto(`/staff/requests/new?familyId=${family.id}`);
  await expect(reception.getByRole('heading', { level: 1, name: r('new.title') })).toBeVisible({ timeout: 30_000 });
  await choose(reception, r('type'), TRAINING);
  await expect(reception.getByTestId('criteria')).toContainText('productive famil');
  await choose(reception, r('channel'), `A1 — ${r('channels.interview')}`);
  await labelled(reception, 'Trainee name').fill('Sara Aldosari');
  await expectEnglishOnly(reception, 'the new request form');
  await expectNoSeriousViolations(reception, 'the new request form in English');
  await pictures(reception, 'requests-en-new');
  await reception.getByRole('button', { name: r('new.create') }).click();
  await expect(reception.getByRole('heading', { level: 1, name: r('page.title', { type: TRAINING }) })).toBeVisible({ timeout: 30_000 });

  // C3: what is missing, in English, in the checklist and in the refusal.
  const checklist = reception.getByTestId('checklist');
  await expect(checklist.locator('[data-satisfied="false"]').filter({ hasText: 'Programme' })).toBeVisible();
  await expectEnglishOnly(reception, 'the draft request');
  await reception.getByRole('button', { name: r('actions.submit') }).click();
  await reception
    .getByRole('dialog')
    .getByRole('button', { name: r('actions.confirm.submit'), exact: true })
    .click();
  const missing = reception.getByTestId('missing-items');
  await expect(missing).toContainText('Programme');
  await expect(missing).toContainText('Copy of the National ID or Iqama');
  await expectEnglishOnly(reception, 'the refusal listing what is missing');
  await shot(reception, 'requests-en-missing-1280', { fullPage: true });
  await reception.getByRole('button', { name: copy('common.cancel', {}, 'en') }).click();

  // Completing it.
  await reception.getByRole('button', { name: r('answers.edit') }).click();
  await choose(reception, 'Programme', 'Sewing and tailoring');
  await reception.getByRole('radio', { name: r('yes') }).check();
  await reception.getByRole('button', { name: copy('common.save', {}, 'en') }).click();
  await expect(reception.getByText(r('answers.saved'))).toBeVisible();
  const pdf = pdfFixture('id-copy.pdf');
  await reception.locator('input[type="file"]').first().setInputFiles(pdf);
  await reception
    .getByRole('button', { name: r('documents.upload') })
    .first()
    .click();
  await expect(reception.getByRole('link', { name: pdf.name })).toBeVisible();
  await expect(reception.getByText(r('checklist.complete'))).toBeVisible();

  // C4: the review with the family and the signature.
  await reception.getByRole('button', { name: r('attestation.review') }).click();
  const review = reception.getByRole('dialog', { name: r('attestation.reviewTitle') });
  await expect(review).toContainText(family.nationalId);
  await expect(review).toContainText('Sewing and tailoring');
  await expectEnglishOnly(reception, 'the review with the family', ['الدمام']);
  await drawSignature(reception);
  await expectNoSeriousViolations(reception, 'the review with the family in English');
  await shot(reception, 'requests-en-review-1280', { fullPage: true });
  await review.getByRole('button', { name: r('attestation.confirm') }).click();
  await expect(reception.getByRole('status').filter({ hasText: r('attestation.validTitle') })).toBeVisible();

  // Sent: complete, day 0 today; the deadline in Hijri (AH) and Gregorian.
  await reception.getByRole('button', { name: r('actions.submit') }).click();
  await reception
    .getByRole('dialog')
    .getByRole('button', { name: r('actions.confirm.submit'), exact: true })
    .click();
  await expect(reception.getByTestId('request-status')).toHaveText(r('statuses.complete'));
  const deadline = reception.getByTestId('request-deadline');
  await expect(deadline).toContainText(/\d{1,2} [A-Za-z' -]+ 14\d\d AH/);
  await expect(deadline).toContainText(
    /\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) 20\d\d/,
  );
  await expectEnglishOnly(reception, 'the complete request');
  await expectNoSeriousViolations(reception, 'the complete request in English');
  await pictures(reception, 'requests-en-page');
  await reception.goto('/staff/requests?list=all');
  await expect(reception.getByRole('heading', { level: 1, name: r('list.title') })).toBeVisible();
  await expect(reception.getByRole('row', { name: new RegExp(TRAINING) })).toContainText(/AH/);
  await expectEnglishOnly(reception, 'the worklist with the request');
  await pictures(reception, 'requests-en-worklists');
  await context.close();
});
