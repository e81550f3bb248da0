import { REQUEST_FILE_MAX_BYTES, type RequestStatus, type ServiceRequest } from '../../contracts/requests.js';
import { RECEIVED_MESSAGE_ITEM } from '../../domain/channels.js';
import { isEditable } from '../../domain/request-status.js';
import type { AppContext } from '../../platform/context.js';
import type { RequestTable } from '../../platform/db/schema-requests.js';
import { readStoredFile, storeFile } from '../../platform/files/file-store.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { assertFamilyNotErased } from '../families/index.js';
import { asFiled } from './request-type-versions.js';
import { findType } from './request-types.service.js';
import { assertWorkable, loadVisible, staffActor } from './requests.access.js';
import { type Actor, loadState, voidIfChanged } from './requests.core.js';
import { present } from './requests.present.js';

/** A request's documents (issue 5): one per checklist item, kept in the file store, read through the request's policy. */

/** `../x.pdf`, `C:\x.pdf`: a name with a path is refused, not cleaned (issue 5 "Bad input"). */
export function assertPlainName(fileName: string): void {
  if (/[\\/]/.test(fileName) || fileName.includes('..') || /[\u0000-\u001f]/.test(fileName))
    throw AppError.badRequest('file.name-invalid', 'The file name must not contain a path', [
      { pointer: '/file', code: 'file.name-invalid', detail: 'A file name, without folders' },
    ]);
}

/** Shared by staff and the portal: a document for a checklist item, through the file store. */
export async function attachDocument(
  ctx: AppContext,
  actor: Actor,
  row: RequestTable,
  file: { itemKey: string; fileName: string; bytes: Buffer },
): Promise<string> {
  const current = await findType(ctx.db, row.type_code);
  const type = current ? await asFiled(ctx.db, row, current) : null;
  const item = type?.checklist.find((i) => i.key === file.itemKey);
  // A5 (issue 27 §3): a request received by e-mail also keeps the e-mail, outside its type's checklist.
  const isReceivedMessage = file.itemKey === RECEIVED_MESSAGE_ITEM && row.channel === 'email';
  if (item?.kind !== 'document' && !isReceivedMessage)
    throw AppError.badRequest('request.invalid', 'No document item with this key', [
      { pointer: '/itemKey', code: 'checklist.unknown-item', detail: 'Not a document of this request type' },
    ]);
  assertPlainName(file.fileName);
  const now = ctx.clock.now();
  const documentId = uuidv7(now.getTime());
  await ctx.db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('requests').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    await assertFamilyNotErased(ctx, current.family_id, trx); // issue 25 §5 (F2): an erased family's draft takes no documents
    if (!isEditable(current.status as RequestStatus))
      throw AppError.conflict('request.not-editable', 'Documents change only while the request is a draft or information was requested');
    // Refusals (type from the bytes, size) happen before anything is written.
    const stored = await storeFile(trx, ctx.keys, {
      ownerType: 'request',
      ownerId: row.id,
      fileName: file.fileName,
      bytes: file.bytes,
      createdBy: actor.kind === 'staff' ? actor.id : null,
      now,
      maxBytes: REQUEST_FILE_MAX_BYTES,
    });
    await trx
      .insertInto('request_documents')
      .values({
        id: documentId,
        request_id: row.id,
        item_key: file.itemKey,
        file_id: stored.id,
        created_by: actor.kind === 'staff' ? actor.id : null,
        created_at: now.toISOString(),
        removed_at: null,
        removed_by: null,
      })
      .execute();
    await trx
      .updateTable('requests')
      .set({ updated_at: now.toISOString(), version: current.version + 1 })
      .where('id', '=', row.id)
      .execute();
    const state = await loadState(trx, ctx, current);
    await voidIfChanged(trx, ctx, current, state.dataSha256, 'documents-changed', actor);
    await recordAudit(trx, {
      at: now,
      actor,
      action: 'request.document-add',
      entity: 'request',
      entityId: row.id,
      details: { documentId, itemKey: file.itemKey, fileId: stored.id, mediaType: stored.mediaType, size: stored.size },
    });
  });
  return documentId;
}

export async function addDocument(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  file: { itemKey: string; fileName: string; bytes: Buffer },
): Promise<ServiceRequest> {
  const row = await loadVisible(ctx, principal, id);
  assertWorkable(principal, row);
  await attachDocument(ctx, staffActor(principal), row, file);
  return present(ctx, principal, await loadVisible(ctx, principal, id));
}

export async function removeDocument(ctx: AppContext, principal: StaffPrincipal, id: string, documentId: string): Promise<ServiceRequest> {
  const row = await loadVisible(ctx, principal, id);
  assertWorkable(principal, row);
  const actor = staffActor(principal);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('request_documents')
      .set({ removed_at: now.toISOString(), removed_by: principal.userId })
      .where('id', '=', documentId)
      .where('request_id', '=', id)
      .where('removed_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw AppError.notFound('request.document-not-found', 'No such document');
    const current = await trx.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    await trx
      .updateTable('requests')
      .set({ updated_at: now.toISOString(), version: current.version + 1 })
      .where('id', '=', id)
      .execute();
    const state = await loadState(trx, ctx, current);
    await voidIfChanged(trx, ctx, current, state.dataSha256, 'documents-changed', actor);
    await recordAudit(trx, { at: now, actor, action: 'request.document-remove', entity: 'request', entityId: id, details: { documentId } });
  });
  return present(ctx, principal, await loadVisible(ctx, principal, id));
}

/** A document or attestation evidence, downloaded through the request's policy (scope), audited. */
export async function readRequestFile(ctx: AppContext, principal: StaffPrincipal, id: string, documentId: string) {
  await loadVisible(ctx, principal, id);
  const document = await ctx.db
    .selectFrom('request_documents')
    .select(['file_id'])
    .where('id', '=', documentId)
    .where('request_id', '=', id)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  if (!document) throw AppError.notFound('request.document-not-found', 'No such document');
  const file = await readStoredFile(ctx.db, ctx.keys, document.file_id);
  if (!file) throw AppError.notFound('request.document-not-found', 'No such document');
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: staffActor(principal),
    action: 'request.document-view',
    entity: 'request',
    entityId: id,
    details: { documentId },
  });
  return file;
}
