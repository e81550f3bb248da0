import type { RequestStatus } from '../../contracts/requests.js';
import { isEditable } from '../../domain/request-status.js';
import type { AppContext } from '../../platform/context.js';
import type { RequestTable } from '../../platform/db/schema-requests.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { committeesOf } from '../committees/index.js';
import type { Actor } from './requests.core.js';
import { canWorkOn, requestVisibility } from './requests.policy.js';
import { findVisibleRequest } from './requests.repo.js';

/**
 * Staff's service requests (issue 5 §2–§5): intake from every channel, documents, attestation, moves.
 * Each starts here: which requests a staff member reaches, and whether they may change one now.
 */

export const staffActor = (principal: StaffPrincipal): Actor => ({ kind: 'staff', id: principal.userId });

/** Committees the user sits on (C5): committee members see only their committees' requests. */
export async function committeeIdsOf(ctx: AppContext, userId: string): Promise<string[]> {
  return committeesOf(ctx, userId);
}

export async function visibilityOf(ctx: AppContext, principal: StaffPrincipal) {
  const committees = principal.roles.includes('committee-member') ? await committeeIdsOf(ctx, principal.userId) : [];
  return requestVisibility(principal, committees);
}

export async function loadVisible(ctx: AppContext, principal: StaffPrincipal, id: string): Promise<RequestTable> {
  const row = await findVisibleRequest(ctx.db, await visibilityOf(ctx, principal), id);
  if (!row) throw AppError.notFound('request.not-found', 'No such request');
  return row;
}

export function assertWorkable(principal: StaffPrincipal, row: RequestTable): void {
  if (!canWorkOn(principal, { createdBy: row.created_by, status: row.status }))
    throw AppError.forbidden('request.read-only', 'You may read this request but not change it');
  if (!isEditable(row.status as RequestStatus))
    throw AppError.conflict(
      'request.not-editable',
      'Answers and documents change only while the request is a draft or information was requested',
    );
}
