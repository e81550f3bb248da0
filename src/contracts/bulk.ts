import { z } from 'zod';

/**
 * Bulk actions on a worklist (issue 19 §5). The browser sends the chosen records at most
 * `BULK_CHUNK` at a time (so a long run shows progress and can be cancelled between chunks); the
 * server checks and applies each one on its own — scope, the completeness and attestation gates, the
 * state machine — in its own transaction, and answers each one's result. Nothing is half-applied to
 * a record: it moved, or it is as it was with the reason why not.
 */
export const BULK_CHUNK = 50;

export const bulkIds = z.array(z.uuid('field.invalid-id')).min(1, 'field.required').max(BULK_CHUNK, 'field.too-many');

export const bulkItemResult = z.discriminatedUnion('isDone', [
  z.object({ id: z.string(), isDone: z.literal(true), reference: z.string(), status: z.string() }),
  /** Refused: the problem code (translated by the UI) and its HTTP status, as the single action would answer. */
  z.object({ id: z.string(), isDone: z.literal(false), code: z.string(), httpStatus: z.number().int() }),
]);
export type BulkItemResult = z.infer<typeof bulkItemResult>;

export const bulkResults = z.object({ results: z.array(bulkItemResult) });
export type BulkResults = z.infer<typeof bulkResults>;
