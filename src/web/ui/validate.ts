import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { fieldErrorMessage, requiredMessage } from './problems.js';

/**
 * An empty answer (a select left unchosen, an empty list) is "required", not the format or choice
 * message its schema gives a wrong value (issue 27 §6: an empty office read "code format").
 */
function isEmptyAt(value: unknown, path: readonly PropertyKey[]): boolean {
  let node: unknown = value;
  for (const part of path) node = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[part] : undefined;
  return node === undefined || node === null || node === '' || (Array.isArray(node) && node.length === 0);
}

/**
 * The message for a failed check. An empty field whose schema gives only a generic code (`field.*`:
 * a code format, an invalid choice) reads "required"; a field's own sentence (`roles.required`:
 * "choose at least one role", `username.format`) is kept, as it already says what to enter.
 */
function issueMessage(
  t: TFunction,
  value: unknown,
  issue: { path: readonly PropertyKey[]; message: string },
  label: string | undefined,
): string {
  const isGeneric = issue.message.startsWith('field.') || !issue.message.includes('.');
  const code = isEmptyAt(value, issue.path) && isGeneric ? 'field.required' : issue.message;
  // Issue 27 §6: "required" names its field where the form can say which (a long form scrolls it out of view).
  return code === 'field.required' && label ? requiredMessage(t, label) : fieldErrorMessage(t, code);
}

/** A form path from the names in an issue's path (array indices dropped: `items.0.name` → `items.name`). */
const namedPath = (path: readonly PropertyKey[]) => path.filter((part) => typeof part === 'string').join('.');

/**
 * Checks a form's values with the same zod schema the server uses and returns Mantine form
 * errors. The contracts' messages are our stable codes (`field.required`), translated here.
 * `formPath` names the form field an issue belongs to (by default its names, indices dropped);
 * `labelOf` gives a form field's label, so that "required" says which field.
 */
export function schemaErrors(
  t: TFunction,
  schema: z.ZodType,
  value: unknown,
  formPath: (path: readonly PropertyKey[]) => string = namedPath,
  labelOf: (formPath: string) => string | undefined = () => undefined,
): Record<string, string> {
  const result = schema.safeParse(value);
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = formPath(issue.path);
    if (path) errors[path] ??= issueMessage(t, value, issue, labelOf(path));
  }
  return errors;
}
