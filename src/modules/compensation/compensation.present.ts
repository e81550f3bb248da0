import type { CompensationDetail, CompensationSummary } from '../../contracts/compensation.js';
import {
  type CompensationStatus,
  compensationActionsFrom,
  daysBetween,
  type OfferAnswer,
  type PaymentMethod,
} from '../../domain/compensation-status.js';
import type { AppContext } from '../../platform/context.js';
import { sha256Hex } from '../../platform/crypto/digest.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { isSubjectAttested } from '../attestations/index.js';
import { getClocks } from '../calendar/index.js';
import { committeesForPurpose } from '../committees/index.js';
import { complaintReference } from '../complaints/index.js';
import { familySummaries } from '../families/index.js';
import { messagesAbout } from '../notifications/index.js';
import { staffNames } from '../staff/index.js';
import type { Db } from './compensation.core.js';
import { type CaseRow, caseAbilities, roundAbilities, withDb } from './compensation.policy.js';
import { caseAad, openWith, paymentAad, roundAad, rulingAad, settlementAad, stepAad } from './compensation.sealing.js';
import { SETTLEMENT_KIND, settlementCanonical } from './compensation.settlement-data.js';

/**
 * What leaves the server about a case (issue 23): presenters decide, so internal columns never leak.
 * The linked complaint's reference and the settlement's attestation are asked of those areas' public files.
 */

export async function presentSummaries(db: Db, ctx: AppContext, rows: readonly CaseRow[]): Promise<CompensationSummary[]> {
  const families = await familySummaries(
    db,
    rows.map((r) => r.family_id),
  );
  const now = ctx.clock.now().toISOString();
  return rows.map((row) => {
    const family = families.get(row.family_id);
    return {
      id: row.id,
      reference: row.reference,
      family: { id: row.family_id, reference: family?.reference ?? '', name: family?.name ?? '' },
      status: row.status as CompensationStatus,
      origin: row.origin as CompensationSummary['origin'],
      amountAskedHalalas: row.amount_asked === null ? null : Number(row.amount_asked),
      establishedAmountHalalas: row.established_amount === null ? null : Number(row.established_amount),
      openedAt: row.opened_at,
      updatedAt: row.updated_at,
      ageDays: daysBetween(row.opened_at, row.closed_at ?? now),
    };
  });
}

export async function presentDetail(db: Db, ctx: AppContext, row: CaseRow, principal: StaffPrincipal): Promise<CompensationDetail> {
  const [summary] = await presentSummaries(db, ctx, [row]);
  const [steps, rulings, rounds, settlement, payments, concerned, committee, complaint, messages] = await Promise.all([
    db.selectFrom('compensation_steps').selectAll().where('case_id', '=', row.id).orderBy('at').orderBy('id').execute(),
    db.selectFrom('compensation_rulings').selectAll().where('case_id', '=', row.id).orderBy('recorded_at').execute(),
    db.selectFrom('compensation_rounds').selectAll().where('case_id', '=', row.id).orderBy('position').execute(),
    db.selectFrom('compensation_settlements').selectAll().where('case_id', '=', row.id).executeTakeFirst(),
    db.selectFrom('compensation_payments').selectAll().where('case_id', '=', row.id).orderBy('recorded_at').orderBy('id').execute(),
    db.selectFrom('compensation_concerned_staff').select('staff_id').where('case_id', '=', row.id).execute(),
    row.committee_id
      ? committeesForPurpose(withDb(ctx, db), 'investigation').then((all) => all.find((c) => c.id === row.committee_id))
      : undefined,
    row.complaint_id ? complaintReference(db, row.complaint_id) : null,
    messagesAbout(db, { type: 'compensation-case', ids: [row.id] }),
  ]);
  const clockOf = await getClocks(
    ctx,
    rounds.flatMap((r) => (r.clock_id ? [r.clock_id] : [])),
    db,
  );
  const names = await staffNames(db, [
    ...steps.map((s) => s.actor_id),
    ...rulings.map((r) => r.recorded_by),
    ...rounds.flatMap((r) => [r.offered_by, r.approved_by]),
    ...payments.map((p) => p.recorded_by),
    ...concerned.map((c) => c.staff_id),
  ]);
  const ref = (id: string | null) => (id ? { id, name: names.get(id) ?? '' } : null);
  const paid = payments.reduce((sum, p) => sum + Number(p.amount), 0);
  // The terms' hash decrypts every term: taken once, for the attestation check and the page.
  const settlementSha256 = settlement ? sha256Hex(settlementCanonical(row, settlement, ctx)) : null;
  const attested = settlementSha256 ? await isSettlementAttested(db, row.id, settlementSha256) : false;
  return {
    ...(summary as CompensationSummary),
    complaint: complaint ? { id: complaint.id, reference: complaint.reference } : null,
    originReason: openWith(ctx, caseAad(row.id, 'origin_reason'), row.origin_reason),
    claim: openWith(ctx, caseAad(row.id, 'claim'), row.claim) ?? '',
    claimFileId: row.claim_file_id,
    committee: committee ?? null,
    concernedStaff: concerned.map((c) => ({ id: c.staff_id, name: names.get(c.staff_id) ?? '' })),
    establishment:
      row.basis && row.established_at
        ? {
            basis: row.basis as 'minutes' | 'ruling',
            minutesId: row.minutes_id,
            meetingId: row.meeting_id,
            rulingId: row.ruling_id,
            harm: openWith(ctx, caseAad(row.id, 'harm'), row.harm),
            size: openWith(ctx, caseAad(row.id, 'harm_size'), row.harm_size),
            causes: openWith(ctx, caseAad(row.id, 'causes'), row.causes),
            amountHalalas: row.established_amount === null ? null : Number(row.established_amount),
            isAmountFixed: row.is_amount_fixed === 1,
            at: row.established_at,
          }
        : null,
    outcomeReasons: openWith(ctx, caseAad(row.id, 'outcome_reasons'), row.outcome_reasons),
    rulings: rulings.map((r) => ({
      id: r.id,
      authority: r.authority,
      rulingNumber: r.ruling_number,
      rulingDay: r.ruling_day,
      isFinal: r.is_final === 1,
      amountHalalas: r.amount === null ? null : Number(r.amount),
      summary: openWith(ctx, rulingAad(r.id), r.summary),
      fileId: r.file_id,
      recordedBy: ref(r.recorded_by),
      recordedAt: r.recorded_at,
    })),
    rounds: rounds.map((r) => {
      const clock = r.clock_id ? clockOf.get(r.clock_id) : undefined;
      return {
        id: r.id,
        position: r.position,
        offerAmountHalalas: r.offer_amount === null ? null : Number(r.offer_amount),
        remedy: openWith(ctx, roundAad(r.id, 'remedy'), r.remedy),
        service: openWith(ctx, roundAad(r.id, 'service'), r.service),
        hasApology: r.has_apology === 1,
        isFinalOffer: r.is_final_offer === 1,
        notes: openWith(ctx, roundAad(r.id, 'notes'), r.notes),
        nextDay: r.next_day,
        deadline: clock ? { day: clock.deadline, state: clock.state } : null,
        needsApproval: r.needs_approval === 1,
        approvedBy: ref(r.approved_by),
        approvedAt: r.approved_at,
        answer: r.answer as OfferAnswer,
        answerNote: openWith(ctx, roundAad(r.id, 'answer_note'), r.answer_note),
        answeredAt: r.answered_at,
        offeredBy: ref(r.offered_by),
        offeredAt: r.offered_at,
        abilities: roundAbilities(principal, row.status, r),
      };
    }),
    settlement:
      settlement && settlementSha256
        ? {
            amountHalalas: Number(settlement.amount),
            remedy: openWith(ctx, settlementAad(row.id, 'remedy'), settlement.remedy),
            service: openWith(ctx, settlementAad(row.id, 'service'), settlement.service),
            hasApology: settlement.has_apology === 1,
            schedule: openWith(ctx, settlementAad(row.id, 'schedule'), settlement.schedule) ?? '',
            version: settlement.version,
            updatedAt: settlement.updated_at,
            dataSha256: settlementSha256,
            isAttested: attested,
          }
        : null,
    payments: payments.map((p) => ({
      id: p.id,
      amountHalalas: Number(p.amount),
      method: p.method as PaymentMethod,
      paidDay: p.paid_day,
      reference: openWith(ctx, paymentAad(p.id), p.payment_reference),
      fileId: p.file_id,
      recordedBy: ref(p.recorded_by),
      recordedAt: p.recorded_at,
    })),
    paidHalalas: paid,
    steps: steps.map((s) => ({
      action: s.action,
      status: s.status as CompensationStatus,
      by: ref(s.actor_id),
      at: s.at,
      note: openWith(ctx, stepAad(s.id), s.note),
    })),
    messages: messages.get(row.id) ?? [],
    actions: compensationActionsFrom(row.status as CompensationStatus),
    abilities: caseAbilities(principal, row.status, { rounds, hasSettlement: Boolean(settlement), isSettlementAttested: attested }),
    settledAt: row.settled_at,
    closedAt: row.closed_at,
  };
}

/** C4 for the settlement: a live attestation binds the terms' hash now. */
export function isSettlementAttested(db: Db, caseId: string, dataSha256: string): Promise<boolean> {
  return isSubjectAttested(db, SETTLEMENT_KIND, caseId, dataSha256);
}
