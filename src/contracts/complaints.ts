import { z } from 'zod';
import { INTAKE_CHANNELS, STAFF_CHANNELS } from '../domain/channels.js';
import { MESSAGE_STATES } from '../domain/message-state.js';
import { bulkIds } from './bulk.js';
import { calendarDay } from './calendar.js';
import { code, longText, recordVersion, searchText, text } from './common.js';
import { mobile, nationalId } from './families.js';
import { caseMessage } from './notifications.js';

/**
 * The public complaints and inquiries link (issue 6 §1–§3; E1, C1, G2): form options, uploads,
 * submissions and lookups by tracking code; and the administrator's settings for it.
 */

export const caseKind = z.enum(['complaint', 'inquiry']);
export const publicStep = z.enum(['received', 'acknowledged', 'in-progress', 'responded', 'closed']);

// ---- settings (administrator) ----

export const complaintTopic = z.strictObject({
  code,
  kind: caseKind,
  nameAr: text(120),
  nameEn: text(120),
  isActive: z.boolean(),
});

export const complaintsSettings = z.strictObject({
  /** Complaint and inquiry categories offered on the public form. */
  topics: z.array(complaintTopic).min(1).max(100),
  /** The privacy notice shown on the form; its version is stored with each submission. */
  privacyNoticeVersion: text(40),
  privacyNoticeAr: longText(2000).min(1, 'field.required'),
  privacyNoticeEn: longText(2000).min(1, 'field.required'),
  /** Per-address limits (issue 6 §1): submissions per window, uploads per window, lookups per minute. */
  submissionsPerWindow: z.number().int().min(1).max(1000),
  submissionWindowMinutes: z.number().int().min(1).max(1440),
  uploadsPerWindow: z.number().int().min(1).max(5000),
  lookupsPerMinute: z.number().int().min(1).max(1000),
  maxAttachments: z.number().int().min(0).max(10),
  /** At most 10 MB, the file store's own ceiling. */
  maxUploadBytes: z
    .number()
    .int()
    .min(100 * 1024)
    .max(10 * 1024 * 1024),
  /** E1: the complaint clock in working days (the policy names none; these are Sila's defaults). */
  acknowledgeWorkingDays: z.number().int().min(0).max(30),
  resolveWorkingDays: z.number().int().min(1).max(120),
  inquiryAnswerWorkingDays: z.number().int().min(1).max(120),
  warningWorkingDays: z.number().int().min(0).max(30),
  /** Inquiry topics that go to the technical-support queue rather than a contact officer (issue 6 §7). */
  supportTopics: z.array(code).max(50).default(['technical-support']),
  /** Approved answer templates for inquiries (G2): staff pick one and may adapt it. */
  answerTemplates: z
    .array(
      z.strictObject({
        code,
        nameAr: text(120),
        nameEn: text(120),
        bodyAr: longText(3000).min(1, 'field.required'),
        bodyEn: longText(3000).min(1, 'field.required'),
        isActive: z.boolean(),
      }),
    )
    .max(100)
    .default([]),
});
export type ComplaintsSettings = z.infer<typeof complaintsSettings>;
export type ComplaintTopic = z.infer<typeof complaintTopic>;

// ---- public API ----

export const formOptions = z.object({
  topics: z.array(z.object({ code: z.string(), kind: caseKind, nameAr: z.string(), nameEn: z.string() })),
  domains: z.array(z.object({ code: z.string(), nameAr: z.string(), nameEn: z.string() })),
  privacyNoticeVersion: z.string(),
  privacyNotice: z.object({ ar: z.string(), en: z.string() }),
  attachments: z.object({ maxCount: z.number(), maxBytes: z.number(), mediaTypes: z.array(z.string()) }),
});

export const uploadReceipt = z.object({ uploadToken: z.string(), expiresAt: z.string() });

const uploadToken = z.string().min(1, 'field.required').max(100, 'field.too-long');
const optionalText = (max: number) => text(max).optional();

const writerFields = {
  name: optionalText(120),
  mobile: mobile.optional(),
  email: z.email('field.email').max(254, 'field.too-long').optional(),
  nationalId: nationalId.optional(),
  topic: code,
  domain: code.optional(),
  description: longText(5000).min(10, 'field.too-short'),
  attachments: z.array(uploadToken).max(10, 'attachments.too-many').default([]),
  privacyNoticeVersion: text(40),
  /** Honeypot (issue 6 §1): people never see it; when filled the answer looks like success and nothing is stored. */
  website: z.string().max(500).optional(),
};

type Issue = { pointer: string; code: string };
function requireWriter(value: { name?: string; mobile?: string; email?: string }, issues: Issue[]) {
  if (!value.name) issues.push({ pointer: 'name', code: 'field.required' });
  if (!value.mobile && !value.email) issues.push({ pointer: 'mobile', code: 'contact.required' });
}

/** A named complaint needs a name and a way to send news; an anonymous one needs neither and carries no identity. */
export const complaintBody = z
  .strictObject({ anonymous: z.boolean(), ...writerFields, remedy: longText(2000).optional() })
  .superRefine((value, ctx) => {
    const issues: Issue[] = [];
    if (value.anonymous) {
      if (value.name) issues.push({ pointer: 'name', code: 'complaint.anonymous-with-identity' });
      if (value.nationalId) issues.push({ pointer: 'nationalId', code: 'complaint.anonymous-with-identity' });
    } else requireWriter(value, issues);
    for (const issue of issues) ctx.addIssue({ code: 'custom', path: [issue.pointer], message: issue.code });
  });

export const inquiryBody = z.strictObject(writerFields).superRefine((value, ctx) => {
  const issues: Issue[] = [];
  requireWriter(value, issues);
  for (const issue of issues) ctx.addIssue({ code: 'custom', path: [issue.pointer], message: issue.code });
});

export type ComplaintBody = z.infer<typeof complaintBody>;
export type InquiryBody = z.infer<typeof inquiryBody>;

export const submissionReceipt = z.object({ reference: z.string(), trackingCode: z.string() });
export type SubmissionReceipt = z.infer<typeof submissionReceipt>;

/** Any string up to 64 characters: a malformed code answers 404 like an unknown one. */
export const lookupBody = z.strictObject({ trackingCode: z.string().max(64, 'field.too-long') });

export const lookupResult = z.object({
  reference: z.string(),
  status: publicStep,
  timeline: z.array(z.object({ step: publicStep, at: z.string() })),
  response: z.string().nullable(),
  /**
   * Issue 20 §5 (C5): what became of the messages to the writer — the acknowledgement and the
   * response — in the words of `domain/message-state.ts` (sent only once a transport accepted it).
   */
  messages: z.array(
    z.object({ about: z.enum(['acknowledgement', 'response']), state: z.enum(MESSAGE_STATES), sentAt: z.string().nullable() }),
  ),
  /** Issue 23 §5 (E3): an escalated complaint's compensation case as an outcome category only — never amounts or terms. */
  compensationOutcome: z.enum(['under-review', 'settled', 'no-fault', 'closed']).nullable(),
});
export type LookupResult = z.infer<typeof lookupResult>;

// =====================================================================================
// Staff side (issue 6 §4–§9): intake, handling steps, conflict of interest, inquiries, the
// contact-officer register, worklists and oversight. Paths in src/modules/complaints/complaints.staff-routes.ts.
// =====================================================================================

/**
 * A1–A6 (issue 27 §3): how a complaint or inquiry reached the association. `website` only comes from
 * the public link; staff record the others (`email` with the message attached; A5 like `website`),
 * and a volunteer files on a family's behalf on `volunteer` (A6).
 */
export const caseChannel = z.enum(INTAKE_CHANNELS);
export const staffChannel = z.enum(STAFF_CHANNELS);
export const severity = z.enum(['low', 'medium', 'high', 'critical']);
export const complaintStep = z.enum([
  'received',
  'acknowledged',
  'assessed',
  'assigned',
  'investigating',
  'response-decided',
  'response-communicated',
  'closed',
  'satisfaction-followed-up',
]);
export const inquiryStep = z.enum(['received', 'acknowledged', 'routed', 'answered', 'closed']);
export const slaState = z.enum(['on-time', 'due-soon', 'breached', 'met', 'late']);
export const inquiryQueue = z.enum(['officer', 'general', 'support']);
/** Calendar days since received, as the oversight page groups open cases (H5): 0-2, 3-5, 6-10, 11+. */
export const caseAge = z.enum(['0-2', '3-5', '6-10', '11+']);
export type CaseAge = z.infer<typeof caseAge>;

/**
 * `POST /api/v1/complaints/intake` — reception registers a complaint or inquiry that came by fax,
 * letter, phone, e-mail or in person (A1–A5), or a volunteer one on a family's behalf (A6). JSON, or
 * multipart/form-data with this JSON in the field `data` first and then the scanned page(s) or the
 * e-mail (printed to PDF, or an image of it) in fields named `file` (at most 5, through the file
 * store); a case on the channel `email` comes with at least one (`case.email-not-attached`).
 * `familyId`: a family the staff member may see (scope rules); its agreed channel then receives the
 * acknowledgement at once. Otherwise the case waits at `received` for the acknowledge step. A
 * volunteer names a family they registered and uses the channel `volunteer`.
 */
export const intakeBody = z
  .strictObject({
    kind: caseKind,
    channel: staffChannel,
    anonymous: z.boolean().default(false),
    name: text(120).optional(),
    mobile: mobile.optional(),
    email: z.email('field.email').max(254, 'field.too-long').optional(),
    /** For a reply by letter when there is no mobile or e-mail. */
    postalAddress: longText(500).optional(),
    familyId: z.uuid('field.invalid-id').optional(),
    topic: code,
    domain: code.optional(),
    description: longText(5000).min(10, 'field.too-short'),
    remedy: longText(2000).optional(),
    language: z.enum(['ar', 'en']).default('ar'),
  })
  .superRefine((value, ctx) => {
    const add = (pointer: string, message: string) => ctx.addIssue({ code: 'custom', path: [pointer], message });
    if (value.kind === 'inquiry' && value.anonymous) add('anonymous', 'inquiry.not-anonymous');
    if (value.kind === 'inquiry' && value.remedy) add('remedy', 'inquiry.no-remedy');
    if (value.anonymous && (value.name || value.familyId)) add('name', 'complaint.anonymous-with-identity');
  });
export type IntakeBody = z.infer<typeof intakeBody>;

const staffRef = z.object({ id: z.string(), displayName: z.string() });
export type StaffRef = z.infer<typeof staffRef>;

export const caseDeadline = z
  .object({
    day: z.string(),
    dayHijri: z.string(),
    state: z.string(),
    workingDays: z.number(),
    warnDay: z.string().nullable(),
  })
  .nullable();

/** One line of a worklist: no writer's contact details, no free text. */
/**
 * What this user may do with this complaint or inquiry now (issue 19 §2), computed by the complaints
 * policy from the caller's roles, the case (who registered it, whose it is) and its step (the state
 * machine) — the checks the step, entry, settlement and escalation routes make. Abilities of the
 * other kind are always false. Screens show actions from these, not from role lists.
 */
export const caseAbilities = z.object({
  acknowledge: z.boolean(),
  /** Complaints (ISO 10002 steps). */
  assess: z.boolean(),
  assign: z.boolean(),
  investigate: z.boolean(),
  decideResponse: z.boolean(),
  communicateResponse: z.boolean(),
  recordSatisfaction: z.boolean(),
  /** Complaints: add notes, tasks and evidence (and mark tasks done) while the complaint is investigated. */
  addEntries: z.boolean(),
  settle: z.boolean(),
  escalateToCompensation: z.boolean(),
  /** Inquiries: take one from the queue or pass one's own on; answer one's own. */
  route: z.boolean(),
  answer: z.boolean(),
  /** Either kind. */
  close: z.boolean(),
});
export type CaseAbilities = z.infer<typeof caseAbilities>;

/** The ability behind each step action of either kind (`POST …/steps` with `action`). */
export const STEP_ABILITY = {
  acknowledge: 'acknowledge',
  assess: 'assess',
  assign: 'assign',
  investigate: 'investigate',
  'decide-response': 'decideResponse',
  'communicate-response': 'communicateResponse',
  close: 'close',
  'record-satisfaction': 'recordSatisfaction',
  route: 'route',
  answer: 'answer',
} as const satisfies Record<string, keyof CaseAbilities>;

export const caseSummary = z.object({
  id: z.string(),
  kind: caseKind,
  reference: z.string(),
  channel: caseChannel,
  step: z.string(),
  topic: z.string(),
  domain: z.string().nullable(),
  severity: severity.nullable(),
  needsImmediateAction: z.boolean(),
  isAnonymous: z.boolean(),
  familyId: z.string().nullable(),
  assignedCommitteeId: z.string().nullable(),
  assignedTo: staffRef.nullable(),
  officer: staffRef.nullable(),
  queue: inquiryQueue.nullable(),
  slaState: slaState,
  deadline: caseDeadline,
  receivedAt: z.string(),
  abilities: caseAbilities,
});
export type CaseSummary = z.infer<typeof caseSummary>;

export const caseEntry = z.object({
  id: z.string(),
  kind: z.enum(['note', 'task', 'evidence']),
  text: z.string().nullable(),
  fileId: z.string().nullable(),
  assignee: staffRef.nullable(),
  dueDay: z.string().nullable(),
  doneAt: z.string().nullable(),
  by: staffRef,
  at: z.string(),
});

/** The full staff view (`GET /api/v1/complaints/:id`, `GET /api/v1/inquiries/:id`): viewing it is audited. */
export const caseDetail = caseSummary.extend({
  /**
   * The writer's details: in full for those who handle the case (the follow-up committee; the contact
   * officer; whoever registered it), masked for management and administrators (ARCHITECTURE.md
   * "Who can call what"): م••• ا•••, +9665•••••567, m•••@example.com, •••.
   */
  writer: z.object({
    name: z.string().nullable(),
    mobile: z.string().nullable(),
    email: z.string().nullable(),
    postalAddress: z.string().nullable(),
    isMasked: z.boolean(),
  }),
  description: z.string(),
  remedy: z.string().nullable(),
  language: z.enum(['ar', 'en']),
  concernedStaff: z.array(staffRef),
  routeRule: z.string().nullable(),
  steps: z.array(
    z.object({ step: z.string(), at: z.string(), by: staffRef.nullable(), actorKind: z.string(), note: z.string().nullable() }),
  ),
  entries: z.array(caseEntry),
  attachments: z.array(z.object({ fileId: z.string(), name: z.string(), mediaType: z.string(), size: z.number() })),
  decidedResponse: z.string().nullable(),
  decidedEscalation: z.string().nullable(),
  response: z.string().nullable(),
  respondedAt: z.string().nullable(),
  closedOutcome: z.enum(['accepted', 'not-accepted']).nullable(),
  closedAt: z.string().nullable(),
  satisfaction: z.enum(['satisfied', 'partly-satisfied', 'not-satisfied', 'unreachable']).nullable(),
  satisfactionNote: z.string().nullable(),
  settlement: z.object({ terms: z.string(), at: z.string() }).nullable(),
  /** `link`: the id of the compensation case the escalation opened (issue 23). */
  compensation: z.object({ reason: z.string(), link: z.string().nullable(), at: z.string() }).nullable(),
  escalatedAt: z.string().nullable(),
  answerTemplate: z.string().nullable(),
  /** E1: working days left on the resolve clock (0 on the deadline day, negative once overdue); null once stopped. */
  workingDaysLeft: z.number().int().nullable(),
  /** E1: the acknowledgement clock (paper channels wait for staff to acknowledge), with its working days left. */
  acknowledgeDeadline: caseDeadline,
  acknowledgeDaysLeft: z.number().int().nullable(),
  /** The messages to the writer about this case and what happened to each (issue 20 §5, C5). */
  messages: z.array(caseMessage),
  version: z.number(),
});
export type CaseDetail = z.infer<typeof caseDetail>;

/** Intake answers the case and, once, its tracking code (to hand to the writer; never shown again). */
export const intakeResult = z.object({ case: caseDetail, trackingCode: z.string() });

const note = longText(2000).optional();
/** `POST /api/v1/complaints/:id/steps` — one ISO 10002 step (E1); illegal moves answer 409 `complaint.illegal-transition`. */
export const complaintStepBody = z.discriminatedUnion('action', [
  /** Paper channels: the acknowledgement sent by staff (`via`), or handed over in person. */
  z.strictObject({
    action: z.literal('acknowledge'),
    via: z.enum(['sms', 'email', 'letter', 'phone-call', 'in-person', 'family']),
    note,
  }),
  z.strictObject({
    action: z.literal('assess'),
    severity,
    topic: code.optional(),
    domain: code.optional(),
    needsImmediateAction: z.boolean(),
    /** Staff concerned by the complaint (§6): never assigned, never shown it. Replaces the list. */
    concernedStaffIds: z.array(z.uuid('field.invalid-id')).max(20).default([]),
    note,
  }),
  /** The follow-up committee (E1), or one of its members (`assigneeId`). */
  z.strictObject({ action: z.literal('assign'), assigneeId: z.uuid('field.invalid-id').nullable().default(null), note }),
  z.strictObject({ action: z.literal('investigate'), note }),
  z.strictObject({
    action: z.literal('decide-response'),
    /** The decision and its reasons, as the writer will read it. */
    response: longText(4000).min(10, 'field.too-short'),
    /** How to escalate if not satisfied. */
    escalation: longText(1000).min(1, 'field.required'),
    note,
  }),
  /** Sends the decided response through the outbox to the writer's channel; the tracking page shows it. */
  z.strictObject({ action: z.literal('communicate-response'), note }),
  z.strictObject({ action: z.literal('close'), outcome: z.enum(['accepted', 'not-accepted']), note }),
  z.strictObject({
    action: z.literal('record-satisfaction'),
    satisfaction: z.enum(['satisfied', 'partly-satisfied', 'not-satisfied', 'unreachable']),
    note,
  }),
]);
export type ComplaintStepBody = z.infer<typeof complaintStepBody>;

/** Issue 19 §5: one step (e.g. assign) on several complaints, each checked and applied on its own. */
export const bulkComplaintStepBody = z.strictObject({ ids: bulkIds, step: complaintStepBody });

/** `POST /api/v1/complaints/:id/entries` — an investigation note or task (evidence files: `/evidence`, multipart). */
export const entryBody = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('note'), text: longText(4000).min(1, 'field.required') }),
  z.strictObject({
    kind: z.literal('task'),
    text: longText(1000).min(1, 'field.required'),
    assigneeId: z.uuid('field.invalid-id').optional(),
    dueDay: calendarDay.optional(),
  }),
]);
export const entryParams = z.strictObject({ id: z.uuid('field.invalid-id'), entryId: z.uuid('field.invalid-id') });
export const attachmentParams = z.strictObject({ id: z.uuid('field.invalid-id'), fileId: z.uuid('field.invalid-id') });

/** E3: an amicable settlement recorded with its terms. */
export const settlementBody = z.strictObject({ terms: longText(4000).min(10, 'field.too-short') });
/** Escalation to a compensation case (issue 23): the reason; the server opens the case and links it. */
export const compensationBody = z.strictObject({
  reason: longText(2000).min(10, 'field.too-short'),
});

/** `POST /api/v1/inquiries/:id/steps`; illegal moves answer 409 `inquiry.illegal-transition`. */
export const inquiryStepBody = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('acknowledge'),
    via: z.enum(['sms', 'email', 'letter', 'phone-call', 'in-person', 'family']),
    note,
  }),
  /** Re-route to another contact officer (`officerId`), or take it from the general or support queue (`officerId` = me). */
  z.strictObject({ action: z.literal('route'), officerId: z.uuid('field.invalid-id'), note }),
  /** The answer, optionally from an approved template (G2); sent through the outbox; the tracking page shows it. */
  z.strictObject({
    action: z.literal('answer'),
    answer: longText(4000).min(10, 'field.too-short'),
    templateCode: code.optional(),
    note,
  }),
  z.strictObject({ action: z.literal('close'), note }),
]);
export type InquiryStepBody = z.infer<typeof inquiryStepBody>;

export const complaintListQuery = z.strictObject({
  /** mine: assigned to me; committee: my committee's (assigned or waiting); registered: those I registered; all: management. */
  /** Without one: the follow-up committee's list, management's all, else those I registered. */
  list: z.enum(['mine', 'committee', 'registered', 'all']).optional(),
  step: complaintStep.optional(),
  slaState: slaState.optional(),
  isOpen: z.enum(['true', 'false']).optional(),
  /** The oversight page's age group (H5), so each of its figures opens the list behind it. */
  age: caseAge.optional(),
  /** A1–A6 (issue 27 §3): only those that came by this channel. */
  channel: caseChannel.optional(),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const inquiryListQuery = z.strictObject({
  /** mine: routed to me; general / support: the queues any contact officer may take from; registered; all: management. */
  /** Without one: a contact officer's own, management's all, else those I logged. */
  list: z.enum(['mine', 'general', 'support', 'registered', 'all']).optional(),
  step: inquiryStep.optional(),
  slaState: slaState.optional(),
  officerId: z.uuid('field.invalid-id').optional(),
  isOpen: z.enum(['true', 'false']).optional(),
  /** true: not yet answered (received, acknowledged or routed) — an officer's workload on the oversight page (H6). */
  awaitingAnswer: z.enum(['true']).optional(),
  /** Answered by this staff member (H6: an officer's answers), optionally since an instant (`answeredSince`). */
  answeredBy: z.uuid('field.invalid-id').optional(),
  answeredSince: z.iso.datetime({ offset: true, error: 'field.date-format' }).optional(),
  age: caseAge.optional(),
  /** A1–A6 (issue 27 §3): only those that came by this channel. */
  channel: caseChannel.optional(),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
/**
 * `GET /api/v1/complaints/staff-lookup?q=…` — the assess step's picker of concerned staff (§5, §6):
 * any active staff member, searched by display name (case-insensitive, up to `limit`), with nothing
 * but the id and the name. For the follow-up committee only.
 */
export const staffLookupQuery = z.strictObject({
  q: searchText(80).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const staffLookup = z.object({ items: z.array(z.object({ id: z.string(), displayName: z.string() })) });
export type StaffLookup = z.infer<typeof staffLookup>;
export type ComplaintListQuery = z.infer<typeof complaintListQuery>;
export type InquiryListQuery = z.infer<typeof inquiryListQuery>;

/**
 * `GET /api/v1/complaints/counts` — how many open complaints each worklist tab holds for the caller
 * (null: a list the caller's roles do not open). Never counts complaints the caller is concerned by (§6).
 */
export const complaintCounts = z.object({
  mine: z.number().nullable(),
  committee: z.number().nullable(),
  registered: z.number().nullable(),
  all: z.number().nullable(),
  awaitingAcknowledgement: z.number(),
  breached: z.number(),
});
export type ComplaintCounts = z.infer<typeof complaintCounts>;

/**
 * `GET /api/v1/inquiries/counts` — how many open (not closed) inquiries each worklist tab holds for the
 * caller, scoped as the lists are (null: a list the caller's roles do not open).
 */
export const inquiryCounts = z.object({
  mine: z.number().nullable(),
  general: z.number().nullable(),
  support: z.number().nullable(),
  registered: z.number().nullable(),
  all: z.number().nullable(),
});
export type InquiryCounts = z.infer<typeof inquiryCounts>;

/** Sorted by the clock's deadline, then id; `nextCursor` for the next page (keyset). */
export const caseList = z.object({ items: z.array(caseSummary), nextCursor: z.string().nullable() });

export const answerTemplateList = z.array(
  z.object({ code: z.string(), nameAr: z.string(), nameEn: z.string(), bodyAr: z.string(), bodyEn: z.string() }),
);

// ---- contact-officer register (§8, G1) ----

export const officerChannel = z.enum(['phone', 'email', 'whatsapp', 'office']);
export const contactOfficerBody = z.strictObject({
  /** null: any category (the entry for a domain); both null is not allowed — that is the general queue. */
  category: code.nullable(),
  domain: code.nullable(),
  officerId: z.uuid('field.invalid-id'),
  backupId: z.uuid('field.invalid-id').nullable().default(null),
  roleTitleAr: text(120),
  roleTitleEn: text(120),
  /** How the public reaches this role: the association's line or extension, a shared mailbox, an office — never a personal phone. */
  channel: officerChannel,
  address: text(200),
  isActive: z.boolean().default(true),
});
export const contactOfficerPatch = z.strictObject({
  officerId: z.uuid('field.invalid-id').optional(),
  backupId: z.uuid('field.invalid-id').nullable().optional(),
  roleTitleAr: text(120).optional(),
  roleTitleEn: text(120).optional(),
  channel: officerChannel.optional(),
  address: text(200).optional(),
  isActive: z.boolean().optional(),
  version: recordVersion,
});
export const contactOfficer = z.object({
  id: z.string(),
  category: z.string().nullable(),
  domain: z.string().nullable(),
  officer: staffRef.extend({ isAbsent: z.boolean() }),
  backup: staffRef.extend({ isAbsent: z.boolean() }).nullable(),
  roleTitleAr: z.string(),
  roleTitleEn: z.string(),
  channel: officerChannel,
  address: z.string(),
  isActive: z.boolean(),
  version: z.number(),
});
export type ContactOfficer = z.infer<typeof contactOfficer>;
export type ContactOfficerBody = z.infer<typeof contactOfficerBody>;
export type ContactOfficerPatch = z.infer<typeof contactOfficerPatch>;

/** `PUT /api/v1/officer-absences/:id` (:id = the staff member): absent until a day (included), or until unmarked. */
export const absenceBody = z.strictObject({ isAbsent: z.boolean(), untilDay: calendarDay.nullable().default(null) });
export const absence = z.object({ staffId: z.string(), isAbsent: z.boolean(), untilDay: z.string().nullable() });
/**
 * `GET /api/v1/officer-absences` — every active contact officer with their absence, for the register's
 * pickers and absence marking, and for passing an inquiry to a colleague. Names only, no contact details.
 */
export const officerRoster = z.object({
  items: z.array(z.object({ staffId: z.string(), displayName: z.string(), isAbsent: z.boolean(), untilDay: z.string().nullable() })),
});
export type OfficerRoster = z.infer<typeof officerRoster>;

/** `GET /api/v1/public/contact-officers` — for `/contact`: roles and channels, never a name or personal phone. */
export const publicContactOfficers = z.object({
  entries: z.array(
    z.object({
      category: z.object({ code: z.string(), nameAr: z.string(), nameEn: z.string() }).nullable(),
      domain: z.object({ code: z.string(), nameAr: z.string(), nameEn: z.string() }).nullable(),
      roleTitleAr: z.string(),
      roleTitleEn: z.string(),
      channel: officerChannel,
      address: z.string(),
    }),
  ),
});
export type PublicContactOfficers = z.infer<typeof publicContactOfficers>;

// ---- oversight (§9, H5, H6) ----

/** Each figure names the list behind it (`list` query of `GET /api/v1/complaints` or `/inquiries`). */
export const oversight = z.object({
  asOf: z.string(),
  open: z.array(
    z.object({
      kind: caseKind,
      step: z.string(),
      /** Calendar days since received: 0-2, 3-5, 6-10, 11+. */
      age: caseAge,
      count: z.number(),
    }),
  ),
  overdue: z.object({ complaints: z.number(), inquiries: z.number() }),
  dueSoon: z.object({ complaints: z.number(), inquiries: z.number() }),
  queues: z.object({ general: z.number(), support: z.number() }),
  officers: z.array(
    z.object({
      officer: staffRef,
      isAbsent: z.boolean(),
      open: z.number(),
      overdue: z.number(),
      answered: z.number(),
      /** Hours from receipt to answer, over the inquiries this officer answered in the last 90 days. */
      medianResponseHours: z.number().nullable(),
    }),
  ),
  /**
   * A1–A6 (issue 27 §3): open complaints and open inquiries by the channel they came by (A5 counts
   * `website` and `email`), each the count of `list=all&isOpen=true&channel=…`. Channels without one are left out.
   */
  openByChannel: z.array(z.object({ kind: caseKind, channel: caseChannel, count: z.number() })),
  /** The last 12 weeks (starting Sunday, Riyadh), oldest first. */
  weekly: z.array(
    z.object({
      weekStart: z.string(),
      complaintsReceived: z.number(),
      inquiriesReceived: z.number(),
      complaintsClosed: z.number(),
      inquiriesAnswered: z.number(),
    }),
  ),
});
export type Oversight = z.infer<typeof oversight>;
