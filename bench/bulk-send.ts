/**
 * `npm run bench:bulk-send` (issue 20 §2): one bulk send to every family of a seeded registry.
 * Target: 100,000 families enqueued in ≤ 10 minutes with the server's RSS ≤ 250 MB, and a one-time
 * code queued mid-send handed to the transport within 5 s.
 *
 * 1. This process seeds a fresh database (SQLite in a temporary directory, or the empty PostgreSQL
 *    database DATABASE_URL names) with `--families` families by the bench seed (`bench/seed/`, no
 *    requests or complaints), then gives each family its consents in bulk, as registration records
 *    them (the required `service` purpose and contact on its agreed channel) and, for the share
 *    `--consented` of them (0.7 by default: the realistic mix), `announcements`.
 * 2. A second Node process — the "server", with `sila serve`'s 192 MB heap limit — opens the same
 *    database, creates the send (`createBulkSend`, the whole registry, paper not included) and runs
 *    the real jobs on the real scheduler (its intervals and leases): `runBulkSends` every 3 s, the
 *    dispatcher every 2 s with a stand-in SMS transport taking `--send-ms` (100) per message. Its RSS
 *    is sampled every 250 ms. As the send passes 1/(codes+1), 2/(codes+1)… of the audience, a portal
 *    sign-in code (`auth.one-time-code` to an SMS family, as `startSignIn` queues it) is queued; its
 *    latency runs from its enqueue's commit to the transport receiving it.
 *
 * Flags: --families N (100000), --consented F (0.7), --codes N (5), --send-ms N (100),
 * --smoke (500 families, 2 codes; exits 1 unless every family is worked through and every code
 * handed over: the CI's check that the bench still runs, scripts/test-all.sh). Prints a JSON line and a table
 * row for bench/README.md.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BATCH, createBulkSend, runBulkSends } from '../src/modules/notifications/bulk-send.service.js';
import { dispatchDue } from '../src/modules/notifications/outbox.dispatcher.js';
import { enqueueMessage } from '../src/modules/notifications/outbox.enqueue.js';
import { startRuntime } from '../src/platform/bootstrap.js';
import { loadConfig } from '../src/platform/config.js';
import { generateKey } from '../src/platform/crypto/keyring.js';
import type { StaffPrincipal } from '../src/platform/http/principal.js';
import { uuidv7 } from '../src/platform/ids.js';
import { startScheduler } from '../src/platform/scheduler.js';
import type { Transport } from '../src/platform/transports/index.js';
import { benchPrincipal } from './seed/principals.js';
import { seedDatabase } from './seed/seed.js';

const { values: flags } = parseArgs({
  options: {
    families: { type: 'string' },
    consented: { type: 'string', default: '0.7' },
    codes: { type: 'string' },
    'send-ms': { type: 'string', default: '100' },
    batch: { type: 'string' },
    smoke: { type: 'boolean', default: false },
    child: { type: 'boolean', default: false },
  },
});
const SMOKE = flags.smoke ?? false;
const FAMILIES = Number(flags.families ?? (SMOKE ? 500 : 100_000));
const CONSENTED = Number(flags.consented);
const CODES = Number(flags.codes ?? (SMOKE ? 2 : 5));
const SEND_MS = Number(flags['send-ms']);
/** Families a batch (the job's BATCH, 250; the smoke run's audience is only 500, so 50 there). */
const BATCH_SIZE = Number(flags.batch ?? (SMOKE ? 50 : BATCH));
const TARGET = { enqueueMs: 10 * 60_000, rssMb: 250, codeMs: 5_000 };
const HEAP_MB = 192; // `sila serve`'s limit (bin/server-heap.mjs)
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

interface ChildResult {
  engine: string;
  families: number;
  processed: number;
  queued: number;
  skippedConsent: number;
  skippedPaper: number;
  skippedNoChannel: number;
  enqueueSeconds: number;
  familiesPerSecond: number;
  peakRssMb: number;
  rssAtStartMb: number;
  codeLatenciesMs: number[];
  codesHandedOver: number;
  bulkSentMeanwhile: number;
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  load: number[];
}

/** The "server": opens the seeded database and runs the send on the scheduler. */
async function child(): Promise<void> {
  let peakRss = process.memoryUsage().rss;
  const rssAtStart = peakRss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 250);
  const runtime = await startRuntime(loadConfig(process.env), { log: () => {} });
  const { ctx } = runtime;
  // How long the event loop is held at a time: no HTTP request, timer or dispatcher run is served meanwhile.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });

  const queuedCodes = new Map<string, number>();
  // The stand-in SMS gateway: SEND_MS a message, noting when each id arrived.
  const arrivals = new Map<string, number>();
  const sms: Transport = {
    send: async (message) => {
      arrivals.set(message.id, performance.now());
      const queuedAt = queuedCodes.get(message.id);
      if (queuedAt !== undefined)
        process.stderr.write(`code handed over ${Math.round(performance.now() - queuedAt)} ms after it was queued\n`);
      await sleep(SEND_MS);
      return { providerId: null };
    },
  };

  const admin = benchPrincipal('administrator');
  const staff = await ctx.db.selectFrom('staff_users').select('id').where('username', '=', admin.username).executeTakeFirstOrThrow();
  const principal: StaffPrincipal = {
    kind: 'staff',
    userId: staff.id,
    username: admin.username,
    displayName: admin.displayName,
    roles: admin.roles,
    scope: admin.scope,
    language: 'ar',
    sessionIdHash: 'bench',
    stage: 'active',
    csrfToken: 'bench',
  };
  const codeFamily = await ctx.db
    .selectFrom('families')
    .select('id')
    .where('agreed_channel', '=', 'sms')
    .where('mobile', 'is not', null)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();

  const started = performance.now();
  loopDelay.enable();
  const send = await createBulkSend(ctx, principal, {
    idempotencyKey: uuidv7(),
    name: 'قياس الإرسال الجماعي',
    event: 'announcement.general',
    audience: {},
    textAr: 'يسرّنا دعوتكم إلى معرض الأسر المنتجة يوم الخميس القادم في مقر الجمعية.',
    includePaper: false,
  });
  const scheduler = startScheduler({
    db: ctx.db,
    clock: ctx.clock,
    jobs: [
      { name: 'outbox-dispatcher', intervalMs: 2000, run: () => dispatchDue(ctx, { transports: { sms } }) },
      { name: 'bulk-sends', intervalMs: 3000, run: () => runBulkSends(ctx, { batch: BATCH_SIZE }) },
    ],
    onError: (job, e) => console.error(job, e),
  });

  let row = await ctx.db.selectFrom('bulk_sends').selectAll().where('id', '=', send.id).executeTakeFirstOrThrow();
  let finishedAt = 0;
  const deadline = started + 30 * 60_000;
  while (performance.now() < deadline) {
    await sleep(250);
    row = await ctx.db.selectFrom('bulk_sends').selectAll().where('id', '=', send.id).executeTakeFirstOrThrow();
    // Mid-send: a code at each 1/(codes+1) of the audience. Every threshold passed since the last
    // look gets its code: a short send (the smoke's 500 families, a few batches read at once since
    // per-batch reads) can pass them all between two looks, and the run still checks each code.
    while (queuedCodes.size < CODES && row.processed >= ((queuedCodes.size + 1) * row.total) / (CODES + 1)) {
      const [message] = await ctx.db.transaction().execute((trx) =>
        enqueueMessage(trx, ctx, {
          event: 'auth.one-time-code',
          recipient: { kind: 'family', familyId: codeFamily.id, channel: 'sms' },
          params: { code: String(100000 + queuedCodes.size), minutes: '10' },
          expiresAt: new Date(ctx.clock.now().getTime() + 10 * 60_000),
          actor: { kind: 'anonymous', id: null },
        }),
      );
      queuedCodes.set(message?.id as string, performance.now());
      process.stderr.write(`code ${queuedCodes.size} queued at ${row.processed}/${row.total}\n`);
    }
    if (row.status !== 'running' && row.status !== 'scheduled') {
      finishedAt = performance.now();
      break;
    }
    if (Math.round(performance.now() - started) % 10_000 < 250)
      process.stderr.write(
        `${Math.round((performance.now() - started) / 1000)} s: ${row.processed}/${row.total}, RSS ${mb(peakRss)} MB peak\n`,
      );
  }
  // Codes queued late in the send get their chance.
  const waitUntil = performance.now() + 15_000;
  while (performance.now() < waitUntil && [...queuedCodes.keys()].some((id) => !arrivals.has(id))) await sleep(100);
  await scheduler.stop();
  clearInterval(sampler);
  loopDelay.disable();
  peakRss = Math.max(peakRss, process.memoryUsage().rss);

  const seconds = (finishedAt - started) / 1000;
  const result: ChildResult = {
    engine: ctx.engine,
    families: row.total,
    processed: row.processed,
    queued: row.queued,
    skippedConsent: row.skipped_consent,
    skippedPaper: row.skipped_paper,
    skippedNoChannel: row.skipped_no_channel,
    enqueueSeconds: Math.round(seconds * 10) / 10,
    familiesPerSecond: Math.round(row.processed / seconds),
    peakRssMb: mb(peakRss),
    rssAtStartMb: mb(rssAtStart),
    codeLatenciesMs: [...queuedCodes].map(([id, at]) => (arrivals.has(id) ? Math.round((arrivals.get(id) as number) - at) : -1)),
    codesHandedOver: [...queuedCodes.keys()].filter((id) => arrivals.has(id)).length,
    bulkSentMeanwhile: [...arrivals.keys()].filter((id) => !queuedCodes.has(id)).length,
    eventLoopDelayMs: {
      p50: Math.round(loopDelay.percentile(50) / 1e6),
      p99: Math.round(loopDelay.percentile(99) / 1e6),
      max: Math.round(loopDelay.max / 1e6),
    },
    load: loadavg().map((x) => Math.round(x * 100) / 100),
  };
  await runtime.close();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** Registration's consents for every family, and `announcements` for a share of them, in bulk. */
async function giveConsents(env: Record<string, string>): Promise<{ rows: number; announcements: number }> {
  const runtime = await startRuntime(loadConfig(env), { log: () => {} });
  const { ctx } = runtime;
  const CONTACT: Record<string, string> = { sms: 'contact-sms', whatsapp: 'contact-whatsapp', email: 'contact-email' };
  let after = '';
  let rows = 0;
  let announcements = 0;
  let index = 0;
  await ctx.db.transaction().execute(async (trx) => {
    for (;;) {
      const families = await trx
        .selectFrom('families')
        .select(['id', 'agreed_channel', 'origin_channel', 'consent_at', 'privacy_notice_version', 'registered_by'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(2000)
        .execute();
      if (!families.length) break;
      after = families.at(-1)?.id as string;
      const values = families.flatMap((f) => {
        // Spread evenly through the id order (and so through each batch of the send).
        const consents = Math.floor((index + 1) * CONSENTED) > Math.floor(index * CONSENTED);
        index += 1;
        if (consents) announcements += 1;
        const purposes = [
          'service',
          ...(CONTACT[f.agreed_channel] ? [CONTACT[f.agreed_channel] as string] : []),
          ...(consents ? ['announcements'] : []),
        ];
        return purposes.map((purpose) => ({
          id: uuidv7(Date.parse(f.consent_at)),
          family_id: f.id,
          purpose,
          seq: 1,
          action: 'given',
          at: f.consent_at,
          channel: f.origin_channel,
          notice_version: f.privacy_notice_version,
          recorded_by_kind: 'staff',
          recorded_by: f.registered_by,
          note: null,
        }));
      });
      for (let i = 0; i < values.length; i += 1000)
        await trx
          .insertInto('family_consents')
          .values(values.slice(i, i + 1000))
          .execute();
      rows += values.length;
    }
  });
  await runtime.close();
  return { rows, announcements };
}

/**
 * The server process runs this file bundled into plain JavaScript, as `sila serve` runs dist/: under
 * tsx its loader thread and the transpiled sources would add ~40 MB to the RSS measured.
 */
async function bundleSelf(): Promise<string> {
  const { build } = await import('esbuild');
  const outfile = path.join(ROOT, 'node_modules/.cache/sila-bench/bulk-send.mjs');
  await build({
    entryPoints: [fileURLToPath(import.meta.url)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return outfile;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sila-bench-bulk-'));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    SILA_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    // Announcements carry a withdrawal link: without a public address they would wait unsent (issue 20 §6).
    SILA_PUBLIC_URL: 'https://sila.example.org',
    SILA_ENCRYPTION_KEY: process.env.SILA_ENCRYPTION_KEY ?? generateKey(),
    SILA_INDEX_KEY: process.env.SILA_INDEX_KEY ?? generateKey(),
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
  };
  const log = (line: string) => process.stderr.write(`${line}\n`);
  try {
    const loadBefore = loadavg().map((x) => Math.round(x * 100) / 100);
    let t = performance.now();
    await seedDatabase({
      config: loadConfig(env),
      sizes: { families: FAMILIES, requests: 0, complaints: 0 },
      seed: 1,
      reset: false,
      workers: 0,
      log: SMOKE ? () => {} : log,
    });
    const seedSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    const consents = await giveConsents(env);
    const consentSeconds = (performance.now() - t) / 1000;
    log(`seeded ${FAMILIES} families in ${seedSeconds.toFixed(1)} s, ${consents.rows} consents in ${consentSeconds.toFixed(1)} s`);

    const proc = spawn(
      process.execPath,
      [
        `--max-old-space-size=${HEAP_MB}`,
        // e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof": profiles the server process alone.
        ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
        await bundleSelf(),
        '--child',
        ...['--codes', String(CODES), '--send-ms', String(SEND_MS), '--batch', String(BATCH_SIZE)],
      ],
      { env, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => proc.on('close', resolve));
    const line = out.trim().split('\n').at(-1) ?? '';
    if (code !== 0 || !line.startsWith('{')) throw new Error(`the server process failed (exit ${code}): ${out}`);
    const result = JSON.parse(line) as ChildResult;
    const maxCode = Math.max(...result.codeLatenciesMs.map((ms) => (ms < 0 ? Number.POSITIVE_INFINITY : ms)));
    const met = {
      enqueue: result.processed === result.families && result.enqueueSeconds * 1000 <= TARGET.enqueueMs,
      rss: result.peakRssMb <= TARGET.rssMb,
      code: result.codesHandedOver === CODES && maxCode <= TARGET.codeMs,
    };
    console.log(JSON.stringify({ ...result, consented: CONSENTED, sendMs: SEND_MS, seedSeconds, consentSeconds, loadBefore, met }));
    const yes = (ok: boolean) => (ok ? 'yes' : '**no**');
    console.log(
      `| ${result.engine} | ${result.families.toLocaleString('en')} (${Math.round(CONSENTED * 100)} % consented) | ${result.enqueueSeconds} s (${result.familiesPerSecond}/s) ${yes(met.enqueue)} | ${result.peakRssMb} MB ${yes(met.rss)} | ${result.codeLatenciesMs.join(', ')} ms ${yes(met.code)} | ${result.bulkSentMeanwhile} | ${loadBefore.join(' ')} → ${result.load.join(' ')} |`,
    );
    // The smoke run checks the bench still works (on a busy CI machine, not the timings).
    if (SMOKE && !(result.processed === result.families && result.codesHandedOver === CODES)) process.exitCode = 1;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (flags.child) await child();
else await main();
