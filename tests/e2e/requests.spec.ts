import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { SEEDED_COMMITTEES } from '../../src/contracts/committees.js';
import { changeConsent } from '../../src/modules/families/families.consent.js';
import { dispatchDue } from '../../src/modules/notifications/outbox.dispatcher.js';
import { PORTAL_COPY } from '../../src/modules/portal/portal.copy.js';
import { sendDueInvitations } from '../../src/modules/surveys/surveys.invitations.js';
import { expectNoSeriousViolations } from './support/axe.js';
import { expect, serveSilaForThisFile, test } from './support/fixtures.js';
import { changeFirstPassword, expectHome, firstAdministratorSignIn, signIn } from './support/journeys.js';
import { codeSentTo, enableSms, registerFamilyAtReception } from './support/portal.js';
import { callApi, pdfFixture } from './support/requests.js';
import { shot, shotsWanted } from './support/shots.js';

/**
 * Issue 5 in Arabic, end to end (C2–C6): reception records an incomplete request, sees what is
 * missing, completes it; the family signs on the screen; a committee of three meets and decides
 * with its quorum; the minutes are approved by each member and frozen; the family's SMS is in the
 * outbox; the deadline shows in both calendars; the family sees the decision in the portal.
 */
serveSilaForThisFile();

type Texts = { [key: string]: string | Texts };
const load = (file: string) => JSON.parse(readFileSync(path.resolve(file), 'utf8')) as Texts;
const requestsAr = load('src/web/requests/i18n/ar.json');
const committeesAr = load('src/web/committees/i18n/ar.json');
const commonAr = load('src/web/i18n/ar.json');
function text(source: Texts, key: string, values: Record<string, string> = {}): string {
  let node: string | Texts | undefined = source;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`No text ${key}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');
}
const r = (key: string, values?: Record<string, string>) => text(requestsAr, key, values);
const c = (key: string, values?: Record<string, string>) => text(committeesAr, key, values);
const tc = (key: string, values?: Record<string, string>) => text(commonAr, key, values);
const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const labelled = (page: Page, label: string) => page.getByLabel(new RegExp(`^${escapeRegExp(label)}( \\*)?$`));
const combo = (page: Page, label: string) => page.getByRole('combobox', { name: new RegExp(`^${escapeRegExp(label)}( \\*)?$`) });

async function choose(page: Page, label: string, option: string): Promise<void> {
  await combo(page, label).click({ force: true });
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** A picture at 1280 px and one at 360 px, once the shell's side bar has settled (only when SILA_SHOTS asks). */
async function pictures(page: Page, name: string): Promise<void> {
  if (!shotsWanted) return;
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, `requests-${name}-1280`, { fullPage: true });
  await page.setViewportSize({ width: 360, height: 800 });
  await shot(page, `requests-${name}-360`, { fullPage: true, settleMs: 600 });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.waitForTimeout(300);
}

const TRAINING = 'الالتحاق ببرنامج تدريبي';
const MEMBERS = [
  { username: 'saad.chair', displayName: 'سعد الرئيس' },
  { username: 'noura.member', displayName: 'نورة العضو' },
  { username: 'faisal.member', displayName: 'فيصل العضو' },
];

let adminState: Awaited<ReturnType<BrowserContext['storageState']>> | undefined;
const passwords = new Map<string, string>();
const contexts: BrowserContext[] = [];
let family: { id: string; reference: string; nationalId: string };
let requestUrl = '';
let requestReference = '';
let meetingUrl = '';
let minutesUrl = '';

async function signedIn(browser: Browser, baseURL: string, username: string, displayName: string): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  contexts.push(context);
  const page = await context.newPage();
  const temporary = passwords.get(username) ?? '';
  await signIn(page, username, temporary);
  await changeFirstPassword(page, temporary, `درب التمر في الأحساء ${username.length}`);
  await expectHome(page, displayName);
  return page;
}

test.afterAll(async () => {
  for (const context of contexts) await context.close();
});

test('an administrator names the committee of three, its chair and its quorum', async ({ page, sila }) => {
  enableSms(sila.ctx);
  await firstAdministratorSignIn(page, sila.admin);
  for (const user of [
    { username: 'huda.reception', displayName: 'هدى الاستقبال', roles: ['reception'] },
    ...MEMBERS.map((m) => ({ ...m, roles: ['committee-member'] })),
  ]) {
    const created = await page.evaluate(async (body) => {
      const session = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
      const response = await fetch('/api/v1/staff/users', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ ...body, scope: { categories: [], domains: [], offices: [] } }),
      });
      return (await response.json()) as { oneTimePassword: string };
    }, user);
    passwords.set(user.username, created.oneTimePassword);
  }
  family = await registerFamilyAtReception(sila.ctx, 'آمنة عبدالله الدوسري');

  await page
    .getByRole('link', { name: c('nav') })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1, name: c('title') })).toBeVisible({ timeout: 30_000 });
  await expectNoSeriousViolations(page, 'the committees list');
  await page.getByRole('button', { name: c('editNamed', { name: 'لجنة دراسة الطلبات' }) }).click();
  const dialog = page.getByRole('dialog', { name: c('editCommittee') });
  await expect(dialog).toBeVisible();
  for (const member of MEMBERS) await choose(page, c('members'), member.displayName);
  await page.keyboard.press('Escape');
  await choose(page, c('chair'), MEMBERS[0]?.displayName ?? '');
  await labelled(page, c('quorum')).fill('2');
  await expectNoSeriousViolations(page, 'the committee form');
  await dialog.getByRole('button', { name: 'حفظ' }).click();
  await expect(page.getByText(c('saved'))).toBeVisible();
  await expect(page.getByRole('row', { name: /لجنة دراسة الطلبات/ })).toContainText(`${MEMBERS[0]?.displayName}`);

  // Request types (settings): the seeded ones, their committee named.
  await page
    .getByRole('link', { name: r('typesNav') })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1, name: r('types.title') })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('row', { name: new RegExp(TRAINING) })).toContainText('لجنة دراسة الطلبات');
  await expectNoSeriousViolations(page, 'the request types');
  await page.getByRole('link', { name: TRAINING }).click();
  await expect(page.getByRole('heading', { level: 1, name: r('types.editTitle') })).toBeVisible();
  await expect(labelled(page, r('types.responseWorkingDays'))).toHaveValue('15');
  await expectNoSeriousViolations(page, 'the request type form');
  await pictures(page, 'type-form');
  adminState = await page.context().storageState();
  expect(SEEDED_COMMITTEES.requests).toBeTruthy();
});

test('reception records an incomplete request, sees what is missing, completes it and the family signs on screen', async ({
  browser,
  sila,
}) => {
  const reception = await signedIn(browser, sila.url, 'huda.reception', 'هدى الاستقبال');
  await reception.goto(`/staff/families/${family.id}`);
  await reception.getByRole('link', { name: r('list.new') }).click();
  await expect(reception.getByRole('heading', { level: 1, name: r('new.title') })).toBeVisible({ timeout: 30_000 });
  await choose(reception, r('type'), TRAINING);
  // C2: the type's criteria are shown before anything is asked.
  await expect(reception.getByTestId('criteria')).toContainText('الأسر المنتجة');
  await choose(reception, r('channel'), `A1 — ${r('channels.interview')}`);
  await labelled(reception, 'اسم المتدرب').fill('سارة الدوسري');
  await expectNoSeriousViolations(reception, 'the new request form');
  await pictures(reception, 'new');
  // A double click sends the same form twice: one request (the idempotency key).
  await reception.getByRole('button', { name: r('new.create') }).dblclick();
  await expect(reception.getByRole('heading', { level: 1, name: r('page.title', { type: TRAINING }) })).toBeVisible({ timeout: 30_000 });
  requestUrl = new URL(reception.url()).pathname;

  // C3: the checklist says plainly what is missing.
  const checklist = reception.getByTestId('checklist');
  await expect(checklist.locator('[data-satisfied="false"]').filter({ hasText: 'البرنامج المطلوب' })).toBeVisible();
  await expect(checklist.locator('[data-satisfied="true"]').filter({ hasText: 'اسم المتدرب' })).toBeVisible();
  await expectNoSeriousViolations(reception, 'the draft request');

  // Moving it on while incomplete: the 422's missing items, listed.
  await reception.getByRole('button', { name: r('actions.submit') }).click();
  await reception
    .getByRole('dialog')
    .getByRole('button', { name: r('actions.confirm.submit'), exact: true })
    .click();
  const missing = reception.getByTestId('missing-items');
  await expect(missing).toContainText('البرنامج المطلوب');
  await expect(missing).toContainText('صورة الهوية الوطنية أو الإقامة');
  await shot(reception, 'requests-missing-1280', { fullPage: true });
  await reception.getByRole('button', { name: 'إلغاء' }).click();

  // Completing it: the answers, then the ID copy.
  await reception.getByRole('button', { name: r('answers.edit') }).click();
  await choose(reception, 'البرنامج المطلوب', 'الخياطة والتفصيل');
  await reception.getByRole('radio', { name: r('yes') }).check();
  await reception.getByRole('button', { name: 'حفظ' }).click();
  await expect(reception.getByText(r('answers.saved'))).toBeVisible();
  const pdf = pdfFixture('id-copy.pdf');
  await reception.locator('input[type="file"]').first().setInputFiles(pdf);
  await reception
    .getByRole('button', { name: r('documents.upload') })
    .first()
    .click();
  await expect(reception.getByRole('link', { name: pdf.name })).toBeVisible();
  await expect(reception.getByText(r('checklist.complete'))).toBeVisible();

  // C4: review with the family, who signs on the screen with the mouse.
  await reception.getByRole('button', { name: r('attestation.review') }).click();
  const review = reception.getByRole('dialog', { name: r('attestation.reviewTitle') });
  await expect(review).toContainText(family.nationalId);
  await expect(review).toContainText('سارة الدوسري');
  const pad = reception.getByTestId('signature-pad');
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error('no signature pad');
  await reception.mouse.move(box.x + 40, box.y + 120);
  await reception.mouse.down();
  for (const [dx, dy] of [
    [70, 60],
    [110, 140],
    [150, 70],
    [200, 150],
    [250, 90],
  ] as const) {
    await reception.mouse.move(box.x + dx, box.y + dy, { steps: 6 });
  }
  await reception.mouse.up();
  await expect(pad).toHaveAttribute('data-signed', 'true');
  await expectNoSeriousViolations(reception, 'the review with the family');
  await shot(reception, 'requests-review-1280', { fullPage: true });
  await review.getByRole('button', { name: r('attestation.confirm') }).click();
  await expect(reception.getByRole('status').filter({ hasText: r('attestation.validTitle') })).toBeVisible();

  // Complete and attested: it goes on; day 0 of its clock is today.
  await reception.getByRole('button', { name: r('actions.submit') }).click();
  await reception
    .getByRole('dialog')
    .getByRole('button', { name: r('actions.confirm.submit'), exact: true })
    .click();
  await expect(reception.getByTestId('request-status')).toHaveText(r('statuses.complete'));
  // C6: the deadline in Hijri (…هـ) and Gregorian (…م).
  const deadline = reception.getByTestId('request-deadline');
  await expect(deadline).toContainText('هـ');
  await expect(deadline).toContainText(/20\d\d/);
  requestReference = (await reception.getByText(/^REQ-/).first().textContent()) ?? '';
  await expectNoSeriousViolations(reception, 'the complete request');
  await pictures(reception, 'page');

  // The worklist: one request, not two, and it now waits for the committee.
  await reception.goto('/staff/requests?list=all');
  await expect(reception.getByRole('heading', { level: 1, name: r('list.title') })).toBeVisible();
  await expect(reception.getByRole('link', { name: requestReference })).toHaveCount(1);
  await expectNoSeriousViolations(reception, 'the worklists');
  await pictures(reception, 'worklists');
});

test('the committee of three meets, votes with its quorum, approves the minutes and they freeze', async ({ browser, sila }) => {
  const [chairUser, secondUser, thirdUser] = MEMBERS as [(typeof MEMBERS)[0], (typeof MEMBERS)[0], (typeof MEMBERS)[0]];
  const chair = await signedIn(browser, sila.url, chairUser.username, chairUser.displayName);
  await chair
    .getByRole('link', { name: c('nav') })
    .first()
    .click();
  await chair.getByRole('link', { name: 'لجنة دراسة الطلبات' }).click();
  await expect(chair.getByRole('heading', { level: 2, name: c('scheduleTitle') })).toBeVisible({ timeout: 30_000 });
  await expectNoSeriousViolations(chair, 'the committee page');
  await chair.getByRole('button', { name: c('schedule'), exact: true }).click();
  await expect(chair.getByRole('heading', { level: 2, name: c('agenda') })).toBeVisible();
  meetingUrl = new URL(chair.url()).pathname;
  await chair.getByRole('button', { name: c('addNamedToAgenda', { reference: requestReference }) }).click();
  await expect(chair.getByRole('article', { name: new RegExp(escapeRegExp(requestReference)) })).toBeVisible();
  for (const member of MEMBERS) await chair.getByRole('checkbox', { name: member.displayName }).check();
  await chair.getByRole('button', { name: c('markHeld') }).click();
  await expect(chair.getByText(c('meetingStatuses.held'), { exact: true })).toBeVisible();

  const vote = async (page: Page) => {
    await page.getByRole('radio', { name: c('choices.approve'), exact: true }).check();
    await page.getByRole('button', { name: c('castVote') }).click();
    await expect(page.getByText(c('voteRecorded'))).toBeVisible();
  };
  await vote(chair);
  // One vote of a quorum of two: no decision yet.
  await expect(chair.getByText(c('tallyStates.quorum-not-met'))).toBeVisible();
  await expectNoSeriousViolations(chair, 'the meeting');

  const second = await signedIn(browser, sila.url, secondUser.username, secondUser.displayName);
  await second.goto(meetingUrl);
  await vote(second);
  await expect(second.getByText(c('outcomes.approved'))).toBeVisible();
  const third = await signedIn(browser, sila.url, thirdUser.username, thirdUser.displayName);
  await third.goto(meetingUrl);
  await vote(third);

  await chair.reload();
  await expect(chair.getByText(c('outcomes.approved'))).toBeVisible();
  await pictures(chair, 'meeting');
  await chair.getByRole('button', { name: c('generateMinutes') }).click();
  await expect(chair.getByRole('heading', { level: 1, name: c('minutesTitle') })).toBeVisible();
  minutesUrl = new URL(chair.url()).pathname;
  await expect(chair.getByTestId('minutes-text')).toContainText(requestReference);
  await expectNoSeriousViolations(chair, 'the draft minutes');
  for (const page of [chair, second, third]) {
    if (page !== chair) await page.goto(minutesUrl);
    await page.getByRole('button', { name: c('approveMinutes') }).click();
  }
  // The last approval freezes them (C5): never edited again, only amended.
  await expect(third.getByText(c('frozenTitle'))).toBeVisible();
  await expect(third.getByRole('button', { name: c('approveMinutes') })).toHaveCount(0);
  await expectNoSeriousViolations(third, 'the frozen minutes');
  await pictures(third, 'minutes');
});

test('the decision reaches the request, the outbox and the family in the portal', async ({ browser, page, sila }) => {
  const adminContext = await browser.newContext({ baseURL: sila.url, storageState: adminState });
  contexts.push(adminContext);
  const admin = await adminContext.newPage();
  await admin.goto('/staff');
  const decided = await admin.evaluate(async () => {
    const response = await fetch('/api/v1/notifications/outbox?event=request.decided');
    return (await response.json()) as { items: { channel: string; recipient: { reference: string | null } }[] };
  });
  expect(decided.items.filter((item) => item.recipient.reference === family.reference).map((item) => item.channel)).toEqual(['sms']);
  await admin.goto('/staff/outbox');
  await expect(admin.getByText(family.reference).first()).toBeVisible({ timeout: 30_000 });
  await shot(admin, 'requests-outbox-1280', { fullPage: true });

  // Issue 20 §5 (C5, C6): decided, the message only queued — the family is not "told" yet.
  const chairPage = contexts[1]?.pages()[0];
  if (!chairPage) throw new Error('the chair’s page is open from the meeting');
  await chairPage.goto(requestUrl);
  await expect(chairPage.getByTestId('request-decision')).toContainText(r('outcomes.approved'));
  await expect(chairPage.getByTestId('request-status')).toHaveText(r('decidedWithMessage.queued'));
  await expect(chairPage.getByTestId('decision-message').getByTestId('message-state')).toHaveAttribute('data-state', 'queued');
  await expectNoSeriousViolations(chairPage, 'the decided request');
  await shot(chairPage, 'requests-decided-message-queued', { fullPage: true });

  // A local SMS gateway is configured and the dispatcher runs: the message is sent, the request told.
  const gateway = await localSmsGateway();
  try {
    sila.ctx.config.transports.smsGatewayUrl = gateway.url;
    await dispatchDue(sila.ctx, { budgetMs: 3_000 });
    expect(gateway.received.length).toBeGreaterThan(0);
  } finally {
    await gateway.close();
  }
  await chairPage.reload();
  await expect(chairPage.getByTestId('request-status')).toHaveText(r('statuses.notified'));
  await expect(chairPage.getByTestId('decision-message').getByTestId('message-state')).toHaveAttribute('data-state', 'sent');
  await expect(chairPage.getByTestId('case-messages')).toContainText(tc('caseMessages.states.sent'));

  const portal = PORTAL_COPY.ar;
  await page.goto('/portal');
  await page.getByLabel(portal.nationalIdLabel).fill(family.nationalId);
  await page.getByRole('button', { name: portal.sendCode }).click();
  await expect(page.getByRole('status')).toHaveText(portal.codeSent);
  await page.getByLabel(portal.codeLabel).fill(await codeSentTo(sila.ctx, family.id));
  await page.getByRole('button', { name: portal.signIn, exact: true }).click();
  const card = page.getByRole('article', { name: TRAINING });
  await expect(card).toContainText(requestReference);
  await expect(card).toContainText(portal.statuses.notified);
  await shot(page, 'requests-portal-decision', { fullPage: true });
});

test('H1: reception closes the told request from its page, and the family is invited to the satisfaction survey', async ({
  browser,
  sila,
}) => {
  const { ctx } = sila;
  const adminContext = await browser.newContext({ baseURL: sila.url, storageState: adminState });
  contexts.push(adminContext);
  const admin = await adminContext.newPage();
  await admin.goto('/staff');
  // The family agreed to be asked; the association asks on the day a request closes (delay 0).
  const row = await ctx.db.selectFrom('families').selectAll().where('id', '=', family.id).executeTakeFirstOrThrow();
  await changeConsent(ctx, row, { purpose: 'surveys', action: 'give', channel: 'interview' }, { kind: 'staff', id: row.registered_by });
  const settings = (await callApi<{ triggers: Record<string, Record<string, unknown>> }>(admin, 'GET', '/api/v1/settings/surveys')).body;
  const saved = await callApi(admin, 'PUT', '/api/v1/settings/surveys', {
    ...settings,
    triggers: { ...settings.triggers, request: { ...settings.triggers.request, delayDays: 0 } },
  });
  expect(saved.status).toBe(200);

  const reception = contexts[0]?.pages()[0];
  if (!reception) throw new Error('reception’s page is open from the request it recorded');
  await reception.goto(requestUrl);
  await expect(reception.getByTestId('request-status')).toHaveText(r('statuses.notified'));
  await reception.getByRole('button', { name: r('actions.close') }).click();
  await reception
    .getByRole('dialog')
    .getByRole('button', { name: r('actions.confirm.close') })
    .click();
  await expect(reception.getByTestId('request-status')).toHaveText(r('statuses.closed'));

  // The close made one invitation for this case; the job sends it as a bulk SMS with the survey link.
  const invitations = await ctx.db.selectFrom('survey_invitations').select(['case_kind']).where('family_id', '=', family.id).execute();
  expect(invitations.map((each) => each.case_kind)).toEqual(['request']);
  ctx.config.publicUrl = sila.url;
  expect((await sendDueInvitations(ctx)).sent).toBe(1);
  const message = await ctx.db
    .selectFrom('outbox_messages')
    .select(['channel', 'priority'])
    .where('event', '=', 'survey.invitation')
    .where('recipient_id', '=', family.id)
    .executeTakeFirstOrThrow();
  expect([message.channel, message.priority]).toEqual(['sms', 'bulk']);
});

/** A stand-in SMS gateway on this machine (the `json` preset): answers 200 and keeps what it was sent. */
async function localSmsGateway() {
  const received: unknown[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      received.push(JSON.parse(body));
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sms`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
