/**
 * `npm run bench:access-copy` (issue 25 "Bad input", F2): the access copy's background job for a
 * family with many messages. On a fresh database the app migrates itself — SQLite in a temporary
 * directory, or the empty PostgreSQL database at DATABASE_URL (keys in SILA_ENCRYPTION_KEY and
 * SILA_INDEX_KEY) — for each size (BENCH_SIZES, default 1000,10000,50000): a family registered
 * through the API with two members, a request and a complaint; N messages written straight into
 * the outbox table, sealed as the outbox seals them (the bench is about the copy, not about
 * sending); an access request filed, verified and its copy asked for through the API; then the job
 * (`produceAccessCopies`) timed alone. Each size is measured in a child process of its own, so its
 * peak RSS (VmHWM) is the job's, not an earlier size's. Also measured: one small write asked of the
 * app 20 ms after the job starts (how long after those 20 ms it was done: the job's read
 * transaction holds SQLite's write lock, begin immediate) and the longest the event loop went
 * without a turn while the job ran (no request is answered meanwhile).
 * `--smoke` runs 200 messages once and checks the copy holds them. Prints a Markdown table.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../src/app.js';
import { nationalIdCheckDigit } from '../src/domain/national-id.js';
import { outboxAad } from '../src/modules/notifications/outbox.enqueue.js';
import { produceAccessCopies } from '../src/modules/privacy/privacy.access-copy-job.js';
import { replaceRolesAndScope } from '../src/modules/staff/staff.repo.js';
import { startRuntime } from '../src/platform/bootstrap.js';
import { loadConfig } from '../src/platform/config.js';
import { generateKey } from '../src/platform/crypto/keyring.js';
import { readStoredFile } from '../src/platform/files/file-store.js';
import { uuidv7 } from '../src/platform/ids.js';
import { createBenchPrincipals } from './seed/principals.js';

const SMOKE = process.argv.includes('--smoke');
const childSize = process.env.BENCH_ACCESS_COPY_CHILD;

interface Figures {
  messages: number;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  rssBeforeMb: number;
  peakRssMb: number;
  loopBlockedMs: number;
  htmlMb: number;
  jsonMb: number;
  stalledWriteMs: number;
}

const mb = (bytes: number) => bytes / 1024 / 1024;
const vmHwmKb = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);

/** One size, in this process: set up, then time the job. */
async function measure(messages: number): Promise<Figures> {
  let dataDir: string | null = null;
  let env: NodeJS.ProcessEnv = process.env;
  if (!process.env.DATABASE_URL) {
    dataDir = mkdtempSync(path.join(tmpdir(), 'sila-bench-copy-'));
    env = {
      SILA_DATA_DIR: dataDir,
      DATABASE_URL: `sqlite:${path.join(dataDir, 'sila.db')}`,
      SILA_ENCRYPTION_KEY: generateKey(),
      SILA_INDEX_KEY: generateKey(),
      LOG_LEVEL: 'silent',
    };
  }
  const runtime = await startRuntime(loadConfig(env), { log: () => {} });
  const { ctx } = runtime;
  const app = await buildApp({ ctx, logger: false });
  try {
    const ids = await createBenchPrincipals(ctx);
    // The bench's officer: the management account, everywhere, as reception and privacy officer.
    await replaceRolesAndScope(ctx.db, ids.management, ['reception', 'privacy-officer'], { categories: [], domains: [], offices: [] });
    const { token, row } = await ctx.sessions.create('staff', ids.management, 'active');
    const headers = { cookie: `sila_session=${token}`, 'x-csrf-token': row.csrf_token };
    let address = 0;
    const send = async (method: 'GET' | 'POST', url: string, body?: unknown, expected = [200, 201, 202]) => {
      const response = await app.inject({
        method,
        url,
        headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        remoteAddress: `10.0.${(address >> 8) & 255}.${address++ & 255}`,
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      });
      if (!expected.includes(response.statusCode)) throw new Error(`${method} ${url} answered ${response.statusCode}: ${response.body}`);
      return response.json();
    };
    const idOf = (n: number) => {
      const body = `1${String(40_000_000 + n).padStart(8, '0')}`;
      return `${body}${nationalIdCheckDigit(body)}`;
    };
    const family = await send('POST', '/api/v1/families', {
      headNameAr: 'لطيفة عبدالله الحربي',
      nationalId: idOf(1),
      mobile: '+966501234567',
      city: 'الدمام',
      office: 'dammam',
      category: 'productive-family',
      domains: ['training'],
      agreedChannel: 'sms',
      originChannel: 'interview',
      consent: { isGiven: true, privacyNoticeVersion: '2026-1' },
      members: [
        { name: 'فيصل عبدالله الحربي', relation: 'son', nationalId: idOf(2) },
        { name: 'ريم عبدالله الحربي', relation: 'daughter', nationalId: idOf(3) },
      ],
    });
    await send('POST', '/api/v1/complaints/intake', {
      kind: 'complaint',
      channel: 'fax',
      name: 'لطيفة عبدالله الحربي',
      mobile: '0559876543',
      topic: 'aid-disbursement',
      description: 'وصلتنا رسالة بالفاكس تفيد بتأخر صرف الدعم المالي للأسرة ثلاثة أشهر.',
      familyId: family.id,
    });

    // N messages, 500 a statement, sealed with the outbox's AAD per column (outbox.enqueue.ts).
    const at = Date.now() - messages - 60_000;
    for (let i = 0; i < messages; i += 500) {
      const rows = Array.from({ length: Math.min(500, messages - i) }, (_, j) => {
        const id = uuidv7(at + i + j);
        const when = new Date(at + i + j).toISOString();
        const seal = (column: 'address' | 'body', text: string) => ctx.keys.encryptor.encrypt(text, outboxAad(id, column));
        return {
          id,
          event: 'family.registered',
          language: 'ar',
          recipient_kind: 'family',
          recipient_id: family.id,
          channel: 'sms',
          address: seal('address', '+966501234567'),
          subject: null,
          body: seal(
            'body',
            `جمعية صلة: تذكير رقم ${i + j + 1} — موعد ورشة التدريب على التسويق يوم الأحد الساعة العاشرة صباحاً في مقر الجمعية بالدمام.`,
          ),
          transport_data: null,
          status: 'sent',
          priority: 'bulk',
          attempts: 1,
          next_attempt_at: null,
          claimed_at: null,
          last_error: null,
          sent_at: when,
          expires_at: null,
          is_sensitive: 0,
          dedupe_key: null,
          about_type: null,
          about_id: null,
          handled_by: null,
          handled_at: null,
          outcome_note: null,
          read_at: null,
          created_at: when,
          updated_at: when,
          needs_public_url: 0,
          delivered_at: null,
          provider_id: null,
        };
      });
      await ctx.db.insertInto('outbox_messages').values(rows).execute();
    }

    const request = await send('POST', '/api/v1/privacy/requests', {
      kind: 'access',
      channel: 'in-person',
      requester: { kind: 'family', familyId: family.id },
      relation: 'head',
    });
    await send('POST', `/api/v1/privacy/requests/${request.id}/verification`, { method: 'id-card-in-person', note: 'الهوية الأصلية' });
    await send('POST', `/api/v1/privacy/requests/${request.id}/access-copy`, { language: 'ar' });

    // The job alone: garbage collected first, the peak RSS reset (Linux: clear_refs 5).
    (globalThis as { gc?: () => void }).gc?.();
    const rssBefore = process.memoryUsage().rss;
    try {
      execFileSync('sh', ['-c', `echo 5 > /proc/${process.pid}/clear_refs`]);
    } catch {
      // Not Linux, or not allowed: the peak is then the process's since it started.
    }
    // How long the event loop went without a turn: on SQLite the driver is synchronous and the job's
    // awaits resolve as microtasks, so no timer, request or other job runs until a page is done.
    let lastTick = performance.now();
    let longestGap = 0;
    const ticker = setInterval(() => {
      longestGap = Math.max(longestGap, performance.now() - lastTick);
      lastTick = performance.now();
    }, 1);
    let stalled = 0;
    const started = performance.now();
    const probe = new Promise<void>((resolve, reject) =>
      setTimeout(() => {
        ctx.db
          .insertInto('saved_views')
          .values({
            id: uuidv7(),
            owner_id: ids.management,
            worklist: 'requests',
            name: `probe ${messages}`,
            params: '{}',
            shared_role: null,
            created_at: new Date().toISOString(),
          })
          .execute()
          .then(() => {
            stalled = performance.now() - (started + 20);
            resolve();
          }, reject);
      }, 20),
    );
    const done = await produceAccessCopies(ctx);
    const seconds = (performance.now() - started) / 1000;
    longestGap = Math.max(longestGap, performance.now() - lastTick);
    clearInterval(ticker);
    await probe.catch(() => {
      stalled = Number.NaN;
    });
    const peak = vmHwmKb() * 1024;
    if (done !== 1) throw new Error(`The job produced ${done} copies`);

    const copy = await ctx.db
      .selectFrom('privacy_access_copies')
      .selectAll()
      .where('request_id', '=', request.id)
      .executeTakeFirstOrThrow();
    const html = await readStoredFile(ctx.db, ctx.keys, copy.html_file_id as string);
    const json = await readStoredFile(ctx.db, ctx.keys, copy.json_file_id as string);
    if (!html || !json) throw new Error('The copy has no files');
    const parsed = JSON.parse(json.bytes.toString('utf8')) as { sections: { table: string; items: unknown[] }[] };
    const held = parsed.sections.find((s) => s.table === 'outbox_messages')?.items.length ?? 0;
    // The family's registration sent its own message(s) before the N written here.
    if (held < messages) throw new Error(`The copy holds ${held} messages, not ${messages}`);
    return {
      messages,
      rows: copy.row_count ?? 0,
      seconds,
      rowsPerSecond: (copy.row_count ?? 0) / seconds,
      rssBeforeMb: mb(rssBefore),
      peakRssMb: mb(peak),
      loopBlockedMs: longestGap,
      htmlMb: mb(html.size),
      jsonMb: mb(json.size),
      stalledWriteMs: stalled,
    };
  } finally {
    await app.close();
    await runtime.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

if (childSize) {
  const figures = await measure(Number(childSize));
  process.stdout.write(`${JSON.stringify(figures)}\n`);
} else {
  const sizes = SMOKE ? [200] : (process.env.BENCH_SIZES ?? '1000,10000,50000').split(',').map(Number);
  const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite';
  const loadBefore = loadavg();
  const lines: string[] = [];
  for (const size of sizes) {
    // A child per size, with gc exposed, so each peak RSS is that size's job alone. On PostgreSQL
    // each child needs an empty database: give one DATABASE_URL per size (BENCH_PG_URLS) or reset.
    const self = fileURLToPath(import.meta.url);
    const urls = process.env.BENCH_PG_URLS?.split(',');
    const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', self], {
      env: {
        ...process.env,
        BENCH_ACCESS_COPY_CHILD: String(size),
        ...(urls ? { DATABASE_URL: urls[sizes.indexOf(size)] } : {}),
      },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 16 * 1024 * 1024,
    });
    const f = JSON.parse(out.trim().split('\n').pop() as string) as Figures;
    console.error(`${size} messages: ${f.seconds.toFixed(2)} s, peak RSS ${f.peakRssMb.toFixed(0)} MB`);
    lines.push(
      `| ${f.messages.toLocaleString('en')} | ${f.rows.toLocaleString('en')} | ${f.seconds.toFixed(2)} | ${Math.round(f.rowsPerSecond).toLocaleString('en')} | ${f.rssBeforeMb.toFixed(0)} | ${f.peakRssMb.toFixed(0)} | ${f.loopBlockedMs.toFixed(0)} | ${f.htmlMb.toFixed(1)} | ${f.jsonMb.toFixed(1)} | ${f.stalledWriteMs.toFixed(0)} |`,
    );
  }
  const loadAfter = loadavg();
  console.log(
    [
      `${engine}; ${cpus().length} CPUs, Node ${process.version}; load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} at the start, ${loadAfter.map((l) => l.toFixed(2)).join(' ')} at the end`,
      '',
      '| messages | rows in the copy | job s | rows/s | RSS before MB | peak RSS MB | event loop blocked, longest ms | HTML MB | JSON MB | a write during the job waited ms |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...lines,
    ].join('\n'),
  );
}
