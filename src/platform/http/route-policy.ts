import type { StaffRole } from '../../domain/roles.js';

/**
 * Every route declares who may call it (ARCHITECTURE.md "Who can call what", issue 2 §4):
 * a test enumerates every registered route and fails when one has no policy.
 *
 * - `public`: anyone, no session needed.
 * - `staff`: a signed-in staff member holding one of `roles` ('any-role' = any staff member),
 *   whose session has reached one of `stages` (default: fully signed in). `scope` says how the
 *   records the route touches are limited: 'none' (not family data), 'self' (the caller's own
 *   account), 'families' (the caller's category/domain/office scope, enforced in the service).
 * - `family`: a family signed in to the beneficiary portal (its own `sila_portal` cookie); the
 *   service limits every read to that family's records. Staff sessions never open these routes,
 *   and family sessions never open staff routes.
 */
export type SessionStage = 'password-change' | 'mfa-enroll' | 'mfa' | 'active';

export type RoutePolicy =
  | { access: 'public' }
  | { access: 'family' }
  | {
      access: 'staff';
      roles: readonly StaffRole[] | 'any-role';
      stages?: readonly SessionStage[];
      scope: 'none' | 'self' | 'families';
      /**
       * Open while a staff gate refuses the rest (issue 26 §4, R1: an overdue acknowledgement) —
       * sign-out, the current user and the acknowledgement routes only (platform/http/staff-gates.ts).
       */
      isOpenWhileGated?: boolean;
    };

export const PUBLIC: RoutePolicy = { access: 'public' };

export function staffOnly(roles: readonly StaffRole[] | 'any-role', scope: 'none' | 'self' | 'families' = 'none'): RoutePolicy {
  return { access: 'staff', roles, scope };
}

/** A staff route that stays open while an overdue acknowledgement closes the rest (issue 26 §4, R1). */
export function openWhileGated(policy: RoutePolicy): RoutePolicy {
  return policy.access === 'staff' ? { ...policy, isOpenWhileGated: true } : policy;
}

/** A route of the beneficiary portal, for the signed-in family only (issue 5 §2). */
export function familyOnly(): RoutePolicy {
  return { access: 'family' };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: RoutePolicy;
  }
}
