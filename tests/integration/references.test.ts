import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextReference } from '../../src/platform/db/references.js';
import { createTestApp, ENGINE, type TestApp } from './harness.js';

/**
 * References people quote (REQ-2026-000123, CMP-…; ARCHITECTURE.md "Identifiers"): unique per
 * series and year under concurrent filings. On PostgreSQL they are numbered outside the caller's
 * transaction, so one open filing does not hold up the next (issue 7: the public complaint intake).
 */
describe(`references [${ENGINE}]`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const take = (series: string) => t.ctx.db.transaction().execute((trx) => nextReference({ root: t.ctx.db, trx }, series, 2026));

  it('twenty filings at once get twenty different numbers, 1…20', async () => {
    const references = await Promise.all(Array.from({ length: 20 }, () => take('TST')));
    expect(new Set(references).size).toBe(20);
    expect(references.map((r) => Number(r.split('-')[2])).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(references[0]).toMatch(/^TST-2026-\d{6}$/);
  });

  it('a filing that fails: SQLite gives its number to the next one; PostgreSQL skips it, as a sequence would', async () => {
    const failed = t.ctx.db.transaction().execute(async (trx) => {
      await nextReference({ root: t.ctx.db, trx }, 'GAP', 2026);
      throw new Error('the filing failed');
    });
    await expect(failed).rejects.toThrow('the filing failed');
    expect(await take('GAP')).toBe(ENGINE === 'sqlite' ? 'GAP-2026-000001' : 'GAP-2026-000002');
  });

  it('an open filing holds up the next one on SQLite (one writer) but not on PostgreSQL', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let first = '';
    let firstDone: Promise<void> = Promise.resolve();
    await new Promise<void>((numbered) => {
      firstDone = t.ctx.db.transaction().execute(async (trx) => {
        first = await nextReference({ root: t.ctx.db, trx }, 'OPEN', 2026);
        numbered();
        await held; // the first filing stays open…
      });
    });
    // …while the second asks for its number. Numbered inside the first's transaction on
    // PostgreSQL, the counter row stayed locked until the first committed, and it waited.
    const second = take('OPEN');
    const early = await Promise.race([second, new Promise<string>((resolve) => setTimeout(() => resolve('waiting'), 2000))]);
    release();
    await firstDone;
    expect(first).toBe('OPEN-2026-000001');
    expect(early).toBe(ENGINE === 'postgres' ? 'OPEN-2026-000002' : 'waiting');
    expect(await second).toBe('OPEN-2026-000002');
  });
});
