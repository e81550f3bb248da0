import type { Kysely } from 'kysely';
import type { NotificationEvent } from '../../contracts/notifications.js';
import {
  type CompensationAction,
  type CompensationStatus,
  compensationMove,
  compensationRefusal,
} from '../../domain/compensation-status.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { assertWritableScope } from '../../platform/http/write-scope.js';
import { uuidv7 } from '../../platform/ids.js';
import { type AuditEntry, recordAudit } from '../audit/index.js';
import { familyContact } from '../families/index.js';
import { enqueueMessage } from '../notifications/index.js';
import { type CaseRow, caseNotFound, isCaseWorker, loadVisibleCase } from './compensation.policy.js';
import { sealWith, stepAad } from './compensation.sealing.js';

/**
 * What every change of a compensation case shares (issue 23): the case loaded for a write (seen,
 * in scope, written within the writer's scope), its status moved by the pure flow (409
 * `compensation.illegal-transition`), each step recorded with who and when, the audit, and the
 * family told on its agreed channel — all in the caller's one transaction.
 */
export type Db = Kysely<Database>;
export type Actor = AuditEntry['actor'];
export const staffActor = (principal: StaffPrincipal): Actor => ({ kind: 'staff', id: principal.userId });

/** 409 `compensation.illegal-transition`, naming where the case is and what was asked. */
export function illegalTransition(from: string, action: string): AppError {
  return new AppError(409, 'compensation.illegal-transition', `A case that is ${from} cannot ${action}`, [], {}, { from, action });
}

/** D1: an offer, a settlement or a payment before the harm is established. */
export function harmNotEstablished(): AppError {
  return AppError.conflict(
    'compensation.harm-not-established',
    'Fault and harm are not established yet: approved minutes of the investigation committee or a final ruling come first',
  );
}

/**
 * D1, then the flow: 409 `compensation.harm-not-established` for a move about money before fault and
 * harm are proven, 409 `compensation.illegal-transition` for any other move the case's step refuses.
 * Services check it before writing what the move records (a round, terms, a payment); `moveCase` too.
 */
export function assertMayMove(row: CaseRow, action: CompensationAction): void {
  const move = compensationMove(row.status as CompensationStatus, action);
  if (!move.isAllowed) throw refusal(move.from, action);
}

function refusal(from: CompensationStatus, action: CompensationAction): AppError {
  return compensationRefusal(from, action) === 'harm-not-established' ? harmNotEstablished() : illegalTransition(from, action);
}

/**
 * A case the caller works on, read in `trx` (F2: the family must lie within the writer's scope,
 * the shared write-scope check): 404 when they may not see it.
 */
export async function caseForWrite(trx: Db, ctx: AppContext, principal: StaffPrincipal, id: string): Promise<CaseRow> {
  const row = await loadVisibleCase(trx, ctx, principal, id);
  const family = await familyContact(ctx, row.family_id, trx);
  if (!family) throw caseNotFound();
  assertWritableScope(principal.scope, { category: family.scope.category, office: family.scope.office, domains: family.scope.domains });
  return row;
}

export async function assertCaseWorker(ctx: AppContext, principal: StaffPrincipal): Promise<void> {
  if (!(await isCaseWorker(ctx, principal)))
    throw AppError.forbidden('compensation.not-handler', 'Only management and the investigation committee handle compensation cases');
}

/** Moves the case by `action` (or refuses), records the step, bumps the version. Returns the new status. */
export async function moveCase(
  trx: Db,
  ctx: AppContext,
  row: CaseRow,
  action: CompensationAction,
  actor: Actor,
  { note = null, set = {} }: { note?: string | null; set?: Partial<CaseRow> } = {},
): Promise<CompensationStatus> {
  const move = compensationMove(row.status as CompensationStatus, action);
  if (!move.isAllowed) throw refusal(move.from, action);
  const now = ctx.clock.now().toISOString();
  const updated = await trx
    .updateTable('compensation_cases')
    .set({ ...set, status: move.to, updated_at: now, version: row.version + 1 })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  // Someone else moved it between our read and this write: their move stands.
  if (Number(updated.numUpdatedRows) !== 1) throw illegalTransition(row.status, action);
  await recordStep(trx, ctx, row.id, action, move.to, actor, note);
  Object.assign(row, set, { status: move.to, updated_at: now, version: row.version + 1 });
  return move.to;
}

/** A record on the case that does not move it (a round, an approval, terms): the version and time still change. */
export async function touchCase(trx: Db, ctx: AppContext, row: CaseRow, set: Partial<CaseRow> = {}): Promise<void> {
  const now = ctx.clock.now().toISOString();
  const updated = await trx
    .updateTable('compensation_cases')
    .set({ ...set, updated_at: now, version: row.version + 1 })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw AppError.conflict('compensation.changed', 'The case changed meanwhile; reload it');
  Object.assign(row, set, { updated_at: now, version: row.version + 1 });
}

export async function recordStep(
  trx: Db,
  ctx: AppContext,
  caseId: string,
  action: string,
  status: string,
  actor: Actor,
  note: string | null,
): Promise<void> {
  const now = ctx.clock.now();
  const id = uuidv7(now.getTime());
  await trx
    .insertInto('compensation_steps')
    .values({
      id,
      case_id: caseId,
      action,
      status,
      actor_kind: actor.kind,
      actor_id: actor.id,
      at: now.toISOString(),
      note: sealWith(ctx, stepAad(id), note),
    })
    .execute();
}

export async function auditCase(
  db: Db,
  ctx: AppContext,
  actor: Actor,
  action: string,
  caseId: string | null,
  details: Record<string, unknown> = {},
  fields?: string[],
): Promise<void> {
  await recordAudit(db, {
    at: ctx.clock.now(),
    actor,
    action: `compensation.${action}`,
    entity: 'compensation-case',
    entityId: caseId,
    details,
    ...(fields ? { fields } : {}),
  });
}

/** Issue 23 §5: news to the family on its agreed channel — never staff names or internal notes. */
export async function tellFamily(
  trx: Db,
  ctx: AppContext,
  row: CaseRow,
  event: NotificationEvent,
  actor: Actor,
  { params = {}, key }: { params?: Record<string, string>; key: string },
): Promise<void> {
  await enqueueMessage(trx, ctx, {
    event,
    recipient: { kind: 'family', familyId: row.family_id },
    params: { reference: row.reference, ...params },
    about: { type: 'compensation-case', id: row.id },
    dedupeKey: `compensation:${row.id}:${key}`,
    actor,
  });
}
