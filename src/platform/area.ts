import type { RetentionKind } from '../contracts/erasure.js';
import type { StaffRole } from '../domain/roles.js';
import type { AppContext } from './context.js';
import type { App } from './http/types.js';
import type { BilingualLabel, ErasureHold, PersonalTable } from './personal-data.js';
import type { Job } from './scheduler.js';

export interface RouteOptions {
  /** Directory of the built browser app (dist/web); absent in API-only tests. */
  webDir: string | undefined;
}

/**
 * What the record of processing (issue 25 §7, F2) says of an area's personal data, beside its
 * registry tables: why it is processed, which staff roles may read it, and which retention periods
 * of the erasure area's settings apply to it.
 */
export interface AreaProcessing {
  /** The purpose, in Arabic and English. */
  purpose: BilingualLabel;
  /**
   * The staff roles whose routes read the area's personal data: the role lists the area's policy
   * file (or routes file) gives its read routes — never a second list typed here. An integration
   * test (tests/integration/privacy-record.test.ts) checks them against the registered routes.
   */
  readers: readonly StaffRole[];
  /**
   * The retention kinds (issue 25 §6) whose period ends the data's keeping; empty: no period
   * applies (kept while the association needs it — "never" in the record).
   */
  retention: readonly RetentionKind[];
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
  /** Issue 25 §7 (F2): purpose, readers and retention of `personalData`, for the record of processing. */
  processing?: AreaProcessing;
  /** Issue 25 §5 (F2): what holds a family's erasure (an open request, complaint, case). */
  erasureHolds?: readonly ErasureHold[];
  /** The audit actions the area writes (`family.update`, …): the audit trail's vocabulary. */
  auditKinds?: readonly string[];
}
