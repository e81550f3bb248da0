import type { Kysely } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { defineProvider } from '../../platform/hooks.js';
import { AppError } from '../../platform/http/app-error.js';

/**
 * Issue 25 §5 (F2; docs/decisions/014-erasure.md): an erased family («أسرة مجهّلة رقم N») is
 * read-only — its requests, decisions and amounts stay readable, but no write may put personal data
 * back into it. The erasure ledger knows which families are erased; the erasure area provides the
 * look-up (one read by the ledger's unique (subject_table, subject_id) index) so the registry
 * never imports it (it imports the registry).
 */
export type FamilyErasureLookup = (db: Kysely<Database>, familyId: string) => Promise<boolean>;

export const familyErasureLookup = defineProvider<FamilyErasureLookup>('family.erasure');

/** Whether the family's personal data has been erased (false when no erasure area is wired). */
export async function isFamilyErased(ctx: AppContext, familyId: string, db: Kysely<Database> = ctx.db): Promise<boolean> {
  for (const lookup of ctx.hooks.providers(familyErasureLookup)) if (await lookup(db, familyId)) return true;
  return false;
}

/** Issue 25 §5 (F2): every write about an erased family answers 409 `family.erased`. */
export async function assertFamilyNotErased(ctx: AppContext, familyId: string, db: Kysely<Database> = ctx.db): Promise<void> {
  if (await isFamilyErased(ctx, familyId, db))
    throw AppError.conflict('family.erased', 'This family’s personal data has been erased; it can be read but not changed');
}
