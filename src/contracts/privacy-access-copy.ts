import { z } from 'zod';

/** Issue 25 §3 (F2): an access copy of a data-subject request — asked for, produced, downloadable for 7 days. */
export const accessCopyBody = z.strictObject({
  /** The requester's language: the print page's (the JSON is the same either way). */
  language: z.enum(['ar', 'en']).default('ar'),
});

export const accessCopyStatus = z.strictObject({
  id: z.string(),
  status: z.enum(['pending', 'ready', 'expired']),
  language: z.enum(['ar', 'en']),
  requestedAt: z.string(),
  producedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  rowCount: z.number().int().nullable(),
});
export type AccessCopyStatus = z.infer<typeof accessCopyStatus>;

/** The latest copy of a request, or null when none was asked for. */
export const accessCopyAnswer = z.strictObject({ copy: accessCopyStatus.nullable() });

export const accessCopyFileParams = z.strictObject({
  id: z.uuid('field.invalid-id'),
  format: z.enum(['html', 'json']),
});
