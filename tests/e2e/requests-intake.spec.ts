import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { nationalIdCheckDigit } from '../../src/domain/national-id.js';
import { expectNoSeriousViolations } from './support/axe.js';
import { copy } from './support/copy.js';
import { expect, serveSilaForThisFile, test } from './support/fixtures.js';
import { changeFirstPassword, expectHome, firstAdministratorSignIn, signIn } from './support/journeys.js';
import { registerFamilyAtReception } from './support/portal.js';
import { choose, combo, createStaff, drawSignature, labelled, pdfFixture, rq as r } from './support/requests.js';
import { shot, shotsWanted } from './support/shots.js';

/**
 * Two intake paths in Arabic (issue 5 §2, §4):
 * - A6: a volunteer registers a family, records a request for it on the volunteer channel, fills it,
 *   the family signs on the volunteer's screen, the volunteer sends it — and is told it went to
 *   reception and the committee (no longer theirs to open), not shown an error; reception sees it complete.
 * - C4: reception prints the Arabic attestation form (RTL, the data's hash and its short code, a print
 *   stylesheet), uploads the signed scan with the code typed from the paper as the attestation; a
 *   change to the answers voids it (said on the page), and the old form's scan is refused as printed
 *   before the change; printed and signed again, it is attested and sent to the committee.
 */
serveSilaForThisFile();

const requestErrors = JSON.parse(readFileSync(path.resolve('src/web/requests/i18n/errors.ar.json'), 'utf8')) as {
  attestation: Record<string, string>;
};
const TRAINING = 'الالتحاق ببرنامج تدريبي';
// The registry's own Arabic texts: the volunteer fills the registration form by what it says.
type Texts = { [key: string]: string | Texts };
const families = JSON.parse(readFileSync(path.resolve('src/web/families/i18n/ar.json'), 'utf8')) as Texts;
function familyText(key: string, values: Record<string, string> = {}): string {
  let node: string | Texts | undefined = families;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`No text ${key}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');
}

const contexts: BrowserContext[] = [];
const passwords = new Map<string, string>();
let reference = '';

async function signedIn(page: Page, username: string, displayName: string): Promise<void> {
  const temporary = passwords.get(username) ?? '';
  await signIn(page, username, temporary);
  await changeFirstPassword(page, temporary, `سعف النخيل في القطيف ${username.length}`);
  await expectHome(page, displayName);
}

async function newPage(browser: import('@playwright/test').Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  contexts.push(context);
  return context.newPage();
}

/** Fills the training request's answers on the create form (all required ones). */
async function fillTraining(page: Page): Promise<void> {
  await choose(page, r('type'), TRAINING);
  await expect(page.getByTestId('criteria')).toContainText('الأسر المنتجة');
  await labelled(page, 'اسم المتدرب').fill('ريم الشمري');
  await choose(page, 'البرنامج المطلوب', 'الخياطة والتفصيل');
  await page.getByRole('radio', { name: r('yes') }).check();
}

async function attachIdCopy(page: Page): Promise<void> {
  const pdf = pdfFixture('id-copy.pdf');
  await page.locator('input[type="file"]').first().setInputFiles(pdf);
  await page
    .getByRole('button', { name: r('documents.upload') })
    .first()
    .click();
  await expect(page.getByRole('link', { name: pdf.name })).toBeVisible();
  await expect(page.getByText(r('checklist.complete'))).toBeVisible();
}

async function send(page: Page): Promise<void> {
  await page.getByRole('button', { name: r('actions.submit') }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: r('actions.confirm.submit'), exact: true })
    .click();
}

test.afterAll(async () => {
  for (const context of contexts) await context.close();
});

test('A6: a volunteer registers a family, records its request, the family signs, it is sent and handed over; reception sees it complete', async ({
  page,
  browser,
  sila,
}) => {
  test.setTimeout(360_000); // a long journey on a shared machine
  await firstAdministratorSignIn(page, sila.admin);
  passwords.set(
    'reem.volunteer',
    await createStaff(page, { username: 'reem.volunteer', displayName: 'ريم المتطوعة', roles: ['volunteer'] }),
  );
  passwords.set(
    'huda.reception',
    await createStaff(page, { username: 'huda.reception', displayName: 'هدى الاستقبال', roles: ['reception'] }),
  );

  const volunteer = await newPage(browser, sila.url);
  await signedIn(volunteer, 'reem.volunteer', 'ريم المتطوعة');
  await volunteer.goto('/staff/families/new');
  await expect(volunteer.getByRole('heading', { level: 1, name: familyText('newTitle') })).toBeVisible({ timeout: 30_000 });
  const input = (key: string) => labelled(volunteer, familyText(key));
  await input('headNameAr').fill('لطيفة حمد الشمري');
  const body = '1077123';
  const first9 = `${body}${String(Date.now() % 100).padStart(2, '0')}`;
  await input('nationalId').fill(`${first9}${nationalIdCheckDigit(first9)}`);
  await input('mobile').fill('0551239876');
  await input('city').fill('الدمام');
  await choose(volunteer, familyText('office'), 'مكتب الدمام');
  await choose(volunteer, familyText('category'), 'أسرة منتجة');
  await choose(volunteer, familyText('domains'), 'التدريب والتأهيل');
  await volunteer.keyboard.press('Escape');
  await choose(volunteer, familyText('agreedChannel'), familyText('channels.sms'));
  await choose(volunteer, familyText('originChannel'), familyText('origins.volunteer'));
  await volunteer.getByRole('checkbox', { name: familyText('consent', { version: '\u20662026-1\u2069' }) }).check();
  await volunteer.getByRole('button', { name: familyText('create') }).click();
  await expect(volunteer.getByRole('heading', { level: 1, name: `${familyText('fileTitle')}: لطيفة حمد الشمري` })).toBeVisible();

  // The request, from the family's page: the channel is the volunteer's (A6) and cannot be changed.
  await volunteer.getByRole('link', { name: r('list.new') }).click();
  await expect(volunteer.getByRole('heading', { level: 1, name: r('new.title') })).toBeVisible({ timeout: 30_000 });
  const channel = combo(volunteer, r('channel'));
  await expect(channel).toHaveValue(`A6 — ${r('channels.volunteer')}`);
  await expect(channel).toBeDisabled();
  await fillTraining(volunteer);
  await volunteer.getByRole('button', { name: r('new.create') }).click();
  await expect(volunteer.getByRole('heading', { level: 1, name: r('page.title', { type: TRAINING }) })).toBeVisible({ timeout: 30_000 });
  reference = (await volunteer.getByText(/^REQ-/).first().textContent()) ?? '';
  expect(reference).toMatch(/^REQ-/);
  await attachIdCopy(volunteer);

  // The family reviews its data and signs on the volunteer's screen (C4).
  await volunteer.getByRole('button', { name: r('attestation.review') }).click();
  const review = volunteer.getByRole('dialog', { name: r('attestation.reviewTitle') });
  await expect(review).toContainText('ريم الشمري');
  await drawSignature(volunteer);
  await review.getByRole('button', { name: r('attestation.confirm') }).click();
  await expect(volunteer.getByRole('status').filter({ hasText: r('attestation.validTitle') })).toBeVisible();
  await expectNoSeriousViolations(volunteer, 'the volunteer’s attested draft');

  // Sent: no error — the worklist says where it went and that it can no longer be opened.
  const answered = volunteer.waitForResponse((response) => response.url().endsWith('/transitions'));
  await send(volunteer);
  expect((await answered).status()).toBe(202);
  const handedOver = volunteer.getByTestId('handed-over');
  await expect(handedOver).toContainText(r('list.handedOver.title'));
  await expect(handedOver).toContainText(r('list.handedOver.body'));
  await expect(handedOver).toContainText(reference);
  await expect(volunteer.getByRole('heading', { level: 1, name: r('list.title') })).toBeVisible();
  await expect(volunteer.getByRole('alert')).toHaveCount(0);
  await expect(volunteer.getByRole('link', { name: reference })).toHaveCount(0);
  await expectNoSeriousViolations(volunteer, 'the volunteer’s worklist after sending');
  await shot(volunteer, 'requests-volunteer-sent-1280', { fullPage: true });
  await volunteer.setViewportSize({ width: 360, height: 800 });
  await shot(volunteer, 'requests-volunteer-sent-360', { fullPage: true });

  // Reception: complete, on the volunteer channel, its clock started.
  const reception = await newPage(browser, sila.url);
  await signedIn(reception, 'huda.reception', 'هدى الاستقبال');
  await reception.goto('/staff/requests?list=all');
  await reception.getByRole('link', { name: reference }).click();
  await expect(reception.getByTestId('request-status')).toHaveText(r('statuses.complete'));
  await expect(reception.getByText(`A6 — ${r('channels.volunteer')}`)).toBeVisible();
  await expect(reception.getByTestId('request-deadline')).toContainText('هـ');
});

test('C4: reception prints the Arabic form, uploads the signed scan as the attestation; a change voids it; attested again, it is sent', async ({
  browser,
  sila,
}) => {
  test.setTimeout(360_000);
  const family = await registerFamilyAtReception(sila.ctx, 'مها سالم القحطاني');
  const reception = await newPage(browser, sila.url);
  await signIn(reception, 'huda.reception', `سعف النخيل في القطيف ${'huda.reception'.length}`);
  await expectHome(reception, 'هدى الاستقبال');
  await reception.goto(`/staff/requests/new?familyId=${family.id}`);
  await expect(reception.getByRole('heading', { level: 1, name: r('new.title') })).toBeVisible({ timeout: 30_000 });
  await fillTraining(reception);
  await choose(reception, r('channel'), `A1 — ${r('channels.interview')}`);
  await reception.getByRole('button', { name: r('new.create') }).click();
  await expect(reception.getByRole('heading', { level: 1, name: r('page.title', { type: TRAINING }) })).toBeVisible({ timeout: 30_000 });
  await attachIdCopy(reception);

  // The printable form opens in a new window: Arabic, right to left, the data's SHA-256, a print stylesheet.
  const requestId = new URL(reception.url()).pathname.split('/').at(-1) ?? '';
  const hash = await reception.evaluate(
    async (id) => ((await (await fetch(`/api/v1/requests/${id}`)).json()) as { dataSha256: string }).dataSha256,
    requestId,
  );
  expect(hash).toMatch(/^[0-9a-f]{64}$/);
  /** Opens the printable form (a new window) and reads the code printed at its foot. */
  const printForm = async () => {
    const popup = reception.context().waitForEvent('page');
    await reception.getByRole('link', { name: r('attestation.printForm') }).click();
    const opened = await popup;
    await opened.waitForLoadState();
    return { form: opened, code: (await opened.getByTestId('form-code').textContent()) ?? '' };
  };
  const { form, code } = await printForm();
  // The short code: the data's hash's first 12 hex digits in fours, what staff type with the scan.
  expect(code.replaceAll('-', '').toLowerCase()).toBe(hash.slice(0, 12));
  await expect(form.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(form.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(form.locator('body')).toContainText('مها سالم القحطاني');
  await expect(form.locator('body')).toContainText('ريم الشمري');
  await expect(form.locator('body')).toContainText(hash);
  await expect(form.getByTestId('form-code')).toBeVisible();
  await form.emulateMedia({ media: 'print' });
  expect(await form.evaluate(() => matchMedia('print').matches)).toBe(true);
  await shot(form, 'requests-attestation-form-print', { fullPage: true });
  await form.emulateMedia({ media: 'screen' });
  await shot(form, 'requests-attestation-form-screen', { fullPage: true });
  await expectNoSeriousViolations(form, 'the printable attestation form');
  await form.close();

  // The signed paper, scanned: the attestation (a file in the store), with the code typed from the paper.
  const upload = async (typed: string) => {
    // The paper scan's file input, inside the attestation section (Mantine's FileInput is a button over a hidden input).
    await expect(reception.getByText(r('attestation.scanLabel'))).toBeVisible();
    const scan = pdfFixture('signed-form.pdf');
    await reception.locator('section[aria-labelledby="attestation-title"] input[type="file"]').setInputFiles(scan);
    // The chosen Latin file name is isolated (bidi), shown whole and in order inside the Arabic page.
    await expect(reception.locator('section[aria-labelledby="attestation-title"] bdi', { hasText: scan.name })).toBeVisible();
    await labelled(reception, r('attestation.formCodeLabel')).fill(typed);
    await reception.getByRole('button', { name: r('attestation.uploadScan') }).click();
  };
  // Without the code, or a code too short: said under the field, nothing sent.
  await upload('');
  await expect(reception.getByText(r('attestation.formCodeRequired'))).toBeVisible();
  await upload(code.slice(0, 7));
  await expect(reception.getByText(r('attestation.formCodeInvalid'))).toBeVisible();
  if (shotsWanted) {
    await reception.setViewportSize({ width: 360, height: 800 });
    await reception.waitForTimeout(600);
    await reception.getByText(r('attestation.formCodeInvalid')).scrollIntoViewIfNeeded();
    await shot(reception, 'requests-attestation-paper-code-360', { fullPage: true });
    await reception.setViewportSize({ width: 1280, height: 800 });
  }
  // Typed as read off the paper: lower case, spaces for dashes.
  await upload(code.toLowerCase().replaceAll('-', ' '));
  const valid = reception.getByRole('status').filter({ hasText: r('attestation.validTitle') });
  await expect(valid).toBeVisible();
  await expect(valid).toContainText(r('attestation.methods.paper'));
  await expect(valid).toContainText(hash);
  await expectNoSeriousViolations(reception, 'the request attested on paper');

  // A later change to the answers voids it, said on the page; it cannot be sent until attested again.
  await reception.getByRole('button', { name: r('answers.edit') }).click();
  await labelled(reception, 'اسم المتدرب').fill('ريم سالم الشمري');
  await reception.getByRole('button', { name: 'حفظ' }).click();
  await expect(reception.getByText(r('answers.savedVoided'))).toBeVisible();
  const voided = reception.getByRole('status').filter({ hasText: r('attestation.voidedTitle') });
  await expect(voided).toBeVisible();
  await expect(voided).toContainText(r('attestation.voidReasons.answers-changed'));
  await expect(reception.getByText(r('attestation.voidedShort')).first()).toBeVisible();
  await expectNoSeriousViolations(reception, 'the voided attestation');
  await shot(reception, 'requests-attestation-voided-1280', { fullPage: true });
  await send(reception);
  await expect(reception.getByTestId('missing-items')).toBeVisible();
  await reception.getByRole('button', { name: copy('common.cancel') }).click();

  // The scan of the form printed before the change is refused: its code names the old data.
  await upload(code);
  const stale = reception.getByRole('alert').filter({ hasText: requestErrors.attestation['stale-form'] });
  await expect(stale).toBeVisible();
  await expectNoSeriousViolations(reception, 'the stale paper form refused');
  await shot(reception, 'requests-attestation-stale-form-1280', { fullPage: true });
  // Printed again, signed again, uploaded with the new code: attested.
  const again = await printForm();
  expect(again.code).not.toBe(code);
  await again.form.close();
  await upload(again.code);
  await expect(valid).toBeVisible();
  await expect(valid).not.toContainText(hash);
  await send(reception);
  await expect(reception.getByTestId('request-status')).toHaveText(r('statuses.complete'));
  const history = await reception.evaluate(
    async (id) => ((await (await fetch(`/api/v1/requests/${id}`)).json()) as { history: { event: string }[] }).history.map((h) => h.event),
    requestId,
  );
  expect(history).toEqual(expect.arrayContaining(['attested', 'attestation-voided', 'submit']));
});
