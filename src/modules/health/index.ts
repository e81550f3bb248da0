import type { AreaManifest } from '../../platform/area.js';
import { healthRoutes } from './health.routes.js';

/** `/healthz` and `/readyz`. */
export const healthArea: AreaManifest = {
  name: 'health',
  routes: (app, ctx) => healthRoutes(app, ctx),
};
