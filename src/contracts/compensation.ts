import { z } from 'zod';
import {
  COMPENSATION_ACTIONS,
  COMPENSATION_AGE_BANDS,
  COMPENSATION_ORIGINS,
  COMPENSATION_STATUSES,
  type CompensationAgeBand,
  OFFER_ANSWERS,
  PAYMENT_METHODS,
} from '../domain/compensation-status.js';
import { calendarDay } from './calendar.js';
import { idParams, longText, text } from './common.js';
import { caseMessage } from './notifications.js';

/**
 * Compensation cases (issue 23; D1–D4, E3): API schemas shared by the server and the staff screens.
 * Amounts are integer halalas (`…Halalas`); a riyal is 100 halalas.
 */
export { COMPENSATION_ACTIONS, COMPENSATION_ORIGINS, COMPENSATION_STATUSES, OFFER_ANSWERS, PAYMENT_METHODS };
export const compensationStatus = z.enum(COMPENSATION_STATUSES);
export const compensationOrigin = z.enum(COMPENSATION_ORIGINS);
export const paymentMethod = z.enum(PAYMENT_METHODS);
export const compensationAgeBand = z.enum(COMPENSATION_AGE_BANDS.map((b) => b.band) as [CompensationAgeBand, ...CompensationAgeBand[]]);
/** What an oversight amount counts (issue 23 §6): the list of the cases behind it. */
export const CASE_HOLDINGS = ['established', 'offer', 'settlement', 'settled', 'payment'] as const;

/** An amount in halalas: a whole number above zero, below what both engines hold comfortably (10 billion riyals). */
export const halalas = z
  .number('field.integer')
  .int('field.integer')
  .positive('compensation.amount-not-positive')
  .max(1_000_000_000_000, 'field.too-large');

const uuid = z.uuid('field.invalid-id');

/** `POST /api/v1/compensation-cases`: management (or the investigation committee) opens a case on a family's claim. */
export const openCaseBody = z.strictObject({
  familyId: uuid,
  origin: compensationOrigin.exclude(['complaint']),
  claim: longText(4000).min(10, 'field.too-short'),
  amountAskedHalalas: halalas.optional(),
  concernedStaffIds: z.array(uuid).max(20, 'field.too-many').default([]),
});

/** `POST …/:id/transitions`: the moves with no record of their own; closing and withdrawing say why. */
export const transitionBody = z.strictObject({
  action: z.enum(['begin-investigation', 'withdraw', 'fail-negotiation', 'close']),
  reason: longText(2000).optional(),
});

/** `POST …/:id/rounds`: an offer (D4) — an amount, an in-kind remedy, an apology or a service, at least one. */
export const roundBody = z.strictObject({
  offerAmountHalalas: halalas.optional(),
  remedy: longText(2000).optional(),
  service: longText(2000).optional(),
  hasApology: z.boolean().default(false),
  isFinalOffer: z.boolean().default(false),
  notes: longText(4000).optional(),
  nextDay: calendarDay.optional(),
});

export const roundParams = z.strictObject({ id: uuid, roundId: uuid });
export const fileParams = z.strictObject({ id: uuid, fileId: uuid });

/** `POST …/rounds/:roundId/answer`: the family's answer to an offer. */
export const answerBody = z.strictObject({
  answer: z.enum(['accepted', 'rejected', 'counter']),
  note: longText(2000).optional(),
});

/** `PUT …/:id/settlement`: the agreed terms the family attests (issue 23 §4). */
export const settlementBody = z.strictObject({
  amountHalalas: halalas,
  remedy: longText(2000).optional(),
  service: longText(2000).optional(),
  hasApology: z.boolean().default(false),
  schedule: longText(2000).min(5, 'field.too-short'),
});

export const documentQuery = z.strictObject({ language: z.enum(['ar', 'en']).default('ar') });

export const listQuery = z.strictObject({
  status: compensationStatus.optional(),
  isOpen: z.enum(['true', 'false']).optional(),
  /** Open cases whose age falls in this band (the oversight's ages). */
  age: compensationAgeBand.optional(),
  /** Cases with an established harm, an offer, written terms, a settlement, or a payment (the oversight's amounts and median). */
  has: z.enum(CASE_HOLDINGS).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Ruling fields as sent in the multipart form beside the scan (`file`), parsed from text. */
export const rulingFields = z.strictObject({
  authority: text(200),
  rulingNumber: text(100),
  rulingDay: calendarDay,
  isFinal: z.enum(['true', 'false']).transform((v) => v === 'true'),
  amountHalalas: z
    .string()
    .regex(/^-?\d{1,13}$/, 'field.integer')
    .transform(Number)
    .pipe(halalas)
    .optional(),
  summary: longText(2000).optional(),
});

/** Payment fields as sent in the multipart form beside the receipt's scan (`file`, optional). */
export const paymentFields = z.strictObject({
  amountHalalas: z
    .string()
    .regex(/^-?\d{1,13}$/, 'field.integer')
    .transform(Number)
    .pipe(halalas),
  method: paymentMethod,
  paidDay: calendarDay,
  reference: text(120).optional(),
});

const staffRef = z.object({ id: z.string(), name: z.string() }).nullable();

export const caseSummary = z.object({
  id: z.string(),
  reference: z.string(),
  family: z.object({ id: z.string(), reference: z.string(), name: z.string() }),
  status: compensationStatus,
  origin: compensationOrigin,
  amountAskedHalalas: z.number().nullable(),
  establishedAmountHalalas: z.number().nullable(),
  openedAt: z.string(),
  updatedAt: z.string(),
  /** Whole days since the case was opened (oversight's age). */
  ageDays: z.number(),
});
export type CompensationSummary = z.infer<typeof caseSummary>;

export const caseList = z.object({ items: z.array(caseSummary), nextCursor: z.string().nullable() });

export const ruling = z.object({
  id: z.string(),
  authority: z.string(),
  rulingNumber: z.string(),
  rulingDay: z.string(),
  isFinal: z.boolean(),
  amountHalalas: z.number().nullable(),
  summary: z.string().nullable(),
  fileId: z.string(),
  recordedBy: staffRef,
  recordedAt: z.string(),
});

/** What this user may do with an offer now (issue 19 §2), from the compensation policy — the routes' checks. */
export const roundAbilities = z.object({
  /** Management's second approval (D4): never on one's own offer. */
  approve: z.boolean(),
  /** Record the family's answer: once any approval it waited for is given. */
  answer: z.boolean(),
});
export type RoundAbilities = z.infer<typeof roundAbilities>;

export const round = z.object({
  id: z.string(),
  position: z.number(),
  offerAmountHalalas: z.number().nullable(),
  remedy: z.string().nullable(),
  service: z.string().nullable(),
  hasApology: z.boolean(),
  isFinalOffer: z.boolean(),
  notes: z.string().nullable(),
  nextDay: z.string().nullable(),
  deadline: z.object({ day: z.string(), state: z.string() }).nullable(),
  needsApproval: z.boolean(),
  approvedBy: staffRef,
  approvedAt: z.string().nullable(),
  answer: z.enum(OFFER_ANSWERS),
  answerNote: z.string().nullable(),
  answeredAt: z.string().nullable(),
  offeredBy: staffRef,
  offeredAt: z.string(),
  abilities: roundAbilities,
});

export const settlement = z.object({
  amountHalalas: z.number(),
  remedy: z.string().nullable(),
  service: z.string().nullable(),
  hasApology: z.boolean(),
  schedule: z.string(),
  version: z.number(),
  updatedAt: z.string(),
  /** SHA-256 of the canonical terms the family attests (kind `compensation-settlement`). */
  dataSha256: z.string(),
  isAttested: z.boolean(),
});

export const payment = z.object({
  id: z.string(),
  amountHalalas: z.number(),
  method: paymentMethod,
  paidDay: z.string(),
  reference: z.string().nullable(),
  fileId: z.string().nullable(),
  recordedBy: staffRef,
  recordedAt: z.string(),
});

/**
 * What this user may do with the case now beyond its moves (issue 19 §2), from the compensation policy
 * with the state machine: screens show forms from these, never from the status or role lists.
 */
export const caseAbilities = z.object({
  /** D3: record a ruling with its scan (until the case is settled or ended). */
  recordRuling: z.boolean(),
  /** D4: make the next offer (harm established, no offer waiting for an answer). */
  offer: z.boolean(),
  /** Write the settlement's terms (after an offer the family accepted). */
  saveSettlement: z.boolean(),
  /** Settle: the family attested the terms as they are. */
  settle: z.boolean(),
  /**
   * C4: take the family's signature of the terms as they are on this screen — terms written, not
   * attested, still negotiating, and this user one who witnesses attestations (reception, contact
   * officer, volunteer), as the attestation routes require.
   */
  attestSettlement: z.boolean(),
  /** Record a payment or delivery. */
  pay: z.boolean(),
});
export type CompensationAbilities = z.infer<typeof caseAbilities>;

export const caseDetail = caseSummary.extend({
  complaint: z.object({ id: z.string(), reference: z.string() }).nullable(),
  originReason: z.string().nullable(),
  claim: z.string(),
  claimFileId: z.string().nullable(),
  committee: z.object({ id: z.string(), nameAr: z.string(), nameEn: z.string() }).nullable(),
  concernedStaff: z.array(z.object({ id: z.string(), name: z.string() })),
  establishment: z
    .object({
      basis: z.enum(['minutes', 'ruling']),
      minutesId: z.string().nullable(),
      meetingId: z.string().nullable(),
      rulingId: z.string().nullable(),
      harm: z.string().nullable(),
      size: z.string().nullable(),
      causes: z.string().nullable(),
      amountHalalas: z.number().nullable(),
      isAmountFixed: z.boolean(),
      at: z.string(),
    })
    .nullable(),
  outcomeReasons: z.string().nullable(),
  rulings: z.array(ruling),
  rounds: z.array(round),
  settlement: settlement.nullable(),
  payments: z.array(payment),
  paidHalalas: z.number(),
  steps: z.array(z.object({ action: z.string(), status: compensationStatus, by: staffRef, at: z.string(), note: z.string().nullable() })),
  messages: z.array(caseMessage),
  /** The moves the case's step allows (the transition picker); who may make them is in `abilities` and the routes. */
  actions: z.array(z.enum(COMPENSATION_ACTIONS)),
  abilities: caseAbilities,
  settledAt: z.string().nullable(),
  closedAt: z.string().nullable(),
});
export type CompensationDetail = z.infer<typeof caseDetail>;

/** Oversight (issue 23 §6): open cases by step and age, amounts established vs offered vs paid, median days to settlement. */
export const oversight = z.object({
  openByStatus: z.array(z.object({ status: compensationStatus, count: z.number() })),
  openByAge: z.array(z.object({ band: compensationAgeBand, count: z.number() })),
  amounts: z.object({ establishedHalalas: z.number(), offeredHalalas: z.number(), settledHalalas: z.number(), paidHalalas: z.number() }),
  medianDaysToSettlement: z.number().nullable(),
  settledCount: z.number(),
});

/** The portal's list of the family's own cases (issue 23 §5): the step and dates, no staff names, no notes. */
export const portalCase = z.object({
  id: z.string(),
  reference: z.string(),
  status: compensationStatus,
  openedAt: z.string(),
  establishedAt: z.string().nullable(),
  settledAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  settlementAmountHalalas: z.number().nullable(),
  paidHalalas: z.number(),
});
export const portalCaseList = z.object({ items: z.array(portalCase) });
export type PortalCompensationCase = z.infer<typeof portalCase>;

export { idParams };

/** The area's settings (issue 23 §2, §3): the investigation committee (null: the oldest holding `investigation`) and each round's working days. */
export const compensationSettings = z.strictObject({
  investigationCommitteeId: uuid.nullable(),
  roundWorkingDays: z.number().int().min(1).max(60),
  warningWorkingDays: z.number().int().min(0).max(30),
});
export type CompensationSettings = z.infer<typeof compensationSettings>;
