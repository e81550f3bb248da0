import type { AppContext } from '../../platform/context.js';
import type { Job } from '../../platform/scheduler.js';
import { dispatchDue } from './outbox.dispatcher.js';

/**
 * The outbox dispatcher runs every few seconds on the instance holding its lease (one-time codes
 * must arrive while the family waits at the sign-in page).
 */
export function notificationJobs(ctx: AppContext): Job[] {
  return [{ name: 'outbox-dispatcher', intervalMs: 5000, run: () => dispatchDue(ctx) }];
}
