import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { CompensationAbilities, RoundAbilities } from '../../contracts/compensation.js';
import { type CompensationAction, type CompensationStatus, canRecordRuling, compensationMove } from '../../domain/compensation-status.js';
import type { StaffScope } from '../../domain/scope.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import type { CompensationCaseTable, CompensationRoundTable } from '../../platform/db/schema-compensation.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { ATTESTATION_WITNESSES } from '../attestations/index.js';
import { committeesForPurpose, committeesOf } from '../committees/index.js';
import { concernedByComplaint, isConcerned } from '../complaints/index.js';
import { familyInScope } from '../families/index.js';

/**
 * Who may see and do what with compensation cases (issue 23 §7; D2, F2):
 * - management and the members of a committee holding the `investigation` purpose see and work on
 *   cases; management alone gives the second approval of an offer (D4);
 * - only cases whose family is in the caller's scope (F2, the families' rule as SQL);
 * - never the staff concerned (the complaints' conflict-of-interest rule, §6): those named on the
 *   case, and for an escalated complaint those concerned by the complaint — read through the
 *   complaints' own rule, not a copy of it. A case the caller may not see answers 404.
 */
type Db = Kysely<Database>;
export type CaseRow = CompensationCaseTable;

const has = (principal: StaffPrincipal, role: string) => principal.roles.some((r) => r === role);

/**
 * The context with its database swapped for the caller's transaction: other areas' reads then run on
 * it (on SQLite a read on the root database inside a transaction would wait for that transaction).
 */
export const withDb = (ctx: AppContext, db: Db): AppContext => (db === ctx.db ? ctx : { ...ctx, db });

/** Whether the caller sits on a committee that investigates (D2), or is management. */
export async function isCaseWorker(ctx: AppContext, principal: StaffPrincipal): Promise<boolean> {
  if (has(principal, 'management')) return true;
  const [mine, investigating] = await Promise.all([committeesOf(ctx, principal.userId), committeesForPurpose(ctx, 'investigation')]);
  return investigating.some((c) => mine.includes(c.id));
}

export const isManagement = (principal: StaffPrincipal) => has(principal, 'management');

/** §6 on a case: named on it, or concerned by the complaint it came from. */
export function caseConcerns(caseAlias: string, staffId: string): Expression<SqlBool> {
  return sql<SqlBool>`(exists (select 1 from compensation_concerned_staff ccs where ccs.case_id = ${sql.ref(`${caseAlias}.id`)} and ccs.staff_id = ${staffId}) or (${sql.ref(`${caseAlias}.complaint_id`)} is not null and ${concernedByComplaint(`${caseAlias}.complaint_id`, staffId)}))`;
}

/** F2: the case's family is in `scope` (a committee's agenda reads cases this way, for its chair). */
export const caseInScope = (caseAlias: string, scope: StaffScope): Expression<SqlBool> => familyInScope(`${caseAlias}.family_id`, scope);

/** The cases the caller may list: in scope, not concerned. */
export function visibleTo(caseAlias: string, principal: StaffPrincipal): Expression<SqlBool> {
  return sql<SqlBool>`(${familyInScope(`${caseAlias}.family_id`, principal.scope)} and not ${caseConcerns(caseAlias, principal.userId)})`;
}

export const caseNotFound = () => AppError.notFound('compensation.not-found', 'No such compensation case');

/** Loads a case the caller may see, in `db` (the caller's transaction for a change); 404 otherwise. */
export async function loadVisibleCase(db: Db, ctx: AppContext, principal: StaffPrincipal, id: string): Promise<CaseRow> {
  if (!(await isCaseWorker(withDb(ctx, db), principal))) throw caseNotFound();
  const row = await db
    .selectFrom('compensation_cases as c')
    .selectAll('c')
    .where('c.id', '=', id)
    .where(visibleTo('c', principal))
    .executeTakeFirst();
  if (!row) throw caseNotFound();
  return row;
}

/** §6 for one staff member and one case (assigning, approving). */
export async function isConcernedByCase(db: Db, row: CaseRow, staffId: string): Promise<boolean> {
  const named = await db
    .selectFrom('compensation_concerned_staff')
    .select('staff_id')
    .where('case_id', '=', row.id)
    .where('staff_id', '=', staffId)
    .executeTakeFirst();
  return Boolean(named) || (row.complaint_id !== null && (await isConcerned(db, row.complaint_id, staffId)));
}

type RoundFacts = Pick<CompensationRoundTable, 'needs_approval' | 'approved_at' | 'answer' | 'offered_by'>;

/** D4: the offer waits for management's second approval; the family hears of it and answers only after. */
export function isAwaitingApproval(round: Pick<RoundFacts, 'needs_approval' | 'approved_at'>): boolean {
  return round.needs_approval === 1 && !round.approved_at;
}

/**
 * What `principal` may do with an offer now (issue 19 §2): the approval and answer routes' checks —
 * an unanswered offer of a live negotiation; the approval management's, never on their own offer.
 */
export function roundAbilities(principal: StaffPrincipal, status: string, round: RoundFacts): RoundAbilities {
  const isOpen = status === 'negotiating' && round.answer === 'pending';
  return {
    approve: isOpen && isAwaitingApproval(round) && isManagement(principal) && round.offered_by !== principal.userId,
    answer: isOpen && !isAwaitingApproval(round),
  };
}

/**
 * What may be done with a case its viewer sees, now (issue 19 §2): everyone who sees a case works
 * on it (`loadVisibleCase`, within their scope), so the state machine decides, with the services' own
 * preconditions — one offer at a time, terms after an accepted offer, settling attested terms.
 * Data conflicts found later (a fixed amount, a payment above the settlement) still answer 409.
 */
export function caseAbilities(
  principal: StaffPrincipal,
  status: string,
  facts: { rounds: readonly Pick<RoundFacts, 'answer'>[]; hasSettlement: boolean; isSettlementAttested: boolean },
): CompensationAbilities {
  const from = status as CompensationStatus;
  const may = (action: CompensationAction) => compensationMove(from, action).isAllowed;
  return {
    recordRuling: canRecordRuling(from),
    offer: may('offer') && !facts.rounds.some((r) => r.answer === 'pending'),
    saveSettlement: may('settle') && facts.rounds.some((r) => r.answer === 'accepted'),
    settle: may('settle') && facts.isSettlementAttested,
    pay: may('pay'),
    // C4: the settlement subject is attestable while negotiating; the routes take witnesses only.
    attestSettlement:
      from === 'negotiating' &&
      facts.hasSettlement &&
      !facts.isSettlementAttested &&
      principal.roles.some((role) => ATTESTATION_WITNESSES.includes(role)),
  };
}
