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

export interface AnonymousPrincipal {
  kind: 'anonymous';
}

export type Principal = StaffPrincipal | AnonymousPrincipal;

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
}
