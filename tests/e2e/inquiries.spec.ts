import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { outboxAad } from '../../src/modules/notifications/outbox.enqueue.js';
import { expectNoSeriousViolations } from './support/axe.js';
import { expect, serveSilaForThisFile, test } from './support/fixtures.js';
import { changeFirstPassword, expectHome, firstAdministratorSignIn, signIn } from './support/journeys.js';
import { registerFamilyAtReception } from './support/portal.js';

/**
 * Issue 6 §7–§9 in Arabic (C1, E2, G1, G2, H5, H6): an administrator fills the contact-officer
 * register; an inquiry from the public link for a family's category and domain reaches that officer
 * (another officer does not see it); the officer answers from an approved template; the answer is in
 * the outbox and on the tracking page; an absent officer's inquiry goes to the backup; management's
 * oversight figures open their lists; complaint settings save and show a bad value's error. axe at
 * 1280 and 360 px on each new page. Screenshots: SILA_SHOTS=/tmp/dir.
 */
serveSilaForThisFile();
// Five people sign in for the first time (one with an authenticator) on a machine shared with other suites.
test.describe.configure({ timeout: 300_000 });

type Texts = { [key: string]: string | Texts };
const load = (file: string) => JSON.parse(readFileSync(path.resolve(file), 'utf8')) as Texts;
const files = {
  i: load('src/web/inquiries/i18n/ar.json'),
  o: load('src/web/contact-officers/i18n/ar.json'),
  m: load('src/web/oversight/i18n/ar.json'),
  s: load('src/web/complaint-settings/i18n/ar.json'),
  e: load('src/web/inquiries/i18n/errors.ar.json'),
  n: load('src/web/notifications/i18n/ar.json'),
};
function text(source: Texts, key: string, values: Record<string, string> = {}): string {
  let node: string | Texts | undefined = source;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`No text ${key}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');
}
const i = (key: string, values?: Record<string, string>) => text(files.i, key, values);
const o = (key: string, values?: Record<string, string>) => text(files.o, key, values);
const m = (key: string, values?: Record<string, string>) => text(files.m, key, values);
const s = (key: string, values?: Record<string, string>) => text(files.s, key, values);
const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const combo = (scope: Page | ReturnType<Page['getByRole']>, label: string) =>
  scope.getByRole('combobox', { name: new RegExp(`^${escapeRegExp(label)}( \\*)?$`) });
const shots = process.env.SILA_SHOTS;
if (shots) mkdirSync(shots, { recursive: true });

async function choose(page: Page, label: string, option: string): Promise<void> {
  await combo(page, label).click({ force: true });
  await page.getByRole('option', { name: option }).click();
}

/** axe at 1280 px and at 360 px (and pictures when asked), then back to 1280. */
async function checkBothWidths(page: Page, name: string): Promise<void> {
  // The pointer left on the menu item just clicked would be scanned in its hover colours.
  await page.mouse.move(640, 790);
  await expectNoSeriousViolations(page, `${name} at 1280 px`);
  if (shots) await page.screenshot({ path: `${shots}/${name}-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 360, height: 800 });
  await page.waitForTimeout(500);
  await expectNoSeriousViolations(page, `${name} at 360 px`);
  if (shots) await page.screenshot({ path: `${shots}/${name}-360.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.waitForTimeout(300);
}

const STAFF = [
  { username: 'khalid.officer', displayName: 'خالد الشمري', roles: ['contact-officer'] },
  { username: 'hind.backup', displayName: 'هند القحطاني', roles: ['contact-officer'] },
  { username: 'reem.officer', displayName: 'ريم العنزي', roles: ['contact-officer'] },
  { username: 'majed.manager', displayName: 'ماجد الإدارة', roles: ['management'] },
];
const passwords = new Map<string, string>();
const contexts: BrowserContext[] = [];
let adminPage: Page;
let family: { id: string; reference: string; nationalId: string };
const inquiries: Array<{ reference: string; code: string }> = [];

async function staffPage(browser: Browser, baseURL: string, username: string): Promise<Page> {
  const person = STAFF.find((p) => p.username === username);
  const context = await browser.newContext({ baseURL });
  contexts.push(context);
  const page = await context.newPage();
  const temporary = passwords.get(username) ?? '';
  await signIn(page, username, temporary);
  await changeFirstPassword(page, temporary, `نخيل الأحساء وقهوة الصباح ${username.length}`);
  await expectHome(page, person?.displayName ?? '');
  return page;
}

/** A visitor asks from the public link as a registered family, about the training domain. */
async function askAsFamily(browser: Browser, baseURL: string, question: string): Promise<{ reference: string; code: string }> {
  const context = await browser.newContext({ baseURL, viewport: { width: 360, height: 740 }, locale: 'ar-SA', isMobile: true });
  const page = await context.newPage();
  await page.goto('/complaints/new');
  await page.getByRole('radio', { name: 'استفسار' }).check();
  await page.getByLabel('الاسم', { exact: true }).fill('آمنة الدوسري');
  await page.getByLabel('رقم الجوال').fill('0551234567');
  await page.getByRole('radio', { name: 'نعم' }).check();
  await page.getByLabel('رقم الهوية الوطنية أو الإقامة').fill(family.nationalId);
  await page.locator('#topic-inquiry').selectOption({ label: 'شروط الاستفادة والخدمات' });
  await page.getByRole('combobox', { name: 'المجال الذي تخصه' }).selectOption({ label: 'التدريب والتأهيل' });
  await page.getByLabel('ما استفسارك؟').fill(question);
  await page.getByLabel('قرأت إشعار الخصوصية وأوافق عليه').check();
  await page.getByRole('button', { name: 'إرسال' }).click();
  await expect(page.getByRole('heading', { name: 'استلمنا استفسارك' })).toBeVisible();
  const reference = ((await page.locator('#receipt-reference').textContent()) ?? '').trim();
  const code = ((await page.locator('#receipt-code').textContent()) ?? '').trim();
  await context.close();
  expect(reference).toMatch(/^INQ-\d{4}-\d{6}$/);
  return { reference, code };
}

test.afterAll(async () => {
  for (const context of contexts) await context.close();
});

test('G1: an administrator fills the register grid; a personal mobile is refused under its field', async ({ browser, sila }) => {
  const context = await browser.newContext({ baseURL: sila.url });
  contexts.push(context);
  adminPage = await context.newPage();
  const page = adminPage;
  await firstAdministratorSignIn(page, sila.admin);
  for (const person of STAFF) {
    const created = await page.evaluate(async (body) => {
      const session = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
      const response = await fetch('/api/v1/staff/users', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ ...body, scope: { categories: [], domains: [], offices: [] } }),
      });
      return (await response.json()) as { oneTimePassword: string };
    }, person);
    passwords.set(person.username, created.oneTimePassword);
  }
  family = await registerFamilyAtReception(sila.ctx, 'آمنة عبدالله الدوسري');

  await page
    .getByRole('link', { name: o('nav') })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1, name: o('title') })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('link', { name: o('publicPage') })).toHaveAttribute('href', '/contact');
  await checkBothWidths(page, 'contact-officers');

  const where = o('cellName', { category: 'أسرة منتجة', domain: 'التدريب والتأهيل' });
  await page.getByRole('button', { name: o('addIn', { where }) }).click();
  const dialog = page.getByRole('dialog', { name: o('addTitle') });
  await expect(dialog.getByTestId('entry-key')).toHaveText(where);
  await choose(page, o('officer'), 'خالد الشمري');
  await choose(page, o('backup'), 'هند القحطاني');
  await dialog.getByLabel(new RegExp(`^${o('roleTitleAr')}`)).fill('ضابط اتصال الأسر المنتجة للتدريب');
  await dialog.getByLabel(new RegExp(`^${o('roleTitleEn')}`)).fill('Productive families training contact officer');
  await dialog.getByLabel(new RegExp(`^${o('address')}`)).fill('0551234567');
  await expectNoSeriousViolations(page, 'the register entry form');
  await dialog.getByRole('button', { name: o('save') }).click();
  await expect(dialog.getByText(text(files.e, 'officers.personal-phone'))).toBeVisible();
  if (shots) await page.screenshot({ path: `${shots}/contact-officer-error-1280.png` });
  await dialog.getByLabel(new RegExp(`^${o('address')}`)).fill('920012345 تحويلة 12');
  await dialog.getByRole('button', { name: o('save') }).click();
  await expect(page.getByText(o('saved'), { exact: true })).toBeVisible();
  const cell = page.locator('[data-cell="productive-family|training"]');
  await expect(cell).toContainText('خالد الشمري');
  await expect(cell).toContainText(o('backupShort', { name: 'هند القحطاني' }));
  await expect(page.getByTestId('absence-table')).toContainText('ريم العنزي');
  // The whole grid fits beside the menu at 1280 px (no sideways scrolling); at 360 px one block per category.
  const grid = page.getByTestId('register-grid');
  const overflow = () => grid.evaluate((element) => element.scrollWidth - element.clientWidth);
  await expect(grid).toHaveAttribute('data-layout', 'grid');
  expect(await overflow()).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 360, height: 800 });
  await expect(grid).toHaveAttribute('data-layout', 'stacked');
  expect(await overflow()).toBeLessThanOrEqual(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expect(cell).toContainText('خالد الشمري');
  await expect(page.getByRole('button', { name: o('editIn', { where }) })).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 800 });
  await checkBothWidths(page, 'contact-officers-filled');
});

test('G1, C1, G2: the family’s inquiry reaches its officer only, who answers from an approved template', async ({ browser, sila }) => {
  const question = 'ما شروط الالتحاق ببرنامج التدريب على الخياطة للأسر المنتجة؟';
  const asked = await askAsFamily(browser, sila.url, question);
  inquiries.push(asked);

  // Another contact officer does not see it: not in their list, not in the queues, not by its address.
  const reem = await staffPage(browser, sila.url, 'reem.officer');
  await reem
    .getByRole('link', { name: i('nav') })
    .first()
    .click();
  await expect(reem.getByRole('heading', { level: 1, name: i('list.title') })).toBeVisible({ timeout: 30_000 });
  await expect(reem.getByText(i('list.empty.mine'))).toBeVisible();
  await reem.getByRole('tab', { name: i('list.tabs.general') }).click();
  await expect(reem.getByText(i('list.empty.general'))).toBeVisible();

  const khalid = await staffPage(browser, sila.url, 'khalid.officer');
  await khalid
    .getByRole('link', { name: i('nav') })
    .first()
    .click();
  await expect(khalid.getByRole('tab', { name: i('list.tabs.mine') })).toHaveAttribute('aria-selected', 'true');
  await expect(khalid.getByTestId('inquiry-count')).toHaveText(i('list.count_one'));
  // Each tab's count is its open list's total (C1): one routed to him, none in the queues.
  await expect(khalid.getByTestId('inquiry-tab-count-mine')).toHaveText('1');
  await expect(khalid.getByTestId('inquiry-tab-count-general')).toHaveText('0');
  await checkBothWidths(khalid, 'inquiries');
  await khalid.getByRole('link', { name: asked.reference }).click();
  await expect(khalid.getByRole('heading', { level: 1, name: i('page.title', { reference: asked.reference }) })).toBeVisible();
  await expect(khalid.getByTestId('inquiry-description')).toHaveText(question);
  await expect(khalid.getByTestId('inquiry-handler')).toHaveText('خالد الشمري');
  await expect(khalid.getByTestId('inquiry-route-rule')).toHaveText(i('rules.category-domain'));
  await expect(khalid.getByTestId('inquiry-response-time')).toHaveText(i('page.notAnswered'));
  const url = khalid.url();

  // The template's text fills the answer, then the officer sends it.
  await choose(khalid, i('actions.template'), 'شروط الاستفادة');
  const answer = khalid.getByLabel(new RegExp(`^${i('actions.answer')}`));
  await expect(answer).toHaveValue(/يشترط للاستفادة من برامج الأسر المنتجة/);
  await checkBothWidths(khalid, 'inquiry');
  await khalid.getByRole('button', { name: i('actions.send') }).click();
  await expect(khalid.getByText(i('actions.answered'), { exact: true })).toBeVisible();
  await expect(khalid.getByTestId('inquiry-answer-text')).toContainText('يشترط للاستفادة');
  await expect(khalid.getByTestId('inquiry-response-time')).toHaveText(i('duration.underHour'));
  await expect(
    khalid.getByRole('region', { name: i('actions.closeTitle') }).getByRole('button', { name: i('actions.close') }),
  ).toBeVisible();
  if (shots) await khalid.screenshot({ path: `${shots}/inquiry-answered-1280.png`, fullPage: true });

  await reem.goto(url);
  // 404 alike for what is not theirs: a sentence, never the question.
  await expect(reem.getByRole('alert')).toContainText('الاستفسار غير موجود');
  await expect(reem.locator('main')).not.toContainText(question);

  // The answer is in the outbox (to the mobile the writer gave) and on the tracking page.
  const message = await sila.ctx.db
    .selectFrom('outbox_messages')
    .select(['id', 'body', 'event'])
    .where('event', '=', 'inquiry.answered')
    .executeTakeFirstOrThrow();
  expect(sila.ctx.keys.encryptor.decrypt(message.body as string, outboxAad(message.id, 'body'))).toContain('يشترط للاستفادة');
  await adminPage
    .getByRole('link', { name: text(files.n, 'navOutbox') })
    .first()
    .click();
  const eventLabel = text(files.n, 'events.inquiry.answered');
  await expect(adminPage.getByRole('row', { name: new RegExp(escapeRegExp(eventLabel)) })).toHaveCount(1);

  const visitor = await browser.newContext({ baseURL: sila.url, viewport: { width: 360, height: 740 }, locale: 'ar-SA' });
  contexts.push(visitor);
  const track = await visitor.newPage();
  await track.goto(`/complaints/track#${asked.code.replaceAll('-', '')}`);
  await expect(track.locator('#result-reference')).toHaveText(asked.reference);
  await expect(track.locator('#result-response')).toContainText('يشترط للاستفادة من برامج الأسر المنتجة');
  if (shots) await track.screenshot({ path: `${shots}/inquiry-track-360.png`, fullPage: true });
});

test('G1: an absent officer’s new inquiry goes to the backup', async ({ browser, sila }) => {
  await adminPage
    .getByRole('link', { name: o('nav') })
    .first()
    .click();
  await adminPage.getByRole('button', { name: o('absence.markFor', { name: 'خالد الشمري' }) }).click();
  const dialog = adminPage.getByRole('dialog');
  await expectNoSeriousViolations(adminPage, 'the absence form');
  await dialog.getByRole('button', { name: o('absence.confirm') }).click();
  await expect(adminPage.getByText(o('absence.saved', { name: 'خالد الشمري' }), { exact: true })).toBeVisible();
  await expect(adminPage.locator('[data-cell="productive-family|training"]')).toContainText(o('absent'));

  const asked = await askAsFamily(browser, sila.url, 'متى تبدأ الدورة القادمة في التسويق الإلكتروني للمنتجات؟');
  inquiries.push(asked);
  const hind = await staffPage(browser, sila.url, 'hind.backup');
  await hind
    .getByRole('link', { name: i('nav') })
    .first()
    .click();
  await hind.getByRole('link', { name: asked.reference }).click();
  await expect(hind.getByTestId('inquiry-handler')).toHaveText('هند القحطاني');
  await expect(hind.getByTestId('inquiry-route-rule')).toHaveText(`${i('rules.category-domain')} ${i('rules.backup')}`);
});

test('H5, H6: the oversight page shows the figures and each opens the list behind it', async ({ browser, sila }) => {
  const manager = await staffPage(browser, sila.url, 'majed.manager');
  await manager
    .getByRole('link', { name: m('nav') })
    .first()
    .click();
  await expect(manager.getByRole('heading', { level: 1, name: m('title') })).toBeVisible({ timeout: 30_000 });
  const officers = manager.getByTestId('oversight-officers');
  await expect(officers.getByRole('row', { name: /خالد الشمري/ })).toContainText(m('absent'));
  await expect(officers.getByRole('row', { name: /هند القحطاني/ })).toContainText(m('noMedian'));
  await expect(manager.getByRole('link', { name: `${m('generalQueue')}: 0` })).toBeVisible();
  await checkBothWidths(manager, 'oversight');

  const cell = m('cellLabel', { step: i('steps.routed'), age: m('ages.0-2'), n: '1' });
  await manager.getByRole('link', { name: cell }).click();
  await expect(manager).toHaveURL(/\/staff\/inquiries\?list=all&step=routed&age=0-2$/);
  await expect(manager.getByTestId('inquiry-filters')).toContainText(i('list.filter.step', { step: i('steps.routed') }));
  await expect(manager.getByTestId('inquiry-count')).toHaveText(i('list.count_one'));
  await expect(manager.getByRole('link', { name: inquiries[1]?.reference ?? '-' })).toBeVisible();

  await expect(manager.getByTestId('inquiry-tab-count-all')).toHaveText('2');

  await manager.goBack();
  await manager.getByRole('link', { name: m('openOf', { name: 'هند القحطاني', n: '1' }) }).click();
  await expect(manager).toHaveURL(/list=all&officerId=[^&]+&awaitingAnswer=true$/);
  await expect(manager.getByTestId('inquiry-filter-officerId')).toHaveText(i('list.filter.officerNamed', { name: 'هند القحطاني' }));
  await expect(manager.getByTestId('inquiry-count')).toHaveText(i('list.count_one'));
  await expect(manager.getByRole('link', { name: inquiries[1]?.reference ?? '-' })).toBeVisible();
  await expect(manager.getByRole('link', { name: inquiries[0]?.reference ?? '-' })).toHaveCount(0);

  // H6: "answered (90 days)" opens the inquiries that officer answered in those 90 days, not all of theirs.
  await manager.goBack();
  await manager.getByRole('link', { name: m('answeredOf', { name: 'خالد الشمري', n: '1' }) }).click();
  await expect(manager).toHaveURL(/list=all&answeredBy=[^&]+&answeredSince=\d{4}-\d\d-\d\dT[^&]+$/);
  const answeredChip = manager.getByTestId('inquiry-filter-answeredBy');
  await expect(answeredChip).toContainText(i('list.filter.answeredByNamed', { name: 'خالد الشمري' }));
  // Since the day 90 days before the figures, in both calendars.
  await expect(answeredChip).toContainText(/\d{4} هـ \(\d+ [^)]+ \d{4}\)/);
  await expect(manager.getByTestId('inquiry-count')).toHaveText(i('list.count_one'));
  await expect(manager.getByRole('link', { name: inquiries[0]?.reference ?? '-' })).toBeVisible();
  await expect(manager.getByRole('link', { name: inquiries[1]?.reference ?? '-' })).toHaveCount(0);
  if (shots) await manager.screenshot({ path: `${shots}/inquiries-answered-by-1280.png`, fullPage: true });
  await expectNoSeriousViolations(manager, 'the answered-by list');
  // The chip removes its filter: all open inquiries again.
  await answeredChip.getByRole('button', { name: new RegExp(escapeRegExp(i('list.filter.remove', { filter: '' }))) }).click();
  await expect(manager).toHaveURL(/\/staff\/inquiries\?list=all$/);
  await expect(manager.getByTestId('inquiry-filters')).toHaveCount(0);
  await expect(manager.getByTestId('inquiry-count')).toHaveText(i('list.count_two'));
  // Management reads the writer's details masked, and the page says why (ARCHITECTURE.md, who can call what).
  await manager.getByRole('link', { name: inquiries[0]?.reference ?? '-' }).click();
  await expect(manager.getByTestId('writer-masked')).toHaveText(i('page.writerMasked'));
});

test('E2: complaint settings save; a repeated code and an out-of-range limit show under their fields', async () => {
  const page = adminPage;
  await page
    .getByRole('link', { name: s('nav') })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1, name: s('title') })).toBeVisible({ timeout: 30_000 });
  await checkBothWidths(page, 'complaint-settings');

  // The server's check: two topics with one code.
  const firstCode = page.getByLabel(new RegExp(`^${s('topics.code', { n: '1' })}( \\*)?$`));
  await firstCode.fill('staff-conduct');
  await page.getByRole('button', { name: s('save') }).click();
  await expect(page.getByText('هذا الرمز مستعمل في هذه القائمة. اختر رمزًا آخر.')).toBeVisible();
  // The server names the repeated code's field: the topic that already held it.
  await expect(page.locator('[data-path="topics.1.code"]')).toHaveAttribute('aria-invalid', 'true');
  await firstCode.fill('service-delay');

  // The form's own check, with the range in words.
  const lookups = page.getByLabel(new RegExp(`^${s('fields.lookupsPerMinute')}( \\*)?$`));
  await lookups.fill('5000');
  await page.getByRole('button', { name: s('save') }).click();
  await expect(page.getByText(s('fixErrors'), { exact: true })).toBeVisible();
  await expect(lookups).toHaveAttribute('aria-invalid', 'true');
  await page.mouse.move(640, 10);
  await expectNoSeriousViolations(page, 'complaint settings with errors');
  if (shots) await page.screenshot({ path: `${shots}/complaint-settings-errors-1280.png`, fullPage: true });
  await lookups.fill('30');
  await page.getByRole('button', { name: s('save') }).click();
  await expect(page.getByText(s('saved'), { exact: true })).toBeVisible();
  const saved = await page.evaluate(
    async () => (await (await fetch('/api/v1/settings/complaints')).json()) as { lookupsPerMinute: number },
  );
  expect(saved.lookupsPerMinute).toBe(30);
});
