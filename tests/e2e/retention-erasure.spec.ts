import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Browser, Page } from '@playwright/test';
import { sql } from 'kysely';
import { backgroundJobs, personalDataRegistry } from '../../src/app.js';
import { normaliseArabic } from '../../src/domain/arabic-text.js';
import { verifyAuditChain } from '../../src/modules/audit/index.js';
import { erasureCarryOver } from '../../src/modules/erasure/index.js';
import { anonymisedNameAr } from '../../src/modules/families/families.sealing.js';
import { openExistingDatabase, startRuntime } from '../../src/platform/bootstrap.js';
import { loadConfig } from '../../src/platform/config.js';
import { restoreBackup, writeBackup } from '../../src/platform/db/backup.js';
import { SESSION_COOKIE } from '../../src/platform/http/auth-plugin.js';
import erasureAr from '../../src/web/erasure/i18n/ar.json' with { type: 'json' };
import familiesAr from '../../src/web/families/i18n/ar.json' with { type: 'json' };
import requestsAr from '../../src/web/requests/i18n/ar.json' with { type: 'json' };
import { expectNoSeriousViolations } from './support/axe.js';
import { sqliteFileHolds } from './support/database-scan.js';
import { expect, serveSilaForThisFile, test } from './support/fixtures.js';
import { registerFamilyAtReception } from './support/portal.js';
import { escapeRegExp } from './support/requests.js';
import { shot } from './support/shots.js';
import { type Session, staffWithSession } from './support/staff.js';

/**
 * Issue 25 §5–§6 in Arabic (F2), the Tests section's journey: a family whose last activity is older
 * than the families' retention period is listed by the dry run, anonymised by the nightly job and
 * shown so in the run's report; reception no longer finds it by name and its page shows
 * «أسرة مجهّلة رقم N»; the audit chain still verifies as `sila audit verify` checks it; the raw
 * SQLite file (after a WAL checkpoint) holds no trace of the name; and `sila restore` of a backup
 * taken before the erasure re-applies the erasure ledger. axe on the report and the family's page.
 */
serveSilaForThisFile();
test.describe.configure({ timeout: 240_000 });

const NAME = 'جواهر مطلق الشمّري';
/** The search index keeps names normalised (no shadda): that form must go too. */
const NORMALISED = normaliseArabic(NAME);
const familiesRow = new RegExp(escapeRegExp(erasureAr.kinds.families));

async function signedIn(browser: Browser, url: string, session: Session): Promise<Page> {
  const context = await browser.newContext({ baseURL: url, locale: 'ar-SA', timezoneId: 'Asia/Riyadh' });
  await context.addCookies([{ name: SESSION_COOKIE, value: session.token, url }]);
  return context.newPage();
}

async function searchFamilies(page: Page, text: string): Promise<void> {
  await page.goto('/staff/families');
  await page.getByLabel(new RegExp(`^${escapeRegExp(familiesAr.search)}$`)).fill(text);
}

test('F2: a family past its retention period is anonymised by the nightly job, unfindable, gone from the database file, and stays erased after restoring an older backup (issue 25 §5, §6)', async ({
  browser,
  sila,
}) => {
  const family = await registerFamilyAtReception(sila.ctx, NAME);
  // The e2e server runs on the system clock (tests/e2e/support/sila.ts has no test clock), so the
  // family's last activity is made two years old in the database: registered, never touched since.
  const twoYearsAgo = new Date(Date.now() - 730 * 86_400_000).toISOString();
  await sila.ctx.db.updateTable('families').set({ created_at: twoYearsAgo, updated_at: twoYearsAgo }).where('id', '=', family.id).execute();
  expect(await sqliteFileHolds(sila.ctx, NAME)).toBe(true); // the scan sees the name while it is there

  const officer = await signedIn(browser, sila.url, await staffWithSession(sila.ctx, 'ريم مسؤولة الخصوصية', ['privacy-officer']));
  const reception = await signedIn(browser, sila.url, await staffWithSession(sila.ctx, 'سارة الاستقبال', ['reception']));

  // Reception finds the family by name before the erasure: the later "no result" means something.
  await searchFamilies(reception, 'جواهر مطلق');
  await expect(reception.getByRole('link', { name: NAME })).toBeVisible();

  // `sila backup` of the installation as it is now, before the erasure (a second connection to the file).
  const workDir = mkdtempSync(path.join(tmpdir(), 'sila-e2e-retention-'));
  const archive = path.join(workDir, 'before-erasure.sila.gz');
  const live = await openExistingDatabase(sila.ctx.config);
  try {
    await writeBackup(live, archive);
  } finally {
    await live.close();
  }
  expect(gunzipSync(readFileSync(archive)).includes(Buffer.from(NAME))).toBe(true);

  try {
    // §6: the privacy officer sets a year for families and the dry run lists this family.
    await officer.goto('/staff/');
    await officer.getByRole('link', { name: erasureAr.nav }).first().click();
    await expect(officer.getByRole('heading', { level: 1, name: erasureAr.title })).toBeVisible();
    await officer.getByLabel(erasureAr.kinds.families).fill('12');
    await officer.getByRole('button', { name: erasureAr.save }).click();
    await expect(officer.getByText(erasureAr.saved)).toBeVisible();
    await officer.getByRole('button', { name: erasureAr.preview }).click();
    const previewRow = officer.getByTestId('retention-preview').getByRole('row', { name: familiesRow });
    await expect(previewRow).toContainText(family.reference);
    await expect(previewRow).toContainText(erasureAr.anonymised_one);
    expect(await sila.ctx.db.selectFrom('erasures').select('id').execute()).toEqual([]); // the dry run changed nothing

    // The nightly job, as the scheduler of `sila serve` calls it, at 02:00 Riyadh time.
    const retention = backgroundJobs(sila.ctx).find((job) => job.name === 'retention');
    const night = new Date();
    night.setUTCHours(23, 0, 0, 0);
    night.setUTCDate(night.getUTCDate() - 1);
    expect(await retention?.run(night)).toMatchObject({
      isDryRun: false,
      kinds: expect.arrayContaining([expect.objectContaining({ kind: 'families', anonymised: 1 })]),
    });

    await officer.reload();
    const runRow = officer.getByTestId('retention-run').getByRole('row', { name: familiesRow });
    await expect(runRow).toContainText(erasureAr.anonymised_one);
    await expect(runRow).toContainText(family.reference);
    await expectNoSeriousViolations(officer, 'the retention screen with the run report');

    const ledger = await sila.ctx.db
      .selectFrom('erasures')
      .select(['number', 'cause'])
      .where('subject_table', '=', 'families')
      .where('subject_id', '=', family.id)
      .executeTakeFirstOrThrow();
    expect(ledger.cause).toBe('retention');
    const anonymised = anonymisedNameAr(Number(ledger.number));

    // §5: reception no longer finds the family by its name; its page shows the anonymised family.
    await searchFamilies(reception, 'جواهر مطلق');
    await expect(reception.getByText(familiesAr.empty)).toBeVisible();
    await expect(reception.getByRole('link', { name: NAME })).toHaveCount(0);
    await reception.goto(`/staff/families/${family.id}`);
    await expect(reception.getByRole('heading', { level: 1, name: new RegExp(escapeRegExp(anonymised)) })).toBeVisible();
    await expect(reception.getByText(NAME)).toHaveCount(0);
    // §5: read-only — the notice, and no edit or new-request action (the server offers no write abilities).
    await expect(reception.getByText(familiesAr.erasedNotice)).toBeVisible();
    await expect(reception.getByRole('heading', { name: familiesAr.requests.title })).toBeVisible();
    await expect(reception.getByRole('link', { name: familiesAr.edit, exact: true })).toHaveCount(0);
    await expect(reception.getByRole('link', { name: requestsAr.list.new })).toHaveCount(0);
    await expectNoSeriousViolations(reception, 'the anonymised family’s page');
    await shot(reception, 'retention-anonymised-family-1280', { fullPage: true });

    // `sila audit verify` on this database (its own connection, as the command opens it), after the sealer ran.
    await backgroundJobs(sila.ctx)
      .find((job) => job.name === 'audit-sealer')
      ?.run(new Date());
    const audit = await openExistingDatabase(sila.ctx.config);
    try {
      expect(await verifyAuditChain(audit.db)).toMatchObject({ isIntact: true, pendingRows: 0 });
    } finally {
      await audit.close();
    }

    // §5: no trace of the name in the raw file (rows, search index, free pages), in either form.
    expect(await sqliteFileHolds(sila.ctx, NAME)).toBe(false);
    expect(await sqliteFileHolds(sila.ctx, NORMALISED)).toBe(false);
    expect(await sqliteFileHolds(sila.ctx, 'الشمري')).toBe(false);

    // §5: `sila restore` of the older backup into this installation — here a copy of its database, so
    // the server under test carries on — re-applies the ledger: the family stays anonymised.
    const restoredDir = path.join(workDir, 'installation');
    const restoredFile = path.join(restoredDir, 'sila.db');
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(sila.ctx.db);
    mkdirSync(restoredDir);
    await sql`vacuum into ${restoredFile}`.execute(sila.ctx.db);
    const config = loadConfig({
      SILA_DATA_DIR: restoredDir,
      DATABASE_URL: `sqlite:${restoredFile}`,
      LOG_LEVEL: 'silent',
      SILA_ENCRYPTION_KEY: sila.ctx.config.encryptionKey,
      SILA_INDEX_KEY: sila.ctx.config.indexKey,
    });
    const runtime = await startRuntime(config, { mayGenerateKeys: false, log: () => {} });
    try {
      const registry = personalDataRegistry();
      const carryOver = erasureCarryOver(runtime.ctx, registry);
      await restoreBackup(runtime.handle, archive, {
        force: true,
        keyCheck: { keys: runtime.ctx.keys, registry, now: runtime.ctx.clock.now() },
        carryOver,
      });
      await carryOver.reclaim();
      expect(carryOver.reapplied()).toBe(1);
      const row = await runtime.ctx.db.selectFrom('families').select('head_name_ar').where('id', '=', family.id).executeTakeFirstOrThrow();
      expect(row.head_name_ar).toBe(anonymised);
      expect(await sqliteFileHolds(runtime.ctx, NAME)).toBe(false);
      expect(await sqliteFileHolds(runtime.ctx, NORMALISED)).toBe(false);
      expect(await verifyAuditChain(runtime.ctx.db)).toMatchObject({ isIntact: true });
    } finally {
      await runtime.close();
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
    await officer.context().close();
    await reception.context().close();
  }
});
