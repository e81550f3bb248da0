import type { AreaManifest } from '../../platform/area.js';
import { settingsRoutes } from './settings.routes.js';

/** Settings' public face: the association's details, security settings and the taxonomies. */
export { listTaxonomy } from './settings.repo.js';
export { activeCodes, getAllSettings, getAssociation, getSecurity } from './settings.service.js';

export const settingsArea: AreaManifest = {
  name: 'settings',
  routes: (app, ctx) => settingsRoutes(app, ctx),
  auditKinds: ['settings.create', 'settings.update'],
};
