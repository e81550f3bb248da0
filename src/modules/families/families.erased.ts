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
/** Which of these families are erased (a list page asks once for its rows). */
export type FamilyErasureLookup = (db: Kysely<Database>, familyIds: readonly string[]) => Promise<ReadonlySet<string>>;

export const familyErasureLookup = defineProvider<FamilyErasureLookup>('family.erasure');

/** The erased ones among `familyIds` (none when no erasure area is wired). */
export async function erasedFamilies(ctx: AppContext, familyIds: readonly string[], db: Kysely<Database> = ctx.db): Promise<Set<string>> {
  const erased = new Set<string>();
  if (familyIds.length === 0) return erased;
  for (const lookup of ctx.hooks.providers(familyErasureLookup)) for (const id of await lookup(db, familyIds)) erased.add(id);
  return erased;
}

/** Whether the family's personal data has been erased. */
export async function isFamilyErased(ctx: AppContext, familyId: string, db: Kysely<Database> = ctx.db): Promise<boolean> {
  return (await erasedFamilies(ctx, [familyId], db)).has(familyId);
}

/** Issue 25 §5 (F2): every write about an erased family answers 409 `family.erased`. */
export async function assertFamilyNotErased(ctx: AppContext, familyId: string, db: Kysely<Database> = ctx.db): Promise<void> {
  if (await isFamilyErased(ctx, familyId, db))
    throw AppError.conflict('family.erased', 'This family’s personal data has been erased; it can be read but not changed');
}
