import type { AppContext } from '../../platform/context.js';

/** What complaints and inquiries encrypt at rest (F2): used alike by the public link, staff handling and key rotation. */

/** Columns encrypted at rest (F2), each bound to its row and column so ciphertexts cannot be swapped. */
export const complaintAad = (id: string, column: string) => `complaint:${id}:${column}`;
export const seal = (ctx: AppContext, id: string, column: string, value: string | null | undefined) =>
  value ? ctx.keys.encryptor.encrypt(value, complaintAad(id, column)) : null;
export const open = (ctx: AppContext, id: string, column: string, value: string | null) =>
  value ? ctx.keys.encryptor.decrypt(value, complaintAad(id, column)) : null;

/** Step notes and investigation entries, each bound to its own row. */
export const stepNoteAad = (stepId: string) => `complaint-step:${stepId}:note`;
export const entryAad = (entryId: string) => `complaint-entry:${entryId}:body`;

/** A public submission's receipt, replayed to a retried request, bound to its idempotency key's hash. */
export const idempotencyAad = (keyHash: string) => `idempotency:${keyHash}`;
