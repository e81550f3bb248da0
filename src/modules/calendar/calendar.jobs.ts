import type { AppContext } from '../../platform/context.js';
import type { Job } from '../../platform/scheduler.js';
import { checkClocks } from './clocks.service.js';

/**
 * Clock events within a minute of their moment (issue 4 §4), and clocks a concurrent holiday edit
 * could not see brought up to date in the same pass.
 */
export function calendarJobs(ctx: AppContext): Job[] {
  return [{ name: 'calendar-clocks', intervalMs: 60_000, run: (now) => checkClocks(ctx, now) }];
}
