import type { Kysely } from 'kysely';
import { type CaseKind, type ComplaintStep, complaintMove, type InquiryStep, inquiryMove } from '../../domain/complaint-steps.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import type { ComplaintRow } from '../../platform/db/schema-complaints.js';
import { defineEvent } from '../../platform/hooks.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { uuidv7 } from '../../platform/ids.js';
import { type AuditEntry, recordAudit } from '../audit/index.js';
import { stopAckClock } from './complaints.clocks.js';
import { type AckVia, notifyStaff, sendAcknowledgement } from './complaints.messages.js';
import { stepNoteAad } from './complaints.sealing.js';

/**
 * Staff handling of complaints and inquiries (issue 6 §4–§7; E1–E3, C1, G2): intake from paper
 * channels, the ISO 10002 steps, conflict of interest, investigation entries, settlement and
 * compensation escalation, inquiry routing and answers. Each change is one transaction with its
 * step (who and when), clock, outbox message and audit entry.
 *
 * The parts every handling step shares are here: the step's record, the acknowledgement, the
 * commit of a step and its audit entry. Who may see and do what: complaints.policy.ts; what staff
 * see: complaints.present.ts; intake: complaints.intake.ts; complaint steps: complaints.steps.ts;
 * investigation, settlement and compensation: complaints.investigation.ts; inquiries:
 * complaints.inquiries.ts; clocks: complaints.clocks.ts; messages: complaints.messages.ts.
 */
type Db = Kysely<Database>;
export type Actor = AuditEntry['actor'];
export const staffActor = (principal: StaffPrincipal): Actor => ({ kind: 'staff', id: principal.userId });

export async function recordStep(
  trx: Db,
  ctx: AppContext,
  complaintId: string,
  step: string,
  actor: Actor,
  note?: string | undefined,
  at: Date = ctx.clock.now(),
): Promise<void> {
  const id = uuidv7(at.getTime());
  await trx
    .insertInto('complaint_steps')
    .values({
      id,
      complaint_id: complaintId,
      step,
      at: at.toISOString(),
      actor_kind: actor.kind,
      actor_id: actor.id,
      note: note ? ctx.keys.encryptor.encrypt(note, stepNoteAad(id)) : null,
    })
    .execute();
}

/** received → acknowledged (and, for an inquiry already routed, → routed): one transaction's part. */
export async function acknowledge(
  trx: Db,
  ctx: AppContext,
  row: ComplaintRow,
  via: AckVia,
  actor: Actor,
  note?: string,
): Promise<ComplaintRow> {
  const kind = row.kind as CaseKind;
  const allowed =
    kind === 'complaint' ? complaintMove(row.step as ComplaintStep, 'acknowledge') : inquiryMove(row.step as InquiryStep, 'acknowledge');
  if (!allowed.isAllowed) throw illegal(kind, row.step, 'acknowledge', 'acknowledged');
  await sendAcknowledgement(trx, ctx, row, via, actor);
  await stopAckClock(trx, ctx, row, actor);
  await recordStep(trx, ctx, row.id, 'acknowledged', actor, note ?? `via:${via}`);
  let step = 'acknowledged';
  if (kind === 'inquiry' && row.queue) {
    step = 'routed';
    await recordStep(trx, ctx, row.id, 'routed', { kind: 'system', id: null });
  }
  await trx
    .updateTable('complaints')
    .set({ step, updated_at: ctx.clock.now().toISOString(), version: row.version + 1 })
    .where('id', '=', row.id)
    .execute();
  return { ...row, step, version: row.version + 1 };
}

export function illegal(kind: CaseKind, from: string, action: string, to: string): AppError {
  return new AppError(409, `${kind}.illegal-transition`, `A ${kind} at ${from} cannot ${action}`, [], {}, { from, to, action });
}

/**
 * Applies one handling step (E1, C1): the row's changes and new step, the step's record with who
 * and when, and the notice to the staff member it now concerns; answers with the row as it now is.
 */
/** Issue 24 §2, §6 (H1): surveys ask after a case closes, and count the satisfaction staff recorded as its answer. */
export interface CaseStepped {
  trx: Db;
  action: 'close' | 'record-satisfaction';
  row: ComplaintRow;
}
export const caseStepped = defineEvent<CaseStepped>('complaint.stepped');

export async function commitStep(
  trx: Db,
  ctx: AppContext,
  step: {
    row: ComplaintRow;
    changes: Partial<ComplaintRow>;
    from: string;
    to: string;
    action: string;
    actor: Actor;
    note: string | undefined;
    notify: string | null;
    at: string;
  },
): Promise<ComplaintRow> {
  const { row, from, to, action } = step;
  await trx
    .updateTable('complaints')
    .set({ ...step.changes, step: to, updated_at: step.at, version: row.version + 1 })
    .where('id', '=', row.id)
    .execute();
  await recordStep(trx, ctx, row.id, to === from ? `${from}:${action}` : to, step.actor, step.note);
  const next = (await reload(trx, row.id)) as ComplaintRow;
  if (step.notify) await notifyStaff(trx, ctx, step.notify, next, step.actor);
  if (action === 'close' || action === 'record-satisfaction') await ctx.hooks.emit(caseStepped, { trx, action, row: next });
  return next;
}

export async function reload(db: Db, id: string) {
  return db.selectFrom('complaints').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function audit(
  trx: Db,
  ctx: AppContext,
  actor: Actor,
  row: ComplaintRow,
  action: string,
  details: Record<string, unknown> = {},
) {
  await recordAudit(trx, { at: ctx.clock.now(), actor, action: `${row.kind}.${action}`, entity: row.kind, entityId: row.id, details });
}
