import type {
  DeliveryChannel,
  MessagePriority,
  MessageStatus,
  OutboxItem,
  OutboxListQuery,
  OutboxMessage,
} from '../../contracts/notifications.js';
import { isInScope, isUnrestricted } from '../../domain/scope.js';
import type { AppContext } from '../../platform/context.js';
import type { OutboxMessageTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { uuidv7 } from '../../platform/ids.js';
import { configuredChannels } from '../../platform/transports/index.js';
import { recordAudit } from '../audit/index.js';
import { type FamilyContact, familyContact } from '../families/index.js';
import { staffNames } from '../staff/index.js';
import { UNLISTED_EVENTS } from './notifications.events.js';
import { canSeeFullAddress } from './notifications.policy.js';
import { type ContactChannel, familyAddress, initialStatus, outboxAad } from './outbox.enqueue.js';
import * as repo from './outbox.repo.js';
import { resolveLinks } from './templates.render.js';

/**
 * The outbox seen by people (issue 4 §5, §9): the administrator's page (filter, retry, cancel),
 * and what the staff tasks and the staff inbox share: presenting, scope, guarded transitions.
 * One-time codes are never shown to anyone (404, and absent from every list).
 */
type Sealed = 'address' | 'subject' | 'body' | 'outcome_note';

export const actorOf = (principal: StaffPrincipal) => ({ kind: 'staff' as const, id: principal.userId });

/** A sealed column in clear, its links as they are (or will be) sent (issue 20 §6). */
export function openSealed(ctx: AppContext, row: OutboxMessageTable, column: Sealed): string | null {
  const value = row[column];
  return value === null ? null : resolveLinks(ctx.keys.encryptor.decrypt(value, outboxAad(row.id, column)), ctx.config.publicUrl ?? '');
}

/** +966551234567 → +9665•••••567; fatima@example.org → f•••@example.org; a postal address → •••. */
export function maskAddress(address: string | null): string | null {
  if (!address) return null;
  if (/^\+\d{7,}$/.test(address)) return `${address.slice(0, 5)}•••••${address.slice(-3)}`;
  const at = address.indexOf('@');
  if (at > 0) return `${address[0]}•••${address.slice(at)}`;
  return '•••';
}

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  if (!/^[0-9a-f-]{36}$/.test(cursor))
    throw AppError.badRequest('request.invalid', 'Bad cursor', [{ pointer: '/cursor', code: 'field.invalid', detail: 'Bad cursor' }]);
  return cursor;
}

interface Directory {
  families: Map<string, FamilyContact | null>;
  staff: Map<string, string>;
}

async function directoryFor(ctx: AppContext, rows: OutboxMessageTable[]): Promise<Directory> {
  const familyIds = [...new Set(rows.filter((r) => r.recipient_kind === 'family' && r.recipient_id).map((r) => r.recipient_id as string))];
  const staffIds = [...new Set(rows.filter((r) => r.recipient_kind === 'staff' && r.recipient_id).map((r) => r.recipient_id as string))];
  const families = new Map<string, FamilyContact | null>();
  for (const id of familyIds) families.set(id, await familyContact(ctx, id));
  return { families, staff: await staffNames(ctx.db, staffIds) };
}

/** Messages to families follow the caller's scope, like the registry (F2). */
function isVisible(principal: StaffPrincipal, row: OutboxMessageTable, directory: Directory): boolean {
  if (row.is_sensitive && UNLISTED_EVENTS.includes(row.event)) return false;
  if (row.recipient_kind !== 'family' || isUnrestricted(principal.scope)) return true;
  const contact = directory.families.get(row.recipient_id as string);
  return Boolean(contact && isInScope(principal.scope, contact.scope));
}

function presentItem(ctx: AppContext, row: OutboxMessageTable, directory: Directory, isAddressShown: boolean): OutboxItem {
  const family = row.recipient_kind === 'family' ? directory.families.get(row.recipient_id as string) : undefined;
  const address = openSealed(ctx, row, 'address');
  return {
    id: row.id,
    event: row.event,
    language: row.language === 'en' ? 'en' : 'ar',
    channel: row.channel as DeliveryChannel,
    status: row.status as MessageStatus,
    priority: row.priority as MessagePriority,
    recipient: {
      kind: row.recipient_kind as OutboxItem['recipient']['kind'],
      id: row.recipient_id,
      reference: family?.reference ?? null,
      name: family ? family.headNameAr : row.recipient_kind === 'staff' ? (directory.staff.get(row.recipient_id as string) ?? null) : null,
    },
    address: isAddressShown ? address : maskAddress(address),
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    sentAt: row.sent_at,
    deliveredAt: row.delivered_at,
    expiresAt: row.expires_at,
    about: row.about_type && row.about_id ? { type: row.about_type, id: row.about_id } : null,
    handledAt: row.handled_at,
    handledBy: row.handled_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function listPage(
  ctx: AppContext,
  principal: StaffPrincipal,
  filter: repo.MessageFilter,
  audit: { action: string; query: Record<string, unknown> },
) {
  const rows = await repo.listMessages(ctx.db, { ...filter, limit: filter.limit + 1 });
  const page = rows.slice(0, filter.limit);
  const directory = await directoryFor(ctx, page);
  // Out-of-scope rows are dropped after paging: a page may hold fewer items, never others' messages.
  const items = page.filter((row) => isVisible(principal, row, directory)).map((row) => presentItem(ctx, row, directory, false));
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: actorOf(principal),
    action: audit.action,
    entity: 'outbox_message',
    details: { query: audit.query, ids: items.map((i) => i.id) },
  });
  return { items, nextCursor: rows.length > filter.limit ? (page.at(-1)?.id ?? null) : null };
}

/** The administrator's outbox page, newest first; addresses masked, no texts. */
export async function listOutbox(ctx: AppContext, principal: StaffPrincipal, query: OutboxListQuery) {
  const { cursor, limit, ...filters } = query;
  const page = await listPage(
    ctx,
    principal,
    {
      statuses: query.status ? [query.status] : undefined,
      channels: query.channel ? [query.channel] : undefined,
      event: query.event,
      cursor: decodeCursor(cursor),
      order: 'newest',
      limit,
    },
    { action: 'message.list', query: filters },
  );
  return { ...page, transports: configuredChannels(ctx.config.transports) };
}

export async function loadVisible(ctx: AppContext, principal: StaffPrincipal, id: string) {
  const row = await repo.findMessage(ctx.db, id);
  if (!row) throw AppError.notFound('message.not-found', 'No such message');
  const directory = await directoryFor(ctx, [row]);
  if (!isVisible(principal, row, directory)) throw AppError.notFound('message.not-found', 'No such message');
  return { row, directory };
}

async function presentMessage(
  ctx: AppContext,
  principal: StaffPrincipal,
  row: OutboxMessageTable,
  directory: Directory,
): Promise<OutboxMessage> {
  const attempts = await repo.attemptsOf(ctx.db, row.id);
  return {
    ...presentItem(ctx, row, directory, canSeeFullAddress(principal)),
    // A sensitive message's text (it carries a tracking code) is never shown.
    subject: row.is_sensitive ? null : openSealed(ctx, row, 'subject'),
    body: row.is_sensitive ? null : openSealed(ctx, row, 'body'),
    outcomeNote: openSealed(ctx, row, 'outcome_note'),
    attemptLog: attempts.map((a) => ({ attempt: a.attempt, at: a.at, outcome: a.outcome, errorCode: a.error_code })),
  };
}

/** One message with its text and attempts (what staff print or read out); the view is audited. */
export async function getMessage(ctx: AppContext, principal: StaffPrincipal, id: string): Promise<OutboxMessage> {
  const { row, directory } = await loadVisible(ctx, principal, id);
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: actorOf(principal),
    action: 'message.view',
    entity: 'outbox_message',
    entityId: id,
  });
  return presentMessage(ctx, principal, row, directory);
}

/**
 * Applies a change to a message only if it is still in one of `from` (two people acting at once:
 * the second gets 409), audits it, and answers with the message as it now is.
 */
export async function transition(
  ctx: AppContext,
  principal: StaffPrincipal,
  row: OutboxMessageTable,
  directory: Directory,
  {
    from,
    patch,
    action,
    attempt,
    details,
  }: {
    from: readonly MessageStatus[];
    patch: Partial<OutboxMessageTable>;
    action: string;
    attempt?: { outcome: string; errorCode: string | null };
    details?: Record<string, unknown>;
  },
): Promise<OutboxMessage> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('outbox_messages')
      .set({ ...patch, updated_at: now.toISOString() })
      .where('id', '=', row.id)
      .where('status', 'in', from)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw AppError.conflict('message.wrong-status', `The message is ${row.status}`);
    if (attempt) {
      await trx
        .insertInto('outbox_attempts')
        .values({
          id: uuidv7(now.getTime()),
          message_id: row.id,
          attempt: patch.attempts ?? row.attempts,
          at: now.toISOString(),
          outcome: attempt.outcome,
          error_code: attempt.errorCode,
        })
        .execute();
    }
    await recordAudit(trx, { at: now, actor: actorOf(principal), action, entity: 'outbox_message', entityId: row.id, details });
  });
  const updated = (await repo.findMessage(ctx.db, row.id)) as OutboxMessageTable;
  return presentMessage(ctx, principal, updated, directory);
}

export function assertStatus(row: OutboxMessageTable, allowed: readonly MessageStatus[]): void {
  if (!allowed.includes(row.status as MessageStatus)) throw AppError.conflict('message.wrong-status', `The message is ${row.status}`);
}

/**
 * Sends a failed message again from a fresh schedule. A message that failed for want of an
 * address takes the family's current one (after staff corrected it).
 */
export async function retryMessage(ctx: AppContext, principal: StaffPrincipal, id: string): Promise<OutboxMessage> {
  const { row, directory } = await loadVisible(ctx, principal, id);
  assertStatus(row, ['failed']);
  if (row.body === null) {
    // Erased when it failed (sensitive): the module that sent it sends a new one instead.
    throw AppError.conflict('message.erased', 'This message’s text was erased when it failed; send a new one from its record');
  }
  const channel = row.channel as DeliveryChannel;
  const patch: Partial<OutboxMessageTable> = {
    status: initialStatus(channel),
    attempts: 0,
    next_attempt_at: initialStatus(channel) === 'pending' ? ctx.clock.now().toISOString() : null,
    last_error: null,
    claimed_at: null,
  };
  if (row.recipient_kind === 'family' && channel !== 'staff-app') {
    const contact = directory.families.get(row.recipient_id as string);
    const address = contact ? familyAddress(contact, channel as ContactChannel) : null;
    if (address) patch.address = ctx.keys.encryptor.encrypt(address, outboxAad(row.id, 'address'));
  }
  if (channel !== 'letter' && channel !== 'staff-app' && !patch.address && !row.address) {
    throw AppError.conflict('message.no-address', 'The recipient has no address on this channel; correct it first');
  }
  return transition(ctx, principal, row, directory, { from: ['failed'], patch, action: 'message.retry' });
}

export async function cancelMessage(ctx: AppContext, principal: StaffPrincipal, id: string): Promise<OutboxMessage> {
  const { row, directory } = await loadVisible(ctx, principal, id);
  const from: MessageStatus[] = ['pending', 'failed', 'waiting-staff'];
  assertStatus(row, from);
  return transition(ctx, principal, row, directory, {
    from,
    patch: { status: 'cancelled', next_attempt_at: null },
    action: 'message.cancel',
  });
}
