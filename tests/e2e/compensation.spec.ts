import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from '@playwright/test';
import { SEEDED_COMMITTEES } from '../../src/contracts/committees.js';
import { PORTAL_COMPENSATION_COPY } from '../../src/modules/portal/portal.compensation.js';
import { PORTAL_COPY } from '../../src/modules/portal/portal.copy.js';
import { SESSION_COOKIE } from '../../src/platform/http/auth-plugin.js';
import { expectNoSeriousViolations } from './support/axe.js';
import { expect, serveSilaForThisFile, test } from './support/fixtures.js';
import { codeSentTo, enableSms, registerFamilyAtReception } from './support/portal.js';
import { cm as c, drawSignature, escapeRegExp } from './support/requests.js';
import { shot } from './support/shots.js';
import { apiAs, type Session, staffWithSession } from './support/staff.js';

/**
 * Issue 23's journey in Arabic (D1–D4, E3): a complaint linked to a family is escalated → the
 * investigation committee (the seeded follow-up committee, which holds the `investigation` purpose)
 * meets with quorum on its meeting page, the case is picked from the subjects awaiting study beside
 * the requests, both members find harm stating its size in riyals and its causes, the minutes are
 * approved and frozen and show the finding → two negotiation rounds → the settlement's terms signed
 * by the family on the screen, witnessed by a member who works the reception desk → payment in two
 * instalments → the family's messages in the outbox → the complaint's public tracking page shows the
 * outcome category only. axe with no serious or critical violations on the committee and
 * compensation screens. Screens that exist are used; the rest goes through the API they call.
 */
serveSilaForThisFile();
test.describe.configure({ timeout: 420_000 });

type Texts = { [key: string]: string | Texts };
const compensationAr = JSON.parse(readFileSync(path.resolve('src/web/compensation/i18n/ar.json'), 'utf8')) as Texts;
const complaintsAr = JSON.parse(readFileSync(path.resolve('src/web/complaints/i18n/ar.json'), 'utf8')) as Texts;
function k(key: string, texts: Texts = compensationAr): string {
  let node: string | Texts | undefined = texts;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`No text ${key}`);
  return node;
}
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const HARM = 'تلفت بضاعة الأسرة المعروضة في معرض الجمعية بسبب سوء التخزين';
const CAUSES = 'تخزين البضاعة في مستودع غير مكيّف دون إشراف';

const contexts: BrowserContext[] = [];
async function pageAs(browser: Browser, baseURL: string, session: Session): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: 'ar-SA', timezoneId: 'Asia/Riyadh' });
  contexts.push(context);
  await context.addCookies([{ name: SESSION_COOKIE, value: session.token, url: baseURL }]);
  return context.newPage();
}

/** The input in `within` labelled exactly so (Mantine appends " *" to required labels). */
const labelled = (within: Locator, label: string) => within.getByLabel(new RegExp(`^${escapeRegExp(label)}( \\*)?$`));

/** axe at 1280 px and at 360 px (a picture at each when SILA_SHOTS asks), back at 1280 px. */
async function axeAndShot(page: Page, name: string, where: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await expectNoSeriousViolations(page, `${where} at 1280 px`);
  await shot(page, `compensation-${name}-1280`, { fullPage: true });
  await page.setViewportSize({ width: 360, height: 800 });
  await page.waitForTimeout(400);
  await expectNoSeriousViolations(page, `${where} at 360 px`);
  await shot(page, `compensation-${name}-360`, { fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.waitForTimeout(200);
}

let admin: Session;
let reception: Session;
let chair: Session;
let member: Session;
let manager: Session;
let familyId = '';
let familyNationalId = '';
let complaint = { id: '', reference: '', trackingCode: '' };
let caseId = '';
let caseReference = '';
let meetingId = '';
let minutesId = '';

test.afterAll(async () => {
  for (const context of contexts) await context.close();
});

test('set up: the follow-up committee (investigation) of two with a quorum of two; a family; its complaint, acknowledged and assessed', async ({
  sila,
}) => {
  enableSms(sila.ctx);
  admin = await staffWithSession(sila.ctx, 'مدير الإعدادات', ['administrator']);
  reception = await staffWithSession(sila.ctx, 'ريم الاستقبال', ['reception']);
  chair = await staffWithSession(sila.ctx, 'خالد المتابعة', ['follow-up-committee']);
  // The second member also works the reception desk: she witnesses the family's signature (C4).
  member = await staffWithSession(sila.ctx, 'منى المتابعة', ['follow-up-committee', 'reception']);
  manager = await staffWithSession(sila.ctx, 'سارة الإدارة', ['management']);
  const asAdmin = apiAs(sila.url, admin);
  const committees = await asAdmin<{ items: Array<{ id: string; purposes: string[] }> }>('GET', '/api/v1/committees');
  expect(committees.items.find((item) => item.id === SEEDED_COMMITTEES.followUp)?.purposes).toContain('investigation');
  await asAdmin('PATCH', `/api/v1/committees/${SEEDED_COMMITTEES.followUp}`, {
    memberIds: [chair.userId, member.userId],
    chairId: chair.userId,
    quorum: 2,
  });

  const family = await registerFamilyAtReception(sila.ctx, 'مريم عبدالله القحطاني');
  familyId = family.id;
  familyNationalId = family.nationalId;
  const intake = await apiAs(sila.url, reception)<{ case: { id: string; reference: string }; trackingCode: string }>(
    'POST',
    '/api/v1/complaints/intake',
    {
      kind: 'complaint',
      channel: 'fax',
      name: 'مريم عبدالله القحطاني',
      mobile: '0559876543',
      topic: 'aid-disbursement',
      description: 'عرضت الأسرة بضاعتها في معرض الجمعية فتلفت في المستودع قبل البيع.',
      familyId,
    },
  );
  complaint = { id: intake.case.id, reference: intake.case.reference, trackingCode: intake.trackingCode };
  const step = (await apiAs(sila.url, reception)<{ step: string }>('GET', `/api/v1/complaints/${complaint.id}`)).step;
  if (step === 'received')
    await apiAs(sila.url, reception)('POST', `/api/v1/complaints/${complaint.id}/steps`, { action: 'acknowledge', via: 'sms' });
  await apiAs(sila.url, chair)('POST', `/api/v1/complaints/${complaint.id}/steps`, {
    action: 'assess',
    severity: 'high',
    needsImmediateAction: false,
    concernedStaffIds: [],
  });
});

test('E3: the committee member escalates the complaint from its page; the case is opened, linked to it, awaiting the investigation committee', async ({
  browser,
  sila,
}) => {
  const page = await pageAs(browser, sila.url, chair);
  await page.goto(`/staff/complaints/${complaint.id}`);
  const section = page.getByRole('region', { name: k('compensation.title', complaintsAr) });
  await expect(section).toBeVisible({ timeout: 30_000 });
  await labelled(section, k('compensation.reason', complaintsAr)).fill('ضرر مالي وقع على الأسرة يستوجب التعويض');
  await section.getByRole('button', { name: k('compensation.save', complaintsAr) }).click();
  const link = section.getByRole('link', { name: k('compensation.link', complaintsAr) });
  await expect(link).toBeVisible();
  await axeAndShot(page, 'complaint-escalated', 'the escalated complaint');
  await link.click();
  await expect(page).toHaveURL(/\/staff\/compensation\/[0-9a-f-]{36}$/);
  caseId = page.url().split('/').at(-1) ?? '';
  const opened = await apiAs(sila.url, manager)<{ reference: string; status: string; complaint: { id: string } }>(
    'GET',
    `/api/v1/compensation-cases/${caseId}`,
  );
  expect(opened).toMatchObject({ status: 'opened', complaint: { id: complaint.id } });
  caseReference = opened.reference;
  expect(caseReference).toMatch(/^COMP-\d{4}-\d{6}$/);
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(escapeRegExp(caseReference)) })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('compensation-status')).toHaveText(k('status.opened'));
  await axeAndShot(page, 'case-opened', 'the opened case, as the committee member sees it');
});

test('D2: the committee meets with quorum, puts the case on the agenda from the subjects awaiting study, finds harm with its size and causes, and freezes the minutes', async ({
  browser,
  sila,
}) => {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Riyadh' }).format(new Date());
  meetingId = (
    await apiAs(sila.url, chair)<{ id: string }>('POST', `/api/v1/committees/${SEEDED_COMMITTEES.followUp}/meetings`, { day: today })
  ).id;
  const page = await pageAs(browser, sila.url, chair);
  await page.goto(`/staff/meetings/${meetingId}`);
  await expect(page.getByRole('heading', { level: 2, name: c('presence') })).toBeVisible({ timeout: 30_000 });

  // Presence: both members, then the meeting starts (quorum two of two).
  await page.getByRole('checkbox', { name: chair.displayName }).check();
  await page.getByRole('checkbox', { name: member.displayName }).check();
  await page.getByRole('button', { name: c('markHeld') }).click();
  await expect(page.getByText(c('meetingHeld')).first()).toBeVisible();
  await expect(page.getByText(c('meetingStatuses.held')).first()).toBeVisible();

  // The picker lists the compensation case with its kind; adding it puts it on the agenda.
  await expect(page.getByRole('heading', { name: c('awaitingTitle') })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(escapeRegExp(caseReference)) })).toContainText(c('subjectKinds.compensation'));
  await axeAndShot(page, 'meeting-awaiting', 'the meeting page with a compensation case awaiting study');
  await page.getByRole('button', { name: c('addCaseToAgenda', { reference: caseReference }) }).click();
  const card = page.getByRole('article', { name: new RegExp(escapeRegExp(caseReference)) });
  await expect(card).toBeVisible();
  await expect(card).toContainText('قضية التعويض');

  // The kind's options; finding harm asks for its size and causes, in Arabic, before anything is sent.
  const choices = card;
  await expect(choices.getByRole('radio', { name: c('kindChoices.compensation.approve') })).toBeVisible();
  await expect(choices.getByRole('radio', { name: c('kindChoices.compensation.reject') })).toBeVisible();
  await expect(choices.getByRole('radio', { name: c('choices.partly-approve') })).toHaveCount(0);
  await choices.getByRole('radio', { name: c('kindChoices.compensation.approve') }).check();
  await card.getByRole('button', { name: c('castVote') }).click();
  await expect(card.getByText(c('harm.harmRequired'))).toBeVisible();
  await expect(card.getByText(c('harm.causesRequired'))).toBeVisible();
  await expect(card.getByText(c('harm.amountRequired'))).toBeVisible();
  await expect(card.getByText(c('harm.reasonsRequired'))).toBeVisible();
  await axeAndShot(page, 'vote-errors', 'the compensation vote with its validation messages');

  await labelled(card, c('reasons')).fill('ثبت من التحقيق تقصير الجمعية في حفظ البضاعة.');
  await labelled(card, c('harm.harm')).fill(HARM);
  await labelled(card, c('harm.amount')).fill('0');
  await labelled(card, c('harm.causes')).fill(CAUSES);
  await card.getByRole('button', { name: c('castVote') }).click();
  await expect(card.getByText(c('harm.amountInvalid'))).toBeVisible();
  // Arabic-Indic digits are read as riyals: ٥٠٠٠.٥٠ is 500050 halalas.
  await labelled(card, c('harm.amount')).fill('٥٠٠٠.٥٠');
  await card.getByRole('button', { name: c('castVote') }).click();
  await expect(page.getByText(c('voteRecorded')).first()).toBeVisible();
  await expect(card.getByRole('row', { name: new RegExp(chair.displayName) })).toContainText(HARM);

  // The second member votes the same through the API the same form sends.
  await apiAs(sila.url, member)('POST', `/api/v1/meetings/${meetingId}/votes`, {
    subjectKind: 'compensation',
    subjectId: caseId,
    choice: 'approve',
    reasons: 'أوافق على ثبوت الضرر.',
    payload: { harm: HARM, amountHalalas: 500_050, causes: CAUSES },
  });
  await page.reload();
  await expect(card.getByRole('status').filter({ hasText: c('kindOutcomes.compensation.approved') })).toBeVisible({ timeout: 30_000 });
  await axeAndShot(page, 'meeting-decided', 'the meeting page with the compensation case decided');

  // The minutes: prepared, approved by both, frozen; they state the harm, its size and causes.
  await page.getByRole('button', { name: c('generateMinutes') }).click();
  await expect(page.getByRole('heading', { level: 1, name: c('minutesTitle') })).toBeVisible({ timeout: 30_000 });
  minutesId = page.url().split('/').at(-1) ?? '';
  await page.getByRole('button', { name: c('approveMinutes') }).click();
  const minutes = await apiAs(sila.url, member)<{ sha256: string }>('GET', `/api/v1/minutes/${minutesId}`);
  await apiAs(sila.url, member)('POST', `/api/v1/minutes/${minutesId}/approvals`, { sha256: minutes.sha256 });
  await page.reload();
  await expect(page.getByText(c('frozenTitle'))).toBeVisible({ timeout: 30_000 });
  const decisions = page.getByRole('table', { name: c('decisions') });
  await expect(decisions).toContainText(caseReference);
  await expect(decisions).toContainText(c('kindOutcomeLabels.compensation.approved'));
  await expect(decisions).toContainText(HARM);
  await expect(decisions).toContainText(CAUSES);
  await expect(page.getByText(/ثبوت خطأ الجمعية والضرر الواقع على الأسرة/).first()).toBeVisible();
  await axeAndShot(page, 'minutes-frozen', 'the frozen minutes stating the harm');

  const established = await apiAs(sila.url, manager)<{ status: string; establishment: { basis: string; amountHalalas: number } }>(
    'GET',
    `/api/v1/compensation-cases/${caseId}`,
  );
  expect(established).toMatchObject({ status: 'established', establishment: { basis: 'minutes', amountHalalas: 500_050 } });
});

test('D4: two negotiation rounds and the settlement on the case page, signed by the family on the screen, paid in two instalments; axe on each step', async ({
  browser,
  sila,
}) => {
  const page = await pageAs(browser, sila.url, manager);
  await page.goto(`/staff/compensation/${caseId}`);
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(escapeRegExp(caseReference)) })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('compensation-status')).toHaveText(k('status.established'));
  await axeAndShot(page, 'case-established', 'the case established by the minutes');

  // Round 1: an amount and an apology; the family counters.
  const rounds = page.getByRole('region', { name: k('rounds.title') });
  await labelled(rounds, k('rounds.amount')).fill('3000');
  await labelled(rounds, k('rounds.notes')).fill('داخلي: عرض أول');
  await rounds.getByRole('checkbox', { name: k('rounds.apology') }).check();
  await rounds.getByRole('button', { name: k('rounds.offer') }).click();
  await expect(page.getByText(k('rounds.saved')).first()).toBeVisible();
  await expect(page.getByTestId('compensation-status')).toHaveText(k('status.negotiating'));
  await rounds.getByRole('button', { name: k('rounds.counter') }).click();
  await expect(rounds.getByRole('button', { name: k('rounds.offer') })).toBeVisible();
  // Round 2: 4,500 riyals and a training; the family accepts.
  await labelled(rounds, k('rounds.amount')).fill('4500');
  await labelled(rounds, k('rounds.remedy')).fill('تدريب على التخزين والتغليف');
  await rounds.getByRole('button', { name: k('rounds.offer') }).click();
  await expect(rounds.getByRole('button', { name: k('rounds.accepted') })).toBeVisible();
  await rounds.getByRole('button', { name: k('rounds.accepted') }).click();
  await expect(rounds.getByRole('button', { name: k('rounds.accepted') })).toHaveCount(0);
  await axeAndShot(page, 'case-negotiated', 'the case after two rounds');

  // The terms; a manager is no witness, so the page says who takes the family's signature (C4).
  const settlement = page.getByRole('region', { name: k('settlement.title') });
  await labelled(settlement, k('settlement.amount')).fill('4500');
  await labelled(settlement, k('settlement.schedule')).fill('على دفعتين خلال شهر');
  await settlement.getByRole('button', { name: k('settlement.save') }).click();
  await expect(page.getByTestId('settlement-attested')).toHaveText(k('settlement.notAttested'));
  await expect(settlement.getByText(k('settlement.witnessOnly'))).toBeVisible();
  await expect(settlement.getByRole('button', { name: k('settlement.signOnScreen') })).toHaveCount(0);
  const base = `/api/v1/compensation-cases/${caseId}`;
  const terms = await apiAs(sila.url, manager)<{ settlement: { dataSha256: string; amountHalalas: number } }>('GET', base);
  expect(terms.settlement.amountHalalas).toBe(450_000);

  // The member at the desk reads the terms to the family, who signs on the screen.
  const desk = await pageAs(browser, sila.url, member);
  await desk.goto(`/staff/compensation/${caseId}`);
  const deskSettlement = desk.getByRole('region', { name: k('settlement.title') });
  await deskSettlement.getByRole('button', { name: k('settlement.signOnScreen') }).click({ timeout: 30_000 });
  const dialog = desk.getByRole('dialog', { name: k('settlement.signTitle') });
  await expect(dialog.getByRole('table')).toContainText('4,500.00');
  await expect(dialog.getByRole('table')).toContainText('على دفعتين خلال شهر');
  await expect(dialog.getByText(terms.settlement.dataSha256)).toBeVisible();
  await drawSignature(desk);
  await axeAndShot(desk, 'settlement-signing', 'the settlement terms with the signature pad');
  await dialog.getByRole('button', { name: k('settlement.confirmSignature') }).click();
  await expect(desk.getByText(k('settlement.signed')).first()).toBeVisible();
  await expect(desk.getByTestId('settlement-attested')).toHaveText(k('settlement.attested'));
  await expect(deskSettlement.getByRole('button', { name: k('settlement.signOnScreen') })).toHaveCount(0);
  const signed = await sila.ctx.db
    .selectFrom('subject_attestations')
    .select(['method', 'data_sha256', 'witness_id', 'voided_at'])
    .where('subject_id', '=', caseId)
    .execute();
  expect(signed).toEqual([
    { method: 'signature-pad', data_sha256: terms.settlement.dataSha256, witness_id: member.userId, voided_at: null },
  ]);

  await page.reload();
  await expect(page.getByTestId('settlement-attested')).toHaveText(k('settlement.attested'), { timeout: 30_000 });
  await settlement.getByRole('button', { name: k('settlement.settle') }).click();
  await expect(page.getByTestId('compensation-status')).toHaveText(k('status.settled'));
  await axeAndShot(page, 'case-settled', 'the settled case');

  // Two instalments, each with its receipt. How it was paid is never pre-selected (issue 27 §4): without it, nothing is recorded.
  const payments = page.getByRole('region', { name: k('payments.title') });
  await payments.getByRole('button', { name: k('payments.record') }).click();
  await expect(payments.getByText(`مطلوب: ${k('payments.method')}`)).toBeVisible();
  await expect(page.getByTestId('compensation-payment')).toHaveCount(0);
  await payments.getByRole('combobox', { name: new RegExp(`^${escapeRegExp(k('payments.method'))}( \\*)?$`) }).click({ force: true });
  await page.getByRole('option', { name: k('payments.methods.bank-transfer'), exact: true }).click();
  for (const [amount, day] of [
    ['2000', '2026-03-12'],
    ['2500', '2026-04-12'],
  ] as const) {
    await labelled(payments, k('payments.amount')).fill(amount);
    await labelled(payments, k('payments.day')).fill(day);
    await labelled(payments, k('payments.reference')).fill(`TRX-${amount}`);
    const chooser = page.waitForEvent('filechooser');
    await labelled(payments, k('payments.receipt')).click();
    await (await chooser).setFiles({ name: `receipt-${amount}.pdf`, mimeType: 'application/pdf', buffer: PDF });
    await payments.getByRole('button', { name: k('payments.record') }).click();
    await expect(page.getByTestId('compensation-payment').filter({ hasText: day })).toBeVisible();
  }
  await expect(page.getByTestId('compensation-payment')).toHaveCount(2);
  await expect(page.getByTestId('compensation-status')).toHaveText(k('status.closed'), { timeout: 30_000 });
  // §5: each message to the family shows on the case with its state (opening, decision, two offers, settlement, two payments).
  const shown = page.getByTestId('case-messages');
  for (const event of ['compensation.opened', 'compensation.decided', 'compensation.settled'])
    await expect(shown.locator(`li[data-event="${event}"]`).first()).toBeVisible();
  await expect(shown.locator('li[data-event="compensation.offer"]')).toHaveCount(2);
  await expect(shown.locator('li[data-event="compensation.payment"]')).toHaveCount(2);
  await axeAndShot(page, 'case-closed', 'the closed case with its two payments');

  // §6: an oversight figure opens the list of the cases behind it.
  await page.goto('/staff/oversight');
  const oversight = page.getByRole('region', { name: k('oversight.title') });
  await oversight.getByRole('link', { name: '4,500.00 ريال' }).first().click({ timeout: 30_000 });
  await expect(page).toHaveURL(/\/staff\/compensation\?has=/);
  await expect(page.getByTestId('compensation-narrowed')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('compensation-row').filter({ hasText: caseReference })).toBeVisible();
  const closed = await apiAs(sila.url, manager)<{ status: string; payments: Array<{ amountHalalas: number }> }>('GET', base);
  expect(closed.status).toBe('closed');
  expect(closed.payments.map((p) => p.amountHalalas).sort()).toEqual([200_000, 250_000]);
});

test('§5: the family’s messages are in the outbox, without staff names; the tracking page shows the outcome category only; the portal lists the case with its step and dates', async ({
  browser,
  sila,
}) => {
  const messages = await sila.ctx.db
    .selectFrom('outbox_messages')
    .select(['event', 'recipient_id', 'recipient_kind'])
    .where('about_id', '=', caseId)
    .execute();
  const toFamily = messages.filter((m) => m.recipient_kind === 'family');
  expect(toFamily.every((m) => m.recipient_id === familyId)).toBe(true);
  const events = toFamily.map((m) => m.event);
  for (const event of ['compensation.opened', 'compensation.decided', 'compensation.offer', 'compensation.settled', 'compensation.payment'])
    expect(events, event).toContain(event);
  expect(events.filter((e) => e === 'compensation.offer')).toHaveLength(2);
  expect(events.filter((e) => e === 'compensation.payment')).toHaveLength(2);

  const visitor = await (await browser.newContext({ baseURL: sila.url, locale: 'ar-SA' })).newPage();
  await visitor.goto(`/complaints/track#${complaint.trackingCode.replaceAll('-', '')}`);
  await expect(visitor.locator('#result-compensation-row')).toBeVisible({ timeout: 30_000 });
  await expect(visitor.locator('#result-compensation')).toHaveText('أُغلق');
  const body = (await visitor.locator('body').textContent()) ?? '';
  for (const secret of ['4,500', '4500', '450000', '5,000', HARM, CAUSES, caseReference, chair.displayName, manager.displayName])
    expect(body, secret).not.toContain(secret);
  await expectNoSeriousViolations(visitor, 'the tracking page with the compensation outcome');
  await visitor.context().close();

  // The family follows its case in the portal: reference, step and dates; nothing internal.
  const portal = await (await browser.newContext({ baseURL: sila.url, locale: 'ar-SA' })).newPage();
  await portal.goto('/portal');
  await portal.getByLabel(PORTAL_COPY.ar.nationalIdLabel).fill(familyNationalId);
  await portal.getByRole('button', { name: PORTAL_COPY.ar.sendCode }).click();
  await expect(portal.getByLabel(PORTAL_COPY.ar.codeLabel)).toBeFocused();
  await portal.getByLabel(PORTAL_COPY.ar.codeLabel).fill(await codeSentTo(sila.ctx, familyId));
  await portal.getByRole('button', { name: PORTAL_COPY.ar.signIn, exact: true }).click();
  const claims = portal.getByRole('region', { name: PORTAL_COMPENSATION_COPY.ar.title });
  const claim = claims.getByRole('article', { name: new RegExp(escapeRegExp(caseReference)) });
  await expect(claim).toContainText(PORTAL_COMPENSATION_COPY.ar.statuses.closed, { timeout: 30_000 });
  await expect(claim).toContainText(PORTAL_COMPENSATION_COPY.ar.established);
  await expect(claim).toContainText(/\d{4} هـ/);
  const shown = (await claims.textContent()) ?? '';
  for (const secret of ['4,500', '3,000', HARM, CAUSES, chair.displayName, manager.displayName, member.displayName])
    expect(shown, secret).not.toContain(secret);
  await expectNoSeriousViolations(portal, 'the portal with the family’s compensation case');
  await shot(portal, 'compensation-portal', { fullPage: true });
  await portal.context().close();
});
