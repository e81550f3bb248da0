import type { Kysely } from 'kysely';
import type { CaseSummary } from '../../contracts/complaints.js';
import { riyadhCalendarDay, toHijriString } from '../../domain/dates.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import type { ComplaintRow } from '../../platform/db/schema-complaints.js';
import type { AuditEntry } from '../audit/index.js';
import { currentCalendar, getClock, stopClock } from '../calendar/index.js';

/** A case's working-day clocks (E1): the answer's and the acknowledgement's deadlines, the days left, and stopping them. */
type Db = Kysely<Database>;
type Actor = AuditEntry['actor'];

export async function deadlineOf(db: Db, clockId: string | null): Promise<CaseSummary['deadline']> {
  if (!clockId) return null;
  const clock = await db.selectFrom('working_clocks').selectAll().where('id', '=', clockId).executeTakeFirst();
  if (!clock) return null;
  return {
    day: clock.deadline_day,
    dayHijri: toHijriString(clock.deadline_day),
    state: clock.state,
    workingDays: clock.working_days,
    warnDay: clock.warn_day,
  };
}

const OPEN_CLOCK_STATES: ReadonlySet<string> = new Set(['running', 'paused', 'breached']);

/** E1: working days left on an open clock, counted with the administrator's holidays and weekend; null once stopped. */
export async function daysLeft(ctx: AppContext, db: Db, clockId: string | null): Promise<number | null> {
  const clock = clockId ? await getClock(ctx, clockId, db) : undefined;
  if (!clock || !OPEN_CLOCK_STATES.has(clock.state)) return null;
  // Read through `db`: inside a step's transaction a second connection would wait on it (SQLite).
  const today = riyadhCalendarDay(ctx.clock.now());
  const pauses = clock.pauses.map((p) => ({ from: p.from, to: p.to ?? today }));
  return (await currentCalendar(ctx, db)).calendar.workingDaysLeft(today, clock.deadline, pauses);
}

export async function stopAckClock(trx: Db, ctx: AppContext, row: ComplaintRow, actor: Actor): Promise<void> {
  if (!row.acknowledge_clock_id) return;
  const clock = await trx.selectFrom('working_clocks').select('state').where('id', '=', row.acknowledge_clock_id).executeTakeFirst();
  if (clock && ['running', 'paused', 'breached'].includes(clock.state))
    await stopClock(trx, ctx, row.acknowledge_clock_id, { at: ctx.clock.now(), reason: 'done', actor });
}

/** Stops the main clock when the writer has their answer; the case's SLA state says whether in time. */
export async function stopMainClock(trx: Db, ctx: AppContext, row: ComplaintRow, actor: Actor): Promise<'met' | 'late'> {
  if (!row.clock_id) return 'met';
  const clock = await trx.selectFrom('working_clocks').select('state').where('id', '=', row.clock_id).executeTakeFirst();
  if (!clock || !['running', 'paused', 'breached'].includes(clock.state)) return row.sla_state === 'late' ? 'late' : 'met';
  const stopped = await stopClock(trx, ctx, row.clock_id, { at: ctx.clock.now(), reason: 'done', actor });
  return stopped.state === 'met' ? 'met' : 'late';
}
