import type { AppContext } from '../../platform/context.js';
import { uuidv7 } from '../../platform/ids.js';
import type { DeliveryReport, TransportChannel } from '../../platform/transports/index.js';

/**
 * Delivery reports (issue 20 §5, C5): a transport tells us, after accepting a message, whether it
 * reached the phone. The report names the message by the id the provider gave it when it accepted
 * it (`provider_id`, kept by the dispatcher).
 *
 * - `delivered` (WhatsApp's `read` too) moves a `sent` message to `delivered` with `delivered_at`;
 * - `failed` moves a `sent` message to `failed` with the provider's reason code (an administrator
 *   may retry it); a request already told stays told — its page shows the failed message;
 * - `sent` says nothing new. Anything else is left as it is: reports come again (providers retry)
 *   and out of order (a late `sent` after `delivered`), so applying one twice changes nothing.
 * - A report for an id we do not know (another system's message on the same account, or one that
 *   arrives before the send's answer was recorded) is ignored.
 */
export type ReportOutcome = 'delivered' | 'failed' | 'unchanged' | 'unknown';

export async function applyDeliveryReport(ctx: AppContext, channel: TransportChannel, report: DeliveryReport): Promise<ReportOutcome> {
  return ctx.db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('outbox_messages')
      .select(['id', 'status', 'attempts'])
      .where('channel', '=', channel)
      .where('provider_id', '=', report.providerId)
      .execute();
    if (!rows.length) return 'unknown';
    if (report.status === 'sent') return 'unchanged';
    const now = ctx.clock.now();
    const at = now.toISOString();
    let outcome: ReportOutcome = 'unchanged';
    for (const row of rows) {
      const patch =
        report.status === 'delivered'
          ? { status: 'delivered', delivered_at: at, updated_at: at }
          : { status: 'failed', last_error: report.reason ?? 'delivery.failed', next_attempt_at: null, updated_at: at };
      const result = await trx
        .updateTable('outbox_messages')
        .set(patch)
        .where('id', '=', row.id)
        .where('status', '=', 'sent')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) continue;
      outcome = report.status;
      // The message's history (outbox page) shows the report as a step of its last attempt.
      await trx
        .insertInto('outbox_attempts')
        .values({
          id: uuidv7(now.getTime()),
          message_id: row.id,
          attempt: Math.max(1, row.attempts),
          at,
          outcome: report.status === 'delivered' ? 'delivered' : 'report-failed',
          error_code: report.status === 'failed' ? (report.reason ?? 'delivery.failed') : null,
        })
        .execute();
    }
    return outcome;
  });
}
