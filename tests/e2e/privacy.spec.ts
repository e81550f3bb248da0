import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator } from '@playwright/test';
import { SESSION_COOKIE } from '../../src/platform/http/auth-plugin.js';
import { expectNoSeriousViolations } from './support/axe.js';
import { expect, serveSilaForThisFile, test } from './support/fixtures.js';
import { registerFamilyAtReception } from './support/portal.js';
import { escapeRegExp } from './support/requests.js';
import { shot } from './support/shots.js';
import { staffWithSession } from './support/staff.js';

/**
 * F2 (issue 25 §2) in Arabic: a privacy officer finds the privacy area in the menu, records a family's
 * request to see its data, verifies the requester's identity and answers — the answer goes to the
 * family through the outbox and the request closes; axe with no serious or critical violations.
 */
serveSilaForThisFile();
test.describe.configure({ timeout: 240_000 });

type Texts = { [key: string]: string | Texts };
const ar = JSON.parse(readFileSync(path.resolve('src/web/privacy/i18n/ar.json'), 'utf8')) as Texts;
function k(key: string): string {
  let node: string | Texts | undefined = ar;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`No text ${key}`);
  return node;
}
const labelled = (within: Locator, label: string) => within.getByLabel(new RegExp(`^${escapeRegExp(label)}( \\*)?$`));

test('F2: a privacy officer records a request, verifies the requester and answers it in Arabic', async ({ browser, sila }) => {
  const family = await registerFamilyAtReception(sila.ctx, 'نورة سالم القحطاني');
  const officer = await staffWithSession(sila.ctx, 'ريم مسؤولة حماية البيانات', ['privacy-officer']);
  const staff = await browser.newContext({ baseURL: sila.url, locale: 'ar-SA', timezoneId: 'Asia/Riyadh' });
  await staff.addCookies([{ name: SESSION_COOKIE, value: officer.token, url: sila.url }]);
  const page = await staff.newPage();

  await page.goto('/staff/');
  await page
    .getByRole('navigation')
    .getByRole('link', { name: k('nav') })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1, name: k('list.title') })).toBeVisible();
  await expect(page.getByText(k('list.empty'))).toBeVisible();
  await expectNoSeriousViolations(page, 'privacy requests worklist (empty)');

  await page.getByRole('link', { name: k('list.new') }).click();
  const main = page.getByRole('main');
  await expect(page.getByRole('heading', { level: 1, name: k('new.title') })).toBeVisible();
  await labelled(main, k('new.familyReference')).fill(family.reference);
  await labelled(main, k('new.details')).fill('نرغب في الاطلاع على البيانات المسجلة عن أسرتنا');
  await expectNoSeriousViolations(page, 'new privacy request form');
  await main.getByRole('button', { name: k('new.submit') }).click();

  await expect(page.getByRole('heading', { level: 1, name: new RegExp(escapeRegExp(k('kind.access'))) })).toBeVisible();
  await expect(page.getByTestId('privacy-status')).toHaveText(k('status.received'));
  await expect(page.getByText(k('detail.notVerified'))).toBeVisible();
  await expect(page.getByText(/بقي 30 يومًا/)).toBeVisible();
  await expectNoSeriousViolations(page, 'privacy request received');

  await labelled(main, k('detail.method')).click();
  await page.getByRole('option', { name: k('method.id-card-in-person') }).click();
  await main.getByRole('button', { name: k('detail.verify') }).click();
  await expect(page.getByTestId('privacy-status')).toHaveText(k('status.verified'));
  await expect(page.getByTestId('privacy-verification')).toContainText(k('method.id-card-in-person'));
  await expect(page.getByTestId('privacy-verification')).toContainText('ريم مسؤولة حماية البيانات');

  await labelled(main, k('detail.answerText')).fill('البيانات المسجلة: اسم رب الأسرة، الجوال، المدينة، الفئة. ولكم طلب تصحيح أي منها.');
  await main.getByRole('button', { name: k('detail.sendAnswer') }).click();
  await expect(page.getByTestId('privacy-status')).toHaveText(k('status.answered'));
  await expect(page.getByText('البيانات المسجلة: اسم رب الأسرة')).toBeVisible();
  await expectNoSeriousViolations(page, 'privacy request answered');
  await shot(page, 'privacy-request-answered-1280', { fullPage: true });

  const sent = await sila.ctx.db
    .selectFrom('outbox_messages')
    .select(['event', 'recipient_id', 'priority'])
    .where('event', '=', 'privacy.request-answered')
    .execute();
  expect(sent).toEqual([{ event: 'privacy.request-answered', recipient_id: family.id, priority: 'transactional' }]);

  await page
    .getByRole('navigation')
    .getByRole('link', { name: k('nav') })
    .first()
    .click();
  await page.getByTestId('privacy-tab-answered').click();
  await expect(page.getByTestId('privacy-request-row')).toHaveCount(1);
  await staff.close();
});

test('F2: a privacy officer records a breach and decides it is notifiable — the regulator is due 72 clock hours after awareness', async ({
  browser,
  sila,
}) => {
  const officer = await staffWithSession(sila.ctx, 'ريم مسؤولة حماية البيانات', ['privacy-officer']);
  const staff = await browser.newContext({ baseURL: sila.url, locale: 'ar-SA', timezoneId: 'Asia/Riyadh' });
  await staff.addCookies([{ name: SESSION_COOKIE, value: officer.token, url: sila.url }]);
  const page = await staff.newPage();
  await page.goto('/staff/privacy');
  await page.getByRole('link', { name: k('tabs.breaches') }).click();
  await expect(page.getByRole('heading', { level: 1, name: k('breaches.title') })).toBeVisible();
  await page.getByRole('link', { name: k('breaches.new') }).click();
  const main = page.getByRole('main');
  await labelled(main, k('breaches.awareAt')).fill('2026-12-03T16:00');
  await labelled(main, k('breaches.description')).fill('أُرسل كشف بأسماء مستفيدين إلى بريد خاطئ');
  await labelled(main, k('breaches.dataCategories')).fill('الأسماء وأرقام الجوال');
  await labelled(main, k('breaches.peopleCount')).fill('40');
  await expectNoSeriousViolations(page, 'new breach form');
  await main.getByRole('button', { name: k('breaches.submit') }).click();
  await expect(page.getByTestId('breach-status')).toHaveText(k('breaches.open'));
  await main.getByRole('radio', { name: k('breaches.yes') }).check();
  await labelled(main, k('breaches.reason')).fill('بيانات تواصل لأربعين أسرة خرجت عن الجمعية');
  await main.getByRole('button', { name: k('breaches.decide') }).click();
  // Thursday 16:00 Riyadh + 72 hours = Sunday 16:00: the weekend counts.
  await expect(main.getByText('6 ديسمبر 2026').first()).toBeVisible();
  await expect(main.getByRole('button', { name: k('breaches.notify') })).toBeVisible();
  await expectNoSeriousViolations(page, 'breach awaiting the regulator');
  await shot(page, 'privacy-breach-1280', { fullPage: true });

  // Issue 25 §7: the record of processing, generated from the registry and the settings, printable:
  // each area by its purpose, the roles that read it, its retention period, its columns by label.
  await page.goto('/staff/privacy/breaches');
  await page.getByRole('link', { name: k('tabs.record') }).click();
  await expect(page.getByRole('heading', { level: 1, name: k('record.title') })).toBeVisible();
  const privacyArea = page.getByRole('region', { name: 'الاستجابة لطلبات أصحاب البيانات وتوثيق حوادث تسرّب البيانات الشخصية' });
  await expect(privacyArea).toContainText('مسؤول حماية البيانات');
  await expect(privacyArea.getByRole('cell', { name: 'صلة مقدّم الطلب بصاحب البيانات' })).toBeVisible();
  const familiesArea = page.getByRole('region', { name: 'تسجيل الأسر المستفيدة وأفرادها والتواصل معها وتقديم الخدمات لها' });
  await expect(familiesArea).toContainText(`${k('record.retentionKinds.families')}: 120 شهرًا`);
  await expect(familiesArea.getByRole('cell', { name: 'رقم الهوية الوطنية / الإقامة' })).toBeVisible();
  await expect(page.getByText('the answer sent to the requester')).toHaveCount(0);
  await expectNoSeriousViolations(page, 'record of processing');
  await shot(page, 'privacy-record-1280', { fullPage: true });
  await staff.close();
});

test('F2: an erasure request, once verified, hands the family to the erasure area and the ledger records it', async ({ browser, sila }) => {
  const family = await registerFamilyAtReception(sila.ctx, 'هيفاء ناصر العتيبي');
  const officer = await staffWithSession(sila.ctx, 'ريم مسؤولة حماية البيانات', ['privacy-officer']);
  const staff = await browser.newContext({ baseURL: sila.url, locale: 'ar-SA', timezoneId: 'Asia/Riyadh' });
  await staff.addCookies([{ name: SESSION_COOKIE, value: officer.token, url: sila.url }]);
  const page = await staff.newPage();
  await page.goto('/staff/privacy/requests/new');
  const main = page.getByRole('main');
  await labelled(main, k('list.kind')).click();
  await page.getByRole('option', { name: k('kind.erasure') }).click();
  await labelled(main, k('new.familyReference')).fill(family.reference);
  await main.getByRole('button', { name: k('new.submit') }).click();
  await expect(page.getByTestId('privacy-status')).toHaveText(k('status.received'));
  await expect(page.getByText(k('detail.erasureDecisionOnly'))).toBeVisible();
  await labelled(main, k('detail.method')).click();
  await page.getByRole('option', { name: k('method.id-card-in-person') }).click();
  await main.getByRole('button', { name: k('detail.verify') }).click();
  await main.getByRole('button', { name: k('detail.erasureHandOff') }).click();
  await expectNoSeriousViolations(page, 'erasure confirmation');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: k('detail.erasureHandOff') })
    .click();
  await expect(page.getByText(k('detail.erased'))).toBeVisible();
  const ledger = await sila.ctx.db
    .selectFrom('erasures')
    .select(['subject_id', 'request_ref'])
    .where('subject_id', '=', family.id)
    .execute();
  expect(ledger).toHaveLength(1);
  expect(ledger[0]?.request_ref).toMatch(/^PDR-/);
  await staff.close();
});
