import type { RequestHandedOver, RequestStatus, ServiceRequest, TransitionBody } from '../../contracts/requests.js';
import { isBeforeDecision } from '../../domain/request-status.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { loadVisible, staffActor, visibilityOf } from './requests.access.js';
import { type Actor, type Db, loadState, move, voidIfChanged } from './requests.core.js';
import { canTakeAction } from './requests.policy.js';
import { present } from './requests.present.js';
import { findVisibleRequest, moveCounters } from './requests.repo.js';

/** Staff's moves of a request (issue 5), and requests following their family when its data changes (C4, F2). */

// ---- moves ----

/**
 * A staff move with its checks — scope, the caller's right to this move, the note a request for
 * information needs — and the move's own (the state machine, C3/C4 gates) in one transaction.
 * Answers the request's reference and new status: bulk moves (issue 19 §5) need no more.
 */
export async function moveRequest(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  body: TransitionBody,
): Promise<{ reference: string; status: RequestStatus }> {
  const row = await loadVisible(ctx, principal, id);
  if (!canTakeAction(principal, { createdBy: row.created_by, status: row.status }, body.action))
    throw AppError.forbidden('request.read-only', 'You may not move this request');
  if (body.action === 'request-information' && !body.note?.trim())
    throw AppError.badRequest('request.invalid', 'Say what information is needed', [
      { pointer: '/note', code: 'field.required', detail: 'What the family must provide' },
    ]);
  const next = await ctx.db
    .transaction()
    .execute((trx) => move(trx, ctx, staffActor(principal), id, body.action, { note: body.note ?? null }));
  return { reference: next.reference, status: next.status as RequestStatus };
}

/** A staff move, answered with the request as the caller now sees it. */
export async function transitionRequest(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  body: TransitionBody,
): Promise<ServiceRequest | RequestHandedOver> {
  const moved = await moveRequest(ctx, principal, id, body);
  const after = await findVisibleRequest(ctx.db, await visibilityOf(ctx, principal), id);
  // A6: a volunteer sees a request only until it is submitted; the move went through, so say where
  // the request went (reception and the committee) instead of answering 404.
  if (!after) return { id, ...moved, isHandedOver: true };
  return present(ctx, principal, after);
}

// ---- the family's data changed (the families area's `familyChanged`, wired in app.ts) ----

/**
 * Keeps requests in step with their family (C4, F2): the denormalised scope (category, office) and
 * the worklist counters follow it, and an attestation that no longer covers the family's core data
 * is voided. Runs in the transaction that changes the family.
 */
export async function syncFamilyRequests(
  ctx: AppContext,
  { trx, familyId, scope: family, actor }: { trx: Db; familyId: string; scope: { category: string; office: string }; actor: Actor },
): Promise<void> {
  const rows = await trx
    .selectFrom('requests')
    .selectAll()
    .where('family_id', '=', familyId)
    .where('status', 'in', ['draft', 'complete', 'under-study', 'information-requested', 'decided', 'notified', 'closed'])
    .execute();
  for (const row of rows) {
    if (row.category !== family.category || row.office !== family.office) {
      await trx.updateTable('requests').set({ category: family.category, office: family.office }).where('id', '=', row.id).execute();
      await moveCounters(trx, row, { ...row, category: family.category, office: family.office });
    }
    if (row.current_attestation_id && isBeforeDecision(row.status as RequestStatus)) {
      const state = await loadState(trx, ctx, row);
      await voidIfChanged(trx, ctx, row, state.dataSha256, 'family-changed', actor);
    }
  }
}
