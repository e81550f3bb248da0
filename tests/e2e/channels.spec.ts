import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { registerFamily } from '../../src/modules/families/families.register.js';
import { SESSION_COOKIE } from '../../src/platform/http/auth-plugin.js';
import type { StaffPrincipal } from '../../src/platform/http/principal.js';
import { expectNoSeriousViolations } from './support/axe.js';
import { expect, serveSilaForThisFile, test } from './support/fixtures.js';
import { enableSms, newNationalId, registerFamilyAtReception } from './support/portal.js';
import { choose, combo, cp, labelled, rq } from './support/requests.js';
import { shot } from './support/shots.js';
import { type Api, apiAs, type Session, staffWithSession } from './support/staff.js';

/**
 * Issue 27 §3 in Arabic (A1–A6): a volunteer files an inquiry on a family's behalf (A6) from the
 * intake screen and finds it in their list; reception's records received by e-mail (A5) and by phone
 * are told apart by the channel filter on the requests, complaints and inquiries lists (kept in the
 * address, shown as a chip); the oversight page's count by channel opens the filtered list. axe on
 * the new screens at 1280 px. Screenshots: SILA_SHOTS=/tmp/dir.
 */
serveSilaForThisFile();
test.describe.configure({ timeout: 300_000 });

type Texts = { [key: string]: string | Texts };
const load = (file: string) => JSON.parse(readFileSync(path.resolve(file), 'utf8')) as Texts;
const sources = { i: load('src/web/inquiries/i18n/ar.json'), m: load('src/web/oversight/i18n/ar.json') };
function text(source: Texts, key: string): string {
  let node: string | Texts | undefined = source;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`No text ${key}`);
  return node;
}
const i = (key: string) => text(sources.i, key);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const VOLUNTEERS_FAMILY = 'نورة سالم الدوسري';

const contexts: BrowserContext[] = [];
async function pageAs(browser: Browser, baseURL: string, session: Session): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: 'ar-SA', timezoneId: 'Asia/Riyadh' });
  contexts.push(context);
  await context.addCookies([{ name: SESSION_COOKIE, value: session.token, url: baseURL }]);
  return context.newPage();
}

let volunteer: Session;
let manager: Session;
let reception: Api;
/** Each kind's record received by e-mail and the one by phone, by reference. */
const made = { requests: { email: '', phone: '' }, complaints: { email: '', phone: '' }, inquiries: { email: '', phone: '' } };

test.afterAll(async () => {
  for (const context of contexts) await context.close();
});

/** A complaint or inquiry as reception registers it; by e-mail with the e-mail attached (A5). */
async function intake(kind: 'complaint' | 'inquiry', channel: 'email' | 'phone'): Promise<string> {
  const data = {
    kind,
    channel,
    name: 'منيرة العتيبي',
    mobile: '0551234567',
    topic: kind === 'complaint' ? 'service-delay' : 'eligibility',
    description: 'وردت إلى الجمعية رسالة تسأل عن موعد صرف المساعدة المقررة للأسرة.',
  };
  const form = new FormData();
  form.append('data', JSON.stringify(data));
  if (channel === 'email') form.append('file', new Blob([PDF], { type: 'application/pdf' }), 'email.pdf');
  const result = await reception<{ case: { reference: string } }>('POST', '/api/v1/complaints/intake', form);
  return result.case.reference;
}

test('set up: a volunteer with a family they registered; reception’s requests, complaints and inquiries by e-mail (A5) and by phone (A3)', async ({
  sila,
}) => {
  enableSms(sila.ctx);
  volunteer = await staffWithSession(sila.ctx, 'سلمى المتطوعة', ['volunteer']);
  manager = await staffWithSession(sila.ctx, 'ماجد الإدارة', ['management']);
  const desk = await staffWithSession(sila.ctx, 'ريم الاستقبال', ['reception']);
  reception = apiAs(sila.url, desk);
  // A6: the volunteer registered this family (families' rule: a volunteer sees what they registered).
  const asVolunteer: StaffPrincipal = {
    kind: 'staff',
    userId: volunteer.userId,
    username: 'volunteer',
    displayName: volunteer.displayName,
    roles: ['volunteer'],
    scope: { categories: [], domains: [], offices: [] },
    language: 'ar',
    sessionIdHash: 'e2e',
    stage: 'active',
    csrfToken: 'e2e',
  };
  await registerFamily(sila.ctx, asVolunteer, {
    headNameAr: VOLUNTEERS_FAMILY,
    nationalId: newNationalId(),
    mobile: '+966551112233',
    city: 'الدمام',
    office: 'dammam',
    category: 'productive-family',
    domains: ['training'],
    agreedChannel: 'sms',
    originChannel: 'volunteer',
    members: [],
    consent: { isGiven: true, privacyNoticeVersion: '2026-1' },
  });
  const family = await registerFamilyAtReception(sila.ctx, 'فاطمة أحمد الزهراني');
  const types = await reception<{ items: { code: string }[] }>('GET', '/api/v1/request-types');
  const typeCode = types.items[0]?.code as string;
  for (const channel of ['email', 'phone'] as const) {
    const request = await reception<{ reference: string }>('POST', '/api/v1/requests', {
      idempotencyKey: `channels-${channel}-${Date.now()}`,
      familyId: family.id,
      typeCode,
      channel,
      answers: {},
    });
    made.requests[channel] = request.reference;
    made.complaints[channel] = await intake('complaint', channel);
    made.inquiries[channel] = await intake('inquiry', channel);
  }
});

test('A6: a volunteer files an inquiry for a family they registered, on the volunteer channel, and finds it in their list', async ({
  browser,
  baseURL,
}) => {
  const page = await pageAs(browser, baseURL as string, volunteer);
  await page.goto('/staff/complaints/new?kind=inquiry');
  // The channel is the volunteer service's (A6), fixed for a volunteer.
  const channel = combo(page, cp('channel'));
  await expect(channel).toBeDisabled();
  await expect(channel).toHaveValue(`A6 — ${cp('channels.volunteer')}`);
  await expect(page.getByText(cp('intake.volunteerHint'))).toBeVisible();
  // Saving without the family says which answer is missing.
  await page.getByRole('button', { name: cp('intake.save'), exact: true }).click();
  await expect(page.getByText(cp('intake.familyRequired'))).toBeVisible();
  await labelled(page, cp('intake.familySearchRequired')).fill('نورة');
  await page.getByRole('button', { name: cp('intake.linkNamed', { name: VOLUNTEERS_FAMILY }) }).click();
  await expect(page.getByText(VOLUNTEERS_FAMILY)).toBeVisible();
  await combo(page, cp('topic')).click({ force: true });
  await page.getByRole('option').first().click();
  await labelled(page, cp('intake.question')).fill('تسأل الأسرة عن شروط الالتحاق ببرنامج التدريب على الخياطة.');
  await expectNoSeriousViolations(page, 'volunteer intake at 1280 px');
  await shot(page, 'channels-volunteer-intake', { fullPage: true });
  await page.getByRole('button', { name: cp('intake.save'), exact: true }).click();
  const reference = ((await page.getByTestId('intake-reference').textContent()) ?? '').trim();
  expect(reference).toMatch(/\d/);
  // Linked to the family, it is acknowledged at once on the family's agreed channel.
  await expect(page.getByText(cp('intake.acknowledged'))).toBeVisible();
  // The menu offers the volunteer the inquiries (and complaints) they file.
  await page.getByRole('link', { name: i('nav'), exact: true }).click();
  await expect(page).toHaveURL(/\/staff\/inquiries/);
  const row = page.getByRole('row').filter({ hasText: reference });
  await expect(row).toBeVisible();
  await expect(row).toContainText(i('channels.volunteer'));
});

/** On a list: choose "A5 — e-mail"; the e-mail record stays, the phone one goes, the address and a chip keep the choice. */
async function filterByEmail(page: Page, label: string, chipTestId: string, kept: string, dropped: string): Promise<void> {
  await expect(page.getByText(dropped).first()).toBeVisible();
  await choose(page, label, `A5 — ${cp('channels.email')}`);
  await expect(page).toHaveURL(/channel=email/);
  await expect(page.getByTestId(chipTestId)).toBeVisible();
  await expect(page.getByText(kept).first()).toBeVisible();
  await expect(page.getByText(dropped)).toHaveCount(0);
  // A reload keeps the filter (it lives in the address).
  await page.reload();
  await expect(page.getByText(kept).first()).toBeVisible();
  await expect(page.getByText(dropped)).toHaveCount(0);
}

test('A1–A6: requests, complaints and inquiries lists filter by channel (A5 e-mail apart from A3 phone)', async ({ browser, baseURL }) => {
  const page = await pageAs(browser, baseURL as string, manager);
  await page.goto('/staff/requests?list=all');
  await filterByEmail(page, rq('channel'), 'request-filter-channel', made.requests.email, made.requests.phone);
  await shot(page, 'channels-requests-filtered', { fullPage: true });
  await page.goto('/staff/complaints?tab=all');
  await filterByEmail(page, cp('channel'), 'complaint-filter-channel', made.complaints.email, made.complaints.phone);
  await expectNoSeriousViolations(page, 'complaints filtered by channel at 1280 px');
  await page.goto('/staff/inquiries?list=all');
  await filterByEmail(page, i('channel'), 'inquiry-filter-channel', made.inquiries.email, made.inquiries.phone);
  await shot(page, 'channels-inquiries-filtered', { fullPage: true });
});

test('A5: the oversight page counts each by channel, and a figure opens its list filtered by that channel', async ({
  browser,
  baseURL,
}) => {
  const page = await pageAs(browser, baseURL as string, manager);
  await page.goto('/staff/oversight');
  const table = page.getByTestId('oversight-by-channel');
  await expect(table).toBeVisible();
  const emailRow = table.locator('tr[data-channel="email"]');
  await expect(emailRow.locator('td[data-column="complaints"]')).toHaveText(/^(1|١)$/);
  await expect(emailRow.locator('td[data-column="requests"]')).toHaveText(/^(1|١)$/);
  await expectNoSeriousViolations(page, 'oversight by channel at 1280 px');
  await shot(table, 'channels-oversight');
  await emailRow.locator('td[data-column="inquiries"] a').click();
  await expect(page).toHaveURL(/\/inquiries\?.*channel=email/);
  await expect(page.getByText(made.inquiries.email).first()).toBeVisible();
  await expect(page.getByText(made.inquiries.phone)).toHaveCount(0);
});
