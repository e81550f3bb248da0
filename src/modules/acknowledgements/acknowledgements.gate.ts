import { isInAudience, isOverdue } from '../../domain/acknowledgements.js';
import { riyadhCalendarDay } from '../../domain/dates.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { acknowledgeableStamps } from '../documents/index.js';
import { staffDepartmentOf } from '../staff/index.js';
import { staffAcknowledgements, staffExemptions } from './acknowledgements.members.js';
import { type LiveRequirement, liveRequirements } from './acknowledgements.requirements.js';

/**
 * Issue 26 §4 (R1): the gate runs on every staff API request, so the requirements in force are
 * kept per process (per context: tests run several apps in one process) and rebuilt only when
 * their fingerprint changes. The fingerprint is read from the database on every call — the
 * requirement rows themselves (a handful) and the stamps of the required documents' published
 * versions (`acknowledgeableStamps`: no texts) — plus the Riyadh day (a version dated ahead comes
 * into force at midnight): an edit made by another process or instance (PostgreSQL deployments may
 * run several) is seen at the next request, with no invalidation call to forget. The fingerprint
 * is read before the requirements it stands for, so a write slipping in between can only store
 * newer requirements under an older fingerprint, which the next call replaces.
 */
interface RequirementsState {
  fingerprint: string;
  live: readonly LiveRequirement[];
  /**
   * Staff id → the session and the live versions that staff member has acknowledged. Staff
   * acknowledgements are only ever added (exemptions can be lifted, so they are read each time), so
   * a version seen acknowledged stays so; the session is part of the entry because a restore from
   * a backup ends every session and may bring back a database where it was not yet acknowledged.
   */
  acknowledged: Map<string, { session: string; versionIds: Set<string> }>;
}

const states = new WeakMap<AppContext, RequirementsState>();

/** The requirements in force now, from the cache when their fingerprint has not moved. */
export async function currentRequirements(ctx: AppContext): Promise<RequirementsState | null> {
  const rows = await ctx.db.selectFrom('ack_requirements').selectAll().orderBy('version_id').execute();
  if (!rows.length) {
    states.delete(ctx);
    return null;
  }
  const stamps = await acknowledgeableStamps(
    ctx.db,
    rows.map((r) => r.version_id),
  );
  const fingerprint = JSON.stringify([riyadhCalendarDay(ctx.clock.now()), rows.map((r) => Object.values(r)), stamps]);
  const cached = states.get(ctx);
  if (cached?.fingerprint === fingerprint) return cached;
  const state: RequirementsState = { fingerprint, live: await liveRequirements(ctx), acknowledged: new Map() };
  states.set(ctx, state);
  return state;
}

/**
 * R1, issue 26 §4: once a required version's grace period is over, every staff route but sign-out,
 * the current user and the acknowledgement routes answers 403 `acknowledgement.required`. With no
 * requirement: one read of the (tiny) requirements table. With requirements: that read and the
 * stamps; the staff member's department is read only when a department rule is overdue, and their
 * acknowledgements only for overdue versions not yet seen acknowledged in this session.
 */
export async function acknowledgementGate(ctx: AppContext, principal: StaffPrincipal): Promise<void> {
  const state = await currentRequirements(ctx);
  if (!state) return;
  const now = ctx.clock.now();
  // Due dates are compared with the clock on every call: a grace period ends mid-session.
  const overdue = state.live.filter((r) => isOverdue(r.dueAt, now));
  if (!overdue.length) return;
  // Roles come with the principal, loaded for this request; the department only from the database.
  let member = {
    roles: principal.roles as readonly string[],
    departmentId: null as string | null,
    parentDepartmentId: null as string | null,
  };
  if (overdue.some((r) => r.rule.audience === 'departments')) {
    const found = await staffDepartmentOf(ctx.db, principal.userId);
    if (!found) return; // deactivated since the session was loaded: the auth plugin ends it at the next request
    member = { roles: principal.roles, ...found };
  }
  const asked = overdue.filter((r) => isInAudience(r.rule, member));
  if (!asked.length) return;
  let seen = state.acknowledged.get(principal.userId);
  if (seen?.session !== principal.sessionIdHash) {
    seen = { session: principal.sessionIdHash, versionIds: new Set() };
    state.acknowledged.set(principal.userId, seen);
  }
  const known = seen.versionIds;
  const open = asked.filter((r) => !known.has(r.version.id));
  if (!open.length) return;
  const acks = await staffAcknowledgements(
    ctx,
    open.map((r) => r.version.id),
    { staffId: principal.userId },
  );
  for (const r of open) if (acks.get(r.version.id)?.has(principal.userId)) known.add(r.version.id);
  const unacknowledged = open.filter((r) => !known.has(r.version.id));
  if (!unacknowledged.length) return;
  const exemptions = await staffExemptions(
    ctx,
    unacknowledged.map((r) => r.document.id),
  );
  if (unacknowledged.some((r) => !exemptions.get(r.document.id)?.has(principal.userId))) {
    throw AppError.forbidden('acknowledgement.required', 'Read and acknowledge the policy before carrying on');
  }
}
