import { setImmediate } from 'node:timers/promises';
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type {
  AudienceCount,
  BulkAudience,
  BulkResults,
  BulkResultsQuery,
  BulkSend,
  CreateBulkSendBody,
  DeliveryChannel,
  NotificationEvent,
} from '../../contracts/notifications.js';
import { BULK_EVENTS } from '../../contracts/notifications.js';
import { type MessageState, messageState } from '../../domain/message-state.js';
import type { StaffScope } from '../../domain/scope.js';
import type { AppContext } from '../../platform/context.js';
import type { BulkSendTable, Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { assertWritableScope, isScopeWithin } from '../../platform/http/write-scope.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { audiencePage, consentWithdrawalPathOf, countAudience, familySummaries, PAPER_CHANNELS } from '../families/index.js';
import { bulkPayloads, type FamilyOutcome } from './bulk-send.payloads.js';
import { EVENTS } from './notifications.events.js';
import { bulkSendAbilities } from './notifications.policy.js';
import { readForBatch } from './outbox.batch-reads.js';
import { enqueueMessage } from './outbox.enqueue.js';
import { decodeCursor } from './outbox.service.js';

/**
 * One bulk-send engine (issue 20 §2, G3) for announcements now and survey campaigns next: an
 * audience from the registry's filters, counted before sending; a text placed in the event's
 * template per family; a schedule. A background job works through the audience a batch at a time:
 * the batch's messages, the cursor and the counters commit together, and each message's dedupe key
 * (`bulk:<send>:<family>`) makes a batch replayed after a crash write nothing twice. Consent is
 * checked where every message is queued (F2): a family that refused the purpose is recorded skipped.
 * Families on letters, faxes and calls are queued for staff only when the sender ticked it.
 * Cancelling stops the job and withdraws the messages not yet handed to a transport.
 */
export const BATCH = 250;
export const ABOUT = 'bulk-send';
/** Sends of another area's event (a survey campaign): that area shows and stops them (bulk-send.payloads.ts). */
const isOwned = (event: string) => !(BULK_EVENTS as readonly string[]).includes(event);
const actorOf = (principal: StaffPrincipal) => ({ kind: 'staff' as const, id: principal.userId });

function audienceOf(row: BulkSendTable): BulkAudience {
  return JSON.parse(row.audience) as BulkAudience;
}

/**
 * F2: a send reaches only families its sender could read. A filter naming an office, category or
 * domain outside their scope is refused (403 `scope.forbidden` at the filter); otherwise the
 * audience is the filters within their scope.
 */
export function scopedAudience(principal: StaffPrincipal, audience: BulkAudience) {
  assertWritableScope(
    principal.scope,
    {
      ...(audience.office ? { office: audience.office } : {}),
      ...(audience.category ? { category: audience.category } : {}),
      ...(audience.domain ? { domains: [audience.domain] } : {}),
    },
    { office: '/audience/office', category: '/audience/category', domains: '/audience/domain' },
  );
  return { ...audience, scope: principal.scope };
}

async function messageCounts(ctx: AppContext, id: string): Promise<Record<string, number>> {
  const rows = await ctx.db
    .selectFrom('outbox_messages')
    .select(['status', 'attempts', 'last_error', sql<number>`count(*)`.as('n')])
    .where('about_type', '=', ABOUT)
    .where('about_id', '=', id)
    .groupBy(['status', 'attempts', 'last_error'])
    .execute();
  const counts: Record<string, number> = {};
  for (const row of rows) {
    const state = messageState({ status: row.status, attempts: row.attempts, lastError: row.last_error });
    counts[state] = (counts[state] ?? 0) + Number(row.n);
  }
  return counts;
}

async function present(ctx: AppContext, principal: StaffPrincipal, row: BulkSendTable): Promise<BulkSend> {
  return {
    id: row.id,
    name: row.name,
    event: row.event as BulkSend['event'],
    audience: audienceOf(row),
    textAr: row.text_ar,
    includePaper: row.include_paper === 1,
    status: row.status as BulkSend['status'],
    scheduledAt: row.scheduled_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    cancelledAt: row.cancelled_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
    counts: bulkCounts(row),
    messages: await messageCounts(ctx, row.id),
    abilities: bulkSendAbilities(principal, row),
  };
}

/** A send is seen by those whose scope holds its sender's (F2): a one-office administrator does not see or stop an all-offices send. */
function isVisible(principal: StaffPrincipal, row: BulkSendTable): boolean {
  return isScopeWithin(principal.scope, JSON.parse(row.scope) as StaffScope);
}

async function load(ctx: AppContext, principal: StaffPrincipal, id: string): Promise<BulkSendTable> {
  const row = await ctx.db.selectFrom('bulk_sends').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || isOwned(row.event) || !isVisible(principal, row)) throw AppError.notFound('bulk.not-found', 'No such bulk send');
  return row;
}

/** The audience counted before sending: in all, by agreed channel, and those on paper. */
export async function previewAudience(ctx: AppContext, principal: StaffPrincipal, audience: BulkAudience): Promise<AudienceCount> {
  return countAudience(ctx, scopedAudience(principal, audience));
}

/**
 * Records a send and schedules it (now unless `scheduledAt`): the same idempotency key answers the
 * send already made. An audience of nobody is refused with the reason (422 `bulk.empty-audience`).
 */
export async function createBulkSend(ctx: AppContext, principal: StaffPrincipal, body: CreateBulkSendBody): Promise<BulkSend> {
  const existing = await ctx.db.selectFrom('bulk_sends').selectAll().where('idempotency_key', '=', body.idempotencyKey).executeTakeFirst();
  if (existing) return present(ctx, principal, existing);
  const count = await countAudience(ctx, scopedAudience(principal, body.audience));
  const reachable = body.includePaper ? count.total : count.total - count.paper;
  if (reachable === 0)
    throw AppError.unprocessable(
      'bulk.empty-audience',
      count.total === 0
        ? 'No family matches this audience'
        : 'Every family in this audience is reached by letter or phone: tick "include by letter/phone" or change the audience',
      [{ pointer: '/audience', code: 'bulk.empty-audience', detail: `${count.total} families, ${count.paper} on paper` }],
    );
  const now = ctx.clock.now();
  const scheduledAt = body.scheduledAt ? new Date(body.scheduledAt) : now;
  if (Number.isNaN(scheduledAt.getTime()))
    throw AppError.badRequest('request.invalid', 'Bad schedule', [
      { pointer: '/scheduledAt', code: 'field.invalid', detail: 'Not a date' },
    ]);
  const id = uuidv7(now.getTime());
  const row: BulkSendTable = {
    id,
    idempotency_key: body.idempotencyKey,
    name: body.name,
    event: body.event,
    audience: JSON.stringify(body.audience),
    scope: JSON.stringify(principal.scope),
    text_ar: body.textAr,
    include_paper: body.includePaper ? 1 : 0,
    status: 'scheduled',
    scheduled_at: new Date(Math.max(scheduledAt.getTime(), now.getTime())).toISOString(),
    started_at: null,
    finished_at: null,
    cancelled_at: null,
    cancelled_by: null,
    cursor: null,
    total: count.total,
    processed: 0,
    queued: 0,
    skipped_consent: 0,
    skipped_no_channel: 0,
    skipped_paper: 0,
    paper: 0,
    created_by: principal.userId,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  const inserted = await ctx.db.transaction().execute(async (trx) => {
    const result = await trx
      .insertInto('bulk_sends')
      .values(row)
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
    await recordAudit(trx, {
      at: now,
      actor: actorOf(principal),
      action: 'bulk-send.create',
      entity: 'bulk_send',
      entityId: id,
      details: { event: body.event, audience: body.audience, total: count.total, includePaper: body.includePaper },
    });
    return true;
  });
  // Two requests with one key at once: the other one's send stands.
  if (!inserted)
    return present(
      ctx,
      principal,
      await ctx.db.selectFrom('bulk_sends').selectAll().where('idempotency_key', '=', body.idempotencyKey).executeTakeFirstOrThrow(),
    );
  return present(ctx, principal, row);
}

export async function getBulkSend(ctx: AppContext, principal: StaffPrincipal, id: string): Promise<BulkSend> {
  return present(ctx, principal, await load(ctx, principal, id));
}

/** A send's counters as the API names them (its own page and the owners' progress, bulk-send.owned.ts). */
export function bulkCounts(row: BulkSendTable) {
  return {
    total: row.total,
    processed: row.processed,
    queued: row.queued,
    skippedConsent: row.skipped_consent,
    skippedNoChannel: row.skipped_no_channel,
    skippedPaper: row.skipped_paper,
    paper: row.paper,
  };
}

/** The sends the caller may see, newest first (a page may hold fewer than `limit` when some are outside their scope). */
export async function listBulkSends(ctx: AppContext, principal: StaffPrincipal, query: { cursor?: string | undefined; limit: number }) {
  const cursor = decodeCursor(query.cursor);
  let select = ctx.db.selectFrom('bulk_sends').selectAll().where('event', 'in', BULK_EVENTS);
  if (cursor) select = select.where('id', '<', cursor);
  const rows = await select
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  return {
    items: await Promise.all(page.filter((row) => isVisible(principal, row)).map((row) => present(ctx, principal, row))),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/**
 * Stops a send: no more families are worked through, and its messages still waiting for a transport
 * are cancelled (those already handed over stay sent). Cancelling a finished or cancelled send: 409.
 */
export async function cancelBulkSend(ctx: AppContext, principal: StaffPrincipal, id: string): Promise<BulkSend> {
  await load(ctx, principal, id);
  await ctx.db.transaction().execute(async (trx) => {
    if ((await stopSend(trx, ctx, id, principal.userId)).isStopped) return;
    const row = await trx.selectFrom('bulk_sends').select('status').where('id', '=', id).executeTakeFirst();
    if (!row) throw AppError.notFound('bulk.not-found', 'No such bulk send');
    throw AppError.conflict('bulk.not-cancellable', `The send is ${row.status}`);
  });
  return getBulkSend(ctx, principal, id);
}

/**
 * Stops a scheduled or running send in `trx`: no more families, and its messages still waiting for a
 * transport cancelled (`withdrawn`: their families). Not stopped when it was not scheduled or running.
 */
export async function stopSend(
  trx: Kysely<Database>,
  ctx: AppContext,
  id: string,
  userId: string,
): Promise<{ isStopped: boolean; withdrawn: string[] }> {
  const now = ctx.clock.now().toISOString();
  const result = await trx
    .updateTable('bulk_sends')
    .set({ status: 'cancelled', cancelled_at: now, cancelled_by: userId, updated_at: now })
    .where('id', '=', id)
    .where('status', 'in', ['scheduled', 'running'])
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return { isStopped: false, withdrawn: [] };
  const waiting = await trx
    .selectFrom('outbox_messages')
    .select('recipient_id')
    .where('about_type', '=', ABOUT)
    .where('about_id', '=', id)
    .where('status', 'in', ['pending', 'waiting-staff'])
    .execute();
  await trx
    .updateTable('outbox_messages')
    .set({ status: 'cancelled', next_attempt_at: null, updated_at: now })
    .where('about_type', '=', ABOUT)
    .where('about_id', '=', id)
    .where('status', 'in', ['pending', 'waiting-staff'])
    .execute();
  await recordAudit(trx, {
    at: ctx.clock.now(),
    actor: { kind: 'staff', id: userId },
    action: 'bulk-send.cancel',
    entity: 'bulk_send',
    entityId: id,
  });
  return { isStopped: true, withdrawn: waiting.map((row) => row.recipient_id).filter((x): x is string => x !== null) };
}

/** The statuses behind a state (domain/message-state.ts), as a condition the outbox's indexes can use. */
function whereState(state: MessageState) {
  return (eb: ExpressionBuilder<Database, 'outbox_messages'>) => {
    const retrying = eb.and([eb('status', '=', 'pending'), eb('attempts', '>', 0), eb('last_error', 'is not', null)]);
    switch (state) {
      case 'queued':
        return eb.or([eb('status', 'in', ['sending', 'waiting-staff']), eb.and([eb('status', '=', 'pending'), eb.not(retrying)])]);
      case 'retrying':
        return retrying;
      case 'sent':
        return eb('status', 'in', ['sent', 'done']);
      default:
        return eb('status', '=', state);
    }
  };
}

/** Each family's result in the order queued (keyset by message id), optionally of one state. */
export async function bulkResults(ctx: AppContext, principal: StaffPrincipal, id: string, query: BulkResultsQuery): Promise<BulkResults> {
  await load(ctx, principal, id);
  const cursor = decodeCursor(query.cursor);
  let select = ctx.db.selectFrom('outbox_messages').selectAll().where('about_type', '=', ABOUT).where('about_id', '=', id);
  if (cursor) select = select.where('id', '>', cursor);
  if (query.state) select = select.where(whereState(query.state));
  const rows = await select
    .orderBy('id')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  // The registry's public read (areas meet only through index.ts), not its table.
  const summaries = await familySummaries(
    ctx.db,
    page.map((row) => row.recipient_id).filter((x): x is string => x !== null),
  );
  return {
    items: page.map((row) => {
      const state = messageState({ status: row.status, attempts: row.attempts, lastError: row.last_error });
      return {
        messageId: row.id,
        familyId: row.recipient_id,
        reference: row.recipient_id ? (summaries.get(row.recipient_id)?.reference ?? null) : null,
        channel: row.channel as DeliveryChannel,
        state,
        reason: state === 'sent' || state === 'delivered' ? null : row.last_error,
        sentAt: row.sent_at,
      };
    }),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

// ---- the background job ----

interface Tally {
  processed: number;
  queued: number;
  skipped_consent: number;
  skipped_no_channel: number;
  skipped_paper: number;
  paper: number;
}

/** One batch of one send: the families after its cursor, their messages, the new cursor and counters, one transaction. */
async function runBatch(ctx: AppContext, send: BulkSendTable, batch: number): Promise<'more' | 'finished' | 'stopped'> {
  const audience = { ...audienceOf(send), scope: JSON.parse(send.scope) as StaffScope };
  const definition = EVENTS[send.event as keyof typeof EVENTS];
  return ctx.db.transaction().execute(async (trx) => {
    // Cancelled meanwhile (or taken by another runner): stop without writing.
    const current = await trx.selectFrom('bulk_sends').select(['status', 'cursor']).where('id', '=', send.id).executeTakeFirst();
    if (current?.status !== 'running' || current.cursor !== send.cursor) return 'stopped';
    const families = await audiencePage(ctx, trx, audience, send.cursor, batch);
    const now = ctx.clock.now().toISOString();
    if (!families.length) {
      await trx
        .updateTable('bulk_sends')
        .set({ status: 'finished', finished_at: now, updated_at: now })
        .where('id', '=', send.id)
        .execute();
      return 'finished';
    }
    const tally: Tally = { processed: 0, queued: 0, skipped_consent: 0, skipped_no_channel: 0, skipped_paper: 0, paper: 0 };
    const purpose = definition.consentPurpose ?? 'service';
    const event = send.event as NotificationEvent;
    const dedupeKeyOf = (familyId: string) => `bulk:${send.id}:${familyId}`;
    // Issue 20 "per-batch reads": settings, templates, contacts, consents and earlier messages once for
    // the batch; each family's consent is then decided once, by the outbox, from what was read (F2).
    const ids = families.map((family) => family.id);
    const reads = await readForBatch(trx, ctx, { event, familyIds: ids, dedupeKeys: ids.map(dedupeKeyOf) });
    // Another area's send: it gives each family's payload and hears each outcome, in this transaction.
    const owned = isOwned(send.event)
      ? await ctx.hooks.provider(bulkPayloads, send.event).prepare(trx, ctx, { id: send.id, event: send.event }, families, reads.contacts)
      : null;
    const outcomes = new Map<string, FamilyOutcome>();
    for (const family of families) {
      const payload = owned?.payloads.get(family.id);
      if (owned && (!payload || 'notAsked' in payload)) {
        tally.processed += 1;
        continue;
      }
      const isPaper = PAPER_CHANNELS.includes(family.agreedChannel);
      // Never consented to this purpose: the outbox records the family skipped (below), no link needed.
      const withdrawPath = consentWithdrawalPathOf(ctx.keys, reads.consents.get(family.id), purpose) ?? '/consent';
      const [message] = await enqueueMessage(
        trx,
        ctx,
        {
          event,
          recipient: { kind: 'family', familyId: family.id },
          params:
            payload && 'params' in payload
              ? { ...payload.params, withdrawLink: withdrawPath }
              : { text: send.text_ar, withdrawLink: withdrawPath },
          ...(payload && 'params' in payload && payload.expiresAt ? { expiresAt: payload.expiresAt } : {}),
          dedupeKey: dedupeKeyOf(family.id),
          about: { type: ABOUT, id: send.id },
          ...(isPaper && send.include_paper !== 1 ? { skipReason: 'bulk.paper-not-included' } : {}),
          actor: { kind: 'system', id: null },
        },
        reads,
      );
      tally.processed += 1;
      if (message)
        outcomes.set(family.id, { messageId: message.id, status: message.status, reason: message.reason, channel: message.channel });
      if (message?.status === 'skipped') {
        if (message.reason === 'bulk.paper-not-included') tally.skipped_paper += 1;
        else if (message.reason?.startsWith('consent.')) tally.skipped_consent += 1;
        else tally.skipped_no_channel += 1;
      } else if (message?.status === 'failed') tally.skipped_no_channel += 1;
      else if (isPaper) tally.paper += 1;
      else tally.queued += 1;
    }
    await owned?.settle(outcomes);
    await trx
      .updateTable('bulk_sends')
      .set((eb) => ({
        cursor: families.at(-1)?.id ?? send.cursor,
        processed: eb('processed', '+', tally.processed),
        queued: eb('queued', '+', tally.queued),
        skipped_consent: eb('skipped_consent', '+', tally.skipped_consent),
        skipped_no_channel: eb('skipped_no_channel', '+', tally.skipped_no_channel),
        skipped_paper: eb('skipped_paper', '+', tally.skipped_paper),
        paper: eb('paper', '+', tally.paper),
        updated_at: now,
      }))
      .where('id', '=', send.id)
      .execute();
    return 'more';
  });
}

/**
 * The job: starts sends whose time has come, and works through running ones for at most `budgetMs`
 * (it runs every few seconds under the scheduler's lease). Returns the families worked through.
 */
export async function runBulkSends(
  ctx: AppContext,
  {
    budgetMs = 4_000,
    batch = BATCH,
    maxBatches = Number.POSITIVE_INFINITY,
  }: { budgetMs?: number; batch?: number; maxBatches?: number } = {},
): Promise<number> {
  const started = Date.now();
  const now = ctx.clock.now().toISOString();
  await ctx.db
    .updateTable('bulk_sends')
    .set({ status: 'running', started_at: now, updated_at: now })
    .where('status', '=', 'scheduled')
    .where('scheduled_at', '<=', now)
    .execute();
  let processed = 0;
  let batches = 0;
  const running = await ctx.db.selectFrom('bulk_sends').selectAll().where('status', '=', 'running').orderBy('scheduled_at').execute();
  for (const first of running) {
    let send: BulkSendTable | undefined = first;
    while (send && Date.now() - started < budgetMs && batches < maxBatches) {
      const before = send.processed;
      batches += 1;
      const outcome = await runBatch(ctx, send, batch);
      if (outcome !== 'more') break;
      // On SQLite every statement is synchronous, so a run of batches never gives the event loop a
      // turn: HTTP requests, the dispatcher (a sign-in code) and every timer waited for the whole
      // budget (4 s; bench/bulk-send.ts). Between batches they get their turn.
      await setImmediate();
      send = await ctx.db.selectFrom('bulk_sends').selectAll().where('id', '=', send.id).executeTakeFirst();
      processed += (send?.processed ?? before) - before;
    }
  }
  return processed;
}
