import type { AppContext } from '../../platform/context.js';
import type { App } from '../../platform/http/types.js';

/** Committees, meetings, votes and minutes (issue 5 §7): routes arrive with the committees module. */
export function committeeRoutes(_app: App, _ctx: AppContext): void {}
