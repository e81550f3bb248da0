import type { Kysely } from 'kysely';
import type { ClockEventTable, Database, WorkingClockTable } from '../../platform/db/schema.js';

type Db = Kysely<Database>;

/** Clocks still counting or waiting: the ones holiday edits move and the event check watches. */
export const OPEN_STATES = ['running', 'paused', 'breached'] as const;

function normalise(row: WorkingClockTable): WorkingClockTable {
  // PostgreSQL answers bigint columns as numbers already (database.ts), SQLite as numbers: kept explicit.
  return { ...row, calendar_revision: Number(row.calendar_revision) };
}

export async function insertClock(db: Db, row: WorkingClockTable): Promise<void> {
  await db.insertInto('working_clocks').values(row).execute();
}

export async function findClock(db: Db, id: string): Promise<WorkingClockTable | undefined> {
  const row = await db.selectFrom('working_clocks').selectAll().where('id', '=', id).executeTakeFirst();
  return row && normalise(row);
}

/** Many clocks by id in one read; unknown ids are left out. */
export async function findClocks(db: Db, ids: readonly string[]): Promise<WorkingClockTable[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('working_clocks')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
  return rows.map(normalise);
}

export async function findClocksOf(db: Db, ownerType: string, ownerId: string): Promise<WorkingClockTable[]> {
  const rows = await db
    .selectFrom('working_clocks')
    .selectAll()
    .where('owner_type', '=', ownerType)
    .where('owner_id', '=', ownerId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(normalise);
}

export async function updateClock(db: Db, id: string, changes: Partial<Omit<WorkingClockTable, 'id'>>): Promise<void> {
  await db.updateTable('working_clocks').set(changes).where('id', '=', id).execute();
}

/**
 * Open clocks a change of days off between `firstDay` and `lastDay` can move: a day at or before
 * a clock's start, or after its deadline, changes nothing about it.
 */
export async function openClocksSpanning(db: Db, firstDay: string, lastDay: string): Promise<WorkingClockTable[]> {
  const rows = await db
    .selectFrom('working_clocks')
    .selectAll()
    .where('state', 'in', OPEN_STATES)
    .where('deadline_day', '>=', firstDay)
    .where('start_day', '<', lastDay)
    .orderBy('id')
    .execute();
  return rows.map(normalise);
}

/** Open clocks computed on a calendar older than `revision` and not yet brought up to date. */
export async function openClocksBehind(db: Db, revision: number, limit: number): Promise<WorkingClockTable[]> {
  const rows = await db
    .selectFrom('working_clocks')
    .selectAll()
    .where('state', 'in', OPEN_STATES)
    .where('calendar_revision', '<', revision)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(normalise);
}

/** After an edit recomputed the clocks it moves, the rest of those on the previous calendar are current too. */
export async function advanceRevision(db: Db, from: number, to: number): Promise<void> {
  // updated_at stays: nothing a person sees changed.
  await db
    .updateTable('working_clocks')
    .set({ calendar_revision: to })
    .where('state', 'in', OPEN_STATES)
    .where('calendar_revision', '=', from)
    .execute();
}

export async function runningClocksPastDeadline(db: Db, nowIso: string, limit: number): Promise<WorkingClockTable[]> {
  const rows = await db
    .selectFrom('working_clocks')
    .selectAll()
    .where('state', '=', 'running')
    .where('deadline_at', '<', nowIso)
    .orderBy('deadline_at')
    .limit(limit)
    .execute();
  return rows.map(normalise);
}

export async function runningClocksToWarn(db: Db, today: string, limit: number): Promise<WorkingClockTable[]> {
  const rows = await db
    .selectFrom('working_clocks')
    .selectAll()
    .where('state', '=', 'running')
    .where('warned_at', 'is', null)
    .where('warn_day', '<=', today)
    .orderBy('warn_day')
    .limit(limit)
    .execute();
  return rows.map(normalise);
}

/**
 * The breach and warning markers are set only while still unset and the condition still holds: the
 * row lock on PostgreSQL and the re-checked condition raise each event once even if checks overlap
 * or a holiday edit moved the deadline in the meantime.
 */
export async function claimBreach(db: Db, id: string, nowIso: string): Promise<boolean> {
  const result = await db
    .updateTable('working_clocks')
    .set({ state: 'breached', breached_at: nowIso, updated_at: nowIso })
    .where('id', '=', id)
    .where('state', '=', 'running')
    .where('breached_at', 'is', null)
    .where('deadline_at', '<', nowIso)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function claimWarning(db: Db, id: string, today: string, nowIso: string): Promise<boolean> {
  const result = await db
    .updateTable('working_clocks')
    .set({ warned_at: nowIso, updated_at: nowIso })
    .where('id', '=', id)
    .where('state', '=', 'running')
    .where('warned_at', 'is', null)
    .where('warn_day', '<=', today)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertClockEvent(db: Db, row: ClockEventTable): Promise<void> {
  await db.insertInto('clock_events').values(row).execute();
}

export async function listClockEvents(db: Db, clockId: string): Promise<ClockEventTable[]> {
  return db.selectFrom('clock_events').selectAll().where('clock_id', '=', clockId).orderBy('at').orderBy('id').execute();
}

/** Unhandled events with their clocks, oldest first; `ownerType` keeps each consumer to its own. */
export async function pendingClockEvents(db: Db, limit: number, ownerType?: string) {
  let query = db
    .selectFrom('clock_events as e')
    .innerJoin('working_clocks as c', 'c.id', 'e.clock_id')
    .selectAll('c')
    .select(['e.id as event_id', 'e.kind as event_kind', 'e.at as event_at'])
    .where('e.handled_at', 'is', null);
  if (ownerType) query = query.where('c.owner_type', '=', ownerType);
  return query.orderBy('e.at').orderBy('e.id').limit(limit).execute();
}

export async function markClockEventHandled(db: Db, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('clock_events')
    .set({ handled_at: at })
    .where('id', '=', id)
    .where('handled_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
