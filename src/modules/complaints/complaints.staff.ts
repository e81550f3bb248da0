import { type Insertable, type Kysely, sql } from 'kysely';
import type {
  CaseDetail,
  CaseSummary,
  ComplaintStepBody,
  InquiryStepBody,
  IntakeBody,
  StaffLookup,
  StaffRef,
} from '../../contracts/complaints.js';
import {
  type CaseKind,
  type ComplaintAction,
  type ComplaintStep,
  canEscalateToCompensation,
  canInvestigate,
  canSettle,
  complaintMove,
  complaintTarget,
  type InquiryStep,
  inquiryMove,
  referenceSeries,
} from '../../domain/complaint-steps.js';
import { riyadhCalendarDay, toHijriString } from '../../domain/dates.js';
import { isInScope } from '../../domain/scope.js';
import type { AppContext } from '../../platform/context.js';
import { nextReference } from '../../platform/db/references.js';
import type { Database } from '../../platform/db/schema.js';
import type { ComplaintRow, ComplaintTable } from '../../platform/db/schema-complaints.js';
import { readStoredFile, storeFile } from '../../platform/files/file-store.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { uuidv7 } from '../../platform/ids.js';
import { type AuditEntry, recordAudit } from '../audit/audit.service.js';
import { getClock, startClock, stopClock } from '../calendar/clocks.service.js';
import { currentCalendar } from '../calendar/working-calendar.js';
import { committeeForPurpose, committeeMembers } from '../committees/committees.service.js';
import { familyContact } from '../families/families.service.js';
import { type ContactChannel, enqueueMessage, type Recipient } from '../notifications/outbox.enqueue.js';
import { maskAddress } from '../notifications/outbox.service.js';
import { routeFor, staffRefs } from './complaints.officers.js';
import * as repo from './complaints.repo.js';
import { assertChoices, freshTrackingCode, open, seal, trackingLink } from './complaints.service.js';
import { getComplaintsSettings } from './complaints.settings.js';

/**
 * Staff handling of complaints and inquiries (issue 6 §4–§7; E1–E3, C1, G2): intake from paper
 * channels, the ISO 10002 steps, conflict of interest, investigation entries, settlement and
 * compensation escalation, inquiry routing and answers. Each change is one transaction with its
 * step (who and when), clock, outbox message and audit entry.
 */
type Db = Kysely<Database>;
type Actor = AuditEntry['actor'];
const staffActor = (principal: StaffPrincipal): Actor => ({ kind: 'staff', id: principal.userId });
const has = (principal: StaffPrincipal, ...roles: string[]) => principal.roles.some((r) => roles.includes(r));

// ---- who may see and do what (issue 6 "Roles"; §6 conflict of interest) ----

/** Staff concerned by a complaint (§6): never assigned, and 404 on its details, lists and files. */
export async function isConcerned(db: Db, complaintId: string, staffId: string): Promise<boolean> {
  const row = await db
    .selectFrom('complaint_concerned_staff')
    .select('staff_id')
    .where('complaint_id', '=', complaintId)
    .where('staff_id', '=', staffId)
    .executeTakeFirst();
  return Boolean(row);
}

/**
 * May this staff member see the case? Complaints: the follow-up committee and management, and whoever
 * registered it — never the staff concerned (§6). Inquiries: management, the contact officer it is
 * routed to, any contact officer while it waits in the general or support queue, and whoever registered it.
 */
export function canSee(principal: StaffPrincipal, row: ComplaintRow): boolean {
  if (has(principal, 'management')) return true;
  if (row.created_by === principal.userId && has(principal, 'reception', 'contact-officer')) return true;
  if (row.kind === 'complaint') return has(principal, 'follow-up-committee');
  if (!has(principal, 'contact-officer')) return false;
  return row.officer_id === principal.userId || (row.officer_id === null && (row.queue === 'general' || row.queue === 'support'));
}

/**
 * Whether the caller sees the writer's name and contact in full: those who handle the case (the
 * follow-up committee for a complaint, contact officers for an inquiry) and reception or the contact
 * officer who registered it (they typed them, and acknowledge on them). Management and administrators
 * read them masked (ARCHITECTURE.md "Who can call what"), as they read families.
 */
export function seesWriterUnmasked(principal: StaffPrincipal, row: ComplaintRow): boolean {
  if (row.created_by === principal.userId && has(principal, 'reception', 'contact-officer')) return true;
  return row.kind === 'complaint' ? has(principal, 'follow-up-committee') : has(principal, 'contact-officer');
}

/** A name masked word by word: منيرة العتيبي → م••• ا•••. */
export function maskName(name: string | null): string | null {
  if (!name) return null;
  return name
    .trim()
    .split(/\s+/)
    .map((word) => `${Array.from(word)[0] ?? ''}•••`)
    .join(' ');
}

async function loadVisible(db: Db, principal: StaffPrincipal, kind: CaseKind, id: string): Promise<ComplaintRow> {
  const row = await db.selectFrom('complaints').selectAll().where('id', '=', id).where('kind', '=', kind).executeTakeFirst();
  const notFound = AppError.notFound(`${kind}.not-found`, `No such ${kind}`);
  if (!row) throw notFound;
  if (kind === 'complaint' && (await isConcerned(db, id, principal.userId))) throw notFound;
  if (!canSee(principal, row)) throw notFound;
  return row;
}

// ---- presentation ----

async function deadlineOf(db: Db, clockId: string | null): Promise<CaseSummary['deadline']> {
  if (!clockId) return null;
  const clock = await db.selectFrom('working_clocks').selectAll().where('id', '=', clockId).executeTakeFirst();
  if (!clock) return null;
  return {
    day: clock.deadline_day,
    dayHijri: toHijriString(clock.deadline_day),
    state: clock.state,
    workingDays: clock.working_days,
    warnDay: clock.warn_day,
  };
}

export function summaryOf(row: ComplaintRow, names: Map<string, StaffRef>, deadline: CaseSummary['deadline']): CaseSummary {
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
  };
}

async function presentDetail(ctx: AppContext, db: Db, row: ComplaintRow, principal: StaffPrincipal): Promise<CaseDetail> {
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
  const entryAad = (id: string) => `complaint-entry:${id}:body`;
  return {
    ...summaryOf(row, names, await deadlineOf(db, row.clock_id)),
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

const OPEN_CLOCK_STATES: ReadonlySet<string> = new Set(['running', 'paused', 'breached']);

/** E1: working days left on an open clock, counted with the administrator's holidays and weekend; null once stopped. */
async function daysLeft(ctx: AppContext, db: Db, clockId: string | null): Promise<number | null> {
  const clock = clockId ? await getClock(ctx, clockId, db) : undefined;
  if (!clock || !OPEN_CLOCK_STATES.has(clock.state)) return null;
  // Read through `db`: inside a step's transaction a second connection would wait on it (SQLite).
  const today = riyadhCalendarDay(ctx.clock.now());
  const pauses = clock.pauses.map((p) => ({ from: p.from, to: p.to ?? today }));
  return (await currentCalendar(ctx, db)).calendar.workingDaysLeft(today, clock.deadline, pauses);
}

export const stepNoteAad = (stepId: string) => `complaint-step:${stepId}:note`;
export const entryAad = (entryId: string) => `complaint-entry:${entryId}:body`;

async function recordStep(
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

// ---- messages to the writer ----

/**
 * The writer's channel: the mobile and/or e-mail they gave for news (as the public form promises);
 * else a linked family's agreed channel (WhatsApp as SMS); else a letter to the postal address given.
 * None of these (an anonymous complaint without contact): the tracking page alone carries the news.
 */
async function writerRecipients(trx: Db, ctx: AppContext, row: ComplaintRow): Promise<Recipient[]> {
  const language = row.language === 'en' ? 'en' : 'ar';
  const name = open(ctx, row.id, 'writer_name', row.writer_name) ?? undefined;
  const recipients: Recipient[] = [];
  const mobile = open(ctx, row.id, 'mobile', row.mobile);
  const email = open(ctx, row.id, 'email', row.email);
  const base = { kind: 'contact' as const, language: language as 'ar' | 'en', ...(name ? { name } : {}) };
  if (mobile) recipients.push({ ...base, channel: 'sms', address: mobile });
  if (email) recipients.push({ ...base, channel: 'email', address: email });
  if (recipients.length) return recipients;
  const contact = row.family_id ? await familyContact(ctx, row.family_id, trx) : null;
  if (contact) {
    const agreed = contact.agreedChannel as ContactChannel;
    return [{ kind: 'family', familyId: contact.id, channel: agreed === 'whatsapp' ? 'sms' : agreed }];
  }
  const postal = open(ctx, row.id, 'reply_address', row.reply_address);
  return postal ? [{ ...base, channel: 'letter', address: postal }] : [];
}

type AckVia = 'sms' | 'email' | 'letter' | 'phone-call' | 'in-person' | 'family';

async function sendAcknowledgement(trx: Db, ctx: AppContext, row: ComplaintRow, via: AckVia, actor: Actor): Promise<void> {
  if (via === 'in-person') return;
  const code = open(ctx, row.id, 'tracking_code', row.tracking_code);
  if (!code) throw AppError.conflict(`${row.kind}.no-tracking-code`, 'This case has no tracking code to send');
  const language = row.language === 'en' ? 'en' : 'ar';
  const name = open(ctx, row.id, 'writer_name', row.writer_name) ?? undefined;
  let recipient: Recipient;
  if (via === 'family') {
    const contact = row.family_id ? await familyContact(ctx, row.family_id, trx) : null;
    if (!contact) throw AppError.unprocessable(`${row.kind}.no-family`, 'No family is linked to this case');
    const agreed = contact.agreedChannel as ContactChannel;
    recipient = { kind: 'family', familyId: contact.id, channel: agreed === 'whatsapp' ? 'sms' : agreed };
  } else {
    const column = via === 'email' ? 'email' : via === 'letter' ? 'reply_address' : 'mobile';
    const address = open(ctx, row.id, column, row[column as 'email' | 'mobile' | 'reply_address']);
    if (!address)
      throw AppError.unprocessable(`${row.kind}.no-address`, `The writer gave no ${via === 'letter' ? 'postal address' : column}`, [
        { pointer: '/via', code: 'contact.missing', detail: `No ${column} for this channel` },
      ]);
    recipient = { kind: 'contact', channel: via, address, language, ...(name ? { name } : {}) };
  }
  await enqueueMessage(trx, ctx, {
    event: row.kind === 'complaint' ? 'complaint.acknowledged' : 'inquiry.acknowledged',
    recipient,
    language,
    params: { reference: row.reference, trackingCode: code, link: trackingLink(ctx, code) },
    about: { type: row.kind, id: row.id },
    dedupeKey: `${row.kind}:${row.id}:acknowledged:${via}`,
    actor,
  });
}

async function stopAckClock(trx: Db, ctx: AppContext, row: ComplaintRow, actor: Actor): Promise<void> {
  if (!row.acknowledge_clock_id) return;
  const clock = await trx.selectFrom('working_clocks').select('state').where('id', '=', row.acknowledge_clock_id).executeTakeFirst();
  if (clock && ['running', 'paused', 'breached'].includes(clock.state))
    await stopClock(trx, ctx, row.acknowledge_clock_id, { at: ctx.clock.now(), reason: 'done', actor });
}

/** Stops the main clock when the writer has their answer; the case's SLA state says whether in time. */
async function stopMainClock(trx: Db, ctx: AppContext, row: ComplaintRow, actor: Actor): Promise<'met' | 'late'> {
  if (!row.clock_id) return 'met';
  const clock = await trx.selectFrom('working_clocks').select('state').where('id', '=', row.clock_id).executeTakeFirst();
  if (!clock || !['running', 'paused', 'breached'].includes(clock.state)) return row.sla_state === 'late' ? 'late' : 'met';
  const stopped = await stopClock(trx, ctx, row.clock_id, { at: ctx.clock.now(), reason: 'done', actor });
  return stopped.state === 'met' ? 'met' : 'late';
}

async function notifyStaff(trx: Db, ctx: AppContext, staffId: string, row: ComplaintRow, actor: Actor): Promise<void> {
  const deadline = await deadlineOf(trx, row.clock_id);
  await enqueueMessage(trx, ctx, {
    event: 'complaint.assigned',
    recipient: { kind: 'staff', staffId },
    params: { reference: row.reference, deadline: deadline ? `${deadline.dayHijri} — ${deadline.day}` : '' },
    about: { type: row.kind, id: row.id },
    dedupeKey: `${row.kind}:${row.id}:assigned:${staffId}:${row.version}`,
    actor,
  });
}

// ---- intake (§4, A1–A5) ----

export interface IntakeFile {
  fileName: string;
  bytes: Buffer;
}

/**
 * Registers a complaint or inquiry that came by fax, letter, phone or in person: the same reference
 * series, tracking code and clocks as the public link, the scans through the file store, the family
 * linked when the staff member may see it. With a family, the acknowledgement goes at once on its
 * agreed channel; otherwise the case waits at `received` for a staff acknowledgement. Inquiries are
 * routed at once (§7).
 */
export async function intakeCase(
  ctx: AppContext,
  principal: StaffPrincipal,
  body: IntakeBody,
  files: IntakeFile[],
): Promise<{ case: CaseDetail; trackingCode: string }> {
  const settings = await getComplaintsSettings(ctx);
  await assertChoices(ctx, body.kind, { ...body, attachments: [], privacyNoticeVersion: settings.privacyNoticeVersion } as never, settings);
  if (files.length > settings.maxAttachments)
    throw AppError.badRequest('request.invalid', 'Too many files', [
      { pointer: '/file', code: 'attachments.too-many', detail: `At most ${settings.maxAttachments} files` },
    ]);
  const actor = staffActor(principal);
  const now = ctx.clock.now();
  const at = now.toISOString();
  const id = uuidv7(now.getTime());
  const { indexer } = ctx.keys;
  const isAnonymous = body.kind === 'complaint' && body.anonymous;

  const result = await ctx.db.transaction().execute(async (trx) => {
    let familyCategory: string | null = null;
    if (body.familyId) {
      const contact = await familyContact(ctx, body.familyId, trx);
      // Out of scope answers like unknown: the registry's rule (F2).
      if (!contact || !isInScope(principal.scope, contact.scope))
        throw AppError.unprocessable('family.not-found', 'No such family', [
          { pointer: '/familyId', code: 'family.not-found', detail: 'No family you may see has this id' },
        ]);
      familyCategory = contact.scope.category;
    }
    const tracking = await freshTrackingCode(trx, ctx);
    const reference = await nextReference({ root: ctx.db, trx }, referenceSeries(body.kind), now.getUTCFullYear());
    const row: Insertable<ComplaintTable> = {
      id,
      kind: body.kind,
      reference,
      tracking_index: tracking.index,
      tracking_code: seal(ctx, id, 'tracking_code', tracking.code),
      channel: body.channel,
      is_anonymous: isAnonymous ? 1 : 0,
      writer_name: seal(ctx, id, 'writer_name', body.name),
      mobile: seal(ctx, id, 'mobile', body.mobile),
      mobile_index: body.mobile ? indexer.index(body.mobile) : null,
      email: seal(ctx, id, 'email', body.email),
      national_id: null,
      national_id_index: null,
      reply_address: seal(ctx, id, 'reply_address', body.postalAddress),
      family_id: body.familyId ?? null,
      topic: body.topic,
      domain: body.domain ?? null,
      description: seal(ctx, id, 'description', body.description) as string,
      remedy: seal(ctx, id, 'remedy', body.remedy),
      step: 'received',
      response: null,
      responded_at: null,
      privacy_notice_version: null,
      language: body.language,
      clock_id: null,
      acknowledge_clock_id: null,
      created_by: principal.userId,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    const day = riyadhCalendarDay(now);
    const clock = await startClock(trx, ctx, {
      ownerType: body.kind,
      ownerId: id,
      startDay: day,
      workingDays: body.kind === 'complaint' ? settings.resolveWorkingDays : settings.inquiryAnswerWorkingDays,
      warningThreshold: settings.warningWorkingDays,
      actor,
    });
    const ackClock = await startClock(trx, ctx, {
      ownerType: `${body.kind}-acknowledgement`,
      ownerId: id,
      startDay: day,
      workingDays: settings.acknowledgeWorkingDays,
      warningThreshold: null,
      actor,
    });
    row.clock_id = clock.id;
    row.acknowledge_clock_id = ackClock.id;
    if (body.kind === 'inquiry') {
      const route = await routeFor(trx, ctx, { category: familyCategory, domain: body.domain ?? null, topic: body.topic });
      row.officer_id = route.officerId;
      row.queue = route.queue;
      row.route_rule = route.isBackup ? `${route.rule}:backup` : route.rule;
    }
    await trx.insertInto('complaints').values(row).execute();
    await recordStep(trx, ctx, id, 'received', actor);
    for (const [position, file] of files.entries()) {
      const stored = await storeFile(trx, ctx.keys, {
        ownerType: 'complaint',
        ownerId: id,
        fileName: file.fileName,
        bytes: file.bytes,
        createdBy: principal.userId,
        now,
        maxBytes: settings.maxUploadBytes,
      });
      await trx.insertInto('complaint_attachments').values({ complaint_id: id, file_id: stored.id, position }).execute();
    }
    let current = (await trx.selectFrom('complaints').selectAll().where('id', '=', id).executeTakeFirstOrThrow()) as ComplaintRow;
    if (current.family_id) current = await acknowledge(trx, ctx, current, 'family', actor);
    await recordAudit(trx, {
      at: now,
      actor,
      action: `${body.kind}.create`,
      entity: body.kind,
      entityId: id,
      fields: Object.entries(body)
        .filter(([, v]) => v !== undefined)
        .map(([k]) => k),
      details: { channel: body.channel, isAnonymous, hasFamily: Boolean(body.familyId), attachments: files.length },
    });
    if (current.officer_id && current.step === 'routed') await notifyStaff(trx, ctx, current.officer_id, current, actor);
    return { case: await presentDetail(ctx, trx, current, principal), trackingCode: tracking.code };
  });
  return result;
}

/** received → acknowledged (and, for an inquiry already routed, → routed): one transaction's part. */
async function acknowledge(trx: Db, ctx: AppContext, row: ComplaintRow, via: AckVia, actor: Actor, note?: string): Promise<ComplaintRow> {
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

function illegal(kind: CaseKind, from: string, action: string, to: string): AppError {
  return new AppError(409, `${kind}.illegal-transition`, `A ${kind} at ${from} cannot ${action}`, [], {}, { from, to, action });
}

/**
 * Routes an inquiry from the public link in its submission's transaction (§7): acknowledged at once,
 * so it goes straight to `routed` and the officer is told.
 */
export async function routeNewInquiry(trx: Db, ctx: AppContext, id: string, familyId: string | null): Promise<void> {
  const row = (await trx.selectFrom('complaints').selectAll().where('id', '=', id).executeTakeFirstOrThrow()) as ComplaintRow;
  const category = familyId ? ((await familyContact(ctx, familyId, trx))?.scope.category ?? null) : null;
  const route = await routeFor(trx, ctx, { category, domain: row.domain, topic: row.topic });
  const system: Actor = { kind: 'system', id: null };
  await trx
    .updateTable('complaints')
    .set({
      officer_id: route.officerId,
      queue: route.queue,
      route_rule: route.isBackup ? `${route.rule}:backup` : route.rule,
      step: 'routed',
    })
    .where('id', '=', id)
    .execute();
  await recordStep(trx, ctx, id, 'routed', system);
  if (route.officerId) await notifyStaff(trx, ctx, route.officerId, { ...row, step: 'routed' }, system);
}

// ---- complaint steps (§5) ----

async function followUpMembers(ctx: AppContext): Promise<{ committeeId: string; memberIds: Set<string> } | null> {
  const committee = await committeeForPurpose(ctx, 'follow-up');
  if (!committee) return null;
  const members = await committeeMembers(ctx, committee.id);
  return { committeeId: committee.id, memberIds: new Set(members.map((m) => m.userId)) };
}

function assertCanHandle(principal: StaffPrincipal, row: ComplaintRow, action: ComplaintAction): void {
  // Reception acknowledges what it registered; every other step is the follow-up committee's (E1).
  if (action === 'acknowledge' && row.created_by === principal.userId) return;
  if (!has(principal, 'follow-up-committee'))
    throw AppError.forbidden('complaint.not-handler', 'Only the follow-up committee handles complaints');
}

/** One ISO 10002 step of a complaint (§5); illegal moves: 409 `complaint.illegal-transition`. */
export async function complaintStep(ctx: AppContext, principal: StaffPrincipal, id: string, body: ComplaintStepBody): Promise<CaseDetail> {
  const actor = staffActor(principal);
  const followUp = body.action === 'assign' ? await followUpMembers(ctx) : null;
  const settings = body.action === 'assess' ? await getComplaintsSettings(ctx) : null;
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadVisible(trx, principal, 'complaint', id);
    assertCanHandle(principal, row, body.action);
    const from = row.step as ComplaintStep;
    const move = complaintMove(from, body.action);
    if (!move.isAllowed) throw illegal('complaint', from, body.action, complaintTarget(body.action));
    const now = ctx.clock.now();
    const at = now.toISOString();
    const changes: Partial<ComplaintRow> = {};
    if (body.action === 'acknowledge') {
      const next = await acknowledge(trx, ctx, row, body.via, actor, body.note);
      await audit(trx, ctx, actor, row, 'acknowledge', { via: body.via });
      return presentDetail(ctx, trx, (await reload(trx, next.id)) as ComplaintRow, principal);
    }
    if (body.action === 'assess') {
      if (body.topic) {
        const topic = settings?.topics.find((t) => t.code === body.topic && t.kind === 'complaint');
        if (!topic)
          throw AppError.badRequest('request.invalid', 'Unknown complaint topic', [
            { pointer: '/topic', code: 'settings.unknown-code', detail: 'Unknown complaint topic' },
          ]);
        changes.topic = body.topic;
      }
      if (body.domain) changes.domain = body.domain;
      changes.severity = body.severity;
      changes.needs_immediate_action = body.needsImmediateAction ? 1 : 0;
      const concerned = [...new Set(body.concernedStaffIds)];
      if (row.assigned_to && concerned.includes(row.assigned_to))
        throw AppError.conflict(
          'complaint.assignee-concerned',
          'The assigned member is concerned by this complaint: assign someone else first',
        );
      if (concerned.length) {
        const known = await trx.selectFrom('staff_users').select('id').where('id', 'in', concerned).execute();
        if (known.length !== concerned.length)
          throw AppError.badRequest('request.invalid', 'Unknown staff member', [
            { pointer: '/concernedStaffIds', code: 'staff.not-found', detail: 'Some ids are not staff members' },
          ]);
      }
      await trx.deleteFrom('complaint_concerned_staff').where('complaint_id', '=', id).execute();
      if (concerned.length)
        await trx
          .insertInto('complaint_concerned_staff')
          .values(concerned.map((staffId) => ({ complaint_id: id, staff_id: staffId, added_by: principal.userId, added_at: at })))
          .execute();
    }
    let notify: string | null = null;
    if (body.action === 'assign') {
      if (!followUp) throw AppError.conflict('complaint.no-follow-up-committee', 'No active follow-up committee');
      if (body.assigneeId) {
        if (!followUp.memberIds.has(body.assigneeId))
          throw AppError.unprocessable('complaint.assignee-not-member', 'The assignee is not a member of the follow-up committee', [
            { pointer: '/assigneeId', code: 'complaint.assignee-not-member', detail: 'Not a member of the follow-up committee' },
          ]);
        // §6: staff concerned by the complaint are never assigned to it.
        if (await isConcerned(trx, id, body.assigneeId))
          throw AppError.conflict('complaint.assignee-concerned', 'This member is concerned by the complaint and cannot handle it');
        notify = body.assigneeId;
      }
      changes.assigned_committee_id = followUp.committeeId;
      changes.assigned_to = body.assigneeId;
    }
    if (body.action === 'decide-response') {
      changes.decided_response = seal(ctx, id, 'decided_response', body.response);
      changes.decided_escalation = seal(ctx, id, 'decided_escalation', body.escalation);
    }
    if (body.action === 'communicate-response') {
      const response = open(ctx, id, 'decided_response', row.decided_response) ?? '';
      const escalation = open(ctx, id, 'decided_escalation', row.decided_escalation) ?? '';
      for (const recipient of await writerRecipients(trx, ctx, row))
        await enqueueMessage(trx, ctx, {
          event: 'complaint.responded',
          recipient,
          language: row.language === 'en' ? 'en' : 'ar',
          params: { reference: row.reference, response, escalation },
          about: { type: 'complaint', id },
          dedupeKey: `complaint:${id}:responded:${recipient.kind === 'contact' ? recipient.channel : 'family'}`,
          actor,
        });
      // What the tracking page shows as `response`: the text sent, with the way to escalate.
      changes.response = seal(ctx, id, 'response', `${response}\n\n${escalation}`);
      changes.responded_at = at;
      changes.sla_state = await stopMainClock(trx, ctx, row, actor);
    }
    if (body.action === 'close') {
      changes.closed_outcome = body.outcome;
      changes.closed_at = at;
    }
    if (body.action === 'record-satisfaction') {
      changes.satisfaction = body.satisfaction;
      changes.satisfaction_note = seal(ctx, id, 'satisfaction_note', body.note);
    }
    const next = await commitStep(trx, ctx, { row, changes, from, to: move.to, action: body.action, actor, note: body.note, notify, at });
    await audit(trx, ctx, actor, row, body.action, {
      from,
      to: move.to,
      ...(body.action === 'assess' ? { severity: body.severity, concerned: body.concernedStaffIds.length } : {}),
      ...(body.action === 'assign' ? { assigneeId: body.assigneeId } : {}),
      ...(body.action === 'close' ? { outcome: body.outcome } : {}),
      ...(body.action === 'record-satisfaction' ? { satisfaction: body.satisfaction } : {}),
    });
    return presentDetail(ctx, trx, next, principal);
  });
}

/**
 * Applies one handling step (E1, C1): the row's changes and new step, the step's record with who
 * and when, and the notice to the staff member it now concerns; answers with the row as it now is.
 */
async function commitStep(
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
  return next;
}

async function reload(db: Db, id: string) {
  return db.selectFrom('complaints').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function audit(trx: Db, ctx: AppContext, actor: Actor, row: ComplaintRow, action: string, details: Record<string, unknown> = {}) {
  await recordAudit(trx, { at: ctx.clock.now(), actor, action: `${row.kind}.${action}`, entity: row.kind, entityId: row.id, details });
}

/** Loads a complaint the caller handles (the follow-up committee, not concerned), for entries and records. */
async function handled(trx: Db, principal: StaffPrincipal, id: string): Promise<ComplaintRow> {
  const row = await loadVisible(trx, principal, 'complaint', id);
  if (!has(principal, 'follow-up-committee'))
    throw AppError.forbidden('complaint.not-handler', 'Only the follow-up committee handles complaints');
  return row;
}

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

/** Escalation to a compensation case: the reason, and the case's link once it exists (a later issue). */
export async function escalateToCompensation(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  body: { reason: string; link?: string | undefined },
): Promise<CaseDetail> {
  const actor = staffActor(principal);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await handled(trx, principal, id);
    if (!canEscalateToCompensation(row.step as ComplaintStep)) throw illegal('complaint', row.step, 'escalate-compensation', row.step);
    const now = ctx.clock.now().toISOString();
    await trx
      .updateTable('complaints')
      .set({
        compensation_reason: seal(ctx, id, 'compensation_reason', body.reason),
        compensation_link: body.link ?? null,
        compensation_at: now,
        updated_at: now,
        version: row.version + 1,
      })
      .where('id', '=', id)
      .execute();
    await recordStep(trx, ctx, id, `${row.step}:compensation`, actor);
    await audit(trx, ctx, actor, row, 'escalate-compensation', { hasLink: Boolean(body.link) });
    return presentDetail(ctx, trx, (await reload(trx, id)) as ComplaintRow, principal);
  });
}

// ---- inquiry steps (§7) ----

/** One step of an inquiry; illegal moves: 409 `inquiry.illegal-transition`. */
export async function inquiryStep(ctx: AppContext, principal: StaffPrincipal, id: string, body: InquiryStepBody): Promise<CaseDetail> {
  const actor = staffActor(principal);
  const settings = body.action === 'answer' ? await getComplaintsSettings(ctx) : null;
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadVisible(trx, principal, 'inquiry', id);
    const isMine = row.officer_id === principal.userId;
    const isCreator = row.created_by === principal.userId;
    if (body.action === 'acknowledge' ? !(isMine || isCreator) : !has(principal, 'contact-officer'))
      throw AppError.forbidden('inquiry.not-handler', 'Only the contact officer handles this inquiry');
    const from = row.step as InquiryStep;
    const move = inquiryMove(from, body.action);
    if (!move.isAllowed)
      throw illegal('inquiry', from, body.action, body.action === 'answer' ? 'answered' : body.action === 'close' ? 'closed' : 'routed');
    if (body.action === 'acknowledge') {
      const next = await acknowledge(trx, ctx, row, body.via, actor, body.note);
      await audit(trx, ctx, actor, row, 'acknowledge', { via: body.via });
      return presentDetail(ctx, trx, (await reload(trx, next.id)) as ComplaintRow, principal);
    }
    // Handled by its officer; one in a queue is first taken (routed to oneself).
    if (body.action !== 'route' && !isMine)
      throw AppError.conflict('inquiry.not-yours', 'Take this inquiry from the queue first (route it to yourself)');
    const now = ctx.clock.now();
    const at = now.toISOString();
    const changes: Partial<ComplaintRow> = {};
    let notify: string | null = null;
    if (body.action === 'route') {
      if (!isMine && row.officer_id !== null) throw AppError.conflict('inquiry.not-yours', 'Only its contact officer re-routes an inquiry');
      const target = await trx
        .selectFrom('staff_users')
        .innerJoin('staff_roles', 'staff_roles.user_id', 'staff_users.id')
        .select('staff_users.id')
        .where('staff_users.id', '=', body.officerId)
        .where('staff_roles.role', '=', 'contact-officer')
        .where('staff_users.is_active', '=', 1)
        .executeTakeFirst();
      if (!target)
        throw AppError.unprocessable('inquiry.not-contact-officer', 'Not an active contact officer', [
          { pointer: '/officerId', code: 'officers.not-contact-officer', detail: 'Not an active contact officer' },
        ]);
      changes.officer_id = body.officerId;
      changes.queue = 'officer';
      changes.route_rule = body.officerId === principal.userId && row.officer_id === null ? 'claimed' : 'rerouted';
      if (body.officerId !== principal.userId) notify = body.officerId;
    }
    if (body.action === 'answer') {
      if (body.templateCode && !settings?.answerTemplates.some((t) => t.code === body.templateCode && t.isActive))
        throw AppError.badRequest('request.invalid', 'Unknown answer template', [
          { pointer: '/templateCode', code: 'settings.unknown-code', detail: 'Not an approved answer template' },
        ]);
      for (const recipient of await writerRecipients(trx, ctx, row))
        await enqueueMessage(trx, ctx, {
          event: 'inquiry.answered',
          recipient,
          language: row.language === 'en' ? 'en' : 'ar',
          params: { reference: row.reference, answer: body.answer },
          about: { type: 'inquiry', id },
          dedupeKey: `inquiry:${id}:answered:${recipient.kind === 'contact' ? recipient.channel : 'family'}`,
          actor,
        });
      changes.response = seal(ctx, id, 'response', body.answer);
      changes.responded_at = at;
      changes.answered_by = principal.userId;
      changes.answer_template = body.templateCode ?? null;
      changes.sla_state = await stopMainClock(trx, ctx, row, actor);
    }
    if (body.action === 'close') changes.closed_at = at;
    const next = await commitStep(trx, ctx, { row, changes, from, to: move.to, action: body.action, actor, note: body.note, notify, at });
    await audit(trx, ctx, actor, row, body.action, {
      from,
      to: move.to,
      ...(body.action === 'route' ? { officerId: body.officerId } : {}),
      ...(body.action === 'answer' ? { templateCode: body.templateCode ?? null } : {}),
    });
    return presentDetail(ctx, trx, next, principal);
  });
}

/**
 * Active staff by display name for the concerned-staff picker (§5, §6): id and name only. The search
 * is a case-insensitive substring (LIKE with its wildcards escaped), the same on both engines.
 */
export async function lookupStaff(ctx: AppContext, query: { q?: string | undefined; limit: number }): Promise<StaffLookup> {
  let select = ctx.db
    .selectFrom('staff_users')
    .select(['id', 'display_name'])
    .where('is_active', '=', 1)
    .orderBy('display_name')
    .orderBy('id')
    .limit(query.limit);
  if (query.q) {
    const pattern = `%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    select = select.where(sql<boolean>`lower(display_name) like ${pattern} escape '\\'`);
  }
  const rows = await select.execute();
  return { items: rows.map((r) => ({ id: r.id, displayName: r.display_name })) };
}

/** Approved answer templates (G2) for contact officers. */
export async function answerTemplates(ctx: AppContext) {
  const settings = await getComplaintsSettings(ctx);
  return settings.answerTemplates.filter((t) => t.isActive).map(({ isActive: _a, ...t }) => t);
}
