import { z } from 'zod';
import { STAFF_ROLES } from '../domain/roles.js';

/** Shared building blocks of the API schemas; the browser imports these too. */

// Control characters other than tab and newlines never belong in text people type.
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** A line of text: trimmed, kept as typed (never interpreted as markup). */
export function text(max: number, min = 1) {
  return z
    .string()
    .trim()
    .min(min, min === 1 ? 'field.required' : 'field.too-short')
    .max(max, 'field.too-long')
    .refine((v) => !CONTROL_CHARS.test(v) && !/[\r\n]/.test(v), 'field.invalid-characters');
}

/** Several lines of text. */
export function longText(max: number) {
  return z
    .string()
    .trim()
    .max(max, 'field.too-long')
    .refine((v) => !CONTROL_CHARS.test(v), 'field.invalid-characters');
}

/** What a person types into a search box: one line, no control characters, as `text()`. */
export function searchText(max: number) {
  return z
    .string()
    .trim()
    .max(max, 'field.too-long')
    .refine((v) => !CONTROL_CHARS.test(v) && !/[\r\n]/.test(v), 'field.invalid-characters');
}

/**
 * A record's version, sent back to guard against a concurrent edit: a positive integer that fits
 * the integer column on both engines (PostgreSQL refuses a larger one with an error, not a miss).
 */
export const recordVersion = z.number().int().min(1).max(2_147_483_647);

export const code = z.string().regex(/^[a-z0-9][a-z0-9-]{0,48}[a-z0-9]$/, 'field.code-format');

export const language = z.enum(['ar', 'en']);
export const staffRole = z.enum(STAFF_ROLES);

export const idParams = z.strictObject({ id: z.uuid('field.invalid-id') });

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  code: z.string(),
  detail: z.string(),
  errors: z.array(z.object({ pointer: z.string(), code: z.string(), detail: z.string() })).optional(),
});

export const scopeSchema = z.strictObject({
  categories: z.array(code).max(100),
  domains: z.array(code).max(100),
  offices: z.array(code).max(100),
});

export const okSchema = z.object({ ok: z.literal(true) });
