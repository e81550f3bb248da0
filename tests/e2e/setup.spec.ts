import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { SMTPServer } from 'smtp-server';
import { SESSION_COOKIE } from '../../src/platform/http/auth-plugin.js';
import { sila as runSila } from '../integration/cli-support.js';
import { expectNoSeriousViolations } from './support/axe.js';
import { copy } from './support/copy.js';
import { expect, serveSilaForThisFile, test } from './support/fixtures.js';
import { firstAdministratorSignIn } from './support/journeys.js';
import { shot } from './support/shots.js';
import { staffWithSession } from './support/staff.js';

/**
 * Issue 27 §6, §7: on a fresh installation the administrator's home shows the set-up checklist; it
 * leads them through each item — the public address and transports (the operator's environment),
 * a test message through each transport, committees that can meet, a register without empty cells,
 * the "reviewed" marks, a backup — to "ready". Other roles see a plain list of their worklists.
 */
serveSilaForThisFile();
test.setTimeout(360_000);

type Texts = { [key: string]: string | Texts };
const textsOf = (file: string) => JSON.parse(readFileSync(path.resolve(file), 'utf8')) as Texts;
const SETUP = textsOf('src/web/home/i18n/ar.json');
const COMMITTEES = textsOf('src/web/committees/i18n/ar.json');
const OFFICERS = textsOf('src/web/contact-officers/i18n/ar.json');
function text(texts: Texts, key: string, values: Record<string, string> = {}): string {
  let node: string | Texts | undefined = texts;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`No text ${key}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');
}
const s = (key: string, values?: Record<string, string>) => text(SETUP, key, values);
const exactly = (label: string) => new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`);

const item = (page: Page, key: string) => page.getByTestId(`setup-item-${key}`);
async function goHome(page: Page): Promise<void> {
  await page
    .getByRole('link', { name: copy('shell.home') })
    .first()
    .click();
  await expect(page.getByTestId('setup-card')).toBeVisible({ timeout: 30_000 });
}
async function pick(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: exactly(label) }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

const closers: Array<() => Promise<void>> = [];
test.afterAll(async () => {
  for (const close of closers) await close();
});

test('issue 27 §7: the set-up checklist leads an administrator through each item to "ready"', async ({ page, sila }) => {
  await firstAdministratorSignIn(page, sila.admin);
  const card = page.getByTestId('setup-card');
  await expect(card.getByRole('heading', { name: s('title') })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('setup-ready')).toHaveCount(0);
  for (const key of [
    'public-url',
    'transport-sms',
    'transport-email',
    'committees',
    'contact-officers',
    'request-types',
    'holidays',
    'backup',
  ])
    await expect(item(page, key)).toHaveAttribute('data-done', 'false');
  await expect(item(page, 'transport-whatsapp')).toHaveAttribute('data-done', 'true');
  await expect(item(page, 'public-url')).toContainText(s('reasons.public-url.missing'));
  await expect(item(page, 'transport-sms')).toContainText(
    s('reasons.transport.not-configured', { variables: 'SMS_GATEWAY_URL, SMS_GATEWAY_TOKEN' }),
  );
  await expectNoSeriousViolations(page, 'the set-up checklist');
  await shot(page, 'setup-fresh', { fullPage: true });

  // The operator sets the public address and the transports in the environment (read on each request).
  const gatewayBodies: string[] = [];
  const gateway = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      gatewayBodies.push(body);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => gateway.close(() => resolve())));
  const mails: string[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () => {
        mails.push(...session.envelope.rcptTo.map((r) => r.address));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => smtp.close(() => resolve())));
  sila.ctx.config.publicUrl = sila.url;
  sila.ctx.config.transports.smsGatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`;
  sila.ctx.config.transports.smsGatewayToken = 'e2e-token';
  sila.ctx.config.transports.smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  await page.reload();
  await expect(item(page, 'public-url')).toHaveAttribute('data-done', 'true');
  await expect(item(page, 'transport-sms')).toContainText(s('reasons.transport.untested'));

  // A test message through each transport, to an address the administrator types.
  await item(page, 'transport-sms')
    .getByRole('button', { name: s('test.open') })
    .click();
  const smsDialog = page.getByRole('dialog', { name: s('test.title', { transport: s('items.transport-sms') }) });
  await smsDialog.getByLabel(exactly(s('test.mobile'))).fill('0551234567');
  await smsDialog.getByRole('button', { name: s('test.send') }).click();
  await expect(page.getByText(s('test.sent'))).toBeVisible();
  await expect(item(page, 'transport-sms')).toHaveAttribute('data-done', 'true');
  expect(gatewayBodies.join()).toContain('551234567');
  await item(page, 'transport-email')
    .getByRole('button', { name: s('test.open') })
    .click();
  const mailDialog = page.getByRole('dialog', { name: s('test.title', { transport: s('items.transport-email') }) });
  await mailDialog.getByLabel(exactly(s('test.email'))).fill('it@harif.org.sa');
  await mailDialog.getByRole('button', { name: s('test.send') }).click();
  await expect(item(page, 'transport-email')).toHaveAttribute('data-done', 'true');
  expect(mails).toEqual(['it@harif.org.sa']);

  // Committees: each seeded committee gets members and a chair on the committees page.
  const members = ['سعد الغامدي', 'نورة القحطاني', 'هند الدوسري'];
  for (const name of members) await staffWithSession(sila.ctx, name, ['committee-member']);
  await item(page, 'committees')
    .getByRole('link', { name: s('open'), exact: true })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: text(COMMITTEES, 'title') })).toBeVisible({ timeout: 30_000 });
  const editButtons = page.getByRole('button', { name: new RegExp(`^${text(COMMITTEES, 'editNamed', { name: '' })}`) });
  await expect(editButtons.first()).toBeVisible({ timeout: 30_000 });
  const count = await editButtons.count();
  expect(count).toBeGreaterThan(0);
  for (let index = 0; index < count; index += 1) {
    await editButtons.nth(index).click();
    const form = page.getByRole('dialog', { name: text(COMMITTEES, 'editCommittee') });
    for (const name of members) {
      await form.getByLabel(exactly(text(COMMITTEES, 'members'))).click();
      await page.getByRole('option', { name, exact: true }).click();
    }
    await form.getByLabel(exactly(text(COMMITTEES, 'members'))).press('Escape');
    await pick(page, text(COMMITTEES, 'chair'), members[0] as string);
    await form.getByLabel(exactly(text(COMMITTEES, 'quorum'))).fill('2');
    await form.getByRole('button', { name: copy('common.save') }).click();
    await expect(form).toBeHidden();
  }
  await goHome(page);
  await expect(item(page, 'committees')).toHaveAttribute('data-done', 'true');

  // The contact-officer register: one officer for each category (any domain) leaves no empty cell.
  await staffWithSession(sila.ctx, 'ريم الشهري', ['contact-officer']);
  await item(page, 'contact-officers')
    .getByRole('link', { name: s('open'), exact: true })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: text(OFFICERS, 'title') })).toBeVisible({ timeout: 30_000 });
  for (const category of ['أسرة منتجة', 'صاحبة مشروع منزلي', 'متدربة', 'حِرفية']) {
    const where = text(OFFICERS, 'cellName', { category, domain: text(OFFICERS, 'anyDomain') });
    await page.getByRole('button', { name: text(OFFICERS, 'addIn', { where }) }).click();
    const form = page.getByRole('dialog', { name: text(OFFICERS, 'addTitle') });
    await pick(page, text(OFFICERS, 'officer'), 'ريم الشهري');
    await form.getByLabel(exactly(text(OFFICERS, 'roleTitleAr'))).fill(`ضابط اتصال ${category}`);
    await form.getByLabel(exactly(text(OFFICERS, 'roleTitleEn'))).fill('Contact officer');
    await form.getByLabel(exactly(text(OFFICERS, 'address'))).fill('920012345');
    await form.getByRole('button', { name: text(OFFICERS, 'save') }).click();
    await expect(form).toBeHidden();
  }
  await goHome(page);
  await expect(item(page, 'contact-officers')).toHaveAttribute('data-done', 'true');

  // The request types and this year's holidays, marked reviewed on their own pages.
  for (const key of ['request-types', 'holidays'] as const) {
    await item(page, key)
      .getByRole('link', { name: s('open'), exact: true })
      .click();
    const mark = page.getByTestId('reviewed-mark');
    await expect(mark).toHaveAttribute('data-done', 'false', { timeout: 30_000 });
    await mark.getByRole('button').click();
    await expect(mark).toHaveAttribute('data-done', 'true');
    await expect(mark).toContainText('مدير النظام');
    await goHome(page);
    await expect(item(page, key)).toHaveAttribute('data-done', 'true');
  }

  // The operator runs `sila backup` on the server: the checklist shows when and how large.
  const database = sila.ctx.config.database;
  if (database.engine !== 'sqlite') throw new Error('the journeys run on SQLite');
  const archive = path.join(sila.ctx.config.dataDir, 'first.sila-backup.gz');
  const backup = await runSila(['backup', archive], { SILA_DATA_DIR: sila.ctx.config.dataDir, DATABASE_URL: `sqlite:${database.file}` });
  expect(backup.code, backup.stderr).toBe(0);
  await page.reload();
  await expect(item(page, 'backup')).toHaveAttribute('data-done', 'true');
  await expect(page.getByTestId('setup-ready')).toHaveText(s('ready'));
  await expectNoSeriousViolations(page, 'the ready checklist');
  await shot(page, 'setup-ready', { fullPage: true });
});

test('issue 27 §6: other roles see their worklists instead of a placeholder, and no set-up card', async ({ browser, sila }) => {
  const reception = await staffWithSession(sila.ctx, 'هدى الاستقبال', ['reception']);
  const context = await browser.newContext({ baseURL: sila.url });
  closers.push(() => context.close());
  await context.addCookies([{ name: SESSION_COOKIE, value: reception.token, url: sila.url }]);
  const page = await context.newPage();
  await page.goto('/staff');
  const worklists = page.getByTestId('home-worklists');
  await expect(worklists.getByRole('heading', { name: s('worklists.title') })).toBeVisible({ timeout: 30_000 });
  await expect(worklists.getByRole('link', { name: 'الطلبات' })).toBeVisible();
  await expect(worklists.getByRole('link', { name: copy('shell.users') })).toHaveCount(0);
  await expect(page.getByTestId('setup-card')).toHaveCount(0);
});
