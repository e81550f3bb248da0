import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { buildApp } from '../src/app.js';
import { startRuntime } from '../src/platform/bootstrap.js';
import { ManualClock } from '../src/platform/clock.js';
import { loadConfig } from '../src/platform/config.js';
import { buildFuzzWorld, caseArb, describeCase, findingOf, operationSeed, sendCase } from '../tests/integration/fuzz-support.js';
import { createTestDatabase, ENGINE, type TestApp } from '../tests/integration/harness.js';

/**
 * The longer run of the input fuzz (issue 21; the CI run is tests/integration/fuzz.test.ts, with the
 * same generators): every operation of the OpenAPI document, `--runs` cases each, on a fresh
 * database of the engine SILA_TEST_ENGINE names (`postgres` needs SILA_TEST_PG_URL). Unlike the
 * test it does not stop at an operation's first finding: it counts them all and prints one example
 * of each kind (operation, status, first words).
 *
 *   npx tsx bench/fuzz.ts --runs 200 --seed 212026
 */
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '200' },
    seed: { type: 'string', default: '212026' },
    only: { type: 'string' },
  },
});
const runs = Number(values.runs);
const seed = Number(values.seed);

async function createApp(): Promise<TestApp> {
  const clock = new ManualClock();
  // Outside Vitest there is no template database: start-up migrates this one.
  const database = await createTestDatabase();
  const runtime = await startRuntime(loadConfig(database.env), { clock, log: () => {} });
  const app = await buildApp({ ctx: runtime.ctx, logger: false });
  return {
    app,
    ctx: runtime.ctx,
    clock,
    engine: runtime.ctx.engine,
    dataDir: database.dataDir,
    env: database.env,
    close: async () => {
      await app.close();
      await runtime.close();
      await database.drop();
    },
  };
}

const t = await createApp();
try {
  const world = await buildFuzzWorld(t);
  const { doc, pools, principals } = world;
  const operations = world.operations.filter((operation) => !values.only || operation.key === values.only);

  console.log(`fuzz [${ENGINE}]: ${operations.length} operations × ${runs} cases, seed ${seed}`);
  const started = performance.now();
  let cases = 0;
  const findings = new Map<string, { count: number; example: string }>();
  // How deep the cases went: answers by status, and the operations that never answered 2xx.
  const statuses = new Map<number, number>();
  const reached = new Set<string>();
  // With --only, why its cases were refused: the status, code and fields.
  const refusals = new Map<string, number>();
  for (const operation of operations) {
    await fc.check(
      fc.asyncProperty(caseArb(operation, doc, pools), async (fuzzCase) => {
        cases += 1;
        const response = await sendCase(t, operation, fuzzCase, principals);
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
        if (response.statusCode < 300) reached.add(operation.key);
        if (values.only && response.statusCode >= 400) {
          const problem = response.json();
          const why = `${response.statusCode} ${problem.code} ${(problem.errors ?? []).map((e: { pointer: string; code: string }) => `${e.pointer}:${e.code}`).join(' ')}`;
          refusals.set(why, (refusals.get(why) ?? 0) + 1);
        }
        const finding = findingOf(response);
        if (!finding) return;
        const kind = `${operation.key} → ${finding.slice(0, 80)}`;
        const seen = findings.get(kind);
        if (seen) seen.count += 1;
        else findings.set(kind, { count: 1, example: `${finding.slice(0, 300)}\n    ${describeCase(operation, fuzzCase)}` });
      }),
      { seed: operationSeed(seed, operation), numRuns: runs },
    );
  }
  const seconds = (performance.now() - started) / 1000;
  const total = [...findings.values()].reduce((sum, f) => sum + f.count, 0);
  console.log(`${cases} cases in ${seconds.toFixed(0)} s (${(cases / seconds).toFixed(0)}/s): ${total} findings of ${findings.size} kinds`);
  const byStatus = [...statuses].sort(([a], [b]) => a - b);
  console.log(`answers: ${byStatus.map(([status, n]) => `${status} × ${n}`).join(', ')}`);
  const unreached = operations.filter((operation) => !reached.has(operation.key)).map((operation) => operation.key);
  console.log(`operations that answered 2xx: ${reached.size} of ${operations.length}; never: ${unreached.join(', ') || 'none'}`);
  for (const [why, n] of [...refusals].sort(([, a], [, b]) => b - a).slice(0, 15)) console.log(`  ${n} × ${why}`);
  for (const [kind, { count, example }] of findings) console.log(`\n${count} × ${kind}\n  ${example}`);
  process.exitCode = findings.size ? 1 : 0;
} finally {
  await t.close();
}
