import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CastVote,
  isReasonRequired,
  STANDARD_APPROVAL_REASON,
  tallyVotes,
  VOTE_CHOICES,
  type VoteChoice,
} from '../../src/domain/committee-vote.js';

const vote = (memberId: string, choice: VoteChoice, reasons: string | null = null): CastVote => ({ memberId, choice, reasons });

describe('committee decision from votes (C5)', () => {
  it('C5: below the quorum there is no decision, abstentions count towards it', () => {
    const below = tallyVotes({ votes: [vote('a', 'approve'), vote('b', 'approve')], quorum: 3, chairId: 'a' });
    expect(below).toMatchObject({ state: 'quorum-not-met', outcome: null, votesCast: 2, quorum: 3 });
    const met = tallyVotes({ votes: [vote('a', 'approve'), vote('b', 'approve'), vote('c', 'abstain')], quorum: 3, chairId: 'a' });
    expect(met).toMatchObject({ state: 'decided', outcome: 'approved', votesCast: 3, isTieBroken: false });
    expect(met.counts).toEqual({ approve: 2, partlyApprove: 0, reject: 0, abstain: 1 });
  });

  it('C5: the choice with most votes wins and carries its voters’ reasons, the chair’s first', () => {
    const result = tallyVotes({
      votes: [
        vote('a', 'approve'),
        vote('b', 'reject', 'الدخل يتجاوز الحد'),
        vote('c', 'reject', 'لم تكتمل الخبرة'),
        vote('chair', 'reject', 'السبب الأول'),
      ],
      quorum: 3,
      chairId: 'chair',
    });
    expect(result).toMatchObject({ state: 'decided', outcome: 'rejected', isTieBroken: false });
    expect(result.reasons).toBe('السبب الأول\nالدخل يتجاوز الحد\nلم تكتمل الخبرة');
  });

  it('C5: a tie is broken by the chair’s vote', () => {
    const result = tallyVotes({
      votes: [vote('chair', 'partly-approve', 'يُمنح نصف المبلغ'), vote('b', 'approve'), vote('c', 'abstain')],
      quorum: 3,
      chairId: 'chair',
    });
    expect(result).toMatchObject({ state: 'decided', outcome: 'partly-approved', isTieBroken: true, reasons: 'يُمنح نصف المبلغ' });
  });

  it('C5: a tie the chair did not vote in (abstained, or voted for a lesser choice) has no majority', () => {
    const abstained = tallyVotes({
      votes: [vote('chair', 'abstain'), vote('b', 'approve'), vote('c', 'reject', 'x')],
      quorum: 3,
      chairId: 'chair',
    });
    expect(abstained).toMatchObject({ state: 'no-majority', outcome: null });
    const lesser = tallyVotes({
      votes: [
        vote('a', 'approve'),
        vote('b', 'approve'),
        vote('c', 'reject', 'x'),
        vote('d', 'reject', 'y'),
        vote('chair', 'partly-approve', 'z'),
      ],
      quorum: 3,
      chairId: 'chair',
    });
    expect(lesser.state).toBe('no-majority');
  });

  it('C5: everyone abstaining decides nothing', () => {
    expect(tallyVotes({ votes: [vote('a', 'abstain'), vote('b', 'abstain')], quorum: 2, chairId: 'a' }).state).toBe('no-majority');
  });

  it('C5: an approval without reasons carries the standard wording', () => {
    expect(tallyVotes({ votes: [vote('a', 'approve')], quorum: 1, chairId: null }).reasons).toBe(STANDARD_APPROVAL_REASON);
  });

  it('C5: reject and partly-approve need reasons, approve and abstain do not', () => {
    expect(VOTE_CHOICES.filter(isReasonRequired)).toEqual(['partly-approve', 'reject']);
  });

  it('a decision always has the quorum and the strictly largest (or chair-backed) side', () => {
    const choice = fc.constantFrom(...VOTE_CHOICES);
    fc.assert(
      fc.property(fc.array(choice, { maxLength: 9 }), fc.integer({ min: 1, max: 9 }), fc.nat(8), (choices, quorum, chairIndex) => {
        const votes = choices.map((c, i) => vote(`m${i}`, c, 'r'));
        const result = tallyVotes({ votes, quorum, chairId: `m${chairIndex}` });
        if (result.state !== 'decided') return;
        expect(votes.length).toBeGreaterThanOrEqual(quorum);
        const key = { approved: 'approve', 'partly-approved': 'partly-approve', rejected: 'reject' } as const;
        const winning = votes.filter((v) => v.choice === key[result.outcome as keyof typeof key]).length;
        for (const other of ['approve', 'partly-approve', 'reject'] as const) {
          const n = votes.filter((v) => v.choice === other).length;
          if (other === key[result.outcome as keyof typeof key]) continue;
          if (result.isTieBroken) expect(n).toBeLessThanOrEqual(winning);
          else expect(n).toBeLessThan(winning);
        }
        if (result.isTieBroken) expect(votes[chairIndex]?.choice).toBe(key[result.outcome as keyof typeof key]);
      }),
    );
  });
});
