/** The statuses of a service request; contracts/requests.ts builds its schema from this list. */
export const REQUEST_STATUSES = ['draft', 'complete', 'under-study', 'information-requested', 'decided', 'notified', 'closed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Every move of the state machine; staff call the first four through the transitions route. */
export const REQUEST_ACTIONS = [
  'submit',
  'begin-study',
  'request-information',
  'information-received',
  'decide',
  'notify',
  'close',
] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

/** What a request's history records (C5): each move, plus the events around it — every one has a label. */
export const REQUEST_HISTORY_EVENTS = [
  ...REQUEST_ACTIONS,
  'create',
  'edit',
  'document',
  'attested',
  'attestation-voided',
  'deadline-capped',
] as const;

/**
 * The status flow of a service request (C5, C6; docs/design/service-requests.md):
 *
 *   draft ──submit──▶ complete ──begin-study──▶ under-study ⇄ information-requested
 *   under-study ──decide──▶ decided ──notify──▶ notified ──close──▶ closed
 *
 * `request-information` / `information-received` pause and resume the working-day clock. Anything
 * else is an illegal transition (409 `request.illegal-transition`). Completeness and attestation
 * are checked by the service before `submit` and `information-received` (C3, C4).
 */
const TRANSITIONS: Record<RequestAction, { from: RequestStatus; to: RequestStatus }> = {
  submit: { from: 'draft', to: 'complete' },
  'begin-study': { from: 'complete', to: 'under-study' },
  'request-information': { from: 'under-study', to: 'information-requested' },
  'information-received': { from: 'information-requested', to: 'under-study' },
  decide: { from: 'under-study', to: 'decided' },
  notify: { from: 'decided', to: 'notified' },
  close: { from: 'notified', to: 'closed' },
};

export type TransitionResult = { isAllowed: true; to: RequestStatus } | { isAllowed: false; from: RequestStatus; action: RequestAction };

/** The status `action` leads to from `from`, or why not. */
export function transition(from: RequestStatus, action: RequestAction): TransitionResult {
  const rule = TRANSITIONS[action];
  return rule.from === from ? { isAllowed: true, to: rule.to } : { isAllowed: false, from, action };
}

/** The status `action` would lead to from its one allowed starting point (for error messages). */
export function targetOf(action: RequestAction): RequestStatus {
  return TRANSITIONS[action].to;
}

/** The actions possible from a status. */
export function actionsFrom(from: RequestStatus): RequestAction[] {
  return (Object.keys(TRANSITIONS) as RequestAction[]).filter((action) => TRANSITIONS[action].from === from);
}

/** Answers and documents may change while the family is still supplying them (C3). */
export function isEditable(status: RequestStatus): boolean {
  return status === 'draft' || status === 'information-requested';
}

/** Before a decision: a change to the attested data voids the attestation (C4). */
export function isBeforeDecision(status: RequestStatus): boolean {
  return status === 'draft' || status === 'complete' || status === 'under-study' || status === 'information-requested';
}

/** The working-day clock runs (or is paused) in these statuses (C6). */
export function hasOpenClock(status: RequestStatus): boolean {
  return status === 'complete' || status === 'under-study' || status === 'information-requested' || status === 'decided';
}
