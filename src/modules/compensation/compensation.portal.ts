import type { PortalCompensationCase } from '../../contracts/compensation.js';
import type { CompensationStatus } from '../../domain/compensation-status.js';
import type { AppContext } from '../../platform/context.js';

/**
 * Issue 23 §5: the portal lists the family's own cases with their step and dates — no staff names,
 * no notes, no harm description; the amount only once settled (the family attested it).
 */
export async function familyCompensationCases(ctx: AppContext, familyId: string): Promise<PortalCompensationCase[]> {
  const rows = await ctx.db
    .selectFrom('compensation_cases as c')
    .leftJoin('compensation_settlements as s', 's.case_id', 'c.id')
    .select(['c.id', 'c.reference', 'c.status', 'c.opened_at', 'c.established_at', 'c.settled_at', 'c.closed_at', 's.amount'])
    .select((eb) =>
      eb
        .selectFrom('compensation_payments as p')
        .select((p) => p.fn.sum<number>('p.amount').as('t'))
        .whereRef('p.case_id', '=', 'c.id')
        .as('paid'),
    )
    .where('c.family_id', '=', familyId)
    .orderBy('c.opened_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    status: r.status as CompensationStatus,
    openedAt: r.opened_at,
    establishedAt: r.established_at,
    settledAt: r.settled_at,
    closedAt: r.closed_at,
    settlementAmountHalalas: r.settled_at && r.amount !== null ? Number(r.amount) : null,
    paidHalalas: Number(r.paid ?? 0),
  }));
}
