import type { CompensationStatus } from '../../domain/compensation-status.js';

/** The colours of a compensation case's step (issue 23), on the worklist and the detail header alike. */
export const COMPENSATION_STATUS_COLOURS: Record<CompensationStatus, string> = {
  opened: 'gray',
  'under-investigation': 'indigo',
  established: 'blue',
  'no-fault': 'dark',
  negotiating: 'orange',
  'negotiation-failed': 'red',
  settled: 'teal',
  paying: 'cyan',
  closed: 'green',
  withdrawn: 'dark',
};
