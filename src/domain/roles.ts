/**
 * Staff roles (ARCHITECTURE.md "Who can call what"). A person may hold several.
 * Committee membership (which agendas a member sees) comes with committees later;
 * the role only opens committee work.
 */
export const STAFF_ROLES = [
  'reception',
  'volunteer',
  'contact-officer',
  'committee-member',
  'follow-up-committee',
  'management',
  'hr',
  'documents-editor',
  // F2: records and answers data-subject requests, runs erasure and retention, keeps the breach register.
  'privacy-officer',
  'administrator',
] as const;

export type StaffRole = (typeof STAFF_ROLES)[number];

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}

/** Administrators must always use a second factor; other roles follow a setting. */
export function isMfaRequired(roles: readonly StaffRole[], mfaRequiredRoles: readonly StaffRole[]): boolean {
  return roles.some((role) => role === 'administrator' || mfaRequiredRoles.includes(role));
}
