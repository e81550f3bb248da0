import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { type EnqueueInput, enqueueMessage } from '../../src/modules/notifications/outbox.enqueue.js';
import type { AppContext } from '../../src/platform/context.js';
import { expectNoSeriousViolations } from './support/axe.js';
import { expect, serveSilaForThisFile, test } from './support/fixtures.js';
import { firstAdministratorSignIn } from './support/journeys.js';
import { shot } from './support/shots.js';

/**
 * Issue 4 §9: the outbox (filter, details, retry), the print queue and call list (letter opened
 * and marked sent, a call's outcome), and the template editor (a placeholder error under the field,
 * a save, a reset). Messages are written server-side, as a module would in its own transaction.
 */
serveSilaForThisFile();
test.setTimeout(240_000);

type Texts = { [key: string]: string | Texts };
const load = (file: string) => JSON.parse(readFileSync(path.resolve(`src/web/notifications/i18n/${file}`), 'utf8')) as Texts;
const texts = load('ar.json');
const errors = load('errors.ar.json');
function pick(source: Texts, key: string, values: Record<string, string> = {}): string {
  let node: string | Texts | undefined = source;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`No text ${key}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');
}
const n = (key: string, values?: Record<string, string>) => pick(texts, key, values);
const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`);

async function enqueue(ctx: AppContext, input: EnqueueInput): Promise<string> {
  const [message] = await ctx.db.transaction().execute((trx) => enqueueMessage(trx, ctx, input));
  if (!message) throw new Error('nothing queued');
  return message.id;
}

const contact = (channel: 'sms' | 'phone-call' | 'letter', name: string, address: string | null): EnqueueInput => ({
  event: 'family.registered',
  recipient: { kind: 'contact', channel, address, name },
  params: { reference: 'FAM-000042' },
});

async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: exactly(label) }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('the outbox lists, filters and retries; the call list and print queue are worked; a template is edited', async ({ page, sila }) => {
  const { ctx } = sila;
  await enqueue(ctx, contact('sms', 'سارة المطيري', '+966551234567'));
  const failedId = await enqueue(ctx, contact('sms', 'نورة القحطاني', '+966561112233'));
  // As the dispatcher leaves a message the gateway refused five times.
  await ctx.db
    .updateTable('outbox_messages')
    .set({ status: 'failed', attempts: 5, last_error: 'sms.http-503', next_attempt_at: null })
    .where('id', '=', failedId)
    .execute();
  const callId = await enqueue(ctx, contact('phone-call', 'خالد الشهري', '+966501234567'));
  const letterId = await enqueue(ctx, contact('letter', 'أسرة الدوسري', null));

  await firstAdministratorSignIn(page, sila.admin);
  await page.getByRole('link', { name: n('navOutbox') }).click();
  await expect(page.getByRole('heading', { level: 1, name: n('outboxTitle') })).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('tr[data-message]')).toHaveCount(4);
  await expect(page.getByText(n('noTransport', { channels: '' }).slice(0, 20))).toBeVisible();
  await expectNoSeriousViolations(page, 'the outbox');

  // Filter by status: only the refused message, with its error said in words.
  await choose(page, n('status'), n('statuses.failed'));
  await expect(page.locator('tr[data-message]')).toHaveCount(1);
  const failedRow = page.locator(`tr[data-message="${failedId}"]`);
  await expect(failedRow.getByText(n('recipientKinds.contact'))).toBeVisible();
  await expect(failedRow.getByText(n('errorCodes.http', { status: '503' }))).toBeVisible();
  await expect(failedRow.getByText('+9665')).toBeVisible(); // masked, never the whole number
  await expect(failedRow.getByText('+966561112233')).toHaveCount(0);
  await shot(page, 'outbox-ar-desktop', { fullPage: true });
  await shot(failedRow, 'outbox-row-ar-desktop');

  // Details, then retry: back to waiting (no gateway is configured, so it stays visible).
  await failedRow.getByRole('button', { name: n('details') }).click();
  const drawer = page.getByRole('dialog', { name: n('messageTitle') });
  await expect(drawer.getByText('سُجّلت أسرتكم', { exact: false })).toBeVisible();
  await expectNoSeriousViolations(page, 'a message in the outbox');
  await shot(page, 'outbox-drawer-ar-desktop');
  await drawer.getByRole('button', { name: n('retry') }).click();
  await expect(drawer.getByTestId('message-status')).toHaveText(n('statuses.pending'));
  await drawer.getByRole('button', { name: 'إغلاق' }).click();
  await expect(page.locator('tr[data-message]')).toHaveCount(0);
  await choose(page, n('status'), n('statuses.pending'));
  await expect(page.locator(`tr[data-message="${failedId}"]`)).toBeVisible();

  // The call list: record that the call was answered; the task leaves the list.
  await page.getByRole('link', { name: n('navTasks') }).click();
  await expect(page.getByRole('heading', { level: 1, name: n('tasksTitle') })).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('tr[data-message]')).toHaveCount(2);
  await expectNoSeriousViolations(page, 'the print queue and call list');
  const letterRow = page.locator(`tr[data-message="${letterId}"]`);
  await expect(letterRow.getByRole('link', { name: n('openLetter') })).toHaveAttribute(
    'href',
    /\/api\/v1\/notifications\/outbox\/.+\/letter$/,
  );
  await expect(letterRow.getByRole('link', { name: n('openLetter') })).toHaveAttribute('target', '_blank');
  const letterHref = (await letterRow.getByRole('link', { name: n('openLetter') }).getAttribute('href')) as string;
  const letter = await page.request.get(letterHref);
  expect(letter.status()).toBe(200);
  expect(await letter.text()).toContain('أسرة الدوسري');

  const callRow = page.locator(`tr[data-message="${callId}"]`);
  await callRow.getByRole('button', { name: n('recordCall') }).click();
  const callDialog = page.getByRole('dialog', { name: n('recordCallTitle', { recipient: n('recipientKinds.contact') }) });
  await expect(callDialog.getByText('خالد الشهري', { exact: false })).toBeVisible(); // the script names them
  // An administrator sees the number masked; reception, who dials, sees it whole (canSeeFullAddress).
  await expect(callDialog.getByText(/^\+9665•+567$/)).toBeVisible({ timeout: 15_000 });
  await callDialog.getByRole('radio', { name: n('callOutcomes.reached') }).check();
  await callDialog.getByLabel(n('note')).fill('أُبلغ رب الأسرة برقم المرجع.');
  await shot(page, 'tasks-call-ar-desktop');
  await expectNoSeriousViolations(page, 'recording a call');
  await callDialog.getByRole('button', { name: 'حفظ' }).click();
  await expect(page.getByText(n('callRecorded'))).toBeVisible();
  await expect(callRow).toHaveCount(0);

  // The letter: printed and sent.
  await letterRow.getByRole('button', { name: n('markSent') }).click();
  await page
    .getByRole('dialog', { name: n('markSentTitle') })
    .getByRole('button', { name: n('markSent') })
    .click();
  await expect(page.getByText(n('markedSent'))).toBeVisible();
  await expect(page.getByText(n('tasksEmpty'))).toBeVisible();

  // Templates: an unknown placeholder is refused under the text; a clicked one is accepted.
  await page.getByRole('link', { name: n('navTemplates') }).click();
  await expect(page.getByRole('heading', { level: 1, name: n('templatesTitle') })).toBeVisible({ timeout: 30_000 });
  await expectNoSeriousViolations(page, 'the templates');
  const smsRow = page.locator('tr[data-template="sms-ar"]').first();
  await smsRow.getByRole('button', { name: n('editTemplate') }).click();
  const editor = page.getByRole('dialog');
  const body = editor.getByRole('textbox', { name: exactly(n('body')) });
  await body.fill('أهلاً {{familyNme}}، رقمكم {{reference}}.');
  await editor.getByRole('button', { name: 'حفظ' }).click();
  await expect(editor.getByText(pick(errors, 'template.unknown-placeholder'))).toBeVisible();
  await expectNoSeriousViolations(page, 'a template with an error');
  await shot(page, 'template-error-ar-desktop');
  await body.fill('أهلاً ');
  await body.press('End');
  await editor.getByRole('button', { name: n('insert', { name: 'familyName' }) }).click();
  await body.press('End');
  await body.pressSequentially('، رقمكم ');
  await editor.getByRole('button', { name: n('insert', { name: 'reference' }) }).click();
  await expect(body).toHaveValue('أهلاً {{familyName}}، رقمكم {{reference}}');
  await editor.getByRole('button', { name: 'حفظ' }).click();
  await expect(page.getByText(n('templateSaved'))).toBeVisible();
  await expect(smsRow.getByText(n('edited'))).toBeVisible();

  // And back to Sila's default text.
  await smsRow.getByRole('button', { name: n('editTemplate') }).click();
  await page.getByRole('button', { name: n('reset') }).click();
  await page
    .getByRole('dialog', { name: n('resetTitle') })
    .getByRole('button', { name: n('reset') })
    .click();
  await expect(page.getByText(n('templateReset'))).toBeVisible();
  await expect(smsRow.getByText(n('default'))).toBeVisible();

  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/staff/outbox');
  // On a phone the outbox is one card a message, "details" in each card's menu (issue 19 §3).
  await expect(page.locator('li[data-message]')).toHaveCount(4);
  await expect(page.locator('tr[data-message]')).toHaveCount(0);
  await page.getByTestId('worklist-row-menu').first().click();
  await expect(page.getByRole('menuitem', { name: n('details') })).toBeVisible();
  await page.keyboard.press('Escape');
  await shot(page, 'outbox-ar-phone');
  await expectNoSeriousViolations(page, 'the outbox at 360 px');
});
