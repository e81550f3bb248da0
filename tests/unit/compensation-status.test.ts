import { describe, expect, it } from 'vitest';
import {
  COMPENSATION_ACTIONS,
  COMPENSATION_STATUSES,
  compensationActionsFrom,
  compensationMove,
  compensationRefusal,
  isHarmEstablished,
  isSecondApprovalNeeded,
  median,
  publicCompensationOutcome,
} from '../../src/domain/compensation-status.js';

/** Issue 23 §1–§3 (D1–D4): the compensation case's status flow, the second approval and what the public sees. */
const LEGAL: Array<[string, string, string]> = [
  ['opened', 'begin-investigation', 'under-investigation'],
  ['opened', 'establish', 'established'],
  ['under-investigation', 'establish', 'established'],
  ['negotiation-failed', 'establish', 'established'],
  ['under-investigation', 'find-no-fault', 'no-fault'],
  ['established', 'offer', 'negotiating'],
  ['negotiating', 'offer', 'negotiating'],
  ['negotiating', 'fail-negotiation', 'negotiation-failed'],
  ['negotiating', 'settle', 'settled'],
  ['settled', 'pay', 'paying'],
  ['paying', 'pay', 'paying'],
  ['paying', 'complete', 'closed'],
  ['negotiation-failed', 'close', 'closed'],
  ['opened', 'withdraw', 'withdrawn'],
  ['under-investigation', 'withdraw', 'withdrawn'],
  ['established', 'withdraw', 'withdrawn'],
  ['negotiating', 'withdraw', 'withdrawn'],
  ['negotiation-failed', 'withdraw', 'withdrawn'],
];

describe('compensation status (issue 23, D1–D4)', () => {
  it.each(LEGAL)('D1–D4: %s —%s→ %s', (from, action, to) => {
    expect(compensationMove(from as never, action as never)).toEqual({ isAllowed: true, to });
  });

  it('D1: refuses every other move (409 compensation.illegal-transition in the service)', () => {
    const legal = new Set(LEGAL.map(([from, action]) => `${from}:${action}`));
    let refused = 0;
    for (const from of COMPENSATION_STATUSES)
      for (const action of COMPENSATION_ACTIONS) {
        if (legal.has(`${from}:${action}`)) continue;
        expect(compensationMove(from, action), `${from}:${action}`).toEqual({ isAllowed: false, from, action });
        refused += 1;
      }
    expect(refused).toBe(COMPENSATION_STATUSES.length * COMPENSATION_ACTIONS.length - LEGAL.length);
  });

  it('D1: no offer, settlement or payment before the harm is established; terminal states allow nothing', () => {
    for (const from of ['opened', 'under-investigation'] as const) {
      expect(isHarmEstablished(from)).toBe(false);
      for (const action of ['offer', 'settle', 'pay'] as const) expect(compensationMove(from, action).isAllowed).toBe(false);
    }
    for (const from of ['no-fault', 'closed', 'withdrawn'] as const) expect(compensationActionsFrom(from)).toEqual([]);
    expect(compensationActionsFrom('negotiating')).toEqual(['offer', 'fail-negotiation', 'settle', 'withdraw']);
  });

  it('D1: a refused move about money before harm is established is harm-not-established; any other refusal is an illegal transition', () => {
    for (const from of ['opened', 'under-investigation'] as const)
      for (const action of ['offer', 'settle', 'pay', 'complete'] as const)
        expect(compensationRefusal(from, action), `${from}:${action}`).toBe('harm-not-established');
    expect(compensationRefusal('opened', 'close')).toBe('illegal-transition');
    expect(compensationRefusal('under-investigation', 'fail-negotiation')).toBe('illegal-transition');
    expect(compensationRefusal('withdrawn', 'offer')).toBe('illegal-transition');
    expect(compensationRefusal('closed', 'pay')).toBe('illegal-transition');
    expect(compensationRefusal('established', 'settle')).toBe('illegal-transition');
  });

  it('D4: an offer above the established amount, or any offer on a harm only described, needs management’s second approval', () => {
    expect(isSecondApprovalNeeded({ established: 500_000, offered: 500_000 })).toBe(false);
    expect(isSecondApprovalNeeded({ established: 500_000, offered: 500_001 })).toBe(true);
    expect(isSecondApprovalNeeded({ established: 500_000, offered: null })).toBe(false);
    expect(isSecondApprovalNeeded({ established: null, offered: 100 })).toBe(true);
    expect(isSecondApprovalNeeded({ established: null, offered: null })).toBe(true);
  });

  it('E3: the public tracking page shows only an outcome category', () => {
    expect(COMPENSATION_STATUSES.map((s) => publicCompensationOutcome(s))).toEqual([
      'under-review',
      'under-review',
      'under-review',
      'no-fault',
      'under-review',
      'under-review',
      'settled',
      'settled',
      'closed',
      'closed',
    ]);
  });

  it('takes the median of days (mean of the middle two)', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
  });
});
