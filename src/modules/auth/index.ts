import type { AreaManifest } from '../../platform/area.js';
import { authRoutes } from './auth.routes.js';

/** Staff sign-in's public face; the database-backed sign-in throttle is shared with the portal. */
export { accountKey, clearFailures, lockedFor, recordFailure } from './sign-in-throttle.js';

export const authArea: AreaManifest = {
  name: 'auth',
  routes: (app, ctx) => authRoutes(app, ctx),
  auditKinds: ['auth.password-change', 'auth.sign-in', 'auth.sign-in-failed', 'auth.sign-out', 'auth.totp-enrol', 'auth.totp-verify'],
};
