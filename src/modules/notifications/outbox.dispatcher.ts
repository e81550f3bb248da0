import { performance } from 'node:perf_hooks';
import type { UpdateQueryBuilder, UpdateResult } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Database, OutboxMessageTable } from '../../platform/db/schema.js';
import { uuidv7 } from '../../platform/ids.js';
import {
  configuredChannels,
  createTransports,
  type OutgoingMessage,
  type TransportChannel,
  TransportError,
  type TransportOptions,
  type Transports,
} from '../../platform/transports/index.js';
import { getAssociation } from '../settings/index.js';
import { getNotificationSettings } from './notifications.settings.js';
import { outboxAad } from './outbox.enqueue.js';

/**
 * The dispatcher (issue 4 §5): delivers due messages through the transport of their channel.
 *
 * - Each message is claimed with a conditional update (pending → sending) before it is sent, so two
 *   dispatchers — a lease handed over mid-run, two instances — never send one id twice. A message
 *   left `sending` by a crash is not resent blindly: it fails as `dispatch.interrupted` for an
 *   administrator to retry.
 * - Failures are retried with exponential backoff (1, 5, 25, 125 min, then every 6 h) up to
 *   MAX_ATTEMPTS; a refusal that retrying cannot fix fails at once.
 * - A one-time code is never sent after its expiry, and is erased once finished.
 * - A channel without a transport is skipped: its messages stay pending and visible.
 */
export const MAX_ATTEMPTS = 8;
type UpdateQuery = UpdateQueryBuilder<Database, 'outbox_messages', 'outbox_messages', UpdateResult>;
const BACKOFF_CAP_MINUTES = 360;
/** A claim older than this was interrupted (longer than any transport's timeouts). */
const STALE_CLAIM_MS = 10 * 60_000;
const BATCH = 50;
/** Stop claiming new messages after this much wall time, so one run stays within its lease. */
const RUN_BUDGET_MS = 12_000;

export function backoffMs(attempt: number): number {
  return Math.min(5 ** Math.max(0, attempt - 1), BACKOFF_CAP_MINUTES) * 60_000;
}

export interface DispatchOptions {
  /** Transports to use instead of those the configuration builds (tests). */
  transports?: Transports;
  /** Options for the transports the configuration builds (tests point WhatsApp at a local server). */
  transportOptions?: Partial<TransportOptions>;
  batch?: number;
}

export interface DispatchReport {
  sent: number;
  retrying: number;
  failed: number;
  expired: number;
  interrupted: number;
}

async function buildTransports(ctx: AppContext, options: DispatchOptions): Promise<Transports> {
  if (options.transports) return options.transports;
  const [association, settings] = await Promise.all([getAssociation(ctx), getNotificationSettings(ctx)]);
  const sender = settings.sms.sender || association.shortNameEn.replace(/[^A-Za-z0-9 ]/g, '').slice(0, 11);
  return createTransports(ctx.config.transports, {
    emailFrom: { name: association.shortNameAr, address: association.email },
    smsFormat: { ...settings.sms, sender },
    ...options.transportOptions,
  });
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

/** Pending messages past their expiry are never sent late. */
function expireDue(ctx: AppContext, now: string): Promise<number> {
  return finishWhere(ctx, { status: 'expired', next_attempt_at: null, last_error: 'message.expired', updated_at: now }, (q) =>
    q.where('status', '=', 'pending').where('expires_at', 'is not', null).where('expires_at', '<=', now),
  );
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
  const open = (column: 'address' | 'subject' | 'body' | 'transport_data', value: string | null) =>
    value === null ? null : ctx.keys.encryptor.decrypt(value, outboxAad(row.id, column));
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

async function record(ctx: AppContext, row: OutboxMessageTable, attempt: number, error: TransportError | null): Promise<Outcome> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  let outcome: Outcome;
  let patch: Record<string, unknown>;
  if (!error) {
    outcome = 'sent';
    patch = { status: 'sent', sent_at: at, next_attempt_at: null, last_error: null, ...erasure(row) };
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

/**
 * One pass of the dispatcher: expires, recovers and delivers what is due now. Safe to run on
 * several instances at once (the claim decides), though the scheduler's lease keeps it to one.
 */
export async function dispatchDue(ctx: AppContext, options: DispatchOptions = {}): Promise<DispatchReport> {
  const started = performance.now();
  const now = ctx.clock.now();
  const report: DispatchReport = { sent: 0, retrying: 0, failed: 0, expired: 0, interrupted: 0 };
  report.expired += await expireDue(ctx, now.toISOString());
  report.interrupted += await failInterrupted(ctx, now);

  const configured = options.transports
    ? (Object.keys(options.transports) as TransportChannel[])
    : (['sms', 'email', 'whatsapp'] as const).filter((c) => configuredChannels(ctx.config.transports)[c]);
  if (!configured.length) return report;
  const due = await ctx.db
    .selectFrom('outbox_messages')
    .selectAll()
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now.toISOString())
    .where('channel', 'in', configured)
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(options.batch ?? BATCH)
    .execute();
  if (!due.length) return report;

  const transports = await buildTransports(ctx, options);
  for (const row of due) {
    if (performance.now() - started > RUN_BUDGET_MS) break;
    const transport = transports[row.channel as TransportChannel];
    if (!transport) continue;
    const claimedAt = ctx.clock.now().toISOString();
    if (!(await claim(ctx, row.id, claimedAt))) continue;
    const attempt = row.attempts + 1;
    let error: TransportError | null = null;
    try {
      await transport.send(outgoing(ctx, row));
    } catch (caught) {
      // Anything that is not a TransportError (a bug, undecryptable data) is kept as a bare code.
      error = caught instanceof TransportError ? caught : new TransportError('dispatch.error');
    }
    const outcome = await record(ctx, row, attempt, error);
    report[outcome] += 1;
  }
  return report;
}
