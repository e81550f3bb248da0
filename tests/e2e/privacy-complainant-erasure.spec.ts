import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator } from '@playwright/test';
import { SESSION_COOKIE } from '../../src/platform/http/auth-plugin.js';
import { expectNoSeriousViolations } from './support/axe.js';
import { expect, serveSilaForThisFile, test } from './support/fixtures.js';
import { escapeRegExp } from './support/requests.js';
import { apiAs, staffWithSession } from './support/staff.js';

/**
 * F2 (issue 25 §2, §5) in Arabic: someone who is not a registered family filed a complaint and asks
 * for their data to be erased. The privacy officer records the request by the case's reference and
 * tracking code, verifies it, sees the open case hold the erasure, and — once the case is closed —
 * erases the writer's data from the request's page; the ledger records it. axe on the confirmation.
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

test('F2: a complainant who is not a registered family has their data erased from the erasure request’s page once their case is closed', async ({
  browser,
  sila,
}) => {
  const desk = apiAs(sila.url, await staffWithSession(sila.ctx, 'ريم الاستقبال', ['reception']));
  const filed = await desk<{ case: { id: string; reference: string }; trackingCode: string }>('POST', '/api/v1/complaints/intake', {
    kind: 'complaint',
    channel: 'fax',
    name: 'وعد سلطان القرني',
    mobile: '0553217788',
    topic: 'aid-disbursement',
    description: 'وصلتنا رسالة بالفاكس تشكو تأخر الرد على طلب المساعدة أكثر من شهر.',
  });
  const officer = await staffWithSession(sila.ctx, 'ريم مسؤولة حماية البيانات', ['privacy-officer']);
  const staff = await browser.newContext({ baseURL: sila.url, locale: 'ar-SA', timezoneId: 'Asia/Riyadh' });
  await staff.addCookies([{ name: SESSION_COOKIE, value: officer.token, url: sila.url }]);
  const page = await staff.newPage();
  await page.goto('/staff/privacy/requests/new');
  const main = page.getByRole('main');
  await labelled(main, k('list.kind')).click();
  await page.getByRole('option', { name: k('kind.erasure') }).click();
  await main.getByText(k('new.complainant')).click();
  await labelled(main, k('new.complaintReference')).fill(filed.case.reference);
  await labelled(main, k('new.trackingCode')).fill(filed.trackingCode);
  await main.getByRole('button', { name: k('new.submit') }).click();
  await expect(page.getByTestId('privacy-status')).toHaveText(k('status.received'));
  await labelled(main, k('detail.method')).click();
  await page.getByRole('option', { name: k('method.tracking-code') }).click();
  await main.getByRole('button', { name: k('detail.verify') }).click();

  // §5: the case is still open — the hold is listed with its reference and no erasure is offered.
  await expect(main.getByText(k('detail.erasureHolds'))).toBeVisible();
  await expect(main.getByRole('listitem').filter({ hasText: 'شكوى أو استفسار مفتوح' })).toContainText(filed.case.reference);
  await expect(main.getByRole('button', { name: k('detail.complainantErasureHandOff') })).toHaveCount(0);

  // Closing is the complaints area's (its own specs); here the case is simply closed.
  await sila.ctx.db.updateTable('complaints').set({ closed_at: new Date().toISOString() }).where('id', '=', filed.case.id).execute();
  await page.reload();
  await main.getByRole('button', { name: k('detail.complainantErasureHandOff') }).click();
  await expect(page.getByRole('dialog').getByText(k('detail.complainantErasureConfirm'))).toBeVisible();
  await expectNoSeriousViolations(page, 'complainant erasure confirmation');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: k('detail.complainantErasureHandOff') })
    .click();
  await expect(page.getByText(k('detail.complainantErased'))).toBeVisible();

  const ledger = await sila.ctx.db
    .selectFrom('erasures')
    .select(['subject_table', 'request_ref'])
    .where('subject_id', '=', filed.case.id)
    .execute();
  expect(ledger).toEqual([{ subject_table: 'complaints', request_ref: expect.stringMatching(/^PDR-/) }]);
  const row = await sila.ctx.db
    .selectFrom('complaints')
    .select(['writer_name', 'mobile'])
    .where('id', '=', filed.case.id)
    .executeTakeFirstOrThrow();
  expect(row).toEqual({ writer_name: null, mobile: null });
  await staff.close();
});
