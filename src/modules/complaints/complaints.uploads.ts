import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { storeFile } from '../../platform/files/file-store.js';
import { AppError, type FieldError } from '../../platform/http/app-error.js';
import { randomToken } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import * as repo from './complaints.repo.js';
import { getComplaintsSettings } from './complaints.settings.js';

/**
 * Attachments of the public link (issue 6 §2): one file per call through the shared file store
 * (type from the bytes: JPEG, PNG, WebP, PDF; size from settings), answered with a token that one
 * submission may use once within an hour. The token is stored hashed; the file waits unowned and
 * is attached to the complaint in the complaint's own transaction.
 */
type Db = Kysely<Database>;
export const UPLOAD_TTL_MS = 3600_000;
const UNCLAIMED_OWNER = 'public-upload';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function receiveUpload(
  ctx: AppContext,
  { fileName, bytes }: { fileName: string; bytes: Buffer },
): Promise<{ uploadToken: string; expiresAt: string }> {
  const settings = await getComplaintsSettings(ctx);
  const now = ctx.clock.now();
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + UPLOAD_TTL_MS).toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.purgeExpired(trx, now.toISOString());
    const file = await storeFile(trx, ctx.keys, {
      ownerType: UNCLAIMED_OWNER,
      ownerId: null,
      fileName,
      bytes,
      createdBy: null,
      now,
      maxBytes: settings.maxUploadBytes,
    });
    await trx
      .insertInto('public_uploads')
      .values({ token_hash: hashToken(token), file_id: file.id, expires_at: expiresAt, used_at: null, created_at: now.toISOString() })
      .execute();
    await recordAudit(trx, {
      at: now,
      actor: { kind: 'anonymous', id: null },
      action: 'public-upload.create',
      entity: 'file',
      entityId: file.id,
      details: { mediaType: file.mediaType, size: file.size },
    });
  });
  return { uploadToken: token, expiresAt };
}

/**
 * Uses each token once, in the submission's transaction, and hands its file to the complaint.
 * Any refused token refuses the whole submission (nothing half-stored), naming the attachment.
 */
export async function consumeUploads(trx: Db, tokens: string[], { ownerId, now }: { ownerId: string; now: Date }): Promise<string[]> {
  const errors: FieldError[] = [];
  const fileIds: string[] = [];
  const seen = new Set<string>();
  for (const [i, token] of tokens.entries()) {
    const pointer = `/attachments/${i}`;
    const tokenHash = hashToken(token);
    if (seen.has(tokenHash)) {
      errors.push({ pointer, code: 'upload.token-repeated', detail: 'The same attachment is listed twice' });
      continue;
    }
    seen.add(tokenHash);
    const row = await trx.selectFrom('public_uploads').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    if (!row) errors.push({ pointer, code: 'upload.token-unknown', detail: 'No such upload' });
    else if (row.used_at) errors.push({ pointer, code: 'upload.token-used', detail: 'This upload was already sent with a form' });
    else if (row.expires_at <= now.toISOString())
      errors.push({ pointer, code: 'upload.token-expired', detail: 'This upload expired; attach the file again' });
    else {
      // Guarded on used_at: two submissions racing for one token cannot both take it.
      const used = await trx
        .updateTable('public_uploads')
        .set({ used_at: now.toISOString() })
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (Number(used.numUpdatedRows) !== 1)
        errors.push({ pointer, code: 'upload.token-used', detail: 'This upload was already sent with a form' });
      else fileIds.push(row.file_id);
    }
  }
  if (errors.length) throw AppError.unprocessable('upload.token-invalid', 'Some attachments cannot be used', errors);
  if (fileIds.length)
    await trx.updateTable('files').set({ owner_type: 'complaint', owner_id: ownerId }).where('id', 'in', fileIds).execute();
  return fileIds;
}
