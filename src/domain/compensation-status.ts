/**
 * The status flow of a compensation case (issue 23; D1–D4), pure, shared by the server and the
 * browser; contracts/compensation.ts builds its schemas from these lists.
 *
 *   opened ──begin-investigation──▶ under-investigation ──establish──▶ established ──offer──▶ negotiating
 *   under-investigation ──find-no-fault──▶ no-fault (closed, reasons to the family)
 *   opened | under-investigation | negotiation-failed ──establish (a final ruling, D3)──▶ established
 *   negotiating ──settle (attested)──▶ settled ──pay──▶ paying ──complete──▶ closed
 *   negotiating ──fail-negotiation──▶ negotiation-failed ──close (with reasons)──▶ closed
 *   opened … negotiation-failed ──withdraw──▶ withdrawn
 *
 * D1 is the condition, proven by D2 (frozen minutes) or D3 (a final ruling): nothing about money
 * (an offer, a settlement, a payment) is possible before `established`. Any other move answers 409
 * `compensation.illegal-transition`.
 */
export const COMPENSATION_STATUSES = [
  'opened',
  'under-investigation',
  'established',
  'no-fault',
  'negotiating',
  'negotiation-failed',
  'settled',
  'paying',
  'closed',
  'withdrawn',
] as const;
export type CompensationStatus = (typeof COMPENSATION_STATUSES)[number];

export const COMPENSATION_ACTIONS = [
  'begin-investigation',
  'establish',
  'find-no-fault',
  'offer',
  'fail-negotiation',
  'settle',
  'pay',
  'complete',
  'close',
  'withdraw',
] as const;
export type CompensationAction = (typeof COMPENSATION_ACTIONS)[number];

/** Where a case came from (issue 23 §1): an escalated complaint, or a claim by letter, interview or another channel. */
export const COMPENSATION_ORIGINS = ['complaint', 'letter', 'interview', 'phone', 'fax', 'email', 'other'] as const;
export type CompensationOrigin = (typeof COMPENSATION_ORIGINS)[number];

/** How a payment or delivery was made (issue 23 §4). */
export const PAYMENT_METHODS = ['bank-transfer', 'cheque', 'cash', 'in-kind', 'service'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** The family's answer to an offer (D4). */
export const OFFER_ANSWERS = ['pending', 'accepted', 'rejected', 'counter'] as const;
export type OfferAnswer = (typeof OFFER_ANSWERS)[number];

const OPEN_BEFORE_SETTLEMENT: readonly CompensationStatus[] = [
  'opened',
  'under-investigation',
  'established',
  'negotiating',
  'negotiation-failed',
];

const MOVES: Record<CompensationAction, { from: readonly CompensationStatus[]; to: CompensationStatus }> = {
  'begin-investigation': { from: ['opened'], to: 'under-investigation' },
  // D2 (frozen minutes) or D3 (a final ruling; also after a failed negotiation, issue 23 §1).
  establish: { from: ['opened', 'under-investigation', 'negotiation-failed'], to: 'established' },
  'find-no-fault': { from: ['under-investigation'], to: 'no-fault' },
  offer: { from: ['established', 'negotiating'], to: 'negotiating' },
  'fail-negotiation': { from: ['negotiating'], to: 'negotiation-failed' },
  settle: { from: ['negotiating'], to: 'settled' },
  pay: { from: ['settled', 'paying'], to: 'paying' },
  complete: { from: ['paying'], to: 'closed' },
  close: { from: ['negotiation-failed'], to: 'closed' },
  withdraw: { from: OPEN_BEFORE_SETTLEMENT, to: 'withdrawn' },
};

export type CompensationMove =
  | { isAllowed: true; to: CompensationStatus }
  | { isAllowed: false; from: CompensationStatus; action: CompensationAction };

/** The status `action` leads to from `from`, or why not. */
export function compensationMove(from: CompensationStatus, action: CompensationAction): CompensationMove {
  const rule = MOVES[action];
  return rule.from.includes(from) ? { isAllowed: true, to: rule.to } : { isAllowed: false, from, action };
}

/** The actions possible from a status (the screens show only these). */
export function compensationActionsFrom(from: CompensationStatus): CompensationAction[] {
  return COMPENSATION_ACTIONS.filter((action) => MOVES[action].from.includes(from));
}

/** D1: fault and harm are established (by minutes or a final ruling) and money may be discussed. */
export function isHarmEstablished(status: CompensationStatus): boolean {
  return ['established', 'negotiating', 'negotiation-failed', 'settled', 'paying', 'closed'].includes(status);
}

/** D3: a ruling is recorded until the case is settled or ended (a final one during negotiation fixes the amount). */
export function canRecordRuling(status: CompensationStatus): boolean {
  return !['no-fault', 'closed', 'withdrawn', 'settled', 'paying'].includes(status);
}

/** Before D1 is proven: an offer, a settlement or a payment is refused as `compensation.harm-not-established`. */
export function isAwaitingEstablishment(status: CompensationStatus): boolean {
  return status === 'opened' || status === 'under-investigation';
}

/** D1: the moves about money — an offer, a settlement, a payment — wait for fault and harm to be established. */
const MONEY_ACTIONS: readonly CompensationAction[] = ['offer', 'settle', 'pay', 'complete'];

/**
 * Why `action` cannot follow `from` (a move `compensationMove` refuses): a move about money before D1 is
 * proven is `harm-not-established` (a clearer word for the screens), any other an illegal transition.
 * @example compensationRefusal('opened', 'offer') // 'harm-not-established'
 */
export function compensationRefusal(from: CompensationStatus, action: CompensationAction): 'harm-not-established' | 'illegal-transition' {
  return isAwaitingEstablishment(from) && MONEY_ACTIONS.includes(action) ? 'harm-not-established' : 'illegal-transition';
}

/** A case still being worked on (oversight counts these by step and age). */
export function isOpenCase(status: CompensationStatus): boolean {
  return !['no-fault', 'closed', 'withdrawn'].includes(status);
}

/**
 * D4, issue 23 §3: whether an offer needs management's second approval — always when the harm was
 * established only as a description (no amount), and when the offered amount exceeds the established one.
 * @example isSecondApprovalNeeded({ established: 500_000, offered: 600_000 }) // true
 */
export function isSecondApprovalNeeded({ established, offered }: { established: number | null; offered: number | null }): boolean {
  if (established === null) return true;
  return offered !== null && offered > established;
}

/**
 * What the complaint's public tracking page may say of its compensation case (issue 23 §5): an
 * outcome category, never amounts or terms.
 */
export type PublicCompensationOutcome = 'under-review' | 'settled' | 'no-fault' | 'closed';
export function publicCompensationOutcome(status: CompensationStatus): PublicCompensationOutcome {
  if (status === 'no-fault') return 'no-fault';
  if (status === 'settled' || status === 'paying') return 'settled';
  if (status === 'closed' || status === 'withdrawn') return 'closed';
  return 'under-review';
}

/** Whole days between two instants (opening → settlement), for the oversight median. */
export function daysBetween(fromIso: string, toIso: string): number {
  return Math.floor((Date.parse(toIso) - Date.parse(fromIso)) / 86_400_000);
}

/** Issue 23 §6: the ages (whole days since opening, `daysBetween`) open cases are counted by. */
export const COMPENSATION_AGE_BANDS = [
  { band: '0-30', min: 0, max: 30 },
  { band: '31-90', min: 31, max: 90 },
  { band: '91-180', min: 91, max: 180 },
  { band: '181+', min: 181, max: Number.POSITIVE_INFINITY },
] as const;
export type CompensationAgeBand = (typeof COMPENSATION_AGE_BANDS)[number]['band'];

/**
 * The openings whose age on `nowIso` falls in `band` are those in (after, atOrBefore]: age ≥ min
 * means opened at or before now − min days; age ≤ max means opened after now − (max + 1) days.
 */
export function openedWithin(band: CompensationAgeBand, nowIso: string): { after: string | null; atOrBefore: string } {
  const found = COMPENSATION_AGE_BANDS.find((b) => b.band === band) ?? COMPENSATION_AGE_BANDS[0];
  const now = Date.parse(nowIso);
  const day = 86_400_000;
  return {
    after: Number.isFinite(found.max) ? new Date(now - (found.max + 1) * day).toISOString() : null,
    atOrBefore: new Date(now - found.min * day).toISOString(),
  };
}

/** The median of a list of numbers (null when empty); the mean of the middle two for an even count. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * An amount of halalas as people read it: `5,000.00 ريال` / `SAR 5,000.00` (Latin digits, ARCHITECTURE.md "Digits").
 * @example formatRiyals(125_050, 'en') // 'SAR 1,250.50'
 */
export function formatRiyals(halalas: number, language: 'ar' | 'en'): string {
  const riyals = Math.trunc(halalas / 100);
  const rest = String(Math.abs(halalas % 100)).padStart(2, '0');
  const whole = String(Math.abs(riyals)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = halalas < 0 ? '-' : '';
  return language === 'ar' ? `${sign}${whole}.${rest} ريال` : `SAR ${sign}${whole}.${rest}`;
}
