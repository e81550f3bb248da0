import type { Kysely } from 'kysely';
import { newTrackingCode } from '../../domain/tracking-code.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import * as repo from './complaints.repo.js';

/** Tracking codes (issue 6 §3): a fresh one for each new case, whichever the channel, and the link that carries it. */
type Db = Kysely<Database>;

/** A tracking code no record holds yet (80 random bits: a clash is practically impossible, but checked). */
export async function freshTrackingCode(trx: Db, ctx: AppContext): Promise<{ code: string; index: string }> {
  for (;;) {
    const code = newTrackingCode();
    if (!(await repo.isTrackingIndexTaken(trx, ctx.keys.indexer.candidates(code)))) return { code, index: ctx.keys.indexer.index(code) };
  }
}

/**
 * The tracking page's path for a code; the outbox makes it absolute against SILA_PUBLIC_URL when the
 * message is sent (issue 20 §6). The code after '#' never reaches a server log (issue 6 §3).
 */
export function trackingPath(code: string): string {
  return `/complaints/track#${code}`;
}
