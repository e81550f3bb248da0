import { toHijriString } from '../../domain/dates.js';
import type { AppContext } from '../../platform/context.js';
import type { Job } from '../../platform/scheduler.js';
import { recordAudit } from '../audit/index.js';
import { markClockEventHandled, pendingClockEvents } from '../calendar/index.js';
import { committeeForPurpose, committeeMembers } from '../committees/index.js';
import { enqueueMessage } from '../notifications/index.js';
import { staffWithRole } from './complaints.officers.js';

/**
 * The complaint clock's consequences (issue 6 §5, E1): the calendar module raises warning and breach
 * events on working-day clocks; this consumes those of complaints and inquiries (owner types
 * `complaint`, `inquiry` and their `-acknowledgement` clocks). A warning marks the case due soon and
 * tells its handler; a breach marks it overdue and escalates to management. Each event is handled
 * once, in one transaction with its effects.
 */
const OWNER_TYPES = ['complaint', 'inquiry', 'complaint-acknowledgement', 'inquiry-acknowledgement'];
const SYSTEM = { kind: 'system' as const, id: null };
const BATCH = 200;

export async function handleCaseClockEvents(ctx: AppContext): Promise<{ warnings: number; breaches: number }> {
  let warnings = 0;
  let breaches = 0;
  const events = [];
  for (const ownerType of OWNER_TYPES) {
    for (const e of await pendingClockEvents(ctx, BATCH, ctx.db, ownerType))
      events.push({ id: e.id, kind: e.kind, owner_type: e.clock.ownerType, owner_id: e.clock.ownerId, deadline_day: e.clock.deadline });
  }
  const followUp = await committeeForPurpose(ctx, 'follow-up');
  const committee = followUp ? (await committeeMembers(ctx, followUp.id)).map((m) => m.userId) : [];
  for (const event of events) {
    await ctx.db.transaction().execute(async (trx) => {
      if (!(await markClockEventHandled(trx, ctx, event.id))) return;
      const row = await trx.selectFrom('complaints').selectAll().where('id', '=', event.owner_id).executeTakeFirst();
      if (!row) return;
      const isMain = event.owner_type === row.kind;
      const concerned = new Set(
        (await trx.selectFrom('complaint_concerned_staff').select('staff_id').where('complaint_id', '=', row.id).execute()).map(
          (c) => c.staff_id,
        ),
      );
      const handler = row.kind === 'complaint' ? row.assigned_to : row.officer_id;
      const handlers = handler ? [handler] : row.kind === 'complaint' ? committee : [];
      const now = ctx.clock.now().toISOString();
      let recipients = handlers;
      if (event.kind === 'breach') {
        breaches += 1;
        recipients = [...handlers, ...(await staffWithRole(trx, 'management'))];
        if (isMain)
          await trx.updateTable('complaints').set({ sla_state: 'breached', escalated_at: now }).where('id', '=', row.id).execute();
      } else {
        warnings += 1;
        if (isMain && row.sla_state === 'on-time')
          await trx.updateTable('complaints').set({ sla_state: 'due-soon' }).where('id', '=', row.id).execute();
      }
      const deadline = `${toHijriString(event.deadline_day)} — ${event.deadline_day}`;
      for (const staffId of new Set(recipients)) {
        if (concerned.has(staffId)) continue; // §6: nothing about it reaches the staff concerned
        await enqueueMessage(trx, ctx, {
          event: event.kind === 'breach' ? 'complaint.deadline-breached' : 'complaint.deadline-warning',
          recipient: { kind: 'staff', staffId },
          params: { reference: row.reference, deadline },
          about: { type: row.kind, id: row.id },
          dedupeKey: `${row.kind}:${row.id}:${event.id}:${staffId}`,
          actor: SYSTEM,
        });
      }
      await recordAudit(trx, {
        at: ctx.clock.now(),
        actor: SYSTEM,
        action: `${row.kind}.${event.kind === 'breach' ? 'escalate' : 'warn'}`,
        entity: row.kind,
        entityId: row.id,
        details: { clock: event.owner_type, recipients: new Set(recipients).size },
      });
    });
  }
  return { warnings, breaches };
}

export function complaintJobs(ctx: AppContext): Job[] {
  return [{ name: 'complaints-clock-events', intervalMs: 60_000, run: () => handleCaseClockEvents(ctx) }];
}
