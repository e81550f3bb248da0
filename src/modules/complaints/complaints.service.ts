import { createHash } from 'node:crypto';
import type { Insertable } from 'kysely';
import type {
  ComplaintBody,
  ComplaintsSettings,
  formOptions as formOptionsSchema,
  InquiryBody,
  LookupResult,
  SubmissionReceipt,
} from '../../contracts/complaints.js';
import { type CaseKind, type CaseStep, publicStepOf, publicTimeline, referenceSeries } from '../../domain/complaint-steps.js';
import { riyadhCalendarDay } from '../../domain/dates.js';
import { isTold } from '../../domain/message-state.js';
import { newTrackingCode, normaliseTrackingCode } from '../../domain/tracking-code.js';
import type { AppContext } from '../../platform/context.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { nextReference } from '../../platform/db/references.js';
import type { ComplaintTable } from '../../platform/db/schema-complaints.js';
import { AppError, type FieldError } from '../../platform/http/app-error.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { startClock, stopClock } from '../calendar/index.js';
import { familyIdByNationalId } from '../families/index.js';
import { enqueueMessage, messagesAbout } from '../notifications/index.js';
import { currentPrivacyNotice, getAllSettings, privacyNoticeExists } from '../settings/index.js';
import { compensationEscalation } from './complaints.compensation.js';
import { routeNewInquiry } from './complaints.inquiries.js';
import * as repo from './complaints.repo.js';
import { idempotencyAad, open, seal } from './complaints.sealing.js';
import { getComplaintsSettings } from './complaints.settings.js';
import { freshTrackingCode, trackingPath } from './complaints.tracking.js';
import { consumeUploads } from './complaints.uploads.js';

/**
 * Complaints and inquiries from the public link (issue 6 §1–§3; E1, C1, G2). One module for both:
 * they arrive through one link (H5), share references, tracking codes, uploads and the writer's
 * details, and differ only in their handling steps (domain/complaint-steps.ts). Each submission is
 * one transaction: the record, its attachments, its first steps, its working-day clocks, the
 * acknowledgement in the outbox and the idempotency record commit together or not at all.
 */
type Language = 'ar' | 'en';
const ANONYMOUS = { kind: 'anonymous' as const, id: null };

/** How long an Idempotency-Key is remembered. */
const IDEMPOTENCY_TTL_MS = 24 * 3600_000;

export async function formOptions(ctx: AppContext): Promise<typeof formOptionsSchema._zod.output> {
  const [settings, all, notice] = await Promise.all([
    getComplaintsSettings(ctx),
    getAllSettings(ctx),
    currentPrivacyNotice(ctx.db, 'public-form'),
  ]);
  return {
    topics: settings.topics.filter((t) => t.isActive).map(({ code, kind, nameAr, nameEn }) => ({ code, kind, nameAr, nameEn })),
    domains: all.domains.filter((d) => d.isActive).map(({ code, nameAr, nameEn }) => ({ code, nameAr, nameEn })),
    // F2, issue 20 §4: the current version of the versioned public-form notice (Settings).
    privacyNoticeVersion: notice.version,
    privacyNotice: { ar: notice.textAr, en: notice.textEn },
    attachments: {
      maxCount: settings.maxAttachments,
      maxBytes: settings.maxUploadBytes,
      mediaTypes: ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'],
    },
  };
}

/** A plausible receipt for a filled honeypot (issue 6 §1): the bot learns nothing, nothing is stored. */
export function decoyReceipt(kind: CaseKind, now: Date): SubmissionReceipt {
  const serial = String(100_000 + Math.floor(Math.random() * 900_000));
  return { reference: `${referenceSeries(kind)}-${now.getUTCFullYear()}-${serial}`, trackingCode: newTrackingCode() };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Key order does not change the body's fingerprint. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

async function replay(ctx: AppContext, keyHash: string, requestHash: string): Promise<{ status: 201; body: SubmissionReceipt } | null> {
  const row = await repo.findIdempotency(ctx.db, keyHash);
  if (!row || row.expires_at < ctx.clock.now().toISOString()) return null;
  if (row.request_hash !== requestHash)
    throw AppError.unprocessable('idempotency.key-reused', 'This Idempotency-Key was already used with a different body');
  return { status: 201, body: JSON.parse(ctx.keys.encryptor.decrypt(row.response, idempotencyAad(keyHash))) };
}

export async function assertChoices(ctx: AppContext, kind: CaseKind, body: ComplaintBody | InquiryBody, settings: ComplaintsSettings) {
  const errors: FieldError[] = [];
  const topic = settings.topics.find((t) => t.code === body.topic && t.isActive);
  if (!topic) errors.push({ pointer: '/topic', code: 'settings.unknown-code', detail: 'Unknown topic' });
  else if (topic.kind !== kind) errors.push({ pointer: '/topic', code: 'complaints.topic-kind', detail: `Not a ${kind} topic` });
  if (body.domain) {
    const { domains } = await getAllSettings(ctx);
    if (!domains.some((d) => d.code === body.domain && d.isActive))
      errors.push({ pointer: '/domain', code: 'settings.unknown-code', detail: 'Unknown domain' });
  }
  // F2, issue 20 §4: a version of the public form's notice that exists (the one the visitor was shown).
  if (!(await privacyNoticeExists(ctx.db, 'public-form', body.privacyNoticeVersion)))
    errors.push({
      pointer: '/privacyNoticeVersion',
      code: 'privacyNotice.unknown-version',
      detail: 'No such version of the privacy notice',
    });
  if (body.attachments.length > settings.maxAttachments)
    errors.push({ pointer: '/attachments', code: 'attachments.too-many', detail: `At most ${settings.maxAttachments} attachments` });
  if (errors.length) throw AppError.badRequest('request.invalid', 'Some choices are not valid', errors);
}

export interface SubmitOptions {
  idempotencyKey?: string | undefined;
  language: Language;
}

/**
 * Files a complaint or inquiry from the public link (E1, C1) and answers 201 with its reference and
 * tracking code; with an Idempotency-Key, a repeat of the same body answers the same without a second record.
 */
export async function submitCase(
  ctx: AppContext,
  kind: CaseKind,
  body: ComplaintBody | InquiryBody,
  { idempotencyKey, language }: SubmitOptions,
): Promise<{ status: 201; body: SubmissionReceipt }> {
  const keyHash = idempotencyKey ? sha256(`${kind}:${idempotencyKey}`) : null;
  const requestHash = sha256(canonical(body));
  if (keyHash) {
    const previous = await replay(ctx, keyHash, requestHash);
    if (previous) return previous;
  }
  const settings = await getComplaintsSettings(ctx);
  await assertChoices(ctx, kind, body, settings);
  const isAnonymous = kind === 'complaint' && (body as ComplaintBody).anonymous;
  const familyId = body.nationalId && !isAnonymous ? await familyIdByNationalId(ctx, body.nationalId) : null;
  const now = ctx.clock.now();
  const at = now.toISOString();
  const id = uuidv7(now.getTime());
  const { indexer } = ctx.keys;

  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const fileIds = await consumeUploads(trx, body.attachments, { ownerId: id, now });
      const tracking = await freshTrackingCode(trx, ctx);
      const reference = await nextReference({ root: ctx.db, trx }, referenceSeries(kind), now.getUTCFullYear());
      const contact = isAnonymous && !body.mobile && !body.email ? null : { mobile: body.mobile ?? null, email: body.email ?? null };
      const row: Insertable<ComplaintTable> = {
        id,
        kind,
        reference,
        tracking_index: tracking.index,
        tracking_code: seal(ctx, id, 'tracking_code', tracking.code),
        channel: 'website',
        is_anonymous: isAnonymous ? 1 : 0,
        writer_name: seal(ctx, id, 'writer_name', isAnonymous ? null : body.name),
        mobile: seal(ctx, id, 'mobile', body.mobile),
        mobile_index: body.mobile ? indexer.index(body.mobile) : null,
        email: seal(ctx, id, 'email', body.email),
        national_id: seal(ctx, id, 'national_id', isAnonymous ? null : body.nationalId),
        national_id_index: body.nationalId && !isAnonymous ? indexer.index(body.nationalId) : null,
        family_id: familyId,
        topic: body.topic,
        domain: body.domain ?? null,
        description: seal(ctx, id, 'description', body.description) as string,
        remedy: seal(ctx, id, 'remedy', kind === 'complaint' ? (body as ComplaintBody).remedy : null),
        // The page shows the reference and code at once: the acknowledgement of a web submission (E1).
        step: 'acknowledged',
        response: null,
        responded_at: null,
        privacy_notice_version: body.privacyNoticeVersion,
        language,
        clock_id: null,
        acknowledge_clock_id: null,
        created_by: null,
        created_at: at,
        updated_at: at,
        version: 1,
      };
      const day = riyadhCalendarDay(now);
      const clock = await startClock(trx, ctx, {
        ownerType: kind,
        ownerId: id,
        startDay: day,
        workingDays: kind === 'complaint' ? settings.resolveWorkingDays : settings.inquiryAnswerWorkingDays,
        warningThreshold: settings.warningWorkingDays,
      });
      // Acknowledged at once: the acknowledgement clock starts and stops met, so oversight counts every channel alike.
      const ackClock = await startClock(trx, ctx, {
        ownerType: `${kind}-acknowledgement`,
        ownerId: id,
        startDay: day,
        workingDays: settings.acknowledgeWorkingDays,
        warningThreshold: null,
      });
      await stopClock(trx, ctx, ackClock.id, { at: now, reason: 'done' });
      row.clock_id = clock.id;
      row.acknowledge_clock_id = ackClock.id;
      await trx.insertInto('complaints').values(row).execute();
      await trx
        .insertInto('complaint_steps')
        .values(
          (['received', 'acknowledged'] as const).map((step) => ({
            id: uuidv7(now.getTime()),
            complaint_id: id,
            step,
            at,
            actor_kind: step === 'received' ? 'anonymous' : 'system',
            actor_id: null,
            note: null,
          })),
        )
        .execute();
      // §7: an inquiry goes at once to its contact officer (or a queue).
      if (kind === 'inquiry') await routeNewInquiry(trx, ctx, id, familyId);
      if (fileIds.length)
        await trx
          .insertInto('complaint_attachments')
          .values(fileIds.map((fileId, position) => ({ complaint_id: id, file_id: fileId, position })))
          .execute();
      if (contact) {
        const params = { reference, trackingCode: tracking.code, link: trackingPath(tracking.code) };
        const event = kind === 'complaint' ? 'complaint.received' : 'inquiry.received';
        const name = isAnonymous ? undefined : body.name;
        if (contact.mobile)
          await enqueueMessage(trx, ctx, {
            event,
            recipient: { kind: 'contact', channel: 'sms', address: contact.mobile, language, ...(name ? { name } : {}) },
            params,
            about: { type: kind, id },
            dedupeKey: `${kind}:${id}:received:sms`,
            actor: ANONYMOUS,
          });
        if (contact.email)
          await enqueueMessage(trx, ctx, {
            event,
            recipient: { kind: 'contact', channel: 'email', address: contact.email, language, ...(name ? { name } : {}) },
            params,
            about: { type: kind, id },
            dedupeKey: `${kind}:${id}:received:email`,
            actor: ANONYMOUS,
          });
      }
      const receipt: SubmissionReceipt = { reference, trackingCode: tracking.code };
      if (keyHash) {
        await trx
          .insertInto('public_idempotency')
          .values({
            key_hash: keyHash,
            request_hash: requestHash,
            status: 201,
            response: ctx.keys.encryptor.encrypt(JSON.stringify(receipt), idempotencyAad(keyHash)),
            created_at: at,
            expires_at: new Date(now.getTime() + IDEMPOTENCY_TTL_MS).toISOString(),
          })
          .execute();
      }
      await recordAudit(trx, {
        at: now,
        actor: ANONYMOUS,
        action: `${kind}.create`,
        entity: kind,
        entityId: id,
        fields: Object.entries(body)
          .filter(([k, v]) => k !== 'website' && v !== undefined && !(Array.isArray(v) && !v.length))
          .map(([k]) => k),
        details: { channel: 'website', isAnonymous, isFamilyMatched: Boolean(familyId), attachments: fileIds.length },
      });
      return { status: 201, body: receipt };
    });
  } catch (error) {
    // The same key sent twice at once: the first to commit wins and the second answers as its replay.
    if (keyHash && isUniqueViolation(error)) {
      const previous = await replay(ctx, keyHash, requestHash);
      if (previous) return previous;
    }
    throw error;
  }
}

/**
 * What the writer may see by tracking code (issue 6 §3): reference, public status, timeline and the
 * response sent to them — no personal data, no staff names, no internal notes. Unknown and malformed
 * codes answer the same 404.
 */
export async function lookupCase(ctx: AppContext, kind: CaseKind, trackingCode: string): Promise<LookupResult> {
  const code = normaliseTrackingCode(trackingCode);
  const row = code ? await repo.findByTrackingIndex(ctx.db, kind, ctx.keys.indexer.candidates(code)) : undefined;
  if (!row) throw AppError.notFound('tracking.not-found', 'No complaint or inquiry has this tracking code');
  const steps = await repo.stepsOf(ctx.db, row.id);
  await recordAudit(ctx.db, { at: ctx.clock.now(), actor: ANONYMOUS, action: `${kind}.lookup`, entity: kind, entityId: row.id });
  return {
    reference: row.reference,
    status: publicStepOf(row.step as CaseStep),
    timeline: publicTimeline(steps.map((s) => ({ step: s.step as CaseStep, at: s.at }))),
    response: open(ctx, row.id, 'response', row.response),
    messages: await writerMessages(ctx, row),
    compensationOutcome: row.compensation_link
      ? ((await ctx.hooks.provider(compensationEscalation, 'compensation').caseOf(ctx.db, row.compensation_link))?.outcome ?? null)
      : null,
  };
}

/** The acknowledgement's and the response's messages as the tracker tells them (issue 20 §5): the best state of each. */
async function writerMessages(ctx: AppContext, row: { id: string; kind: string }): Promise<LookupResult['messages']> {
  const messages = (await messagesAbout(ctx.db, { type: row.kind, ids: [row.id] })).get(row.id) ?? [];
  const out: LookupResult['messages'] = [];
  for (const about of ['acknowledgement', 'response'] as const) {
    const events = about === 'acknowledgement' ? ACKNOWLEDGEMENT_EVENTS : RESPONSE_EVENTS;
    const mine = messages.filter((m) => events.includes(m.event));
    if (!mine.length) continue;
    // Sent by one channel is enough: the writer was told.
    const best = mine.find((m) => isTold(m.state)) ?? mine.at(-1);
    if (best) out.push({ about, state: best.state, sentAt: best.sentAt });
  }
  return out;
}
const ACKNOWLEDGEMENT_EVENTS = ['complaint.received', 'inquiry.received', 'complaint.acknowledged', 'inquiry.acknowledged'];
const RESPONSE_EVENTS = ['complaint.responded', 'inquiry.answered'];
