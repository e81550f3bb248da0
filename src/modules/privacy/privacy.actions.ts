import type { Kysely } from 'kysely';
import type { PrivacyRequestDetail } from '../../contracts/privacy.js';
import { toHijriString } from '../../domain/dates.js';
import { addCalendarDays, extensionRefusal, warningDay } from '../../domain/privacy-clock.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import type { PrivacyRequestTable } from '../../platform/db/schema-privacy.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { complaintWriterRecipients } from '../complaints/index.js';
import { enqueueMessage, type Recipient } from '../notifications/index.js';
import { assertOfficer, isClosed, loadVisibleRequest, type RequestRow } from './privacy.policy.js';
import { ABOUT, presentDetail } from './privacy.present.js';
import { auditRequest, today } from './privacy.requests.js';
import { requestAad, seal } from './privacy.sealing.js';
import { getPrivacySettings } from './privacy.settings.js';

/**
 * A privacy request's steps (issue 25 §2, F2): identity verified (how, by whom, when), answered or
 * refused with a lawful reason, extended once before day 30, a correction linked to the registry's
 * own edit. Each in one transaction with its audit row and, where the requester must hear of it,
 * its message through the outbox (a service message: priority transactional, purpose `service`).
 */
type Db = Kysely<Database>;

/** The Arabic words of each lawful reason, for the message to the requester (the staff app translates the code). */
export const REFUSAL_WORDS: Record<string, string> = {
  'identity-not-verified': 'تعذّر التحقق من هوية مقدّم الطلب',
  'repeated-request': 'الطلب مكرر لطلب سبقت إجابته',
  'manifestly-unfounded': 'الطلب غير مستند إلى أساس واضح أو مفرط',
  'others-data': 'إجابته تكشف بيانات أشخاص آخرين',
  'legal-obligation': 'نظام يوجب الاحتفاظ بالبيانات',
  'security-or-judicial': 'مقتضيات أمنية أو قضائية',
};

export async function recipientsOf(trx: Db, ctx: AppContext, row: RequestRow): Promise<Recipient[]> {
  if (row.requester_kind === 'complainant' && row.complaint_id) return complaintWriterRecipients(trx, ctx, row.complaint_id);
  return row.family_id ? [{ kind: 'family', familyId: row.family_id }] : [];
}

async function tellRequester(
  trx: Db,
  ctx: AppContext,
  row: RequestRow,
  event: 'privacy.request-extended' | 'privacy.request-answered' | 'privacy.request-refused',
  params: Record<string, string>,
  actorId: string,
) {
  for (const [i, recipient] of (await recipientsOf(trx, ctx, row)).entries())
    await enqueueMessage(trx, ctx, {
      event,
      recipient,
      params: { reference: row.reference, ...params },
      about: { type: ABOUT, id: row.id },
      dedupeKey: `privacy:${row.id}:${event}:${row.version}:${i}`,
      actor: { kind: 'staff', id: actorId },
    });
}

/** Loads the request for a write (404 outside scope, 403 for a reader), applies `change` and audits it. */
async function step(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  work: (
    trx: Db,
    row: RequestRow,
    now: string,
  ) => Promise<{
    changes: Partial<PrivacyRequestTable>;
    action: string;
    details?: Record<string, unknown>;
    after?: (next: RequestRow) => Promise<void>;
  }>,
): Promise<PrivacyRequestDetail> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadVisibleRequest(trx, principal, id);
    assertOfficer(principal);
    if (isClosed(row.status)) throw AppError.conflict('privacy.closed', 'This request is already answered');
    const now = ctx.clock.now().toISOString();
    const { changes, action, details, after } = await work(trx, row, now);
    const next = { ...row, ...changes, updated_at: now, version: row.version + 1 };
    await trx
      .updateTable('privacy_requests')
      .set({ ...changes, updated_at: now, version: next.version })
      .where('id', '=', row.id)
      .execute();
    await auditRequest(trx, ctx, { kind: 'staff', id: principal.userId }, action, row.id, details);
    await after?.(next);
    return presentDetail(trx, ctx, next, principal, today(ctx));
  });
}

export const verifyRequest = (
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  body: { method: string; note?: string | undefined },
) =>
  step(ctx, principal, id, async (_trx, row, now) => {
    if (row.status !== 'received') throw AppError.conflict('privacy.already-verified', 'The identity is already verified');
    return {
      action: 'request-verify',
      details: { method: body.method },
      changes: {
        status: 'verified',
        verification_method: body.method,
        verification_note: seal(ctx, requestAad(row.id, 'verification_note'), body.note),
        verified_at: now,
        verified_by: principal.userId,
      },
    };
  });

export const answerRequest = (ctx: AppContext, principal: StaffPrincipal, id: string, body: { answer: string }) =>
  step(ctx, principal, id, async (trx, row, now) => {
    // F2: nothing about a person's data is sent before the requester is known to be that person.
    if (row.status !== 'verified') throw AppError.conflict('privacy.identity-not-verified', 'Verify the requester’s identity first');
    return {
      action: 'request-answer',
      changes: {
        status: 'answered',
        answer: seal(ctx, requestAad(row.id, 'answer'), body.answer),
        answered_at: now,
        answered_by: principal.userId,
      },
      after: (next) => tellRequester(trx, ctx, next, 'privacy.request-answered', { answer: body.answer }, principal.userId),
    };
  });

export const refuseRequest = (
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  body: { reason: string; note?: string | undefined },
) =>
  step(ctx, principal, id, async (trx, row, now) => ({
    action: 'request-refuse',
    details: { reason: body.reason },
    changes: {
      status: 'refused',
      refusal_reason: body.reason,
      answer: seal(ctx, requestAad(row.id, 'answer'), body.note),
      answered_at: now,
      answered_by: principal.userId,
    },
    after: (next) =>
      tellRequester(trx, ctx, next, 'privacy.request-refused', { reason: REFUSAL_WORDS[body.reason] ?? body.reason }, principal.userId),
  }));

/** F2: one extension, asked before day 30 is over (409 after it, 409 for a second), told to the requester with its reason. */
export const extendRequest = (ctx: AppContext, principal: StaffPrincipal, id: string, body: { reason: string; days: number }) =>
  step(ctx, principal, id, async (trx, row, now) => {
    const refusal = extensionRefusal({ receivedDay: row.received_day, today: today(ctx), isExtended: row.extended_at !== null });
    if (refusal === 'privacy.extension-used') throw AppError.conflict(refusal, 'The answer period was already extended once');
    if (refusal) throw AppError.conflict(refusal, 'An extension must be decided before day 30');
    const settings = await getPrivacySettings(ctx, trx);
    const deadline = addCalendarDays(row.deadline_day, body.days);
    return {
      action: 'request-extend',
      details: { days: body.days, deadline },
      changes: {
        deadline_day: deadline,
        warn_day: warningDay(row.received_day, deadline, settings.warningDays),
        warned_at: null,
        extended_at: now,
        extended_by: principal.userId,
        extension_reason: seal(ctx, requestAad(row.id, 'extension_reason'), body.reason),
      },
      after: (next) =>
        tellRequester(
          trx,
          ctx,
          next,
          'privacy.request-extended',
          { deadline: `${toHijriString(deadline)} — ${deadline}`, reason: body.reason },
          principal.userId,
        ),
    };
  });

/** Issue 25 §4: a correction goes through the registry's own edit (re-attestation rules apply); the request records that it was followed. */
export const linkCorrection = (ctx: AppContext, principal: StaffPrincipal, id: string) =>
  step(ctx, principal, id, async (_trx, row, now) => {
    if (row.kind !== 'correction' || !row.family_id)
      throw AppError.conflict('privacy.not-correction', 'Only a family’s correction request links to its edit');
    if (row.status !== 'verified') throw AppError.conflict('privacy.identity-not-verified', 'Verify the requester’s identity first');
    return {
      action: 'request-correction-link',
      details: { familyId: row.family_id },
      changes: { correction_linked_at: now, correction_linked_by: principal.userId },
    };
  });
