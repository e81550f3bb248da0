import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { serverHeapArgs } from '../../bin/server-heap.mjs';
import { DEFAULT_COMPLAINTS_SETTINGS } from '../../src/modules/complaints/complaints.settings.js';
import { loadConfig } from '../../src/platform/config.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { childEnv, freePort, ROOT } from './cli-support.js';

export { ROOT } from './cli-support.js';

/**
 * The reliability suite (issue 21, Must-have 6): the real `sila serve` as a child process, public
 * complaints sent to it concurrently from many client addresses, and the checks that every
 * acknowledged complaint is still there. Shared by reliability-kill.test.ts,
 * reliability-backup.test.ts and the longer run in bench/reliability.ts.
 */

export interface Receipt {
  reference: string;
  trackingCode: string;
  /** When the 201 arrived (ms since the epoch): the backup test keeps those before the backup started. */
  at: number;
}

export interface SilaServer {
  url: string;
  child: ChildProcess;
  /** The last lines the process printed (shown when a step fails). */
  output(): string;
  /** kill -9: no handler runs, no transaction is finished. */
  crash(): Promise<void>;
  /** SIGTERM: the graceful stop an operator's service manager sends. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

/** Ends every server this module started and has not seen end (afterAll, even when a test failed). */
export async function killAllServers(): Promise<void> {
  await Promise.all([...running].map((child) => ended(child, 'SIGKILL')));
}

function newestChange(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newestChange(full) : statSync(full).mtimeMs);
  }
  return latest;
}

/**
 * How an operator starts Sila: the built `bin/sila.mjs serve` when `npm run build` made dist/server
 * after the last change to src/ (CI builds before the suites), else the sources through tsx. The
 * heap flag is given here, so bin/sila.mjs serves in this very process and kill -9 reaches the server.
 */
export function silaCommand(args: string[]): { args: string[]; isBuilt: boolean } {
  const built = path.join(ROOT, 'dist/server/cli/index.js');
  const heap = args[0] === 'serve' ? serverHeapArgs({}, []) : [];
  if (existsSync(built) && statSync(built).mtimeMs >= newestChange(path.join(ROOT, 'src'))) {
    return { args: [...heap, path.join(ROOT, 'bin/sila.mjs'), ...args], isBuilt: true };
  }
  return { args: [...heap, '--import', 'tsx', path.join(ROOT, 'src/cli/dev-entry.ts'), ...args], isBuilt: false };
}

export interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a `sila` verb as an operator would, to its end (killed after `timeoutMs`). */
export function sila(args: string[], env: Record<string, string>, { timeoutMs = 90_000 } = {}): Promise<Result> {
  const child = spawn(process.execPath, silaCommand(args).args, { cwd: ROOT, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`sila ${args.join(' ')} did not finish within ${timeoutMs / 1000} s:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      running.delete(child);
      resolve({ code, stdout, stderr });
    });
  });
}

function ended(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/**
 * Starts `sila serve` on a free port with the database's environment and waits for /readyz. The
 * server trusts the loopback as its proxy, so each request's x-forwarded-for is its client address
 * (the public link's per-address limits then apply per simulated visitor, as behind a real proxy).
 */
export async function startServer(env: Record<string, string>, { timeoutMs = 90_000 } = {}): Promise<SilaServer> {
  const port = await freePort();
  const child = spawn(process.execPath, silaCommand(['serve']).args, {
    cwd: ROOT,
    env: childEnv({ LOG_LEVEL: 'warn', ...env, PORT: String(port), HOST: '127.0.0.1', SILA_TRUST_PROXY: '127.0.0.1' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`sila serve exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output}`);
    if (Date.now() - started > timeoutMs) {
      await ended(child, 'SIGKILL');
      throw new Error(`sila serve was not ready after ${timeoutMs / 1000} s:\n${output}`);
    }
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    child,
    output: () => output,
    crash: () => ended(child, 'SIGKILL'),
    stop: async () => {
      const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await ended(child, 'SIGTERM');
      clearTimeout(force);
    },
  };
}

/** A client address of its own for every request: 10.x.y.z for submissions, 11.x.y.z for lookups. */
function address(first: number, n: number): string {
  return `${first}.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

let submissionSeq = 0;
let lookupSeq = 0;

/** A valid public complaint (tests/integration/complaints-fixtures.ts), every third anonymous without contact. */
export function complaintBody(n: number, privacyNoticeVersion = DEFAULT_COMPLAINTS_SETTINGS.privacyNoticeVersion): Record<string, unknown> {
  const description = `تأخر صرف المساعدة المقررة لأسرتنا أكثر من شهرين دون إبلاغنا بالسبب. (رقم ${n})`;
  if (n % 3 === 0) return { anonymous: true, topic: 'service-delay', description, remedy: 'صرف المساعدة', privacyNoticeVersion };
  return {
    anonymous: false,
    name: `منيرة العتيبي ${n}`,
    mobile: `055${String(1_000_000 + (n % 9_000_000)).slice(-7)}`,
    email: `writer${n}@example.com`,
    topic: n % 2 ? 'service-delay' : 'aid-disbursement',
    description,
    remedy: 'صرف المساعدة وإبلاغنا بموعدها',
    privacyNoticeVersion,
  };
}

export interface Intake {
  receipts: Receipt[];
  /** Requests that got no 201: refused (status counted) or cut off (connection lost). */
  failures: Map<string, number>;
  /** Stops sending and waits for every worker's last request to settle. */
  stop(): Promise<void>;
}

/**
 * Sends public complaints with `concurrency` workers until stopped, keeping every acknowledgement
 * (201: reference and tracking code). A request that fails — the server killed under it — is not
 * acknowledged and so promises nothing; a worker whose server is gone waits and tries again.
 */
export function startIntake(url: string, { concurrency = 16 } = {}): Intake {
  const receipts: Receipt[] = [];
  const failures = new Map<string, number>();
  const count = (what: string) => failures.set(what, (failures.get(what) ?? 0) + 1);
  let isStopped = false;
  const worker = async () => {
    while (!isStopped) {
      submissionSeq += 1;
      const n = submissionSeq;
      try {
        const response = await fetch(`${url}/api/v1/public/complaints`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': address(10, n) },
          body: JSON.stringify(complaintBody(n)),
        });
        const text = await response.text();
        if (response.status === 201) {
          const { reference, trackingCode } = JSON.parse(text) as Receipt;
          receipts.push({ reference, trackingCode, at: Date.now() });
        } else count(`HTTP ${response.status}`);
      } catch {
        count('connection lost');
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  };
  const workers = Array.from({ length: concurrency }, worker);
  return {
    receipts,
    failures,
    stop: async () => {
      isStopped = true;
      await Promise.all(workers);
    },
  };
}

/** The references of `receipts` that the database does not hold (opened directly, as it is on disk). */
export async function missingReferences(env: Record<string, string>, receipts: readonly Receipt[]): Promise<string[]> {
  const handle = openDatabase(loadConfig(env).database);
  try {
    const rows = await handle.db.selectFrom('complaints').select('reference').execute();
    const stored = new Set(rows.map((r) => r.reference));
    return receipts.filter((r) => !stored.has(r.reference)).map((r) => r.reference);
  } finally {
    await handle.close();
  }
}

/**
 * What one transaction writes must be there whole: for each complaint its two steps, both clocks,
 * its `complaint.create` audit row and one message per contact channel; for each family its member,
 * its domain and its `family.create` audit row (the bodies this suite sends: anonymous complaints
 * without contact, named ones with a mobile and an e-mail, families with one member and one domain).
 * Returns a line per incomplete record.
 */
export async function halfWritten(env: Record<string, string>): Promise<{ complaints: number; families: number; problems: string[] }> {
  const handle = openDatabase(loadConfig(env).database);
  const { db } = handle;
  try {
    const problems: string[] = [];
    const countBy = async (table: 'complaint_steps' | 'household_members' | 'family_domains', column: 'complaint_id' | 'family_id') => {
      const rows = await db
        .selectFrom(table)
        .select([`${column} as owner`, db.fn.countAll<number>().as('n')])
        .groupBy(column)
        .execute();
      return new Map(rows.map((r) => [r.owner as string, Number(r.n)]));
    };
    const steps = await countBy('complaint_steps', 'complaint_id');
    const members = await countBy('household_members', 'family_id');
    const domains = await countBy('family_domains', 'family_id');
    const clocks = new Set((await db.selectFrom('working_clocks').select('id').execute()).map((r) => r.id));
    const audited = new Map<string, number>();
    for (const row of await db
      .selectFrom('audit_events')
      .select(['entity_id', 'action'])
      .where('action', 'in', ['complaint.create', 'family.create'])
      .execute())
      audited.set(row.entity_id as string, (audited.get(row.entity_id as string) ?? 0) + 1);
    const messages = new Map<string, number>();
    for (const row of await db.selectFrom('outbox_messages').select('about_id').where('about_type', '=', 'complaint').execute())
      messages.set(row.about_id as string, (messages.get(row.about_id as string) ?? 0) + 1);

    const complaints = await db
      .selectFrom('complaints')
      .select(['id', 'reference', 'is_anonymous', 'clock_id', 'acknowledge_clock_id'])
      .execute();
    for (const c of complaints) {
      const expected = c.is_anonymous ? 0 : 2; // the test's anonymous complaints leave no contact
      if (steps.get(c.id) !== 2) problems.push(`${c.reference}: ${steps.get(c.id) ?? 0} steps`);
      if (!c.clock_id || !clocks.has(c.clock_id) || !c.acknowledge_clock_id || !clocks.has(c.acknowledge_clock_id))
        problems.push(`${c.reference}: a clock is missing`);
      if (audited.get(c.id) !== 1) problems.push(`${c.reference}: ${audited.get(c.id) ?? 0} audit rows`);
      if ((messages.get(c.id) ?? 0) !== expected) problems.push(`${c.reference}: ${messages.get(c.id) ?? 0} messages, not ${expected}`);
    }
    const families = await db.selectFrom('families').select('id').execute();
    for (const f of families) {
      if (members.get(f.id) !== 1) problems.push(`family ${f.id}: ${members.get(f.id) ?? 0} members`);
      if (domains.get(f.id) !== 1) problems.push(`family ${f.id}: ${domains.get(f.id) ?? 0} domains`);
      if (audited.get(f.id) !== 1) problems.push(`family ${f.id}: ${audited.get(f.id) ?? 0} audit rows`);
    }
    return { complaints: complaints.length, families: families.length, problems };
  } finally {
    await handle.close();
  }
}

/**
 * Looks every tracking code up through the public link, as the complainant would, and returns the
 * receipts whose code does not find their complaint (any answer but 200 with the same reference).
 */
export async function unfoundTrackingCodes(url: string, receipts: readonly Receipt[], concurrency = 8): Promise<string[]> {
  const unfound: string[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < receipts.length; i = next++) {
      const receipt = receipts[i] as Receipt;
      lookupSeq += 1;
      const response = await fetch(`${url}/api/v1/public/complaints/lookup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address(11, lookupSeq) },
        body: JSON.stringify({ trackingCode: receipt.trackingCode }),
      });
      const body = (await response.json()) as { reference?: string };
      if (response.status !== 200 || body.reference !== receipt.reference) unfound.push(`${receipt.reference} (${response.status})`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return unfound;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits while the intake runs: at least `minMs`, then until `minAcknowledged` complaints were
 * acknowledged or `maxMs` passed (a crowded machine takes fewer per second), plus up to `jitterMs`
 * so that each kill lands at a different moment of a request.
 */
export async function loadFor(
  intake: Intake,
  { minMs = 3_000, minAcknowledged = 150, maxMs = 15_000, jitterMs = 1_000 } = {},
): Promise<void> {
  const started = Date.now();
  await sleep(minMs);
  while (intake.receipts.length < minAcknowledged && Date.now() - started < maxMs) await sleep(100);
  await sleep(Math.floor(Math.random() * jitterMs));
}
