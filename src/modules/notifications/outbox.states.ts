import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { CaseMessage, DeliveryChannel, NotificationEvent } from '../../contracts/notifications.js';
import { messageState } from '../../domain/message-state.js';
import type { AppContext } from '../../platform/context.js';
import type { Database, OutboxMessageTable } from '../../platform/db/schema.js';
import { defineEvent } from '../../platform/hooks.js';
import { UNLISTED_EVENTS } from './notifications.events.js';

/**
 * Telling the truth about messages (issue 20 §5, C5, C6). A case's page reads the states of the
 * messages about it here, and the areas whose clocks stop when a person is told (requests: the
 * decision, C6) subscribe to `messageSent` in their `wire` instead of assuming a queued message
 * reached anyone.
 */
type Db = Kysely<Database>;

export interface MessageSent {
  messageId: string;
  event: NotificationEvent;
  channel: DeliveryChannel;
  about: { type: string; id: string } | null;
  /** When the transport accepted it, staff marked the letter sent or the call reached. */
  sentAt: string;
}

/**
 * Emitted after the change that made a message `sent` (or `done`) has committed, so a subscriber's
 * failure never undoes a send the transport already accepted: a subscriber opens its own
 * transaction and must be idempotent (the event may come again after a restart, and a periodic
 * catch-up may have got there first).
 */
export const messageSent = defineEvent<MessageSent>('message.sent');

/** Tells the subscribers about messages that have just been sent; every one is told even if one fails. */
export async function announceSent(
  ctx: AppContext,
  rows: readonly Pick<OutboxMessageTable, 'id' | 'event' | 'channel' | 'about_type' | 'about_id'>[],
  sentAt: string,
) {
  let failure: unknown = null;
  for (const row of rows) {
    try {
      await ctx.hooks.emit(messageSent, {
        messageId: row.id,
        event: row.event as NotificationEvent,
        channel: row.channel as DeliveryChannel,
        about: row.about_type && row.about_id ? { type: row.about_type, id: row.about_id } : null,
        sentAt,
      });
    } catch (error) {
      failure ??= error;
    }
  }
  if (failure) throw failure;
}

/** A case's messages as its page shows them (issue 20 §5), oldest first; one-time codes are never listed. */
export function presentCaseMessage(row: OutboxMessageTable): CaseMessage {
  const state = messageState({ status: row.status, attempts: row.attempts, lastError: row.last_error });
  return {
    id: row.id,
    event: row.event,
    channel: row.channel as DeliveryChannel,
    state,
    reason: state === 'sent' || state === 'delivered' ? null : row.last_error,
    sentAt: row.sent_at,
    createdAt: row.created_at,
  };
}

/**
 * The messages about records of one type (e.g. `request`), by record id, oldest first; only the
 * family's and contacts' messages (staff notices are the staff's own), never one-time codes.
 * Optionally of some events only (e.g. the decision's).
 */
export async function messagesAbout(
  db: Db,
  about: { type: string; ids: readonly string[] },
  events?: readonly NotificationEvent[],
): Promise<Map<string, CaseMessage[]>> {
  const byId = new Map<string, CaseMessage[]>();
  if (!about.ids.length) return byId;
  let query = db
    .selectFrom('outbox_messages')
    .selectAll()
    .where('about_type', '=', about.type)
    .where('about_id', 'in', about.ids)
    .where('recipient_kind', '<>', 'staff')
    // A sensitive acknowledgement (it carries the tracking code) shows its state, never a one-time code.
    .where('event', 'not in', UNLISTED_EVENTS);
  if (events?.length) query = query.where('event', 'in', events);
  for (const row of await query.orderBy('id').execute()) {
    const list = byId.get(row.about_id as string) ?? [];
    list.push(presentCaseMessage(row));
    byId.set(row.about_id as string, list);
  }
  return byId;
}

/** Outbox statuses of a message that has left the association (C5, C6): `isTold` of their states. */
export const TOLD_STATUSES = ['sent', 'delivered', 'done'] as const;
/** Still on its way: waiting for its transport, in its hands, or waiting for staff to print or call. */
export const ON_THE_WAY_STATUSES = ['pending', 'sending', 'waiting-staff'] as const;

/**
 * A condition for another area's query on its own table: a message of `event` about the record whose
 * id is in `idColumn` (e.g. `requests.id`) exists, in one of `statuses` (and queued since
 * `createdSince`). One probe of the `outbox_messages_about` index per row, so an area can filter a
 * list or a catch-up by what became of its messages without reading the outbox's rows itself.
 */
export function hasMessageAbout(
  eb: ExpressionBuilder<Database, any>,
  about: { type: string; idColumn: string; event: NotificationEvent; statuses: readonly string[]; createdSince?: string },
): Expression<SqlBool> {
  let query = eb
    .selectFrom('outbox_messages as about_message')
    .select(sql<number>`1`.as('one'))
    .where('about_message.about_type', '=', about.type)
    .where('about_message.about_id', '=', sql.ref<string>(about.idColumn))
    .where('about_message.event', '=', about.event)
    .where('about_message.status', 'in', about.statuses);
  if (about.createdSince) query = query.where('about_message.created_at', '>=', about.createdSince);
  return eb.exists(query);
}
