import type { AreaManifest } from '../../platform/area.js';
import { portalConsentRoutes } from './portal.consents.js';
import { portalRoutes } from './portal.routes.js';

/** The family portal's public face: its server-rendered pages, which the web area serves. */
export { type PortalPath, portalPageFor } from './portal.view.js';

export const portalArea: AreaManifest = {
  name: 'portal',
  routes: (app, ctx) => {
    portalRoutes(app, ctx);
    portalConsentRoutes(app, ctx);
  },
  auditKinds: ['portal.attestation-code', 'portal.sign-in', 'portal.sign-in-code', 'portal.sign-in-failed', 'portal.sign-out'],
};
