import { z } from 'zod';
import { STAFF_ROLES } from '../domain/roles.js';
import { longText, text } from './common.js';
import { RETENTION_KINDS } from './erasure.js';
import { caseMessage } from './notifications.js';

/**
 * The privacy area's API (issue 25 §2, §7, §8; F2): data-subject requests under the Personal Data
 * Protection Law (30 calendar days, one extension), the breach register (72 clock hours to the
 * regulator) and the record of processing.
 */
export const PRIVACY_REQUEST_KINDS = ['access', 'correction', 'erasure', 'objection', 'portable-copy'] as const;
export type PrivacyRequestKind = (typeof PRIVACY_REQUEST_KINDS)[number];
/** Where the request came in; `portal` only through the family portal. */
export const PRIVACY_CHANNELS = ['in-person', 'letter', 'phone', 'email', 'portal'] as const;
export const PRIVACY_STAFF_CHANNELS = ['in-person', 'letter', 'phone', 'email'] as const;
export const PRIVACY_STATUSES = ['received', 'verified', 'answered', 'refused'] as const;
export type PrivacyRequestStatus = (typeof PRIVACY_STATUSES)[number];
export const REQUESTER_RELATIONS = ['self', 'head', 'spouse', 'child', 'parent', 'guardian', 'representative'] as const;
/** How identity was verified (the officer records how, the server who and when). */
export const VERIFICATION_METHODS = [
  'id-card-in-person',
  'portal-sign-in',
  'tracking-code',
  'call-back-registered-mobile',
  'signed-letter-with-id',
] as const;
/**
 * F2: the short list of lawful reasons to refuse (PDPL and its implementing regulation): identity not
 * proven, the request repeats one answered, manifestly unfounded or excessive, it would reveal
 * another person's data, a legal obligation to keep the data, or a security or judicial reason.
 */
export const REFUSAL_REASONS = [
  'identity-not-verified',
  'repeated-request',
  'manifestly-unfounded',
  'others-data',
  'legal-obligation',
  'security-or-judicial',
] as const;

/** Text a person must write (an answer, a reason): trimmed, not empty. */
const writing = (max: number) => longText(max).refine((v) => v.length > 0, 'field.required');

export const privacySettings = z.strictObject({
  /** Calendar days to answer; at most 30 (the law's) — a higher value answers 400 `privacy.deadline-too-long`. */
  answerDays: z.number().int().min(1).max(365),
  warningDays: z.number().int().min(0).max(29),
});
export type PrivacySettings = z.infer<typeof privacySettings>;

export const requestListQuery = z.strictObject({
  status: z.enum([...PRIVACY_STATUSES, 'open']).optional(),
  kind: z.enum(PRIVACY_REQUEST_KINDS).optional(),
  sort: z.enum(['received', 'deadline']).default('received'),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
});

const familyRequester = z.strictObject({
  kind: z.literal('family'),
  /** The family by its id, or by the reference people quote (FAM-2026-000123): one of the two. */
  familyId: z.uuid('field.invalid-id').optional(),
  familyReference: text(40).optional(),
  /** A member of the family asking for themselves (else the head). */
  memberName: text(120).optional(),
});
const complainantRequester = z.strictObject({
  kind: z.literal('complainant'),
  complaintReference: text(40),
  trackingCode: text(40),
  name: text(120).optional(),
});

export const createRequestBody = z.strictObject({
  kind: z.enum(PRIVACY_REQUEST_KINDS),
  channel: z.enum(PRIVACY_STAFF_CHANNELS),
  requester: z.discriminatedUnion('kind', [familyRequester, complainantRequester]),
  relation: z.enum(REQUESTER_RELATIONS),
  details: longText(4000).optional(),
  /** When it was received, if earlier than now (a letter opened today); never in the future. */
  receivedAt: z.iso.datetime({ offset: true }).optional(),
});

/** F2: what a family asks from the portal (signed in: its identity is the sign-in's). */
export const portalPrivacyRequestBody = z.strictObject({
  kind: z.enum(PRIVACY_REQUEST_KINDS),
  details: longText(2000).optional(),
});
export type PortalPrivacyRequestBody = z.infer<typeof portalPrivacyRequestBody>;
export const portalPrivacyRequestAnswer = z.object({ reference: z.string(), deadline: z.string() });

export const verifyBody = z.strictObject({ method: z.enum(VERIFICATION_METHODS), note: longText(1000).optional() });
export const answerBody = z.strictObject({ answer: writing(8000) });
export const refuseBody = z.strictObject({ reason: z.enum(REFUSAL_REASONS), note: longText(4000).optional() });
export const extendBody = z.strictObject({ reason: writing(2000), days: z.number().int().min(1).max(30).default(30) });

const dualDay = z.object({ day: z.string(), hijri: z.string() });

export const privacyRequestSummary = z.object({
  id: z.string(),
  reference: z.string(),
  kind: z.enum(PRIVACY_REQUEST_KINDS),
  channel: z.string(),
  status: z.enum(PRIVACY_STATUSES),
  requesterKind: z.enum(['family', 'complainant']),
  requesterLabel: z.string(),
  receivedAt: z.string(),
  deadline: dualDay,
  daysLeft: z.number(),
  isExtended: z.boolean(),
});
export type PrivacyRequestSummary = z.infer<typeof privacyRequestSummary>;

export const privacyRequestDetail = privacyRequestSummary.extend({
  familyId: z.string().nullable(),
  familyReference: z.string().nullable(),
  complaintReference: z.string().nullable(),
  requesterName: z.string().nullable(),
  relation: z.string(),
  details: z.string().nullable(),
  receivedDay: dualDay,
  extension: z.object({ at: z.string(), by: z.string().nullable(), reason: z.string() }).nullable(),
  verification: z.object({ method: z.string(), note: z.string().nullable(), at: z.string(), by: z.string().nullable() }).nullable(),
  answer: z
    .object({ text: z.string().nullable(), at: z.string(), by: z.string().nullable(), refusalReason: z.string().nullable() })
    .nullable(),
  correction: z.object({ editPath: z.string(), linkedAt: z.string().nullable(), linkedBy: z.string().nullable() }).nullable(),
  /** Erasure kind: where the erasure area takes over (null while that area is absent). */
  erasure: z.object({ handOffPath: z.string().nullable(), note: z.string() }).nullable(),
  messages: z.array(caseMessage),
  abilities: z.object({ verify: z.boolean(), answer: z.boolean(), refuse: z.boolean(), extend: z.boolean(), linkCorrection: z.boolean() }),
});
export type PrivacyRequestDetail = z.infer<typeof privacyRequestDetail>;

export const privacyRequestList = z.object({ items: z.array(privacyRequestSummary), nextCursor: z.string().nullable() });

/**
 * Issue 25 §2–§3 (F2): what the portal shows a family of the requests it filed there — status, the
 * deadline in both calendars, and its access copy (downloadable until `expiresAt`). No staff names,
 * notes or the answer's text (the answer reaches the family as a message).
 */
export const portalPrivacyRequest = z.object({
  id: z.string(),
  reference: z.string(),
  kind: z.enum(PRIVACY_REQUEST_KINDS),
  status: z.enum(PRIVACY_STATUSES),
  receivedAt: z.string(),
  deadline: dualDay,
  copy: z.object({ status: z.enum(['pending', 'ready', 'expired']), expiresAt: z.string().nullable() }).nullable(),
});
export type PortalPrivacyRequest = z.infer<typeof portalPrivacyRequest>;
export const portalPrivacyRequestList = z.object({ items: z.array(portalPrivacyRequest) });
export const portalCopyParams = z.strictObject({ id: z.uuid('field.invalid-id'), format: z.enum(['html', 'json']) });

// ---- breaches (§8) ----

export const createBreachBody = z.strictObject({
  awareAt: z.iso.datetime({ offset: true }),
  description: writing(4000),
  dataCategories: text(500),
  peopleCount: z.number().int().min(0).max(100_000_000),
  containment: longText(4000).optional(),
});
export const decideBreachBody = z.strictObject({ isNotifiable: z.boolean(), reason: writing(2000) });
export const notifyRegulatorBody = z.strictObject({
  notifiedAt: z.iso.datetime({ offset: true }),
  reference: text(80).optional(),
  note: longText(2000).optional(),
});
/** The families to tell, by id or by the references people quote (at least one of the two). */
export const informBody = z.strictObject({
  familyIds: z.array(z.uuid('field.invalid-id')).max(500).default([]),
  familyReferences: z.array(text(40)).max(500).default([]),
  message: writing(1000),
});
export const closeBreachBody = z.strictObject({ lessons: writing(4000) });
export const breachListQuery = z.strictObject({
  status: z.enum(['open', 'closed']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
});

export const breachSummary = z.object({
  id: z.string(),
  reference: z.string(),
  status: z.enum(['open', 'closed']),
  awareAt: z.string(),
  recordedAt: z.string(),
  dataCategories: z.string(),
  peopleCount: z.number(),
  isNotifiable: z.boolean().nullable(),
  notifyDeadlineAt: z.string().nullable(),
  hoursLeft: z.number().nullable(),
  regulatorNotifiedAt: z.string().nullable(),
});
export type BreachSummary = z.infer<typeof breachSummary>;

export const breachDetail = breachSummary.extend({
  description: z.string(),
  containment: z.string().nullable(),
  notifiableReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  regulatorReference: z.string().nullable(),
  regulatorNote: z.string().nullable(),
  informedCount: z.number(),
  lessons: z.string().nullable(),
  closedAt: z.string().nullable(),
  abilities: z.object({ decide: z.boolean(), notifyRegulator: z.boolean(), inform: z.boolean(), close: z.boolean() }),
});
export type BreachDetail = z.infer<typeof breachDetail>;
export const breachList = z.object({ items: z.array(breachSummary), nextCursor: z.string().nullable() });

// ---- record of processing (§7) ----

export const processingRecord = z.object({
  generatedAt: z.string(),
  areas: z.array(
    z.object({
      area: z.string(),
      /** Issue 25 §7: why the area processes personal data, Arabic and English (null: not declared). */
      purpose: z.object({ ar: z.string(), en: z.string() }).nullable(),
      /** The staff roles that may read it (the roles of the area's read routes). */
      readers: z.array(z.enum(STAFF_ROLES)),
      /** The retention periods that apply, as set now: months, or null for never (issue 25 §6). */
      retention: z.array(z.object({ kind: z.enum(RETENTION_KINDS), months: z.number().int().nullable() })),
      tables: z.array(
        z.object({
          table: z.string(),
          subject: z.string(),
          columns: z.array(
            z.object({
              column: z.string(),
              /** Issue 25 §7: the registry's label, Arabic and English. */
              label: z.object({ ar: z.string(), en: z.string() }),
              holds: z.string(),
              isEncrypted: z.boolean(),
            }),
          ),
        }),
      ),
    }),
  ),
  transfers: z.array(z.object({ channel: z.string(), isConfigured: z.boolean() })),
  answerDays: z.number(),
});
export type ProcessingRecord = z.infer<typeof processingRecord>;
