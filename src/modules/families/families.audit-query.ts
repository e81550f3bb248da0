import { searchTerms } from '../../domain/arabic-text.js';
import type { AppContext } from '../../platform/context.js';

/**
 * F2 (issue 25 §5, decision 013): a typed search is personal data — usually a name — and audit rows
 * cannot be rewritten, so an erasure could never reach it there. A list, count or export audits the
 * keyed hashes of the search's normalised terms instead: "who searched for this name" is still
 * answered by hashing the name's terms the same way, and the audit row holds no name.
 */
export function auditedFilters<Filters extends { q?: string | undefined }>(
  ctx: AppContext,
  filters: Filters,
): Omit<Filters, 'q'> & { qTerms?: string[] } {
  const { q, ...rest } = filters;
  if (!q) return rest;
  return { ...rest, qTerms: searchTerms(q).map((term) => ctx.keys.indexer.index(term)) };
}
