import { PORTAL_COPY } from '../../src/modules/portal/portal.copy.js';
import { createOnlineRequest } from '../../src/modules/requests/requests.workflow.js';
import { expectNoSeriousViolations } from './support/axe.js';
import { expect, serveSilaForThisFile, test } from './support/fixtures.js';
import { codeSentTo, enableSms, newNationalId, registerFamilyAtReception } from './support/portal.js';

/**
 * Issue 5 §2, §9: a family signs in to the portal with its head's ID number and the code its phone
 * receives, sees its requests — status, what is missing, when the answer is due — and signs out.
 * Arabic first, right to left, usable at 360 px; axe on each state.
 */
serveSilaForThisFile();

const ar = PORTAL_COPY.ar;
const shots = process.env.SILA_SHOTS;

test('a family signs in with the code sent to its mobile, sees its request and what it still needs, and signs out', async ({
  page,
  sila,
}) => {
  enableSms(sila.ctx);
  const family = await registerFamilyAtReception(sila.ctx, 'مريم سعيد القحطاني');
  const request = await createOnlineRequest(sila.ctx, family.id, {
    idempotencyKey: 'e2e-portal-0001',
    typeCode: 'tools-aid',
    answers: { 'tools-needed': 'ماكينة خياطة صناعية' },
  });

  await page.goto('/portal');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1, name: ar.title })).toBeVisible();
  await expectNoSeriousViolations(page, 'portal sign-in');
  if (shots) await page.screenshot({ path: `${shots}/portal-sign-in.png`, fullPage: true });

  await page.getByLabel(ar.nationalIdLabel).fill(family.nationalId);
  await page.getByRole('button', { name: ar.sendCode }).click();
  await expect(page.getByRole('status')).toHaveText(ar.codeSent);
  await expect(page.getByLabel(ar.codeLabel)).toBeFocused();
  await expectNoSeriousViolations(page, 'portal code step');

  // A wrong code first: the page says so plainly and keeps the form.
  const code = await codeSentTo(sila.ctx, family.id);
  await page.getByLabel(ar.codeLabel).fill(code === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: ar.signIn, exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText(ar.errorCode);
  if (shots) await page.screenshot({ path: `${shots}/portal-wrong-code.png`, fullPage: true });

  await page.getByLabel(ar.codeLabel).fill(code);
  await page.getByRole('button', { name: ar.signIn, exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: ar.myRequests })).toBeVisible();
  await expect(page.getByText('مريم سعيد القحطاني')).toBeVisible();
  const card = page.getByRole('article', { name: request.typeNameAr });
  await expect(card).toContainText(request.reference);
  await expect(card).toContainText(ar.statuses.draft);
  await expect(card).toContainText('عرض سعر من المورد');
  await expect(card).toContainText(ar.noDeadline);
  await expect(page.locator('body')).not.toContainText(family.nationalId);
  await expectNoSeriousViolations(page, 'portal requests');
  if (shots) await page.screenshot({ path: `${shots}/portal-requests.png`, fullPage: true });

  await page.setViewportSize({ width: 360, height: 780 });
  const hasNoSideScroll = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  expect(hasNoSideScroll).toBe(true);
  const signOut = page.getByRole('button', { name: ar.signOut });
  const box = await signOut.boundingBox();
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
  if (shots) await page.screenshot({ path: `${shots}/portal-requests-360.png`, fullPage: true });

  await signOut.click();
  await expect(page.getByLabel(ar.nationalIdLabel)).toBeVisible();
  await page.goto('/portal');
  await expect(page.getByRole('heading', { level: 2, name: ar.myRequests })).toHaveCount(0);
});

test('an unregistered ID number gets the same answer, and the page switches to English', async ({ page, sila }) => {
  enableSms(sila.ctx);
  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto('/portal');
  await page.getByLabel(ar.nationalIdLabel).fill(newNationalId());
  await page.getByRole('button', { name: ar.sendCode }).click();
  await expect(page.getByRole('status')).toHaveText(ar.codeSent);
  if (shots) await page.screenshot({ path: `${shots}/portal-code-360.png`, fullPage: true });

  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  const en = PORTAL_COPY.en;
  await page.getByLabel(en.nationalIdLabel).fill('1234567890');
  await page.getByRole('button', { name: en.sendCode }).click();
  await expect(page.getByRole('alert')).toHaveText(en.errorNationalId);
  await expectNoSeriousViolations(page, 'portal in English');
  if (shots) await page.screenshot({ path: `${shots}/portal-en-360.png`, fullPage: true });
});
