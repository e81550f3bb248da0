import { defineProvider } from '../hooks.js';
import type { StaffPrincipal } from './principal.js';

/**
 * Issue 26 §4 (R1): something a signed-in staff member must do before working on — an overdue
 * policy acknowledgement. The auth plugin asks every gate on each staff route of a fully signed-in
 * session, except routes whose policy says `isOpenWhileGated` (sign-out, the current user, the
 * acknowledgement routes); a gate refuses by throwing an AppError (403 problem+json).
 */
export type StaffGate = (principal: StaffPrincipal) => Promise<void>;

export const staffGates = defineProvider<StaffGate>('staff.gates');
