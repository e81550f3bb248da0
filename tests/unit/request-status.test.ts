import { describe, expect, it } from 'vitest';
import { REQUEST_ACTIONS, REQUEST_STATUSES, type RequestAction, type RequestStatus } from '../../src/contracts/requests.js';
import { actionsFrom, hasOpenClock, isEditable, transition } from '../../src/domain/request-status.js';

const LEGAL: Array<[RequestStatus, RequestAction, RequestStatus]> = [
  ['draft', 'submit', 'complete'],
  ['complete', 'begin-study', 'under-study'],
  ['under-study', 'request-information', 'information-requested'],
  ['information-requested', 'information-received', 'under-study'],
  ['under-study', 'decide', 'decided'],
  ['decided', 'notify', 'notified'],
  ['notified', 'close', 'closed'],
];

describe('request status flow (C5, C6)', () => {
  it.each(LEGAL)('C5: %s —%s→ %s', (from, action, to) => {
    expect(transition(from, action)).toEqual({ isAllowed: true, to });
  });

  // Every pair not in the legal table is refused: 7 statuses × 7 actions − 7 legal moves = 42 cases.
  const illegal = REQUEST_STATUSES.flatMap((from) =>
    REQUEST_ACTIONS.filter((action) => !LEGAL.some(([f, a]) => f === from && a === action)).map((action) => [from, action] as const),
  );
  it('C5: there are 42 illegal pairs', () => {
    expect(illegal).toHaveLength(42);
  });
  it.each(illegal)('C5: %s —%s→ is illegal (409 request.illegal-transition)', (from, action) => {
    expect(transition(from, action)).toEqual({ isAllowed: false, from, action });
  });

  it('C5: a closed request goes nowhere', () => {
    expect(actionsFrom('closed')).toEqual([]);
  });

  it('C5: under study, the committee may ask for information or decide', () => {
    expect(actionsFrom('under-study').sort()).toEqual(['decide', 'request-information']);
  });

  it('C3: answers change only while the family is supplying them', () => {
    expect(REQUEST_STATUSES.filter(isEditable)).toEqual(['draft', 'information-requested']);
  });

  it('C6: the clock is open from completion until the family is told', () => {
    expect(REQUEST_STATUSES.filter(hasOpenClock)).toEqual(['complete', 'under-study', 'information-requested', 'decided']);
  });
});
