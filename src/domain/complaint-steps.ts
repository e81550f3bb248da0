/**
 * The steps of complaints and inquiries (issue 6 §3, §5, §7) and what the public may see of them.
 * Complaints follow ISO 10002 (E1, E3): receive, acknowledge, assess, assign, investigate, decide
 * and communicate a response, close, follow up on satisfaction. Inquiries (C1, G1): receive,
 * acknowledge, route to a contact officer, answer, close. Staff record every step; the writer sees
 * only five public ones, with no names, notes or internal detail.
 */
export const COMPLAINT_STEPS = [
  'received',
  'acknowledged',
  'assessed',
  'assigned',
  'investigating',
  'response-decided',
  'response-communicated',
  'closed',
  'satisfaction-followed-up',
] as const;
export const INQUIRY_STEPS = ['received', 'acknowledged', 'routed', 'answered', 'closed'] as const;

export type ComplaintStep = (typeof COMPLAINT_STEPS)[number];
export type InquiryStep = (typeof INQUIRY_STEPS)[number];
export type CaseStep = ComplaintStep | InquiryStep;
export type CaseKind = 'complaint' | 'inquiry';

export const PUBLIC_STEPS = ['received', 'acknowledged', 'in-progress', 'responded', 'closed'] as const;
export type PublicStep = (typeof PUBLIC_STEPS)[number];

const PUBLIC_OF: Record<CaseStep, PublicStep> = {
  received: 'received',
  acknowledged: 'acknowledged',
  assessed: 'in-progress',
  assigned: 'in-progress',
  investigating: 'in-progress',
  'response-decided': 'in-progress',
  routed: 'in-progress',
  'response-communicated': 'responded',
  answered: 'responded',
  closed: 'closed',
  'satisfaction-followed-up': 'closed',
};

/** The public step an internal one shows as (a decided response is not news until it is communicated). */
export function publicStepOf(step: CaseStep): PublicStep {
  return PUBLIC_OF[step];
}

/**
 * The public timeline: each public step once, at the time it was first reached, in order.
 * @example publicTimeline([{ step: 'received', at: 'T1' }, { step: 'assessed', at: 'T2' }, { step: 'assigned', at: 'T3' }])
 *   // [{ step: 'received', at: 'T1' }, { step: 'in-progress', at: 'T2' }]
 */
export function publicTimeline(steps: ReadonlyArray<{ step: CaseStep; at: string }>): Array<{ step: PublicStep; at: string }> {
  const seen = new Set<PublicStep>();
  const out: Array<{ step: PublicStep; at: string }> = [];
  // Steps recorded in the same instant (received and acknowledged on the web) keep the flow's order.
  // Records that are not steps (a re-assignment `assigned:assign`, a settlement, a compensation link) never show.
  const known = steps.filter((s) => s.step in PUBLIC_OF);
  const rank = (step: CaseStep) => PUBLIC_STEPS.indexOf(publicStepOf(step));
  const ordered = known.sort((a, b) => a.at.localeCompare(b.at) || rank(a.step) - rank(b.step));
  for (const { step, at } of ordered) {
    const shown = publicStepOf(step);
    if (seen.has(shown)) continue;
    seen.add(shown);
    out.push({ step: shown, at });
  }
  return out;
}

export function referenceSeries(kind: CaseKind): 'CMP' | 'INQ' {
  return kind === 'complaint' ? 'CMP' : 'INQ';
}

// ---- handling (issue 6 §5, §7): the steps as a pure state machine ----

/** What staff do to a complaint (ISO 10002 steps, E1). */
export const COMPLAINT_ACTIONS = [
  'acknowledge',
  'assess',
  'assign',
  'investigate',
  'decide-response',
  'communicate-response',
  'close',
  'record-satisfaction',
] as const;
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number];

/** What staff do to an inquiry (C1, G2). Routing happens on receipt; `route` records it once acknowledged. */
export const INQUIRY_ACTIONS = ['acknowledge', 'route', 'answer', 'close'] as const;
export type InquiryAction = (typeof INQUIRY_ACTIONS)[number];

/**
 * Allowed moves: from these steps, the action leads to that step. A re-assessment, a re-assignment
 * and a revised response keep the case where it is (the new values are recorded as a step again).
 */
const COMPLAINT_MOVES: Record<ComplaintAction, { from: readonly ComplaintStep[]; to: ComplaintStep | 'same' }> = {
  acknowledge: { from: ['received'], to: 'acknowledged' },
  assess: { from: ['acknowledged', 'assessed'], to: 'assessed' },
  assign: { from: ['assessed', 'assigned', 'investigating'], to: 'same' },
  investigate: { from: ['assigned'], to: 'investigating' },
  'decide-response': { from: ['investigating', 'response-decided'], to: 'response-decided' },
  'communicate-response': { from: ['response-decided'], to: 'response-communicated' },
  close: { from: ['response-communicated'], to: 'closed' },
  'record-satisfaction': { from: ['closed'], to: 'satisfaction-followed-up' },
};

const INQUIRY_MOVES: Record<InquiryAction, { from: readonly InquiryStep[]; to: InquiryStep }> = {
  acknowledge: { from: ['received'], to: 'acknowledged' },
  route: { from: ['acknowledged', 'routed'], to: 'routed' },
  answer: { from: ['routed'], to: 'answered' },
  close: { from: ['answered'], to: 'closed' },
};

export type Move<S> = { isAllowed: true; to: S } | { isAllowed: false };

/**
 * The step a complaint moves to, or not allowed (409 `complaint.illegal-transition`).
 * @example complaintMove('assessed', 'assign') // { isAllowed: true, to: 'assigned' }
 * @example complaintMove('investigating', 'assign') // { isAllowed: true, to: 'investigating' } (re-assigned)
 * @example complaintMove('received', 'close') // { isAllowed: false }
 */
export function complaintMove(from: ComplaintStep, action: ComplaintAction): Move<ComplaintStep> {
  const rule = COMPLAINT_MOVES[action];
  if (!rule.from.includes(from)) return { isAllowed: false };
  if (rule.to !== 'same') return { isAllowed: true, to: rule.to };
  return { isAllowed: true, to: from === 'assessed' ? 'assigned' : from };
}

/** The step an inquiry moves to, or not allowed (409 `inquiry.illegal-transition`). */
export function inquiryMove(from: InquiryStep, action: InquiryAction): Move<InquiryStep> {
  const rule = INQUIRY_MOVES[action];
  return rule.from.includes(from) ? { isAllowed: true, to: rule.to } : { isAllowed: false };
}

/** The step an action aims at, for the 409's `to` (what the caller tried). */
export function complaintTarget(action: ComplaintAction): ComplaintStep {
  const to = COMPLAINT_MOVES[action].to;
  return to === 'same' ? 'assigned' : to;
}

/** Closed for worklists and oversight: nothing left to do but look. */
export function isClosedStep(kind: CaseKind, step: string): boolean {
  return kind === 'complaint' ? step === 'closed' || step === 'satisfaction-followed-up' : step === 'closed';
}
export const CLOSED_STEPS: Record<CaseKind, readonly string[]> = {
  complaint: ['closed', 'satisfaction-followed-up'],
  inquiry: ['closed'],
};
/** The other steps: listed rather than negated, so an index on (kind, step) is sought, not scanned. */
export const OPEN_STEPS: Record<CaseKind, readonly string[]> = {
  complaint: COMPLAINT_STEPS.filter((step) => !CLOSED_STEPS.complaint.includes(step)),
  inquiry: INQUIRY_STEPS.filter((step) => !CLOSED_STEPS.inquiry.includes(step)),
};
/** H6: the open inquiries an officer still owes an answer (listed, like OPEN_STEPS, for the index). */
export const AWAITING_ANSWER_STEPS: readonly string[] = OPEN_STEPS.inquiry.filter((step) => step !== 'answered');

/** Investigation entries (notes, tasks, evidence) belong to a complaint being handled. */
export function canInvestigate(step: ComplaintStep): boolean {
  return step === 'assigned' || step === 'investigating' || step === 'response-decided';
}

/** An amicable settlement (E3) is sought while the complaint is handled, before the response is sent. */
export function canSettle(step: ComplaintStep): boolean {
  return step === 'assessed' || canInvestigate(step);
}

/** Escalation to a compensation case: once assessed, at any later step (the case itself comes later). */
export function canEscalateToCompensation(step: ComplaintStep): boolean {
  return COMPLAINT_STEPS.indexOf(step) >= COMPLAINT_STEPS.indexOf('assessed');
}

// ---- inquiry routing (C1, E2, G2) ----

export interface RegisterEntry {
  id: string;
  category: string | null;
  domain: string | null;
  officerId: string;
  backupId: string | null;
}

export type RouteRule = 'category-domain' | 'category' | 'domain' | 'general' | 'support';

export interface Route {
  queue: 'officer' | 'general' | 'support';
  officerId: string | null;
  rule: RouteRule;
  entryId: string | null;
  isBackup: boolean;
}

/**
 * Where an inquiry goes (issue 6 §7): technical-support topics to the support queue; else the
 * officer for (category × domain), else for the category (any domain), else for the domain (any
 * category), else the general queue. An absent officer's inquiries go to the entry's backup; when the
 * backup is absent too (or there is none), to the general queue.
 * @example routeInquiry({ category: 'trainee', domain: 'training', isSupport: false }, entries, new Set())
 */
export function routeInquiry(
  inquiry: { category: string | null; domain: string | null; isSupport: boolean },
  entries: readonly RegisterEntry[],
  absent: ReadonlySet<string>,
): Route {
  if (inquiry.isSupport) return { queue: 'support', officerId: null, rule: 'support', entryId: null, isBackup: false };
  const { category, domain } = inquiry;
  const candidates: Array<[RouteRule, RegisterEntry | undefined]> = [
    ['category-domain', category && domain ? entries.find((e) => e.category === category && e.domain === domain) : undefined],
    ['category', category ? entries.find((e) => e.category === category && e.domain === null) : undefined],
    ['domain', domain ? entries.find((e) => e.category === null && e.domain === domain) : undefined],
  ];
  for (const [rule, entry] of candidates) {
    if (!entry) continue;
    if (!absent.has(entry.officerId)) return { queue: 'officer', officerId: entry.officerId, rule, entryId: entry.id, isBackup: false };
    if (entry.backupId && !absent.has(entry.backupId))
      return { queue: 'officer', officerId: entry.backupId, rule, entryId: entry.id, isBackup: true };
    return { queue: 'general', officerId: null, rule: 'general', entryId: entry.id, isBackup: false };
  }
  return { queue: 'general', officerId: null, rule: 'general', entryId: null, isBackup: false };
}

/** The median of some numbers (oversight: an officer's response time); null when there are none. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
