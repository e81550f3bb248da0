import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { SESSION_COOKIE } from '../../src/platform/http/auth-plugin.js';
import { uuidv7 } from '../../src/platform/ids.js';
import { expectNoSeriousViolations } from './support/axe.js';
import { expect, serveSilaForThisFile, test } from './support/fixtures.js';
import { registerFamilyAtReception } from './support/portal.js';
import { cm as c, escapeRegExp, rq as r } from './support/requests.js';
import { shot } from './support/shots.js';
import { apiAs, type Session, staffWithSession } from './support/staff.js';

/**
 * The committee's screens in Arabic as a member sees them (issue 5 §7, §10; C5), at 1280 and 360 px
 * with axe on each: the worklist's tabs (awaiting study, under study, information requested) with
 * their counts, and the minutes page's "cannot freeze" warnings — a decided request that moved on
 * (`minutes.requests-moved`) and a member present who can no longer approve
 * (`minutes.approver-inactive`) — each said in Arabic, never as a code.
 *
 * The committee, its requests and its meeting are made through the API (the journeys that make them
 * from the screens are requests.spec.ts and requests-intake.spec.ts); sessions are opened directly.
 */
serveSilaForThisFile();

const committeeErrors = JSON.parse(readFileSync(path.resolve('src/web/committees/i18n/errors.ar.json'), 'utf8')) as {
  minutes: { 'approver-inactive': string; 'requests-moved': string };
};
const SIGNATURE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const TYPE_AR = 'دعم الأدوات والتجهيزات';

const contexts: BrowserContext[] = [];
async function pageAs(browser: Browser, baseURL: string, session: Session): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  contexts.push(context);
  await context.addCookies([{ name: SESSION_COOKIE, value: session.token, url: baseURL }]);
  return context.newPage();
}

/** A picture at 1280 px and one at 360 px (full page), with axe at each width. */
async function picturesWithAxe(page: Page, name: string, where: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await expectNoSeriousViolations(page, `${where} at 1280 px`);
  await shot(page, `committees-${name}-1280`, { fullPage: true });
  await page.setViewportSize({ width: 360, height: 800 });
  await page.waitForTimeout(600);
  await expectNoSeriousViolations(page, `${where} at 360 px`);
  // Nothing wider than the phone's screen (a table scrolls inside its own container).
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${where}: the page scrolls sideways at 360 px`).toBeLessThanOrEqual(0);
  await shot(page, `committees-${name}-360`, { fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.waitForTimeout(300);
}

let chair: Session;
let member: Session;
let reception: Session;
let draftId = '';
let leaving: Session;
let minutesId = '';
const references: Record<'decided' | 'moved' | 'waitingA' | 'waitingB', string> = {} as never;

test.afterAll(async () => {
  for (const context of contexts) await context.close();
});

test('set up: a committee of three, four complete requests, a meeting that decided two, its minutes; one request moved on, one member deactivated', async ({
  sila,
}) => {
  test.setTimeout(120_000);
  const admin = await staffWithSession(sila.ctx, 'مدير الإعدادات', ['administrator']);
  reception = await staffWithSession(sila.ctx, 'هدى الاستقبال', ['reception']);
  chair = await staffWithSession(sila.ctx, 'سعد الرئيس', ['committee-member']);
  member = await staffWithSession(sila.ctx, 'نورة العضو', ['committee-member']);
  leaving = await staffWithSession(sila.ctx, 'Faisal Al-Harbi', ['committee-member']);
  const asAdmin = apiAs(sila.url, admin);
  const asReception = apiAs(sila.url, reception);
  const asChair = apiAs(sila.url, chair);

  const committee = await asAdmin<{ id: string }>('POST', '/api/v1/committees', {
    code: 'tools-aid',
    nameAr: 'لجنة دعم الأدوات',
    nameEn: 'Tools aid committee',
    purpose: 'requests',
    quorum: 2,
    memberIds: [chair.userId, member.userId, leaving.userId],
    chairId: chair.userId,
  });
  await asAdmin('POST', '/api/v1/settings/request-types', {
    code: 'tools-aid-e2e',
    nameAr: TYPE_AR,
    nameEn: 'Tools and equipment aid',
    criteriaAr: 'أسرة منتجة مسجلة لدى الجمعية.',
    criteriaEn: 'A productive family registered with the association.',
    checklist: [{ key: 'project', kind: 'field', labelAr: 'وصف المشروع', labelEn: 'Project', fieldType: 'text', isRequired: true }],
    committeeId: committee.id,
  });

  const complete = async (headNameAr: string) => {
    const family = await registerFamilyAtReception(sila.ctx, headNameAr);
    const created = await asReception<{ id: string; reference: string; dataSha256: string }>('POST', '/api/v1/requests', {
      idempotencyKey: `form-${uuidv7()}`,
      familyId: family.id,
      typeCode: 'tools-aid-e2e',
      channel: 'interview',
      answers: { project: 'مشغل خياطة منزلي' },
    });
    await asReception('POST', `/api/v1/requests/${created.id}/attestations`, {
      method: 'signature-pad',
      signaturePng: SIGNATURE,
      dataSha256: created.dataSha256,
    });
    await asReception('POST', `/api/v1/requests/${created.id}/transitions`, { action: 'submit' });
    return created;
  };
  const decided = await complete('منيرة سالم الشهري');
  const moved = await complete('حصة عبدالرحمن المطيري');
  references.decided = decided.reference;
  references.moved = moved.reference;
  references.waitingA = (await complete('لطيفة ناصر الغامدي')).reference;
  references.waitingB = (await complete('جواهر فهد الزهراني')).reference;

  // The meeting (today, Riyadh): both on the agenda, all three present, all approve.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Riyadh' }).format(new Date());
  const meeting = await asChair<{ id: string }>('POST', `/api/v1/committees/${committee.id}/meetings`, { day: today });
  await asChair('PATCH', `/api/v1/meetings/${meeting.id}`, {
    status: 'held',
    presentMemberIds: [chair.userId, member.userId, leaving.userId],
  });
  for (const request of [decided, moved]) {
    await asChair('POST', `/api/v1/meetings/${meeting.id}/agenda`, { requestId: request.id });
    for (const voter of [chair, member, leaving])
      await apiAs(sila.url, voter)('POST', `/api/v1/meetings/${meeting.id}/votes`, { requestId: request.id, choice: 'approve' });
  }
  const minutes = await asChair<{ id: string; sha256: string }>('POST', `/api/v1/meetings/${meeting.id}/minutes`);
  minutesId = minutes.id;
  // The chair approves at once; the member's approval is then the last one possible.
  await asChair('POST', `/api/v1/minutes/${minutes.id}/approvals`, { sha256: minutes.sha256 });

  // Outside the meeting: reception asks one family for more (the request leaves the committee's study),
  // and a member present is deactivated before approving.
  await asReception('POST', `/api/v1/requests/${moved.id}/transitions`, { action: 'request-information', note: 'يرجى إرفاق عرض سعر' });
  await asAdmin('POST', `/api/v1/staff/users/${leaving.userId}/deactivate`, {});
  // A draft still being prepared, for the request page at 360 px.
  const family = await registerFamilyAtReception(sila.ctx, 'نوف خالد العنزي');
  draftId = (
    await asReception<{ id: string }>('POST', '/api/v1/requests', {
      idempotencyKey: `form-${uuidv7()}`,
      familyId: family.id,
      typeCode: 'tools-aid-e2e',
      channel: 'interview',
      answers: {},
    })
  ).id;
});

test('a request page fits a phone: nothing scrolls sideways at 360 px (a draft for reception, a request under study for the chair)', async ({
  browser,
  sila,
}) => {
  test.setTimeout(120_000);
  const overflowing = (page: Page) =>
    page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        // The closed side bar waits off screen by design; the page itself must not scroll sideways.
        .filter((element) => !element.closest('.mantine-AppShell-navbar'))
        .map((element) => ({ element, rect: element.getBoundingClientRect() }))
        .filter(({ rect }) => rect.width > 0 && (rect.left < -1 || rect.right > document.documentElement.clientWidth + 1))
        .slice(0, 5)
        .map(({ element, rect }) => `${element.tagName}.${element.className} ${Math.round(rect.left)}→${Math.round(rect.right)}`),
    );
  for (const [who, id] of [
    [reception, draftId],
    [chair, ''],
  ] as const) {
    const page = await pageAs(browser, sila.url, who);
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(id ? `/staff/requests/${id}` : '/staff/requests?list=under-study');
    if (!id) await page.getByRole('link', { name: references.decided }).click();
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(TYPE_AR) })).toBeVisible({ timeout: 30_000 });
    await page.waitForTimeout(600);
    expect(await overflowing(page), `${who.displayName}: elements outside the screen`).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await shot(page, `committees-request-${id ? 'draft' : 'under-study'}-360`, { fullPage: true });
  }
});

test('the committee member’s worklists: awaiting study, under study, information requested — each with its count', async ({
  browser,
  sila,
}) => {
  test.setTimeout(420_000);
  const page = await pageAs(browser, sila.url, chair);
  await page.goto('/staff/requests?list=committee');
  await expect(page.getByRole('heading', { level: 1, name: r('list.title') })).toBeVisible({ timeout: 30_000 });
  const expected = [
    { list: 'committee', count: 2, shown: [references.waitingA, references.waitingB] },
    { list: 'under-study', count: 1, shown: [references.decided] },
    { list: 'information-requested', count: 1, shown: [references.moved] },
  ] as const;
  for (const { list, count, shown } of expected) {
    const tab = page.getByRole('tab', { name: new RegExp(`^${r(`list.tabs.${list}`)}`) });
    await expect(tab).toContainText(String(count));
    await tab.click();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    for (const reference of shown) await expect(page.getByRole('link', { name: reference })).toBeVisible();
    await expect(page.getByRole('tabpanel')).toContainText(TYPE_AR);
    await picturesWithAxe(page, `worklist-${list}`, `the ${list} worklist`);
  }
});

test('C5: the draft minutes say why they cannot freeze — a request moved on, a member who can no longer approve — and an approval is refused in Arabic', async ({
  browser,
  sila,
}) => {
  test.setTimeout(420_000);
  const page = await pageAs(browser, sila.url, member);
  await page.goto(`/staff/minutes/${minutesId}`);
  await expect(page.getByRole('heading', { level: 1, name: c('minutesTitle') })).toBeVisible({ timeout: 30_000 });
  const inactive = page.getByRole('status').filter({ hasText: c('inactiveTitle') });
  await expect(inactive).toBeVisible();
  await expect(inactive).toContainText('Faisal Al-Harbi');
  const moved = page.getByRole('status').filter({ hasText: c('movedTitle') });
  await expect(moved).toBeVisible();
  await expect(moved).toContainText(references.moved);
  await expect(moved).toContainText(r('statuses.information-requested'));
  await expect(page.getByText(c('memberInactive')).first()).toBeVisible();
  await picturesWithAxe(page, 'minutes-blocked', 'the draft minutes that cannot freeze');

  // The member approves: refused, said in Arabic (not a code); the minutes stay a draft.
  await page.getByRole('button', { name: c('approveMinutes') }).click();
  // Beside the button, in the committee's words (either reason may be named first).
  const said = [committeeErrors.minutes['approver-inactive'], committeeErrors.minutes['requests-moved']].map(escapeRegExp);
  const refusal = page.getByRole('alert').filter({ hasText: new RegExp(said.join('|')) });
  await expect(refusal).toBeVisible();
  await expect(refusal).not.toContainText('minutes.');
  await expect(page.getByText(c('frozenTitle'))).toHaveCount(0);
  await picturesWithAxe(page, 'minutes-refused', 'the refused approval');

  // The chair's view: the button to record the deactivated member as unable to approve.
  const chairPage = await pageAs(browser, sila.url, chair);
  await chairPage.goto(`/staff/minutes/${minutesId}`);
  await expect(chairPage.getByRole('button', { name: c('excuseNamed', { name: 'Faisal Al-Harbi' }) })).toBeVisible({ timeout: 30_000 });
  await picturesWithAxe(chairPage, 'minutes-blocked-chair', 'the chair’s view of the blocked minutes');
});
