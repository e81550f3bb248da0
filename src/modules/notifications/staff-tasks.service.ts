import type { CallOutcomeBody, MessageStatus, OutboxMessage, TasksQuery } from '../../contracts/notifications.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { outboxAad } from './outbox.enqueue.js';
import { assertStatus, decodeCursor, listPage, loadVisible, transition } from './outbox.service.js';
import { announceSent } from './outbox.states.js';

/**
 * Letters, faxes and calls are work for staff (issue 4 §6): a print queue and a call list, oldest
 * first; staff mark a letter or fax sent, or record how a call went. Scope applies as everywhere.
 */

/** The print queue (letters, faxes) and call tasks, oldest first. */
export async function listStaffTasks(ctx: AppContext, principal: StaffPrincipal, query: TasksQuery) {
  return listPage(
    ctx,
    principal,
    {
      statuses: ['waiting-staff'],
      channels: query.channel ? [query.channel] : ['letter', 'fax', 'phone-call'],
      cursor: decodeCursor(query.cursor),
      order: 'oldest',
      limit: query.limit,
    },
    { action: 'message.tasks', query: { channel: query.channel ?? null } },
  );
}

const sealNote = (ctx: AppContext, id: string, note: string | undefined) =>
  note ? ctx.keys.encryptor.encrypt(note, outboxAad(id, 'outcome_note')) : null;

/** A letter or fax printed and sent (issue 4 §6): staff mark it so. */
export async function markLetterSent(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  body: { note?: string },
): Promise<OutboxMessage> {
  const { row, directory } = await loadVisible(ctx, principal, id);
  if (row.channel !== 'letter' && row.channel !== 'fax')
    throw AppError.conflict('message.not-a-letter', 'Only letters and faxes are marked sent');
  assertStatus(row, ['waiting-staff']);
  const now = ctx.clock.now().toISOString();
  const message = await transition(ctx, principal, row, directory, {
    from: ['waiting-staff'],
    patch: {
      status: 'sent',
      sent_at: now,
      handled_by: principal.userId,
      handled_at: now,
      attempts: row.attempts + 1,
      outcome_note: sealNote(ctx, row.id, body.note),
    },
    action: 'message.mark-sent',
    attempt: { outcome: 'sent', errorCode: null },
  });
  // Issue 20 §5: a letter tells the family once it is sent (C6 stops then for a decision).
  await announceSent(ctx, [row], now);
  return message;
}

/**
 * A call made by staff (issue 4 §6): reached closes the task as told (`done`, sent); no answer
 * keeps it open for another try; a wrong number fails it until the family's number is corrected.
 * Any other outcome closes the task without telling the family (issue 20 §5, C5): the message is
 * `failed` with `call.other` as its reason, never shown as sent (an administrator may retry it).
 */
const CALL_RESULTS: Record<CallOutcomeBody['outcome'], { status: MessageStatus; lastError: string | null }> = {
  reached: { status: 'done', lastError: null },
  'no-answer': { status: 'waiting-staff', lastError: 'call.no-answer' },
  'wrong-number': { status: 'failed', lastError: 'call.wrong-number' },
  other: { status: 'failed', lastError: 'call.other' },
};

export async function recordCall(ctx: AppContext, principal: StaffPrincipal, id: string, body: CallOutcomeBody): Promise<OutboxMessage> {
  const { row, directory } = await loadVisible(ctx, principal, id);
  if (row.channel !== 'phone-call') throw AppError.conflict('message.not-a-call', 'Only calls have an outcome');
  assertStatus(row, ['waiting-staff']);
  const now = ctx.clock.now().toISOString();
  const { status, lastError } = CALL_RESULTS[body.outcome];
  const message = await transition(ctx, principal, row, directory, {
    from: ['waiting-staff'],
    patch: {
      status,
      handled_by: principal.userId,
      handled_at: now,
      attempts: row.attempts + 1,
      last_error: lastError,
      outcome_note: sealNote(ctx, row.id, body.note) ?? row.outcome_note,
      ...(status === 'done' ? { sent_at: now } : {}),
    },
    action: 'message.call',
    attempt: { outcome: `call-${body.outcome}`, errorCode: null },
    details: { outcome: body.outcome },
  });
  // Issue 20 §5: a call tells the family once the family was reached.
  if (body.outcome === 'reached') await announceSent(ctx, [row], now);
  return message;
}
