import { readFileSync } from 'node:fs';
import path from 'node:path';
import { changeConsent } from '../../src/modules/families/families.consent.js';
import { CONSENT_PAGE_COPY } from '../../src/modules/families/families.consent-page.js';
import { consentWithdrawalPath } from '../../src/modules/families/index.js';
import { expectNoSeriousViolations } from './support/axe.js';
import { expect, serveSilaForThisFile, test } from './support/fixtures.js';
import { changeFirstPassword, expectHome, firstAdministratorSignIn, signIn } from './support/journeys.js';
import { registerFamilyAtReception } from './support/portal.js';
import { createStaff } from './support/requests.js';

serveSilaForThisFile();

/** Consent per purpose (issue 20 §3, F2, C5): the texts people read, from the screens' own copy. */
type Texts = { [key: string]: string | Texts };
const consents = JSON.parse(readFileSync(path.resolve('src/web/families/i18n/consents.ar.json'), 'utf8')) as Texts;
const families = JSON.parse(readFileSync(path.resolve('src/web/families/i18n/ar.json'), 'utf8')) as Texts;
function text(source: Texts, key: string, values: Record<string, string> = {}): string {
  let node: string | Texts | undefined = source;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`No text ${key}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');
}
const c = (key: string, values?: Record<string, string>) => text(consents, key, values);
const SURVEYS = 'استبانات قياس الرضا';
const CONTACT_SMS = 'التواصل عبر الرسائل النصية';

test('F2, C5: reception records a consent and withdrawals on the family page in Arabic, the agreed channel replaced in the same action', async ({
  page,
  browser,
  sila,
}) => {
  await firstAdministratorSignIn(page, sila.admin);
  const password = await createStaff(page, { username: 'amal.reception', displayName: 'أمل الاستقبال', roles: ['reception'] });
  const family = await registerFamilyAtReception(sila.ctx, 'نوال حسن العتيبي');

  const context = await browser.newContext({ baseURL: sila.url });
  const reception = await context.newPage();
  await signIn(reception, 'amal.reception', password);
  await changeFirstPassword(reception, password, 'شجرة سدر في الحديقة');
  await expectHome(reception, 'أمل الاستقبال');
  await reception.goto(`/staff/families/${family.id}`);

  const section = reception.getByRole('region', { name: c('title') });
  await expect(section).toBeVisible({ timeout: 30_000 });
  const row = (name: string) => section.getByRole('row').filter({ has: reception.getByRole('rowheader', { name: new RegExp(name) }) });
  await expect(row(SURVEYS).getByText(c('state.none'))).toBeVisible();
  await expect(row(CONTACT_SMS).getByText(c('state.given'))).toBeVisible();
  await expectNoSeriousViolations(reception, 'the family page with its consents');

  // The family agrees to surveys by phone.
  await row(SURVEYS)
    .getByRole('button', { name: c('give') })
    .click();
  const give = reception.getByRole('dialog', { name: c('giveTitle', { purpose: SURVEYS }) });
  await give.getByRole('combobox', { name: new RegExp(`^${c('channel')}`) }).click();
  await reception.getByRole('option', { name: text(families, 'origins.phone'), exact: true }).click();
  await give.getByRole('button', { name: c('save') }).click();
  await expect(row(SURVEYS).getByText(c('state.given'))).toBeVisible();

  // … then withdraws it.
  await row(SURVEYS)
    .getByRole('button', { name: c('withdraw') })
    .click();
  const withdraw = reception.getByRole('dialog', { name: c('withdrawTitle', { purpose: SURVEYS }) });
  await withdraw.getByRole('textbox', { name: c('note') }).fill('طلبت الأسرة عدم إرسال الاستبانات');
  // How the family said so is a fact to record, never pre-selected (issue 27 §4).
  await expect(withdraw.getByRole('button', { name: c('withdraw') })).toBeDisabled();
  await withdraw.getByRole('combobox', { name: new RegExp(`^${c('channel')}`) }).click();
  await reception.getByRole('option', { name: text(families, 'origins.interview'), exact: true }).click();
  await withdraw.getByRole('button', { name: c('withdraw') }).click();
  await expect(row(SURVEYS).getByText(c('state.withdrawn'))).toBeVisible();

  // Withdrawing SMS, the agreed channel, asks for the new one in the same dialog.
  await row(CONTACT_SMS)
    .getByRole('button', { name: c('withdraw') })
    .click();
  const sms = reception.getByRole('dialog', { name: c('withdrawTitle', { purpose: CONTACT_SMS }) });
  await expect(sms.getByText(c('newChannelHint'))).toBeVisible();
  await expect(sms.getByRole('button', { name: c('withdraw') })).toBeDisabled();
  await sms.getByRole('combobox', { name: new RegExp(`^${c('channel')}`) }).click();
  await reception.getByRole('option', { name: text(families, 'origins.phone'), exact: true }).click();
  await expect(sms.getByRole('button', { name: c('withdraw') })).toBeDisabled();
  await sms.getByRole('combobox', { name: new RegExp(`^${c('newChannel')}`) }).click();
  await reception.getByRole('option', { name: text(families, 'channels.letter'), exact: true }).click();
  await sms.getByRole('button', { name: c('withdraw') }).click();
  await expect(row(CONTACT_SMS).getByText(c('state.withdrawn'))).toBeVisible();
  await expect(reception.getByText(text(families, 'channels.letter')).first()).toBeVisible();

  const history = section.getByRole('table').nth(1);
  await expect(history.getByText('طلبت الأسرة عدم إرسال الاستبانات')).toBeVisible();
  await expect(history.getByRole('row')).toHaveCount(1 + 2 + 3); // header, registration's two, three changes
  await context.close();
});

test('F2: a family withdraws its survey consent from the link in a bulk message, on a phone, without signing in', async ({
  page,
  sila,
}) => {
  const family = await registerFamilyAtReception(sila.ctx, 'سارة عبدالله الدوسري');
  const row = await sila.ctx.db.selectFrom('families').selectAll().where('id', '=', family.id).executeTakeFirstOrThrow();
  await changeConsent(sila.ctx, row, { purpose: 'surveys', action: 'give', channel: 'phone' }, { kind: 'staff', id: row.registered_by });
  const link = await consentWithdrawalPath(sila.ctx, family.id, 'surveys');

  await page.setViewportSize({ width: 360, height: 740 });
  const t = CONSENT_PAGE_COPY.ar;
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: t.title })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: SURVEYS })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
  await expectNoSeriousViolations(page, 'the consent withdrawal page');

  await page.getByRole('button', { name: t.withdraw }).click();
  await expect(page.getByText(t.done)).toBeVisible();
  const latest = await sila.ctx.db
    .selectFrom('family_consents')
    .select(['action', 'channel', 'recorded_by_kind'])
    .where('family_id', '=', family.id)
    .where('purpose', '=', 'surveys')
    .orderBy('seq', 'desc')
    .executeTakeFirstOrThrow();
  expect(latest).toEqual({ action: 'withdrawn', channel: 'link', recorded_by_kind: 'link' });

  // The link works once; a forged one says so.
  await page.reload();
  await expect(page.getByText(t.already)).toBeVisible();
  await page.goto('/consent#AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  await page.reload();
  await expect(page.getByText(t.errors['consent.link-invalid'])).toBeVisible();
});
