/**
 * `npm run bench:registry` (issue 3 §5): every registry path once per request, in this process, on the
 * data `npm run bench:seed` made (SQLite at SILA_DATA_DIR, or DATABASE_URL) — latency of each call one
 * after another (p50, max) and, on SQLite, the time spent in each SQL statement, to see which query a
 * slow path waits on. Signed in as the scoped reception bench account (BENCH_AS: another). Not a load test: `npm run bench`
 * is. Extra paths may be given as arguments, "GET /api/v1/…" or "POST /api/v1/… {json}".
 */
import SQLite from 'better-sqlite3';
import { buildApp } from '../src/app.js';
import { startRuntime } from '../src/platform/bootstrap.js';
import { loadConfig } from '../src/platform/config.js';
import { BENCH_PASSWORD, type BenchPrincipalKey, benchPrincipal, benchTotpCode } from './seed/principals.js';

const REPEAT = Number(process.env.BENCH_REPEAT ?? 20);
const name = (text: string) => encodeURIComponent(text);
const DEFAULT_PATHS = [
  'GET /api/v1/families?sort=createdAt&order=desc&limit=25',
  `GET /api/v1/families?q=${name('احمد')}&sort=createdAt&order=desc&limit=25`,
  `GET /api/v1/families?q=${name('فاطمه')}&sort=createdAt&order=desc&limit=25`,
  `GET /api/v1/families?q=${name('محمد الغامدى')}&sort=createdAt&order=desc&limit=25`,
  `GET /api/v1/families?q=${name('مصطفي')}&sort=name&order=asc&limit=25`,
  'GET /api/v1/families?originChannel=fax&category=productive-family&sort=createdAt&order=desc&limit=25',
  'GET /api/v1/families?sort=reference&order=asc&limit=25',
  'GET /api/v1/families/count',
  'GET /api/v1/families/count?originChannel=fax',
  `GET /api/v1/families/count?q=${name('احمد')}`,
];

/** Time per SQL text on SQLite (better-sqlite3 statements are synchronous, so wall time is the statement's). */
const sqlTimes = new Map<string, { calls: number; ms: number }>();
function timeSqliteStatements(): void {
  const proto = Object.getPrototypeOf(new SQLite(':memory:').prepare('select 1'));
  for (const method of ['all', 'run', 'get']) {
    const original = proto[method];
    proto[method] = function (this: { source: string }, ...args: unknown[]) {
      const started = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        const entry = sqlTimes.get(this.source) ?? { calls: 0, ms: 0 };
        entry.calls++;
        entry.ms += performance.now() - started;
        sqlTimes.set(this.source, entry);
      }
    };
  }
}

const config = loadConfig(process.env);
if (config.database.engine === 'sqlite') timeSqliteStatements();
const runtime = await startRuntime(config, { log: () => {} });
const app = await buildApp({ ctx: runtime.ctx, logger: false });

// BENCH_AS picks another bench account (management for the oversight page, for one).
const { username } = benchPrincipal((process.env.BENCH_AS ?? 'reception') as BenchPrincipalKey);
const first = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username, password: BENCH_PASSWORD } });
const pending = first.cookies.find((c) => c.name === 'sila_session');
if (first.statusCode !== 200 || !pending)
  throw new Error(`Sign-in answered ${first.statusCode} (was the database seeded with npm run bench:seed?)`);
const verified = await app.inject({
  method: 'POST',
  url: '/api/v1/auth/totp/verify',
  payload: { code: await benchTotpCode() },
  headers: { cookie: `sila_session=${pending.value}`, 'x-csrf-token': (first.json() as { csrfToken: string }).csrfToken },
});
if (verified.statusCode !== 200) throw new Error(`The authenticator code was refused (${verified.statusCode}); run again after 30 s`);
const session = verified.cookies.find((c) => c.name === 'sila_session') ?? pending;
const headers = { cookie: `sila_session=${session.value}`, 'x-csrf-token': (verified.json() as { csrfToken: string }).csrfToken };

// A family of the scoped user's list: its file, and exact lookups by its ID number and mobile.
const list = await app.inject({ method: 'GET', url: '/api/v1/families?limit=5', headers });
const familyId = (list.json() as { items: Array<{ id: string }> }).items.at(-1)?.id;
const familyPaths: string[] = [];
if (familyId) {
  const file = (await app.inject({ method: 'GET', url: `/api/v1/families/${familyId}`, headers })).json() as {
    nationalId: string;
    mobile: string | null;
  };
  familyPaths.push(`GET /api/v1/families/${familyId}`, `POST /api/v1/families/lookup ${JSON.stringify({ nationalId: file.nationalId })}`);
  if (file.mobile) familyPaths.push(`POST /api/v1/families/lookup ${JSON.stringify({ mobile: file.mobile })}`);
}
familyPaths.push(`POST /api/v1/families/export ${JSON.stringify({ format: 'csv', q: 'محمد الغامدي' })}`);

const paths = process.argv.length > 2 ? process.argv.slice(2) : [...DEFAULT_PATHS, ...familyPaths];
console.log(`${config.database.engine}; ${REPEAT} calls a path, one after another`);
for (const spec of paths) {
  const [method, url] = spec.split(' ', 2) as ['GET' | 'POST', string];
  const body = spec.split(' ').slice(2).join(' ') || undefined;
  const send = () =>
    app.inject({ method, url, headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) }, payload: body });
  const warm = await send();
  if (warm.statusCode >= 300) {
    console.log(`${method} ${url}\n  answered ${warm.statusCode}: ${warm.body.slice(0, 200)}`);
    continue;
  }
  sqlTimes.clear();
  const latencies: number[] = [];
  for (let i = 0; i < REPEAT; i++) {
    const started = performance.now();
    await send();
    latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);
  const p50 = latencies[Math.floor(REPEAT / 2)] ?? 0;
  const max = latencies.at(-1) ?? 0;
  const isJson = String(warm.headers['content-type']).includes('json');
  const answer = isJson ? (warm.json() as { items?: unknown[]; count?: number }) : null;
  const size = answer?.items
    ? `${answer.items.length} items`
    : answer?.count !== undefined
      ? `count ${answer.count}`
      : `${warm.body.length} bytes`;
  console.log(`${method} ${decodeURIComponent(url)}\n  p50 ${p50.toFixed(1)} ms, max ${max.toFixed(1)} ms, ${size}`);
  for (const [text, entry] of [...sqlTimes].sort((a, b) => b[1].ms - a[1].ms).slice(0, Number(process.env.BENCH_STATEMENTS ?? 2)))
    console.log(`    ${(entry.ms / REPEAT).toFixed(2)} ms/call in ${text.slice(0, 110).replace(/\s+/g, ' ')}`);
}
await app.close();
await runtime.close();
