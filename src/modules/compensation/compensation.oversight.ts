import { sql } from 'kysely';
import {
  COMPENSATION_AGE_BANDS,
  COMPENSATION_STATUSES,
  type CompensationStatus,
  daysBetween,
  isOpenCase,
  median,
} from '../../domain/compensation-status.js';
import type { AppContext } from '../../platform/context.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { auditCase, staffActor } from './compensation.core.js';
import { isCaseWorker, visibleTo } from './compensation.policy.js';

/**
 * Oversight figures (issue 23 §6): open cases by step and by age, amounts established vs offered
 * (the highest offer of each case) vs settled vs paid, and the median days from opening to
 * settlement — within what the caller may see (scope, never a case they are concerned by). Each
 * figure links to its list (`GET /compensation-cases?status=…`, `?age=…`, `?has=…`).
 */
const BANDS = COMPENSATION_AGE_BANDS;

export async function compensationOversight(ctx: AppContext, principal: StaffPrincipal) {
  const empty = {
    openByStatus: [],
    openByAge: BANDS.map((b) => ({ band: b.band, count: 0 })),
    amounts: { establishedHalalas: 0, offeredHalalas: 0, settledHalalas: 0, paidHalalas: 0 },
    medianDaysToSettlement: null,
    settledCount: 0,
  };
  if (!(await isCaseWorker(ctx, principal))) return empty;
  const rows = await ctx.db
    .selectFrom('compensation_cases as c')
    .select(['c.id', 'c.status', 'c.opened_at', 'c.settled_at', 'c.established_amount'])
    .select((eb) => [
      eb
        .selectFrom('compensation_rounds as r')
        .select(sql<number>`max(r.offer_amount)`.as('m'))
        .whereRef('r.case_id', '=', 'c.id')
        .as('offered'),
      eb.selectFrom('compensation_settlements as s').select('s.amount').whereRef('s.case_id', '=', 'c.id').as('settled'),
      eb.selectFrom('compensation_payments as p').select(sql<number>`sum(p.amount)`.as('t')).whereRef('p.case_id', '=', 'c.id').as('paid'),
    ])
    .where(visibleTo('c', principal))
    .execute();
  const now = ctx.clock.now().toISOString();
  const open = rows.filter((r) => isOpenCase(r.status as CompensationStatus));
  const byStatus = COMPENSATION_STATUSES.filter(isOpenCase).map((status) => ({
    status,
    count: open.filter((r) => r.status === status).length,
  }));
  const ages = open.map((r) => daysBetween(r.opened_at, now));
  const openByAge = BANDS.map((b) => ({
    band: b.band,
    count: ages.filter((age) => age >= b.min && age <= b.max).length,
  }));
  const sum = (pick: (r: (typeof rows)[number]) => unknown) => rows.reduce((total, r) => total + Number(pick(r) ?? 0), 0);
  const settledDays = rows.flatMap((r) => (r.settled_at ? [daysBetween(r.opened_at, r.settled_at)] : []));
  await auditCase(ctx.db, ctx, staffActor(principal), 'oversight', null, { cases: rows.length });
  return {
    openByStatus: byStatus,
    openByAge,
    amounts: {
      establishedHalalas: sum((r) => r.established_amount),
      offeredHalalas: sum((r) => r.offered),
      settledHalalas: sum((r) => r.settled),
      paidHalalas: sum((r) => r.paid),
    },
    medianDaysToSettlement: median(settledDays),
    settledCount: settledDays.length,
  };
}
