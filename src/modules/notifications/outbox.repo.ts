import type { Kysely } from 'kysely';
import type { DeliveryChannel, MessageStatus } from '../../contracts/notifications.js';
import type { Database, OutboxMessageTable } from '../../platform/db/schema.js';
import { UNLISTED_EVENTS } from './notifications.events.js';

type Db = Kysely<Database>;

export async function insertMessage(db: Db, row: OutboxMessageTable): Promise<boolean> {
  const result = await db
    .insertInto('outbox_messages')
    .values(row)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function findMessage(db: Db, id: string): Promise<OutboxMessageTable | undefined> {
  return db.selectFrom('outbox_messages').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findByDedupeKey(db: Db, key: string): Promise<OutboxMessageTable | undefined> {
  return db.selectFrom('outbox_messages').selectAll().where('dedupe_key', '=', key).executeTakeFirst();
}

/** The messages already written under any of `keys` (a replayed bulk-send batch), in one read. */
export async function findByDedupeKeys(db: Db, keys: readonly string[]) {
  if (!keys.length) return [];
  return db
    .selectFrom('outbox_messages')
    .select(['id', 'channel', 'status', 'last_error', 'dedupe_key'])
    .where('dedupe_key', 'in', [...keys])
    .execute();
}

export interface MessageFilter {
  statuses?: readonly MessageStatus[];
  channels?: readonly DeliveryChannel[];
  event?: string;
  recipient?: { kind: string; id: string };
  isUnreadOnly?: boolean;
  /** Keyset: ids before this one (newest first) or after it (oldest first). */
  cursor?: string;
  order: 'newest' | 'oldest';
  limit: number;
}

/** One-time codes are never listed, whoever asks (UNLISTED_EVENTS). */
export async function listMessages(db: Db, filter: MessageFilter): Promise<OutboxMessageTable[]> {
  let query = db
    .selectFrom('outbox_messages')
    .selectAll()
    .where((eb) => eb.or([eb('is_sensitive', '=', 0), eb('event', 'not in', UNLISTED_EVENTS)]));
  if (filter.statuses?.length) query = query.where('status', 'in', filter.statuses);
  if (filter.channels?.length) query = query.where('channel', 'in', filter.channels);
  if (filter.event) query = query.where('event', '=', filter.event);
  if (filter.recipient) query = query.where('recipient_kind', '=', filter.recipient.kind).where('recipient_id', '=', filter.recipient.id);
  if (filter.isUnreadOnly) query = query.where('read_at', 'is', null);
  if (filter.cursor) query = query.where('id', filter.order === 'newest' ? '<' : '>', filter.cursor);
  return query
    .orderBy('id', filter.order === 'newest' ? 'desc' : 'asc')
    .limit(filter.limit)
    .execute();
}

export async function countUnread(db: Db, recipient: { kind: string; id: string }): Promise<number> {
  const row = await db
    .selectFrom('outbox_messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('recipient_kind', '=', recipient.kind)
    .where('recipient_id', '=', recipient.id)
    .where('channel', '=', 'staff-app')
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function attemptsOf(db: Db, messageId: string) {
  return db
    .selectFrom('outbox_attempts')
    .selectAll()
    .where('message_id', '=', messageId)
    .orderBy('at')
    .orderBy('attempt')
    .orderBy('id')
    .execute();
}
