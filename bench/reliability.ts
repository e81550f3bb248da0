import { parseArgs } from 'node:util';

/**
 * The longer run of kill -9 under intake (issue 21, Must-have 6; the CI run is
 * tests/integration/reliability-kill.test.ts, with the same machinery): `--runs` times, the real
 * `sila serve` takes public complaints from `--concurrency` clients for about `--seconds`, is
 * killed with SIGKILL mid-load and started again on the same database; each run's acknowledged
 * complaints are then sought by reference in the database and by tracking code through the public
 * lookup. At the end every acknowledged complaint is sought again and `sila audit verify` runs.
 * Prints acknowledged and lost per run; exits 1 when anything was lost or the trail does not verify.
 *
 *   npm run bench:reliability -- --runs 20                       # SQLite, a fresh data directory
 *   SILA_TEST_PG_URL=postgres://… npm run bench:reliability -- --runs 20 --engine postgres
 */
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '8' },
    concurrency: { type: 'string', default: '16' },
    engine: { type: 'string', default: 'sqlite' },
  },
});
const runs = Number(values.runs);
const loadMs = Number(values.seconds) * 1000;
const concurrency = Number(values.concurrency);
if (values.engine !== 'sqlite' && values.engine !== 'postgres') throw new Error('--engine is sqlite or postgres');
// The harness reads the engine when it is loaded (postgres: a fresh database on SILA_TEST_PG_URL).
process.env.SILA_TEST_ENGINE = values.engine;
const { createTestDatabase } = await import('../tests/integration/harness.js');
const support = await import('../tests/integration/reliability-support.js');
const { killAllServers, missingReferences, sila, silaCommand, sleep, startIntake, startServer, unfoundTrackingCodes } = support;

const fmt = (n: number) => n.toLocaleString('en-US');
const log = (line: string) => console.log(line);

const database = await createTestDatabase();
let exitCode = 0;
try {
  log(
    `kill -9 under intake: ${runs} runs on ${values.engine}, ${concurrency} clients, killed ${loadMs / 1000}–${loadMs / 1000 + 3} s into each; ` +
      `server from ${silaCommand(['serve']).isBuilt ? 'dist (built)' : 'src (tsx)'}`,
  );
  const acknowledged: Array<{ reference: string; trackingCode: string; at: number }> = [];
  let lostTotal = 0;
  let server = await startServer(database.env);
  const started = Date.now();
  for (let run = 1; run <= runs; run += 1) {
    const intake = startIntake(server.url, { concurrency });
    await sleep(loadMs + Math.floor(Math.random() * 3_000));
    await server.crash();
    await intake.stop();
    const cutOff = intake.failures.get('connection lost') ?? 0;
    const refused = [...intake.failures].filter(([what]) => what !== 'connection lost');
    server = await startServer(database.env);
    const missing = await missingReferences(database.env, intake.receipts);
    const unfound = await unfoundTrackingCodes(server.url, intake.receipts);
    const lost = new Set([...missing, ...unfound.map((line) => line.split(' ')[0] as string)]).size;
    lostTotal += lost;
    acknowledged.push(...intake.receipts);
    log(
      `run ${String(run).padStart(2)}: ${fmt(intake.receipts.length).padStart(6)} acknowledged, ${lost} lost` +
        ` (${cutOff} requests cut off by the kill${refused.length ? `; refused: ${refused.map(([w, n]) => `${w} ×${n}`).join(', ')}` : ''})` +
        (missing.length ? `; not in the database: ${missing.slice(0, 5).join(', ')}` : '') +
        (unfound.length ? `; tracking code finds nothing: ${unfound.slice(0, 5).join(', ')}` : ''),
    );
  }
  const missingAtEnd = await missingReferences(database.env, acknowledged);
  await server.stop();
  const duplicates = acknowledged.length - new Set(acknowledged.map((r) => r.reference)).size;
  const verified = await sila(['audit', 'verify'], database.env);
  log(
    `${runs} runs in ${Math.round((Date.now() - started) / 1000)} s: ${fmt(acknowledged.length)} complaints acknowledged, ${lostTotal} lost` +
      ` (${missingAtEnd.length} missing at the end, ${duplicates} references given twice); sila audit verify exit ${verified.code}: ${verified.stdout.trim() || verified.stderr.trim()}`,
  );
  if (lostTotal || missingAtEnd.length || duplicates || verified.code !== 0) exitCode = 1;
} finally {
  await killAllServers();
  await database.drop();
}
process.exit(exitCode);
