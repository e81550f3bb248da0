import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { fieldErrorMessage } from './problems.js';

/**
 * Checks a form's values with the same zod schema the server uses and returns Mantine form
 * errors. The contracts' messages are our stable codes (`field.required`), translated here.
 */
export function schemaErrors(t: TFunction, schema: z.ZodType, value: unknown): Record<string, string> {
  const result = schema.safeParse(value);
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.filter((part) => typeof part === 'string').join('.');
    if (path) errors[path] ??= fieldErrorMessage(t, issue.message);
  }
  return errors;
}
