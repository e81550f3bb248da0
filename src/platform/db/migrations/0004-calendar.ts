import { type Kysely, sql } from 'kysely';

/**
 * The working-day calendar's stored half (issue 4 §2, §4): administrator edits over the computed
 * holiday table (only edits are stored; defaults are computed on the fly), working-day clocks that
 * service requests (C6) and complaints (E1) attach to what they track, and the events clocks raise.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Edits are replayed in `seq` order over the defaults; an undone edit keeps its row (who undid it, when).
  await db.schema
    .createTable('holiday_edits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull().unique())
    .addColumn('action', 'text', (c) => c.notNull()) // 'add' | 'remove' | 'move'
    .addColumn('date', 'text', (c) => c.notNull()) // add/remove: the day; move: the day it moves from
    .addColumn('to_date', 'text') // move: the day it moves to
    .addColumn('holiday_kind', 'text') // add
    .addColumn('name_ar', 'text') // add
    .addColumn('name_en', 'text') // add
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('undone_at', 'text')
    .addColumn('undone_by', 'text')
    .execute();

  await db.schema
    .createTable('working_clocks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_type', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('start_day', 'text', (c) => c.notNull())
    .addColumn('working_days', 'integer', (c) => c.notNull())
    .addColumn('warning_threshold', 'integer')
    .addColumn('pauses', 'text', (c) => c.notNull()) // JSON [{from, to | null}]
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('deadline_day', 'text', (c) => c.notNull())
    .addColumn('deadline_at', 'text', (c) => c.notNull())
    .addColumn('warn_day', 'text')
    .addColumn('warned_at', 'text')
    .addColumn('breached_at', 'text')
    .addColumn('stopped_at', 'text')
    .addColumn('stop_reason', 'text')
    .addColumn('calendar_revision', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('working_clocks_owner').on('working_clocks').columns(['owner_type', 'owner_id']).execute();
  // The event check and the recomputation after a holiday edit both start from the state.
  await db.schema.createIndex('working_clocks_deadline').on('working_clocks').columns(['state', 'deadline_at']).execute();
  await db.schema.createIndex('working_clocks_warn').on('working_clocks').columns(['state', 'warn_day']).execute();
  await db.schema.createIndex('working_clocks_span').on('working_clocks').columns(['state', 'deadline_day', 'start_day']).execute();

  await db.schema
    .createTable('clock_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clock_id', 'text', (c) => c.notNull().references('working_clocks.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull()) // 'warning' | 'breach'
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('handled_at', 'text')
    .execute();
  // Each event is raised once per clock, whatever races the scheduler's lease might miss.
  await db.schema.createIndex('clock_events_once').on('clock_events').columns(['clock_id', 'kind']).unique().execute();
  await db.schema
    .createIndex('clock_events_pending')
    .on('clock_events')
    .columns(['at', 'id'])
    .where(sql.ref('handled_at'), 'is', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['clock_events', 'working_clocks', 'holiday_edits']) await db.schema.dropTable(table).execute();
}
