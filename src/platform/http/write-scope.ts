import type { StaffScope } from '../../domain/scope.js';
import { AppError, type FieldError } from './app-error.js';

/**
 * The one check every staff write that names an office, category or domain goes through (F2,
 * issue 21 §1). Writing to a record outside the writer's scope is a read first and answers 404
 * there; this is the other half: what the write creates or moves must land inside the scope, or
 * it answers 403 `scope.forbidden` with a pointer to each field that would leave it.
 *
 * The rule is the read rule applied to the result: a family (or anything carrying its scope) is
 * the writer's after the write when its category, one of its domains and its office are in the
 * writer's sets. So no write can place a record where its writer could no longer see it.
 */
export interface ScopeTarget {
  office?: string | null;
  category?: string | null;
  domains?: readonly string[] | null;
}

export interface ScopePointers {
  office: string;
  category: string;
  domains: string;
}

const DEFAULT_POINTERS: ScopePointers = { office: '/office', category: '/category', domains: '/domains' };

function allows(set: readonly string[], value: string | null | undefined): boolean {
  return set.length === 0 || (value !== null && value !== undefined && set.includes(value));
}

/** The fields of `target` (after the write) that fall outside `scope`; empty when the write may land. */
export function scopeViolations(scope: StaffScope, target: ScopeTarget, pointers: ScopePointers = DEFAULT_POINTERS): FieldError[] {
  const errors: FieldError[] = [];
  const detail = 'Outside the offices, categories and domains you work with';
  if (target.office !== undefined && !allows(scope.offices, target.office))
    errors.push({ pointer: pointers.office, code: 'scope.forbidden', detail });
  if (target.category !== undefined && !allows(scope.categories, target.category))
    errors.push({ pointer: pointers.category, code: 'scope.forbidden', detail });
  if (target.domains !== undefined && scope.domains.length > 0 && !(target.domains ?? []).some((d) => scope.domains.includes(d)))
    errors.push({ pointer: pointers.domains, code: 'scope.forbidden', detail });
  return errors;
}

/** Throws 403 `scope.forbidden` when the write would place its record outside the writer's scope. */
export function assertWritableScope(scope: StaffScope, target: ScopeTarget, pointers: ScopePointers = DEFAULT_POINTERS): void {
  const errors = scopeViolations(scope, target, pointers);
  if (errors.length) throw AppError.forbidden('scope.forbidden', 'This would place the record outside your scope', errors);
}

/**
 * A scope handed to someone else (a staff account's, a contact officer's category and domain) must lie
 * within the writer's own: an administrator limited to one office cannot create a user for all of them.
 * An empty set means "all", so it is within only an empty set.
 */
export function assertScopeWithin(writer: StaffScope, given: StaffScope, pointer = '/scope'): void {
  if (isScopeWithin(writer, given)) return;
  throw AppError.forbidden('scope.forbidden', 'You cannot give a scope wider than your own', scopeWithinViolations(writer, given, pointer));
}

/**
 * Whether `given` lies within `writer`'s scope (the rule above, as a yes or no): also who may see a
 * record carrying another person's scope, such as a bulk send and its sender's (F2).
 * @example isScopeWithin({ offices: [], categories: [], domains: [] }, send.scope) // true: "all" holds every scope
 */
export function isScopeWithin(writer: StaffScope, given: StaffScope): boolean {
  return scopeWithinViolations(writer, given, '').length === 0;
}

function scopeWithinViolations(writer: StaffScope, given: StaffScope, pointer: string): FieldError[] {
  const errors: FieldError[] = [];
  const detail = 'Wider than the offices, categories and domains you work with';
  for (const key of ['categories', 'domains', 'offices'] as const) {
    const mine = writer[key];
    if (mine.length === 0) continue;
    if (given[key].length === 0) errors.push({ pointer: `${pointer}/${key}`, code: 'scope.forbidden', detail });
    given[key].forEach((code, i) => {
      if (!mine.includes(code)) errors.push({ pointer: `${pointer}/${key}/${i}`, code: 'scope.forbidden', detail });
    });
  }
  return errors;
}
