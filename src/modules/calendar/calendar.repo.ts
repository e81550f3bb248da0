import type { Kysely } from 'kysely';
import { SAUDI_WEEKEND } from '../../domain/calendar-days.js';
import { incrementCounter } from '../../platform/db/counters.js';
import type { Database, HolidayEditTable } from '../../platform/db/schema.js';
import { staffNames } from '../staff/index.js';

type Db = Kysely<Database>;

/** Counts every holiday edit and undo: caches and clocks compare it to know the calendar they used. */
const REVISION_COUNTER = 'calendar-revision';

export async function readCalendarRevision(db: Db): Promise<number> {
  const row = await db.selectFrom('counters').select('value').where('name', '=', REVISION_COUNTER).executeTakeFirst();
  return row ? Number(row.value) : 0;
}

/**
 * Bumps the revision inside the caller's transaction. On PostgreSQL the counter row stays locked
 * until commit, so two administrators' edits (and their clock recomputations) run one after the other.
 */
export async function bumpCalendarRevision(db: Db): Promise<number> {
  return incrementCounter(db, REVISION_COUNTER);
}

export interface StoredHolidayEdit extends HolidayEditTable {
  created_by_name: string | null;
}

/** Edits in force, in the order they are replayed. */
export async function listActiveEdits(db: Db): Promise<StoredHolidayEdit[]> {
  const rows = await db.selectFrom('holiday_edits').selectAll().where('undone_at', 'is', null).orderBy('seq').execute();
  const names = await staffNames(
    db,
    rows.map((row) => row.created_by),
  );
  return rows.map((row) => ({ ...row, seq: Number(row.seq), created_by_name: names.get(row.created_by) ?? null }));
}

export async function insertEdit(db: Db, row: HolidayEditTable): Promise<void> {
  await db.insertInto('holiday_edits').values(row).execute();
}

export async function findActiveEdit(db: Db, id: string): Promise<HolidayEditTable | undefined> {
  return db.selectFrom('holiday_edits').selectAll().where('id', '=', id).where('undone_at', 'is', null).executeTakeFirst();
}

export async function markEditUndone(db: Db, id: string, at: string, by: string): Promise<void> {
  await db.updateTable('holiday_edits').set({ undone_at: at, undone_by: by }).where('id', '=', id).execute();
}

/** Where the weekend setting lives in `settings`. */
export const WEEKEND_SETTING = 'calendar.weekend';

/** The weekend days in force, Friday and Saturday unless an administrator changed them; sorted. */
export async function readWeekend(db: Db): Promise<number[]> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', WEEKEND_SETTING).executeTakeFirst();
  const days = row ? (JSON.parse(row.value) as { days?: unknown }).days : undefined;
  const isValid = Array.isArray(days) && days.length > 0 && days.every((d) => Number.isInteger(d) && d >= 0 && d <= 6);
  return isValid ? [...new Set(days as number[])].sort((a, b) => a - b) : [...SAUDI_WEEKEND];
}

export async function writeWeekend(db: Db, days: readonly number[], at: string, by: string): Promise<void> {
  const value = JSON.stringify({ days });
  await db
    .insertInto('settings')
    .values({ key: WEEKEND_SETTING, value, updated_at: at, updated_by: by })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at, updated_by: by }))
    .execute();
}
