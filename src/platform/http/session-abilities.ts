import { defineProvider } from '../hooks.js';
import type { StaffPrincipal } from './principal.js';

/**
 * Issue 19 §2: what a staff member may start where no record is involved yet (register a family,
 * create a request…). Each area provides its part from its policy in its manifest's `wire`; the
 * session (`/api/v1/auth/session`) answers the merged abilities as `user.can`.
 */
export type SessionAbilityProvider = (principal: StaffPrincipal) => Readonly<Record<string, boolean>>;

export const sessionAbilityProviders = defineProvider<SessionAbilityProvider>('session.abilities');
