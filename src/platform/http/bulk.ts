import type { BulkItemResult, BulkResults } from '../../contracts/bulk.js';
import { AppError } from './app-error.js';

/**
 * Runs one action on each record of a bulk request (issue 19 §5), one after the other, each through
 * the same service function — and so the same checks and transaction — as the single action. A
 * refusal (an AppError: 403, 404, 409, 422…) becomes that record's result and the others go on; any
 * other error is a fault and stops the request as it would a single one.
 */
export async function eachRecord(
  ids: readonly string[],
  act: (id: string) => Promise<{ reference: string; status: string }>,
): Promise<BulkResults> {
  const results: BulkItemResult[] = [];
  for (const id of new Set(ids)) {
    try {
      const done = await act(id);
      results.push({ id, isDone: true, reference: done.reference, status: done.status });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({ id, isDone: false, code: error.code, httpStatus: error.status });
    }
  }
  return { results };
}
