import type { Clock } from './clock.js';
import type { DB } from './db/database.js';
import { randomToken } from './ids.js';
import { tryAcquireLease } from './leases.js';

/**
 * One scheduler in the server process (ARCHITECTURE.md "Background work"). Each job runs on its
 * interval only while this instance holds the job's lease, so several instances on PostgreSQL never
 * double-run it. Jobs never overlap themselves.
 */
export interface Job {
  name: string;
  intervalMs: number;
  run(now: Date): Promise<unknown>;
}

export interface Scheduler {
  stop(): Promise<void>;
}

export function startScheduler({
  db,
  clock,
  jobs,
  onError,
}: {
  db: DB;
  clock: Clock;
  jobs: Job[];
  onError: (job: string, error: unknown) => void;
}): Scheduler {
  const holder = randomToken(9);
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<unknown>>();
  let isStopped = false;
  for (const job of jobs) {
    let isBusy = false;
    const tick = async () => {
      if (isBusy || isStopped) return;
      isBusy = true;
      try {
        const now = clock.now();
        if (await tryAcquireLease(db, { name: job.name, holder, ttlMs: job.intervalMs * 3 + 5000, now })) await job.run(now);
      } catch (error) {
        onError(job.name, error);
      } finally {
        isBusy = false;
      }
    };
    const timer = setInterval(() => {
      const run = tick();
      running.add(run);
      void run.finally(() => running.delete(run));
    }, job.intervalMs);
    timer.unref();
    timers.push(timer);
  }
  return {
    stop: async () => {
      isStopped = true;
      for (const timer of timers) clearInterval(timer);
      await Promise.allSettled([...running]);
    },
  };
}
