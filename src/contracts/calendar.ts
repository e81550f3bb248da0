import { z } from 'zod';
import { FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR } from '../domain/calendar-days.js';
import { parseCalendarDay } from '../domain/dates.js';
import { text } from './common.js';

/** The working-day calendar's API (issue 4 §3): the public holiday table and deadline, and the administrator's edits. */

export const HOLIDAY_KINDS = ['eid-al-fitr', 'eid-al-adha', 'compensation', 'founding-day', 'national-day', 'custom'] as const;
export const holidayKind = z.enum(HOLIDAY_KINDS);

const DAY_FORMAT = /^\d{4}-\d{2}-\d{2}$/;

/** Why a `YYYY-MM-DD` day is refused, or null when it is a real day inside 2020–2100. */
function dayProblem(value: string): string | null {
  if (!DAY_FORMAT.test(value)) return 'field.date-format';
  if (!parseCalendarDay(value)) return 'field.date-invalid';
  const year = Number(value.slice(0, 4));
  return year < FIRST_CALENDAR_YEAR || year > LAST_CALENDAR_YEAR ? 'calendar.year-out-of-range' : null;
}

/** A calendar day the calendar covers: `YYYY-MM-DD`, a real date (2026-02-30 is not), years 2020–2100. */
export const calendarDay = z
  .string()
  .max(10, 'field.date-format')
  .superRefine((value, ctx) => {
    const problem = dayProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A whole number in a query string; `rangeCode` names the refusal when it is outside [min, max]. */
function integerParam(min: number, max: number, rangeCode: string) {
  return z
    .string()
    .regex(/^-?\d{1,9}$/, 'field.integer')
    .transform(Number)
    .pipe(z.number().int().min(min, rangeCode).max(max, rangeCode));
}

export const calendarYear = integerParam(FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR, 'calendar.year-out-of-range');

/** `?year=YYYY`; this year in Riyadh when absent. */
export const holidaysQuery = z.strictObject({ year: calendarYear.optional() });

/** Longest deadline the public endpoint computes, in working days. */
export const MAX_WORKING_DAYS = 365;

export const deadlineQuery = z.strictObject({
  from: calendarDay,
  workingDays: integerParam(0, MAX_WORKING_DAYS, 'calendar.working-days-out-of-range'),
});

export const holiday = z.object({
  date: z.string(),
  kind: holidayKind,
  nameAr: z.string(),
  nameEn: z.string(),
  /** Present (true) only on a day an administrator added or moved. */
  isEdited: z.literal(true).optional(),
});

export const deadlineAnswer = z.object({
  from: z.string(),
  workingDays: z.number(),
  deadline: z.string(),
  /** Umm al-Qura `YYYY-MM-DD`. */
  deadlineHijri: z.string(),
});

// ---- administrator ----

const addEdit = z.strictObject({ action: z.literal('add'), date: calendarDay, kind: holidayKind, nameAr: text(120), nameEn: text(120) });
const removeEdit = z.strictObject({ action: z.literal('remove'), date: calendarDay });
const moveEdit = z.strictObject({ action: z.literal('move'), from: calendarDay, to: calendarDay });

/** One edit over the holiday table: add a day off, remove one, or move one to another day. */
export const holidayEditBody = z.discriminatedUnion('action', [addEdit, removeEdit, moveEdit]);

export const holidayEditRecord = z.object({
  id: z.string(),
  action: z.enum(['add', 'remove', 'move']),
  /** add / remove: the day. */
  date: z.string().nullable(),
  /** move: from which day to which. */
  from: z.string().nullable(),
  to: z.string().nullable(),
  /** add: the new day off. */
  kind: holidayKind.nullable(),
  nameAr: z.string().nullable(),
  nameEn: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  createdByName: z.string().nullable(),
});

export const adminHoliday = z.object({
  date: z.string(),
  dateHijri: z.string(),
  kind: holidayKind,
  nameAr: z.string(),
  nameEn: z.string(),
  /** Added or moved by an administrator; otherwise the computed default. */
  isEdited: z.boolean(),
  /** The edit that added or moved this day, to undo it. */
  editId: z.string().nullable(),
});

export const adminHolidays = z.object({
  year: z.number(),
  holidays: z.array(adminHoliday),
  /** Default days off of the year that edits removed or moved away. */
  removedDefaults: z.array(holiday.omit({ isEdited: true })),
  /** Edits in force that touch the year, oldest first. */
  edits: z.array(holidayEditRecord),
});

export const holidayEditResult = z.object({
  edit: holidayEditRecord,
  /** Open working-day clocks whose deadline moved. */
  recomputedClocks: z.number(),
});

export const holidayUndoResult = z.object({ ok: z.literal(true), recomputedClocks: z.number() });

// ---- the weekend (SAUDI-LOCALE.md: "Keep the weekend a setting") ----

/** Weekend days as `getUTCDay()` numbers (0 = Sunday … 6 = Saturday): one to three distinct days. */
export const weekendDays = z
  .array(z.number().int('calendar.weekend-day').min(0, 'calendar.weekend-day').max(6, 'calendar.weekend-day'))
  .min(1, 'calendar.weekend-size')
  .max(3, 'calendar.weekend-size')
  .refine((days) => new Set(days).size === days.length, 'calendar.weekend-duplicate');

export const weekendSetting = z.strictObject({ days: weekendDays });

export const weekendResult = z.object({
  /** Sorted, Sunday first. */
  days: z.array(z.number()),
  /** Open working-day clocks whose deadline moved (0 when reading). */
  recomputedClocks: z.number(),
});

// ---- working-day clocks (embedded by the requests and complaints that own them) ----

export const CLOCK_STATES = ['running', 'paused', 'breached', 'met', 'stopped'] as const;

export const workingClock = z.object({
  id: z.string(),
  ownerType: z.string(),
  ownerId: z.string(),
  startDay: z.string(),
  workingDays: z.number(),
  warningThreshold: z.number().nullable(),
  pauses: z.array(z.object({ from: z.string(), to: z.string().nullable() })),
  state: z.enum(CLOCK_STATES),
  deadline: z.string(),
  deadlineHijri: z.string(),
  deadlineEndsAt: z.string(),
  warnDay: z.string().nullable(),
  warnedAt: z.string().nullable(),
  breachedAt: z.string().nullable(),
  stoppedAt: z.string().nullable(),
  stopReason: z.enum(['done', 'cancelled']).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type Holiday = z.infer<typeof holiday>;
export type HolidayEditBody = z.infer<typeof holidayEditBody>;
export type HolidayEditRecord = z.infer<typeof holidayEditRecord>;
export type AdminHolidays = z.infer<typeof adminHolidays>;
export type DeadlineAnswer = z.infer<typeof deadlineAnswer>;
export type WeekendSetting = z.infer<typeof weekendSetting>;
export type WeekendResult = z.infer<typeof weekendResult>;
export type WorkingClock = z.infer<typeof workingClock>;
export type ClockState = (typeof CLOCK_STATES)[number];
