import type { Kysely } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { defineProvider } from '../../platform/hooks.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';

/**
 * What the compensation area provides (issue 23, E3): the case an escalation opens, in the
 * complaint's transaction, and what the tracking page may say of a linked case (its outcome only).
 */
export interface CompensationEscalation {
  openFromComplaint(
    trx: Kysely<Database>,
    ctx: AppContext,
    principal: StaffPrincipal,
    input: { complaintId: string; familyId: string; reason: string; claim: string },
  ): Promise<{ id: string; reference: string }>;
  caseOf(
    db: Kysely<Database>,
    caseId: string,
  ): Promise<{ reference: string; outcome: 'under-review' | 'settled' | 'no-fault' | 'closed' } | null>;
}
export const compensationEscalation = defineProvider<CompensationEscalation>('complaint.compensation-escalation');

/** The complaint a compensation case came from, as the case page links it (issue 23 §1): its id and reference only. */
export async function complaintReference(db: Kysely<Database>, complaintId: string): Promise<{ id: string; reference: string } | null> {
  const row = await db.selectFrom('complaints').select(['id', 'reference']).where('id', '=', complaintId).executeTakeFirst();
  return row ?? null;
}
