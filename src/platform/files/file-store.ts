import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import { sha256Hex } from '../crypto/digest.js';
import type { Keys } from '../crypto/keys.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../http/app-error.js';
import { uuidv7 } from '../ids.js';
import type { PersonalTable } from '../personal-data.js';
import { type AcceptedMediaType, cleanFileName, sniffMediaType } from './file-type.js';
import { fileTooLarge } from './uploads.js';

/**
 * One file store for every module (ARCHITECTURE.md "Files"). Modules decide who may download a
 * file (the owning record's policy); the store only keeps it encrypted and hands it back.
 */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface StoredFile {
  id: string;
  name: string;
  mediaType: AcceptedMediaType;
  size: number;
  sha256: string;
}

const aad = (id: string) => `file:${id}`;

/** Stored files (documents, signatures, scans, evidence) in the personal-data registry (F2). */
export const FILE_STORE_PERSONAL_DATA: readonly PersonalTable[] = [
  {
    table: 'files',
    key: ['id'],
    subject: 'mixed',
    columns: [
      {
        column: 'content',
        kind: 'encrypted-bytes',
        holds: 'the file’s bytes',
        label: { ar: 'محتوى الملف', en: 'The file’s content' },
        aad: (k) => aad(k.id as string),
        erase: 'empty',
      },
      {
        column: 'name',
        kind: 'plain',
        holds: 'the file’s name as uploaded',
        label: { ar: 'اسم الملف', en: 'File name' },
        erase: { placeholder: () => ERASED_FILE_NAME },
      },
    ],
    erasure: { rows: 'outside', reason: 'a file goes with the record that owns it (each table’s `files`: eraseStoredFiles)' },
  },
];

const ERASED_FILE_NAME = 'erased';

/**
 * Issue 25 §5 (F2): destroys the files of these owners — bytes, name and digest. The row stays (the
 * owning records point to it) and reads as absent (`readStoredFile` answers null). Answers how many.
 */
export async function eraseStoredFiles(db: Kysely<Database>, ownerType: string, ownerIds: readonly string[]): Promise<number> {
  if (!ownerIds.length) return 0;
  const result = await db
    .updateTable('files')
    .set({ content: '', name: ERASED_FILE_NAME, size: 0, sha256: '' })
    .where('owner_type', '=', ownerType)
    .where('owner_id', 'in', ownerIds)
    .where('content', '<>', '')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function storeFile(
  db: Kysely<Database>,
  keys: Keys,
  {
    ownerType,
    ownerId,
    fileName,
    bytes,
    createdBy,
    now,
    maxBytes = DEFAULT_MAX_FILE_BYTES,
  }: { ownerType: string; ownerId: string | null; fileName: string; bytes: Buffer; createdBy: string | null; now: Date; maxBytes?: number },
): Promise<StoredFile> {
  if (bytes.length === 0) throw AppError.unprocessable('file.empty', 'The file is empty');
  if (bytes.length > maxBytes) throw fileTooLarge(maxBytes);
  const mediaType = sniffMediaType(bytes);
  if (!mediaType) throw new AppError(415, 'file.type-not-accepted', 'Only JPEG, PNG, WebP images and PDF documents are accepted');
  const id = uuidv7(now.getTime());
  const file: StoredFile = {
    id,
    name: cleanFileName(fileName, mediaType),
    mediaType,
    size: bytes.length,
    sha256: sha256Hex(bytes),
  };
  await db
    .insertInto('files')
    .values({
      id,
      owner_type: ownerType,
      owner_id: ownerId,
      name: file.name,
      media_type: mediaType,
      size: file.size,
      sha256: file.sha256,
      content: keys.encryptor.encryptBytes(bytes, aad(id)),
      created_by: createdBy,
      created_at: now.toISOString(),
    })
    .execute();
  return file;
}

/**
 * A file the server itself produced (issue 25 §3: an access copy's HTML page and JSON), stored
 * encrypted like an upload; its media type is the producer's, not sniffed.
 */
export async function storeGeneratedFile(
  db: Kysely<Database>,
  keys: Keys,
  input: { ownerType: string; ownerId: string; fileName: string; mediaType: 'text/html' | 'application/json'; bytes: Buffer; now: Date },
): Promise<{ id: string; size: number; sha256: string }> {
  const id = uuidv7(input.now.getTime());
  const sha256 = sha256Hex(input.bytes);
  await db
    .insertInto('files')
    .values({
      id,
      owner_type: input.ownerType,
      owner_id: input.ownerId,
      name: input.fileName,
      media_type: input.mediaType,
      size: input.bytes.length,
      sha256,
      content: keys.encryptor.encryptBytes(input.bytes, aad(id)),
      created_by: null,
      created_at: input.now.toISOString(),
    })
    .execute();
  return { id, size: input.bytes.length, sha256 };
}

export async function readStoredFile(
  db: Kysely<Database>,
  keys: Keys,
  id: string,
): Promise<(StoredFile & { bytes: Buffer; ownerType: string; ownerId: string | null }) | null> {
  const row = await db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
  // An erased file (issue 25 §5) is gone: its row stays only for the records pointing to it.
  if (!row || row.content === '') return null;
  return {
    id: row.id,
    name: row.name,
    mediaType: row.media_type as AcceptedMediaType,
    size: row.size,
    sha256: row.sha256,
    ownerType: row.owner_type,
    ownerId: row.owner_id,
    bytes: keys.encryptor.decryptBytes(row.content, aad(row.id)),
  };
}

/** Always an attachment, never rendered in our origin: nosniff and a sandboxing CSP. */
export function sendStoredFile(reply: FastifyReply, file: { name: string; mediaType: string; bytes: Buffer }): FastifyReply {
  const asciiName = file.name.replace(/[^\x20-\x7e]/g, '_').replaceAll('"', '_');
  return reply
    .type(file.mediaType)
    .header('content-disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(file.name)}`)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .send(file.bytes);
}
