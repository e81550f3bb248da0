import { z } from 'zod';
import { INTAKE_CHANNELS } from '../domain/channels.js';
import { DEFAULT_WARNING_THRESHOLD, MAX_REPLY_WORKING_DAYS } from '../domain/reply-ceiling.js';
import {
  type Answers as DomainAnswers,
  type AnswerValue as DomainAnswerValue,
  type ChecklistItem as DomainChecklistItem,
  type ChecklistItemStatus as DomainChecklistItemStatus,
  FIELD_TYPES,
} from '../domain/request-checklist.js';
import { REQUEST_STATUSES } from '../domain/request-status.js';
import { bulkIds } from './bulk.js';
import { code, longText, recordVersion, text } from './common.js';
import { caseMessage } from './notifications.js';

/**
 * Service requests' API (issue 5; clauses C2–C6): request types with their criteria and checklist,
 * requests from every channel (A1–A6), their documents, attestations (C4), status flow (C5, C6)
 * and worklists. The staff app and the portal import these schemas.
 */

/** Compile-time proof that a schema's type is the domain's vocabulary (domain/ owns it; no arrow runs up). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
function expectSame<A, B>(_isSame: Same<A, B>): void {}

// ---- status flow (domain/request-status.ts owns the vocabulary) ----
export { REQUEST_ACTIONS, REQUEST_STATUSES, type RequestAction, type RequestStatus } from '../domain/request-status.js';
export const requestStatus = z.enum(REQUEST_STATUSES);

export const STAFF_ACTIONS = ['submit', 'request-information', 'information-received', 'close'] as const;
export const staffAction = z.enum(STAFF_ACTIONS);
export type StaffAction = (typeof STAFF_ACTIONS)[number];

export const DECISION_OUTCOMES = ['approved', 'partly-approved', 'rejected'] as const;
export const decisionOutcome = z.enum(DECISION_OUTCOMES);
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

/**
 * A1–A6 (issue 27 §3): how the request came in — a family's origin channels and `email` (A5 with
 * `website`, the portal's). The same codes as complaints and inquiries (domain/channels.ts).
 */
export const requestChannel = z.enum(INTAKE_CHANNELS);
export type RequestChannel = z.infer<typeof requestChannel>;

// ---- request types (settings; C2) ----
export { FIELD_TYPES, type FieldType } from '../domain/request-checklist.js';
export const fieldType = z.enum(FIELD_TYPES);

export const checklistOption = z.strictObject({
  value: code,
  labelAr: text(120),
  labelEn: text(120),
});

/** An item key: lower-case letters, digits and dashes (it appears in pointers: /checklist/<key>). */
export const itemKey = code;

export const checklistItem = z
  .strictObject({
    key: itemKey,
    kind: z.enum(['field', 'document']),
    labelAr: text(200),
    labelEn: text(200),
    /** Fields only. */
    fieldType: fieldType.optional(),
    /** `choice` and `multi-choice` only. */
    options: z.array(checklistOption).max(50).optional(),
    isRequired: z.boolean(),
  })
  .superRefine((item, ctx) => {
    if (item.kind === 'field' && !item.fieldType)
      ctx.addIssue({ code: 'custom', path: ['fieldType'], message: 'checklist.field-type-required' });
    if (item.kind === 'document' && (item.fieldType || item.options))
      ctx.addIssue({ code: 'custom', path: ['fieldType'], message: 'checklist.document-has-no-type' });
    const needsOptions = item.fieldType === 'choice' || item.fieldType === 'multi-choice';
    if (needsOptions && !item.options?.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'checklist.options-required' });
    if (!needsOptions && item.options) ctx.addIssue({ code: 'custom', path: ['options'], message: 'checklist.options-not-allowed' });
  });
export type ChecklistItem = z.infer<typeof checklistItem>;
expectSame<ChecklistItem, DomainChecklistItem>(true);

const checklist = z
  .array(checklistItem)
  .max(60)
  .superRefine((items, ctx) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.key)) ctx.addIssue({ code: 'custom', path: [i, 'key'], message: 'checklist.key-repeated' });
      seen.add(item.key);
    });
  });

const requestTypeFields = {
  nameAr: text(120, 2),
  nameEn: text(120, 2),
  /** Eligibility criteria shown to the family before and during submission (C2). */
  criteriaAr: longText(4000),
  criteriaEn: longText(4000),
  checklist,
  /** The competent committee (C5); null until one is named. */
  committeeId: z.uuid('field.invalid-id').nullable(),
  /** C6: 1 to 15 working days — 15 is the policy's ceiling («لا تتجاوز»), a type may promise fewer. */
  responseWorkingDays: z.number().int().min(1, 'field.out-of-range').max(MAX_REPLY_WORKING_DAYS, 'request-type.days-over-ceiling'),
  /** Working days left at which staff are warned; null: never (fewer than the reply days: the service checks). */
  warningThreshold: z
    .number()
    .int()
    .min(0, 'field.out-of-range')
    .max(MAX_REPLY_WORKING_DAYS - 1, 'request-type.threshold-too-large')
    .nullable(),
  isActive: z.boolean(),
  sortOrder: z.number().int().min(0).max(10_000),
};

export const createRequestTypeBody = z.strictObject({
  code,
  ...requestTypeFields,
  responseWorkingDays: requestTypeFields.responseWorkingDays.default(MAX_REPLY_WORKING_DAYS),
  warningThreshold: requestTypeFields.warningThreshold.default(DEFAULT_WARNING_THRESHOLD),
  isActive: requestTypeFields.isActive.default(true),
  sortOrder: requestTypeFields.sortOrder.default(100),
  committeeId: requestTypeFields.committeeId.default(null),
});
export type CreateRequestTypeBody = z.infer<typeof createRequestTypeBody>;

/** All fields optional except `version` (optimistic concurrency). */
export const updateRequestTypeBody = z.strictObject({
  nameAr: requestTypeFields.nameAr.optional(),
  nameEn: requestTypeFields.nameEn.optional(),
  criteriaAr: requestTypeFields.criteriaAr.optional(),
  criteriaEn: requestTypeFields.criteriaEn.optional(),
  checklist: checklist.optional(),
  committeeId: requestTypeFields.committeeId.optional(),
  responseWorkingDays: requestTypeFields.responseWorkingDays.optional(),
  warningThreshold: requestTypeFields.warningThreshold.optional(),
  isActive: requestTypeFields.isActive.optional(),
  sortOrder: requestTypeFields.sortOrder.optional(),
  version: recordVersion,
});
export type UpdateRequestTypeBody = z.infer<typeof updateRequestTypeBody>;

export const requestType = z.object({
  code: z.string(),
  nameAr: z.string(),
  nameEn: z.string(),
  criteriaAr: z.string(),
  criteriaEn: z.string(),
  checklist: z.array(
    z.object({
      key: z.string(),
      kind: z.enum(['field', 'document']),
      labelAr: z.string(),
      labelEn: z.string(),
      fieldType: fieldType.optional(),
      options: z.array(z.object({ value: z.string(), labelAr: z.string(), labelEn: z.string() })).optional(),
      isRequired: z.boolean(),
    }),
  ),
  committeeId: z.string().nullable(),
  responseWorkingDays: z.number(),
  warningThreshold: z.number().nullable(),
  isActive: z.boolean(),
  sortOrder: z.number(),
  version: z.number(),
  updatedAt: z.string(),
});
export type RequestType = z.infer<typeof requestType>;

/** Lists answer `{ items }`, like committees and every other list of the API. */
export const requestTypeList = z.object({ items: z.array(requestType) });

/** One snapshot of a request type per create or edit (issue 26 §3; B5, C2), newest first in lists. */
export const requestTypeVersion = requestType
  .pick({ code: true, nameAr: true, nameEn: true, criteriaAr: true, criteriaEn: true, checklist: true })
  .extend({
    version: z.number(),
    committeeId: z.string().nullable(),
    responseWorkingDays: z.number(),
    warningThreshold: z.number().nullable(),
    isActive: z.boolean(),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    /** Staff lists only (the public forms show no names); null: seeded by the system. */
    createdByName: z.string().nullable(),
  });
export type RequestTypeVersion = z.infer<typeof requestTypeVersion>;
export const requestTypeVersionList = z.object({ items: z.array(requestTypeVersion) });
export type RequestTypeList = z.infer<typeof requestTypeList>;

export const requestTypeParams = z.strictObject({ code });

// ---- answers, checklist status ----
/** A field's answer: text, number, yes/no, a day (`YYYY-MM-DD`), a choice or several; null clears it. */
export const answerValue = z.union([
  z.string().max(4000, 'field.too-long'),
  z.number(),
  z.boolean(),
  z.array(z.string().max(100)).max(50),
  z.null(),
]);
export type AnswerValue = z.infer<typeof answerValue>;
expectSame<AnswerValue, DomainAnswerValue>(true);
export const answers = z.record(itemKey, answerValue);
export type Answers = z.infer<typeof answers>;
expectSame<Answers, DomainAnswers>(true);

/** One checklist item on a request: satisfied or not, and why not (`problem` is an error code). */
export const checklistItemStatus = z.object({
  key: z.string(),
  kind: z.enum(['field', 'document']),
  labelAr: z.string(),
  labelEn: z.string(),
  isRequired: z.boolean(),
  isSatisfied: z.boolean(),
  /** 'checklist.missing' | 'field.invalid' | 'field.not-a-number' | 'field.date-invalid' | 'field.unknown-option' … */
  problem: z.string().nullable(),
});
export type ChecklistItemStatus = z.infer<typeof checklistItemStatus>;
expectSame<ChecklistItemStatus, DomainChecklistItemStatus>(true);

export const completeness = z.object({
  /** Every required item satisfied and no answer invalid (C3). */
  isChecklistSatisfied: z.boolean(),
  /** A valid attestation covers the data as it is now (C4). */
  isAttested: z.boolean(),
  items: z.array(checklistItemStatus),
  /** Keys of the items still missing or invalid. */
  missing: z.array(z.string()),
});
export type Completeness = z.infer<typeof completeness>;

// ---- documents and attestations ----
/**
 * The largest document or paper-form scan a request takes, staff or portal: a file of exactly this
 * many bytes is accepted, one byte more answers 413 `file.too-large` (issue 21 §2).
 */
export const REQUEST_FILE_MAX_BYTES = 5 * 1024 * 1024;

export const requestDocument = z.object({
  id: z.string(),
  itemKey: z.string(),
  fileId: z.string(),
  name: z.string(),
  mediaType: z.string(),
  size: z.number(),
  sha256: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export type RequestDocument = z.infer<typeof requestDocument>;

export const requestDocumentParams = z.strictObject({ id: z.uuid('field.invalid-id'), documentId: z.uuid('field.invalid-id') });

export const ATTESTATION_METHODS = ['signature-pad', 'paper', 'one-time-code'] as const;
export const attestationMethod = z.enum(ATTESTATION_METHODS);
export type AttestationMethod = (typeof ATTESTATION_METHODS)[number];

export const attestation = z.object({
  id: z.string(),
  method: attestationMethod,
  /** SHA-256 (hex) of the canonical data attested (domain/attestation.ts). */
  dataSha256: z.string(),
  evidenceFileId: z.string().nullable(),
  witnessId: z.string().nullable(),
  witnessName: z.string().nullable(),
  attestedAt: z.string(),
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
});
export type Attestation = z.infer<typeof attestation>;

/** A signature drawn on the screen: a PNG data URL, and the hash of the data the screen showed. */
export const signatureAttestationBody = z
  .strictObject({
    method: z.literal('signature-pad'),
    signaturePng: z
      .string()
      .max(2_000_000, 'file.too-large')
      .regex(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/, 'attestation.signature-format'),
    /** The `dataSha256` the family was shown; refused with 409 when the data changed meanwhile. */
    dataSha256: z.string().regex(/^[0-9a-f]{64}$/, 'field.invalid'),
  })
  .meta({
    examples: [
      {
        method: 'signature-pad',
        signaturePng:
          'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
        dataSha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      },
    ],
  });
export type SignatureAttestationBody = z.infer<typeof signatureAttestationBody>;

// ---- requests ----
export const createRequestBody = z
  .strictObject({
    /** The form's own key: the same form sent twice (double click, retry) makes one request. */
    idempotencyKey: z
      .string()
      .min(8, 'field.too-short')
      .max(100, 'field.too-long')
      .regex(/^[A-Za-z0-9_-]+$/, 'field.invalid'),
    familyId: z.uuid('field.invalid-id'),
    typeCode: code,
    channel: requestChannel,
    answers: answers.default({}),
  })
  .meta({
    examples: [
      {
        idempotencyKey: 'form-7c1e9b2a',
        familyId: '01964a2e-5b7d-7c3a-9f10-2b8e4d6a1c55',
        typeCode: 'training-enrolment',
        channel: 'interview',
        answers: { 'trainee-name': 'سارة محمد', programme: 'sewing', 'can-attend-mornings': true },
      },
    ],
  });
export type CreateRequestBody = z.infer<typeof createRequestBody>;

/** Answers are merged key by key (null clears one); `version` guards against a concurrent edit. */
export const updateRequestBody = z.strictObject({
  answers,
  version: recordVersion,
});
export type UpdateRequestBody = z.infer<typeof updateRequestBody>;

export const transitionBody = z
  .strictObject({
    action: staffAction,
    note: longText(2000).optional(),
  })
  .meta({
    examples: [{ action: 'submit' }, { action: 'request-information', note: 'نرجو إرفاق عرض سعر للأدوات المطلوبة.' }],
  });
export type TransitionBody = z.infer<typeof transitionBody>;

/** The working-day clock of a request (C6), dates in both calendars. */
export const requestDeadline = z.object({
  startDay: z.string(),
  day: z.string(),
  dayHijri: z.string(),
  state: z.enum(['running', 'paused', 'breached', 'met', 'stopped']),
  workingDays: z.number(),
  warnDay: z.string().nullable(),
  pausedSince: z.string().nullable(),
  /** Working days after today up to the deadline day (0 on it, negative once overdue); null once stopped. */
  workingDaysLeft: z.number().int().nullable(),
});
export type RequestDeadline = z.infer<typeof requestDeadline>;

export const decision = z.object({
  outcome: decisionOutcome,
  reasons: z.string(),
  decidedAt: z.string(),
  meetingId: z.string().nullable(),
  minutesId: z.string().nullable(),
});
export type Decision = z.infer<typeof decision>;

export const historyEntry = z.object({
  at: z.string(),
  from: requestStatus.nullable(),
  to: requestStatus,
  /** 'submit' | 'begin-study' | … or an event without a move: 'attestation-voided', 'attested', 'create', 'deadline-capped' (C6, migration 0031). */
  event: z.string(),
  actorKind: z.enum(['staff', 'family', 'system']),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof historyEntry>;

export const SLA_STATES = ['none', 'on-time', 'due-soon', 'breached', 'met', 'late'] as const;
export const slaState = z.enum(SLA_STATES);
export type SlaState = (typeof SLA_STATES)[number];

/**
 * What this user may do with this request now (issue 19 §2), computed by the requests policy from
 * the caller's roles, the request's status (the state machine) and whether it is attested — the same
 * functions the routes authorise with. Screens show actions from these, not from role lists.
 */
export const requestAbilities = z.object({
  /** Change answers and documents (a draft, or information requested). */
  edit: z.boolean(),
  /** Have the family attest the data: the request is being prepared and has no valid attestation. */
  attest: z.boolean(),
  submit: z.boolean(),
  requestInformation: z.boolean(),
  informationReceived: z.boolean(),
  close: z.boolean(),
});
export type RequestAbilities = z.infer<typeof requestAbilities>;

export const requestSummary = z.object({
  id: z.string(),
  reference: z.string(),
  familyId: z.string(),
  familyReference: z.string(),
  familyName: z.string(),
  typeCode: z.string(),
  typeNameAr: z.string(),
  typeNameEn: z.string(),
  channel: requestChannel,
  status: requestStatus,
  slaState,
  committeeId: z.string().nullable(),
  /** Null until submitted (no clock yet). */
  deadlineDay: z.string().nullable(),
  deadlineHijri: z.string().nullable(),
  /** Drafts: every required item satisfied / attested (reception's "to attest"). */
  isChecklistSatisfied: z.boolean(),
  isAttested: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: requestAbilities,
});
export type RequestSummary = z.infer<typeof requestSummary>;

export const serviceRequest = requestSummary.extend({
  type: requestType,
  /** The type's version the request was filed under (issue 26 §3, C2): a later edit of the type does not move it. */
  typeVersion: z.number().nullable(),
  answers,
  completeness,
  documents: z.array(requestDocument),
  attestation: attestation.nullable(),
  /** The hash of the data as it is now: what an attestation must cover. */
  dataSha256: z.string(),
  deadline: requestDeadline.nullable(),
  decision: decision.nullable(),
  history: z.array(historyEntry),
  createdBy: z.string().nullable(),
  submittedAt: z.string().nullable(),
  notifiedAt: z.string().nullable(),
  /**
   * The messages to the family about this request and what happened to each (issue 20 §5, C5):
   * a decided request is `notified` only once its decision's message is sent.
   */
  messages: z.array(caseMessage),
  closedAt: z.string().nullable(),
  version: z.number(),
  /** The moves among `abilities`, as a list (the UI shows only these buttons). */
  allowedActions: z.array(staffAction),
  /** Same as `abilities.edit` (kept for existing callers). */
  canEdit: z.boolean(),
});
export type ServiceRequest = z.infer<typeof serviceRequest>;

/**
 * A move that takes the request out of the caller's sight (A6: a volunteer's request once
 * submitted goes to reception and the committee). Answered with 202 instead of the request, so the
 * screen can say where it went rather than fail on a 404.
 */
export const requestHandedOver = z.object({
  id: z.string(),
  reference: z.string(),
  status: requestStatus,
  isHandedOver: z.literal(true),
});
export type RequestHandedOver = z.infer<typeof requestHandedOver>;

// ---- worklists ----
/**
 * `committee`: complete requests awaiting a committee's study; `under-study` and
 * `information-requested`: requests on a committee's agendas, being studied or waiting for the
 * family (C5, C6). Committee members see only their committees' requests in each.
 */
export const WORKLISTS = ['reception', 'committee', 'under-study', 'information-requested', 'due-soon', 'breached', 'all'] as const;
export const worklist = z.enum(WORKLISTS);
export type Worklist = (typeof WORKLISTS)[number];

export const UNTOLD_DECISIONS = ['unsent', 'failed'] as const;
export type UntoldDecision = (typeof UNTOLD_DECISIONS)[number];

export const requestListQuery = z.strictObject({
  list: worklist.default('all'),
  /** Committee worklist: one committee (members: one of theirs). */
  committeeId: z.uuid('field.invalid-id').optional(),
  status: requestStatus.optional(),
  familyId: z.uuid('field.invalid-id').optional(),
  /** A1–A6 (issue 27 §3): only requests that came by this channel. */
  channel: requestChannel.optional(),
  /**
   * C5, C6 (issue 20 §5): decided requests whose family is not told yet — `unsent`: the decision's
   * message failed, was skipped, or has waited more than a day; `failed`: nothing is on its way.
   */
  message: z.enum(UNTOLD_DECISIONS).optional(),
  cursor: z.string().max(200).optional(),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, 'field.integer')
    .transform(Number)
    .pipe(z.number().int().min(1, 'field.out-of-range').max(200, 'field.out-of-range'))
    .default(50),
});
export type RequestListQuery = z.infer<typeof requestListQuery>;

export const requestList = z.object({ items: z.array(requestSummary), nextCursor: z.string().nullable() });
export type RequestList = z.infer<typeof requestList>;

/**
 * Worklist counts. `isCapped`: the count stopped at `cap` (a scope restricted by domain is counted
 * row by row up to the cap; otherwise maintained counters answer exactly).
 */
export const requestCounts = z.object({
  reception: z.number(),
  committee: z.number(),
  underStudy: z.number(),
  informationRequested: z.number(),
  dueSoon: z.number(),
  breached: z.number(),
  all: z.number(),
  /** Decided, the family not told (C5, C6): the `message=unsent` and `message=failed` lists. */
  decisionUnsent: z.number(),
  decisionFailed: z.number(),
  isCapped: z.boolean(),
  cap: z.number(),
});
export type RequestCounts = z.infer<typeof requestCounts>;

/**
 * `GET /api/v1/requests/channels` — A1–A6 (issue 27 §3): the requests the caller may see (the `all`
 * list) by the channel they came by, each the count of `list=all&channel=…` (A5: `website` and
 * `email`). Channels without one are left out.
 */
export const requestChannelCounts = z.object({ items: z.array(z.object({ channel: requestChannel, count: z.number() })) });
export type RequestChannelCounts = z.infer<typeof requestChannelCounts>;

// ---- for committees and the portal (requests.workflow.ts) ----
/** Agenda and minutes lines: no ID numbers. */
export const requestBrief = z.object({
  id: z.string(),
  reference: z.string(),
  typeCode: z.string(),
  typeNameAr: z.string(),
  typeNameEn: z.string(),
  familyId: z.string(),
  familyName: z.string(),
  status: requestStatus,
  /** The committee competent for it (set from its type when submitted); null when none is named. */
  committeeId: z.string().nullable(),
  deadlineDay: z.string().nullable(),
});
export type RequestBrief = z.infer<typeof requestBrief>;

/** The family's own view in the portal (C5: status; C3: what is missing; C6: deadline in both calendars). */
export const familyRequestView = z.object({
  id: z.string(),
  reference: z.string(),
  typeCode: z.string(),
  typeNameAr: z.string(),
  typeNameEn: z.string(),
  criteriaAr: z.string(),
  criteriaEn: z.string(),
  channel: requestChannel,
  status: requestStatus,
  createdAt: z.string(),
  missing: z.array(z.object({ key: z.string(), labelAr: z.string(), labelEn: z.string(), kind: z.enum(['field', 'document']) })),
  isAttested: z.boolean(),
  deadlineDay: z.string().nullable(),
  deadlineHijri: z.string().nullable(),
  decision: z.object({ outcome: decisionOutcome, reasons: z.string(), decidedAt: z.string() }).nullable(),
  /** The type's checklist, so the portal shows the fields to fill and the documents to upload (C2). */
  checklist: requestType.shape.checklist,
  /** The answers given so far: a draft is continued later with them (portal, issue 5 §2). */
  answers,
  documents: z.array(z.object({ id: z.string(), itemKey: z.string(), name: z.string(), size: z.number(), createdAt: z.string() })),
  /** The committee's latest question while information is requested (C5); null otherwise. */
  question: z.string().nullable(),
  /** C6: the type's reply time in working days. */
  responseWorkingDays: z.number(),
  version: z.number(),
});
export type FamilyRequestView = z.infer<typeof familyRequestView>;

/** What a family is about to confirm with a one-time code (C4): the data, labelled, and its hash. */
export const attestationSummary = z.object({
  requestId: z.string(),
  reference: z.string(),
  typeNameAr: z.string(),
  typeNameEn: z.string(),
  family: z.object({ headNameAr: z.string(), headNameEn: z.string().nullable(), city: z.string(), membersCount: z.number() }),
  answers: z.array(z.object({ key: z.string(), labelAr: z.string(), labelEn: z.string(), value: z.string() })),
  documents: z.array(z.object({ itemKey: z.string(), name: z.string(), sha256: z.string() })),
  dataSha256: z.string(),
});
export type AttestationSummary = z.infer<typeof attestationSummary>;

/** The portal's online application (channel `website`). */
export const createOnlineRequestBody = z.strictObject({
  idempotencyKey: createRequestBody.shape.idempotencyKey,
  typeCode: code,
  answers: answers.default({}),
  /** The registration notice's version the application showed (issue 20 §4): one that exists. */
  privacyNoticeVersion: text(40).optional(),
});
export type CreateOnlineRequestBody = z.infer<typeof createOnlineRequestBody>;

/** Issue 19 §5: one move on several requests, each checked and applied on its own. */
export const bulkTransitionBody = z.strictObject({ ids: bulkIds, action: staffAction, note: longText(2000).optional() });
export type BulkTransitionBody = z.infer<typeof bulkTransitionBody>;

/** At most this many requests in one export (a worklist's "all matching" stays well under it). */
export const MAX_REQUEST_EXPORT = 10_000;

/** Issue 19 §5: the chosen requests as a spreadsheet. */
export const requestExportBody = z.strictObject({
  ids: z.array(z.uuid('field.invalid-id')).min(1, 'field.required').max(MAX_REQUEST_EXPORT, 'field.too-long'),
});
