import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator } from '@playwright/test';
import { formatDualDate, riyadhCalendarDay } from '../../src/domain/dates.js';
import { ACK_PAGE_COPY } from '../../src/modules/acknowledgements/acknowledgements.page.js';
import { outboxAad } from '../../src/modules/notifications/outbox.enqueue.js';
import { SESSION_COOKIE } from '../../src/platform/http/auth-plugin.js';
import { expectNoSeriousViolations } from './support/axe.js';
import { copy } from './support/copy.js';
import { expect, serveSilaForThisFile, test } from './support/fixtures.js';
import { signIn } from './support/journeys.js';
import { escapeRegExp } from './support/requests.js';
import { shot } from './support/shots.js';
import { apiAs, staffWithSession } from './support/staff.js';

/**
 * Issue 26's journey in Arabic (§1, §4–§5; B1–B4, R1, R2, F4): an administrator publishes a new version
 * of Harif's policy in the staff app and turns on its acknowledgement for reception → a visitor on a
 * 360 px phone reads it at /documents (in force since today, the old version in the history) → a
 * reception employee signing in is asked to read the new version to the end and acknowledge it (ticked,
 * confirmed with the password) and does → HR sees who remains and sends a reminder through the outbox.
 * axe with no serious or critical violations on each screen.
 */
serveSilaForThisFile();
test.describe.configure({ timeout: 240_000 });

type Texts = { [key: string]: string | Texts };
/** The Arabic words of one area of the staff app, by key, with `{{name}}` filled in. */
function texts(area: 'acknowledgements' | 'documents') {
  const ar = JSON.parse(readFileSync(path.resolve(`src/web/${area}/i18n/ar.json`), 'utf8')) as Texts;
  return (key: string, values: Record<string, string> = {}): string => {
    let node: string | Texts | undefined = ar;
    for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
    if (typeof node !== 'string') throw new Error(`No text ${key}`);
    return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');
  };
}
const k = texts('acknowledgements');
const d = texts('documents');
const labelled = (within: Locator, label: string) => within.getByLabel(new RegExp(`^${escapeRegExp(label)}( \\*)?$`));
const POLICY = 'سياسة تنظيم العلاقة مع المستفيدين';
// The sentence version 2 changes (section ت, item ٦ of Harif's policy), and what the administrator says changed.
const OLD_SENTENCE = '٦. تحدد المدة للرد على الطلب بمدة لا تتجاوز (١٥) يوم عمل من تاريخ اكتمال الطلب.';
const NEW_SENTENCE = '٦. تحدد المدة للرد على الطلب بمدة لا تتجاوز (١٠) أيام عمل من تاريخ اكتمال الطلب.';
const CHANGES = 'تقصير مدة الرد على الطلب من ١٥ إلى ١٠ أيام عمل.';

test('R1, R2, B1–B4, F4: the administrator publishes a new version of the policy and requires it → a visitor reads it at 360 px → a receptionist acknowledges it at sign-in → HR reminds the rest', async ({
  browser,
  sila,
}) => {
  const policy = await sila.ctx.db
    .selectFrom('documents')
    .select('id')
    .where('slug', '=', 'beneficiary-relations-policy')
    .executeTakeFirstOrThrow();
  const admin = await staffWithSession(sila.ctx, 'منى مديرة النظام', ['administrator']);
  const reader = await staffWithSession(sila.ctx, 'سارة موظفة الاستقبال', ['reception']);
  const remaining = await staffWithSession(sila.ctx, 'خالد موظف الاستقبال', ['reception']);
  const hr = await staffWithSession(sila.ctx, 'ريم الموارد البشرية', ['hr']);
  // Version 2 is effective today (Riyadh's day): it replaces version 1 in force since 2026-01-01.
  const today = riyadhCalendarDay(sila.ctx.clock.now());
  const todayBoth = formatDualDate(today, { language: 'ar' });

  // 1. The administrator opens the policy in the staff app and adds a version, starting from the text in force.
  const adminContext = await browser.newContext({ baseURL: sila.url, locale: 'ar-SA', timezoneId: 'Asia/Riyadh' });
  await adminContext.addCookies([{ name: SESSION_COOKIE, value: admin.token, url: sila.url }]);
  const adminPage = await adminContext.newPage();
  await adminPage.goto(`/staff/documents/${policy.id}`);
  await expect(adminPage.getByRole('heading', { level: 1, name: POLICY })).toBeVisible();
  await adminPage.getByRole('button', { name: d('detail.addVersion') }).click();
  const card = (n: number) =>
    adminPage
      .getByTestId('document-version')
      .filter({ has: adminPage.getByRole('heading', { level: 3, name: d('detail.version', { n: String(n) }) }) });
  const draft = card(2);
  await expect(draft).toHaveAttribute('data-status', 'draft');
  await draft.getByRole('button', { name: d('version.startFrom', { n: '1' }) }).click();
  const body = labelled(draft, d('version.bodyAr'));
  const previousText = await body.inputValue();
  expect(previousText).toContain(OLD_SENTENCE);
  // The changed sentence: the answer to a request within 10 working days instead of 15.
  await body.fill(previousText.replace(OLD_SENTENCE, NEW_SENTENCE));
  await labelled(draft, d('version.effectiveOn')).fill(today);
  await labelled(draft, d('version.approvedBy')).fill('مجلس الإدارة');
  await labelled(draft, d('version.approvedOn')).fill(today);
  await labelled(draft, d('version.changeSummaryAr')).fill(CHANGES);
  await draft.getByRole('button', { name: d('version.save') }).click();
  await expect(adminPage.getByText(d('version.saved'))).toBeVisible();
  await expectNoSeriousViolations(adminPage, 'policy page with its new draft');

  // 2. … publishes it: version 2 is in force from today, version 1 stays published beneath it.
  await draft.getByRole('button', { name: d('version.publish') }).click();
  await adminPage
    .getByRole('dialog')
    .getByRole('button', { name: d('version.publish') })
    .click();
  await expect(adminPage.getByText(d('version.published'))).toBeVisible();
  const published = card(2);
  await expect(published).toHaveAttribute('data-status', 'published');
  await expect(published.getByText(d('detail.inForce'), { exact: true })).toBeVisible();
  await expect(card(1)).toHaveAttribute('data-status', 'published');
  await expect(card(1).getByText(d('detail.inForce'), { exact: true })).toHaveCount(0);

  // 3. … and requires acknowledgement of version 2 from reception within 14 days (off by default, §2).
  const panel = published.getByTestId('acknowledgement-requirement');
  await expect(panel).toContainText(k('requirement.none'));
  await panel.getByRole('button', { name: k('requirement.turnOn') }).click();
  await panel.getByRole('radio', { name: k('requirement.audienceRoles') }).check();
  await panel.getByRole('combobox', { name: k('requirement.roles') }).click({ force: true });
  await adminPage.getByRole('option', { name: copy('roles.reception'), exact: true }).click();
  await adminPage.keyboard.press('Escape');
  await panel.getByLabel(k('requirement.graceDays')).fill('14');
  await expectNoSeriousViolations(adminPage, 'acknowledgement requirement form');
  await panel.getByRole('button', { name: k('requirement.save') }).click();
  await expect(adminPage.getByText(k('requirement.saved'))).toBeVisible();
  await expect(panel).toContainText(k('requirement.summaryRoles', { list: copy('roles.reception'), days: '14' }));
  await expect(card(1).getByTestId('acknowledgement-requirement')).toContainText(k('requirement.none'));
  await adminContext.close();

  // 4. A visitor without an account, on a 360 px phone, finds the policy at /documents in Arabic…
  const phone = await browser.newContext({ baseURL: sila.url, locale: 'ar-SA', viewport: { width: 360, height: 800 } });
  const visitor = await phone.newPage();
  await visitor.goto('/documents');
  await expect(visitor.locator('html')).toHaveAttribute('dir', 'rtl');
  const entry = visitor.locator('article').filter({ has: visitor.getByRole('link', { name: POLICY }) });
  await expect(entry).toContainText(`النسخة 2`);
  await expect(entry).toContainText('نسخ سابقة: 1');
  await expectNoSeriousViolations(visitor, 'public library at 360 px');
  // 5. … opens it: version 2 in force since today (Hijri and Gregorian), its changed sentence, version 1 in the history.
  await entry.getByRole('link', { name: POLICY }).click();
  await expect(visitor).toHaveURL(/\/documents\/beneficiary-relations-policy$/);
  await expect(visitor.getByRole('heading', { level: 1, name: POLICY })).toBeVisible();
  const shown = visitor.locator('section[aria-labelledby="shown"]');
  await expect(shown.getByRole('heading', { level: 2 })).toHaveText('النسخة النافذة · النسخة 2');
  await expect(shown).toContainText(`${todayBoth.hijri} (${todayBoth.gregorian})`);
  await expect(shown).toContainText(CHANGES);
  await expect(visitor.getByText(NEW_SENTENCE)).toBeVisible();
  await expect(visitor.getByText(OLD_SENTENCE)).toHaveCount(0);
  const history = visitor.locator('section[aria-labelledby="history"]');
  await expect(history.getByRole('heading', { level: 3, name: 'النسخة 1 · نسخة سابقة' })).toBeVisible();
  // Nothing wider than the phone.
  expect(await visitor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectNoSeriousViolations(visitor, 'public policy page at 360 px');
  await shot(visitor, 'policy-new-version-public-360', { fullPage: true });
  // The previous version is still readable from the history, with its own sentence.
  await history.getByRole('link', { name: 'النسخة 1' }).click();
  await expect(visitor.getByRole('heading', { level: 2, name: 'نسخة سابقة · النسخة 1' })).toBeVisible();
  await expect(visitor.getByText(OLD_SENTENCE)).toBeVisible();
  await phone.close();

  // 6. The receptionist signs in and is shown version 2 first: read to the end, tick, confirm with the password.
  const readerContext = await browser.newContext({ baseURL: sila.url, locale: 'ar-SA', timezoneId: 'Asia/Riyadh' });
  const page = await readerContext.newPage();
  const username = (
    await sila.ctx.db.selectFrom('staff_users').select('username').where('id', '=', reader.userId).executeTakeFirstOrThrow()
  ).username;
  const password = `كلمة مرور طويلة ${reader.userId}`;
  await signIn(page, username, password);
  await expect(page.getByRole('heading', { level: 1, name: k('step.title', { title: POLICY }) })).toBeVisible();
  await expect(page.getByText(k('step.intro', { number: '2', effectiveOn: today }))).toBeVisible();
  await expect(page.getByTestId('acknowledgement-text')).toContainText(NEW_SENTENCE);
  await expect(page.getByTestId('acknowledgement-text')).not.toContainText(OLD_SENTENCE);
  const agree = page.getByRole('checkbox', { name: k('step.agree') });
  await expect(agree).toBeDisabled();
  await expectNoSeriousViolations(page, 'acknowledgement sign-in step');
  await shot(page, 'acknowledgement-step-1280', { fullPage: true });
  await page.getByTestId('acknowledgement-text').evaluate((box) => {
    box.scrollTop = box.scrollHeight;
    box.dispatchEvent(new Event('scroll'));
  });
  await agree.check();
  await page.getByLabel(new RegExp(`^${escapeRegExp(k('step.password'))}`)).fill(password);
  await page.getByRole('button', { name: k('step.confirm') }).click();
  await expect(page.getByRole('heading', { level: 1, name: copy('home.welcome', { name: reader.displayName }) })).toBeVisible();
  const stored = await sila.ctx.db
    .selectFrom('acknowledgements')
    .innerJoin('document_versions', 'document_versions.id', 'acknowledgements.version_id')
    .select(['acknowledgements.text_sha256', 'acknowledgements.method', 'document_versions.number'])
    .where('acknowledgements.staff_user_id', '=', reader.userId)
    .execute();
  expect(stored).toHaveLength(1);
  expect(stored[0]?.number).toBe(2);
  expect(stored[0]?.method).toBe('password');
  expect(stored[0]?.text_sha256).toMatch(/^[0-9a-f]{64}$/);
  await readerContext.close();

  // 7. HR sees who remains of version 2, by department ("no department" here), and reminds them in one click.
  const hrContext = await browser.newContext({ baseURL: sila.url, locale: 'ar-SA', timezoneId: 'Asia/Riyadh' });
  await hrContext.addCookies([{ name: SESSION_COOKIE, value: hr.token, url: sila.url }]);
  const hrPage = await hrContext.newPage();
  await hrPage.goto('/staff');
  await hrPage
    .getByRole('link', { name: k('nav') })
    .first()
    .click();
  await expect(hrPage.getByRole('heading', { level: 1, name: k('hr.title') })).toBeVisible();
  await expect(hrPage.getByText(k('hr.version', { n: '2' }))).toBeVisible();
  await expectNoSeriousViolations(hrPage, 'acknowledgements overview');
  await hrPage.getByRole('link', { name: POLICY }).click();
  await expect(hrPage.getByRole('heading', { level: 1, name: `${POLICY} — ${k('hr.version', { n: '2' })}` })).toBeVisible();
  const group = hrPage.getByTestId('acknowledgement-department').filter({ hasText: k('hr.noDepartment') });
  await expect(group.getByTestId('acknowledgement-member').filter({ hasText: remaining.displayName })).toHaveAttribute(
    'data-state',
    'pending',
  );
  await expect(group.getByTestId('acknowledgement-member').filter({ hasText: reader.displayName })).toHaveAttribute(
    'data-state',
    'acknowledged',
  );
  await expectNoSeriousViolations(hrPage, 'acknowledgements of one version');
  await shot(hrPage, 'acknowledgements-hr-1280', { fullPage: true });
  await hrPage.getByRole('button', { name: k('hr.remind') }).click();
  await expect(hrPage.getByText(/أُرسل تذكير/)).toBeVisible();
  // One reminder in the outbox, for the receptionist who has not acknowledged.
  const reminders = await sila.ctx.db
    .selectFrom('outbox_messages')
    .select('recipient_id')
    .where('event', '=', 'acknowledgement.reminder')
    .execute();
  expect(reminders.map((r) => r.recipient_id)).toEqual([remaining.userId]);
  await hrContext.close();
});

test('P-SCOPE: a contractor reads the policy at /ack on a 360 px phone and acknowledges it once; the link then says it is no longer valid', async ({
  browser,
  sila,
}) => {
  const hr = await staffWithSession(sila.ctx, 'ريم الموارد البشرية', ['hr']);
  const api = apiAs(sila.url, hr);
  const version = await sila.ctx.db
    .selectFrom('document_versions')
    .innerJoin('documents', 'documents.id', 'document_versions.document_id')
    .select('document_versions.id')
    .where('documents.slug', '=', 'beneficiary-relations-policy')
    .where('document_versions.status', '=', 'published')
    // The version in force: the first journey published version 2 over version 1.
    .orderBy('document_versions.number', 'desc')
    .executeTakeFirstOrThrow();
  const party = await api<{ id: string }>('POST', '/api/v1/acknowledgements/parties', {
    kind: 'contractor',
    name: 'مؤسسة البناء الحديث',
    channel: 'sms',
    address: '0551234567',
  });
  await api('POST', `/api/v1/acknowledgements/versions/${version.id}/links`, { partyId: party.id });
  const message = await sila.ctx.db
    .selectFrom('outbox_messages')
    .select(['id', 'body'])
    .where('event', '=', 'acknowledgement.link')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  const body = sila.ctx.keys.encryptor.decrypt(message.body as string, outboxAad(message.id, 'body'));
  const token = (body.match(/ack#([A-Za-z0-9_-]+)/) as RegExpMatchArray)[1] as string;

  const phone = await browser.newContext({ baseURL: sila.url, locale: 'ar-SA', viewport: { width: 360, height: 740 } });
  const page = await phone.newPage();
  await page.goto(`/ack#${token}`);
  await expect(page.getByRole('heading', { level: 2, name: POLICY })).toBeVisible();
  await expect(page.getByRole('button', { name: ACK_PAGE_COPY.ar.submit })).toBeDisabled();
  await expectNoSeriousViolations(page, '/ack at 360 px');
  await shot(page, 'ack-public-360', { fullPage: true });
  await page.locator('#ack-text').evaluate((box) => {
    box.scrollTop = box.scrollHeight;
    box.dispatchEvent(new Event('scroll'));
  });
  await page.getByLabel(ACK_PAGE_COPY.ar.name).fill('سالم المقاول');
  await page.getByLabel(ACK_PAGE_COPY.ar.idLast4).fill('٤٣٢١');
  await page.getByRole('checkbox', { name: ACK_PAGE_COPY.ar.agree }).check();
  await page.getByRole('button', { name: ACK_PAGE_COPY.ar.submit }).click();
  await expect(page.getByText(ACK_PAGE_COPY.ar.done)).toBeVisible();
  const stored = await sila.ctx.db
    .selectFrom('acknowledgements')
    .select(['signer_name', 'id_last4', 'method'])
    .where('contract_party_id', '=', party.id)
    .executeTakeFirstOrThrow();
  expect(stored).toEqual({ signer_name: 'سالم المقاول', id_last4: '4321', method: 'link' });

  await page.reload();
  await expect(page.getByText(ACK_PAGE_COPY.ar.errors['acknowledgement.link-invalid'])).toBeVisible();
  await phone.close();
});
