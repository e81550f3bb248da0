import type { AppContext } from '../../platform/context.js';
import type { App } from '../../platform/http/types.js';

/** The beneficiary portal (issue 5 §2, §9): routes arrive with the portal module. */
export function portalRoutes(_app: App, _ctx: AppContext): void {}
