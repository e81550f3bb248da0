import type { z } from 'zod';
import type {
  createDocumentBody,
  createKindBody,
  DocumentDetail,
  DocumentKind,
  DocumentList,
  documentListQuery,
  updateDocumentBody,
  updateKindBody,
} from '../../contracts/documents.js';
import { normaliseArabic } from '../../domain/arabic-text.js';
import type { AppContext } from '../../platform/context.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import type { DocumentTable } from '../../platform/db/schema-documents.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { filesOf, kindOf, presentSummary, presentVersion, today, versionInForce, versionsByDocument } from './documents.store.js';

/**
 * Documents and their kinds (issue 26 §1, B1–B5): documents editors and administrators create and
 * rename documents; administrators keep the kinds (a setting). Every change is audited.
 */
const actor = (principal: StaffPrincipal) => ({ kind: 'staff' as const, id: principal.userId });

export async function listKinds(ctx: AppContext): Promise<DocumentKind[]> {
  const rows = await ctx.db.selectFrom('document_kinds').selectAll().orderBy('sort_order').orderBy('code').execute();
  return rows.map(kindOf);
}

export async function createKind(ctx: AppContext, principal: StaffPrincipal, body: z.infer<typeof createKindBody>): Promise<DocumentKind> {
  const now = ctx.clock.now();
  const row = {
    code: body.code,
    name_ar: body.nameAr,
    name_en: body.nameEn,
    sort_order: body.sortOrder ?? 100,
    is_active: 1,
    updated_at: now.toISOString(),
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('document_kinds').values(row).execute();
      await recordAudit(trx, {
        at: now,
        actor: actor(principal),
        action: 'document.kind-create',
        entity: 'document-kind',
        entityId: row.code,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw AppError.conflict('document.kind-exists', 'A document kind with this code exists');
    throw error;
  }
  return kindOf(row);
}

export async function updateKind(
  ctx: AppContext,
  principal: StaffPrincipal,
  code: string,
  body: z.infer<typeof updateKindBody>,
): Promise<DocumentKind> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('document_kinds').selectAll().where('code', '=', code).executeTakeFirst();
    if (!row) throw AppError.notFound('document.kind-not-found', 'No such document kind');
    const next = {
      ...row,
      name_ar: body.nameAr ?? row.name_ar,
      name_en: body.nameEn ?? row.name_en,
      sort_order: body.sortOrder ?? row.sort_order,
      is_active: body.isActive === undefined ? row.is_active : body.isActive ? 1 : 0,
      updated_at: now.toISOString(),
    };
    await trx.updateTable('document_kinds').set(next).where('code', '=', code).execute();
    await recordAudit(trx, {
      at: now,
      actor: actor(principal),
      action: 'document.kind-update',
      entity: 'document-kind',
      entityId: code,
      fields: Object.keys(body),
    });
    return kindOf(next);
  });
}

async function assertKind(ctx: AppContext, code: string): Promise<void> {
  const kind = await ctx.db.selectFrom('document_kinds').select('is_active').where('code', '=', code).executeTakeFirst();
  if (kind?.is_active !== 1)
    throw AppError.unprocessable('document.kind-unknown', 'No active document kind with this code', [
      { pointer: '/kind', code: 'document.kind-unknown', detail: 'Choose one of the document kinds' },
    ]);
}

export async function createDocument(
  ctx: AppContext,
  principal: StaffPrincipal,
  body: z.infer<typeof createDocumentBody>,
): Promise<DocumentDetail> {
  await assertKind(ctx, body.kind);
  const now = ctx.clock.now();
  const row: DocumentTable = {
    id: uuidv7(now.getTime()),
    slug: body.slug,
    kind: body.kind,
    title_ar: body.titleAr,
    title_en: body.titleEn,
    visibility: body.visibility,
    created_at: now.toISOString(),
    created_by: principal.userId,
    updated_at: now.toISOString(),
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('documents').values(row).execute();
      await recordAudit(trx, {
        at: now,
        actor: actor(principal),
        action: 'document.create',
        entity: 'document',
        entityId: row.id,
        details: { slug: row.slug, kind: row.kind, visibility: row.visibility },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw AppError.conflict('document.slug-taken', 'Another document has this address (slug)');
    throw error;
  }
  return documentDetail(ctx, row.id);
}

export async function updateDocument(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  body: z.infer<typeof updateDocumentBody>,
): Promise<DocumentDetail> {
  if (body.kind) await assertKind(ctx, body.kind);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('documents').select('id').where('id', '=', id).executeTakeFirst();
    if (!row) throw AppError.notFound('document.not-found', 'No such document');
    await trx
      .updateTable('documents')
      .set({
        ...(body.kind ? { kind: body.kind } : {}),
        ...(body.titleAr ? { title_ar: body.titleAr } : {}),
        ...(body.titleEn ? { title_en: body.titleEn } : {}),
        ...(body.visibility ? { visibility: body.visibility } : {}),
        updated_at: now.toISOString(),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, {
      at: now,
      actor: actor(principal),
      action: 'document.update',
      entity: 'document',
      entityId: id,
      fields: Object.keys(body),
    });
  });
  return documentDetail(ctx, id);
}

export async function documentDetail(ctx: AppContext, id: string): Promise<DocumentDetail> {
  const doc = await ctx.db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
  if (!doc) throw AppError.notFound('document.not-found', 'No such document');
  const versions = (await versionsByDocument(ctx.db, [id])).get(id) ?? [];
  const day = today(ctx);
  const inForceId = versionInForce(versions, day)?.id ?? null;
  const files = await filesOf(ctx.db, versions);
  const isPublic = doc.visibility === 'public';
  const hasDraft = versions.some((v) => v.status === 'draft');
  return {
    ...presentSummary(doc, versions, day),
    versions: versions.map((v) => presentVersion(v, { files, inForceId, isPublic })),
    abilities: { edit: true, addVersion: !hasDraft },
  };
}

/** The staff list: every document, filtered by kind, search (either title or the slug) and state. */
export async function listDocuments(ctx: AppContext, query: z.infer<typeof documentListQuery>): Promise<DocumentList> {
  let select = ctx.db.selectFrom('documents').selectAll().orderBy('kind').orderBy('title_ar');
  if (query.kind) select = select.where('kind', '=', query.kind);
  const docs = await select.execute();
  const versions = await versionsByDocument(
    ctx.db,
    docs.map((d) => d.id),
  );
  const day = today(ctx);
  const needle = query.q ? normaliseArabic(query.q).toLowerCase() : '';
  const items = docs
    .map((doc) => presentSummary(doc, versions.get(doc.id) ?? [], day))
    .filter((d) => !needle || [d.titleAr, d.titleEn, d.slug].some((v) => normaliseArabic(v).toLowerCase().includes(needle)))
    .filter((d) => {
      if (query.status === 'in-force') return d.inForce !== null;
      if (query.status === 'draft') return d.hasDraft;
      if (query.status === 'none') return d.inForce === null;
      return true;
    });
  return { items, kinds: await listKinds(ctx) };
}
