import { MESSAGE_PRIORITIES, type MessagePriority } from '../../contracts/notifications.js';

/**
 * The pure rules of the dispatcher's queues (issue 20 §1, C5, G3; ARCHITECTURE.md "Notifications":
 * codes never wait behind bulk messages and are not sent past expiry). No I/O: the dispatcher asks
 * the database for each channel's due messages in this order and follows the plan made here.
 */

/** Codes, then transactional, then bulk: the order the dispatcher empties a channel's queues in. */
export const HAND_OFF_ORDER: readonly MessagePriority[] = MESSAGE_PRIORITIES;

/**
 * A code is handed over only if it stays valid this long afterwards: the SMS must arrive and the
 * family type it. One that would not is marked `code.expired-unsent` instead of being sent late.
 */
export const CODE_MIN_LIFE_MS = 30_000;

/** The stored `last_error` of a message that expired before it could be handed over. */
export function expiredUnsentError(priority: string): 'code.expired-unsent' | 'message.expired' {
  return priority === 'code' ? 'code.expired-unsent' : 'message.expired';
}

export interface DueMessage {
  id: string;
  priority: string;
  next_attempt_at: string | null;
  expires_at: string | null;
}

/** Sorts due messages as the dispatcher hands them over: priority, then oldest due, then oldest id. */
export function compareForHandOff(a: DueMessage, b: DueMessage): number {
  const rank = (m: DueMessage) => {
    const index = HAND_OFF_ORDER.indexOf(m.priority as MessagePriority);
    return index < 0 ? HAND_OFF_ORDER.length : index;
  };
  return rank(a) - rank(b) || (a.next_attempt_at ?? '').localeCompare(b.next_attempt_at ?? '') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Milliseconds between two hand-offs to a transport allowed `rate` messages a second. */
export function spacingMs(rate: number): number {
  return 1000 / Math.max(1, rate);
}

/** How many messages a channel's queue reads at once: about a second's worth, so a new code waits ≤ ~1 s. */
export function batchSize(rate: number): number {
  return Math.max(1, Math.floor(rate));
}

export type HandOff<T> = { message: T; action: 'send'; at: number } | { message: T; action: 'expire' };

/**
 * Plans a batch already in hand-off order: the n-th message to send is expected at `now` + n
 * spacings (the rate allows no sooner), and a message with an expiry that would leave it less than
 * CODE_MIN_LIFE_MS by then is expired instead (it takes no slot).
 * @example planHandOff([code, acknowledgement], { now: Date.now(), spacing: spacingMs(10) })
 */
export function planHandOff<T extends DueMessage>(
  messages: readonly T[],
  { now, spacing }: { now: number; spacing: number },
): HandOff<T>[] {
  let slot = now;
  return messages.map((message) => {
    if (message.expires_at !== null && Date.parse(message.expires_at) - slot < CODE_MIN_LIFE_MS) return { message, action: 'expire' };
    const at = slot;
    slot += spacing;
    return { message, action: 'send', at };
  });
}
