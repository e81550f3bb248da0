import type { TFunction } from 'i18next';
import { ApiError, type Problem } from '../api/client.js';
import { i18n } from '../i18n/i18n.js';

/**
 * Turns the server's stable codes (problem+json `code` and each field error's `code`) into
 * sentences people understand; an unknown code falls back to a sentence for its HTTP status.
 */
function known(key: string): boolean {
  return i18n.exists(key);
}

/**
 * A limit the server named (`limitBytes`, e.g. on 413 `file.too-large`) goes into the sentence: the
 * code's `_limit` variant (i18next context) says it in MB; without one, the plain sentence is used.
 */
function limitValues(problem: Problem): { context?: string; limitMb?: string } {
  if (typeof problem.limitBytes !== 'number') return {};
  return { context: 'limit', limitMb: String(Math.round((problem.limitBytes / (1024 * 1024)) * 10) / 10) };
}

export function problemMessage(t: TFunction, problem: Problem): string {
  if (problem.code === 'network') return t('errors.network');
  const key = `errors.${problem.code}`;
  if (known(key) && typeof i18n.t(key, { returnObjects: true }) === 'string') return t(key, limitValues(problem));
  const statusKey = `errors.status.${Math.min(problem.status, 500)}`;
  return known(statusKey) ? t(statusKey) : t('errors.generic');
}

export function fieldErrorMessage(t: TFunction, code: string): string {
  const key = `errors.${code}`;
  return known(key) ? t(key) : t('errors.field.invalid');
}

/** `/scope/categories/0` → `scope.categories`: the form field a JSON pointer points into. */
export function fieldPathOf(pointer: string): string {
  return pointer
    .split('/')
    .filter((part) => part !== '' && !/^\d+$/.test(part))
    .join('.');
}

export function asProblem(error: unknown): Problem {
  if (error instanceof ApiError) return error.problem;
  return { type: 'about:blank', title: 'Error', status: 0, code: 'generic', detail: String(error) };
}

/** A message for errors shown outside any form (notifications, load failures). */
export function errorMessage(t: TFunction, error: unknown): string {
  return problemMessage(t, asProblem(error));
}

/**
 * "Required" naming the field (issue 27 §6): under a radio group or beside a long form a bare "this
 * field is required" does not say which answer is missing.
 */
export function requiredMessage(t: TFunction, field: string): string {
  return t('errors.field.requiredNamed', { field });
}
