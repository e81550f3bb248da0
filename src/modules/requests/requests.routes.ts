import type { AppContext } from '../../platform/context.js';
import type { App } from '../../platform/http/types.js';

/** Service requests (issue 5): routes arrive with the requests module. */
export function requestRoutes(_app: App, _ctx: AppContext): void {}
