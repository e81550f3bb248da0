import { createHash } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/http/app-error.js';
import { clearFailures, lockedFor, recordFailure } from '../auth/index.js';

/**
 * The portal's sign-in throttle ("Bad input": a code guessed too often throttles the family's
 * sign-in), in the database like staff sign-in so every instance shares it. Keys hold the keyed
 * hash of the ID number typed — known or not, so the throttle never tells which — and a SHA-256 of
 * the address. Each key locks for 15 minutes once its limit is reached within 15 minutes.
 */
export const PORTAL_LIMITS = {
  /** Codes sent for one ID number. */
  sends: 5,
  /** Wrong codes for one ID number: two codes' worth of tries. */
  failures: 10,
  /** Codes asked for and wrong codes from one address. */
  address: 30,
} as const;

export interface PortalThrottleKeys {
  send: string;
  failure: string;
  address: string;
}

/** `subject` is a keyed hash (the ID number's) or a family id (attestation codes). */
export function portalThrottleKeys(subject: string, address: string): PortalThrottleKeys {
  return {
    send: `portal-send:${subject}`,
    failure: `portal-fail:${subject}`,
    address: `portal-address:${createHash('sha256').update(address).digest('hex').slice(0, 32)}`,
  };
}

export async function refuseWhenLocked(ctx: AppContext, keys: string[]): Promise<void> {
  const wait = await lockedFor(ctx.db, keys, ctx.clock.now());
  if (wait > 0) throw AppError.tooManyRequests('portal.throttled', 'Too many attempts; try again later', wait / 1000);
}

export async function countSend(ctx: AppContext, keys: PortalThrottleKeys): Promise<void> {
  const now = ctx.clock.now();
  await recordFailure(ctx.db, keys.send, now, PORTAL_LIMITS.sends);
  await recordFailure(ctx.db, keys.address, now, PORTAL_LIMITS.address);
}

export async function countFailure(ctx: AppContext, keys: PortalThrottleKeys): Promise<void> {
  const now = ctx.clock.now();
  await recordFailure(ctx.db, keys.failure, now, PORTAL_LIMITS.failures);
  await recordFailure(ctx.db, keys.address, now, PORTAL_LIMITS.address);
}

export async function clearPortalFailures(ctx: AppContext, keys: PortalThrottleKeys): Promise<void> {
  await clearFailures(ctx.db, keys.failure);
  await clearFailures(ctx.db, keys.send);
}
