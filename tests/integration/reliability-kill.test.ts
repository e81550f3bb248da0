import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINE } from './harness.js';
import {
  halfWritten,
  killAllServers,
  loadFor,
  missingReferences,
  type Receipt,
  sila,
  startIntake,
  startServer,
  unfoundTrackingCodes,
} from './reliability-support.js';

/**
 * kill -9 under intake (issue 21, Must-have 6): the real `sila serve` takes public complaints from
 * many addresses at once and is killed mid-load, then started again on the same database, a few
 * times; every complaint it acknowledged (201 with a reference and a tracking code) must still be
 * there, its tracking code must still find it, and `sila audit verify` must pass. A short run for
 * CI; `npm run bench:reliability` runs twenty (bench/README.md).
 */
const RUNS = 3;
/** Acknowledgements each run waits for before the kill (at most 10 s): enough that a loss would show. */
const MIN_ACKNOWLEDGED = 100;

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  await killAllServers();
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe(`kill -9 under intake (${ENGINE})`, () => {
  it('loses no acknowledged complaint across kill -9 runs, and the audit trail still verifies', async () => {
    const database = await createTestDatabase({ migrated: true });
    cleanups.push(database.drop);
    const acknowledged: Receipt[] = [];
    for (let run = 1; run <= RUNS; run += 1) {
      const server = await startServer(database.env);
      const intake = startIntake(server.url);
      // Killed at a different moment of each run, never at a quiet one: requests are in flight.
      await loadFor(intake, { minMs: 3_000, minAcknowledged: MIN_ACKNOWLEDGED, maxMs: 10_000 });
      await server.crash();
      await intake.stop();
      expect(intake.receipts.length, `run ${run}: acknowledgements before the kill`).toBeGreaterThan(0);
      expect(intake.failures.get('connection lost') ?? 0, `run ${run}: requests cut off by the kill`).toBeGreaterThan(0);
      expect(
        [...intake.failures.keys()].filter((what) => what !== 'connection lost'),
        `run ${run}: refusals`,
      ).toEqual([]);
      acknowledged.push(...intake.receipts);
    }
    expect(new Set(acknowledged.map((r) => r.reference)).size).toBe(acknowledged.length);

    const server = await startServer(database.env);
    console.info(`kill -9 under intake (${ENGINE}): ${RUNS} runs, ${acknowledged.length} complaints acknowledged`);
    expect(await missingReferences(database.env, acknowledged)).toEqual([]);
    // Nor half of one: whatever the kill cut off left all of its rows or none.
    expect((await halfWritten(database.env)).problems).toEqual([]);
    expect(await unfoundTrackingCodes(server.url, acknowledged)).toEqual([]);
    await server.stop();

    const verified = await sila(['audit', 'verify'], database.env);
    expect(verified.stderr).toBe('');
    expect(verified.code).toBe(0);
  }, 180_000);
});
