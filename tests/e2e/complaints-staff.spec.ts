import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { SEEDED_COMMITTEES } from '../../src/contracts/committees.js';
import { expectNoSeriousViolations } from './support/axe.js';
import { expect, serveSilaForThisFile, test } from './support/fixtures.js';
import { changeFirstPassword, expectHome, firstAdministratorSignIn, signIn } from './support/journeys.js';
import { enableSms } from './support/portal.js';
import { shot } from './support/shots.js';

/**
 * Issue 6 §4–§6 in Arabic, end to end (E1): (a) an anonymous visitor on a 360 px phone files a complaint
 * with a photo; a follow-up committee member assesses (marking a colleague as concerned, who is then
 * never offered), assigns, investigates, decides and communicates the response; the visitor sees it on
 * the tracking page with no personal data and no staff names. (b) Reception registers a fax complaint
 * with the scanned page, sends the acknowledgement by SMS, and it appears in the committee's worklist.
 * (c) axe on the worklist, the intake and the complaint page at 1280 and 360 px. Pictures when SILA_SHOTS is set.
 */
serveSilaForThisFile();
// Whole journeys on a shared machine: each test walks many screens.
test.describe.configure({ timeout: 360_000 });

type Texts = { [key: string]: string | Texts };
const ar = JSON.parse(readFileSync(path.resolve('src/web/complaints/i18n/ar.json'), 'utf8')) as Texts;
const oversightAr = JSON.parse(readFileSync(path.resolve('src/web/oversight/i18n/ar.json'), 'utf8')) as Texts;
function k(key: string, values: Record<string, string> = {}, texts: Texts = ar): string {
  let node: string | Texts | undefined = texts;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`No text ${key}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');
}
const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exactly = (label: string) => new RegExp(`^${escapeRegExp(label)}( \\*)?$`);
const PHOTO = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]), Buffer.alloc(2048, 9)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

const STAFF = [
  { username: 'reem.reception', displayName: 'ريم الاستقبال', roles: ['reception'] },
  { username: 'khalid.followup', displayName: 'خالد المتابعة', roles: ['follow-up-committee'] },
  { username: 'mona.followup', displayName: 'منى المتابعة', roles: ['follow-up-committee'] },
  { username: 'sara.manager', displayName: 'سارة الإدارة', roles: ['management'] },
];
const ids = new Map<string, string>();
const passwords = new Map<string, string>();
const contexts: BrowserContext[] = [];
const pages = new Map<string, Page>();
let publicComplaint = { reference: '', code: '' };
let faxReference = '';
let complaintUrl = '';

async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: exactly(label) }).click({ force: true });
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function staffPage(browser: Browser, baseURL: string, username: string): Promise<Page> {
  const existing = pages.get(username);
  if (existing) return existing;
  const person = STAFF.find((s) => s.username === username);
  if (!person) throw new Error(username);
  const context = await browser.newContext({ baseURL });
  contexts.push(context);
  const page = await context.newPage();
  const temporary = passwords.get(username) ?? '';
  await signIn(page, username, temporary);
  await changeFirstPassword(page, temporary, `نخيل الأحساء وقت الحصاد ${username.length}`);
  await expectHome(page, person.displayName);
  pages.set(username, page);
  return page;
}

async function pictures(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, `complaints-staff-${name}-1280`, { fullPage: true });
  await page.setViewportSize({ width: 360, height: 800 });
  await page.waitForTimeout(600);
  await expectNoSeriousViolations(page, `${name} at 360 px`);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await shot(page, `complaints-staff-${name}-360`, { fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.waitForTimeout(300);
}

test.afterAll(async () => {
  for (const context of contexts) await context.close();
});

test('an administrator creates reception and two follow-up committee members and names the committee', async ({ page, sila }) => {
  enableSms(sila.ctx);
  await firstAdministratorSignIn(page, sila.admin);
  for (const user of STAFF) {
    const created = await page.evaluate(async ({ username, displayName, roles }) => {
      const session = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
      const response = await fetch('/api/v1/staff/users', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ username, displayName, roles, scope: { categories: [], domains: [], offices: [] } }),
      });
      return (await response.json()) as { user: { id: string }; oneTimePassword: string };
    }, user);
    passwords.set(user.username, created.oneTimePassword);
    ids.set(user.username, created.user.id);
  }
  const status = await page.evaluate(
    async ({ id, memberIds, chairId }) => {
      const session = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
      const response = await fetch(`/api/v1/committees/${id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ memberIds, chairId, quorum: 1 }),
      });
      return response.status;
    },
    {
      id: SEEDED_COMMITTEES.followUp,
      memberIds: [ids.get('khalid.followup'), ids.get('mona.followup')],
      chairId: ids.get('khalid.followup'),
    },
  );
  expect(status).toBe(200);
});

test('(a) a visitor files a complaint with a photo on a phone; the committee handles it; the visitor sees the response and nothing personal', async ({
  browser,
  sila,
}) => {
  const phone = await browser.newContext({
    baseURL: sila.url,
    viewport: { width: 360, height: 740 },
    locale: 'ar-SA',
    timezoneId: 'Asia/Riyadh',
    hasTouch: true,
    isMobile: true,
  });
  contexts.push(phone);
  const visitor = await phone.newPage();
  await visitor.goto('/complaints/new');
  await visitor.getByLabel('أرغب في تقديم الشكوى دون ذكر اسمي').check();
  await visitor.getByRole('combobox', { name: 'الموضوع' }).selectOption({ label: 'تأخر الخدمة أو الرد' });
  await visitor.getByLabel('ماذا حدث؟').fill('انتظرنا موعد التدريب ثلاثة أسابيع ولم يتصل بنا أحد، والموظف المختص لا يرد.');
  await visitor.getByLabel('ما الحل الذي تطلبه؟ (اختياري)').fill('تحديد موعد التدريب');
  await visitor.getByLabel('المرفقات (اختياري)').setInputFiles({ name: 'صورة الرسالة.jpg', mimeType: 'image/jpeg', buffer: PHOTO });
  await expect(visitor.locator('#attachment-list li')).toContainText('تم الرفع');
  await visitor.getByLabel('قرأت إشعار الخصوصية وأوافق عليه').check();
  await visitor.getByRole('button', { name: 'إرسال' }).click();
  await expect(visitor.locator('#receipt')).toBeVisible();
  publicComplaint = {
    reference: (await visitor.locator('#receipt-reference').textContent()) ?? '',
    code: ((await visitor.locator('#receipt-code').textContent()) ?? '').replaceAll('-', ''),
  };
  expect(publicComplaint.reference).toMatch(/^CMP-\d{4}-\d{6}$/);

  // A follow-up committee member finds it in the committee's worklist, acknowledged on arrival.
  const khalid = await staffPage(browser, sila.url, 'khalid.followup');
  await khalid
    .getByRole('link', { name: k('nav') })
    .first()
    .click();
  await expect(khalid.getByRole('heading', { level: 1, name: k('list.title') })).toBeVisible();
  await khalid.getByRole('tab', { name: new RegExp(k('list.tabs.committee')) }).click();
  await khalid.getByRole('link', { name: publicComplaint.reference }).click();
  await expect(khalid.getByTestId('complaint-step')).toHaveText(k('steps.acknowledged'));
  await expect(khalid.getByText('صورة الرسالة.jpg')).toBeVisible();
  complaintUrl = khalid.url();

  // Assess: high, and Mona is concerned (§6) — she is not offered when assigning. Anyone on the staff
  // may be concerned: Reem at reception is found by typing her name (searched on the server).
  await expect(khalid.getByRole('heading', { name: k('actions.assess') })).toBeVisible();
  await choose(khalid, k('severity'), k('severities.high'));
  await choose(khalid, k('actions.concerned'), 'منى المتابعة');
  await khalid.getByRole('combobox', { name: exactly(k('actions.concerned')) }).fill('ريم');
  await expect(khalid.getByRole('option', { name: 'ريم الاستقبال', exact: true })).toBeVisible();
  await shot(khalid, 'complaints-staff-concerned-picker-1280');
  await khalid.getByRole('option', { name: 'ريم الاستقبال', exact: true }).click();
  await khalid.keyboard.press('Escape');
  await khalid.getByLabel(k('actions.note')).fill('ملاحظة داخلية: الموظفة منى مسؤولة عن جدول التدريب.');
  await khalid.getByRole('button', { name: k('actions.confirm.assess') }).click();
  await expect(khalid.getByTestId('complaint-step')).toHaveText(k('steps.assessed'));
  const concernedLine = khalid.getByText(new RegExp(`^${escapeRegExp(k('actions.concerned'))}: `));
  await expect(concernedLine).toContainText('منى المتابعة');
  await expect(concernedLine).toContainText('ريم الاستقبال');

  await expect(khalid.getByRole('heading', { name: k('actions.assign') })).toBeVisible();
  const assignees = khalid.getByRole('radiogroup', { name: k('actions.assignee') });
  await expect(assignees.getByRole('radio', { name: 'خالد المتابعة' })).toBeVisible();
  await expect(assignees.getByRole('radio', { name: 'منى المتابعة' })).toHaveCount(0);
  await assignees.getByRole('radio', { name: 'خالد المتابعة' }).check();
  await khalid.getByRole('button', { name: k('actions.confirm.assign') }).click();
  await expect(khalid.getByTestId('complaint-step')).toHaveText(k('steps.assigned'));

  await khalid.getByRole('button', { name: k('actions.confirm.investigate') }).click();
  await expect(khalid.getByTestId('complaint-step')).toHaveText(k('steps.investigating'));
  await khalid.getByLabel(k('investigation.text.note')).fill('تواصلنا مع قسم التدريب: الموعد القادم يوم الأحد.');
  await khalid.getByRole('button', { name: k('investigation.add.note') }).click();
  await expect(khalid.getByTestId('entries')).toContainText('الموعد القادم يوم الأحد');

  await khalid
    .getByLabel(exactly(k('actions.response')))
    .fill('نعتذر عن التأخر. حُدّد موعد التدريب يوم الأحد القادم في مقر الجمعية، وسنتابع معكم الحضور.');
  await khalid.getByRole('button', { name: k('actions.confirm.decide-response') }).click();
  await expect(khalid.getByTestId('complaint-step')).toHaveText(k('steps.response-decided'));
  await expect(khalid.getByTestId('decided-response')).toContainText('حُدّد موعد التدريب');
  await khalid.getByRole('button', { name: k('actions.confirm.communicate-response') }).click();
  await expect(khalid.getByTestId('complaint-step')).toHaveText(k('steps.response-communicated'));
  await expect(khalid.getByTestId('complaint-sla')).toHaveText(k('sla.met'));
  const timeline = khalid.getByTestId('complaint-timeline');
  for (const step of ['received', 'acknowledged', 'assessed', 'assigned', 'investigating', 'response-decided', 'response-communicated'])
    await expect(timeline).toContainText(k(`steps.${step}`));
  await expect(timeline).toContainText('خالد المتابعة');
  await expectNoSeriousViolations(khalid, 'the complaint page after the response');

  // The visitor's tracking page: the response, and no names, notes or contact details.
  await visitor.goto(`/complaints/track#${publicComplaint.code}`);
  await expect(visitor.locator('#result-reference')).toHaveText(publicComplaint.reference);
  await expect(visitor.locator('#result-response')).toContainText('حُدّد موعد التدريب يوم الأحد القادم');
  const main = visitor.locator('main');
  for (const secret of ['خالد', 'منى', 'ملاحظة داخلية', 'تواصلنا مع قسم التدريب', 'انتظرنا موعد التدريب'])
    await expect(main).not.toContainText(secret);
  await shot(visitor, 'complaints-staff-track-response-360', { fullPage: true });

  // Issue 27 §4: closing records whether the writer accepted the response, and the satisfaction
  // follow-up how satisfied they were — facts, so nothing is chosen until Khalid answers.
  const outcomes = khalid.getByRole('radiogroup', { name: new RegExp(escapeRegExp(k('actions.outcome'))) });
  await expect(outcomes.getByRole('radio')).toHaveCount(2);
  for (const radio of await outcomes.getByRole('radio').all()) await expect(radio).not.toBeChecked();
  await khalid.getByRole('button', { name: k('actions.confirm.close') }).click();
  await expect(khalid.getByText(`مطلوب: ${k('actions.outcome')}`)).toBeVisible();
  await expect(khalid.getByTestId('complaint-step')).toHaveText(k('steps.response-communicated'));
  await outcomes.getByRole('radio', { name: k('outcomes.not-accepted') }).check();
  await khalid.getByRole('button', { name: k('actions.confirm.close') }).click();
  await expect(khalid.getByTestId('complaint-step')).toHaveText(k('steps.closed'));
  const satisfaction = khalid.getByRole('radiogroup', { name: new RegExp(escapeRegExp(k('actions.satisfaction'))) });
  for (const radio of await satisfaction.getByRole('radio').all()) await expect(radio).not.toBeChecked();
  await khalid.getByRole('button', { name: k('actions.confirm.record-satisfaction') }).click();
  await expect(khalid.getByText(`مطلوب: ${k('actions.satisfaction')}`)).toBeVisible();
  await expect(khalid.getByTestId('complaint-step')).toHaveText(k('steps.closed'));
  await satisfaction.getByRole('radio', { name: k('satisfaction.partly-satisfied') }).check();
  await khalid.getByRole('button', { name: k('actions.confirm.record-satisfaction') }).click();
  await expect(khalid.getByTestId('complaint-step')).toHaveText(k('steps.satisfaction-followed-up'));
  // The server refuses a close without an outcome too (problem+json naming the field).
  const refused = await khalid.evaluate(async (url) => {
    const session = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
    const id = url.split('/').pop() ?? '';
    const response = await fetch(`/api/v1/complaints/${id}/steps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
      body: JSON.stringify({ action: 'close' }),
    });
    return { status: response.status, type: response.headers.get('content-type'), body: await response.json() };
  }, complaintUrl);
  expect(refused.status).toBe(400);
  expect(refused.type).toContain('application/problem+json');
  expect(JSON.stringify(refused.body)).toContain('/outcome');
});

test('(b) reception registers a fax complaint with the scanned page and sends the acknowledgement; the committee sees it', async ({
  browser,
  sila,
}) => {
  const reem = await staffPage(browser, sila.url, 'reem.reception');
  await reem
    .getByRole('link', { name: k('nav') })
    .first()
    .click();
  await reem.getByRole('link', { name: k('list.new') }).click();
  await expect(reem.getByRole('heading', { level: 1, name: k('intake.title') })).toBeVisible();
  // Saved empty: what is missing, under each field.
  await reem.getByRole('button', { name: k('intake.save') }).click();
  await expect(reem.getByText(k('intake.channelRequired'))).toBeVisible();
  await choose(reem, k('channel'), `A4 — ${k('channels.fax')}`);
  await reem.getByRole('button', { name: k('intake.save') }).click();
  await expect(reem.getByText(k('intake.scanRequired'))).toBeVisible();
  await expectNoSeriousViolations(reem, 'the intake with errors');

  const chooser = reem.waitForEvent('filechooser');
  await reem.getByLabel(exactly(k('intake.scans'))).click();
  await (await chooser).setFiles({ name: 'fax-page-1.pdf', mimeType: 'application/pdf', buffer: PDF });
  await reem.getByLabel(exactly(k('intake.name'))).fill('فاطمة الزهراني');
  await reem.getByLabel(exactly(k('intake.mobile'))).fill('0559876543');
  await choose(reem, k('topic'), 'صرف المساعدات');
  await reem.getByLabel(exactly(k('intake.description'))).fill('وصلت رسالة بالفاكس تفيد بتأخر صرف الدعم المالي للأسرة ثلاثة أشهر.');
  await reem.getByRole('button', { name: k('intake.save') }).click();

  await expect(reem.getByText(k('intake.receiptTitle'))).toBeVisible();
  faxReference = (await reem.getByTestId('intake-reference').textContent()) ?? '';
  expect(faxReference).toMatch(/^CMP-\d{4}-\d{6}$/);
  await expect(reem.getByTestId('intake-code')).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expectNoSeriousViolations(reem, 'the intake receipt');
  await pictures(reem, 'intake-receipt');
  // How the writer is told is chosen, never pre-selected (issue 27 §4): without it, nothing is sent.
  await expect(reem.getByRole('radio', { name: k('vias.sms') })).not.toBeChecked();
  await reem.getByRole('button', { name: k('actions.confirm.acknowledge') }).click();
  await expect(reem.getByText(`مطلوب: ${k('actions.via')}`)).toBeVisible();
  await reem.getByRole('radio', { name: k('vias.sms') }).check();
  await reem.getByRole('button', { name: k('actions.confirm.acknowledge') }).click();
  await expect(reem.getByText(k('actions.done.acknowledge')).first()).toBeVisible();

  // The acknowledgement with the tracking code is in the outbox, on SMS.
  const messages = await sila.ctx.db
    .selectFrom('outbox_messages')
    .select(['event', 'channel'])
    .where('event', '=', 'complaint.acknowledged')
    .execute();
  expect(messages).toEqual(expect.arrayContaining([expect.objectContaining({ channel: 'sms' })]));

  const khalid = await staffPage(browser, sila.url, 'khalid.followup');
  await khalid.goto('/staff/complaints?tab=committee');
  const row = khalid.getByRole('row', { name: new RegExp(escapeRegExp(faxReference)) });
  await expect(row).toBeVisible();
  await expect(row).toContainText(k('channels.fax'));
  await expect(row).toContainText(k('steps.acknowledged'));
});

test('(c) axe: the worklist, the intake and the complaint page at 1280 and 360 px, in Arabic', async ({ browser, sila }) => {
  const khalid = await staffPage(browser, sila.url, 'khalid.followup');
  await khalid.goto('/staff/complaints?tab=committee');
  await expect(khalid.getByRole('heading', { level: 1, name: k('list.title') })).toBeVisible();
  await expect(khalid.getByTestId('complaint-row').first()).toBeVisible();
  await expect(khalid.locator('html')).toHaveAttribute('dir', 'rtl');
  await expectNoSeriousViolations(khalid, 'the complaints worklist');
  await pictures(khalid, 'worklist');

  await khalid.goto(complaintUrl);
  await expect(khalid.getByTestId('complaint-step')).toBeVisible();
  await expectNoSeriousViolations(khalid, 'the complaint page');
  await pictures(khalid, 'complaint');

  const reem = await staffPage(browser, sila.url, 'reem.reception');
  await reem.goto('/staff/complaints/new');
  await expect(reem.getByRole('heading', { level: 1, name: k('intake.title') })).toBeVisible();
  await expectNoSeriousViolations(reem, 'the intake');
  await pictures(reem, 'intake');
});

test('(d) management: an oversight figure opens the narrowed list, chips removable; the writer masked; intake of an inquiry preselected', async ({
  browser,
  sila,
}) => {
  const sara = await staffPage(browser, sila.url, 'sara.manager');
  await sara.goto('/staff/oversight');
  // The fax complaint, acknowledged today: the "acknowledged × 0–2 days" figure.
  const stepName = k('complaintSteps.acknowledged', {}, oversightAr);
  const ageName = k('ages.0-2', {}, oversightAr);
  const figure = sara.getByTestId('open-complaint').getByRole('link', { name: new RegExp(`^${escapeRegExp(`${stepName}، ${ageName}`)}`) });
  await expect(figure).toBeVisible();
  const shown = Number(((await figure.textContent()) ?? '').replace(/[٠-٩]/g, (d) => String('٠١٢٣٤٥٦٧٨٩'.indexOf(d))));
  expect(shown).toBeGreaterThanOrEqual(1);
  await figure.click();

  await expect(sara).toHaveURL(/\/staff\/complaints\?.*step=acknowledged/);
  await expect(sara).toHaveURL(/age=0-2/);
  await expect(sara.getByRole('tab', { name: new RegExp(k('list.tabs.all')) })).toHaveAttribute('aria-selected', 'true');
  await expect(sara.getByTestId('complaint-filter-step')).toHaveText(k('list.filter.step', { value: k('steps.acknowledged') }));
  await expect(sara.getByTestId('complaint-filter-age')).toHaveText(k('list.filter.age', { value: k('ages.0-2') }));
  // The list holds exactly the figure's rows, each at that step.
  await expect(sara.getByTestId('complaint-row')).toHaveCount(shown);
  for (const row of await sara.getByTestId('complaint-row').all()) await expect(row).toContainText(k('steps.acknowledged'));
  await expect(sara.getByRole('row', { name: new RegExp(escapeRegExp(faxReference)) })).toBeVisible();
  await expectNoSeriousViolations(sara, 'the narrowed complaints list');
  await pictures(sara, 'narrowed-list');

  // Removing the age chip keeps the step; removing the step shows the whole open list again.
  await sara.getByRole('button', { name: k('list.filter.remove', { filter: k('list.filter.age', { value: k('ages.0-2') }) }) }).click();
  await expect(sara).not.toHaveURL(/age=/);
  await expect(sara.getByTestId('complaint-filter-age')).toHaveCount(0);
  await expect(sara.getByTestId('complaint-filter-step')).toBeVisible();
  await sara
    .getByRole('button', { name: k('list.filter.remove', { filter: k('list.filter.step', { value: k('steps.acknowledged') }) }) })
    .click();
  await expect(sara.getByTestId('complaint-filters')).toHaveCount(0);
  // (The public complaint was closed in (a); the fax complaint is still open.)
  await expect(sara.getByRole('row', { name: new RegExp(escapeRegExp(faxReference)) })).toBeVisible();

  // Management reads the writer masked (the committee sees it in full).
  await sara.getByRole('link', { name: faxReference }).click();
  await expect(sara.getByTestId('writer-masked')).toHaveText(k('page.writerMasked'));
  await expect(sara.getByText('ف••• ا•••')).toBeVisible();
  await expect(sara.getByText('+9665•••••543')).toBeVisible();
  await expect(sara.locator('main')).not.toContainText('فاطمة الزهراني');
  await expect(sara.locator('main')).not.toContainText('559876543');
  await expectNoSeriousViolations(sara, 'the complaint page, masked');
  await pictures(sara, 'complaint-masked');

  const khalid = await staffPage(browser, sila.url, 'khalid.followup');
  await khalid.goto('/staff/complaints?tab=committee');
  await khalid.getByRole('link', { name: faxReference }).click();
  await expect(khalid.getByText('فاطمة الزهراني')).toBeVisible();
  await expect(khalid.getByTestId('writer-masked')).toHaveCount(0);

  // "Log an inquiry" from the inquiries page opens the intake on an inquiry.
  const reem = await staffPage(browser, sila.url, 'reem.reception');
  await reem.goto('/staff/complaints/new?kind=inquiry');
  await expect(reem.getByRole('radio', { name: k('kinds.inquiry') })).toBeChecked();
  await expect(reem.getByRole('radio', { name: k('kinds.complaint') })).not.toBeChecked();
});
