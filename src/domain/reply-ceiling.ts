/**
 * C6: «لا تتجاوز ١٥ يوم عمل» — a reply within at most 15 working days of completion. A request
 * type may promise fewer days, never more. Pure: the contracts, the staff form and migration 0031
 * share it.
 */
export const MAX_REPLY_WORKING_DAYS = 15;

/** The warning a type gets when its own no longer fits inside the capped deadline (the shipped default). */
export const DEFAULT_WARNING_THRESHOLD = 3;

export interface ReplyTerms {
  responseWorkingDays: number;
  /** Working days left at which staff are warned; null: never. Always fewer than the reply days. */
  warningThreshold: number | null;
}

/**
 * A type's reply terms brought within the C6 ceiling: more than 15 days become 15, and a warning
 * that would no longer come before the deadline falls back to the default. Terms already within
 * the ceiling come back unchanged (the same object).
 * @example capReplyTerms({ responseWorkingDays: 60, warningThreshold: 20 }) // { responseWorkingDays: 15, warningThreshold: 3 }
 */
export function capReplyTerms(terms: ReplyTerms): ReplyTerms {
  if (terms.responseWorkingDays <= MAX_REPLY_WORKING_DAYS) return terms;
  const threshold = terms.warningThreshold;
  return {
    responseWorkingDays: MAX_REPLY_WORKING_DAYS,
    warningThreshold: threshold !== null && threshold >= MAX_REPLY_WORKING_DAYS ? DEFAULT_WARNING_THRESHOLD : threshold,
  };
}
