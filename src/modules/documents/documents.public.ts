import { normaliseArabic } from '../../domain/arabic-text.js';
import type { AppContext } from '../../platform/context.js';
import type { DocumentKindTable, DocumentTable, DocumentVersionTable } from '../../platform/db/schema-documents.js';
import { readStoredFile } from '../../platform/files/file-store.js';
import { FILE_OWNER, type FileFacts, filesOf, today, versionInForce, versionsByDocument } from './documents.store.js';

/**
 * What the public library shows (issue 26 §1, B1–B5): public documents with at least one published
 * version, each version published — never a draft or a withdrawn one, never a staff-only document.
 * Whatever is not shown answers 404, the same as what does not exist.
 */
export interface PublicVersion {
  row: DocumentVersionTable;
  fileAr: FileFacts | null;
  fileEn: FileFacts | null;
  /** 'in-force', 'upcoming' (effective after today) or 'previous' (replaced). */
  state: 'in-force' | 'upcoming' | 'previous';
}

export interface PublicDocument {
  doc: DocumentTable;
  kind: DocumentKindTable | null;
  /** Published versions, newest number first. */
  versions: PublicVersion[];
  inForce: PublicVersion | null;
}

async function publishedOf(ctx: AppContext, docs: DocumentTable[]): Promise<PublicDocument[]> {
  const versions = await versionsByDocument(
    ctx.db,
    docs.map((d) => d.id),
  );
  const kinds = new Map((await ctx.db.selectFrom('document_kinds').selectAll().execute()).map((k) => [k.code, k]));
  const published = [...versions.values()].flat().filter((v) => v.status === 'published');
  const files = await filesOf(ctx.db, published);
  const day = today(ctx);
  return docs.flatMap((doc) => {
    const rows = (versions.get(doc.id) ?? []).filter((v) => v.status === 'published');
    if (!rows.length) return [];
    const inForceId = versionInForce(rows, day)?.id ?? null;
    const list = rows.map(
      (row): PublicVersion => ({
        row,
        fileAr: row.file_ar_id ? (files.get(row.file_ar_id) ?? null) : null,
        fileEn: row.file_en_id ? (files.get(row.file_en_id) ?? null) : null,
        state: row.id === inForceId ? 'in-force' : (row.effective_on ?? '') > day ? 'upcoming' : 'previous',
      }),
    );
    return [{ doc, kind: kinds.get(doc.kind) ?? null, versions: list, inForce: list.find((v) => v.state === 'in-force') ?? null }];
  });
}

/** The library: public documents by kind (the kinds' order), then by Arabic title; `q` searches both titles. */
export async function publicLibrary(ctx: AppContext, { q, kind }: { q?: string; kind?: string }): Promise<PublicDocument[]> {
  let select = ctx.db.selectFrom('documents').selectAll().where('visibility', '=', 'public');
  if (kind) select = select.where('kind', '=', kind);
  const docs = await publishedOf(ctx, await select.orderBy('title_ar').execute());
  const needle = q ? normaliseArabic(q) : '';
  return docs
    .filter((d) => !needle || [d.doc.title_ar, d.doc.title_en, d.doc.slug].some((v) => normaliseArabic(v).includes(needle)))
    .sort((a, b) => (a.kind?.sort_order ?? 999) - (b.kind?.sort_order ?? 999));
}

export async function publicDocument(ctx: AppContext, slug: string): Promise<PublicDocument | null> {
  const doc = await ctx.db
    .selectFrom('documents')
    .selectAll()
    .where('slug', '=', slug)
    .where('visibility', '=', 'public')
    .executeTakeFirst();
  if (!doc) return null;
  return (await publishedOf(ctx, [doc]))[0] ?? null;
}

export async function publicKinds(ctx: AppContext): Promise<DocumentKindTable[]> {
  return ctx.db.selectFrom('document_kinds').selectAll().where('is_active', '=', 1).orderBy('sort_order').execute();
}

/** A published public version's PDF by its content hash, or null (a draft's, a withdrawn one's, any other file). */
export async function publicPdf(ctx: AppContext, sha256: string) {
  const rows = await ctx.db
    .selectFrom('files')
    .innerJoin('document_versions as v', 'v.id', 'files.owner_id')
    .innerJoin('documents as d', 'd.id', 'v.document_id')
    .select(['files.id as fileId', 'v.file_ar_id', 'v.file_en_id'])
    .where('files.sha256', '=', sha256)
    .where('files.owner_type', '=', FILE_OWNER)
    .where('files.media_type', '=', 'application/pdf')
    .where('v.status', '=', 'published')
    .where('d.visibility', '=', 'public')
    .execute();
  const row = rows.find((r) => r.fileId === r.file_ar_id || r.fileId === r.file_en_id);
  return row ? readStoredFile(ctx.db, ctx.keys, row.fileId) : null;
}
