import type { CompensationDetail } from '../../contracts/compensation.js';
import { formatRiyals, isSecondApprovalNeeded } from '../../domain/compensation-status.js';
import { riyadhCalendarDay } from '../../domain/dates.js';
import type { AppContext } from '../../platform/context.js';
import type { CompensationRoundTable } from '../../platform/db/schema-compensation.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { uuidv7 } from '../../platform/ids.js';
import { getClocks, startClock, stopClock } from '../calendar/index.js';
import {
  assertMayMove,
  auditCase,
  caseForWrite,
  type Db,
  illegalTransition,
  moveCase,
  staffActor,
  tellFamily,
  touchCase,
} from './compensation.core.js';
import { type CaseRow, isAwaitingApproval, isConcernedByCase, isManagement, withDb } from './compensation.policy.js';
import { presentDetail } from './compensation.present.js';
import { openWith, roundAad, sealWith } from './compensation.sealing.js';
import { getCompensationSettings } from './compensation.settings.js';

/**
 * Negotiation (issue 23 §3; D4): rounds logged — who offered what (an amount, an in-kind remedy, an
 * apology, a service), the family's answer, notes, the next date — each with a deadline on the
 * working-day clock (a setting) and warnings. An offer above the established amount, or any offer
 * when the harm was established only as a description, waits for management's second approval
 * (recorded; by someone other than who offered it) before the family hears of it or answers it.
 * When a final ruling fixed the amount, offers can only carry that amount (D3: the talks cover the
 * method and schedule).
 */
type RoundInput = {
  offerAmountHalalas?: number | undefined;
  remedy?: string | undefined;
  service?: string | undefined;
  hasApology: boolean;
  isFinalOffer: boolean;
  notes?: string | undefined;
  nextDay?: string | undefined;
};

/** What the family is told of an offer: its content, never the notes or who made it. */
export function offerText(round: { amount: number | null; remedy: string | null; service: string | null; hasApology: boolean }): string {
  return [
    round.amount !== null ? `مبلغ ${formatRiyals(round.amount, 'ar')}` : null,
    round.remedy ? `تعويض عيني: ${round.remedy}` : null,
    round.service ? `خدمة: ${round.service}` : null,
    round.hasApology ? 'اعتذار رسمي من الجمعية' : null,
  ]
    .filter(Boolean)
    .join('، ');
}

async function tellOffer(
  trx: Db,
  ctx: AppContext,
  row: CaseRow,
  round: CompensationRoundTable,
  input: { remedy: string | null; service: string | null },
) {
  await tellFamily(trx, ctx, row, 'compensation.offer', staffActor({ userId: round.offered_by } as StaffPrincipal), {
    key: `offer:${round.id}`,
    params: {
      offer: offerText({
        amount: round.offer_amount === null ? null : Number(round.offer_amount),
        remedy: input.remedy,
        service: input.service,
        hasApology: round.has_apology === 1,
      }),
    },
  });
}

export async function addRound(ctx: AppContext, principal: StaffPrincipal, id: string, body: RoundInput): Promise<CompensationDetail> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await caseForWrite(trx, ctx, principal, id);
    assertMayMove(row, 'offer');
    const hasRemedy = Boolean(body.remedy?.trim() || body.service?.trim() || body.hasApology);
    if (body.offerAmountHalalas === undefined && !hasRemedy)
      throw AppError.unprocessable('compensation.offer-empty', 'An offer carries an amount or a remedy (in kind, an apology, a service)', [
        { pointer: '/offerAmountHalalas', code: 'compensation.offer-empty', detail: 'Give an amount or a remedy' },
      ]);
    const established = row.established_amount === null ? null : Number(row.established_amount);
    // D3: a final ruling fixed the amount; the talks cover only the method and schedule.
    if (row.is_amount_fixed === 1 && body.offerAmountHalalas !== undefined && body.offerAmountHalalas !== established)
      throw AppError.conflict('compensation.amount-fixed', 'A final ruling fixed the amount; offers cannot change it');
    const previous = await trx
      .selectFrom('compensation_rounds')
      .selectAll()
      .where('case_id', '=', id)
      .orderBy('position', 'desc')
      .executeTakeFirst();
    if (previous?.answer === 'pending')
      throw AppError.conflict('compensation.round-open', 'The last offer waits for the family’s answer (or for its approval)');
    const now = ctx.clock.now();
    const roundId = uuidv7(now.getTime());
    // D4 (a fixed amount is offered exactly, so never above it).
    const needsApproval = isSecondApprovalNeeded({ established, offered: body.offerAmountHalalas ?? null });
    const settings = await getCompensationSettings(ctx, trx);
    const clock = await startClock(trx, withDb(ctx, trx), {
      ownerType: 'compensation-round',
      ownerId: roundId,
      startDay: riyadhCalendarDay(now),
      workingDays: settings.roundWorkingDays,
      warningThreshold: settings.warningWorkingDays,
      actor: staffActor(principal),
    });
    const round: CompensationRoundTable = {
      id: roundId,
      case_id: id,
      position: (previous?.position ?? 0) + 1,
      offer_amount: body.offerAmountHalalas ?? null,
      remedy: sealWith(ctx, roundAad(roundId, 'remedy'), body.remedy),
      service: sealWith(ctx, roundAad(roundId, 'service'), body.service),
      has_apology: body.hasApology ? 1 : 0,
      is_final_offer: body.isFinalOffer ? 1 : 0,
      notes: sealWith(ctx, roundAad(roundId, 'notes'), body.notes),
      next_day: body.nextDay ?? null,
      clock_id: clock.id,
      needs_approval: needsApproval ? 1 : 0,
      approved_by: null,
      approved_at: null,
      answer: 'pending',
      answer_note: null,
      answered_at: null,
      offered_by: principal.userId,
      offered_at: now.toISOString(),
    };
    await trx.insertInto('compensation_rounds').values(round).execute();
    const actor = staffActor(principal);
    if (row.status === 'established') await moveCase(trx, ctx, row, 'offer', actor);
    else await touchCase(trx, ctx, row);
    if (!needsApproval) await tellOffer(trx, ctx, row, round, { remedy: body.remedy ?? null, service: body.service ?? null });
    await auditCase(trx, ctx, actor, 'offer', id, {
      roundId,
      position: round.position,
      needsApproval,
      hasAmount: body.offerAmountHalalas !== undefined,
    });
    return presentDetail(trx, ctx, row, principal);
  });
}

/** A withdrawn, failed or closed case's unanswered offer has no deadline any more: its clock stops (cancelled). */
export async function cancelPendingRoundClocks(trx: Db, ctx: AppContext, caseId: string, principal: StaffPrincipal): Promise<void> {
  const pending = await trx
    .selectFrom('compensation_rounds')
    .select('clock_id')
    .where('case_id', '=', caseId)
    .where('answer', '=', 'pending')
    .where('clock_id', 'is not', null)
    .execute();
  const clocks = await getClocks(
    ctx,
    pending.map((round) => round.clock_id as string),
    trx,
  );
  for (const clock of clocks.values()) {
    if (['running', 'paused', 'breached'].includes(clock.state))
      await stopClock(trx, withDb(ctx, trx), clock.id, { at: ctx.clock.now(), reason: 'cancelled', actor: staffActor(principal) });
  }
}

async function loadRound(trx: Db, caseId: string, roundId: string): Promise<CompensationRoundTable> {
  const round = await trx
    .selectFrom('compensation_rounds')
    .selectAll()
    .where('id', '=', roundId)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  if (!round) throw AppError.notFound('compensation.round-not-found', 'No such negotiation round');
  return round;
}

/** D4: management's second approval of an offer above the established amount (or on a harm only described). */
export async function approveRound(ctx: AppContext, principal: StaffPrincipal, id: string, roundId: string): Promise<CompensationDetail> {
  if (!isManagement(principal)) throw AppError.forbidden('compensation.approval-management', 'Only management gives the second approval');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await caseForWrite(trx, ctx, principal, id);
    const round = await loadRound(trx, id, roundId);
    if (!isAwaitingApproval(round)) throw AppError.conflict('compensation.approval-not-needed', 'This offer needs no (further) approval');
    if (round.answer !== 'pending') throw AppError.conflict('compensation.round-answered', 'This offer has been answered');
    // A second approval is someone else's; §6 keeps the staff concerned out of it.
    if (round.offered_by === principal.userId || (await isConcernedByCase(trx, row, principal.userId)))
      throw AppError.conflict('compensation.approval-self', 'The second approval comes from someone other than who made the offer');
    const now = ctx.clock.now().toISOString();
    await trx
      .updateTable('compensation_rounds')
      .set({ approved_by: principal.userId, approved_at: now })
      .where('id', '=', roundId)
      .execute();
    await touchCase(trx, ctx, row);
    await tellOffer(trx, ctx, row, round, {
      remedy: openWith(ctx, roundAad(roundId, 'remedy'), round.remedy),
      service: openWith(ctx, roundAad(roundId, 'service'), round.service),
    });
    await auditCase(trx, ctx, staffActor(principal), 'approve-offer', id, { roundId });
    return presentDetail(trx, ctx, row, principal);
  });
}

/** The family's answer to an offer; rejecting a final offer fails the negotiation (the case waits for a ruling or closes). */
export async function answerRound(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  roundId: string,
  body: { answer: 'accepted' | 'rejected' | 'counter'; note?: string | undefined },
): Promise<CompensationDetail> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await caseForWrite(trx, ctx, principal, id);
    if (row.status !== 'negotiating') throw illegalTransition(row.status, 'answer');
    const round = await loadRound(trx, id, roundId);
    if (round.answer !== 'pending') throw AppError.conflict('compensation.round-answered', 'This offer has been answered');
    if (isAwaitingApproval(round))
      throw AppError.conflict('compensation.approval-required', 'This offer waits for management’s second approval');
    const now = ctx.clock.now();
    await trx
      .updateTable('compensation_rounds')
      .set({ answer: body.answer, answer_note: sealWith(ctx, roundAad(roundId, 'answer_note'), body.note), answered_at: now.toISOString() })
      .where('id', '=', roundId)
      .execute();
    if (round.clock_id) await stopClock(trx, withDb(ctx, trx), round.clock_id, { at: now, reason: 'done', actor: staffActor(principal) });
    const actor = staffActor(principal);
    if (body.answer === 'rejected' && round.is_final_offer === 1)
      await moveCase(trx, ctx, row, 'fail-negotiation', actor, { note: body.note ?? null });
    else await touchCase(trx, ctx, row);
    await auditCase(trx, ctx, actor, 'answer', id, { roundId, answer: body.answer }, body.note ? ['note'] : undefined);
    return presentDetail(trx, ctx, row, principal);
  });
}
