import { AppError } from '../../platform/http/app-error.js';

/**
 * Per-address limits of the public link (issue 6 §1: 5 submissions per 10 minutes and 20 lookups
 * per minute by default, settings). Kept in memory, per instance, as ARCHITECTURE.md "Throttling"
 * allows for request rate limits; no third-party service is involved. A sliding window: the times
 * of an address's recent hits are kept until they leave the window.
 */
export type LimitBucket = 'submission' | 'upload' | 'lookup';

export interface Limit {
  max: number;
  windowMs: number;
}

/** Addresses tracked at most; past that the oldest entries go first (a flood of addresses must not grow memory). */
const MAX_KEYS = 50_000;

export class PublicRateLimiter {
  private readonly hits = new Map<string, number[]>();

  /** Counts a hit, or refuses it with 429 problem+json and a Retry-After when the address is over its limit. */
  hit(bucket: LimitBucket, address: string, limit: Limit, now: number): void {
    const key = `${bucket}|${address}`;
    const recent = (this.hits.get(key) ?? []).filter((at) => at > now - limit.windowMs);
    if (recent.length >= limit.max) {
      this.hits.set(key, recent);
      const retryAfterMs = (recent[0] ?? now) + limit.windowMs - now;
      throw AppError.tooManyRequests('public.rate-limited', 'Too many attempts from this address; try again later', retryAfterMs / 1000);
    }
    recent.push(now);
    this.hits.delete(key);
    this.hits.set(key, recent);
    if (this.hits.size > MAX_KEYS) {
      const oldest = this.hits.keys().next().value;
      if (oldest !== undefined) this.hits.delete(oldest);
    }
  }
}
