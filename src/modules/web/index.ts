import type { AreaManifest } from '../../platform/area.js';
import { webRoutes } from './web.routes.js';

/** The server-rendered public home and the staff app's HTML; registered last (it serves the built assets). */
export const webArea: AreaManifest = {
  name: 'web',
  routes: (app, ctx, { webDir }) => webRoutes(app, ctx, { webDir }),
};
