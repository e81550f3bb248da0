/**
 * `npx tsx bench/outbox-priority.ts` (issue 20 §1): how long a one-time code waits behind a backlog.
 * A fresh database (SQLite in a temporary directory, or the empty PostgreSQL database DATABASE_URL
 * names) gets BACKLOG pending SMS messages (half bulk, half transactional, all older than any code);
 * the real dispatcher job runs on the real scheduler (its 2-second interval and lease) through the
 * real SMS gateway client, against a local stand-in gateway that takes SEND_MS to answer each
 * message. Every few seconds a sign-in code is queued; its hand-off latency is the time from its
 * enqueue's commit to the gateway receiving it. Target: ≤ 5 s. Flags: --backlog N (20000),
 * --codes N (12), --send-ms N (100). Prints a JSON line and a table row for bench/README.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { notificationJobs } from '../src/modules/notifications/notifications.jobs.js';
import { enqueueMessage, outboxAad } from '../src/modules/notifications/outbox.enqueue.js';
import { startRuntime } from '../src/platform/bootstrap.js';
import { loadConfig } from '../src/platform/config.js';
import { generateKey } from '../src/platform/crypto/keyring.js';
import type { OutboxMessageTable } from '../src/platform/db/schema.js';
import { uuidv7 } from '../src/platform/ids.js';
import { startScheduler } from '../src/platform/scheduler.js';

const { values: flags } = parseArgs({
  options: {
    backlog: { type: 'string', default: '20000' },
    codes: { type: 'string', default: '12' },
    'send-ms': { type: 'string', default: '100' },
  },
});
const BACKLOG = Number(flags.backlog);
const CODES = Number(flags.codes);
const SEND_MS = Number(flags['send-ms']);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The stand-in gateway: answers 200 after SEND_MS, noting when each message id arrived. */
const arrivals = new Map<string, number>();
const gateway = createServer((req, res) => {
  arrivals.set(String(req.headers['idempotency-key']), performance.now());
  req.resume();
  req.on('end', () => setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'), SEND_MS));
});
await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
const gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/send`;

const dataDir = mkdtempSync(path.join(tmpdir(), 'sila-bench-outbox-'));
const env: Record<string, string> = {
  SILA_DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
  SILA_ENCRYPTION_KEY: process.env.SILA_ENCRYPTION_KEY ?? generateKey(),
  SILA_INDEX_KEY: process.env.SILA_INDEX_KEY ?? generateKey(),
  SMS_GATEWAY_URL: gatewayUrl,
  SMS_GATEWAY_TOKEN: 'bench',
  ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
};
const runtime = await startRuntime(loadConfig(env), { log: () => {} });
const { ctx } = runtime;

// The backlog, oldest first: bulk, then transactional, queued an hour ago, 500 rows an insert.
const hourAgo = Date.now() - 60 * 60_000;
const rows: OutboxMessageTable[] = [];
for (let i = 0; i < BACKLOG; i += 1) {
  const id = uuidv7(hourAgo + i);
  const at = new Date(hourAgo + i).toISOString();
  rows.push({
    id,
    event: i < BACKLOG / 2 ? 'family.registered' : 'request.decided',
    language: 'ar',
    recipient_kind: 'contact',
    recipient_id: null,
    channel: 'sms',
    address: ctx.keys.encryptor.encrypt(`+9665512${String(i).padStart(5, '0')}`, outboxAad(id, 'address')),
    subject: null,
    body: ctx.keys.encryptor.encrypt('رسالة من الجمعية', outboxAad(id, 'body')),
    transport_data: null,
    status: 'pending',
    priority: i < BACKLOG / 2 ? 'bulk' : 'transactional',
    attempts: 0,
    next_attempt_at: at,
    claimed_at: null,
    last_error: null,
    sent_at: null,
    expires_at: null,
    is_sensitive: 0,
    dedupe_key: null,
    about_type: null,
    about_id: null,
    handled_by: null,
    handled_at: null,
    outcome_note: null,
    read_at: null,
    created_at: at,
    updated_at: at,
    needs_public_url: 0,
    delivered_at: null,
    provider_id: null,
  });
}
await ctx.db.transaction().execute(async (trx) => {
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('outbox_messages')
      .values(rows.slice(i, i + 500))
      .execute();
});

const scheduler = startScheduler({ db: ctx.db, clock: ctx.clock, jobs: notificationJobs(ctx), onError: (job, e) => console.error(job, e) });
await sleep(3_000); // the backlog is being sent

// Codes at intervals that drift against the job's 2-second tick, so they land anywhere in a run.
const queued = new Map<string, number>();
for (let i = 0; i < CODES; i += 1) {
  const [message] = await ctx.db.transaction().execute((trx) =>
    enqueueMessage(trx, ctx, {
      event: 'auth.one-time-code',
      recipient: { kind: 'contact', channel: 'sms', address: '+966551234567' },
      params: { code: String(100000 + i), minutes: '10' },
    }),
  );
  queued.set(message?.id as string, performance.now());
  await sleep(2_300 + ((i * 377) % 900));
}
await sleep(3_000);
await scheduler.stop();

const latencies = [...queued].map(([id, at]) => (arrivals.has(id) ? (arrivals.get(id) as number) - at : Number.POSITIVE_INFINITY));
latencies.sort((a, b) => a - b);
const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] as number;
const backlogSent = [...arrivals.keys()].filter((id) => !queued.has(id)).length;
const result = {
  engine: ctx.engine,
  backlog: BACKLOG,
  sendMs: SEND_MS,
  codes: CODES,
  delivered: latencies.filter(Number.isFinite).length,
  medianMs: Math.round(pick(0.5)),
  maxMs: Math.round(latencies.at(-1) as number),
  backlogSentMeanwhile: backlogSent,
};
console.log(JSON.stringify(result));
console.log(
  `| ${result.engine} | ${BACKLOG} | ${SEND_MS} ms | ${result.delivered}/${CODES} | ${result.medianMs} ms | ${result.maxMs} ms | ${backlogSent} |`,
);

await runtime.close();
gateway.close();
rmSync(dataDir, { recursive: true, force: true });
