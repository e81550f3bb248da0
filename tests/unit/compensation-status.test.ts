import { describe, expect, it } from 'vitest';
import {
  COMPENSATION_ACTIONS,
  COMPENSATION_AGE_BANDS,
  COMPENSATION_STATUSES,
  compensationActionsFrom,
  compensationMove,
  compensationRefusal,
  daysBetween,
  isHarmEstablished,
  isSecondApprovalNeeded,
  median,
  openedWithin,
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

describe('issue 23 §6: an oversight age band as the openings of its list', () => {
  const now = '2026-06-01T09:00:00.000Z';
  const opened = (days: number, plusMs = 0) => new Date(Date.parse(now) - days * 86_400_000 + plusMs).toISOString();
  const inBand = (band: (typeof COMPENSATION_AGE_BANDS)[number]['band'], at: string) => {
    const { after, atOrBefore } = openedWithin(band, now);
    return at <= atOrBefore && (after === null || at > after);
  };
  it('each opening falls in exactly the band its age (daysBetween) counts it in, at the edges too', () => {
    for (const days of [0, 1, 30, 31, 90, 91, 180, 181, 400])
      for (const plusMs of [0, 1, -1, 3_600_000, -3_600_000]) {
        const at = opened(days, plusMs);
        const age = daysBetween(at, now);
        if (age < 0) continue;
        const bands = COMPENSATION_AGE_BANDS.filter((b) => inBand(b.band, at)).map((b) => b.band);
        const expected = COMPENSATION_AGE_BANDS.find((b) => age >= b.min && age <= b.max)?.band;
        expect(bands, `${days} days ${plusMs} ms`).toEqual([expected]);
      }
  });
});
