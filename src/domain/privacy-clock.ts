/**
 * F2 (issue 25 §2, §8): the two clocks of the Personal Data Protection Law, pure and in calendar
 * time — never the working-day clock (C6), since the law counts every day and every hour:
 * - a data-subject request is answered within 30 calendar days of its receipt (a setting may
 *   shorten this, never lengthen it), extended once, and only before day 30 is over;
 * - a notifiable breach is reported to the regulator within 72 clock hours of the association
 *   becoming aware of it (weekends and holidays count).
 * Days are `YYYY-MM-DD` in Asia/Riyadh; a deadline day ends at 23:59:59.999 Riyadh (UTC+3, no DST).
 */
export const LEGAL_ANSWER_DAYS = 30;
export const BREACH_NOTIFY_HOURS = 72;
const DAY_MS = 86_400_000;
const RIYADH_OFFSET_MS = 3 * 3_600_000;

/** `day` plus `days` calendar days. @example addCalendarDays('2026-01-31', 30) // '2026-03-02' */
export function addCalendarDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function calendarDaysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00.000Z`) - Date.parse(`${from}T00:00:00.000Z`)) / DAY_MS);
}

/** The last instant of a Riyadh calendar day, as UTC ISO. */
export function endOfRiyadhDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + DAY_MS - 1 - RIYADH_OFFSET_MS).toISOString();
}

/** F2: a request's deadline day — receipt day plus the answer period (≤ 30). @example requestDeadline('2026-12-06', 30) // '2027-01-05' */
export function requestDeadline(receivedDay: string, answerDays: number): string {
  return addCalendarDays(receivedDay, Math.min(answerDays, LEGAL_ANSWER_DAYS));
}

/** The day a warning is due: `warningDays` before the deadline (never before the receipt day). */
export function warningDay(receivedDay: string, deadlineDay: string, warningDays: number): string {
  const day = addCalendarDays(deadlineDay, -warningDays);
  return day < receivedDay ? receivedDay : day;
}

export type ExtensionRefusal = 'privacy.extension-used' | 'privacy.extension-too-late' | null;

/**
 * F2: one extension, asked before day 30 from receipt is over (day 30 itself is too late: the
 * requester must hear of it while the legal period still runs).
 * @example extensionRefusal({ receivedDay: '2026-01-01', today: '2026-01-30', isExtended: false }) // null (day 29)
 */
export function extensionRefusal({
  receivedDay,
  today,
  isExtended,
}: {
  receivedDay: string;
  today: string;
  isExtended: boolean;
}): ExtensionRefusal {
  if (isExtended) return 'privacy.extension-used';
  return calendarDaysBetween(receivedDay, today) >= LEGAL_ANSWER_DAYS ? 'privacy.extension-too-late' : null;
}

/** F2, issue 25 §8: the regulator's deadline — exactly 72 hours after awareness, whatever the days. */
export function breachNotifyDeadline(awareAt: string): string {
  return new Date(Date.parse(awareAt) + BREACH_NOTIFY_HOURS * 3_600_000).toISOString();
}

/** Hours left (negative when overdue), rounded down. */
export function hoursLeft(deadlineAt: string, now: Date): number {
  return Math.floor((Date.parse(deadlineAt) - now.getTime()) / 3_600_000);
}
