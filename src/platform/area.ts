import type { AppContext } from './context.js';
import type { App } from './http/types.js';
import type { ErasureHold, PersonalTable } from './personal-data.js';
import type { Job } from './scheduler.js';

export interface RouteOptions {
  /** Directory of the built browser app (dist/web); absent in API-only tests. */
  webDir: string | undefined;
}

/**
 * What one area brings to the application, declared once in its public file
 * (`src/modules/<area>/index.ts`) and assembled by app.ts (docs/decisions/005-area-boundaries.md).
 */
export interface AreaManifest {
  name: string;
  /** Registers the area's HTTP routes (each declares its route policy). */
  routes?(app: App, ctx: AppContext, options: RouteOptions): void | Promise<void>;
  /** Background jobs for the one scheduler (ARCHITECTURE.md "Background work"). */
  jobs?(ctx: AppContext): Job[];
  /** Subscribes to other areas' events and provides what other areas ask for (platform/hooks.ts). */
  wire?(ctx: AppContext): void;
  /** Every table and column of the area holding personal data (platform/personal-data.ts). */
  personalData?: readonly PersonalTable[];
  /** Issue 25 §5 (F2): what holds a family's erasure (an open request, complaint, case). */
  erasureHolds?: readonly ErasureHold[];
  /** The audit actions the area writes (`family.update`, …): the audit trail's vocabulary. */
  auditKinds?: readonly string[];
}
