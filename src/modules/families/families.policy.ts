import type { FamilyAbilities } from '../../contracts/families.js';
import type { StaffRole } from '../../domain/roles.js';
import type { StaffScope } from '../../domain/scope.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { assertWritableScope, type ScopePointers, type ScopeTarget, scopeViolations } from '../../platform/http/write-scope.js';

/**
 * Who sees which families (ARCHITECTURE.md "Who can call what", F2):
 * - reception and contact officers: the families in their scope, ID numbers unmasked;
 * - administrators and management: their scope (usually all), read-only, masked;
 * - volunteers: only the families they registered, unmasked (they typed the numbers);
 * - committee members see families only through committee agendas (with service requests), and
 *   HR sees no family data: neither opens the registry.
 */
export const FAMILY_READERS: StaffRole[] = ['reception', 'contact-officer', 'volunteer', 'administrator', 'management'];
export const FAMILY_REGISTRARS: StaffRole[] = ['reception', 'contact-officer', 'volunteer'];
export const FAMILY_EXPORTERS: StaffRole[] = ['reception', 'contact-officer', 'administrator', 'management'];
export const FAMILY_IMPORTERS: StaffRole[] = ['reception', 'administrator'];
export const ACCESS_LOG_READERS: StaffRole[] = ['administrator'];

const SCOPED_ROLES: StaffRole[] = ['reception', 'contact-officer', 'administrator', 'management'];
const UNMASKED_ROLES: StaffRole[] = ['reception', 'contact-officer'];
const EDITOR_ROLES: StaffRole[] = ['reception', 'contact-officer'];

export interface FamilyVisibility {
  scope: StaffScope;
  /** Set for volunteers: only what they registered. */
  registeredBy: string | null;
  /** No family at all is visible (committee members, HR). */
  isNone: boolean;
}

const has = (principal: StaffPrincipal, roles: StaffRole[]) => principal.roles.some((r) => roles.includes(r));

export function familyVisibility(principal: StaffPrincipal): FamilyVisibility {
  if (has(principal, SCOPED_ROLES)) return { scope: principal.scope, registeredBy: null, isNone: false };
  if (principal.roles.includes('volunteer')) return { scope: principal.scope, registeredBy: principal.userId, isNone: false };
  return { scope: principal.scope, registeredBy: null, isNone: true };
}

export function canSeeUnmasked(principal: StaffPrincipal, family: { registeredBy: string }): boolean {
  return has(principal, UNMASKED_ROLES) || (principal.roles.includes('volunteer') && family.registeredBy === principal.userId);
}

export function canEditFamily(principal: StaffPrincipal, family: { registeredBy: string }): boolean {
  return has(principal, EDITOR_ROLES) || (principal.roles.includes('volunteer') && family.registeredBy === principal.userId);
}

export function canReadAccessLog(principal: StaffPrincipal): boolean {
  return has(principal, ACCESS_LOG_READERS);
}

/** The family as the abilities need it: who registered it and where it sits (its scope). */
export interface FamilyForAbilities {
  registeredBy: string;
  office: string;
  category: string;
  domains: readonly string[];
  /** Issue 25 §5 (F2): its personal data erased (families.erased.ts); read-only for everyone. */
  isErased?: boolean;
}

/**
 * What `principal` may do with this family (issue 19 §2): the checks the routes make, per record.
 * A write the shared write-scope check would refuse is not offered, nor any write about an erased
 * family (409 `family.erased`, issue 25 §5).
 */
export function familyAbilities(principal: StaffPrincipal, family: FamilyForAbilities): FamilyAbilities {
  const isWritable = !family.isErased && scopeViolations(principal.scope, family).length === 0;
  return { edit: isWritable && canEditFamily(principal, family), readAccessLog: canReadAccessLog(principal) };
}

/**
 * F2, issue 21 §1: a family registered, imported or moved lands inside the writer's scope (the
 * shared check; 403 `scope.forbidden` at the field). Only the fields the write sets are named.
 */
export function assertFamilyWritable(principal: StaffPrincipal, target: ScopeTarget, pointers?: ScopePointers): void {
  assertWritableScope(principal.scope, target, pointers);
}

/** The audit actor of a staff member’s action on the registry. */
export function actorOf(principal: StaffPrincipal) {
  return { kind: 'staff' as const, id: principal.userId };
}

/** What `principal` may start in the registry (issue 19 §2, served through the session): the routes' role lists. */
export function familySessionAbilities(principal: StaffPrincipal) {
  return {
    registerFamily: has(principal, FAMILY_REGISTRARS),
    exportFamilies: has(principal, FAMILY_EXPORTERS),
    importFamilies: has(principal, FAMILY_IMPORTERS),
  };
}
