import type { Kysely } from 'kysely';
import type { CaseDetail, InquiryStepBody } from '../../contracts/complaints.js';
import { type InquiryStep, inquiryMove } from '../../domain/complaint-steps.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import type { ComplaintRow } from '../../platform/db/schema-complaints.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { familyContact } from '../families/index.js';
import { enqueueMessage } from '../notifications/index.js';
import { stopMainClock } from './complaints.clocks.js';
import { type Actor, acknowledge, audit, commitStep, illegal, recordStep, reload, staffActor } from './complaints.handling.js';
import { notifyStaff, writerRecipients } from './complaints.messages.js';
import { hasRole, routeFor } from './complaints.officers.js';
import { assertCanHandleInquiry, canBeGivenTo, loadVisible } from './complaints.policy.js';
import { presentDetail } from './complaints.present.js';
import { seal } from './complaints.sealing.js';
import { getComplaintsSettings } from './complaints.settings.js';

/**
 * Inquiries (issue 6 §7; G2): routed at once to a contact officer or a queue, from the public link as
 * from intake; then acknowledged, re-routed or taken from a queue, answered (with an approved template
 * or not) and closed.
 */
type Db = Kysely<Database>;

/**
 * Routes an inquiry from the public link in its submission's transaction (§7): acknowledged at once,
 * so it goes straight to `routed` and the officer is told.
 */
export async function routeNewInquiry(trx: Db, ctx: AppContext, id: string, familyId: string | null): Promise<void> {
  const row = (await trx.selectFrom('complaints').selectAll().where('id', '=', id).executeTakeFirstOrThrow()) as ComplaintRow;
  const category = familyId ? ((await familyContact(ctx, familyId, trx))?.scope.category ?? null) : null;
  const routed = await routeFor(trx, ctx, { category, domain: row.domain, topic: row.topic });
  // F2: an officer whose scope does not hold the family could not open it; it waits in the general queue.
  const isOpenable = !routed.officerId || (await canBeGivenTo(ctx, trx, row, routed.officerId));
  const route = isOpenable ? routed : { ...routed, officerId: null, queue: 'general' as const, rule: 'general' as const, isBackup: false };
  const system: Actor = { kind: 'system', id: null };
  await trx
    .updateTable('complaints')
    .set({
      officer_id: route.officerId,
      queue: route.queue,
      route_rule: isOpenable ? (route.isBackup ? `${route.rule}:backup` : route.rule) : 'general:out-of-scope',
      step: 'routed',
    })
    .where('id', '=', id)
    .execute();
  await recordStep(trx, ctx, id, 'routed', system);
  if (route.officerId) await notifyStaff(trx, ctx, route.officerId, { ...row, step: 'routed' }, system);
}

/** One step of an inquiry; illegal moves: 409 `inquiry.illegal-transition`. */
export async function inquiryStep(ctx: AppContext, principal: StaffPrincipal, id: string, body: InquiryStepBody): Promise<CaseDetail> {
  const actor = staffActor(principal);
  const settings = body.action === 'answer' ? await getComplaintsSettings(ctx) : null;
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadVisible(trx, principal, 'inquiry', id);
    assertCanHandleInquiry(principal, row, body.action);
    const isMine = row.officer_id === principal.userId;
    const from = row.step as InquiryStep;
    const move = inquiryMove(from, body.action);
    if (!move.isAllowed)
      throw illegal('inquiry', from, body.action, body.action === 'answer' ? 'answered' : body.action === 'close' ? 'closed' : 'routed');
    if (body.action === 'acknowledge') {
      const next = await acknowledge(trx, ctx, row, body.via, actor, body.note);
      await audit(trx, ctx, actor, row, 'acknowledge', { via: body.via });
      return presentDetail(ctx, trx, (await reload(trx, next.id)) as ComplaintRow, principal);
    }
    // Handled by its officer; one in a queue is first taken (routed to oneself).
    if (body.action !== 'route' && !isMine)
      throw AppError.conflict('inquiry.not-yours', 'Take this inquiry from the queue first (route it to yourself)');
    const now = ctx.clock.now();
    const at = now.toISOString();
    const changes: Partial<ComplaintRow> = {};
    let notify: string | null = null;
    if (body.action === 'route') {
      if (!isMine && row.officer_id !== null) throw AppError.conflict('inquiry.not-yours', 'Only its contact officer re-routes an inquiry');
      if (!(await hasRole(trx, body.officerId, 'contact-officer')))
        throw AppError.unprocessable('inquiry.not-contact-officer', 'Not an active contact officer', [
          { pointer: '/officerId', code: 'officers.not-contact-officer', detail: 'Not an active contact officer' },
        ]);
      if (!(await canBeGivenTo(ctx, trx, row, body.officerId)))
        throw AppError.unprocessable('inquiry.officer-out-of-scope', 'The officer could not open this inquiry', [
          { pointer: '/officerId', code: 'inquiry.officer-out-of-scope', detail: 'The family is outside this officer’s scope' },
        ]);
      changes.officer_id = body.officerId;
      changes.queue = 'officer';
      changes.route_rule = body.officerId === principal.userId && row.officer_id === null ? 'claimed' : 'rerouted';
      if (body.officerId !== principal.userId) notify = body.officerId;
    }
    if (body.action === 'answer') {
      if (body.templateCode && !settings?.answerTemplates.some((t) => t.code === body.templateCode && t.isActive))
        throw AppError.badRequest('request.invalid', 'Unknown answer template', [
          { pointer: '/templateCode', code: 'settings.unknown-code', detail: 'Not an approved answer template' },
        ]);
      for (const recipient of await writerRecipients(trx, ctx, row))
        await enqueueMessage(trx, ctx, {
          event: 'inquiry.answered',
          recipient,
          language: row.language === 'en' ? 'en' : 'ar',
          params: { reference: row.reference, answer: body.answer },
          about: { type: 'inquiry', id },
          dedupeKey: `inquiry:${id}:answered:${recipient.kind === 'contact' ? recipient.channel : 'family'}`,
          actor,
        });
      changes.response = seal(ctx, id, 'response', body.answer);
      changes.responded_at = at;
      changes.answered_by = principal.userId;
      changes.answer_template = body.templateCode ?? null;
      changes.sla_state = await stopMainClock(trx, ctx, row, actor);
    }
    if (body.action === 'close') changes.closed_at = at;
    const next = await commitStep(trx, ctx, { row, changes, from, to: move.to, action: body.action, actor, note: body.note, notify, at });
    await audit(trx, ctx, actor, row, body.action, {
      from,
      to: move.to,
      ...(body.action === 'route' ? { officerId: body.officerId } : {}),
      ...(body.action === 'answer' ? { templateCode: body.templateCode ?? null } : {}),
    });
    return presentDetail(ctx, trx, next, principal);
  });
}

/** Approved answer templates (G2) for contact officers. */
export async function answerTemplates(ctx: AppContext) {
  const settings = await getComplaintsSettings(ctx);
  return settings.answerTemplates.filter((t) => t.isActive).map(({ isActive: _a, ...t }) => t);
}
