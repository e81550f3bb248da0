import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { CaseAbilities } from '../../contracts/complaints.js';
import {
  type CaseKind,
  type ComplaintAction,
  type ComplaintStep,
  canEscalateToCompensation,
  canInvestigate,
  canSettle,
  complaintMove,
  type InquiryAction,
  type InquiryStep,
  inquiryMove,
} from '../../domain/complaint-steps.js';
import type { StaffRole } from '../../domain/roles.js';
import { isInScope, isUnrestricted, type StaffScope } from '../../domain/scope.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import type { ComplaintRow } from '../../platform/db/schema-complaints.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { assertWritableScope, scopeViolations } from '../../platform/http/write-scope.js';
import { familyContact, familyInScope } from '../families/index.js';
import { loadAccountRecord } from '../staff/index.js';

/**
 * Who may see and do what with complaints and inquiries (issue 6 "Roles"; §6 conflict of interest):
 * - complaints: the follow-up committee handles them, management reads them, and reception (or a
 *   contact officer, or a volunteer: A6) sees and acknowledges what it registered; staff concerned by one never see it;
 * - inquiries: contact officers handle them (each its own, or one waiting in a queue), management
 *   reads them, and whoever registered one sees and acknowledges it;
 * - either kind, when linked to a family, only while that family is in the caller's scope (F2,
 *   issue 21): `caseInScope`, applied by `loadVisible` and by every list, count and figure.
 * A case the caller may not see answers 404, as if it did not exist.
 */
type Db = Kysely<Database>;

/**
 * Staff intake (§4): reception and contact officers register complaints and inquiries from any
 * channel; volunteers file them on a family's behalf (A6, issue 27 §3: channel `volunteer`, a family
 * they registered — complaints.intake.ts) and then see only what they filed.
 */
export const CASE_INTAKE: StaffRole[] = ['reception', 'contact-officer', 'volunteer'];

/** What `principal` may start here (issue 19 §2, served through the session): the intake route's roles. */
export function caseSessionAbilities(principal: StaffPrincipal) {
  return { registerCase: principal.roles.some((role) => CASE_INTAKE.includes(role)) };
}

const has = (principal: StaffPrincipal, ...roles: string[]) => principal.roles.some((r) => roles.includes(r));

/** Staff concerned by a complaint (§6): never assigned, and 404 on its details, lists and files. */
export async function isConcerned(db: Db, complaintId: string, staffId: string): Promise<boolean> {
  const row = await db
    .selectFrom('complaint_concerned_staff')
    .select('staff_id')
    .where('complaint_id', '=', complaintId)
    .where('staff_id', '=', staffId)
    .executeTakeFirst();
  return Boolean(row);
}

/**
 * §6 as SQL, for other areas' lists (issue 23: a compensation case escalated from a complaint is never
 * seen by the staff concerned by that complaint): `staffId` is concerned by the complaint in `complaintIdColumn`.
 */
export function concernedByComplaint(complaintIdColumn: string, staffId: string): Expression<SqlBool> {
  return sql<SqlBool>`exists (select 1 from complaint_concerned_staff concerned where concerned.complaint_id = ${sql.ref(complaintIdColumn)} and concerned.staff_id = ${staffId})`;
}

/**
 * May this staff member see the case? Complaints: the follow-up committee and management, and whoever
 * registered it — never the staff concerned (§6). Inquiries: management, the contact officer it is
 * routed to, any contact officer while it waits in the general or support queue, and whoever registered it.
 */
export function canSee(principal: StaffPrincipal, row: ComplaintRow): boolean {
  if (has(principal, 'management')) return true;
  if (row.created_by === principal.userId && has(principal, ...CASE_INTAKE)) return true;
  if (row.kind === 'complaint') return has(principal, 'follow-up-committee');
  if (!has(principal, 'contact-officer')) return false;
  return row.officer_id === principal.userId || (row.officer_id === null && (row.queue === 'general' || row.queue === 'support'));
}

/**
 * Whether the caller sees the writer's name and contact in full: those who handle the case (the
 * follow-up committee for a complaint, contact officers for an inquiry) and reception or the contact
 * officer who registered it (they typed them, and acknowledge on them). Management and administrators
 * read them masked (ARCHITECTURE.md "Who can call what"), as they read families.
 */
export function seesWriterUnmasked(principal: StaffPrincipal, row: ComplaintRow): boolean {
  if (row.created_by === principal.userId && has(principal, ...CASE_INTAKE)) return true;
  return row.kind === 'complaint' ? has(principal, 'follow-up-committee') : has(principal, 'contact-officer');
}

/**
 * F2, issue 21: a case linked to a family (`family_id` set) follows the family's scope — visible only
 * when the family's category, office and one of its domains are in `scope`; an unlinked case is left
 * to the role rules. `familyIdColumn` names the case's column in the caller's query (`'c.family_id'`).
 * The registry's tables are read only through the families area's `familyInScope`.
 */
export function caseInScope(familyIdColumn: string, scope: StaffScope): Expression<SqlBool> {
  if (isUnrestricted(scope)) return sql<SqlBool>`1 = 1`;
  return sql<SqlBool>`(${sql.ref(familyIdColumn)} is null or ${familyInScope(familyIdColumn, scope)})`;
}

/**
 * Loads a case the caller may see; otherwise (unknown, another kind, linked to a family outside the
 * caller's scope, concerned staff, no role) 404. Every details, files and step route goes through it.
 */
export async function loadVisible(db: Db, principal: StaffPrincipal, kind: CaseKind, id: string): Promise<ComplaintRow> {
  const row = await db
    .selectFrom('complaints')
    .selectAll()
    .where('id', '=', id)
    .where('kind', '=', kind)
    .where(caseInScope('complaints.family_id', principal.scope))
    .executeTakeFirst();
  const notFound = AppError.notFound(`${kind}.not-found`, `No such ${kind}`);
  if (!row) throw notFound;
  if (kind === 'complaint' && (await isConcerned(db, id, principal.userId))) throw notFound;
  if (!canSee(principal, row)) throw notFound;
  return row;
}

/** Loads a complaint the caller handles (the follow-up committee, not concerned), for entries and records. */
export async function handled(trx: Db, principal: StaffPrincipal, id: string): Promise<ComplaintRow> {
  const row = await loadVisible(trx, principal, 'complaint', id);
  if (!has(principal, 'follow-up-committee'))
    throw AppError.forbidden('complaint.not-handler', 'Only the follow-up committee handles complaints');
  return row;
}

/** Complaint steps (§5): the follow-up committee's, but for reception acknowledging what it registered. */
export function assertCanHandle(principal: StaffPrincipal, row: ComplaintRow, action: ComplaintAction): void {
  if (!canHandle(principal, row, action))
    throw AppError.forbidden('complaint.not-handler', 'Only the follow-up committee handles complaints');
}

/** Reception acknowledges what it registered; every other step is the follow-up committee's (E1). */
export function canHandle(principal: StaffPrincipal, row: ComplaintRow, action: ComplaintAction): boolean {
  return (action === 'acknowledge' && row.created_by === principal.userId) || has(principal, 'follow-up-committee');
}

/** Investigation entries, settlements and escalations are the follow-up committee's (`handled`). */
export function isHandler(principal: StaffPrincipal): boolean {
  return has(principal, 'follow-up-committee');
}

/** Inquiry steps (§7): its contact officer or whoever registered it acknowledges; every other step is a contact officer's. */
export function assertCanHandleInquiry(principal: StaffPrincipal, row: ComplaintRow, action: InquiryAction): void {
  if (!canHandleInquiry(principal, row, action))
    throw AppError.forbidden('inquiry.not-handler', 'Only the contact officer handles this inquiry');
}

export function canHandleInquiry(principal: StaffPrincipal, row: ComplaintRow, action: InquiryAction): boolean {
  const isMine = row.officer_id === principal.userId;
  const isCreator = row.created_by === principal.userId;
  return action === 'acknowledge' ? isMine || isCreator : has(principal, 'contact-officer');
}

const NO_ABILITIES: CaseAbilities = {
  acknowledge: false,
  assess: false,
  assign: false,
  investigate: false,
  decideResponse: false,
  communicateResponse: false,
  recordSatisfaction: false,
  addEntries: false,
  settle: false,
  escalateToCompensation: false,
  route: false,
  answer: false,
  close: false,
};

/**
 * What `principal` may do with a case they see, now (issue 19 §2): each step is the step route's own
 * check (`canHandle`, `canHandleInquiry`) and the state machine's move; an inquiry is answered,
 * closed or passed on only by its own officer, and taken from the queue only while nobody has it.
 */
export function caseAbilities(principal: StaffPrincipal, row: ComplaintRow): CaseAbilities {
  if (row.kind === 'inquiry') {
    const step = row.step as InquiryStep;
    const may = (action: InquiryAction) => inquiryMove(step, action).isAllowed && canHandleInquiry(principal, row, action);
    const isMine = row.officer_id === principal.userId;
    return {
      ...NO_ABILITIES,
      acknowledge: may('acknowledge'),
      route: may('route') && (isMine || row.officer_id === null),
      answer: may('answer') && isMine,
      close: may('close') && isMine,
    };
  }
  const step = row.step as ComplaintStep;
  const may = (action: ComplaintAction) => complaintMove(step, action).isAllowed && canHandle(principal, row, action);
  const handles = isHandler(principal);
  return {
    ...NO_ABILITIES,
    acknowledge: may('acknowledge'),
    assess: may('assess'),
    assign: may('assign'),
    investigate: may('investigate'),
    decideResponse: may('decide-response'),
    communicateResponse: may('communicate-response'),
    close: may('close'),
    recordSatisfaction: may('record-satisfaction'),
    addEntries: handles && canInvestigate(step),
    settle: handles && canSettle(step),
    escalateToCompensation: handles && canEscalateToCompensation(step),
  };
}

/**
 * F2, issue 21 §1: a case linked to a family is given (a complaint assigned, an inquiry routed) only
 * to someone who may open it — whose scope holds the family (read in the caller's transaction).
 * Unlinked cases: anyone.
 */
export async function canBeGivenTo(ctx: AppContext, db: Db, row: ComplaintRow, staffId: string): Promise<boolean> {
  if (!row.family_id) return true;
  const [account, family] = await Promise.all([loadAccountRecord(db, staffId), familyContact(ctx, row.family_id, db)]);
  return Boolean(account && family && isInScope(account.scope, family.scope));
}

/**
 * A contact-officer register entry (G1) routes the cases of a category and domain: an administrator
 * limited to some categories or domains writes only entries inside them (F2, issue 21 §1). A new
 * entry outside answers 403 at its field; an existing one the writer cannot see, 404.
 */
export function assertRegisterEntryWritable(principal: StaffPrincipal, entry: RegisterKey): void {
  assertWritableScope(principal.scope, registerTarget(entry), REGISTER_POINTERS);
}

export function isRegisterEntryWritable(principal: StaffPrincipal, entry: RegisterKey): boolean {
  return scopeViolations(principal.scope, registerTarget(entry)).length === 0;
}

type RegisterKey = { category: string | null; domain: string | null };
const registerTarget = (entry: RegisterKey) => ({ category: entry.category, domains: entry.domain === null ? [] : [entry.domain] });
const REGISTER_POINTERS = { office: '/office', category: '/category', domains: '/domain' };
