/**
 * `npm run bench` (issue 7 §2–§5): starts Sila on the generated data as a child process, signs in as
 * the bench accounts over HTTP, loads each path with autocannon from this process, then does the same
 * against the ceiling (ceiling.ts) on the same database; measures growth on a 10-thousand-family
 * database, the working-day calendar in-process, and writes bench/results/YYYY-MM-DD-<engine>.json
 * and the table in bench/README.md. Run `npm run build` first (or pass --from-source).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { DEFAULT_COMPLAINTS_SETTINGS } from '../../src/modules/complaints/complaints.settings.js';
import { runCalendarBench } from '../calendar.bench.js';
import type { BenchPrincipalKey } from '../seed/principals.js';
import type { CeilingRoute, CeilingSpec } from './ceiling.js';
import { type LoadResult, load } from './load.js';
import { type BenchOptions, parseOptions, type Target } from './options.js';
import { type BenchPath, benchPaths } from './paths.js';
import { queryPlans, searchDrives } from './plans.js';
import { databaseEnv, peakRssMb, ROOT, resetPeakRss, type Server, silaEntry, startServer } from './processes.js';
import {
  type BenchResults,
  gitSha,
  machine,
  markdownTable,
  type PathResult,
  type Sizes,
  sizesOf,
  type TargetCheck,
  updateReadme,
  writeResults,
} from './results.js';
import { getJson, putJson, type Session, signInAs } from './session.js';

type ComplaintsSettings = typeof DEFAULT_COMPLAINTS_SETTINGS;

interface Captured {
  status: number;
  contentType: string;
  body: Buffer;
}

interface SilaRun {
  results: Map<string, { sila: LoadResult; silaFew: LoadResult | null; silaOne: LoadResult | null; peakRssMb: number | null }>;
  captured: Map<string, Captured>;
  peakRssMb: number | null;
  /** What the server ran: the build, or the sources through tsx (memory and speed differ). */
  entry: 'dist/server' | 'src (tsx)';
  ceiling: Map<string, { ceiling: LoadResult; ceilingBytes: number }>;
}

const log = (line: string) => console.log(`[bench] ${line}`);

/** Headers a person's browser would send for this path, with the bench account's session. */
function headersFor(p: BenchPath, session: Session | null): Record<string, string> {
  return {
    'x-forwarded-for': '10.255.0.1',
    ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}),
    ...(p.method === 'POST' ? { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() } : {}),
  };
}

async function capture(baseUrl: string, p: BenchPath, url: string, session: Session | null): Promise<Captured> {
  const response = await fetch(`${baseUrl}${url}`, {
    method: p.method,
    headers: headersFor(p, session),
    ...(p.body ? { body: p.body(0) } : {}),
  });
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status >= 300) throw new Error(`${p.method} ${url} answered ${response.status}: ${body.toString('utf8').slice(0, 500)}`);
  return { status: response.status, contentType: response.headers.get('content-type') ?? 'application/json', body };
}

/** Raised for the run (issue 7 §2) so the public form is measured, not refused; restored afterwards. */
function raisedLimits(settings: ComplaintsSettings): ComplaintsSettings {
  return { ...settings, submissionsPerWindow: 1000, submissionWindowMinutes: 1, uploadsPerWindow: 1000, lookupsPerMinute: 1000 };
}

/**
 * Loads each path on Sila. The main run (not the growth run) also keeps Sila's answers, loads the
 * 10- and 1-connection variants, and starts the ceiling once the answers are captured, loading each
 * path on it right after Sila: the two figures of a ratio are seconds apart, not minutes (on a shared
 * machine the load of others drifts; issue 7 §2).
 */
async function runSila(target: Target, paths: BenchPath[], options: BenchOptions, { isMainRun }: { isMainRun: boolean }): Promise<SilaRun> {
  const entry = silaEntry(options.isFromSource);
  const server = await startServer(
    'sila',
    // BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server alone.
    [...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []), ...entry.args],
    // Request logs stay at debug (app.ts), so LOG_LEVEL=warn only quiets start-up; the trusted
    // proxy lets each simulated person have their own address (load.ts).
    { ...databaseEnv(target), LOG_LEVEL: 'warn', SILA_TRUST_PROXY: '127.0.0.1' },
    '/readyz',
  );
  const run: SilaRun = {
    results: new Map(),
    captured: new Map(),
    peakRssMb: peakRssMb(server.pid),
    entry: entry.isBuilt ? 'dist/server' : 'src (tsx)',
    ceiling: new Map(),
  };
  let ceiling: Ceiling | null = null;
  let admin: Session | null = null;
  let original: ComplaintsSettings | null = null;
  try {
    const sessions = new Map<BenchPrincipalKey, Session>();
    const sessionOf = async (key: BenchPrincipalKey | null) => {
      if (!key) return null;
      if (!sessions.has(key)) sessions.set(key, await signInAs(server.url, key));
      return sessions.get(key) as Session;
    };
    if (paths.some((p) => p.name === 'intake')) {
      admin = await signInAs(server.url, 'administrator');
      original = await getJson<ComplaintsSettings>(server.url, '/api/v1/settings/complaints', admin);
      await putJson(server.url, '/api/v1/settings/complaints', raisedLimits(original), admin);
    }
    for (const p of paths) {
      const session = await sessionOf(p.as);
      for (const v of p.variants) {
        const answer = await capture(server.url, p, v.url, session);
        if (isMainRun) run.captured.set(`${p.method} ${v.url}`, answer);
      }
    }
    if (isMainRun) ceiling = await startCeiling(target, paths, run.captured);
    for (const p of paths) {
      const session = await sessionOf(p.as);
      if (!options.isSmoke) {
        log(`Sila ${p.name}: warming up`);
        await load(server.url, p, session, { connections: options.connections, seconds: Math.max(1, Math.round(options.duration / 5)) });
      }
      resetPeakRss(server.pid);
      const sila = await load(server.url, p, session, { connections: options.connections, seconds: options.duration });
      const peak = peakRssMb(server.pid);
      const silaFew =
        isMainRun && p.isAlsoFew && !options.isSmoke
          ? await load(server.url, p, session, { connections: options.fewConnections, seconds: options.duration })
          : null;
      // A dashboard's target is one person's wait (issue 7 §5), not 50 people's queue: one connection.
      const silaOne =
        isMainRun && p.target.p50Ms !== undefined && !options.isSmoke
          ? await load(server.url, p, session, { connections: 1, seconds: options.duration })
          : null;
      run.results.set(p.name, { sila, silaFew, silaOne, peakRssMb: peak });
      run.peakRssMb = Math.max(run.peakRssMb ?? 0, peak ?? 0);
      log(`Sila ${p.name}: ${sila.requestsPerSecond} req/s, p50 ${sila.p50Ms} ms, p99 ${sila.p99Ms} ms, peak ${peak} MB`);
      if (ceiling) run.ceiling.set(p.name, await ceiling.measure(p, options));
    }
  } catch (error) {
    console.error(`[bench] Sila's last output:\n${server.output()}`);
    throw error;
  } finally {
    if (admin && original)
      await putJson(server.url, '/api/v1/settings/complaints', original, admin).catch(() => log('could not restore the complaint limits'));
    await server.stop();
    await ceiling?.stop();
  }
  return run;
}

interface Ceiling {
  measure(p: BenchPath, options: BenchOptions): Promise<{ ceiling: LoadResult; ceilingBytes: number }>;
  stop(): Promise<void>;
}

/** The bare server answering Sila's captured bytes after running the path's raw SQL (ceiling.ts). */
async function startCeiling(target: Target, paths: BenchPath[], captured: Map<string, Captured>): Promise<Ceiling> {
  const routes: CeilingRoute[] = [];
  for (const p of paths) {
    for (const v of p.variants) {
      const answer = captured.get(`${p.method} ${v.url}`) as Captured;
      routes.push({
        method: p.method,
        url: v.url,
        statements: [...v.statements, ...(v.followUp?.(answer.body) ?? [])],
        body: answer.body.toString('base64'),
        status: answer.status,
        contentType: answer.contentType,
        ...(p.name === 'intake' && p.body ? { insertPayloadBytes: Buffer.byteLength(p.body(0)) } : {}),
      });
    }
  }
  const spec: CeilingSpec = {
    database: target.engine === 'sqlite' ? { engine: 'sqlite', file: target.file } : { engine: 'postgres', url: target.url },
    routes,
  };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sila-ceiling-'));
  const specFile = path.join(dir, 'spec.json');
  writeFileSync(specFile, JSON.stringify(spec));
  const server: Server = await startServer('ceiling', ['--import', 'tsx', path.join(ROOT, 'bench/run/ceiling.ts'), specFile], {}, '/ready');
  return {
    measure: async (p, options) => {
      const first = p.variants[0] as BenchPath['variants'][number];
      const answer = await capture(server.url, p, first.url, null);
      if (!options.isSmoke) {
        log(`ceiling ${p.name}: warming up`);
        await load(server.url, p, null, { connections: options.connections, seconds: Math.max(1, Math.round(options.duration / 5)) });
      }
      const ceiling = await load(server.url, p, null, { connections: options.connections, seconds: options.duration });
      log(`ceiling ${p.name}: ${ceiling.requestsPerSecond} req/s, p50 ${ceiling.p50Ms} ms, p99 ${ceiling.p99Ms} ms`);
      return { ceiling, ceilingBytes: answer.body.length };
    },
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A 10-thousand-family database scaled like the main one, made with `npm run bench:seed`. */
async function seedGrowth(target: Target, sizes: Sizes): Promise<Target> {
  const families = 10_000;
  const scale = (n: number) => String(Math.max(1, Math.round((n * families) / Math.max(1, sizes.families))));
  let growth: Target;
  if (target.engine === 'sqlite') {
    const dir = path.join(path.dirname(target.dataDir), `${path.basename(target.dataDir)}-10k`);
    rmSync(dir, { recursive: true, force: true });
    growth = { engine: 'sqlite', file: path.join(dir, 'sila.db'), dataDir: dir };
  } else {
    const url = new URL(target.url);
    const name = `${url.pathname.slice(1) || 'postgres'}_10k`;
    const admin = new pg.Client({ connectionString: target.url });
    await admin.connect();
    await admin.query(`drop database if exists "${name}"`);
    await admin.query(`create database "${name}"`);
    await admin.end();
    url.pathname = `/${name}`;
    growth = { engine: 'postgres', url: url.toString() };
  }
  log(`seeding the growth database (${families} families, scaled alike)`);
  const seeded = spawnSync(
    'npm',
    [
      'run',
      'bench:seed',
      '--',
      '--families',
      String(families),
      '--requests',
      scale(sizes.requests),
      '--complaints',
      scale(sizes.complaints),
    ],
    { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...databaseEnv(growth) } },
  );
  if (seeded.status !== 0) throw new Error('npm run bench:seed failed for the growth database');
  return growth;
}

function checks(p: BenchPath, r: Omit<PathResult, 'targets'>): TargetCheck[] {
  const out: TargetCheck[] = [];
  if (p.target.ratio !== undefined)
    out.push({
      what: 'ratio',
      value: r.ratio,
      limit: `ratio ≥ ${p.target.ratio}`,
      isMet: r.ratio === null ? null : r.ratio >= p.target.ratio,
    });
  if (p.target.p99Ms !== undefined)
    out.push({ what: 'p99', value: r.sila.p99Ms, limit: `p99 < ${p.target.p99Ms} ms`, isMet: r.sila.p99Ms < p.target.p99Ms });
  if (p.target.p50Ms !== undefined) {
    const p50 = (r.silaOne ?? r.sila).p50Ms;
    out.push({
      what: r.silaOne ? 'p50 (1 connection)' : 'p50',
      value: p50,
      limit: `p50 < ${p.target.p50Ms} ms${r.silaOne ? ' for one person' : ''}`,
      isMet: p50 < p.target.p50Ms,
    });
  }
  if (r.growth)
    out.push({
      what: 'growth',
      value: r.growth.p50Ratio,
      limit: 'growth ≤ 1.5×',
      isMet: r.growth.p50Ratio === null ? null : r.growth.p50Ratio <= 1.5,
    });
  return out;
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2), process.env);
  const { target } = options;
  const problems: string[] = [];
  const now = new Date();
  const sizes = await sizesOf(target);
  log(`${target.engine}: ${sizes.families} families, ${sizes.requests} requests, ${sizes.complaints} complaints and inquiries`);
  if (sizes.families === 0) throw new Error('No families: seed the database first (npm run bench:seed, see bench/README.md)');
  const privacy = DEFAULT_COMPLAINTS_SETTINGS.privacyNoticeVersion;
  const drives = searchDrives(target);
  const paths = benchPaths(target.engine, now, privacy, drives).filter((p) => options.paths.includes(p.name));

  const sila = await runSila(target, paths, options, { isMainRun: true });
  const ceiling = sila.ceiling;
  const plans = paths.some((p) => p.name === 'worklist' || p.name === 'reception' || p.name === 'search')
    ? await queryPlans(target, drives)
    : [];

  let growthTarget = options.growth;
  if (!growthTarget && options.isGrowthSeeded) growthTarget = await seedGrowth(target, sizes);
  let growthSizes: Sizes | null = null;
  let growthRun: SilaRun | null = null;
  if (growthTarget) {
    growthSizes = await sizesOf(growthTarget);
    log(`growth: ${growthSizes.families} families, ${growthSizes.requests} requests`);
    growthRun = await runSila(growthTarget, paths, options, { isMainRun: false });
  }

  log('calendar: deadline calculation in-process');
  const calendar = runCalendarBench({ budgetMs: options.isSmoke ? 200 : 1000 });

  const pathResults: PathResult[] = paths.map((p) => {
    const s = sila.results.get(p.name) as NonNullable<ReturnType<SilaRun['results']['get']>>;
    const c = ceiling.get(p.name);
    const g = growthRun?.results.get(p.name);
    const silaBytes = sila.captured.get(`${p.method} ${p.variants[0]?.url}`)?.body.length ?? 0;
    for (const run of [s.sila, s.silaFew, c?.ceiling, g?.sila]) {
      if (run && (run.non2xx || run.errors || run.timeouts))
        problems.push(
          `${p.name}: ${run.non2xx} answers not 2xx, ${run.errors} errors, ${run.timeouts} timeouts at ${run.connections} connections`,
        );
    }
    if (c && c.ceilingBytes !== silaBytes) problems.push(`${p.name}: the ceiling answered ${c.ceilingBytes} bytes, Sila ${silaBytes}`);
    const base = {
      name: p.name,
      description: p.description,
      sila: s.sila,
      silaFew: s.silaFew,
      silaOne: s.silaOne,
      ceiling: c?.ceiling ?? null,
      ratio: c ? Math.round((s.sila.requestsPerSecond / c.ceiling.requestsPerSecond) * 100) / 100 : null,
      bytes: { sila: silaBytes, ceiling: c?.ceilingBytes ?? null },
      peakRssMb: s.peakRssMb,
      growth: g ? { sila: g.sila, p50Ratio: g.sila.p50Ms > 0 ? Math.round((s.sila.p50Ms / g.sila.p50Ms) * 100) / 100 : null } : null,
    };
    return { ...base, targets: checks(p, base) };
  });

  const results: BenchResults = {
    date: now.toISOString(),
    engine: target.engine,
    isSmoke: options.isSmoke,
    machine: machine(),
    gitSha: gitSha(),
    silaEntry: sila.entry,
    options: { duration: options.duration, connections: options.connections, fewConnections: options.fewConnections },
    sizes,
    growthSizes,
    serverPeakRssMb: sila.peakRssMb,
    paths: pathResults,
    calendar,
    plans,
    problems,
  };
  const resultsDir = options.isSmoke ? mkdtempSync(path.join(os.tmpdir(), 'sila-bench-smoke-')) : options.resultsDir;
  const file = writeResults(resultsDir, options.label ?? `${now.toISOString().slice(0, 10)}-${target.engine}`, results);
  if (options.isReadmeUpdated) updateReadme(results);
  console.log(`\n${markdownTable(results)}\n`);
  for (const plan of plans) console.log(`${plan.query}:\n  ${plan.plan.join('\n  ')}`);
  log(`results written to ${path.relative(process.cwd(), file)}`);
  if (problems.length) {
    console.error(`[bench] problems:\n  ${problems.join('\n  ')}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[bench] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
