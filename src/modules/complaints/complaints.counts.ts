import type { ComplaintCounts, InquiryCounts } from '../../contracts/complaints.js';
import { CLOSED_STEPS, OPEN_STEPS } from '../../domain/complaint-steps.js';
import type { AppContext } from '../../platform/context.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { CASE_INTAKE, caseInScope } from './complaints.policy.js';

/**
 * Counts for the staff worklist's tabs (issue 6 §5, E1): open complaints assigned to me, the follow-up
 * committee's, those I registered, all (management), those still awaiting an acknowledgement and those
 * past their deadline, each within what the caller may list. Staff concerned by a complaint (§6) never
 * count it, nor does anyone a case linked to a family outside their scope (F2, issue 21). One grouped
 * query; nothing personal is read.
 */
const has = (principal: StaffPrincipal, ...roles: string[]) => principal.roles.some((r) => roles.includes(r));

export async function complaintCounts(ctx: AppContext, principal: StaffPrincipal): Promise<ComplaintCounts> {
  const isCommittee = has(principal, 'follow-up-committee');
  const seesAll = isCommittee || has(principal, 'management');
  const registers = has(principal, ...CASE_INTAKE);
  const me = principal.userId;
  let query = ctx.db
    .selectFrom('complaints as c')
    .select(['c.step', 'c.sla_state', 'c.assigned_to', 'c.created_by'])
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('c.kind', '=', 'complaint')
    .where('c.step', 'not in', CLOSED_STEPS.complaint)
    .where(caseInScope('c.family_id', principal.scope))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('complaint_concerned_staff as cs')
            .select('cs.staff_id')
            .whereRef('cs.complaint_id', '=', 'c.id')
            .where('cs.staff_id', '=', me),
        ),
      ),
    );
  if (!seesAll) query = query.where('c.created_by', '=', me);
  const groups = await query.groupBy(['c.step', 'c.sla_state', 'c.assigned_to', 'c.created_by']).execute();
  let total = 0;
  let mine = 0;
  let registered = 0;
  let awaiting = 0;
  let breached = 0;
  for (const g of groups) {
    const n = Number(g.n);
    total += n;
    if (g.assigned_to === me) mine += n;
    if (g.created_by === me) registered += n;
    if (g.step === 'received') awaiting += n;
    if (g.sla_state === 'breached') breached += n;
  }
  return {
    mine: isCommittee ? mine : null,
    committee: seesAll ? total : null,
    registered: registers ? registered : null,
    all: has(principal, 'management') ? total : null,
    awaitingAcknowledgement: awaiting,
    breached,
  };
}

/**
 * Counts for the inquiries page's tabs (issue 6 §7; C1, G1): open (not closed) inquiries routed to me,
 * waiting in the general and support queues, those I logged, and all (management) — each scoped as
 * `listInquiries` scopes its list (the family's scope too: F2, issue 21), and each one count over an
 * index: (kind, officer_id, step), (kind, queue, step), (kind, step, created_at). Nothing personal is read.
 */
export async function inquiryCounts(ctx: AppContext, principal: StaffPrincipal): Promise<InquiryCounts> {
  const isOfficer = has(principal, 'contact-officer');
  const isManager = has(principal, 'management');
  const me = principal.userId;
  const inScope = caseInScope('c.family_id', principal.scope);
  const open = () =>
    ctx.db.selectFrom('complaints as c').where('c.kind', '=', 'inquiry').where('c.step', 'in', OPEN_STEPS.inquiry).where(inScope);
  const count = async (query: ReturnType<typeof open>) =>
    Number((await query.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirst())?.n ?? 0);
  const queue = (name: 'general' | 'support') => count(open().where('c.queue', '=', name).where('c.officer_id', 'is', null));
  return {
    mine: isOfficer ? await count(open().where('c.officer_id', '=', me)) : null,
    general: isOfficer || isManager ? await queue('general') : null,
    support: isOfficer || isManager ? await queue('support') : null,
    // Anyone may list what they logged (the list's own rule); the page shows the tab to reception and officers.
    registered: await count(open().where('c.created_by', '=', me)),
    all: isManager ? await count(open()) : null,
  };
}
