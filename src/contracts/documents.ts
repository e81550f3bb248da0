import { z } from 'zod';
import { calendarDay } from './calendar.js';
import { code, longText, searchText, text } from './common.js';

/**
 * The association's document library (issue 26 §1; B1–B5, F4): documents of a kind (a setting),
 * each with versions — Arabic and English text or a PDF, an effective date, what changed, who
 * approved it and when — drafted, published and withdrawn by documents editors and administrators.
 */
export const DOCUMENT_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export type DocumentVersionStatus = (typeof DOCUMENT_STATUSES)[number];

/** Who sees a document: everyone (the public library) or staff only. */
export const DOCUMENT_VISIBILITIES = ['public', 'staff'] as const;

/**
 * Paths under /documents/ that are pages of their own, never a document's slug: `forms` is the
 * request forms' list (issue 26 §3, G2), `files` the published PDFs.
 */
export const RESERVED_SLUGS: readonly string[] = ['forms', 'files', 'new', 'search'];

export const slug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{0,58}[a-z0-9]$/, 'document.slug-format')
  .refine((v) => !RESERVED_SLUGS.includes(v), 'document.slug-reserved');

export const documentKind = z.object({
  code: z.string(),
  nameAr: z.string(),
  nameEn: z.string(),
  sortOrder: z.number(),
  isActive: z.boolean(),
});
export type DocumentKind = z.infer<typeof documentKind>;

export const createKindBody = z.strictObject({
  code,
  nameAr: text(80),
  nameEn: text(80),
  sortOrder: z.number().int().min(0).max(999).optional(),
});
export const updateKindBody = z.strictObject({
  nameAr: text(80).optional(),
  nameEn: text(80).optional(),
  sortOrder: z.number().int().min(0).max(999).optional(),
  isActive: z.boolean().optional(),
});
export const kindParams = z.strictObject({ code });

export const createDocumentBody = z.strictObject({
  kind: code,
  slug,
  titleAr: text(200),
  titleEn: text(200),
  visibility: z.enum(DOCUMENT_VISIBILITIES).default('public'),
});
export const updateDocumentBody = z.strictObject({
  kind: code.optional(),
  titleAr: text(200).optional(),
  titleEn: text(200).optional(),
  visibility: z.enum(DOCUMENT_VISIBILITIES).optional(),
});

/** A version's fields; all but the text may wait until publishing (a draft is work in progress). */
const versionFields = {
  bodyAr: longText(200_000).nullable().optional(),
  bodyEn: longText(200_000).nullable().optional(),
  /** The English text is a summary, not the official text (the Arabic is). */
  isEnglishSummary: z.boolean().optional(),
  effectiveOn: calendarDay.nullable().optional(),
  changeSummaryAr: longText(2000).nullable().optional(),
  changeSummaryEn: longText(2000).nullable().optional(),
  /** Who approved it: the board, the general assembly, a named officer. */
  approvedBy: text(200).nullable().optional(),
  approvedOn: calendarDay.nullable().optional(),
};
export const versionBody = z.strictObject(versionFields);
export type VersionBody = z.infer<typeof versionBody>;

export const withdrawBody = z.strictObject({ reason: text(500) });

export const documentVersionParams = z.strictObject({ id: z.uuid('field.invalid-id'), versionId: z.uuid('field.invalid-id') });
export const versionFileParams = documentVersionParams.extend({ language: z.enum(['ar', 'en']) });

const fileInfo = z.object({ name: z.string(), size: z.number(), sha256: z.string(), publicUrl: z.string().nullable() }).nullable();

export const documentVersion = z.object({
  id: z.string(),
  number: z.number(),
  status: z.enum(DOCUMENT_STATUSES),
  bodyAr: z.string().nullable(),
  bodyEn: z.string().nullable(),
  isEnglishSummary: z.boolean(),
  fileAr: fileInfo,
  fileEn: fileInfo,
  effectiveOn: z.string().nullable(),
  changeSummaryAr: z.string().nullable(),
  changeSummaryEn: z.string().nullable(),
  approvedBy: z.string().nullable(),
  approvedOn: z.string().nullable(),
  isInForce: z.boolean(),
  publishedAt: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DocumentVersion = z.infer<typeof documentVersion>;

export const documentSummary = z.object({
  id: z.string(),
  slug: z.string(),
  kind: z.string(),
  titleAr: z.string(),
  titleEn: z.string(),
  visibility: z.enum(DOCUMENT_VISIBILITIES),
  /** The version in force (published, effective today or before), if any. */
  inForce: z.object({ number: z.number(), effectiveOn: z.string().nullable() }).nullable(),
  hasDraft: z.boolean(),
  updatedAt: z.string(),
});
export type DocumentSummary = z.infer<typeof documentSummary>;

export const documentDetail = documentSummary.extend({
  versions: z.array(documentVersion),
  abilities: z.object({ edit: z.boolean(), addVersion: z.boolean() }),
});
export type DocumentDetail = z.infer<typeof documentDetail>;

export const documentListQuery = z.strictObject({
  q: searchText(100).optional(),
  kind: code.optional(),
  status: z.enum(['in-force', 'draft', 'none']).optional(),
});
export const documentList = z.object({ items: z.array(documentSummary), kinds: z.array(documentKind) });
export type DocumentList = z.infer<typeof documentList>;
