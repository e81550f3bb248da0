import type { AppContext } from '../../platform/context.js';
import type { Job } from '../../platform/scheduler.js';
import { runBulkSends } from './bulk-send.service.js';
import { dispatchDue } from './outbox.dispatcher.js';

/**
 * The outbox dispatcher runs every 2 seconds on the instance holding its lease (one-time codes
 * must arrive while the family waits at the sign-in page: issue 20 §1 asks ≤ 5 s behind any
 * backlog). A run lasts at most RUN_BUDGET_MS, well inside the lease (3 intervals + 5 s).
 */
export function notificationJobs(ctx: AppContext): Job[] {
  return [
    {
      name: 'outbox-dispatcher',
      intervalMs: 2000,
      run: async () => {
        const report = await dispatchDue(ctx);
        // The sends stand; the scheduler reports a subscriber's failure (issue 20 §5).
        if (report.subscriberFailures.length) throw new AggregateError(report.subscriberFailures, 'A message.sent subscriber failed');
        return report;
      },
    },
    // Issue 20 §2: bulk sends write their messages a batch at a time (the dispatcher sends them, bulk last).
    { name: 'bulk-sends', intervalMs: 3000, run: () => runBulkSends(ctx) },
  ];
}
