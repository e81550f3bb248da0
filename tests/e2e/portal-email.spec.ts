import { verifyFamilyEmail } from '../../src/modules/families/families.email.js';
import { PORTAL_COPY } from '../../src/modules/portal/portal.copy.js';
import { expectNoSeriousViolations } from './support/axe.js';
import { expect, serveSilaForThisFile, test } from './support/fixtures.js';
import { codeSentTo, registerFamilyAtReception } from './support/portal.js';

/**
 * Issue 20 §7 (C5, F2): with no SMS gateway but e-mail configured, a family whose agreed channel is
 * e-mail — an address staff verified — signs in to the portal with the code sent to it. Before the
 * address is verified, no code goes there; the page's answer is the same either way.
 */
serveSilaForThisFile();

const ar = PORTAL_COPY.ar;

test('a family signs in to the portal with a code sent to its verified e-mail (no SMS gateway)', async ({ page, sila }) => {
  sila.ctx.config.transports.smtpUrl = 'smtp://127.0.0.1:9';
  const family = await registerFamilyAtReception(sila.ctx, 'نورة خالد العتيبي', {
    agreedChannel: 'email',
    email: 'noura.family@example.org',
  });
  const codes = () =>
    sila.ctx.db
      .selectFrom('outbox_messages')
      .select('channel')
      .where('event', '=', 'auth.one-time-code')
      .where('recipient_id', '=', family.id)
      .execute();

  // Not verified yet: the page says what it always says, and nothing goes to the address.
  await page.goto('/portal');
  await page.getByLabel(ar.nationalIdLabel).fill(family.nationalId);
  await page.getByRole('button', { name: ar.sendCode }).click();
  await expect(page.getByRole('status')).toHaveText(ar.codeSent);
  expect(await codes()).toEqual([]);

  // Reception checks the address with the family and verifies it.
  await verifyFamilyEmail(sila.ctx, family.reception, family.id, { version: family.version });
  await page.goto('/portal');
  await page.getByLabel(ar.nationalIdLabel).fill(family.nationalId);
  await page.getByRole('button', { name: ar.sendCode }).click();
  await expect(page.getByRole('status')).toHaveText(ar.codeSent);
  await expect.poll(codes).toEqual([{ channel: 'email' }]);
  await expectNoSeriousViolations(page, 'portal code step (e-mail)');

  await page.getByLabel(ar.codeLabel).fill(await codeSentTo(sila.ctx, family.id));
  await page.getByRole('button', { name: ar.signIn, exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: ar.myRequests })).toBeVisible();
  await expect(page.getByText('نورة خالد العتيبي')).toBeVisible();
});
