import type { Kysely } from 'kysely';
import { createWorkingCalendar, deadlineEndInstant, SAUDI_WEEKEND, type WorkingCalendar } from '../../../domain/calendar.js';
import type { Holiday } from '../../../domain/holidays.js';
import { type HolidayEdit, holidaysWithEdits } from '../../../domain/holidays-edits.js';
import { capReplyTerms, MAX_REPLY_WORKING_DAYS } from '../../../domain/reply-ceiling.js';
import { uuidv7 } from '../../ids.js';

/**
 * Issue 27 §1 (C6, «لا تتجاوز ١٥ يوم عمل»): 15 working days is the ceiling, not a default.
 * - Request types promising more are set to 15 (a warning that no longer fits falls back to 3);
 *   an audit row names the old and new values.
 * - Open requests (complete, under study, waiting on information) on such a type get the earlier of
 *   their deadline and completion + 15 working days + the days paused, on the calendar in force;
 *   the clock's recompute is audited like a holiday edit's (`clock.recompute`, old and new deadline)
 *   and the request's history says so (`deadline-capped`). Decided requests are left as they are.
 * The calendar and schedule are the domain's, read as the calendar module reads them
 * (clock-schedule.ts, working-calendar.ts): a migration must not depend on an area's code.
 */
const BATCH = 500;
const OPEN_CLOCK_STATES = ['running', 'paused', 'breached'];
const OPEN_REQUEST_STATUSES = ['complete', 'under-study', 'information-requested'];
const SYSTEM = { actor_kind: 'system', actor_id: null };

type Db = Kysely<any>;

function auditRow(at: Date, action: string, entity: string, entityId: string, details: Record<string, unknown>, fields?: string[]) {
  return {
    id: uuidv7(at.getTime()),
    at: at.toISOString(),
    ...SYSTEM,
    action,
    entity,
    entity_id: entityId,
    fields: fields ? JSON.stringify(fields) : null,
    details: JSON.stringify(details),
    prev_hash: null,
    hash: null,
    chain_position: null,
  };
}

async function capTypes(db: Db, now: Date): Promise<void> {
  const types = await db.selectFrom('request_types').selectAll().where('response_working_days', '>', MAX_REPLY_WORKING_DAYS).execute();
  for (const type of types) {
    const old = { responseWorkingDays: Number(type.response_working_days), warningThreshold: type.warning_threshold };
    const capped = capReplyTerms(old);
    await db
      .updateTable('request_types')
      .set({
        response_working_days: capped.responseWorkingDays,
        warning_threshold: capped.warningThreshold,
        version: Number(type.version) + 1,
        updated_at: now.toISOString(),
        updated_by: null,
      })
      .where('code', '=', type.code)
      .execute();
    const fields = ['responseWorkingDays', ...(capped.warningThreshold !== old.warningThreshold ? ['warningThreshold'] : [])];
    await db
      .insertInto('audit_events')
      .values(
        auditRow(
          now,
          'request-type.cap',
          'request_type',
          type.code,
          {
            clause: 'C6',
            oldResponseWorkingDays: old.responseWorkingDays,
            newResponseWorkingDays: capped.responseWorkingDays,
            oldWarningThreshold: old.warningThreshold,
            newWarningThreshold: capped.warningThreshold,
          },
          fields,
        ),
      )
      .execute();
  }
}

interface HolidayEditRow {
  action: string;
  date: string;
  to_date: string | null;
  holiday_kind: string | null;
  name_ar: string | null;
  name_en: string | null;
}

function toHolidayEdit(row: HolidayEditRow): HolidayEdit {
  if (row.action === 'move') return { kind: 'move', from: row.date, to: row.to_date ?? row.date };
  if (row.action === 'remove') return { kind: 'remove', date: row.date };
  return {
    kind: 'add',
    date: row.date,
    holidayKind: (row.holiday_kind ?? 'custom') as Holiday['kind'],
    nameAr: row.name_ar ?? '',
    nameEn: row.name_en ?? '',
  };
}

/** The working calendar in force: the computed holidays with the administrator's edits, over the weekend setting. */
async function calendarInForce(db: Db): Promise<{ calendar: WorkingCalendar; revision: number }> {
  const rows = await db.selectFrom('holiday_edits').selectAll().where('undone_at', 'is', null).orderBy('seq').execute();
  const edits = rows.map((row) => toHolidayEdit(row as HolidayEditRow));
  const setting = await db.selectFrom('settings').select('value').where('key', '=', 'calendar.weekend').executeTakeFirst();
  const days = setting ? (JSON.parse(setting.value) as { days?: unknown }).days : undefined;
  const isValid = Array.isArray(days) && days.length > 0 && days.every((d) => Number.isInteger(d) && d >= 0 && d <= 6);
  const weekend = isValid ? [...new Set(days as number[])].sort((a, b) => a - b) : [...SAUDI_WEEKEND];
  const years = new Map<number, readonly Holiday[]>();
  const holidaysForYear = (year: number) => {
    const table = years.get(year) ?? holidaysWithEdits(year, edits);
    years.set(year, table);
    return table;
  };
  const counter = await db.selectFrom('counters').select('value').where('name', '=', 'calendar-revision').executeTakeFirst();
  return { calendar: createWorkingCalendar({ weekend, holidaysForYear }), revision: counter ? Number(counter.value) : 0 };
}

interface ClockRow {
  id: string;
  owner_id: string;
  start_day: string;
  working_days: number;
  warning_threshold: number | null;
  pauses: string;
  deadline_day: string;
  warn_day: string | null;
  request_status: string;
}

/** As clock-schedule.ts: day 0 is the start day, paused days do not count, a pause still open counts its first day. */
function scheduleCapped(calendar: WorkingCalendar, clock: ClockRow) {
  const { responseWorkingDays: workingDays, warningThreshold } = capReplyTerms({
    responseWorkingDays: Number(clock.working_days),
    warningThreshold: clock.warning_threshold === null ? null : Number(clock.warning_threshold),
  });
  const pauses = (JSON.parse(clock.pauses) as { from: string; to: string | null }[]).map((p) => ({ from: p.from, to: p.to ?? p.from }));
  const capped = calendar.addWorkingDays(clock.start_day, workingDays, pauses);
  // The earlier of the deadline it had and the one the ceiling gives.
  const deadlineDay = [capped, clock.deadline_day].sort()[0] as string;
  const warnDay =
    warningThreshold === null
      ? null
      : warningThreshold >= workingDays
        ? clock.start_day
        : calendar.addWorkingDays(clock.start_day, workingDays - warningThreshold, pauses);
  return { workingDays, warningThreshold, deadlineDay, warnDay };
}

async function addHistory(db: Db, now: Date, requestId: string, status: string): Promise<void> {
  const last = await db
    .selectFrom('request_history')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('request_id', '=', requestId)
    .executeTakeFirst();
  await db
    .insertInto('request_history')
    .values({
      id: uuidv7(now.getTime()),
      request_id: requestId,
      seq: Number(last?.seq ?? 0) + 1,
      event: 'deadline-capped',
      from_status: status,
      to_status: status,
      at: now.toISOString(),
      actor_kind: 'system',
      actor_id: null,
      note: null,
    })
    .execute();
}

async function capOpenRequests(db: Db, now: Date): Promise<void> {
  const { calendar, revision } = await calendarInForce(db);
  let after = '';
  for (;;) {
    const clocks = (await db
      .selectFrom('working_clocks as c')
      .innerJoin('requests as r', 'r.clock_id', 'c.id')
      .select(['c.id', 'c.owner_id', 'c.start_day', 'c.working_days', 'c.warning_threshold', 'c.pauses', 'c.deadline_day', 'c.warn_day'])
      .select('r.status as request_status')
      .where('c.owner_type', '=', 'request')
      .where('c.state', 'in', OPEN_CLOCK_STATES)
      .where('c.working_days', '>', MAX_REPLY_WORKING_DAYS)
      .where('r.status', 'in', OPEN_REQUEST_STATUSES)
      .where('c.id', '>', after)
      .orderBy('c.id')
      .limit(BATCH)
      .execute()) as ClockRow[];
    if (!clocks.length) return;
    after = clocks[clocks.length - 1]?.id as string;
    for (const clock of clocks) {
      const next = scheduleCapped(calendar, clock);
      await db
        .updateTable('working_clocks')
        .set({
          working_days: next.workingDays,
          warning_threshold: next.warningThreshold,
          deadline_day: next.deadlineDay,
          deadline_at: deadlineEndInstant(next.deadlineDay),
          warn_day: next.warnDay,
          calendar_revision: revision,
          updated_at: now.toISOString(),
        })
        .where('id', '=', clock.id)
        .execute();
      await db
        .insertInto('audit_events')
        .values(
          auditRow(now, 'clock.recompute', 'working_clock', clock.id, {
            ownerType: 'request',
            ownerId: clock.owner_id,
            reason: 'c6-ceiling',
            oldWorkingDays: Number(clock.working_days),
            newWorkingDays: next.workingDays,
            oldDeadline: clock.deadline_day,
            newDeadline: next.deadlineDay,
            oldWarnDay: clock.warn_day,
            newWarnDay: next.warnDay,
          }),
        )
        .execute();
      await db.updateTable('requests').set({ deadline_day: next.deadlineDay }).where('id', '=', clock.owner_id).execute();
      await addHistory(db, now, clock.owner_id, clock.request_status);
    }
  }
}

export async function up(db: Db): Promise<void> {
  const now = new Date();
  await capTypes(db, now);
  await capOpenRequests(db, now);
}

/** The old reply times are in the audit rows; going back leaves the capped values (they are valid before too). */
export async function down(_db: Db): Promise<void> {}
