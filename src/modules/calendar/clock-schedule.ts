import { deadlineEndInstant, type Pause, type WorkingCalendar } from '../../domain/calendar.js';
import { AppError } from '../../platform/http/app-error.js';

/** A paused span as stored: both ends inclusive, `to` null while the clock is still paused. */
export interface StoredPause {
  from: string;
  to: string | null;
}

export interface ClockTerms {
  startDay: string;
  workingDays: number;
  warningThreshold: number | null;
  pauses: readonly StoredPause[];
}

export interface ClockSchedule {
  deadlineDay: string;
  deadlineAt: string;
  warnDay: string | null;
}

/**
 * Where a clock's deadline and warning fall (C6 for requests, E1 for complaints): day 0 is the start
 * day, paused days do not count, and the deadline passes at 23:59:59 Riyadh of the last working day.
 * A pause still open counts as lasting only its first day, so a paused clock's deadline is the
 * earliest it can be; resuming fixes the span and recomputes.
 *
 * The warning falls on the day after which `warningThreshold` working days are left — the
 * (workingDays − threshold)-th working day — so "3 days left" warns on the morning of that day.
 */
export function scheduleClock(calendar: WorkingCalendar, terms: ClockTerms): ClockSchedule {
  const pauses: Pause[] = terms.pauses.map((p) => ({ from: p.from, to: p.to ?? p.from }));
  try {
    const deadlineDay = calendar.addWorkingDays(terms.startDay, terms.workingDays, pauses);
    const threshold = terms.warningThreshold;
    const warnDay =
      threshold === null
        ? null
        : threshold >= terms.workingDays
          ? terms.startDay
          : calendar.addWorkingDays(terms.startDay, terms.workingDays - threshold, pauses);
    return { deadlineDay, deadlineAt: deadlineEndInstant(deadlineDay), warnDay };
  } catch (error) {
    if (error instanceof RangeError) {
      throw AppError.badRequest('calendar.deadline-out-of-range', error.message, [
        { pointer: '/workingDays', code: 'calendar.deadline-out-of-range', detail: 'The deadline falls outside the years 2020–2100' },
      ]);
    }
    throw error;
  }
}
