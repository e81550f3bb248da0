import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Job } from '../../platform/scheduler.js';
import { recordAudit } from '../audit/index.js';
import { type ClockEvent, markClockEventHandled, pendingClockEvents, settledCalendarRevision } from '../calendar/index.js';
import { committeeMembers } from '../committees/index.js';
import { familySummaries } from '../families/index.js';
import { enqueueMessage } from '../notifications/index.js';
import { activeStaffNames, activeStaffWithRole } from '../staff/index.js';
import { type Db, requireType } from './requests.core.js';
import { dualDay } from './requests.family-news.js';
import { moveCounters } from './requests.repo.js';
import { catchUpToldDecisions } from './requests.told.js';

/**
 * The requests' side of the working-day clocks (C6):
 * - a clock's warning or breach event sets the request's SLA state (the due-soon and breached
 *   worklists) and tells the responsible staff — who submitted it, the competent committee's members —
 *   and management, in the staff app (and by e-mail when they have one), once each;
 * - a deadline moved by a holiday edit is copied onto the request, so worklists keep sorting right.
 */
const SYSTEM = { kind: 'system' as const, id: null };
const BATCH = 200;

async function recipientsOf(trx: Db, ctx: AppContext, request: { id: string; committee_id: string | null; created_by: string | null }) {
  const ids = new Set<string>();
  const submit = await trx
    .selectFrom('request_history')
    .select(['actor_kind', 'actor_id'])
    .where('request_id', '=', request.id)
    .where('event', '=', 'submit')
    .executeTakeFirst();
  if (submit?.actor_kind === 'staff' && submit.actor_id) ids.add(submit.actor_id);
  else if (request.created_by) ids.add(request.created_by);
  if (request.committee_id) for (const member of await committeeMembers({ ...ctx, db: trx }, request.committee_id)) ids.add(member.userId);
  for (const m of await activeStaffWithRole(trx, ['management'])) ids.add(m.id);
  // Only people still active get new work (in the order they were gathered).
  const active = await activeStaffNames(trx, ids);
  return [...ids].filter((id) => active.has(id));
}

export async function handleClockEvent(ctx: AppContext, event: ClockEvent): Promise<boolean> {
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await markClockEventHandled(trx, ctx, event.id))) return false;
    const row = await trx.selectFrom('requests').selectAll().where('id', '=', event.clock.ownerId).executeTakeFirst();
    if (!row) return true;
    const isOpen = row.sla_state === 'on-time' || row.sla_state === 'due-soon';
    const sla = event.kind === 'breach' ? 'breached' : row.sla_state === 'on-time' ? 'due-soon' : row.sla_state;
    if (isOpen && sla !== row.sla_state) {
      await trx.updateTable('requests').set({ sla_state: sla }).where('id', '=', row.id).execute();
      await moveCounters(trx, row, { ...row, sla_state: sla });
    }
    if (!isOpen) return true; // already told (met, late) or not running
    const type = await requireType(trx, row.type_code);
    const family = (await familySummaries(trx, [row.family_id])).get(row.family_id);
    for (const staffId of await recipientsOf(trx, ctx, row)) {
      await enqueueMessage(trx, ctx, {
        event: event.kind === 'breach' ? 'request.deadline-breached' : 'request.deadline-warning',
        recipient: { kind: 'staff', staffId },
        params: {
          reference: row.reference,
          typeName: type.nameAr,
          deadline: dualDay(event.clock.deadline),
          familyName: family?.name ?? '',
        },
        dedupeKey: `request:${row.id}:${event.kind}:${event.id}:${staffId}`,
        about: { type: 'request', id: row.id },
      });
    }
    await recordAudit(trx, {
      at: ctx.clock.now(),
      actor: SYSTEM,
      action: `request.deadline-${event.kind}`,
      entity: 'request',
      entityId: row.id,
      details: { clockId: event.clockId, slaState: sla },
    });
    return true;
  });
}

/** The calendar revision whose deadlines the requests carry (a row in `counters`). */
const SYNCED_REVISION = 'requests.deadline-revision';

/**
 * Copies deadlines moved by holiday or weekend edits onto their requests (worklists sort by them).
 * Deadlines only drift when the calendar changes, so the join runs only when its revision moved
 * since the last sync — not every minute over millions of requests.
 */
export async function syncDeadlines(ctx: AppContext): Promise<number> {
  const revision = await settledCalendarRevision(ctx);
  if (revision === null) return 0; // clocks still being recomputed: next run
  const synced = await ctx.db.selectFrom('counters').select('value').where('name', '=', SYNCED_REVISION).executeTakeFirst();
  if (synced && Number(synced.value) === revision) return 0;
  let moved = 0;
  for (;;) {
    const drifted = await ctx.db
      .selectFrom('requests')
      .innerJoin('working_clocks', 'working_clocks.id', 'requests.clock_id')
      .select(['requests.id', 'working_clocks.deadline_day'])
      .where(sql<boolean>`requests.deadline_day <> working_clocks.deadline_day`)
      .limit(BATCH)
      .execute();
    for (const row of drifted)
      await ctx.db.updateTable('requests').set({ deadline_day: row.deadline_day }).where('id', '=', row.id).execute();
    moved += drifted.length;
    if (drifted.length < BATCH) break;
  }
  await ctx.db
    .insertInto('counters')
    .values({ name: SYNCED_REVISION, value: revision })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value: revision }))
    .execute();
  return moved;
}

export async function processRequestClocks(ctx: AppContext): Promise<{ handled: number; synced: number }> {
  let handled = 0;
  const events = await pendingClockEvents(ctx, BATCH, ctx.db, 'request');
  for (const event of events) if (await handleClockEvent(ctx, event)) handled++;
  return { handled, synced: await syncDeadlines(ctx) };
}

export function requestJobs(ctx: AppContext): Job[] {
  return [
    { name: 'request-clocks', intervalMs: 60_000, run: () => processRequestClocks(ctx) },
    // Issue 20 §5: decisions whose message was sent while the event was missed (normally none).
    { name: 'request-decisions-told', intervalMs: 60_000, run: () => catchUpToldDecisions(ctx) },
  ];
}
