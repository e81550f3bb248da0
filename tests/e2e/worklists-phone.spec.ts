import type { Browser, Page } from '@playwright/test';
import { expectNoSeriousViolations } from './support/axe.js';
import { copy } from './support/copy.js';
import { expect, serveSilaForThisFile, test } from './support/fixtures.js';
import { changeFirstPassword, expectHome, firstAdministratorSignIn, signIn } from './support/journeys.js';
import { registerFamilyAtReception } from './support/portal.js';
import { callApi, createStaff, pictures, rq } from './support/requests.js';

/**
 * Issue 19 §3 in Arabic on a 360 px phone: the staff worklists are stacked cards (reference, name,
 * status, deadline) with the row's actions in a menu, nothing scrolls the page sideways, and axe
 * finds no serious or critical violation on the main staff pages — a wide table scrolls only inside
 * a keyboard-focusable box (`scrollable-region-focusable`, reported on the family and meeting pages).
 */
serveSilaForThisFile();
test.describe.configure({ timeout: 360_000 });
const PHONE = { width: 360, height: 740 };

async function phonePage(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({
    baseURL,
    locale: 'ar-SA',
    timezoneId: 'Asia/Riyadh',
    viewport: PHONE,
    hasTouch: true,
    isMobile: true,
  });
  return context.newPage();
}

async function expectNoSideScroll(page: Page, where: string): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `${where}: the page is ${scrollWidth}px wide in a ${clientWidth}px window`).toBeLessThanOrEqual(clientWidth);
}

/** A draft request for the family through the API the intake screen uses (the first active type). */
async function draftRequest(page: Page, familyId: string): Promise<{ id: string; reference: string }> {
  const types = await callApi<{ items: { code: string }[] }>(page, 'GET', '/api/v1/request-types');
  const created = await callApi<{ id?: string; reference?: string }>(page, 'POST', '/api/v1/requests', {
    idempotencyKey: `phone-${familyId}`.slice(0, 60),
    familyId,
    typeCode: types.body.items[0]?.code,
    channel: 'interview',
  });
  if (!created.body?.id || !created.body.reference)
    throw new Error(`request not created: ${created.status} ${JSON.stringify(created.body)}`);
  return { id: created.body.id, reference: created.body.reference };
}

let admin: Page | null = null;
let staff: Page | null = null;
let seeded: { longName: { id: string }; first: { id: string; reference: string }; second: { id: string; reference: string } } | null = null;

test.afterAll(async () => {
  await staff?.context().close();
  await admin?.context().close();
});

async function ready() {
  if (!admin || !staff || !seeded) throw new Error('The first test signs in and seeds');
  return { admin, staff, ...seeded };
}

test('at 360 px the worklists are stacked cards (reference, name, status, deadline) with the row’s actions in a menu (issue 19 §3)', async ({
  browser,
  sila,
}) => {
  const administrator = await phonePage(browser, sila.url);
  admin = administrator;
  await firstAdministratorSignIn(administrator, sila.admin);
  const temporary = await createStaff(administrator, {
    username: 'noura.worker',
    displayName: 'نورة العاملة',
    roles: ['reception', 'management', 'contact-officer'],
  });
  const longName = await registerFamilyAtReception(sila.ctx, 'أسرة عبدالله الدوسري للاختبار الطويل');
  const shortName = await registerFamilyAtReception(sila.ctx, 'أسرة سلمان القحطاني');

  const worker = await phonePage(browser, sila.url);
  staff = worker;
  await signIn(worker, 'noura.worker', temporary);
  await changeFirstPassword(worker, temporary, 'نخيل الأحساء وقت الحصاد للهاتف');
  await expectHome(worker, 'نورة العاملة');
  const first = await draftRequest(worker, longName.id);
  const second = await draftRequest(worker, shortName.id);
  seeded = { longName, first, second };
  const requests = [first, second];

  await test.step('the requests worklist: one card per request with reference, name, status and deadline', async () => {
    await worker.goto('/staff/requests?list=all');
    const cards = worker.getByTestId('worklist-card');
    await expect(cards).toHaveCount(2);
    await expect(worker.getByRole('table')).toHaveCount(0);
    for (const [index, request] of requests.entries()) {
      const card = cards.filter({ hasText: request.reference });
      await expect(card.getByTestId('worklist-card-reference')).toHaveText(request.reference);
      await expect(card.getByTestId('worklist-card-reference')).toHaveAttribute('href', `/staff/requests/${request.id}`);
      await expect(card.getByTestId('worklist-card-name')).toHaveText(
        index === 0 ? 'أسرة عبدالله الدوسري للاختبار الطويل' : 'أسرة سلمان القحطاني',
      );
      await expect(card.getByTestId('worklist-card-status')).toContainText(rq('statuses.draft'));
      // A draft's clock has not started: the deadline line says so rather than hiding.
      await expect(card.getByTestId('worklist-card-deadline')).toContainText(rq('clock.deadline'));
      await expect(card.getByTestId('worklist-card-deadline')).toContainText(rq('list.noClock'));
      const box = await card.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= PHONE.width, `card ${request.reference} inside the screen`).toBe(true);
    }
    await expectNoSideScroll(worker, 'requests worklist');
    await expectNoSeriousViolations(worker, 'requests worklist at 360 px');
    await pictures(worker, 'worklists-phone-requests');

    // The row's actions are in a menu named after the record; "open" goes to the request.
    const firstCard = cards.filter({ hasText: first.reference });
    await firstCard.getByRole('button', { name: copy('worklist.actionsFor', { reference: first.reference }) }).click();
    const open = worker.getByRole('menuitem', { name: copy('worklist.open') });
    await expect(open).toBeVisible();
    await expectNoSeriousViolations(worker, 'a row menu at 360 px');
    await open.click();
    await expect(worker).toHaveURL(new RegExp(`/staff/requests/${first.id}$`));
    await expect(worker.getByTestId('request-status')).toHaveText(rq('statuses.draft'));
    await pictures(worker, 'worklists-phone-request-page');
  });

  await test.step('the families worklist and a family page: cards, and the family’s requests as cards too', async () => {
    await worker.goto('/staff/families');
    await expect(worker.getByTestId('worklist-card')).toHaveCount(2);
    await expect(worker.getByTestId('worklist-card-name')).toContainText(['أسرة سلمان القحطاني', 'أسرة عبدالله الدوسري للاختبار الطويل']);
    await expectNoSideScroll(worker, 'families worklist');
    await worker.goto(`/staff/families/${longName.id}`);
    await expect(worker.getByRole('heading', { level: 1 })).toContainText('أسرة عبدالله الدوسري للاختبار الطويل');
    const section = worker.locator('section[aria-labelledby="family-requests-heading"]');
    await expect(section.getByTestId('worklist-card-reference')).toHaveText(first.reference);
    await expectNoSideScroll(worker, 'family page');
    await pictures(worker, 'worklists-phone-family-page');
  });
});

test('axe at 360 px on the main staff pages finds no serious or critical violation, and no page scrolls sideways (issue 19 §3)', async () => {
  const { staff, longName, second } = await ready();
  {
    const work: [string, string][] = [
      ['/staff', 'home'],
      ['/staff/requests?list=all', 'requests'],
      [`/staff/requests/${second.id}`, 'a request'],
      ['/staff/requests/new', 'new request'],
      ['/staff/families', 'families'],
      [`/staff/families/${longName.id}`, 'a family'],
      ['/staff/families/new', 'new family'],
      ['/staff/complaints', 'complaints'],
      ['/staff/complaints/new', 'complaint intake'],
      ['/staff/inquiries', 'inquiries'],
      ['/staff/oversight', 'oversight'],
      ['/staff/contact-officers', 'contact officers'],
      ['/staff/tasks', 'print and call tasks'],
      ['/staff/account', 'account'],
    ];
    for (const [path, name] of work) {
      await staff.goto(path);
      await expect(staff.getByRole('heading', { level: 1 }), `${name}: its heading`).toBeVisible();
      await staff.waitForLoadState('networkidle');
      await expectNoSideScroll(staff, name);
      await expectNoSeriousViolations(staff, `${name} at 360 px`);
    }
  }
});

test('axe at 360 px on the administrators’ pages finds no serious or critical violation (issue 19 §3)', async () => {
  const { admin: page } = await ready();
  {
    const administration: [string, string][] = [
      ['/staff/users', 'users'],
      ['/staff/outbox', 'outbox'],
      ['/staff/templates', 'templates'],
      ['/staff/committees', 'committees'],
      ['/staff/settings', 'settings'],
      ['/staff/settings/request-types', 'request types'],
      ['/staff/settings/complaints', 'complaint settings'],
      ['/staff/holidays', 'holidays'],
    ];
    for (const [path, name] of administration) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 }), `${name}: its heading`).toBeVisible();
      await page.waitForLoadState('networkidle');
      await expectNoSideScroll(page, name);
      await expectNoSeriousViolations(page, `${name} at 360 px`);
    }
  }
});
