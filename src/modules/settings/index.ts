import type { AreaManifest } from '../../platform/area.js';
import { consentSettingsRoutes } from './settings.consent-routes.js';
import { settingsRoutes } from './settings.routes.js';

/** Settings' public face: the association's details, security settings and the taxonomies. */
export {
  currentPrivacyNotice,
  listConsentPurposes,
  privacyNoticeExists,
} from './settings.consent.js';
export { listTaxonomy } from './settings.repo.js';
export { activeCodes, getAllSettings, getAssociation, getSecurity, saveAreaSetting } from './settings.service.js';

export const settingsArea: AreaManifest = {
  name: 'settings',
  routes: (app, ctx) => {
    settingsRoutes(app, ctx);
    consentSettingsRoutes(app, ctx);
  },
  auditKinds: ['settings.create', 'settings.update'],
};
