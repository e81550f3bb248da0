import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { PORTAL_COPY } from '../../src/modules/portal/portal.copy.js';
import { expectNoSeriousViolations } from './support/axe.js';
import { expect, serveSilaForThisFile, test } from './support/fixtures.js';
import { changeFirstPassword, expectHome, firstAdministratorSignIn, signIn } from './support/journeys.js';
import { attestationCodeSentTo, codeSentTo, enableSms, registerFamilyAtReception } from './support/portal.js';

/**
 * Issue 5 §2 online, in Arabic at 360 px: a family signs in with the code its phone receives,
 * chooses a request type and reads its criteria and checklist before filling anything (C2), fills
 * its fields, sees plainly what is still missing (C3), uploads the documents, confirms exactly the
 * summary shown with a one-time code (C4), submits, and reads the deadline in Hijri and Gregorian and
 * the channel news comes on (C5, C6). Staff then see it on the worklist and on the family's page.
 * Then the same pages in English. Axe on each new view; pictures when SILA_SHOTS is set.
 */
serveSilaForThisFile();

const ar = PORTAL_COPY.ar;
const en = PORTAL_COPY.en;
const shots = process.env.SILA_SHOTS;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
const TOOLS_AR = 'دعم بأدوات ومعدات';
const TOOLS_EN = 'Tools and equipment aid';

type Texts = { [key: string]: string | Texts };
const requestsAr = JSON.parse(readFileSync(path.resolve('src/web/requests/i18n/ar.json'), 'utf8')) as Texts;
const familiesAr = JSON.parse(readFileSync(path.resolve('src/web/families/i18n/ar.json'), 'utf8')) as Texts;
function text(source: Texts, key: string): string {
  let node: string | Texts | undefined = source;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`No text ${key}`);
  return node;
}

let family: { id: string; reference: string; nationalId: string };
let requestReference = '';
let requestId = '';

async function fitsThePhone(page: Page, name: string): Promise<void> {
  const hasNoSideScroll = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  expect(hasNoSideScroll, `${name}: no sideways scrolling at 360 px`).toBe(true);
  if (shots) await page.screenshot({ path: `${shots}/portal-apply-${name}-360.png`, fullPage: true });
}

async function signInToPortal(page: Page, nationalId: string, familyId: string, copy = ar): Promise<void> {
  await page.getByLabel(copy.nationalIdLabel).fill(nationalId);
  await page.getByRole('button', { name: copy.sendCode }).click();
  await expect(page.getByLabel(copy.codeLabel)).toBeFocused();
  await page.getByLabel(copy.codeLabel).fill(await codeSentTo(ctxRef(), familyId));
  await page.getByRole('button', { name: copy.signIn, exact: true }).click();
}

// The server's context, set by the first test (the sign-in helper reads the code from its outbox).
let ctxHolder: Parameters<typeof codeSentTo>[0] | null = null;
const ctxRef = () => {
  if (!ctxHolder) throw new Error('no server context');
  return ctxHolder;
};

const uploadForm = (page: Page, itemLabel: string) =>
  page.locator('form.upload-form').filter({ has: page.getByRole('heading', { level: 3, name: new RegExp(`^${itemLabel}`) }) });

test('a family applies online in Arabic on a phone: criteria first, what is missing, documents, a code, the deadline in both calendars', async ({
  page,
  sila,
}) => {
  ctxHolder = sila.ctx;
  enableSms(sila.ctx);
  family = await registerFamilyAtReception(sila.ctx, 'نورة محمد العتيبي');
  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto('/portal');
  await signInToPortal(page, family.nationalId, family.id);
  await expect(page.getByRole('heading', { level: 2, name: ar.myRequests })).toBeVisible();

  // C2: the types, then one type's criteria and checklist, before anything is filled.
  await page.getByRole('link', { name: ar.apply.newRequest }).click();
  await expect(page.getByRole('heading', { level: 2, name: ar.apply.chooseTitle })).toBeVisible();
  await expectNoSeriousViolations(page, 'portal: choose a request type');
  await fitsThePhone(page, 'choose');
  await page.getByRole('link', { name: new RegExp(`^${ar.apply.seeCriteria}\\s*:\\s*${TOOLS_AR}$`) }).click();
  await expect(page.getByRole('heading', { level: 2, name: TOOLS_AR })).toBeVisible();
  await expect(page.getByRole('heading', { name: ar.apply.criteriaTitle })).toBeVisible();
  await expect(page.getByText('تقديم عرض سعر من مورد معتمد.')).toBeVisible();
  await expect(page.getByRole('heading', { name: ar.apply.checklistTitle })).toBeVisible();
  await expect(page.getByText('عرض سعر من المورد')).toBeVisible();
  await expect(page.getByRole('textbox')).toHaveCount(0);
  await expectNoSeriousViolations(page, 'portal: criteria and checklist');
  await fitsThePhone(page, 'criteria');

  // A double tap makes one request.
  await page.getByRole('button', { name: ar.apply.start }).dblclick();
  await expect(page).toHaveURL(/\/portal\/requests\/[0-9a-f-]{36}$/);
  requestId = page.url().split('/').pop() ?? '';
  const drafts = await sila.ctx.db.selectFrom('requests').select('id').where('family_id', '=', family.id).execute();
  expect(drafts.map((d) => d.id)).toEqual([requestId]);
  requestReference = (await page.locator('.reference bdi').first().textContent()) ?? '';
  expect(requestReference).toMatch(/^REQ-/);

  // C3: everything still missing, plainly; no confirmation yet.
  const missing = page.getByRole('region', { name: ar.apply.missingTitle });
  await expect(missing).toContainText(ar.apply.missingIntro);
  await expect(missing).toContainText('التكلفة التقديرية (ريال)');
  await expect(missing).toContainText('صورة الهوية الوطنية أو الإقامة');
  await expect(page.getByText(ar.apply.confirmLocked)).toBeVisible();
  await expectNoSeriousViolations(page, 'portal: a new draft');
  await fitsThePhone(page, 'draft');

  // The type's fields: a choice, long text, numbers (Arabic digits accepted); a wrong number is said plainly.
  await page.getByRole('radio', { name: 'خياطة وتطريز' }).check();
  await page.getByLabel('الأدوات والمعدات المطلوبة').fill('ماكينة خياطة صناعية ومقص كهربائي');
  await page.getByLabel('التكلفة التقديرية (ريال)').fill('٤٥٠٠');
  await page.getByLabel('دخل الأسرة الشهري (ريال)').fill('ثلاثة آلاف');
  await page.getByRole('button', { name: ar.apply.save }).click();
  await expect(page.getByText(ar.apply.errors.fieldNumber)).toBeVisible();
  await expect(page.getByLabel('دخل الأسرة الشهري (ريال)')).toHaveAttribute('aria-invalid', 'true');
  if (shots) await page.screenshot({ path: `${shots}/portal-apply-field-error-360.png`, fullPage: true });
  await page.getByLabel('دخل الأسرة الشهري (ريال)').fill('3200');
  await page.getByRole('button', { name: ar.apply.save }).click();
  await expect(page.getByText(ar.apply.saved)).toBeVisible();
  // Kept on the server: the page came back with the answers.
  await expect(page.getByLabel('التكلفة التقديرية (ريال)')).toHaveValue('4500');
  await expect(page.getByRole('radio', { name: 'خياطة وتطريز' })).toBeChecked();
  await expect(missing).not.toContainText('التكلفة التقديرية (ريال)');
  await expect(missing).toContainText('عرض سعر من المورد');

  // Documents: an SVG is refused with a readable message; PDFs are taken.
  const quotation = uploadForm(page, 'عرض سعر من المورد');
  await quotation
    .getByLabel(ar.apply.chooseFile)
    .setInputFiles({ name: 'quote.svg', mimeType: 'image/svg+xml', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') });
  await quotation.getByRole('button', { name: ar.apply.upload }).click();
  await expect(quotation.getByRole('alert')).toHaveText(ar.apply.errors.fileType);
  await quotation.getByLabel(ar.apply.chooseFile).setInputFiles({ name: 'عرض-سعر.pdf', mimeType: 'application/pdf', buffer: PDF });
  await quotation.getByRole('button', { name: ar.apply.upload }).click();
  await expect(uploadForm(page, 'عرض سعر من المورد')).toContainText('عرض-سعر.pdf');
  const idCopy = uploadForm(page, 'صورة الهوية الوطنية أو الإقامة');
  await idCopy.getByLabel(ar.apply.chooseFile).setInputFiles({ name: 'هوية.pdf', mimeType: 'application/pdf', buffer: PDF });
  await idCopy.getByRole('button', { name: ar.apply.upload }).click();
  await expect(uploadForm(page, 'صورة الهوية الوطنية أو الإقامة')).toContainText('هوية.pdf');
  await expect(missing).toContainText(ar.apply.nothingMissing);

  // C4: the summary of exactly what is confirmed, then the code; a wrong code is said plainly.
  const confirm = page.getByRole('region', { name: ar.apply.confirmTitle });
  await expect(confirm).toContainText('نورة محمد العتيبي');
  await expect(confirm).toContainText('خياطة وتطريز');
  await expect(confirm).toContainText('عرض-سعر.pdf');
  await expectNoSeriousViolations(page, 'portal: ready to confirm');
  await fitsThePhone(page, 'confirm');
  await confirm.getByRole('button', { name: ar.apply.sendConfirmCode }).click();
  await expect(page.getByLabel(ar.apply.confirmCodeLabel)).toBeFocused();
  const code = await attestationCodeSentTo(sila.ctx, family.id);
  await page.getByLabel(ar.apply.confirmCodeLabel).fill(code === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: ar.apply.confirm }).click();
  await expect(confirm.getByRole('alert')).toHaveText(ar.errorCode);
  await expectNoSeriousViolations(page, 'portal: the confirmation code');
  if (shots) await page.screenshot({ path: `${shots}/portal-apply-wrong-code-360.png`, fullPage: true });
  await page.getByLabel(ar.apply.confirmCodeLabel).fill(code);
  await page.getByRole('button', { name: ar.apply.confirm }).click();
  await expect(page.getByText(ar.apply.confirmed)).toBeVisible();

  // Submit: the status, the deadline in both calendars, the agreed channel.
  await page.getByRole('button', { name: ar.apply.submit }).click();
  const status = page.getByRole('region', { name: ar.apply.submittedTitle });
  await expect(status).toBeVisible();
  await expect(status).toContainText(ar.apply.deadlineIntro(15));
  const deadline = status.locator('.deadline time');
  await expect(deadline).toHaveCount(2);
  await expect(deadline.first()).toContainText('هـ');
  await expect(deadline.nth(1)).toContainText(/20\d\d/);
  await expect(status).toContainText(ar.apply.channels.sms);
  await expect(page.getByText(ar.statuses.complete)).toBeVisible();
  await expectNoSeriousViolations(page, 'portal: request sent');
  await fitsThePhone(page, 'sent');

  // The list shows it with its deadline; the family's ID number is nowhere.
  await page.getByRole('link', { name: ar.apply.backToRequests }).click();
  const card = page.getByRole('article', { name: TOOLS_AR });
  await expect(card).toContainText(requestReference);
  await expect(card).toContainText(ar.statuses.complete);
  await expect(page.locator('body')).not.toContainText(family.nationalId);
  await fitsThePhone(page, 'list');
});

test('staff see the online request on the worklist and on the family’s page', async ({ browser, page, sila }) => {
  await firstAdministratorSignIn(page, sila.admin);
  const created = await page.evaluate(async () => {
    const session = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
    const response = await fetch('/api/v1/staff/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
      body: JSON.stringify({
        username: 'reem.reception',
        displayName: 'ريم الاستقبال',
        roles: ['reception'],
        scope: { categories: [], domains: [], offices: [] },
      }),
    });
    return (await response.json()) as { oneTimePassword: string };
  });
  const context = await browser.newContext({ baseURL: sila.url });
  const reception = await context.newPage();
  await signIn(reception, 'reem.reception', created.oneTimePassword);
  await changeFirstPassword(reception, created.oneTimePassword, 'نخلة الأحساء في الصباح 2026');
  await expectHome(reception, 'ريم الاستقبال');

  await reception.goto('/staff/requests?list=all');
  const row = reception.getByRole('row', { name: new RegExp(requestReference) });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row).toContainText('نورة محمد العتيبي');
  await expect(row).toContainText(text(requestsAr, 'statuses.complete'));

  await reception.goto(`/staff/families/${family.id}`);
  const card = reception.getByRole('region', { name: text(familiesAr, 'requests.title') });
  await expect(card).toBeVisible({ timeout: 30_000 });
  const line = card.getByRole('row', { name: new RegExp(requestReference) });
  await expect(line).toContainText(TOOLS_AR);
  await expect(line).toContainText(text(requestsAr, 'channels.website'));
  await expect(line).toContainText(text(requestsAr, 'statuses.complete'));
  await expect(line).toContainText('هـ');
  await expect(card.getByRole('link', { name: text(requestsAr, 'list.new') })).toHaveAttribute(
    'href',
    `/staff/requests/new?familyId=${family.id}`,
  );
  await expectNoSeriousViolations(reception, 'staff: the family’s requests');
  if (shots) await reception.screenshot({ path: `${shots}/portal-apply-family-page-1280.png`, fullPage: true });
  await reception.setViewportSize({ width: 360, height: 800 });
  await reception.waitForTimeout(500);
  if (shots) await reception.screenshot({ path: `${shots}/portal-apply-family-page-360.png`, fullPage: true });
  await card.getByRole('link', { name: requestReference }).click();
  await expect(reception).toHaveURL(new RegExp(`/staff/requests/${requestId}$`));
  await context.close();
});

test('the same application in English', async ({ page, sila }) => {
  ctxHolder = sila.ctx;
  enableSms(sila.ctx);
  const other = await registerFamilyAtReception(sila.ctx, 'فاطمة علي الزهراني');
  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto('/portal?lang=en');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await signInToPortal(page, other.nationalId, other.id, en);
  await page.getByRole('link', { name: en.apply.newRequest }).click();
  await expect(page.getByRole('heading', { level: 2, name: en.apply.chooseTitle })).toBeVisible();
  await expectNoSeriousViolations(page, 'portal (en): choose a request type');
  await page.getByRole('link', { name: new RegExp(`^${en.apply.seeCriteria}\\s*:\\s*${TOOLS_EN}$`) }).click();
  await expect(page.getByText('A quotation from an approved supplier.')).toBeVisible();
  await expect(page.getByText('Supplier quotation')).toBeVisible();
  await expectNoSeriousViolations(page, 'portal (en): criteria and checklist');
  await fitsThePhone(page, 'en-criteria');
  await page.getByRole('button', { name: en.apply.start }).click();
  await expect(page).toHaveURL(/\/portal\/requests\/[0-9a-f-]{36}$/);
  await page.getByRole('radio', { name: 'Sewing and embroidery' }).check();
  await page.getByLabel('Estimated cost (SAR)').fill('1200');
  await page.getByRole('button', { name: en.apply.save }).click();
  await expect(page.getByText(en.apply.saved)).toBeVisible();
  const missing = page.getByRole('region', { name: en.apply.missingTitle });
  await expect(missing).toContainText('Tools and equipment needed');
  await expect(missing).toContainText('Supplier quotation');
  await expect(page.getByText(en.apply.confirmLocked)).toBeVisible();
  await expectNoSeriousViolations(page, 'portal (en): a draft');
  await fitsThePhone(page, 'en-draft');
  // The language switch stays on the request; the draft is there in Arabic too.
  await page.getByRole('link', { name: en.switchLabel }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByLabel('التكلفة التقديرية (ريال)')).toHaveValue('1200');
});
