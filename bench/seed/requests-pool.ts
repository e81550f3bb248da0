import { Worker } from 'node:worker_threads';
import { generateRequests, type RequestsChunk } from './requests-chunk.js';
import { envOf, type WorkerInput } from './requests-worker.js';

/**
 * Requests made in ranges of `chunk`, in worker threads (one per core) or, with no workers, in
 * this thread; either way handed back strictly in order, so the writer sees one stream. A few
 * ranges per worker are kept in flight so the workers generate while the main thread writes.
 */
export async function* requestChunks(input: WorkerInput, workers: number, chunk: number): AsyncGenerator<RequestsChunk> {
  const ranges: Array<[number, number]> = [];
  for (let from = 0; from < input.requests; from += chunk) ranges.push([from, Math.min(input.requests, from + chunk)]);
  if (workers <= 0) {
    const env = envOf(input);
    for (const [from, to] of ranges) yield generateRequests(env, from, to);
    return;
  }
  const pool = Array.from(
    { length: workers },
    () => new Worker(new URL('./requests-worker.mjs', import.meta.url), { workerData: { isBenchSeedWorker: true, input } }),
  );
  const done = new Map<number, RequestsChunk>();
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  for (const worker of pool) {
    worker.on('message', ({ id, chunk: c }: { id: number; chunk: RequestsChunk }) => {
      done.set(id, c);
      wake?.();
    });
    worker.on('error', (error) => {
      failure = error;
      wake?.();
    });
  }
  let next = 0;
  let emitted = 0;
  const inFlight = 3 * workers;
  const dispatch = () => {
    while (next < ranges.length && next - emitted < inFlight) {
      const [from, to] = ranges[next] as [number, number];
      (pool[next % workers] as Worker).postMessage({ id: next, from, to });
      next++;
    }
  };
  try {
    dispatch();
    while (emitted < ranges.length) {
      while (!done.has(emitted)) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = null;
      }
      const c = done.get(emitted) as RequestsChunk;
      done.delete(emitted);
      emitted++;
      dispatch();
      yield c;
    }
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}
