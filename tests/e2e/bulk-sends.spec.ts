import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { changeConsent } from '../../src/modules/families/families.consent.js';
import { registerFamily } from '../../src/modules/families/families.register.js';
import { runBulkSends } from '../../src/modules/notifications/bulk-send.service.js';
import type { AppContext } from '../../src/platform/context.js';
import { expectNoSeriousViolations } from './support/axe.js';
import { expect, serveSilaForThisFile, test } from './support/fixtures.js';
import { firstAdministratorSignIn } from './support/journeys.js';
import { newNationalId, registerFamilyAtReception } from './support/portal.js';
import { choose, labelled, pictures } from './support/requests.js';

/**
 * Issue 20 §2 (G3, F2) in Arabic: an administrator counts an audience, starts a bulk send, follows
 * it to 100 % (the job is run here: journeys' servers have no scheduler) and reads each family's
 * result — one skipped for no consent to announcements — then schedules a second send and cancels it.
 */
serveSilaForThisFile();
test.setTimeout(240_000);

type Texts = { [key: string]: string | Texts };
const load = (file: string) => JSON.parse(readFileSync(path.resolve(file), 'utf8')) as Texts;
const texts = load('src/web/notifications/i18n/ar.json');
const errors = load('src/web/notifications/i18n/errors.ar.json');
const shared = load('src/web/i18n/ar.json');
function pick(source: Texts, key: string, values: Record<string, string> = {}): string {
  let node: string | Texts | undefined = source;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`No text ${key}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');
}
const b = (key: string, values?: Record<string, string>) => pick(texts, `bulk.${key}`, values);

/** A family that agreed to announcements (F2: without it a bulk message is skipped, and recorded so). */
async function agreeToAnnouncements(ctx: AppContext, familyId: string): Promise<void> {
  const row = await ctx.db.selectFrom('families').selectAll().where('id', '=', familyId).executeTakeFirstOrThrow();
  await changeConsent(
    ctx,
    row,
    { purpose: 'announcements', action: 'give', channel: 'interview' },
    { kind: 'staff', id: row.registered_by },
  );
}

/** A family reached by phone (C5): a bulk message goes to the call list only when the sender ticks it (G3). */
async function registerByPhone(ctx: AppContext, headNameAr: string) {
  const admin = await ctx.db.selectFrom('staff_users').select(['id', 'username', 'display_name']).executeTakeFirstOrThrow();
  const family = await registerFamily(
    ctx,
    {
      kind: 'staff',
      userId: admin.id,
      username: admin.username,
      displayName: admin.display_name,
      roles: ['reception'],
      scope: { categories: [], domains: [], offices: [] },
      language: 'ar',
      sessionIdHash: 'e2e',
      stage: 'active',
      csrfToken: 'e2e',
    },
    {
      headNameAr,
      nationalId: newNationalId(),
      mobile: '+966501112299',
      city: 'الدمام',
      office: 'dammam',
      category: 'productive-family',
      domains: ['training'],
      agreedChannel: 'phone-call',
      originChannel: 'interview',
      members: [],
      consent: { isGiven: true, privacyNoticeVersion: '2026-1' },
    },
  );
  return { id: family.id, reference: family.reference };
}

async function openNewSend(page: Page): Promise<void> {
  await page.getByRole('link', { name: b('new') }).click();
  await expect(page.getByRole('heading', { level: 1, name: b('newTitle') })).toBeVisible({ timeout: 30_000 });
}

test('G3, F2: an administrator counts the audience, starts a bulk send, follows it to 100 % with each family’s result, and cancels a scheduled one', async ({
  page,
  sila,
}) => {
  const { ctx } = sila;
  const families = [];
  for (const name of ['هند سعد الغامدي', 'فهد علي الشمري', 'منيرة خالد العنزي']) families.push(await registerFamilyAtReception(ctx, name));
  const [first, second, refusing] = families as [(typeof families)[0], (typeof families)[0], (typeof families)[0]];
  await agreeToAnnouncements(ctx, first.id);
  await agreeToAnnouncements(ctx, second.id);
  const byPhone = await registerByPhone(ctx, 'عبدالرحمن ناصر القرني');
  await agreeToAnnouncements(ctx, byPhone.id);

  await firstAdministratorSignIn(page, sila.admin);
  await page.getByRole('link', { name: pick(texts, 'navBulk') }).click();
  await expect(page.getByRole('heading', { level: 1, name: b('title') })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(b('empty'))).toBeVisible();
  await expectNoSeriousViolations(page, 'the bulk sends (empty)');

  // The form: what is missing is said in Arabic under each field.
  await openNewSend(page);
  await page.getByRole('button', { name: b('form.start') }).click();
  await expect(page.getByText(pick(shared, 'errors.field.required')).first()).toBeVisible();

  // The audience is counted live: four families of the Dammam office, three by SMS and one by phone,
  // who is left out unless ticked.
  await choose(page, b('form.office'), 'مكتب الدمام');
  const count = page.getByTestId('bulk-audience-count');
  await expect(count).toHaveAttribute('data-total', '4');
  await expect(count.getByText(b('count.total', { families: b('families_few', { n: '4' }) }))).toBeVisible();
  await expect(count.locator('li[data-channel="sms"]')).toContainText('3');
  await expect(count.locator('li[data-channel="phone-call"]')).toContainText('1');
  const includePaper = page.getByRole('checkbox', { name: b('count.includePaper', { families: b('families_one') }) });
  await expect(includePaper).not.toBeChecked();
  await expect(page.getByText(b('count.reachable', { families: b('families_few', { n: '3' }) }))).toBeVisible();

  // An audience nobody in it can be reached in is refused before anything is sent.
  await choose(page, b('form.agreedChannel'), pick(texts, 'channels.letter'));
  await expect(count).toHaveAttribute('data-total', '0');
  await expect(page.getByText(pick(errors, 'bulk.empty-audience'))).toBeVisible();
  await expect(page.getByRole('button', { name: b('form.start') })).toBeDisabled();
  await choose(page, b('form.agreedChannel'), b('form.any'));
  await expect(count).toHaveAttribute('data-total', '4');

  await labelled(page, b('form.name')).fill('دعوة إلى معرض الأسر المنتجة');
  const text = 'يسرّنا دعوتكم إلى معرض الأسر المنتجة يوم الخميس القادم في مقر الجمعية.';
  await labelled(page, b('form.text')).fill(text);
  await expect(page.getByTestId('bulk-text-count')).toHaveText(b('form.chars', { length: String(text.length), max: '1,000' }));
  await expectNoSeriousViolations(page, 'a new bulk send');
  await pictures(page, 'bulk-send-new-ar');

  // Starting says the count once more; the send opens on its own page, waiting for the job.
  await page.getByRole('button', { name: b('form.start') }).click();
  const confirm = page.getByRole('dialog', { name: b('confirmTitle') });
  await expect(confirm.getByText(b('families_few', { n: '3' }), { exact: false })).toBeVisible();
  await expectNoSeriousViolations(page, 'confirming a bulk send');
  await confirm.getByRole('button', { name: b('form.start') }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'دعوة إلى معرض الأسر المنتجة' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('bulk-status').first()).toHaveText(b('statuses.scheduled'));

  // The job runs (the scheduler's work); the page follows by itself to 100 %.
  await runBulkSends(ctx);
  await expect(page.getByTestId('bulk-status').first()).toHaveText(b('statuses.finished'), { timeout: 20_000 });
  await expect(page.getByTestId('bulk-progress').first()).toHaveAttribute('data-percent', '100');
  await expect(page.getByTestId('bulk-count-queued')).toHaveText('2');
  await expect(page.getByTestId('bulk-count-skippedConsent')).toHaveText('1');
  await expect(page.getByTestId('bulk-count-skippedPaper')).toHaveText('1');
  await expect(page.locator('tr[data-testid="bulk-result"]')).toHaveCount(4);
  await expect(page.locator(`tr[data-family="${byPhone.id}"]`).getByText(pick(texts, 'caseReasons.bulk.paper-not-included'))).toBeVisible();
  const refused = page.locator(`tr[data-family="${refusing.id}"]`);
  await expect(refused.getByTestId('message-state')).toHaveText(pick(shared, 'caseMessages.states.skipped'));
  await expect(refused.getByText(pick(shared, 'caseMessages.reasons.consent.purpose-not-given'))).toBeVisible();
  await expect(refused.getByRole('link', { name: refusing.reference })).toHaveAttribute('href', `/staff/families/${refusing.id}`);
  await expect(page.locator(`tr[data-family="${first.id}"]`).getByTestId('message-state')).toHaveText(
    pick(shared, 'caseMessages.states.queued'),
  );
  await expect(page.locator(`tr[data-family="${second.id}"]`)).toBeVisible();
  await expectNoSeriousViolations(page, 'a finished bulk send');
  await pictures(page, 'bulk-send-finished-ar');

  // Filtered by state: only the skipped family.
  await choose(page, b('resultsState'), pick(shared, 'caseMessages.states.skipped'));
  await expect(page.locator('tr[data-testid="bulk-result"]')).toHaveCount(2);
  await expect(page.locator(`tr[data-family="${refusing.id}"]`)).toBeVisible();
  await expect(page.locator(`tr[data-family="${first.id}"]`)).toHaveCount(0);

  // A second send, scheduled for tomorrow, cancelled before it starts.
  await page.getByRole('link', { name: b('back') }).click();
  await expect(page.locator('tr[data-testid="bulk-row"]')).toHaveCount(1);
  await openNewSend(page);
  await labelled(page, b('form.name')).fill('تذكير بموعد توزيع السلال الغذائية');
  await labelled(page, b('form.text')).fill('نذكّركم بموعد توزيع السلال الغذائية يوم الأحد القادم.');
  await page.getByRole('radio', { name: b('form.later') }).check();
  const tomorrow = new Date(Date.now() + 27 * 3600_000 + 3 * 3600_000).toISOString().slice(0, 11);
  await labelled(page, b('form.at')).fill(`${tomorrow}09:30`);
  await expect(page.getByTestId('bulk-audience-count')).toHaveAttribute('data-total', '4');
  await page.getByRole('button', { name: b('form.start') }).click();
  await page
    .getByRole('dialog', { name: b('confirmTitle') })
    .getByRole('button', { name: b('form.start') })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'تذكير بموعد توزيع السلال الغذائية' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('bulk-status').first()).toHaveText(b('statuses.scheduled'));
  await expect(page.getByText(b('resultsNotYet'))).toBeVisible();
  await expectNoSeriousViolations(page, 'a scheduled bulk send');
  await pictures(page, 'bulk-send-scheduled-ar');

  await page.getByRole('button', { name: b('cancel') }).click();
  const cancel = page.getByRole('dialog', { name: b('cancelTitle') });
  await expect(cancel.getByText('تذكير بموعد توزيع السلال الغذائية', { exact: false })).toBeVisible();
  await cancel.getByRole('button', { name: b('cancel') }).click();
  await expect(page.getByTestId('bulk-status').first()).toHaveText(b('statuses.cancelled'));
  await expect(page.getByRole('button', { name: b('cancel') })).toHaveCount(0);

  // The list: both sends, the newest first, one finished at 100 %, one cancelled.
  await page.getByRole('link', { name: b('back') }).click();
  const rows = page.locator('tr[data-testid="bulk-row"]');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).getByTestId('bulk-status')).toHaveText(b('statuses.cancelled'));
  await expect(rows.nth(1).getByTestId('bulk-status')).toHaveText(b('statuses.finished'));
  await expect(rows.nth(1).getByTestId('bulk-progress')).toHaveAttribute('data-percent', '100');
  await expectNoSeriousViolations(page, 'the bulk sends');
  await pictures(page, 'bulk-sends-ar');
});
