/**
 * Staff scope (ARCHITECTURE.md): a user has sets of categories, domains and offices; an empty set
 * means "all". A family is in scope when its category, one of its domains and its office are all
 * in the user's sets (F2: privacy of every family's data).
 */
export interface StaffScope {
  categories: readonly string[];
  domains: readonly string[];
  offices: readonly string[];
}

export interface ScopedRecord {
  category: string | null;
  domains: readonly string[];
  office: string | null;
}

export const UNRESTRICTED_SCOPE: StaffScope = { categories: [], domains: [], offices: [] };

function allows(set: readonly string[], value: string | null): boolean {
  if (set.length === 0) return true;
  return value !== null && set.includes(value);
}

export function isInScope(scope: StaffScope, record: ScopedRecord): boolean {
  const isDomainAllowed = scope.domains.length === 0 || record.domains.some((d) => scope.domains.includes(d));
  return allows(scope.categories, record.category) && isDomainAllowed && allows(scope.offices, record.office);
}

export function isUnrestricted(scope: StaffScope): boolean {
  return scope.categories.length === 0 && scope.domains.length === 0 && scope.offices.length === 0;
}
