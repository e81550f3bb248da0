import { readFileSync } from 'node:fs';
import path from 'node:path';
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
 * Issue 26 §4–§5 in Arabic (R1, R2, F4): an administrator turns on acknowledgement of Harif's policy
 * for reception → a reception employee signing in is asked to read it to the end and acknowledge it
 * (ticked, confirmed with the password) and does → HR sees who remains and sends a reminder through
 * the outbox. axe with no serious or critical violations on each screen.
 */
serveSilaForThisFile();
test.describe.configure({ timeout: 240_000 });

type Texts = { [key: string]: string | Texts };
const ar = JSON.parse(readFileSync(path.resolve('src/web/acknowledgements/i18n/ar.json'), 'utf8')) as Texts;
function k(key: string, values: Record<string, string> = {}): string {
  let node: string | Texts | undefined = ar;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`No text ${key}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');
}
const POLICY = 'سياسة تنظيم العلاقة مع المستفيدين';

test('R1, R2: acknowledgement turned on for the policy → a receptionist acknowledges it at sign-in → HR reminds the rest', async ({
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

  // The administrator requires acknowledgement of the version in force, from reception, within 14 days.
  const adminContext = await browser.newContext({ baseURL: sila.url, locale: 'ar-SA', timezoneId: 'Asia/Riyadh' });
  await adminContext.addCookies([{ name: SESSION_COOKIE, value: admin.token, url: sila.url }]);
  const adminPage = await adminContext.newPage();
  await adminPage.goto(`/staff/documents/${policy.id}`);
  await expect(adminPage.getByRole('heading', { level: 1, name: POLICY })).toBeVisible();
  const panel = adminPage.getByTestId('acknowledgement-requirement').first();
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
  await adminContext.close();

  // The receptionist signs in and is shown the policy first: read to the end, tick, confirm with the password.
  const readerContext = await browser.newContext({ baseURL: sila.url, locale: 'ar-SA', timezoneId: 'Asia/Riyadh' });
  const page = await readerContext.newPage();
  const username = (
    await sila.ctx.db.selectFrom('staff_users').select('username').where('id', '=', reader.userId).executeTakeFirstOrThrow()
  ).username;
  const password = `كلمة مرور طويلة ${reader.userId}`;
  await signIn(page, username, password);
  await expect(page.getByRole('heading', { level: 1, name: k('step.title', { title: POLICY }) })).toBeVisible();
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
    .select(['text_sha256', 'method'])
    .where('staff_user_id', '=', reader.userId)
    .executeTakeFirstOrThrow();
  expect(stored.method).toBe('password');
  expect(stored.text_sha256).toMatch(/^[0-9a-f]{64}$/);
  await readerContext.close();

  // HR sees who remains, by department ("no department" here), and reminds them in one click.
  const hrContext = await browser.newContext({ baseURL: sila.url, locale: 'ar-SA', timezoneId: 'Asia/Riyadh' });
  await hrContext.addCookies([{ name: SESSION_COOKIE, value: hr.token, url: sila.url }]);
  const hrPage = await hrContext.newPage();
  await hrPage.goto('/staff');
  await hrPage
    .getByRole('link', { name: k('nav') })
    .first()
    .click();
  await expect(hrPage.getByRole('heading', { level: 1, name: k('hr.title') })).toBeVisible();
  await expectNoSeriousViolations(hrPage, 'acknowledgements overview');
  await hrPage.getByRole('link', { name: POLICY }).click();
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
  const reminders = await sila.ctx.db
    .selectFrom('outbox_messages')
    .select('recipient_id')
    .where('event', '=', 'acknowledgement.reminder')
    .execute();
  expect(reminders.map((r) => r.recipient_id)).toContain(remaining.userId);
  expect(reminders.map((r) => r.recipient_id)).not.toContain(reader.userId);
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
