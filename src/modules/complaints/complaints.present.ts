import type { Kysely } from 'kysely';
import type { CaseDetail, CaseSummary, StaffRef } from '../../contracts/complaints.js';
import type { CaseKind } from '../../domain/complaint-steps.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import type { ComplaintRow } from '../../platform/db/schema-complaints.js';
import { readStoredFile } from '../../platform/files/file-store.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { recordAudit } from '../audit/index.js';
import { maskAddress, messagesAbout } from '../notifications/index.js';
import { daysLeft, deadlineOf } from './complaints.clocks.js';
import { staffActor } from './complaints.handling.js';
import { staffRefs } from './complaints.officers.js';
import { caseAbilities, loadVisible, seesWriterUnmasked } from './complaints.policy.js';
import * as repo from './complaints.repo.js';
import { entryAad, open, stepNoteAad } from './complaints.sealing.js';

/**
 * What staff see of complaints and inquiries (F2): the summary in worklists, the whole case with the
 * writer masked or not (complaints.policy.ts says who), and the audited views of a case and its files.
 */
type Db = Kysely<Database>;

/** A name masked word by word: منيرة العتيبي → م••• ا•••. */
export function maskName(name: string | null): string | null {
  if (!name) return null;
  return name
    .trim()
    .split(/\s+/)
    .map((word) => `${Array.from(word)[0] ?? ''}•••`)
    .join(' ');
}

export function summaryOf(
  row: ComplaintRow,
  names: Map<string, StaffRef>,
  deadline: CaseSummary['deadline'],
  principal: StaffPrincipal,
): CaseSummary {
  const ref = (id: string | null) => (id ? (names.get(id) ?? { id, displayName: id }) : null);
  return {
    id: row.id,
    kind: row.kind as CaseKind,
    reference: row.reference,
    channel: row.channel as CaseSummary['channel'],
    step: row.step,
    topic: row.topic,
    domain: row.domain,
    severity: row.severity as CaseSummary['severity'],
    needsImmediateAction: row.needs_immediate_action === 1,
    isAnonymous: row.is_anonymous === 1,
    familyId: row.family_id,
    assignedCommitteeId: row.assigned_committee_id,
    assignedTo: ref(row.assigned_to),
    officer: ref(row.officer_id),
    queue: row.queue as CaseSummary['queue'],
    slaState: row.sla_state as CaseSummary['slaState'],
    deadline,
    receivedAt: row.created_at,
    abilities: caseAbilities(principal, row),
  };
}

export async function presentDetail(ctx: AppContext, db: Db, row: ComplaintRow, principal: StaffPrincipal): Promise<CaseDetail> {
  const [steps, entries, concerned, attachments] = await Promise.all([
    repo.stepsOf(db, row.id),
    db.selectFrom('complaint_entries').selectAll().where('complaint_id', '=', row.id).orderBy('created_at').orderBy('id').execute(),
    db.selectFrom('complaint_concerned_staff').select('staff_id').where('complaint_id', '=', row.id).execute(),
    db
      .selectFrom('complaint_attachments')
      .innerJoin('files', 'files.id', 'complaint_attachments.file_id')
      .select(['files.id', 'files.name', 'files.media_type', 'files.size'])
      .where('complaint_attachments.complaint_id', '=', row.id)
      .orderBy('complaint_attachments.position')
      .execute(),
  ]);
  const names = await staffRefs(db, [
    row.assigned_to,
    row.officer_id,
    ...steps.map((s) => s.actor_id),
    ...entries.flatMap((e) => [e.created_by, e.assignee_id]),
    ...concerned.map((c) => c.staff_id),
  ]);
  const ref = (id: string | null) => (id ? (names.get(id) ?? { id, displayName: id }) : null);
  const o = (column: string, value: string | null) => open(ctx, row.id, column, value);
  return {
    ...summaryOf(row, names, await deadlineOf(db, row.clock_id), principal),
    writer: writerOf(ctx, row, principal),
    description: o('description', row.description) ?? '',
    remedy: o('remedy', row.remedy),
    language: row.language === 'en' ? 'en' : 'ar',
    concernedStaff: concerned.map((c) => ref(c.staff_id) as StaffRef),
    routeRule: row.route_rule,
    steps: steps.map((s) => ({
      step: s.step,
      at: s.at,
      by: ref(s.actor_id),
      actorKind: s.actor_kind,
      note: s.note ? ctx.keys.encryptor.decrypt(s.note, stepNoteAad(s.id)) : null,
    })),
    entries: entries.map((e) => ({
      id: e.id,
      kind: e.kind as 'note' | 'task' | 'evidence',
      text: e.body ? ctx.keys.encryptor.decrypt(e.body, entryAad(e.id)) : null,
      fileId: e.file_id,
      assignee: ref(e.assignee_id),
      dueDay: e.due_day,
      doneAt: e.done_at,
      by: ref(e.created_by) as StaffRef,
      at: e.created_at,
    })),
    attachments: attachments.map((a) => ({ fileId: a.id, name: a.name, mediaType: a.media_type, size: a.size })),
    decidedResponse: o('decided_response', row.decided_response),
    decidedEscalation: o('decided_escalation', row.decided_escalation),
    response: o('response', row.response),
    respondedAt: row.responded_at,
    closedOutcome: row.closed_outcome as CaseDetail['closedOutcome'],
    closedAt: row.closed_at,
    satisfaction: row.satisfaction as CaseDetail['satisfaction'],
    satisfactionNote: o('satisfaction_note', row.satisfaction_note),
    settlement: row.settled_at ? { terms: o('settlement_terms', row.settlement_terms) ?? '', at: row.settled_at } : null,
    compensation: row.compensation_at
      ? { reason: o('compensation_reason', row.compensation_reason) ?? '', link: row.compensation_link, at: row.compensation_at }
      : null,
    escalatedAt: row.escalated_at,
    answerTemplate: row.answer_template,
    workingDaysLeft: await daysLeft(ctx, db, row.clock_id),
    acknowledgeDeadline: await deadlineOf(db, row.acknowledge_clock_id),
    acknowledgeDaysLeft: await daysLeft(ctx, db, row.acknowledge_clock_id),
    messages: (await messagesAbout(db, { type: row.kind, ids: [row.id] })).get(row.id) ?? [],
    version: row.version,
  };
}

function writerOf(ctx: AppContext, row: ComplaintRow, principal: StaffPrincipal): CaseDetail['writer'] {
  const o = (column: string, value: string | null) => open(ctx, row.id, column, value);
  const writer = {
    name: o('writer_name', row.writer_name),
    mobile: o('mobile', row.mobile),
    email: o('email', row.email),
    postalAddress: o('reply_address', row.reply_address),
  };
  if (seesWriterUnmasked(principal, row)) return { ...writer, isMasked: false };
  return {
    name: maskName(writer.name),
    mobile: maskAddress(writer.mobile),
    email: maskAddress(writer.email),
    postalAddress: writer.postalAddress ? '•••' : null,
    isMasked: true,
  };
}

/** Views are audited (F2); the audit names the case and whether the writer was shown unmasked, never its contents. */
export async function getCase(ctx: AppContext, principal: StaffPrincipal, kind: CaseKind, id: string): Promise<CaseDetail> {
  const row = await loadVisible(ctx.db, principal, kind, id);
  // Each view is one audit entry, saying whether the writer's name and contact were shown in full.
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: staffActor(principal),
    action: `${kind}.view`,
    entity: kind,
    entityId: id,
    details: { isWriterUnmasked: seesWriterUnmasked(principal, row) },
  });
  return presentDetail(ctx, ctx.db, row, principal);
}

/** A scan or evidence file of a case the caller may see (concerned staff: 404 like the details). */
export async function readCaseFile(ctx: AppContext, principal: StaffPrincipal, kind: CaseKind, id: string, fileId: string) {
  await loadVisible(ctx.db, principal, kind, id);
  const attached = await ctx.db
    .selectFrom('complaint_attachments')
    .select('file_id')
    .where('complaint_id', '=', id)
    .where('file_id', '=', fileId)
    .executeTakeFirst();
  const evidence = attached
    ? null
    : await ctx.db
        .selectFrom('complaint_entries')
        .select('file_id')
        .where('complaint_id', '=', id)
        .where('file_id', '=', fileId)
        .executeTakeFirst();
  const file = attached || evidence ? await readStoredFile(ctx.db, ctx.keys, fileId) : null;
  if (!file) throw AppError.notFound('file.not-found', 'No such file');
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: staffActor(principal),
    action: `${kind}.file-read`,
    entity: kind,
    entityId: id,
    details: { fileId },
  });
  return file;
}
