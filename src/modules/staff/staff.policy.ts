import type { StaffAccount, StaffUser, StaffUserAbilities } from '../../contracts/staff.js';
import type { StaffRole } from '../../domain/roles.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';

/**
 * Who may do what with staff accounts (issue 2; R2): administrators manage them; HR reads the list
 * for policy acknowledgements. A scope handed out must lie within the writer's own (the service's
 * `assertScopeWithin`), and nobody deactivates their own account (the service's 409).
 */
export const STAFF_READERS: StaffRole[] = ['administrator', 'hr'];
export const STAFF_MANAGERS: StaffRole[] = ['administrator'];

export function canManageStaff(principal: StaffPrincipal): boolean {
  return principal.roles.some((role) => STAFF_MANAGERS.includes(role));
}

/** What `principal` may do with this account now (issue 19 §2). */
export function staffUserAbilities(principal: StaffPrincipal, account: { id: string; isActive: boolean }): StaffUserAbilities {
  const manages = canManageStaff(principal);
  return {
    edit: manages,
    deactivate: manages && account.isActive && account.id !== principal.userId,
    reactivate: manages && !account.isActive,
    reset: manages,
  };
}

/** The account as `principal` receives it: with what they may do with it. */
export function withAbilities(principal: StaffPrincipal, account: StaffAccount): StaffUser {
  return { ...account, abilities: staffUserAbilities(principal, account) };
}
