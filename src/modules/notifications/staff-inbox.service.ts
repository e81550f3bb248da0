import type { StaffNotification } from '../../contracts/notifications.js';
import type { AppContext } from '../../platform/context.js';
import type { OutboxMessageTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { recordAudit } from '../audit/index.js';
import * as repo from './outbox.repo.js';
import { actorOf, decodeCursor, openSealed } from './outbox.service.js';

/**
 * Each staff member's messages in the staff app (ARCHITECTURE.md "Notifications": staff are
 * reached in the app, and by e-mail when they have an address). Only the recipient sees them.
 */

function presentStaffNotification(ctx: AppContext, row: OutboxMessageTable): StaffNotification {
  return {
    id: row.id,
    event: row.event,
    subject: openSealed(ctx, row, 'subject'),
    body: openSealed(ctx, row, 'body') ?? '',
    about: row.about_type && row.about_id ? { type: row.about_type, id: row.about_id } : null,
    createdAt: row.created_at,
    readAt: row.read_at,
  };
}

export async function listMyNotifications(
  ctx: AppContext,
  principal: StaffPrincipal,
  query: { isUnreadOnly: 'true' | 'false'; cursor?: string; limit: number },
) {
  const me = { kind: 'staff', id: principal.userId };
  const rows = await repo.listMessages(ctx.db, {
    recipient: me,
    channels: ['staff-app'],
    isUnreadOnly: query.isUnreadOnly === 'true',
    cursor: decodeCursor(query.cursor),
    order: 'newest',
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((row) => presentStaffNotification(ctx, row)),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
    unread: await repo.countUnread(ctx.db, me),
  };
}

export async function markNotificationRead(ctx: AppContext, principal: StaffPrincipal, id: string): Promise<StaffNotification> {
  const row = await repo.findMessage(ctx.db, id);
  // Someone else's message does not exist, as far as this caller knows.
  if (row?.channel !== 'staff-app' || row.recipient_kind !== 'staff' || row.recipient_id !== principal.userId) {
    throw AppError.notFound('message.not-found', 'No such message');
  }
  if (row.read_at) return presentStaffNotification(ctx, row);
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('outbox_messages')
      .set({ read_at: now, updated_at: now })
      .where('id', '=', id)
      .where('read_at', 'is', null)
      .execute();
    await recordAudit(trx, {
      at: ctx.clock.now(),
      actor: actorOf(principal),
      action: 'message.read',
      entity: 'outbox_message',
      entityId: id,
    });
  });
  return presentStaffNotification(ctx, { ...row, read_at: now });
}
