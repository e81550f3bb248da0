import type { CommitteeAbilities } from '../../contracts/committees.js';
import type { StaffRole } from '../../domain/roles.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';

/**
 * Who may do what with committees (ARCHITECTURE.md "Who can call what"; C5). The role only opens
 * committee work; membership decides which committee's meetings, agendas and minutes a person sees.
 * - administrator: committees (settings) and a meeting's schedule; no agenda, votes or minutes.
 * - management: reads committees (read-only everything), not their agendas.
 * - members: their committees' meetings and minutes; the present ones vote and approve minutes.
 * - the chair: opens meetings, records who is present, sets the agenda, generates and amends minutes.
 */
export const COMMITTEE_ROLES = ['committee-member', 'follow-up-committee'] as const satisfies readonly StaffRole[];

/** Route roles: committee pages. */
export const COMMITTEE_READERS: readonly StaffRole[] = ['administrator', 'management', ...COMMITTEE_ROLES];
/** Meetings' schedule: the chair and administrators. */
export const MEETING_SCHEDULERS: readonly StaffRole[] = ['administrator', ...COMMITTEE_ROLES];
/** Agendas, votes, minutes: members only. */
export const COMMITTEE_WORKERS: readonly StaffRole[] = [...COMMITTEE_ROLES];

export function isAdministrator(principal: StaffPrincipal): boolean {
  return principal.roles.includes('administrator');
}

/** Administrators and management see every committee; members only their own. */
export function seesAllCommittees(principal: StaffPrincipal): boolean {
  return principal.roles.includes('administrator') || principal.roles.includes('management');
}

export function holdsCommitteeRole(principal: StaffPrincipal): boolean {
  return principal.roles.some((role) => (COMMITTEE_ROLES as readonly string[]).includes(role));
}

/** Committees themselves (settings) are the administrators'. */
export function canEditCommittee(principal: StaffPrincipal): boolean {
  return isAdministrator(principal);
}

/** A meeting's schedule: the committee's chair or an administrator (the meetings route's check). */
export function canScheduleMeeting(principal: StaffPrincipal, committee: { chairId: string | null }): boolean {
  return isAdministrator(principal) || (committee.chairId !== null && committee.chairId === principal.userId);
}

/** What `principal` may do with a committee they see (issue 19 §2); an inactive one takes no meetings. */
export function committeeAbilities(
  principal: StaffPrincipal,
  committee: { chairId: string | null; isActive: boolean },
): CommitteeAbilities {
  return { edit: canEditCommittee(principal), scheduleMeeting: committee.isActive && canScheduleMeeting(principal, committee) };
}
