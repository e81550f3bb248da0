/**
 * A committee's decision on one request from its members' votes (C5; D2 reuses it). Pure.
 *
 * - Quorum: the number of members who voted on the request, abstentions included (they took part),
 *   must reach the committee's quorum; below it there is no decision.
 * - Majority: the choice (approve, partly-approve, reject) with the most votes wins outright.
 * - Tie: when two or three choices share the most votes, the chair's vote decides if the chair
 *   voted for one of them; otherwise (the chair abstained, or voted for a lesser choice) there is no
 *   majority and the committee must vote again.
 * - Reasons: the winning side's reasons, the chair's first; an approval that gives none carries the
 *   committee's standard wording. Reject and partly-approve votes must carry reasons.
 */
export const VOTE_CHOICES = ['approve', 'partly-approve', 'reject', 'abstain'] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];

export const DECISION_OUTCOMES = ['approved', 'partly-approved', 'rejected'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export const TALLY_STATES = ['decided', 'quorum-not-met', 'no-majority'] as const;
export type TallyState = (typeof TALLY_STATES)[number];

/** The wording of an approval whose voters gave no reasons. */
export const STANDARD_APPROVAL_REASON = 'وافقت اللجنة على الطلب لاستيفائه الاشتراطات.';

const OUTCOME_OF: Record<Exclude<VoteChoice, 'abstain'>, DecisionOutcome> = {
  approve: 'approved',
  'partly-approve': 'partly-approved',
  reject: 'rejected',
};

export interface CastVote {
  memberId: string;
  choice: VoteChoice;
  reasons: string | null;
}

export interface TallyResult {
  state: TallyState;
  outcome: DecisionOutcome | null;
  reasons: string | null;
  isTieBroken: boolean;
  votesCast: number;
  quorum: number;
  counts: { approve: number; partlyApprove: number; reject: number; abstain: number };
}

/** Reject and partly-approve must say why (C5: the decision carries its reasons). */
export function isReasonRequired(choice: VoteChoice): boolean {
  return choice === 'reject' || choice === 'partly-approve';
}

export function tallyVotes({
  votes,
  quorum,
  chairId,
}: {
  votes: readonly CastVote[];
  quorum: number;
  chairId: string | null;
}): TallyResult {
  const count = (choice: VoteChoice) => votes.filter((v) => v.choice === choice).length;
  const counts = { approve: count('approve'), partlyApprove: count('partly-approve'), reject: count('reject'), abstain: count('abstain') };
  const base = { votesCast: votes.length, quorum, counts, isTieBroken: false, outcome: null, reasons: null };
  if (votes.length < quorum) return { ...base, state: 'quorum-not-met' };

  const decisive = (['approve', 'partly-approve', 'reject'] as const).map((choice) => ({ choice, n: count(choice) }));
  const most = Math.max(...decisive.map((d) => d.n));
  if (most === 0) return { ...base, state: 'no-majority' };
  const top = decisive.filter((d) => d.n === most).map((d) => d.choice);
  let winner: Exclude<VoteChoice, 'abstain'> | undefined = top.length === 1 ? top[0] : undefined;
  let isTieBroken = false;
  if (!winner) {
    const chairChoice = votes.find((v) => v.memberId === chairId)?.choice;
    winner = top.find((choice) => choice === chairChoice);
    isTieBroken = winner !== undefined;
  }
  if (!winner) return { ...base, state: 'no-majority' };

  const sides = votes.filter((v) => v.choice === winner);
  const ordered = [...sides.filter((v) => v.memberId === chairId), ...sides.filter((v) => v.memberId !== chairId)];
  const reasons = [...new Set(ordered.map((v) => v.reasons?.trim() ?? '').filter(Boolean))];
  return {
    ...base,
    state: 'decided',
    outcome: OUTCOME_OF[winner],
    isTieBroken,
    reasons: reasons.length ? reasons.join('\n') : winner === 'approve' ? STANDARD_APPROVAL_REASON : null,
  };
}
