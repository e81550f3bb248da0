import type { CaseDetail } from '../../contracts/complaints.js';
import { type ComplaintStep, canEscalateToCompensation, canInvestigate, canSettle } from '../../domain/complaint-steps.js';
import type { AppContext } from '../../platform/context.js';
import type { ComplaintRow } from '../../platform/db/schema-complaints.js';
import { storeFile } from '../../platform/files/file-store.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { uuidv7 } from '../../platform/ids.js';
import { compensationEscalation } from './complaints.compensation.js';
import { audit, illegal, recordStep, reload, staffActor } from './complaints.handling.js';
import type { IntakeFile } from './complaints.intake.js';
import { handled, isConcerned } from './complaints.policy.js';
import { presentDetail } from './complaints.present.js';
import { entryAad, open, seal } from './complaints.sealing.js';
import { getComplaintsSettings } from './complaints.settings.js';

/**
 * What the follow-up committee records on a complaint it handles (issue 6 §5; E3): investigation
 * notes, tasks and evidence, an amicable settlement, and escalation to a compensation case.
 */

/** §5 investigation: a note or a task (with an assignee and a due day). */
export async function addEntry(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  body: { kind: 'note'; text: string } | { kind: 'task'; text: string; assigneeId?: string | undefined; dueDay?: string | undefined },
): Promise<CaseDetail> {
  const actor = staffActor(principal);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await handled(trx, principal, id);
    if (!canInvestigate(row.step as ComplaintStep)) throw illegal('complaint', row.step, `add-${body.kind}`, 'investigating');
    if (body.kind === 'task' && body.assigneeId && (await isConcerned(trx, id, body.assigneeId)))
      throw AppError.conflict('complaint.assignee-concerned', 'This staff member is concerned by the complaint');
    const now = ctx.clock.now();
    const entryId = uuidv7(now.getTime());
    await trx
      .insertInto('complaint_entries')
      .values({
        id: entryId,
        complaint_id: id,
        kind: body.kind,
        body: ctx.keys.encryptor.encrypt(body.text, entryAad(entryId)),
        file_id: null,
        assignee_id: body.kind === 'task' ? (body.assigneeId ?? null) : null,
        due_day: body.kind === 'task' ? (body.dueDay ?? null) : null,
        done_at: null,
        created_by: principal.userId,
        created_at: now.toISOString(),
      })
      .execute();
    await trx
      .updateTable('complaints')
      .set({ updated_at: now.toISOString(), version: row.version + 1 })
      .where('id', '=', id)
      .execute();
    await audit(trx, ctx, actor, row, `add-${body.kind}`, { entryId });
    return presentDetail(ctx, trx, (await reload(trx, id)) as ComplaintRow, principal);
  });
}

/** Marks a task done. */
export async function completeTask(ctx: AppContext, principal: StaffPrincipal, id: string, entryId: string): Promise<CaseDetail> {
  const actor = staffActor(principal);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await handled(trx, principal, id);
    const entry = await trx
      .selectFrom('complaint_entries')
      .selectAll()
      .where('id', '=', entryId)
      .where('complaint_id', '=', id)
      .executeTakeFirst();
    if (entry?.kind !== 'task') throw AppError.notFound('complaint.entry-not-found', 'No such task');
    if (entry.done_at) throw AppError.conflict('complaint.task-done', 'This task is already done');
    const now = ctx.clock.now().toISOString();
    await trx.updateTable('complaint_entries').set({ done_at: now }).where('id', '=', entryId).execute();
    await audit(trx, ctx, actor, row, 'complete-task', { entryId });
    return presentDetail(ctx, trx, (await reload(trx, id)) as ComplaintRow, principal);
  });
}

/** §5 evidence: a file through the file store, with an optional note. */
export async function addEvidence(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  file: IntakeFile & { note?: string | undefined },
): Promise<CaseDetail> {
  const actor = staffActor(principal);
  const settings = await getComplaintsSettings(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await handled(trx, principal, id);
    if (!canInvestigate(row.step as ComplaintStep)) throw illegal('complaint', row.step, 'add-evidence', 'investigating');
    const now = ctx.clock.now();
    const stored = await storeFile(trx, ctx.keys, {
      ownerType: 'complaint-evidence',
      ownerId: id,
      fileName: file.fileName,
      bytes: file.bytes,
      createdBy: principal.userId,
      now,
      maxBytes: settings.maxUploadBytes,
    });
    const entryId = uuidv7(now.getTime());
    await trx
      .insertInto('complaint_entries')
      .values({
        id: entryId,
        complaint_id: id,
        kind: 'evidence',
        body: file.note ? ctx.keys.encryptor.encrypt(file.note, entryAad(entryId)) : null,
        file_id: stored.id,
        assignee_id: null,
        due_day: null,
        done_at: null,
        created_by: principal.userId,
        created_at: now.toISOString(),
      })
      .execute();
    await trx
      .updateTable('complaints')
      .set({ updated_at: now.toISOString(), version: row.version + 1 })
      .where('id', '=', id)
      .execute();
    await audit(trx, ctx, actor, row, 'add-evidence', { entryId, fileId: stored.id, mediaType: stored.mediaType });
    return presentDetail(ctx, trx, (await reload(trx, id)) as ComplaintRow, principal);
  });
}

/** E3: an amicable settlement recorded with its terms (the complaint goes on to its response). */
export async function recordSettlement(ctx: AppContext, principal: StaffPrincipal, id: string, terms: string): Promise<CaseDetail> {
  const actor = staffActor(principal);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await handled(trx, principal, id);
    if (!canSettle(row.step as ComplaintStep)) throw illegal('complaint', row.step, 'settle', row.step);
    const now = ctx.clock.now().toISOString();
    await trx
      .updateTable('complaints')
      .set({ settlement_terms: seal(ctx, id, 'settlement_terms', terms), settled_at: now, updated_at: now, version: row.version + 1 })
      .where('id', '=', id)
      .execute();
    await recordStep(trx, ctx, id, `${row.step}:settlement`, actor);
    await audit(trx, ctx, actor, row, 'settle');
    return presentDetail(ctx, trx, (await reload(trx, id)) as ComplaintRow, principal);
  });
}

/**
 * Escalation to a compensation case (E3, issue 23 §1): the server opens the case and links the
 * complaint to it. 409 naming the case when the complaint already has one; 409
 * `compensation.family-required` when no family is linked (link or register it first).
 */
export async function escalateToCompensation(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  body: { reason: string },
): Promise<CaseDetail> {
  const actor = staffActor(principal);
  const escalation = ctx.hooks.provider(compensationEscalation, 'compensation');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await handled(trx, principal, id);
    if (!canEscalateToCompensation(row.step as ComplaintStep)) throw illegal('complaint', row.step, 'escalate-compensation', row.step);
    const existing = row.compensation_link ? await escalation.caseOf(trx, row.compensation_link) : null;
    if (existing)
      throw new AppError(
        409,
        'compensation.already-escalated',
        `This complaint already has a compensation case`,
        [],
        {},
        {
          caseId: row.compensation_link,
          caseReference: existing.reference,
        },
      );
    if (!row.family_id)
      throw AppError.conflict('compensation.family-required', 'Link the complaint to its family, or register the family, first');
    const opened = await escalation.openFromComplaint(trx, ctx, principal, {
      complaintId: id,
      familyId: row.family_id,
      reason: body.reason,
      claim: open(ctx, id, 'description', row.description) ?? body.reason,
    });
    const now = ctx.clock.now().toISOString();
    await trx
      .updateTable('complaints')
      .set({
        compensation_reason: seal(ctx, id, 'compensation_reason', body.reason),
        compensation_link: opened.id,
        compensation_at: now,
        updated_at: now,
        version: row.version + 1,
      })
      .where('id', '=', id)
      .execute();
    await recordStep(trx, ctx, id, `${row.step}:compensation`, actor);
    await audit(trx, ctx, actor, row, 'escalate-compensation', { caseId: opened.id });
    return presentDetail(ctx, trx, (await reload(trx, id)) as ComplaintRow, principal);
  });
}
