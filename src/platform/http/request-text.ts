import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from './app-error.js';

// With the `u` flag a surrogate pair is one code point, so `\p{Cs}` matches only a lone half.
const UNSAFE_TEXT = /[\u0000\p{Cs}]/u;

/**
 * Text no request may carry, in any path parameter, query value or JSON body string (issue 21):
 * a NUL, which PostgreSQL cannot store and SQLite's full-text search reads as the end of the
 * query, and a lone surrogate, which is not text at all (UTF-8 cannot encode it). Refused here,
 * once, with the field's pointer; other control characters are each field's rule (`text()` in
 * contracts/common.ts).
 */
export function hasUnsafeText(value: string): boolean {
  return UNSAFE_TEXT.test(value);
}

function escapePointer(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** The pointer of the first unsafe string (or key) in `value`, or null. */
function findUnsafeText(value: unknown, pointer: string, depth = 0): string | null {
  if (typeof value === 'string') return hasUnsafeText(value) ? pointer || '/' : null;
  // A JSON body is bounded by the body limit; the depth bound keeps a deep one from costing much.
  if (value === null || typeof value !== 'object' || depth > 64) return null;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = findUnsafeText(value[index], `${pointer}/${index}`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  // Plain objects only: multipart parts (streams, buffers) are the upload routes' to check.
  if (depth > 0 && !isPlainObject(value)) return null;
  for (const key of Object.keys(value)) {
    const keyPointer = `${pointer}/${escapePointer(key)}`;
    if (hasUnsafeText(key)) return keyPointer;
    const found = findUnsafeText((value as Record<string, unknown>)[key], keyPointer, depth + 1);
    if (found) return found;
  }
  return null;
}

function unsafeTextError(request: FastifyRequest): AppError | null {
  // Pointers name the field as the schemas' errors do (`/q`, `/id`, `/headNameAr`).
  const pointer = findUnsafeText(request.params, '') ?? findUnsafeText(request.query, '') ?? findUnsafeText(request.body, '');
  if (!pointer) return null;
  const error: FieldError = { pointer, code: 'field.invalid-characters', detail: 'The text holds a NUL or an unpaired surrogate' };
  return AppError.badRequest('request.invalid', 'Some fields are not valid', [error]);
}

/** Checks every request's text before its schema does (the same 400 as any invalid field). */
export function registerRequestTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const error = unsafeTextError(request);
    if (error) throw error;
  });
}
