import { describe, expect, it } from 'vitest';
import {
  COMPLAINT_ACTIONS,
  COMPLAINT_STEPS,
  canEscalateToCompensation,
  canSettle,
  complaintMove,
  INQUIRY_ACTIONS,
  INQUIRY_STEPS,
  inquiryMove,
  median,
  publicTimeline,
  type RegisterEntry,
  routeInquiry,
} from '../../src/domain/complaint-steps.js';

/** Issue 6 §5, §7 (E1, E3, C1, E2, G2): the handling steps and inquiry routing as pure rules. */
describe('complaint steps (E1, ISO 10002)', () => {
  it('walks the whole path in order', () => {
    const path: Array<[(typeof COMPLAINT_ACTIONS)[number], string]> = [
      ['acknowledge', 'acknowledged'],
      ['assess', 'assessed'],
      ['assign', 'assigned'],
      ['investigate', 'investigating'],
      ['decide-response', 'response-decided'],
      ['communicate-response', 'response-communicated'],
      ['close', 'closed'],
      ['record-satisfaction', 'satisfaction-followed-up'],
    ];
    let step: (typeof COMPLAINT_STEPS)[number] = 'received';
    for (const [action, to] of path) {
      const move = complaintMove(step, action);
      expect(move, `${step} → ${action}`).toEqual({ isAllowed: true, to });
      step = to as typeof step;
    }
  });

  it('allows exactly one forward move per step, besides re-assessing, re-assigning and revising the response', () => {
    const repeats = new Set(['assessed:assess', 'assigned:assign', 'investigating:assign', 'response-decided:decide-response']);
    for (const step of COMPLAINT_STEPS)
      for (const action of COMPLAINT_ACTIONS) {
        const move = complaintMove(step, action);
        if (!move.isAllowed) continue;
        const isForward = COMPLAINT_STEPS.indexOf(move.to) === COMPLAINT_STEPS.indexOf(step) + 1;
        expect(isForward || repeats.has(`${step}:${action}`), `${step}:${action}`).toBe(true);
      }
    expect(complaintMove('investigating', 'assign')).toEqual({ isAllowed: true, to: 'investigating' });
    expect(complaintMove('received', 'close')).toEqual({ isAllowed: false });
    expect(complaintMove('response-decided', 'close')).toEqual({ isAllowed: false });
  });

  it('E3: a settlement while the complaint is handled; compensation once assessed', () => {
    expect(canSettle('received')).toBe(false);
    expect(canSettle('investigating')).toBe(true);
    expect(canSettle('response-communicated')).toBe(false);
    expect(canEscalateToCompensation('acknowledged')).toBe(false);
    expect(canEscalateToCompensation('satisfaction-followed-up')).toBe(true);
  });

  it('inquiries: received → acknowledged → routed → answered → closed', () => {
    expect(inquiryMove('received', 'acknowledge')).toEqual({ isAllowed: true, to: 'acknowledged' });
    expect(inquiryMove('routed', 'route')).toEqual({ isAllowed: true, to: 'routed' });
    expect(inquiryMove('routed', 'answer')).toEqual({ isAllowed: true, to: 'answered' });
    expect(inquiryMove('routed', 'close')).toEqual({ isAllowed: false });
    for (const step of INQUIRY_STEPS)
      for (const action of INQUIRY_ACTIONS) expect(typeof inquiryMove(step, action).isAllowed).toBe('boolean');
  });

  it('the public timeline ignores records that are not steps (re-assignment, settlement)', () => {
    expect(
      publicTimeline([
        { step: 'received', at: 'T1' },
        { step: 'assigned:assign' as never, at: 'T2' },
        { step: 'assessed', at: 'T3' },
      ]),
    ).toEqual([
      { step: 'received', at: 'T1' },
      { step: 'in-progress', at: 'T3' },
    ]);
  });
});

describe('inquiry routing (C1, E2, G2)', () => {
  const entries: RegisterEntry[] = [
    { id: 'e1', category: 'trainee', domain: 'training', officerId: 'A', backupId: 'B' },
    { id: 'e2', category: 'trainee', domain: null, officerId: 'C', backupId: null },
    { id: 'e3', category: null, domain: 'marketing', officerId: 'D', backupId: 'E' },
  ];
  const none = new Set<string>();
  const route = (category: string | null, domain: string | null, absent = none, isSupport = false) =>
    routeInquiry({ category, domain, isSupport }, entries, absent);

  it('category × domain, else category, else domain, else the general queue', () => {
    expect(route('trainee', 'training')).toMatchObject({ officerId: 'A', rule: 'category-domain', queue: 'officer' });
    expect(route('trainee', 'equipment')).toMatchObject({ officerId: 'C', rule: 'category' });
    expect(route('craftsperson', 'marketing')).toMatchObject({ officerId: 'D', rule: 'domain' });
    expect(route(null, 'marketing')).toMatchObject({ officerId: 'D', rule: 'domain' });
    expect(route('craftsperson', 'licensing')).toMatchObject({ officerId: null, queue: 'general', rule: 'general' });
    expect(route(null, null)).toMatchObject({ queue: 'general' });
  });

  it('E2: the backup when the officer is absent; the general queue when both are (or there is no backup)', () => {
    expect(route('trainee', 'training', new Set(['A']))).toMatchObject({ officerId: 'B', isBackup: true });
    expect(route('trainee', 'training', new Set(['A', 'B']))).toMatchObject({ officerId: null, queue: 'general' });
    expect(route('trainee', 'equipment', new Set(['C']))).toMatchObject({ officerId: null, queue: 'general' });
  });

  it('technical support goes to the support queue whatever the register says', () => {
    expect(route('trainee', 'training', none, true)).toEqual({
      queue: 'support',
      officerId: null,
      rule: 'support',
      entryId: null,
      isBackup: false,
    });
  });

  it('median of response times', () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([1, 2, 3, 10])).toBe(2.5);
  });
});
