import type { HistoryEntry } from '../../contracts/requests.js';

/**
 * The spans a request's clock stood still (C6): from each "information requested" to the next
 * "information received"; the count continues afterwards, it does not restart. An open span has
 * `to: null`. Pure: tested without a browser.
 */
export function pausedSpans(history: readonly Pick<HistoryEntry, 'event' | 'at'>[]): { from: string; to: string | null }[] {
  const spans: { from: string; to: string | null }[] = [];
  for (const entry of history) {
    if (entry.event === 'request-information') spans.push({ from: entry.at, to: null });
    if (entry.event === 'information-received') {
      const open = spans.findLast((span) => span.to === null);
      if (open) open.to = entry.at;
    }
  }
  return spans;
}
