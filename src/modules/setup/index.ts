import type { AreaManifest } from '../../platform/area.js';
import { setupRoutes } from './setup.routes.js';

/**
 * The set-up checklist's public face (issue 27 §7): its routes, and the record of a successful
 * `sila backup` that the command line writes.
 */
export { recordBackupRun } from './setup.marks.js';

export const setupArea: AreaManifest = {
  name: 'setup',
  routes: (app, ctx) => setupRoutes(app, ctx),
  auditKinds: ['setup.backup', 'setup.review', 'setup.test-send'],
};
