import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { nationalIdCheckDigit } from '../../src/domain/national-id.js';
import { expectNoSeriousViolations } from './support/axe.js';
import { copy } from './support/copy.js';
import { expect, serveSilaForThisFile, test } from './support/fixtures.js';
import { changeFirstPassword, expectHome, firstAdministratorSignIn, signIn } from './support/journeys.js';
import { shot, shotsWanted } from './support/shots.js';

serveSilaForThisFile();

/** The registry's own texts (src/web/families/i18n), so the journey finds things by what people read. */
type Texts = { [key: string]: string | Texts };
const families = JSON.parse(readFileSync(path.resolve('src/web/families/i18n/ar.json'), 'utf8')) as Texts;
const familyErrors = JSON.parse(readFileSync(path.resolve('src/web/families/i18n/errors.ar.json'), 'utf8')) as Texts;

function text(source: Texts, key: string, values: Record<string, string> = {}): string {
  let node: string | Texts | undefined = source;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`No text ${key}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');
}
const f = (key: string, values?: Record<string, string>) => text(families, key, values);
const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The input labelled exactly with the registry's text (Mantine appends " *" to required labels). */
const input = (page: Page, key: string) => page.getByLabel(new RegExp(`^${escapeRegExp(f(key))}( \\*)?$`));

const combo = (page: Page, key: string) => page.getByRole('combobox', { name: new RegExp(`^${escapeRegExp(f(key))}( \\*)?$`) });

async function choose(page: Page, key: string, option: string): Promise<void> {
  // A multi-select's pills box covers its input: click through it.
  await combo(page, key).click({ force: true });
  await page.getByRole('option', { name: option, exact: true }).click();
}

const idNumber = (first9: string) => `${first9}${nationalIdCheckDigit(first9)}`;
const FAMILY_ID = idNumber('104455667');
const IMPORTED_ID = idNumber('107788990');

/** The administrator's signed-in browser state, kept for the last test (a reused TOTP step would be refused). */
let adminState: Awaited<ReturnType<BrowserContext['storageState']>> | undefined;
let receptionContext: BrowserContext;
let reception: Page;
let familyUrl = '';

test('reception registers a family in Arabic, finds it by a differently spelled name and by its ID number', async ({
  page,
  browser,
  sila,
}) => {
  const admin = page;
  await firstAdministratorSignIn(admin, sila.admin);

  // A reception user, created through the API the users screen uses.
  const created = await admin.evaluate(async () => {
    const session = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
    const response = await fetch('/api/v1/staff/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
      body: JSON.stringify({
        username: 'huda.reception',
        displayName: 'هدى الاستقبال',
        roles: ['reception'],
        scope: { categories: [], domains: [], offices: [] },
      }),
    });
    return (await response.json()) as { oneTimePassword: string };
  });
  receptionContext = await browser.newContext({ baseURL: sila.url });
  reception = await receptionContext.newPage();
  await signIn(reception, 'huda.reception', created.oneTimePassword);
  await changeFirstPassword(reception, created.oneTimePassword, 'نخلة في الواحة الشرقية');
  await expectHome(reception, 'هدى الاستقبال');

  await reception
    .getByRole('link', { name: f('nav') })
    .first()
    .click();
  // The registry's pages load on demand: the first one may take a while on a busy machine.
  await expect(reception.getByRole('heading', { level: 1, name: f('title') })).toBeVisible({ timeout: 30_000 });
  await expect(reception.getByText(f('empty'))).toBeVisible();
  await expectNoSeriousViolations(reception, 'the families list');

  await reception.getByRole('link', { name: f('register') }).click();
  await expect(reception.getByRole('heading', { level: 1, name: f('newTitle') })).toBeVisible();
  await expectNoSeriousViolations(reception, 'the registration form');

  // Nothing filled: each field says what is missing, under its input.
  await reception.getByRole('button', { name: f('create') }).click();
  await expect(reception.getByText(text(familyErrors, 'consent.required'))).toBeVisible();
  await expect(reception.getByText(text(familyErrors, 'domains.required'))).toBeVisible();
  // A required field's generic message names it (issue 27 §6).
  await expect(reception.getByText(`مطلوب: ${f('city')}`)).toBeVisible();
  await expect(reception.getByText(`مطلوب: ${f('office')}`)).toBeVisible();

  await input(reception, 'headNameAr').fill('آمنة مصطفى');
  await input(reception, 'nationalId').fill('123');
  await input(reception, 'mobile').fill('0551234567');
  await input(reception, 'city').fill('الدمام');
  await choose(reception, 'office', 'مكتب الدمام');
  await choose(reception, 'category', 'أسرة منتجة');
  await choose(reception, 'domains', 'التدريب والتأهيل');
  await reception.keyboard.press('Escape');
  await choose(reception, 'agreedChannel', f('channels.sms'));
  await choose(reception, 'originChannel', f('origins.interview'));
  await reception.getByRole('button', { name: f('addMember') }).click();
  await input(reception, 'memberName').fill('مريم');
  await choose(reception, 'relation', f('relations.daughter'));
  await reception.getByRole('radio', { name: f('hijri') }).check();
  await input(reception, 'birthDate').fill('1440-09-01');
  await reception.getByRole('checkbox', { name: f('consent', { version: '\u20662026-1\u2069' }) }).check();
  await reception.getByRole('button', { name: f('create') }).click();
  await expect(reception.getByText(text(familyErrors, 'nationalId.format'))).toBeVisible();
  await input(reception, 'nationalId').fill(FAMILY_ID);

  if (shotsWanted) {
    await reception.setViewportSize({ width: 360, height: 800 });
    await shot(reception, 'families-form-360', { fullPage: true });
    await reception.setViewportSize({ width: 1280, height: 800 });
  }

  await reception.getByRole('button', { name: f('create') }).click();
  await expect(reception.getByRole('heading', { level: 1, name: `${f('fileTitle')}: آمنة مصطفى` })).toBeVisible();
  familyUrl = new URL(reception.url()).pathname;
  await expect(reception.getByText(FAMILY_ID, { exact: true })).toBeVisible();
  await expect(reception.getByRole('cell', { name: 'مريم' })).toBeVisible();
  await expectNoSeriousViolations(reception, 'the family file');

  // The same ID again: "already registered", with the way to the existing file.
  await reception.goto('/staff/families/new');
  await input(reception, 'headNameAr').fill('آمنه مصطفى');
  await input(reception, 'nationalId').fill(FAMILY_ID);
  await input(reception, 'city').fill('الدمام');
  await choose(reception, 'office', 'مكتب الدمام');
  await choose(reception, 'category', 'أسرة منتجة');
  await choose(reception, 'domains', 'التدريب والتأهيل');
  await reception.keyboard.press('Escape');
  await choose(reception, 'agreedChannel', f('channels.sms'));
  await choose(reception, 'originChannel', f('origins.phone'));
  await reception.getByRole('checkbox', { name: f('consent', { version: '\u20662026-1\u2069' }) }).check();
  await reception.getByRole('button', { name: f('create') }).click();
  await expect(reception.getByRole('alert').filter({ hasText: f('duplicate') })).toBeVisible();
  await expect(reception.getByRole('link', { name: f('openExisting') })).toHaveAttribute(
    'href',
    `/staff${familyUrl.replace('/staff', '')}`,
  );

  // Found by a differently spelled name.
  await reception.goto('/staff/families');
  await input(reception, 'search').fill('امنه مصطفي');
  await expect(reception.getByRole('link', { name: 'آمنة مصطفى' })).toBeVisible();
  await shot(reception, 'families-list-desktop', { fullPage: true });

  // By its ID number: looked up in a request body, never put in the address.
  const lookups: string[] = [];
  reception.on('request', (request) => {
    if (request.url().includes('/api/v1/families')) lookups.push(`${request.method()} ${request.url()}`);
  });
  await input(reception, 'search').fill(FAMILY_ID);
  await expect(reception.getByText(f('lookupResults'))).toBeVisible();
  await expect(reception.getByRole('link', { name: 'آمنة مصطفى' })).toBeVisible();
  expect(reception.url()).not.toContain(FAMILY_ID);
  expect(lookups.some((line) => line.startsWith('POST') && line.endsWith('/families/lookup'))).toBe(true);
  expect(lookups.filter((line) => line.includes(FAMILY_ID))).toEqual([]);
  await reception.getByRole('link', { name: 'آمنة مصطفى' }).click();
  await expect(reception.getByRole('link', { name: f('edit') })).toBeVisible();
  adminState = await admin.context().storageState();
});

test('reception imports a small sheet: progress finishes and the bad row is listed', async () => {
  const sheet = {
    name: 'families.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      `الاسم,رقم الهوية,الجوال,المدينة\nسعاد الحربي,${IMPORTED_ID},0559876543,الخبر\nرقم خاطئ,1234567890,0551112222,القطيف\n`,
    ),
  };
  await reception.goto('/staff/families/import');
  await expect(reception.getByRole('heading', { level: 1, name: f('importTitle') })).toBeVisible();
  await expectNoSeriousViolations(reception, 'the import page');
  await reception.locator('input[type="file"]').setInputFiles(sheet);
  await reception.getByRole('button', { name: f('upload') }).click();
  await expect(reception.getByRole('heading', { name: f('mappingTitle') })).toBeVisible();
  await expect(reception.getByRole('combobox', { name: f('columnFor', { field: f('nationalId') }) })).toHaveValue('رقم الهوية');
  await choose(reception, 'office', 'مكتب الخبر');
  await choose(reception, 'category', 'أسرة منتجة');
  await choose(reception, 'domains', 'التسويق والمعارض');
  await reception.keyboard.press('Escape');
  await choose(reception, 'agreedChannel', f('channels.phone-call'));
  await choose(reception, 'originChannel', f('origins.letter'));
  await expectNoSeriousViolations(reception, 'the import mapping step');
  await reception.getByRole('button', { name: f('start') }).click();
  await expect(reception.getByText(f('statusDone'))).toBeVisible({ timeout: 30_000 });
  await expect(reception.getByText(f('progressText', { processed: '2', total: '2', imported: '1' }))).toBeVisible();
  const errorRows = reception.getByRole('table').last().locator('tbody tr');
  await expect(errorRows).toHaveCount(1);
  await expect(errorRows.first()).toContainText('3');
  await expect(errorRows.first()).toContainText(text(familyErrors, 'nationalId.checksum'));
  await shot(reception, 'families-import-desktop', { fullPage: true });
});

test('an administrator sees the family read-only with its access log', async ({ browser, sila }) => {
  const adminContext = await browser.newContext({ baseURL: sila.url, storageState: adminState });
  const admin = await adminContext.newPage();
  await admin.goto(familyUrl);
  await expect(admin.getByRole('heading', { level: 1, name: `${f('fileTitle')}: آمنة مصطفى` })).toBeVisible();
  await expect(admin.getByRole('link', { name: f('edit') })).toHaveCount(0);
  await expect(admin.getByText(f('masked'))).toBeVisible();
  await admin.getByRole('tab', { name: f('tabAccessLog') }).click();
  const log = admin.getByRole('tabpanel');
  await expect(log.getByRole('cell', { name: 'هدى الاستقبال' }).first()).toBeVisible();
  await expect(log.getByRole('cell', { name: f('actions.family.create'), exact: true })).toBeVisible();
  await expect(log.getByText(/هـ/).first()).toBeVisible();
  await expectNoSeriousViolations(admin, 'the access log');
  await admin.setViewportSize({ width: 360, height: 800 });
  // Let the shell's side bar finish sliding away before the picture.
  await expect(admin.getByRole('button', { name: copy('shell.openMenu') })).toBeVisible();
  await shot(admin, 'families-file-360', { fullPage: true, settleMs: 600 });
  await receptionContext.close();
  await adminContext.close();
});
