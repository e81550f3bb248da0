import type { Kysely } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { uuidv7 } from '../../platform/ids.js';
import type { OwnedBulkProgress, OwnedBulkSend } from './bulk-send.payloads.js';
import { bulkCounts, stopSend } from './bulk-send.service.js';

/**
 * The engine's face for sends another area owns (issue 24 §3: survey campaigns). The owner checks
 * who may do what and counts the audience before its transaction (on SQLite a count through the pool
 * would wait for the transaction it runs in); the engine keeps the schedule, batches and counters.
 */
type Db = Kysely<Database>;

/** Records the send in the owner's transaction; the bulk-sends job starts it at `scheduledAt`. */
export async function startOwnedBulkSend(trx: Db, ctx: AppContext, send: OwnedBulkSend, total: number): Promise<string> {
  const now = ctx.clock.now();
  const id = uuidv7(now.getTime());
  await trx
    .insertInto('bulk_sends')
    .values({
      id,
      idempotency_key: send.idempotencyKey,
      name: send.name,
      event: send.event,
      audience: JSON.stringify(send.audience),
      scope: JSON.stringify(send.scope),
      // The owner's payload replaces the text (the event's template names its own placeholders).
      text_ar: '',
      include_paper: send.includePaper ? 1 : 0,
      status: 'scheduled',
      scheduled_at: new Date(Math.max(send.scheduledAt.getTime(), now.getTime())).toISOString(),
      started_at: null,
      finished_at: null,
      cancelled_at: null,
      cancelled_by: null,
      cursor: null,
      total,
      processed: 0,
      queued: 0,
      skipped_consent: 0,
      skipped_no_channel: 0,
      skipped_paper: 0,
      paper: 0,
      created_by: send.createdBy,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .execute();
  return id;
}

/** The status and counters of owned sends, by id (a list page reads them in one query). */
export async function ownedBulkProgress(db: Db, ids: readonly string[]): Promise<Map<string, OwnedBulkProgress>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('bulk_sends').selectAll().where('id', 'in', ids).execute();
  return new Map(
    rows.map((row) => [
      row.id,
      {
        status: row.status as OwnedBulkProgress['status'],
        counts: bulkCounts(row),
      },
    ]),
  );
}

/**
 * Stops an owned send in the owner's transaction: messages not yet handed to a transport are withdrawn,
 * and `withdrawn` names their families (so the owner can say they were not asked).
 */
export async function stopOwnedBulkSend(
  trx: Db,
  ctx: AppContext,
  id: string,
  userId: string,
): Promise<{ isStopped: boolean; withdrawn: string[] }> {
  return stopSend(trx, ctx, id, userId);
}
