import type { WeekendResult } from '../../contracts/calendar.js';
import { FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR } from '../../domain/calendar-days.js';
import type { AppContext } from '../../platform/context.js';
import { recordAudit } from '../audit/index.js';
import * as repo from './calendar.repo.js';
import { recomputeClocksForEdit } from './clocks.service.js';
import { buildCalendarView, invalidateCalendar } from './working-calendar.js';

/**
 * The weekend as an administrator setting (SAUDI-LOCALE.md: Friday–Saturday since 2013, "keep the
 * weekend a setting"). Changing it is a calendar change like a holiday edit: it bumps the calendar
 * revision (so every instance rebuilds its calendar) and moves every open clock in the same transaction.
 */

export async function getWeekend(ctx: AppContext): Promise<WeekendResult> {
  return { days: await repo.readWeekend(ctx.db), recomputedClocks: 0 };
}

export async function updateWeekend(ctx: AppContext, actor: { id: string }, days: readonly number[]): Promise<WeekendResult> {
  const next = [...new Set(days)].sort((a, b) => a - b);
  const now = ctx.clock.now();
  const result = await ctx.db.transaction().execute(async (trx) => {
    // First, so a holiday edit running at the same time queues behind this one (PostgreSQL).
    const revision = await repo.bumpCalendarRevision(trx);
    const edits = await repo.listActiveEdits(trx);
    const previous = await repo.readWeekend(trx);
    await repo.writeWeekend(trx, next, now.toISOString(), actor.id);
    const beforeView = buildCalendarView(revision - 1, edits, previous);
    const afterView = buildCalendarView(revision, edits, next);
    const isSame = previous.length === next.length && previous.every((day, i) => day === next[i]);
    // Every working day of every year can change: all open clocks are candidates.
    const recomputedClocks = await recomputeClocksForEdit(trx, ctx, afterView, {
      firstDay: isSame ? null : `${FIRST_CALENDAR_YEAR}-01-01`,
      lastDay: isSame ? null : `${LAST_CALENDAR_YEAR + 1}-01-01`,
      previousRevision: beforeView.revision,
      actor: { kind: 'staff', id: actor.id },
    });
    await recordAudit(trx, {
      at: now,
      actor: { kind: 'staff', id: actor.id },
      action: 'settings.update',
      entity: 'settings',
      entityId: repo.WEEKEND_SETTING,
      fields: ['days'],
      details: { from: previous, to: next, calendarRevision: revision, recomputedClocks },
    });
    return { days: next, recomputedClocks };
  });
  invalidateCalendar(ctx);
  return result;
}
