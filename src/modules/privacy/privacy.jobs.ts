import { toHijriString } from '../../domain/dates.js';
import type { AppContext } from '../../platform/context.js';
import type { Job } from '../../platform/scheduler.js';
import { recordAudit } from '../audit/index.js';
import { enqueueMessage } from '../notifications/index.js';
import { activeStaffWithRole } from '../staff/index.js';
import { today } from './privacy.requests.js';

/**
 * F2 (issue 25 §2, §8): the privacy deadlines' warnings and escalation, as the requests' and
 * complaints' clocks do it — a staff-app message (and e-mail when they have one) once per event:
 * - a request's warning day reached: the privacy officers; its deadline day over: the officers and
 *   management (escalation);
 * - a notifiable breach 24 hours before its 72-hour deadline: the officers; past it: management too.
 * Each row is marked in the same transaction as its messages, so a rerun never repeats them.
 */
const SYSTEM = { kind: 'system' as const, id: null };
const BATCH = 200;
const BREACH_WARNING_MS = 24 * 3_600_000;

type Db = Parameters<typeof activeStaffWithRole>[0];

async function recipients(trx: Db, isEscalation: boolean): Promise<string[]> {
  const roles = isEscalation ? ['privacy-officer', 'management'] : ['privacy-officer'];
  return [...new Set((await activeStaffWithRole(trx, roles)).map((s) => s.id))];
}

async function tell(
  trx: Db,
  ctx: AppContext,
  input: {
    event: 'privacy.request-due' | 'privacy.breach-due';
    about: string;
    id: string;
    reference: string;
    deadline: string;
    kind: string;
    isEscalation: boolean;
  },
) {
  for (const staffId of await recipients(trx, input.isEscalation))
    await enqueueMessage(trx, ctx, {
      event: input.event,
      recipient: { kind: 'staff', staffId },
      params: { reference: input.reference, deadline: input.deadline },
      about: { type: input.about, id: input.id },
      dedupeKey: `${input.about}:${input.id}:${input.kind}:${staffId}`,
      actor: SYSTEM,
    });
  await recordAudit(trx, {
    at: ctx.clock.now(),
    actor: SYSTEM,
    action: `privacy.${input.about === 'privacy-request' ? 'request' : 'breach'}-${input.kind}`,
    entity: input.about,
    entityId: input.id,
  });
}

export async function warnRequestDeadlines(ctx: AppContext): Promise<{ warnings: number; escalations: number }> {
  const day = today(ctx);
  const now = ctx.clock.now().toISOString();
  let warnings = 0;
  let escalations = 0;
  const open = ctx.db
    .selectFrom('privacy_requests')
    .select(['id', 'reference', 'deadline_day'])
    .where('status', 'in', ['received', 'verified']);
  for (const row of await open.where('escalated_at', 'is', null).where('deadline_day', '<', day).limit(BATCH).execute())
    await ctx.db.transaction().execute(async (trx) => {
      const marked = await trx
        .updateTable('privacy_requests')
        .set({ escalated_at: now, warned_at: now })
        .where('id', '=', row.id)
        .where('escalated_at', 'is', null)
        .executeTakeFirst();
      if (!marked.numUpdatedRows) return;
      escalations++;
      await tell(trx, ctx, {
        event: 'privacy.request-due',
        about: 'privacy-request',
        id: row.id,
        reference: row.reference,
        deadline: `${toHijriString(row.deadline_day)} — ${row.deadline_day}`,
        kind: 'overdue',
        isEscalation: true,
      });
    });
  for (const row of await open.where('warned_at', 'is', null).where('warn_day', '<=', day).limit(BATCH).execute())
    await ctx.db.transaction().execute(async (trx) => {
      const marked = await trx
        .updateTable('privacy_requests')
        .set({ warned_at: now })
        .where('id', '=', row.id)
        .where('warned_at', 'is', null)
        .executeTakeFirst();
      if (!marked.numUpdatedRows) return;
      warnings++;
      await tell(trx, ctx, {
        event: 'privacy.request-due',
        about: 'privacy-request',
        id: row.id,
        reference: row.reference,
        deadline: `${toHijriString(row.deadline_day)} — ${row.deadline_day}`,
        kind: 'warning',
        isEscalation: false,
      });
    });
  return { warnings, escalations };
}

export async function warnBreachDeadlines(ctx: AppContext): Promise<{ warnings: number; escalations: number }> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  const soon = new Date(now.getTime() + BREACH_WARNING_MS).toISOString();
  let warnings = 0;
  let escalations = 0;
  const pending = ctx.db
    .selectFrom('privacy_breaches')
    .select(['id', 'reference', 'notify_deadline_at'])
    .where('status', '=', 'open')
    .where('is_notifiable', '=', 1)
    .where('regulator_notified_at', 'is', null);
  for (const [kind, rows] of [
    ['overdue', await pending.where('escalated_at', 'is', null).where('notify_deadline_at', '<', at).limit(BATCH).execute()],
    ['warning', await pending.where('warned_at', 'is', null).where('notify_deadline_at', '<=', soon).limit(BATCH).execute()],
  ] as const)
    for (const row of rows)
      await ctx.db.transaction().execute(async (trx) => {
        const column = kind === 'overdue' ? 'escalated_at' : 'warned_at';
        const set = kind === 'overdue' ? { escalated_at: at, warned_at: at } : { warned_at: at };
        const marked = await trx
          .updateTable('privacy_breaches')
          .set(set)
          .where('id', '=', row.id)
          .where(column, 'is', null)
          .executeTakeFirst();
        if (!marked.numUpdatedRows) return;
        if (kind === 'overdue') escalations++;
        else warnings++;
        await tell(trx, ctx, {
          event: 'privacy.breach-due',
          about: 'privacy-breach',
          id: row.id,
          reference: row.reference,
          deadline: row.notify_deadline_at ?? '',
          kind,
          isEscalation: kind === 'overdue',
        });
      });
  return { warnings, escalations };
}

export function privacyJobs(ctx: AppContext): Job[] {
  return [
    { name: 'privacy-request-deadlines', intervalMs: 60_000, run: () => warnRequestDeadlines(ctx) },
    { name: 'privacy-breach-deadlines', intervalMs: 60_000, run: () => warnBreachDeadlines(ctx) },
  ];
}
