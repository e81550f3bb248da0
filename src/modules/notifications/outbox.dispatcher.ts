import { performance } from 'node:perf_hooks';
import type { UpdateQueryBuilder, UpdateResult } from 'kysely';
import type { NotificationSettings } from '../../contracts/notifications.js';
import type { AppContext } from '../../platform/context.js';
import type { Database, OutboxMessageTable } from '../../platform/db/schema.js';
import { uuidv7 } from '../../platform/ids.js';
import {
  configuredChannels,
  createTransports,
  type DeliveryReceipt,
  isProviderId,
  type OutgoingMessage,
  type Transport,
  type TransportChannel,
  TransportError,
  type TransportOptions,
  type Transports,
} from '../../platform/transports/index.js';
import { getAssociation } from '../settings/index.js';
import { getNotificationSettings } from './notifications.settings.js';
import { outboxAad, PUBLIC_URL_UNSET } from './outbox.enqueue.js';
import { batchSize, expiredUnsentError, HAND_OFF_ORDER, planHandOff, spacingMs } from './outbox.priority.js';
import { announceSent } from './outbox.states.js';
import { resolveLinks } from './templates.render.js';

/**
 * The dispatcher (issue 4 §5, issue 20 §1): delivers due messages through the transport of their channel.
 *
 * - Each channel with a transport is its own queue, worked through concurrently with the others: a
 *   slow mail server never holds back SMS codes. Within a channel, one-time codes go first, then
 *   transactional messages, then bulk, oldest first within each (C5, G3; `outbox.priority.ts`), at
 *   most the transport's rate a second (a setting). The queue is read about a second's worth at a
 *   time, and before each other message the dispatcher looks for a newly queued code, so a code
 *   queued behind any backlog is the next message handed over.
 * - Each message is claimed with a conditional update (pending → sending) before it is sent, so two
 *   dispatchers — a lease handed over mid-run, two instances — never send one id twice. A message
 *   left `sending` by a crash is not resent blindly: it fails as `dispatch.interrupted` for an
 *   administrator to retry.
 * - Failures are retried with exponential backoff (1, 5, 25, 125 min, then every 6 h) up to
 *   MAX_ATTEMPTS; a refusal that retrying cannot fix fails at once.
 * - A one-time code is never sent after its expiry, nor so close to it that it would die on the way
 *   (`code.expired-unsent`), and is erased once finished.
 * - A channel without a transport is skipped: its messages stay pending and visible.
 * - Links are made absolute against SILA_PUBLIC_URL as a message is handed over (issue 20 §6); while
 *   it is unset, messages with links are parked (`link.public-url-unset`) and the rest go on. Once it
 *   is set, the first pass puts the parked ones back in their queues.
 * - Once a message is sent, the areas waiting for it are told (`messageSent`, issue 20 §5) after
 *   the change has committed: requests stop the C6 clock at sending, not at queueing.
 */
export const MAX_ATTEMPTS = 8;
type UpdateQuery = UpdateQueryBuilder<Database, 'outbox_messages', 'outbox_messages', UpdateResult>;
const BACKOFF_CAP_MINUTES = 360;
/** A claim older than this was interrupted (longer than any transport's timeouts). */
const STALE_CLAIM_MS = 10 * 60_000;
/**
 * Stop claiming new messages after this much wall time, so one run stays within its lease (the job
 * runs every 2 s: a code waits at most the gap between two runs plus one read of its queue).
 */
const RUN_BUDGET_MS = 5_000;

export function backoffMs(attempt: number): number {
  return Math.min(5 ** Math.max(0, attempt - 1), BACKOFF_CAP_MINUTES) * 60_000;
}

export interface DispatchOptions {
  /** Transports to use instead of those the configuration builds (tests). */
  transports?: Transports;
  /** Options for the transports the configuration builds (tests point WhatsApp at a local server). */
  transportOptions?: Partial<TransportOptions>;
  /** Messages read from a channel's queue at once (default: a second's worth at its rate). */
  batch?: number;
  /** Wall time after which no new message is claimed (tests and benchmarks shorten or lengthen a run). */
  budgetMs?: number;
}

export interface DispatchReport {
  sent: number;
  retrying: number;
  failed: number;
  expired: number;
  interrupted: number;
  /** Errors of `messageSent` subscribers: thrown together once the run has finished its sends. */
  subscriberFailures: unknown[];
}

async function buildTransports(ctx: AppContext, options: DispatchOptions, settings: NotificationSettings): Promise<Transports> {
  if (options.transports) return options.transports;
  const association = await getAssociation(ctx);
  const sender = settings.sms.sender || association.shortNameEn.replace(/[^A-Za-z0-9 ]/g, '').slice(0, 11);
  return createTransports(ctx.config.transports, {
    emailFrom: { name: association.shortNameAr, address: association.email },
    smsFormat: { ...settings.sms, sender },
    ...options.transportOptions,
  });
}

/** The transports the configuration builds, as the dispatcher uses them (issue 27 §7: the set-up checklist's test message). */
export async function configuredTransports(ctx: AppContext, options: DispatchOptions = {}): Promise<Transports> {
  return buildTransports(ctx, options, await getNotificationSettings(ctx));
}

/** Sensitive messages keep nothing readable once finished. */
function erasure(row: OutboxMessageTable) {
  return row.is_sensitive ? ERASED : {};
}

const ERASED = { body: null, subject: null, transport_data: null, address: null } as const;

/**
 * Runs a status change twice, so one-time codes are erased as they finish (each pass stays on the
 * status index) while other messages keep their text for the outbox page.
 */
async function finishWhere(
  ctx: AppContext,
  patch: Record<string, string | null>,
  where: (query: UpdateQuery) => UpdateQuery,
): Promise<number> {
  let count = 0;
  for (const isSensitive of [0, 1]) {
    const query = ctx.db
      .updateTable('outbox_messages')
      .set({ ...patch, ...(isSensitive ? ERASED : {}) })
      .where('is_sensitive', '=', isSensitive);
    count += Number((await where(query).executeTakeFirst()).numUpdatedRows);
  }
  return count;
}

/** Pending messages past their expiry are never sent late (a code's stays `code.expired-unsent`, issue 20 §1). */
async function expireDue(ctx: AppContext, now: string): Promise<number> {
  let count = 0;
  for (const isCode of [true, false]) {
    const patch = { status: 'expired', next_attempt_at: null, last_error: expiredUnsentError(isCode ? 'code' : ''), updated_at: now };
    count += await finishWhere(ctx, patch, (q) =>
      // `expires_at is not null` lets both engines read the partial index `outbox_messages_expiring`.
      q
        .where('status', '=', 'pending')
        .where('expires_at', 'is not', null)
        .where('expires_at', '<=', now)
        .where('priority', isCode ? '=' : '<>', 'code'),
    );
  }
  return count;
}

/** One message that would expire before (or soon after) its turn: expired unsent, never sent late. */
async function expireUnsent(ctx: AppContext, row: OutboxMessageTable): Promise<number> {
  const now = ctx.clock.now().toISOString();
  const result = await ctx.db
    .updateTable('outbox_messages')
    .set({ status: 'expired', next_attempt_at: null, last_error: expiredUnsentError(row.priority), updated_at: now, ...erasure(row) })
    .where('id', '=', row.id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

function failInterrupted(ctx: AppContext, now: Date): Promise<number> {
  const staleBefore = new Date(now.getTime() - STALE_CLAIM_MS).toISOString();
  return finishWhere(
    ctx,
    { status: 'failed', last_error: 'dispatch.interrupted', next_attempt_at: null, updated_at: now.toISOString() },
    (q) => q.where('status', '=', 'sending').where('claimed_at', '<', staleBefore),
  );
}

/** Pending → sending, only if nobody else has; the attempt is counted with the claim. */
async function claim(ctx: AppContext, id: string, now: string): Promise<boolean> {
  const result = await ctx.db
    .updateTable('outbox_messages')
    .set((eb) => ({ status: 'sending', claimed_at: now, attempts: eb('attempts', '+', 1), updated_at: now }))
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

function outgoing(ctx: AppContext, row: OutboxMessageTable): OutgoingMessage {
  const base = ctx.config.publicUrl ?? '';
  const open = (column: 'address' | 'subject' | 'body' | 'transport_data', value: string | null) =>
    value === null ? null : resolveLinks(ctx.keys.encryptor.decrypt(value, outboxAad(row.id, column)), base);
  const transportData = open('transport_data', row.transport_data);
  return {
    id: row.id,
    to: open('address', row.address) ?? '',
    subject: open('subject', row.subject),
    text: open('body', row.body) ?? '',
    language: row.language === 'en' ? 'en' : 'ar',
    ...(transportData ? { whatsapp: JSON.parse(transportData) as OutgoingMessage['whatsapp'] } : {}),
  };
}

type Outcome = 'sent' | 'retrying' | 'failed' | 'expired';

/** A provider's id for the message, kept when it looks like one (its delivery reports name it, issue 20 §5). */
function providerIdOf(receipt: DeliveryReceipt | null): string | null {
  const id = receipt?.providerId;
  return isProviderId(id) ? id : null;
}

async function record(
  ctx: AppContext,
  row: OutboxMessageTable,
  attempt: number,
  error: TransportError | null,
  receipt: DeliveryReceipt | null = null,
): Promise<Outcome> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  let outcome: Outcome;
  let patch: Record<string, unknown>;
  if (!error) {
    outcome = 'sent';
    patch = { status: 'sent', sent_at: at, next_attempt_at: null, last_error: null, provider_id: providerIdOf(receipt), ...erasure(row) };
  } else {
    const next = new Date(now.getTime() + backoffMs(attempt));
    if (error.isPermanent || attempt >= MAX_ATTEMPTS) outcome = 'failed';
    else if (row.expires_at && next.toISOString() >= row.expires_at) outcome = 'expired';
    else outcome = 'retrying';
    patch =
      outcome === 'retrying'
        ? { status: 'pending', next_attempt_at: next.toISOString(), last_error: error.code }
        : { status: outcome, next_attempt_at: null, last_error: error.code, ...erasure(row) };
  }
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('outbox_attempts')
      .values({
        id: uuidv7(now.getTime()),
        message_id: row.id,
        attempt,
        at,
        outcome: error ? 'error' : 'sent',
        error_code: error?.code ?? null,
      })
      .execute();
    await trx
      .updateTable('outbox_messages')
      .set({ ...patch, claimed_at: null, updated_at: at })
      .where('id', '=', row.id)
      .where('status', '=', 'sending')
      .execute();
  });
  return outcome;
}

/** A message with links while SILA_PUBLIC_URL is unset waits, saying why, and out of the queue's way (§6). */
async function park(ctx: AppContext, row: OutboxMessageTable): Promise<void> {
  await ctx.db
    .updateTable('outbox_messages')
    .set({ next_attempt_at: null, last_error: PUBLIC_URL_UNSET, updated_at: ctx.clock.now().toISOString() })
    .where('id', '=', row.id)
    .where('status', '=', 'pending')
    .execute();
}

/** Contexts whose parked messages were put back in their queues (the public URL is read at start-up only). */
const released = new WeakSet<AppContext>();

/** With SILA_PUBLIC_URL set, messages parked for the want of it go back to their queues, once per process (§6). */
async function releaseParked(ctx: AppContext, now: string): Promise<void> {
  if (!ctx.config.publicUrl || released.has(ctx)) return;
  await ctx.db
    .updateTable('outbox_messages')
    .set({ next_attempt_at: now, last_error: null, updated_at: now })
    .where('status', '=', 'pending')
    .where('last_error', '=', PUBLIC_URL_UNSET)
    .execute();
  released.add(ctx);
}

/**
 * The next due messages of one channel in hand-off order (issue 20 §1): codes, then transactional,
 * then bulk, oldest first within each; each priority is one range read of `outbox_messages_next`.
 */
async function nextDue(ctx: AppContext, channel: TransportChannel, now: string, limit: number): Promise<OutboxMessageTable[]> {
  const due: OutboxMessageTable[] = [];
  for (const priority of HAND_OFF_ORDER) {
    if (due.length >= limit) break;
    const rows = await ctx.db
      .selectFrom('outbox_messages')
      .selectAll()
      .where('status', '=', 'pending')
      .where('channel', '=', channel)
      .where('priority', '=', priority)
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(limit - due.length)
      .execute();
    due.push(...rows);
  }
  return due;
}

async function isCodeDue(ctx: AppContext, channel: TransportChannel, now: string): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('outbox_messages')
    .select('id')
    .where('status', '=', 'pending')
    .where('channel', '=', channel)
    .where('priority', '=', 'code')
    .where('next_attempt_at', '<=', now)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Lane {
  channel: TransportChannel;
  rate: number;
  batch: number;
  deadline: number;
  transports: () => Promise<Transports>;
}

/**
 * Sends still waiting for their transport's answer while the next is handed over: the rate is then
 * kept however long a gateway takes to answer (up to this many at once), and hand-offs stay in order.
 */
const MAX_IN_FLIGHT = 4;

/** Hands one claimed message to its transport and records what happened. */
async function deliver(ctx: AppContext, transport: Transport, row: OutboxMessageTable, report: DispatchReport): Promise<void> {
  let error: TransportError | null = null;
  let receipt: DeliveryReceipt | null = null;
  try {
    receipt = await transport.send(outgoing(ctx, row));
  } catch (caught) {
    // Anything that is not a TransportError (a bug, undecryptable data) is kept as a bare code.
    error = caught instanceof TransportError ? caught : new TransportError('dispatch.error');
  }
  const outcome = await record(ctx, row, row.attempts + 1, error, receipt);
  report[outcome] += 1;
  if (outcome !== 'sent') return;
  // The send stands whatever a subscriber does; a failure is reported once the run ends (and a
  // subscriber's own catch-up repairs what it missed).
  try {
    await announceSent(ctx, [row], ctx.clock.now().toISOString());
  } catch (failure) {
    report.subscriberFailures.push(failure);
  }
}

/** Works through one channel's queue until it is empty or the run's time is up. */
async function runLane(ctx: AppContext, lane: Lane, report: DispatchReport): Promise<void> {
  const spacing = spacingMs(lane.rate);
  const inFlight = new Set<Promise<void>>();
  let nextSlot = performance.now();
  try {
    while (performance.now() < lane.deadline) {
      const now = ctx.clock.now();
      const due = await nextDue(ctx, lane.channel, now.toISOString(), lane.batch);
      if (!due.length) return;
      const transport = (await lane.transports())[lane.channel];
      if (!transport) return;
      for (const step of planHandOff(due, { now: now.getTime(), spacing })) {
        const row = step.message;
        if (step.action === 'expire') {
          report.expired += await expireUnsent(ctx, row);
          continue;
        }
        if (row.needs_public_url && !ctx.config.publicUrl) {
          await park(ctx, row);
          continue;
        }
        // The transport's rate: one hand-off per spacing (real time), a few answers awaited at once.
        while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
        const wait = nextSlot - performance.now();
        if (wait > 0) await sleep(wait);
        const slot = performance.now();
        if (slot >= lane.deadline) return;
        // A code queued since the read goes before the rest of the batch (one indexed probe a send).
        if (row.priority !== 'code' && (await isCodeDue(ctx, lane.channel, ctx.clock.now().toISOString()))) break;
        if (!(await claim(ctx, row.id, ctx.clock.now().toISOString()))) continue;
        nextSlot = slot + spacing; // the probe and the claim take place within the slot
        const sending: Promise<void> = deliver(ctx, transport, row, report).finally(() => inFlight.delete(sending));
        inFlight.add(sending);
      }
    }
  } finally {
    await Promise.all(inFlight);
  }
}

/**
 * One pass of the dispatcher: expires, recovers and delivers what is due now, every channel's queue
 * at once. Safe to run on several instances at once (the claim decides), though the scheduler's
 * lease keeps it to one.
 */
export async function dispatchDue(ctx: AppContext, options: DispatchOptions = {}): Promise<DispatchReport> {
  const started = performance.now();
  const now = ctx.clock.now();
  const report: DispatchReport = { sent: 0, retrying: 0, failed: 0, expired: 0, interrupted: 0, subscriberFailures: [] };
  report.expired += await expireDue(ctx, now.toISOString());
  report.interrupted += await failInterrupted(ctx, now);
  await releaseParked(ctx, now.toISOString());

  const configured = options.transports
    ? (Object.keys(options.transports) as TransportChannel[])
    : (['sms', 'email', 'whatsapp'] as const).filter((c) => configuredChannels(ctx.config.transports)[c]);
  if (!configured.length) return report;
  const settings = await getNotificationSettings(ctx);
  // Built once, and only when some queue has a message due.
  let transports: Promise<Transports> | null = null;
  const deadline = started + (options.budgetMs ?? RUN_BUDGET_MS);
  await Promise.all(
    configured.map((channel) =>
      runLane(
        ctx,
        {
          channel,
          rate: settings.rates[channel],
          batch: options.batch ?? batchSize(settings.rates[channel]),
          deadline,
          transports: () => {
            transports ??= buildTransports(ctx, options, settings);
            return transports;
          },
        },
        report,
      ),
    ),
  );
  return report;
}
