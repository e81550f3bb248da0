import { toHijriString } from '../../domain/dates.js';
import type { AppContext } from '../../platform/context.js';
import type { Job } from '../../platform/scheduler.js';
import { recordAudit } from '../audit/index.js';
import { markClockEventHandled, pendingClockEvents } from '../calendar/index.js';
import { enqueueMessage } from '../notifications/index.js';

/**
 * D4, issue 23 §3: each negotiation round has a deadline on the working-day clock; its warning and
 * breach events tell whoever made the offer (the staff concerned never hear of a case, §6 — they
 * never make offers either). Each event is handled once, in one transaction with its message.
 */
const SYSTEM = { kind: 'system' as const, id: null };

export async function handleRoundClockEvents(ctx: AppContext): Promise<{ warnings: number; breaches: number }> {
  let warnings = 0;
  let breaches = 0;
  for (const event of await pendingClockEvents(ctx, 200, ctx.db, 'compensation-round')) {
    await ctx.db.transaction().execute(async (trx) => {
      if (!(await markClockEventHandled(trx, ctx, event.id))) return;
      const round = await trx
        .selectFrom('compensation_rounds as r')
        .innerJoin('compensation_cases as c', 'c.id', 'r.case_id')
        .select(['r.id', 'r.offered_by', 'r.answer', 'c.id as case_id', 'c.reference', 'c.status'])
        .where('r.id', '=', event.clock.ownerId)
        .executeTakeFirst();
      // Only a live negotiation's unanswered offer is worth a reminder (a withdrawn case's is not).
      if (round?.answer !== 'pending' || round.status !== 'negotiating') return;
      if (event.kind === 'breach') breaches += 1;
      else warnings += 1;
      await enqueueMessage(trx, ctx, {
        event: 'compensation.round-due',
        recipient: { kind: 'staff', staffId: round.offered_by },
        params: { reference: round.reference, deadline: `${toHijriString(event.clock.deadline)} — ${event.clock.deadline}` },
        about: { type: 'compensation-case', id: round.case_id },
        dedupeKey: `compensation-round:${round.id}:${event.id}`,
        actor: SYSTEM,
      });
      await recordAudit(trx, {
        at: ctx.clock.now(),
        actor: SYSTEM,
        action: `compensation.round-${event.kind === 'breach' ? 'overdue' : 'warning'}`,
        entity: 'compensation-case',
        entityId: round.case_id,
        details: { roundId: round.id },
      });
    });
  }
  return { warnings, breaches };
}

export function compensationJobs(ctx: AppContext): Job[] {
  return [{ name: 'compensation-round-clocks', intervalMs: 60_000, run: () => handleRoundClockEvents(ctx) }];
}
