import type { StaffRole } from '../../domain/roles.js';
import type { StaffScope } from '../../domain/scope.js';
import type { SessionStage } from './route-policy.js';

export interface StaffPrincipal {
  kind: 'staff';
  userId: string;
  username: string;
  displayName: string;
  roles: StaffRole[];
  scope: StaffScope;
  language: 'ar' | 'en';
  sessionIdHash: string;
  stage: SessionStage;
  csrfToken: string;
}

/** A family signed in to the beneficiary portal by a one-time code (issue 5 §2): sees only its own records. */
export interface FamilyPrincipal {
  kind: 'family';
  familyId: string;
  sessionIdHash: string;
  csrfToken: string;
}

export interface AnonymousPrincipal {
  kind: 'anonymous';
}

export type Principal = StaffPrincipal | FamilyPrincipal | AnonymousPrincipal;

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
}
