import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import type { DocumentDetail, VersionBody } from '../../contracts/documents.js';
import type { AppContext } from '../../platform/context.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import type { Database } from '../../platform/db/schema.js';
import type { DocumentVersionTable } from '../../platform/db/schema-documents.js';
import { readStoredFile, sendStoredFile, storeFile } from '../../platform/files/file-store.js';
import { sniffMediaType } from '../../platform/files/file-type.js';
import { AppError, type FieldError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { documentDetail } from './documents.service.js';
import { FILE_OWNER, today } from './documents.store.js';

/**
 * A document's versions (issue 26 §1): one draft at a time, edited until it is published;
 * publishing needs the Arabic text or PDF, the effective day, who approved it and when; a
 * published version can be withdrawn with a reason (it then answers 404 publicly). Drafts and
 * withdrawn versions are never public. Every step is audited.
 */
export const MAX_DOCUMENT_PDF_BYTES = 10 * 1024 * 1024;

const actor = (principal: StaffPrincipal) => ({ kind: 'staff' as const, id: principal.userId });

async function versionRow(db: Kysely<Database>, documentId: string, versionId: string): Promise<DocumentVersionTable> {
  const row = await db
    .selectFrom('document_versions')
    .selectAll()
    .where('id', '=', versionId)
    .where('document_id', '=', documentId)
    .executeTakeFirst();
  if (!row) throw AppError.notFound('document.version-not-found', 'No such version of this document');
  return row;
}

function assertDraft(row: DocumentVersionTable): void {
  if (row.status !== 'draft') throw AppError.conflict('document.version-not-draft', 'Only a draft version can be changed');
}

function fieldsOf(body: VersionBody): Partial<DocumentVersionTable> {
  const set: Partial<DocumentVersionTable> = {};
  if (body.bodyAr !== undefined) set.body_ar = body.bodyAr || null;
  if (body.bodyEn !== undefined) set.body_en = body.bodyEn || null;
  if (body.isEnglishSummary !== undefined) set.is_english_summary = body.isEnglishSummary ? 1 : 0;
  if (body.effectiveOn !== undefined) set.effective_on = body.effectiveOn;
  if (body.changeSummaryAr !== undefined) set.change_summary_ar = body.changeSummaryAr || null;
  if (body.changeSummaryEn !== undefined) set.change_summary_en = body.changeSummaryEn || null;
  if (body.approvedBy !== undefined) set.approved_by = body.approvedBy;
  if (body.approvedOn !== undefined) set.approved_on = body.approvedOn;
  return set;
}

export async function addVersion(
  ctx: AppContext,
  principal: StaffPrincipal,
  documentId: string,
  body: VersionBody,
): Promise<DocumentDetail> {
  const now = ctx.clock.now();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const doc = await trx.selectFrom('documents').select('id').where('id', '=', documentId).executeTakeFirst();
      if (!doc) throw AppError.notFound('document.not-found', 'No such document');
      const versions = await trx
        .selectFrom('document_versions')
        .select(['number', 'status'])
        .where('document_id', '=', documentId)
        .execute();
      if (versions.some((v) => v.status === 'draft'))
        throw AppError.conflict('document.draft-exists', 'This document already has a draft version: edit or publish it first');
      const row: DocumentVersionTable = {
        id: uuidv7(now.getTime()),
        document_id: documentId,
        number: Math.max(0, ...versions.map((v) => Number(v.number))) + 1,
        status: 'draft',
        body_ar: null,
        body_en: null,
        is_english_summary: 0,
        file_ar_id: null,
        file_en_id: null,
        effective_on: null,
        change_summary_ar: null,
        change_summary_en: null,
        approved_by: null,
        approved_on: null,
        published_at: null,
        published_by: null,
        withdrawn_at: null,
        withdrawn_by: null,
        withdraw_reason: null,
        created_at: now.toISOString(),
        created_by: principal.userId,
        updated_at: now.toISOString(),
        ...fieldsOf(body),
      };
      await trx.insertInto('document_versions').values(row).execute();
      await trx.updateTable('documents').set({ updated_at: now.toISOString() }).where('id', '=', documentId).execute();
      await recordAudit(trx, {
        at: now,
        actor: actor(principal),
        action: 'document.version-create',
        entity: 'document',
        entityId: documentId,
        fields: Object.keys(body),
        details: { versionId: row.id, number: row.number },
      });
    });
  } catch (error) {
    // Two drafts started at once: the second finds the number taken.
    if (isUniqueViolation(error)) throw AppError.conflict('document.draft-exists', 'This document already has a draft version');
    throw error;
  }
  return documentDetail(ctx, documentId);
}

export async function editDraft(
  ctx: AppContext,
  principal: StaffPrincipal,
  documentId: string,
  versionId: string,
  body: VersionBody,
): Promise<DocumentDetail> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    assertDraft(await versionRow(trx, documentId, versionId));
    await trx
      .updateTable('document_versions')
      .set({ ...fieldsOf(body), updated_at: now.toISOString() })
      .where('id', '=', versionId)
      .execute();
    await recordAudit(trx, {
      at: now,
      actor: actor(principal),
      action: 'document.version-update',
      entity: 'document',
      entityId: documentId,
      fields: Object.keys(body),
      details: { versionId },
    });
  });
  return documentDetail(ctx, documentId);
}

/** A PDF for one language of a draft; anything that is not really a PDF (by its bytes) is refused 415. */
export async function attachPdf(
  ctx: AppContext,
  principal: StaffPrincipal,
  target: { documentId: string; versionId: string; language: 'ar' | 'en' },
  upload: { fileName: string; bytes: Buffer },
): Promise<DocumentDetail> {
  assertDraft(await versionRow(ctx.db, target.documentId, target.versionId));
  if (upload.bytes.length && sniffMediaType(upload.bytes) !== 'application/pdf')
    throw new AppError(415, 'document.pdf-only', 'A document file must be a PDF', [
      { pointer: '/file', code: 'document.pdf-only', detail: 'The file is not a PDF' },
    ]);
  const now = ctx.clock.now();
  const column = target.language === 'ar' ? 'file_ar_id' : 'file_en_id';
  await ctx.db.transaction().execute(async (trx) => {
    const row = await versionRow(trx, target.documentId, target.versionId);
    assertDraft(row);
    const stored = await storeFile(trx, ctx.keys, {
      ownerType: FILE_OWNER,
      ownerId: row.id,
      fileName: upload.fileName,
      bytes: upload.bytes,
      createdBy: principal.userId,
      now,
      maxBytes: MAX_DOCUMENT_PDF_BYTES,
    });
    await trx
      .updateTable('document_versions')
      .set({ [column]: stored.id, updated_at: now.toISOString() })
      .where('id', '=', row.id)
      .execute();
    // A draft's replaced file was never public: it goes.
    const previous = row[column];
    if (previous) await trx.deleteFrom('files').where('id', '=', previous).execute();
    await recordAudit(trx, {
      at: now,
      actor: actor(principal),
      action: 'document.version-file',
      entity: 'document',
      entityId: target.documentId,
      details: { versionId: row.id, language: target.language, sha256: stored.sha256, size: stored.size },
    });
  });
  return documentDetail(ctx, target.documentId);
}

/** What publishing needs and a draft may lack, each named by its field. */
function publishProblems(row: DocumentVersionTable, day: string): FieldError[] {
  const problems: FieldError[] = [];
  const need = (pointer: string, isMissing: boolean, code = 'field.required', detail = 'Required to publish') => {
    if (isMissing) problems.push({ pointer, code, detail });
  };
  need('/bodyAr', !row.body_ar && !row.file_ar_id, 'document.no-content', 'The Arabic text or PDF is required to publish');
  need('/effectiveOn', !row.effective_on);
  need('/approvedBy', !row.approved_by);
  need('/approvedOn', !row.approved_on);
  need('/approvedOn', !!row.approved_on && row.approved_on > day, 'document.approved-in-future', 'The approval day cannot be after today');
  return problems;
}

export async function publishVersion(
  ctx: AppContext,
  principal: StaffPrincipal,
  documentId: string,
  versionId: string,
): Promise<DocumentDetail> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await versionRow(trx, documentId, versionId);
    assertDraft(row);
    const problems = publishProblems(row, today(ctx));
    if (problems.length) throw AppError.unprocessable('document.incomplete', 'The version lacks what publishing needs', problems);
    await trx
      .updateTable('document_versions')
      .set({ status: 'published', published_at: now.toISOString(), published_by: principal.userId, updated_at: now.toISOString() })
      .where('id', '=', versionId)
      .where('status', '=', 'draft')
      .execute();
    await trx.updateTable('documents').set({ updated_at: now.toISOString() }).where('id', '=', documentId).execute();
    await recordAudit(trx, {
      at: now,
      actor: actor(principal),
      action: 'document.publish',
      entity: 'document',
      entityId: documentId,
      details: { versionId, number: row.number, effectiveOn: row.effective_on },
    });
  });
  return documentDetail(ctx, documentId);
}

export async function withdrawVersion(
  ctx: AppContext,
  principal: StaffPrincipal,
  documentId: string,
  versionId: string,
  reason: string,
): Promise<DocumentDetail> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await versionRow(trx, documentId, versionId);
    if (row.status !== 'published') throw AppError.conflict('document.version-not-published', 'Only a published version can be withdrawn');
    await trx
      .updateTable('document_versions')
      .set({
        status: 'withdrawn',
        withdrawn_at: now.toISOString(),
        withdrawn_by: principal.userId,
        withdraw_reason: reason,
        updated_at: now.toISOString(),
      })
      .where('id', '=', versionId)
      .execute();
    await trx.updateTable('documents').set({ updated_at: now.toISOString() }).where('id', '=', documentId).execute();
    await recordAudit(trx, {
      at: now,
      actor: actor(principal),
      action: 'document.withdraw',
      entity: 'document',
      entityId: documentId,
      details: { versionId, number: row.number },
    });
  });
  return documentDetail(ctx, documentId);
}

/** Staff download of a version's PDF (any status): an attachment, like every file of Sila. */
export async function sendVersionFile(
  ctx: AppContext,
  reply: FastifyReply,
  target: { documentId: string; versionId: string; language: 'ar' | 'en' },
): Promise<FastifyReply> {
  const row = await versionRow(ctx.db, target.documentId, target.versionId);
  const fileId = target.language === 'ar' ? row.file_ar_id : row.file_en_id;
  const file = fileId ? await readStoredFile(ctx.db, ctx.keys, fileId) : null;
  if (!file) throw AppError.notFound('document.file-not-found', 'This version has no file in that language');
  return sendStoredFile(reply, file);
}
