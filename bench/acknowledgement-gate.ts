/**
 * `npm run bench:acknowledgement-gate` (issue 26 §4, R1): what the acknowledgement gate adds to a cheap
 * staff request, through the real app in this process (`app.inject`), on a fresh database the app
 * migrates itself (the Harif policy seeded as its first published document): SQLite in a temporary
 * directory, or the empty PostgreSQL database at DATABASE_URL (keys in SILA_ENCRYPTION_KEY and
 * SILA_INDEX_KEY). Each case is measured with the gate as it is (`after`) and with the gate as it was
 * before its cache (`before`: a copy of the old function below, swapped in by this bench only):
 *   none     — no requirement at all;
 *   acked    — the policy (its long Arabic text) required of reception, overdue, acknowledged by the
 *              member: the steady state of every request once a requirement is on;
 *   grace    — the same requirement within its grace period, not yet acknowledged.
 * Latency: BENCH_N requests one after another (p50, p95). Throughput: BENCH_N requests with
 * BENCH_CONCURRENCY in flight. `before` and `after` alternate BENCH_ROUNDS times (medians reported). The request is `GET /api/v1/saved-views?worklist=requests` as the
 * reception bench account (one indexed read of its own), each from another address so the
 * per-address API limit does not answer 429. Prints a Markdown table and the load average.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { buildApp } from '../src/app.js';
import { isOverdue } from '../src/domain/acknowledgements.js';
import { pendingForMember, staffAudience } from '../src/modules/acknowledgements/acknowledgements.members.js';
import { liveRequirements } from '../src/modules/acknowledgements/acknowledgements.requirements.js';
import { startRuntime } from '../src/platform/bootstrap.js';
import { loadConfig } from '../src/platform/config.js';
import type { AppContext } from '../src/platform/context.js';
import { generateKey } from '../src/platform/crypto/keyring.js';
import { HARIF_POLICY_DOCUMENT_ID } from '../src/platform/db/migrations/0038-harif-policy.js';
import { AppError } from '../src/platform/http/app-error.js';
import type { StaffPrincipal } from '../src/platform/http/principal.js';
import { type StaffGate, staffGates } from '../src/platform/http/staff-gates.js';
import { BENCH_PASSWORD, createBenchPrincipals } from './seed/principals.js';

const N = Number(process.env.BENCH_N ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const WARM_UP = 200;
const URL = '/api/v1/saved-views?worklist=requests';

/** The gate before its cache (acknowledgements.mine.ts at f560523~1), for the `before` figures only. */
async function gateBefore(ctx: AppContext, principal: StaffPrincipal): Promise<void> {
  if (!(await ctx.db.selectFrom('ack_requirements').select('version_id').limit(1).executeTakeFirst())) return;
  const member = (await staffAudience(ctx, { ids: [principal.userId] }))[0];
  if (!member) return;
  const pending = await pendingForMember(ctx, await liveRequirements(ctx), member);
  const now = ctx.clock.now();
  if (pending.some((r) => isOverdue(r.dueAt, now))) {
    throw AppError.forbidden('acknowledgement.required', 'Read and acknowledge the policy before carrying on');
  }
}

let dataDir: string | null = null;
let env: NodeJS.ProcessEnv = process.env;
if (!process.env.DATABASE_URL) {
  dataDir = mkdtempSync(path.join(tmpdir(), 'sila-bench-ack-'));
  env = {
    SILA_DATA_DIR: dataDir,
    DATABASE_URL: `sqlite:${path.join(dataDir, 'sila.db')}`,
    SILA_ENCRYPTION_KEY: generateKey(),
    SILA_INDEX_KEY: generateKey(),
    LOG_LEVEL: 'silent',
  };
}
const config = loadConfig(env);
/** On SQLite, the statements each request runs (better-sqlite3 runs them synchronously, in this process). */
let statements = 0;
if (config.database.engine === 'sqlite') {
  const proto = Object.getPrototypeOf(new SQLite(':memory:').prepare('select 1'));
  for (const method of ['all', 'run', 'get', 'iterate']) {
    const original = proto[method];
    proto[method] = function (this: unknown, ...args: unknown[]) {
      statements++;
      return original.apply(this, args);
    };
  }
}
const runtime = await startRuntime(config, { log: () => {} });
const { ctx } = runtime;
const app = await buildApp({ ctx, logger: false });

// `before` swaps the acknowledgements area's gate for the old one; the hooks are asked on each request.
let mode: 'before' | 'after' = 'after';
const providers = ctx.hooks.providers.bind(ctx.hooks);
ctx.hooks.providers = ((key: Parameters<typeof providers>[0]) => {
  const list = providers(key) as unknown[];
  if (key.name !== staffGates.name || mode === 'after') return list;
  return [(principal: StaffPrincipal) => gateBefore(ctx, principal)] satisfies StaffGate[];
}) as typeof ctx.hooks.providers;

const ids = await createBenchPrincipals(ctx);
const session = async (userId: string) => {
  const { token, row } = await ctx.sessions.create('staff', userId, 'active');
  return { cookie: `sila_session=${token}`, 'x-csrf-token': row.csrf_token };
};
const reception = await session(ids.reception);
const administrator = await session(ids.administrator);
const version = await ctx.db
  .selectFrom('document_versions')
  .select(['id', 'body_ar'])
  .where('document_id', '=', HARIF_POLICY_DOCUMENT_ID)
  .where('status', '=', 'published')
  .executeTakeFirstOrThrow();

let address = 0;
const send = (headers: Record<string, string>, method: 'GET' | 'PUT' | 'POST' = 'GET', url = URL, body?: unknown) =>
  app.inject({
    method,
    url,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    remoteAddress: `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address++ & 255}`,
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });

async function latency(): Promise<{ p50: number; p95: number; sql: number }> {
  const times: number[] = [];
  const before = statements;
  for (let i = 0; i < N; i++) {
    const started = performance.now();
    const response = await send(reception);
    times.push(performance.now() - started);
    if (response.statusCode !== 200) throw new Error(`${URL} answered ${response.statusCode}: ${response.body}`);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(N * 0.5)] ?? 0, p95: times[Math.floor(N * 0.95)] ?? 0, sql: (statements - before) / N };
}

async function throughput(): Promise<number> {
  let left = N;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (left-- > 0) {
        const response = await send(reception);
        if (response.statusCode !== 200) throw new Error(`${URL} answered ${response.statusCode}`);
      }
    }),
  );
  return N / ((performance.now() - started) / 1000);
}

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const rows: string[] = [];
/** `before` and `after` alternate, ROUNDS times, so a change in the machine's load falls on both; medians are reported. */
async function measure(label: string) {
  const figures = {
    before: [] as Array<{ p50: number; p95: number; rps: number; sql: number }>,
    after: [] as Array<{ p50: number; p95: number; rps: number; sql: number }>,
  };
  for (let round = 0; round < ROUNDS; round++) {
    for (const m of ['before', 'after'] as const) {
      mode = m;
      for (let i = 0; i < WARM_UP; i++) await send(reception);
      const { p50, p95, sql } = await latency();
      figures[m].push({ p50, p95, sql, rps: await throughput() });
    }
  }
  for (const m of ['before', 'after'] as const) {
    const [p50, p95, rps] = [
      median(figures[m].map((f) => f.p50)),
      median(figures[m].map((f) => f.p95)),
      median(figures[m].map((f) => f.rps)),
    ];
    const sql = config.database.engine === 'sqlite' ? (figures[m][0]?.sql ?? 0).toFixed(1) : '–';
    rows.push(`| ${label} | ${m} | ${p50.toFixed(3)} | ${p95.toFixed(3)} | ${Math.round(rps)} | ${sql} |`);
    console.error(`${label} ${m}: p50 ${p50.toFixed(3)} ms, p95 ${p95.toFixed(3)} ms, ${Math.round(rps)} req/s`);
  }
}

const loadBefore = loadavg();
await measure('none (no requirement)');

const requirement = (graceDays: number) =>
  send(administrator, 'PUT', `/api/v1/acknowledgements/requirements/${version.id}`, {
    audience: 'roles',
    roles: ['reception'],
    graceDays,
  });
const setGrace = await requirement(30);
if (setGrace.statusCode !== 200) throw new Error(`Setting the requirement answered ${setGrace.statusCode}: ${setGrace.body}`);
await measure('grace (policy required, within its grace period)');

const setNow = await requirement(0);
if (setNow.statusCode !== 200) throw new Error(`Setting the requirement answered ${setNow.statusCode}: ${setNow.body}`);
const asked = (await send(reception, 'GET', '/api/v1/acknowledgements/mine')).json() as { items: Array<{ textSha256: string }> };
const acknowledged = await send(reception, 'POST', `/api/v1/acknowledgements/mine/${version.id}`, {
  textSha256: asked.items[0]?.textSha256,
  hasReadToEnd: true,
  password: BENCH_PASSWORD,
});
if (acknowledged.statusCode !== 200) throw new Error(`Acknowledging answered ${acknowledged.statusCode}: ${acknowledged.body}`);
await measure('acked (policy required, overdue, acknowledged)');
const loadAfter = loadavg();

console.log(
  [
    `${config.database.engine}; the Harif policy's Arabic text ${version.body_ar?.length ?? 0} characters; N = ${N} requests a figure (one after another for p50/p95, ${CONCURRENCY} in flight for requests/s) after ${WARM_UP} warm-up requests, median of ${ROUNDS} rounds alternating before and after; ${cpus().length} CPUs, Node ${process.version}; load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} at the start, ${loadAfter.map((l) => l.toFixed(2)).join(' ')} at the end`,
    '',
    '| case | gate | p50 ms | p95 ms | requests/s | SQL statements a request |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n'),
);
await app.close();
await runtime.close();
if (dataDir) rmSync(dataDir, { recursive: true, force: true });
