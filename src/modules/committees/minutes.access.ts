import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import * as repo from './committees.repo.js';
import { memberMeetingState } from './meeting-state.js';
import type { Db } from './minutes.content.js';

/** Who reaches minutes (members of the meeting's committee), and the refusals every minutes action shares. */

export const actorOf = (principal: StaffPrincipal) => ({ kind: 'staff' as const, id: principal.userId });

export function notFound(): AppError {
  return AppError.notFound('minutes.not-found', 'No such minutes');
}

export function frozenError(): AppError {
  return AppError.conflict('minutes.frozen', 'These minutes are approved and frozen; correct them with an amendment');
}

/** The minutes and their meeting, if the caller is a member of the meeting's committee; 404 otherwise. */
export async function memberMinutes(db: Db, ctx: AppContext, principal: StaffPrincipal, id: string) {
  const row = await repo.findMinutes(db, id);
  if (!row) throw notFound();
  const state = await memberMeetingState(db, ctx, principal, row.meeting_id).catch((error: unknown) => {
    if (error instanceof AppError && error.status === 404) throw notFound();
    throw error;
  });
  return { row, state };
}
