import type { UntoldDecision } from '../../contracts/requests.js';
import { hasMessageAbout, ON_THE_WAY_STATUSES, TOLD_STATUSES } from '../notifications/index.js';
import type { RequestQuery } from './requests.repo.js';

/**
 * Decided requests whose family is not told (C5, C6; issue 20 §5): management's list and figure.
 * A request stays `decided` until its decision message is sent, so these are read from the few
 * decided requests (the status index) with one probe of the outbox's `about` index each.
 *
 * - `failed`: nothing is on its way — the decision's message failed (or was refused, or a call did
 *   not reach the family), was skipped (no consent, no reachable channel), or was never written;
 * - `unsent`: those, and decisions whose message has waited longer than QUEUED_TOO_LONG_MS (no
 *   transport configured, a letter not yet printed, a gateway retrying).
 */
export const QUEUED_TOO_LONG_MS = 24 * 3600_000;
const DECIDED_EVENT = 'request.decided' as const;

export function whereDecisionUntold(query: RequestQuery, which: UntoldDecision, now: Date): RequestQuery {
  const about = { type: 'request', idColumn: 'requests.id', event: DECIDED_EVENT };
  const since = which === 'unsent' ? new Date(now.getTime() - QUEUED_TOO_LONG_MS).toISOString() : undefined;
  return query
    .where('requests.status', '=', 'decided')
    .where((eb) => eb.not(hasMessageAbout(eb, { ...about, statuses: TOLD_STATUSES })))
    .where((eb) => eb.not(hasMessageAbout(eb, { ...about, statuses: ON_THE_WAY_STATUSES, createdSince: since })));
}
