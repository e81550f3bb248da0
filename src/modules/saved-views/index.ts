import type { AreaManifest } from '../../platform/area.js';
import { savedViewRoutes } from './saved-views.routes.js';

/** Saved worklist views (issue 19 §4): a person's filters and sort under a name; no personal data. */
export const savedViewsArea: AreaManifest = {
  name: 'saved-views',
  routes: (app, ctx) => savedViewRoutes(app, ctx),
  auditKinds: ['saved-view.create', 'saved-view.delete'],
};
