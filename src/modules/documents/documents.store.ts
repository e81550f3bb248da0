import type { Kysely } from 'kysely';
import type { DocumentKind, DocumentSummary, DocumentVersion } from '../../contracts/documents.js';
import { riyadhCalendarDay } from '../../domain/dates.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import type { DocumentKindTable, DocumentTable, DocumentVersionTable } from '../../platform/db/schema-documents.js';

/**
 * Reading the library (issue 26 §1): rows to the API's shapes, and which version is in force —
 * the published version with the latest effective day on or before today (Riyadh), the higher
 * number winning a tie. A published version effective later is announced, not yet in force.
 */
export const FILE_OWNER = 'document-version';
export const PDF_PUBLIC_PREFIX = '/documents/files/';

export interface FileFacts {
  id: string;
  name: string;
  size: number;
  sha256: string;
}

export const kindOf = (row: DocumentKindTable): DocumentKind => ({
  code: row.code,
  nameAr: row.name_ar,
  nameEn: row.name_en,
  sortOrder: row.sort_order,
  isActive: row.is_active === 1,
});

export function today(ctx: AppContext): string {
  return riyadhCalendarDay(ctx.clock.now());
}

/** The version in force among a document's versions, or null (none published, or all effective later). */
export function versionInForce<T extends Pick<DocumentVersionTable, 'status' | 'effective_on' | 'number'>>(
  versions: readonly T[],
  day: string,
): T | null {
  let best: T | null = null;
  for (const v of versions) {
    if (v.status !== 'published' || !v.effective_on || v.effective_on > day) continue;
    if (
      !best ||
      (v.effective_on as string) > (best.effective_on as string) ||
      (v.effective_on === best.effective_on && v.number > best.number)
    )
      best = v;
  }
  return best;
}

/** The public address of a published public PDF: keyed by its content hash (cached for a year). */
export const publicPdfUrl = (sha256: string) => `${PDF_PUBLIC_PREFIX}${sha256}.pdf`;

export async function filesOf(db: Kysely<Database>, versions: readonly DocumentVersionTable[]): Promise<Map<string, FileFacts>> {
  const ids = versions.flatMap((v) => [v.file_ar_id, v.file_en_id]).filter((id): id is string => id !== null);
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('files').select(['id', 'name', 'size', 'sha256']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, size: Number(r.size), sha256: r.sha256 }]));
}

export function presentVersion(
  row: DocumentVersionTable,
  { files, inForceId, isPublic }: { files: Map<string, FileFacts>; inForceId: string | null; isPublic: boolean },
): DocumentVersion {
  const file = (id: string | null) => {
    const facts = id ? files.get(id) : undefined;
    if (!facts) return null;
    const publicUrl = isPublic && row.status === 'published' ? publicPdfUrl(facts.sha256) : null;
    return { name: facts.name, size: facts.size, sha256: facts.sha256, publicUrl };
  };
  return {
    id: row.id,
    number: row.number,
    status: row.status as DocumentVersion['status'],
    bodyAr: row.body_ar,
    bodyEn: row.body_en,
    isEnglishSummary: row.is_english_summary === 1,
    fileAr: file(row.file_ar_id),
    fileEn: file(row.file_en_id),
    effectiveOn: row.effective_on,
    changeSummaryAr: row.change_summary_ar,
    changeSummaryEn: row.change_summary_en,
    approvedBy: row.approved_by,
    approvedOn: row.approved_on,
    isInForce: row.id === inForceId,
    publishedAt: row.published_at,
    withdrawnAt: row.withdrawn_at,
    withdrawReason: row.withdraw_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function presentSummary(doc: DocumentTable, versions: readonly DocumentVersionTable[], day: string): DocumentSummary {
  const inForce = versionInForce(versions, day);
  return {
    id: doc.id,
    slug: doc.slug,
    kind: doc.kind,
    titleAr: doc.title_ar,
    titleEn: doc.title_en,
    visibility: doc.visibility as DocumentSummary['visibility'],
    inForce: inForce ? { number: inForce.number, effectiveOn: inForce.effective_on } : null,
    hasDraft: versions.some((v) => v.status === 'draft'),
    updatedAt: doc.updated_at,
  };
}

/** Every version of the given documents, grouped by document, newest number first. */
export async function versionsByDocument(
  db: Kysely<Database>,
  documentIds: readonly string[],
): Promise<Map<string, DocumentVersionTable[]>> {
  const grouped = new Map<string, DocumentVersionTable[]>();
  if (!documentIds.length) return grouped;
  const rows = await db
    .selectFrom('document_versions')
    .selectAll()
    .where('document_id', 'in', documentIds)
    .orderBy('number', 'desc')
    .execute();
  for (const row of rows) grouped.set(row.document_id, [...(grouped.get(row.document_id) ?? []), row]);
  return grouped;
}
