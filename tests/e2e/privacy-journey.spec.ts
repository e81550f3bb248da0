import { readFileSync } from 'node:fs';
import path from 'node:path';
import { outboxAad } from '../../src/modules/notifications/outbox.enqueue.js';
import { PORTAL_COPY } from '../../src/modules/portal/portal.copy.js';
import { PORTAL_PRIVACY_COPY } from '../../src/modules/portal/portal.privacy.js';
import { produceAccessCopies } from '../../src/modules/privacy/privacy.access-copy-job.js';
import { SESSION_COOKIE } from '../../src/platform/http/auth-plugin.js';
import { expectNoSeriousViolations } from './support/axe.js';
import { expect, serveSilaForThisFile, test } from './support/fixtures.js';
import { codeSentTo, enableSms, newNationalId, registerFamilyAtReception } from './support/portal.js';
import { escapeRegExp } from './support/requests.js';
import { shot } from './support/shots.js';
import { staffWithSession } from './support/staff.js';

/**
 * Issue 25's first journey (F2, §2–§3) in Arabic: a family signs in to the portal and asks for a copy
 * of its data → the privacy officer finds the request in the worklist, its identity already verified
 * by the portal sign-in, has the copy produced (the background job runs — journeys' servers have no
 * scheduler) and downloads it: the family's name, a member's ID number masked to its last 4 digits →
 * the family is told through the outbox that the copy is ready, and downloads it from the portal.
 * axe finds no serious or critical violation on any page visited.
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
const portalAr = PORTAL_COPY.ar;
const privacyAr = PORTAL_PRIVACY_COPY.ar;
/** The staff app's access-copy panel (src/web/privacy/access-copy-panel.tsx). */
const PANEL = { produce: 'إعداد النسخة', ready: 'النسخة جاهزة للتنزيل حتى', html: 'صفحة الطباعة', json: 'ملف JSON' };

test('F2: a family asks for its data in the portal, the privacy officer produces the copy, and the family is told and downloads it', async ({
  browser,
  sila,
}) => {
  enableSms(sila.ctx);
  const memberId = newNationalId();
  const family = await registerFamilyAtReception(sila.ctx, 'نورة سالم القحطاني', {
    members: [{ name: 'خالد سالم القحطاني', relation: 'son', nationalId: memberId }],
  });

  // 1. The family signs in to the portal and asks for a copy of its data.
  const portalContext = await browser.newContext({ baseURL: sila.url, locale: 'ar-SA', timezoneId: 'Asia/Riyadh' });
  const portal = await portalContext.newPage();
  await portal.goto('/portal');
  await portal.getByLabel(portalAr.nationalIdLabel).fill(family.nationalId);
  await portal.getByRole('button', { name: portalAr.sendCode }).click();
  await expect(portal.getByRole('status')).toHaveText(portalAr.codeSent);
  await portal.getByLabel(portalAr.codeLabel).fill(await codeSentTo(sila.ctx, family.id));
  await portal.getByRole('button', { name: portalAr.signIn, exact: true }).click();
  await expect(portal.getByRole('heading', { level: 2, name: privacyAr.title })).toBeVisible();
  await expectNoSeriousViolations(portal, 'portal home with the my-data section');
  await shot(portal, 'privacy-journey-portal-home', { fullPage: true });
  await portal.getByRole('link', { name: privacyAr.follow }).click();
  await expect(portal.getByRole('heading', { level: 2, name: privacyAr.listTitle })).toBeVisible();
  await expect(portal.getByText(privacyAr.empty)).toBeVisible();
  await expectNoSeriousViolations(portal, 'portal: my data requests (none yet)');

  await portal.getByLabel(privacyAr.kind).selectOption('access');
  await portal.getByLabel(privacyAr.details).fill('نرغب في نسخة من البيانات المسجلة عن أسرتنا');
  await portal.getByRole('button', { name: privacyAr.submit }).click();
  const sent = portal.locator('#privacy-request-form .sent');
  await expect(sent).toBeVisible();
  const reference = /PDR-[\d-]+/.exec((await sent.textContent()) ?? '')?.[0];
  expect(reference).toBeTruthy();
  // The list above the form shows the new request at once, without a reload.
  const card = portal.getByTestId('portal-privacy-request');
  await expect(card).toHaveCount(1);
  await expect(card).toContainText(reference as string);
  await expect(card).toContainText(privacyAr.kinds.access);
  await expect(card).toContainText(privacyAr.statuses.verified);
  await expect(card).toContainText(/هـ/); // the deadline in Hijri, beside the Gregorian date
  await expectNoSeriousViolations(portal, 'portal: my data request filed');

  // 2. The privacy officer finds it in the worklist, verified by the portal sign-in, and has the copy produced.
  const officer = await staffWithSession(sila.ctx, 'ريم مسؤولة حماية البيانات', ['privacy-officer']);
  const staff = await browser.newContext({ baseURL: sila.url, locale: 'ar-SA', timezoneId: 'Asia/Riyadh', acceptDownloads: true });
  await staff.addCookies([{ name: SESSION_COOKIE, value: officer.token, url: sila.url }]);
  const page = await staff.newPage();
  await page.goto('/staff/');
  await page
    .getByRole('navigation')
    .getByRole('link', { name: k('nav') })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1, name: k('list.title') })).toBeVisible();
  const row = page.getByTestId('privacy-request-row').filter({ hasText: reference as string });
  await expect(row).toContainText(k('status.verified'));
  await expectNoSeriousViolations(page, 'privacy worklist with the portal request');
  await row.getByRole('link', { name: reference as string }).click();

  await expect(page.getByRole('heading', { level: 1, name: new RegExp(escapeRegExp(k('kind.access'))) })).toBeVisible();
  await expect(page.getByTestId('privacy-status')).toHaveText(k('status.verified'));
  // F2: the identity check is recorded — how (the portal sign-in), when — before any copy.
  await expect(page.getByTestId('privacy-verification')).toContainText(k('method.portal-sign-in'));
  const panel = page.getByTestId('access-copy-panel');
  await panel.getByRole('button', { name: PANEL.produce }).click();
  await expect(panel).toContainText('جارٍ إعداد النسخة');
  expect(await produceAccessCopies(sila.ctx)).toBe(1);
  await expect(panel).toContainText(PANEL.ready, { timeout: 15_000 });
  // The request's messages now list the family's "copy ready" message (its label from the privacy area's texts).
  const messagesAr = JSON.parse(readFileSync(path.resolve('src/web/privacy/i18n/messages.ar.json'), 'utf8')) as Record<string, string>;
  await expect(page.getByText(messagesAr['privacy.copy-ready'] as string, { exact: true })).toBeVisible();
  await expectNoSeriousViolations(page, 'privacy request with its copy ready');
  await shot(page, 'privacy-journey-copy-ready-1280', { fullPage: true });

  const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('link', { name: PANEL.html }).click()]);
  const printed = readFileSync((await download.path()) as string, 'utf8');
  expect(printed).toContain('نورة سالم القحطاني');
  expect(printed).toContain(`••••••${memberId.slice(-4)}`);
  expect(printed).not.toContain(memberId);
  const [jsonDownload] = await Promise.all([page.waitForEvent('download'), panel.getByRole('link', { name: PANEL.json }).click()]);
  const json = readFileSync((await jsonDownload.path()) as string, 'utf8');
  expect(JSON.parse(json).reference).toBe(reference);
  expect(json).toContain('نورة سالم القحطاني');
  expect(json).not.toContain(memberId);

  // 3. The family is told through the outbox that its copy is ready, where and until when.
  const told = await sila.ctx.db
    .selectFrom('outbox_messages')
    .select(['id', 'recipient_id', 'priority', 'language', 'body'])
    .where('event', '=', 'privacy.copy-ready')
    .execute();
  expect(told).toHaveLength(1);
  expect(told[0]).toMatchObject({ recipient_id: family.id, priority: 'transactional', language: 'ar' });
  const text = sila.ctx.keys.encryptor.decrypt(told[0]?.body as string, outboxAad(told[0]?.id as string, 'body'));
  expect(text).toContain(`نسخة بياناتكم الشخصية لطلبكم رقم ${reference} جاهزة`);
  expect(text).toContain('بوابة الأسر');
  expect(text).toMatch(/متاحة حتى .+هـ — /);

  // …and downloads it from the portal, for its 7 days.
  await portal.reload();
  await expect(card).toContainText(privacyAr.copyReady);
  await expectNoSeriousViolations(portal, 'portal: the copy ready to download');
  await shot(portal, 'privacy-journey-portal-copy-ready', { fullPage: true });
  const [familyDownload] = await Promise.all([
    portal.waitForEvent('download'),
    card.getByRole('link', { name: privacyAr.downloadHtml }).click(),
  ]);
  const own = readFileSync((await familyDownload.path()) as string, 'utf8');
  expect(own).toContain('نورة سالم القحطاني');
  expect(own).toContain('dir="rtl"');
  expect(own).not.toContain(memberId);
  const downloads = await sila.ctx.db
    .selectFrom('audit_events')
    .select('actor_kind')
    .where('action', '=', 'privacy.access-copy-downloaded')
    .orderBy('id')
    .execute();
  expect(downloads.map((d) => d.actor_kind)).toEqual(['staff', 'staff', 'family']);

  await portal.setViewportSize({ width: 360, height: 780 });
  expect(await portal.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await shot(portal, 'privacy-journey-portal-copy-ready-360', { fullPage: true });
  // The same page in English (the language switch stays on it).
  await portal.setViewportSize({ width: 1280, height: 900 });
  await portal.getByRole('link', { name: 'English' }).click();
  await expect(portal.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(portal.getByRole('heading', { level: 2, name: PORTAL_PRIVACY_COPY.en.listTitle })).toBeVisible();
  await expect(card).toContainText(PORTAL_PRIVACY_COPY.en.copyReady);
  await expectNoSeriousViolations(portal, 'portal: my data requests in English');
  await shot(portal, 'privacy-journey-portal-copy-ready-en', { fullPage: true });
  await staff.close();
  await portalContext.close();
});
