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
  const rank = (step: CaseStep) => PUBLIC_STEPS.indexOf(publicStepOf(step));
  const ordered = [...steps].sort((a, b) => a.at.localeCompare(b.at) || rank(a.step) - rank(b.step));
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
