/**
 * What happened to a message, in the words a case page and the public tracker use (issue 20 §5,
 * C5). The outbox keeps working statuses (`pending`, `sending`, `waiting-staff`…); people see one of
 * these states, and "the family was notified" only once a message is `sent` or `delivered`:
 * - `queued`: waiting for its transport (or, for a letter, fax or call, for staff);
 * - `sent`: accepted by a transport, a letter or fax marked printed and sent, a call marked reached;
 * - `delivered`: the transport reported it reached the phone or mailbox;
 * - `retrying`: the last attempt failed and another is planned;
 * - `failed`: given up (an administrator may retry once the cause is fixed);
 * - `skipped`: deliberately not sent (no consent for its purpose, no reachable channel), with why;
 * - `expired`: a one-time code past its lifetime; `cancelled`: withdrawn by an administrator.
 */
export const MESSAGE_STATES = ['queued', 'sent', 'delivered', 'retrying', 'failed', 'skipped', 'expired', 'cancelled'] as const;
export type MessageState = (typeof MESSAGE_STATES)[number];

export function messageState(message: { status: string; attempts: number; lastError: string | null }): MessageState {
  switch (message.status) {
    case 'sent':
    case 'done':
      return 'sent';
    case 'delivered':
      return 'delivered';
    case 'failed':
      return 'failed';
    case 'skipped':
      return 'skipped';
    case 'expired':
      return 'expired';
    case 'cancelled':
      return 'cancelled';
    case 'pending':
      // A message parked for a reason that is not a failed attempt (e.g. waiting for the public URL) is still queued.
      return message.attempts > 0 && message.lastError ? 'retrying' : 'queued';
    default:
      // `sending` (in a transport's hands right now) and `waiting-staff` (to print or call).
      return 'queued';
  }
}

/** Whether the person was told: the message left the association (C5, C6 stop at sending). */
export function isTold(state: MessageState): boolean {
  return state === 'sent' || state === 'delivered';
}
