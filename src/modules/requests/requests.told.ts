import { isTold } from '../../domain/message-state.js';
import type { AppContext } from '../../platform/context.js';
import { type MessageSent, messagesAbout } from '../notifications/index.js';
import { move } from './requests.core.js';

/**
 * C5, C6 (issue 20 §5): a decided request is `notified` — the reply the policy asks for has reached
 * the family, and the working-day clock stops — when the decision's message is sent: accepted by a
 * transport, its letter marked sent, its call marked reached. The outbox says so (`messageSent`,
 * subscribed in the requests area's `wire`); a periodic catch-up repairs a missed event (a crash
 * between the send and the move). Until then the request shows "decided — message queued".
 */
const SYSTEM = { kind: 'system' as const, id: null };
const DECIDED_EVENT = 'request.decided';
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

/** The catch-up: decided requests whose decision message was sent meanwhile (a few hundred at a time, oldest first). */
export async function catchUpToldDecisions(ctx: AppContext): Promise<number> {
  let moved = 0;
  let after = '';
  for (;;) {
    const rows = await ctx.db
      .selectFrom('requests')
      .select('id')
      .where('status', '=', 'decided')
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (!rows.length) return moved;
    const ids = rows.map((r) => r.id);
    const messages = await messagesAbout(ctx.db, { type: 'request', ids }, [DECIDED_EVENT]);
    for (const id of ids) if (messages.get(id)?.some((m) => isTold(m.state)) && (await markTold(ctx, id))) moved += 1;
    after = ids[ids.length - 1] as string;
  }
}
