import type { Kysely } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { hasMessageAbout, type MessageSent, TOLD_STATUSES } from '../notifications/index.js';
import { move } from './requests.core.js';

/**
 * C5, C6 (issue 20 §5): a decided request is `notified` — the reply the policy asks for has reached
 * the family, and the working-day clock stops — when the decision's message is sent: accepted by a
 * transport, its letter marked sent, its call marked reached. The outbox says so (`messageSent`,
 * subscribed in the requests area's `wire`); a periodic catch-up repairs a missed event (a crash
 * between the send and the move). Until then the request shows "decided — message queued".
 */
const SYSTEM = { kind: 'system' as const, id: null };
const DECIDED_EVENT = 'request.decided' as const;
const BATCH = 200;

/** `decided → notified` if the request still waits for it; a second call does nothing. */
async function markTold(ctx: AppContext, requestId: string): Promise<boolean> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('requests').select('status').where('id', '=', requestId).executeTakeFirst();
    if (row?.status !== 'decided') return false;
    await move(trx, ctx, SYSTEM, requestId, 'notify');
    return true;
  });
}

export async function onMessageSent(ctx: AppContext, sent: MessageSent): Promise<void> {
  if (sent.event !== DECIDED_EVENT || sent.about?.type !== 'request') return;
  await markTold(ctx, sent.about.id);
}

/**
 * The catch-up (review of issue 20 §5): decided requests whose decision message was sent while the
 * event was missed. It reads only requests still `decided` (the `requests_status_deadline` range)
 * that have a sent decision message (one probe of the outbox's `about` index each), at most BATCH a
 * run: its cost follows the few requests waiting to be told, never the history of notified ones.
 * A request whose message is queued or failed stays out of it until the message is sent.
 */
export async function catchUpToldDecisions(ctx: AppContext): Promise<number> {
  const rows = await missedDecisions(ctx.db).execute();
  let moved = 0;
  for (const { id } of rows) if (await markTold(ctx, id)) moved += 1;
  return moved;
}

/** Decided requests whose decision message is sent (the catch-up's one query; a test reads its plan). */
export function missedDecisions(db: Kysely<Database>) {
  return (
    db
      .selectFrom('requests')
      .select('requests.id')
      .where('requests.status', '=', 'decided')
      .where((eb) => hasMessageAbout(eb, { type: 'request', idColumn: 'requests.id', event: DECIDED_EVENT, statuses: TOLD_STATUSES }))
      // The index's own order (status, deadline_day, id): the most urgent first, no sort.
      .orderBy('requests.deadline_day')
      .orderBy('requests.id')
      .limit(BATCH)
  );
}
