import type { FastifyRequest } from 'fastify';
import { AppError } from '../http/app-error.js';

/**
 * The one way a route reads an uploaded file (issue 21 §2, §3): every multipart route calls
 * `readUpload` or `readUploadForm` with its limit, so that a file one byte over it answers 413
 * `file.too-large` naming the limit (never a file silently cut to it), a file exactly at it is
 * read whole, and a malformed body answers 400 `request.malformed-multipart`, never 500.
 *
 * Why not the plugin's `toBuffer()`: the parser cuts a file at `fileSize` and marks the stream
 * truncated, but `toBuffer()` looks at that mark only after each chunk, so a file whose last kept
 * chunk ends exactly on the limit came back cut, without an error. Here the parser keeps one byte
 * more than the limit and the bytes are counted, so a cut file can never look complete.
 */
export interface UploadedFile {
  fileName: string;
  bytes: Buffer;
}

export interface UploadedForm {
  /** The files sent in the file field, in order (at most `maxFiles`). */
  files: UploadedFile[];
  /** A text field's value (the last one sent under that name), wherever it came in the form. */
  field(name: string): string | undefined;
}

export interface UploadOptions {
  /** The largest file accepted, in bytes: a file of exactly this size is read, one byte more answers 413. */
  maxBytes: number;
  /** How many files the form may carry (default 1); one more answers 413 `file.too-many`. */
  maxFiles?: number;
  /** The form field the files come in (default `file`); a file in another field is refused. */
  fileField?: string;
  /** The code of the 400 when no file came (the areas' UIs translate their own). */
  noFileCode?: string;
  /** False when a form without any file is fine (a JSON body in a field, scans attached or not). */
  isFileRequired?: boolean;
  /** Keep a path in the file name as sent, so the store refuses it rather than sees it silently cut. */
  preservePath?: boolean;
}

const MB = 1024 * 1024;

/** `5 MB`, `100 KB` or `1234 bytes`: the limit as a person reads it. */
export function describeBytes(bytes: number): string {
  if (bytes >= MB && bytes % MB === 0) return `${bytes / MB} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

/** 413 with the limit in bytes as the extension member `limitBytes` (the UIs say it in MB). */
export function fileTooLarge(limitBytes: number): AppError {
  return new AppError(
    413,
    'file.too-large',
    `Files may be at most ${describeBytes(limitBytes)} (${limitBytes} bytes)`,
    [],
    {},
    { limitBytes },
  );
}

/**
 * Reads a multipart form whole: its text fields and its files, each checked against the limits.
 * @example const form = await readUploadForm(request, { maxBytes: 5 * 1024 * 1024, maxFiles: 5 });
 */
export async function readUploadForm(
  request: FastifyRequest,
  {
    maxBytes,
    maxFiles = 1,
    fileField = 'file',
    noFileCode = 'request.no-file',
    isFileRequired = true,
    preservePath = false,
  }: UploadOptions,
): Promise<UploadedForm> {
  assertDeclaresMultipart(request);
  if (!request.isMultipart()) throw new AppError(415, 'request.not-multipart', 'Send the file as multipart/form-data');
  const files: UploadedFile[] = [];
  const fields = new Map<string, string>();
  let isInWrongField = false;
  // One byte over the limit is kept, so "over" is counted rather than guessed from the parser's mark;
  // the plugin's own size error is off: this reader raises the one with the limit in it.
  const options: Parameters<FastifyRequest['parts']>[0] & { throwFileSizeLimit: boolean } = {
    limits: { fileSize: maxBytes + 1, files: maxFiles },
    preservePath,
    throwFileSizeLimit: false,
  };
  try {
    for await (const part of request.parts(options)) {
      if (part.type === 'field') {
        fields.set(part.fieldname, String(part.value));
        continue;
      }
      // Read to the part's end even when it is refused, so the parser is never left waiting on it.
      const bytes = await readWhole(part.file, maxBytes);
      if (part.fieldname === fileField) files.push({ fileName: part.filename, bytes });
      else isInWrongField = true;
    }
  } catch (error) {
    throw uploadError(error, { maxBytes, maxFiles });
  }
  if (isInWrongField || (isFileRequired && !files.length))
    throw AppError.badRequest(noFileCode, `Send the file in the form field "${fileField}"`, [
      { pointer: `/${fileField}`, code: 'field.required', detail: 'No file in this field' },
    ]);
  return { files, field: (name) => fields.get(name) };
}

/** One file (in `file`) and the text fields around it. */
export async function readUpload(
  request: FastifyRequest,
  options: Omit<UploadOptions, 'maxFiles' | 'isFileRequired'>,
): Promise<UploadedFile & { field(name: string): string | undefined }> {
  const form = await readUploadForm(request, { ...options, maxFiles: 1 });
  const [file] = form.files as [UploadedFile];
  return { ...file, field: form.field };
}

async function readWhole(file: AsyncIterable<Buffer> & { truncated?: boolean }, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of file) {
    size += chunk.length;
    if (size <= maxBytes) chunks.push(chunk);
  }
  if (size > maxBytes || file.truncated) throw fileTooLarge(maxBytes);
  return Buffer.concat(chunks, size);
}

/** Everything that goes wrong while a form is read is the sender's: 4xx, with the limit when one was hit. */
function uploadError(error: unknown, { maxBytes, maxFiles }: { maxBytes: number; maxFiles: number }): AppError {
  if (error instanceof AppError) return error;
  switch ((error as { code?: unknown } | null)?.code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return fileTooLarge(maxBytes);
    case 'FST_FILES_LIMIT':
      return new AppError(413, 'file.too-many', `Send at most ${maxFiles} file(s)`, [], {}, { limitFiles: maxFiles });
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new AppError(413, 'request.too-many-parts', 'The form has more parts than allowed');
    case 'FST_PROTO_VIOLATION':
      return AppError.badRequest('request.forbidden-property', 'The form has a field that is not allowed');
    default:
      // No boundary, a body cut short, a broken part header, the client gone mid-body: the parser's
      // errors carry no status of their own and would otherwise leave as 500.
      return AppError.badRequest('request.malformed-multipart', 'The multipart form could not be read (malformed or cut short)');
  }
}

/**
 * A route that reads files must say so in its schema (`consumes: ['multipart/form-data']`): that
 * marks it in the app's route list, where tests/integration/upload-limits.test.ts finds every
 * upload route (ones added later too) and fails until its limits are tested.
 */
function assertDeclaresMultipart(request: FastifyRequest): void {
  const consumes = (request.routeOptions.schema as { consumes?: readonly string[] } | undefined)?.consumes;
  if (!consumes?.includes('multipart/form-data'))
    throw new Error(`${request.routeOptions.url} reads uploads but does not declare consumes: ['multipart/form-data']`);
}
