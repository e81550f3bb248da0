import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import type { BenchPath } from './paths.js';
import type { Session } from './session.js';

export interface LoadResult {
  connections: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers other than 2xx, connection errors and timeouts: any of them spoils the run. */
  non2xx: number;
  errors: number;
  timeouts: number;
}

/**
 * The address of the i-th simulated person. Sila runs behind a trusted proxy in the bench (as in
 * production behind the association's reverse proxy), so each request comes "from" one of 60 000
 * addresses: per-address limits (1 200 API calls a minute, the public form's limits) keep working
 * and are paid for on every request, but a run of thousands of calls a second is not refused as
 * one client's flood.
 */
function clientAddress(i: number): string {
  const n = i % 60_000;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

/** Loads one path with autocannon from this process (the server is another process). */
export async function load(
  baseUrl: string,
  path: BenchPath,
  session: Session | null,
  { connections, seconds }: { connections: number; seconds: number },
): Promise<LoadResult> {
  let sent = 0;
  const headers: Record<string, string> = session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {};
  if (path.method === 'POST') headers['content-type'] = 'application/json';
  const result = await autocannon({
    url: baseUrl,
    connections,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        method: path.method,
        headers,
        setupRequest: (request) => {
          const i = sent++;
          const variant = path.variants[i % path.variants.length] as BenchPath['variants'][number];
          const extra: Record<string, string> = { 'x-forwarded-for': clientAddress(i) };
          if (path.isIdempotent) extra['idempotency-key'] = randomUUID();
          return {
            ...request,
            path: variant.url,
            headers: { ...request.headers, ...extra },
            ...(path.body ? { body: path.body(i) } : {}),
          };
        },
      },
    ],
  });
  return {
    connections,
    seconds,
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.average * 10) / 10,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}
