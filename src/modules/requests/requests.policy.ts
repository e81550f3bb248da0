import type { RequestAbilities, RequestStatus, StaffAction } from '../../contracts/requests.js';
import { actionsFrom, isEditable } from '../../domain/request-status.js';
import type { StaffRole } from '../../domain/roles.js';
import type { StaffScope } from '../../domain/scope.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';

/**
 * Who may do what with service requests (docs/design/service-requests.md "Who may do what"):
 * - reception and contact officers: create, edit, attach, attest, submit, move and close requests of
 *   families in their scope, and see their scope's worklists;
 * - volunteers: create a request for a family they registered (channel `volunteer`) and see it
 *   until it is submitted;
 * - management: everything in their scope, read-only;
 * - committee members: the requests of their committees (through committees' agendas);
 * - administrators: request types (settings) only.
 */
export const REQUEST_READERS: StaffRole[] = ['reception', 'contact-officer', 'volunteer', 'management', 'committee-member'];
export const REQUEST_INTAKE: StaffRole[] = ['reception', 'contact-officer', 'volunteer'];
export const REQUEST_MOVERS: StaffRole[] = ['reception', 'contact-officer', 'volunteer'];
export const REQUEST_TYPE_ADMINS: StaffRole[] = ['administrator'];

const SCOPED: StaffRole[] = ['reception', 'contact-officer', 'management'];
const EDITORS: StaffRole[] = ['reception', 'contact-officer'];

export interface RequestVisibility {
  scope: StaffScope;
  /** Volunteers: only requests they created, and only drafts. */
  createdBy: string | null;
  /** Committee members without another reading role: only these committees' requests, once submitted. */
  committeeIds: string[] | null;
  isNone: boolean;
}

const has = (principal: StaffPrincipal, roles: StaffRole[]) => principal.roles.some((r) => roles.includes(r));

export function requestVisibility(principal: StaffPrincipal, committeeIds: string[] = []): RequestVisibility {
  if (has(principal, SCOPED)) return { scope: principal.scope, createdBy: null, committeeIds: null, isNone: false };
  if (principal.roles.includes('volunteer'))
    return { scope: principal.scope, createdBy: principal.userId, committeeIds: null, isNone: false };
  if (principal.roles.includes('committee-member'))
    return { scope: { categories: [], domains: [], offices: [] }, createdBy: null, committeeIds, isNone: committeeIds.length === 0 };
  return { scope: principal.scope, createdBy: null, committeeIds: null, isNone: true };
}

/** Edit answers and documents, attest, submit: reception and contact officers; volunteers their own drafts. */
export function canWorkOn(principal: StaffPrincipal, request: { createdBy: string | null; status: string }): boolean {
  if (has(principal, EDITORS)) return true;
  return principal.roles.includes('volunteer') && request.createdBy === principal.userId && request.status === 'draft';
}

/** Moves after submission (information requested/received, close): reception and contact officers. */
export function canMove(principal: StaffPrincipal): boolean {
  return has(principal, EDITORS);
}

/** May `principal` take this move on the request (the transitions route's check; the state machine is the service's)? */
export function canTakeAction(
  principal: StaffPrincipal,
  request: { createdBy: string | null; status: string },
  action: StaffAction,
): boolean {
  return action === 'submit' ? canWorkOn(principal, request) : canMove(principal);
}

/** The request as the abilities need it. `isAttested`: it carries a valid attestation now. */
export interface RequestForAbilities {
  createdBy: string | null;
  status: string;
  isAttested: boolean;
}

/**
 * What `principal` may do with this request now (issue 19 §2): the routes' checks, narrowed by the
 * state machine — answers and documents while editable, attestation while one is pending, each
 * move only from the status it leaves. Requests the caller may not see are never presented.
 */
export function requestAbilities(principal: StaffPrincipal, request: RequestForAbilities): RequestAbilities {
  const status = request.status as RequestStatus;
  const isWorkable = isEditable(status) && canWorkOn(principal, request);
  const moves = actionsFrom(status);
  const may = (action: StaffAction) => moves.includes(action) && canTakeAction(principal, request, action);
  return {
    edit: isWorkable,
    attest: isWorkable && !request.isAttested,
    submit: may('submit'),
    requestInformation: may('request-information'),
    informationReceived: may('information-received'),
    close: may('close'),
  };
}

const ACTION_OF: Record<StaffAction, keyof RequestAbilities> = {
  submit: 'submit',
  'request-information': 'requestInformation',
  'information-received': 'informationReceived',
  close: 'close',
};

/** The moves among the abilities, in the state machine's order (the detail's `allowedActions`). */
export function allowedMoves(abilities: RequestAbilities): StaffAction[] {
  return (Object.keys(ACTION_OF) as StaffAction[]).filter((action) => abilities[ACTION_OF[action]]);
}

/** What `principal` may start with requests (issue 19 §2, served through the session): the intake route's roles. */
export function requestSessionAbilities(principal: StaffPrincipal) {
  return { createRequest: has(principal, REQUEST_INTAKE) };
}
