import { z } from 'zod';

/**
 * Erasure and retention (issue 25 §5–§6, F2): a family's erasure, the ledger, the retention periods
 * per record kind, the retention job's runs and its dry-run.
 */
export const ERASURE_REASONS = ['data-subject-request', 'objection', 'legal-obligation', 'retention-expired', 'other'] as const;
export type ErasureReason = (typeof ERASURE_REASONS)[number];

export const eraseFamilyBody = z.object({
  familyId: z.string().uuid(),
  reason: z.enum(ERASURE_REASONS),
  requestRef: z.string().trim().min(1).max(40).optional(),
});
export type EraseFamilyBody = z.infer<typeof eraseFamilyBody>;

const erasedTable = z.object({ table: z.string(), rows: z.number().int(), files: z.number().int() });
export const erasureResult = z.object({
  familyId: z.string(),
  number: z.number().int(),
  erasedAt: z.string(),
  tables: z.array(erasedTable),
});

export const erasureHold = z.object({
  name: z.string(),
  label: z.object({ ar: z.string(), en: z.string() }),
  references: z.array(z.string()),
});
export const erasureHoldList = z.object({ holds: z.array(erasureHold) });
export const familyIdQuery = z.object({
  familyId: z.string().uuid(),
  /** The erasure request the holds are read for: it does not hold itself. */
  requestRef: z.string().trim().min(1).max(40).optional(),
});

/** Issue 25 §2, §5: the writer of a complaint or inquiry who is not a registered family, by the case's reference. */
export const eraseComplainantBody = z.object({
  complaintReference: z.string().trim().min(1).max(40),
  reason: z.enum(ERASURE_REASONS),
  requestRef: z.string().trim().min(1).max(40).optional(),
});
export const complainantErasureResult = z.object({
  complaintId: z.string(),
  reference: z.string(),
  erasedAt: z.string(),
  tables: z.array(erasedTable),
});
export const complaintReferenceQuery = z.object({
  complaintReference: z.string().trim().min(1).max(40),
  /** The erasure request the holds are read for: it does not hold itself. */
  requestRef: z.string().trim().min(1).max(40).optional(),
});

export const ledgerEntry = z.object({
  familyId: z.string(),
  number: z.number().int(),
  cause: z.enum(['request', 'retention']),
  requestRef: z.string().nullable(),
  erasedAt: z.string(),
});
export const ledgerList = z.object({ items: z.array(ledgerEntry) });

/** What retention anonymises, each after its own period (months; null: never). */
export const RETENTION_KINDS = ['families', 'rejected-requests', 'complaints'] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];
/** §6: no period shorter than a month. */
export const MIN_RETENTION_MONTHS = 1;

export const retentionPeriods = z.object({
  families: z.number().int().nullable(),
  'rejected-requests': z.number().int().nullable(),
  complaints: z.number().int().nullable(),
});
export type RetentionPeriods = z.infer<typeof retentionPeriods>;
/** Bounds are checked by the service (400 `retention.too-short`), not the schema, so the code is stable. */
export const retentionPeriodsBody = retentionPeriods.partial();

const retentionKindReport = z.object({
  kind: z.enum(RETENTION_KINDS),
  months: z.number().int().nullable(),
  /** Records anonymised (or, dry, that would be). */
  anonymised: z.number().int(),
  /** Records due but held (an open request, complaint or case). */
  held: z.number().int(),
  /** Up to 50 of them, as references (dry-run: what would be anonymised). */
  references: z.array(z.string()),
});
export const retentionReport = z.object({
  id: z.string().nullable(),
  isDryRun: z.boolean(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  kinds: z.array(retentionKindReport),
});
export type RetentionReport = z.infer<typeof retentionReport>;
export const retentionRunList = z.object({ items: z.array(retentionReport) });
