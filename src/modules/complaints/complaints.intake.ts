import type { Insertable } from 'kysely';
import type { CaseDetail, IntakeBody } from '../../contracts/complaints.js';
import { referenceSeries } from '../../domain/complaint-steps.js';
import { riyadhCalendarDay } from '../../domain/dates.js';
import { isInScope } from '../../domain/scope.js';
import type { AppContext } from '../../platform/context.js';
import { nextReference } from '../../platform/db/references.js';
import type { ComplaintRow, ComplaintTable } from '../../platform/db/schema-complaints.js';
import { storeFile } from '../../platform/files/file-store.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { startClock } from '../calendar/index.js';
import { assertFamilyNotErased, familyContact, visibleFamily } from '../families/index.js';
import { currentPrivacyNotice } from '../settings/index.js';
import { acknowledge, recordStep, staffActor } from './complaints.handling.js';
import { notifyStaff } from './complaints.messages.js';
import { routeFor } from './complaints.officers.js';
import { presentDetail } from './complaints.present.js';
import { seal } from './complaints.sealing.js';
import { assertChoices } from './complaints.service.js';
import { getComplaintsSettings } from './complaints.settings.js';
import { freshTrackingCode } from './complaints.tracking.js';

/** Staff intake of complaints and inquiries from paper channels and e-mail (issue 6 §4, A1–A5), and volunteers' (A6). */

export interface IntakeFile {
  fileName: string;
  bytes: Buffer;
}

const isVolunteerOnly = (principal: StaffPrincipal) =>
  principal.roles.includes('volunteer') && !principal.roles.some((role) => role === 'reception' || role === 'contact-officer');

/**
 * What the channel asks of an intake (issue 27 §3), checked before anything is written:
 * - A5: a case received by e-mail comes with the e-mail attached (printed to PDF, or an image of it);
 * - A6: a volunteer files on a family's behalf — on the channel `volunteer`, for a family they may
 *   see by the families' own rule (those they registered, in their scope; F2: otherwise 404 as if
 *   there were none), never anonymously.
 */
async function assertChannel(ctx: AppContext, principal: StaffPrincipal, body: IntakeBody, fileCount: number): Promise<void> {
  if (body.channel === 'email' && fileCount === 0)
    throw AppError.badRequest('request.invalid', 'A case received by e-mail comes with the e-mail attached', [
      { pointer: '/file', code: 'case.email-not-attached', detail: 'Attach the e-mail (PDF or image)' },
    ]);
  if (!isVolunteerOnly(principal)) return;
  if (body.channel !== 'volunteer')
    throw AppError.badRequest('request.invalid', 'A volunteer records cases on the channel "volunteer"', [
      { pointer: '/channel', code: 'case.channel-not-allowed', detail: 'volunteer only' },
    ]);
  if (!body.familyId)
    throw AppError.badRequest('request.invalid', 'A volunteer files on a family’s behalf', [
      { pointer: '/familyId', code: 'case.family-required', detail: 'Name the family' },
    ]);
  if (!(await visibleFamily(ctx, principal, body.familyId)))
    throw new AppError(404, 'family.not-found', 'No such family', [
      { pointer: '/familyId', code: 'family.not-found', detail: 'No family you may see has this id' },
    ]);
}

/**
 * Registers a complaint or inquiry that came by fax, letter, phone or in person: the same reference
 * series, tracking code and clocks as the public link, the scans through the file store, the family
 * linked when the staff member may see it. With a family, the acknowledgement goes at once on its
 * agreed channel; otherwise the case waits at `received` for a staff acknowledgement. Inquiries are
 * routed at once (§7).
 */
export async function intakeCase(
  ctx: AppContext,
  principal: StaffPrincipal,
  body: IntakeBody,
  files: IntakeFile[],
): Promise<{ case: CaseDetail; trackingCode: string }> {
  const settings = await getComplaintsSettings(ctx);
  await assertChannel(ctx, principal, body, files.length);
  const { version: privacyNoticeVersion } = await currentPrivacyNotice(ctx.db, 'public-form'); // issue 20 §4
  await assertChoices(ctx, body.kind, { ...body, attachments: [], privacyNoticeVersion } as never, settings);
  if (files.length > settings.maxAttachments)
    throw AppError.badRequest('request.invalid', 'Too many files', [
      { pointer: '/file', code: 'attachments.too-many', detail: `At most ${settings.maxAttachments} files` },
    ]);
  const actor = staffActor(principal);
  const now = ctx.clock.now();
  const at = now.toISOString();
  const id = uuidv7(now.getTime());
  const { indexer } = ctx.keys;
  const isAnonymous = body.kind === 'complaint' && body.anonymous;

  const result = await ctx.db.transaction().execute(async (trx) => {
    let familyCategory: string | null = null;
    if (body.familyId) {
      const contact = await familyContact(ctx, body.familyId, trx);
      // F2, issue 21: a family outside the writer's scope answers 404 exactly like an unknown one
      // (the case would otherwise be linked to, and shown beside, a family they may not see).
      if (!contact || !isInScope(principal.scope, contact.scope))
        throw new AppError(404, 'family.not-found', 'No such family', [
          { pointer: '/familyId', code: 'family.not-found', detail: 'No family you may see has this id' },
        ]);
      await assertFamilyNotErased(ctx, body.familyId, trx); // issue 25 §5 (F2): nothing new filed for an erased family
      familyCategory = contact.scope.category;
    }
    const tracking = await freshTrackingCode(trx, ctx);
    const reference = await nextReference({ root: ctx.db, trx }, referenceSeries(body.kind), now.getUTCFullYear());
    const row: Insertable<ComplaintTable> = {
      id,
      kind: body.kind,
      reference,
      tracking_index: tracking.index,
      tracking_code: seal(ctx, id, 'tracking_code', tracking.code),
      channel: body.channel,
      is_anonymous: isAnonymous ? 1 : 0,
      writer_name: seal(ctx, id, 'writer_name', body.name),
      mobile: seal(ctx, id, 'mobile', body.mobile),
      mobile_index: body.mobile ? indexer.index(body.mobile) : null,
      email: seal(ctx, id, 'email', body.email),
      national_id: null,
      national_id_index: null,
      reply_address: seal(ctx, id, 'reply_address', body.postalAddress),
      family_id: body.familyId ?? null,
      topic: body.topic,
      domain: body.domain ?? null,
      description: seal(ctx, id, 'description', body.description) as string,
      remedy: seal(ctx, id, 'remedy', body.remedy),
      step: 'received',
      response: null,
      responded_at: null,
      privacy_notice_version: null,
      language: body.language,
      clock_id: null,
      acknowledge_clock_id: null,
      created_by: principal.userId,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    const day = riyadhCalendarDay(now);
    const clock = await startClock(trx, ctx, {
      ownerType: body.kind,
      ownerId: id,
      startDay: day,
      workingDays: body.kind === 'complaint' ? settings.resolveWorkingDays : settings.inquiryAnswerWorkingDays,
      warningThreshold: settings.warningWorkingDays,
      actor,
    });
    const ackClock = await startClock(trx, ctx, {
      ownerType: `${body.kind}-acknowledgement`,
      ownerId: id,
      startDay: day,
      workingDays: settings.acknowledgeWorkingDays,
      warningThreshold: null,
      actor,
    });
    row.clock_id = clock.id;
    row.acknowledge_clock_id = ackClock.id;
    if (body.kind === 'inquiry') {
      const route = await routeFor(trx, ctx, { category: familyCategory, domain: body.domain ?? null, topic: body.topic });
      row.officer_id = route.officerId;
      row.queue = route.queue;
      row.route_rule = route.isBackup ? `${route.rule}:backup` : route.rule;
    }
    await trx.insertInto('complaints').values(row).execute();
    await recordStep(trx, ctx, id, 'received', actor);
    for (const [position, file] of files.entries()) {
      const stored = await storeFile(trx, ctx.keys, {
        ownerType: 'complaint',
        ownerId: id,
        fileName: file.fileName,
        bytes: file.bytes,
        createdBy: principal.userId,
        now,
        maxBytes: settings.maxUploadBytes,
      });
      await trx.insertInto('complaint_attachments').values({ complaint_id: id, file_id: stored.id, position }).execute();
    }
    let current = (await trx.selectFrom('complaints').selectAll().where('id', '=', id).executeTakeFirstOrThrow()) as ComplaintRow;
    if (current.family_id) current = await acknowledge(trx, ctx, current, 'family', actor);
    await recordAudit(trx, {
      at: now,
      actor,
      action: `${body.kind}.create`,
      entity: body.kind,
      entityId: id,
      fields: Object.entries(body)
        .filter(([, v]) => v !== undefined)
        .map(([k]) => k),
      details: { channel: body.channel, isAnonymous, hasFamily: Boolean(body.familyId), attachments: files.length },
    });
    if (current.officer_id && current.step === 'routed') await notifyStaff(trx, ctx, current.officer_id, current, actor);
    return { case: await presentDetail(ctx, trx, current, principal), trackingCode: tracking.code };
  });
  return result;
}
