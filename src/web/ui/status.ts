import type { RequestStatus, SlaState } from '../../contracts/requests.js';

/**
 * The colours every screen gives a record's status, so a state reads the same on a worklist, a
 * detail header and another area's page (a family's requests).
 */
export const REQUEST_STATUS_COLOURS: Record<RequestStatus, string> = {
  draft: 'gray',
  complete: 'blue',
  'under-study': 'indigo',
  'information-requested': 'orange',
  decided: 'teal',
  notified: 'green',
  closed: 'dark',
};

/** The clock against its deadline (C6, E1, G1): requests, complaints and inquiries alike. */
export const SLA_COLOURS: Record<SlaState, string> & Record<string, string | undefined> = {
  none: 'gray',
  'on-time': 'teal',
  'due-soon': 'orange',
  breached: 'red',
  met: 'green',
  late: 'red',
};

/** A complaint's or inquiry's step; a complaint's steps past receipt read as work in hand. */
export const CASE_STEP_COLOURS: Record<string, string> = {
  received: 'gray',
  acknowledged: 'blue',
  routed: 'indigo',
  answered: 'green',
  closed: 'gray',
};
export const caseStepColour = (step: string, fallback = 'indigo') => CASE_STEP_COLOURS[step] ?? fallback;

export const SEVERITY_COLOURS: Record<string, string> = { low: 'gray', medium: 'yellow', high: 'orange', critical: 'red' };
