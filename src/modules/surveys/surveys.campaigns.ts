import { sql } from 'kysely';
import type { BulkAudience } from '../../contracts/notifications.js';
import type { Campaign, CampaignList, CreateCampaignBody } from '../../contracts/survey-campaigns.js';
import type { StaffScope } from '../../domain/scope.js';
import type { AppContext } from '../../platform/context.js';
import type { SurveyCampaignTable } from '../../platform/db/schema-surveys.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { isScopeWithin } from '../../platform/http/write-scope.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { PAPER_CHANNELS } from '../families/index.js';
import {
  type OwnedBulkProgress,
  ownedBulkProgress,
  scopedAudience,
  startOwnedBulkSend,
  stopOwnedBulkSend,
} from '../notifications/index.js';
import { drawSample, previewCampaign } from './surveys.campaign-audience.js';
import { campaignStatus, canCancelCampaign } from './surveys.campaign-policy.js';

/**
 * Periodic survey campaigns (issue 24 §3; H1): management picks a questionnaire, an audience through
 * the bulk-send engine (its filters and count, an optional random sample), a start, a reminder after
 * N days and a close date. The engine works through the families and this area supplies each one's
 * survey link (surveys.campaign-sends.ts). A campaign to nobody is refused (422 `survey.campaign-empty`).
 */
const EMPTY_COUNTS = { total: 0, processed: 0, queued: 0, skippedConsent: 0, skippedNoChannel: 0, skippedPaper: 0, paper: 0 };

/** The last instant of `day` in Asia/Riyadh (UTC+3, no daylight saving): the links end then, and it reads as that day. */
const endOfRiyadhDay = (day: string) => new Date(`${day}T20:59:59.999Z`);

const isVisible = (principal: StaffPrincipal, row: SurveyCampaignTable) =>
  isScopeWithin(principal.scope, JSON.parse(row.scope) as StaffScope);

async function progressOf(ctx: AppContext, ids: readonly string[]) {
  const rows = ids.length
    ? await ctx.db
        .selectFrom('survey_invitations')
        .select([
          'campaign_id',
          'status',
          'skip_reason',
          'channel',
          sql<number>`count(*)`.as('n'),
          sql<number>`count(reminded_at)`.as('reminded'),
        ])
        .where('campaign_id', 'in', ids)
        .groupBy(['campaign_id', 'status', 'skip_reason', 'channel'])
        .execute()
    : [];
  const progress = new Map<string, Omit<Campaign['progress'], 'send'>>();
  for (const id of ids) progress.set(id, { invited: 0, byStaff: 0, answered: 0, reminded: 0, notAsked: {} });
  for (const row of rows) {
    const entry = progress.get(row.campaign_id as string);
    if (!entry) continue;
    const n = Number(row.n);
    entry.reminded += Number(row.reminded);
    if (row.status === 'skipped') {
      const reason = row.skip_reason ?? 'unknown';
      entry.notAsked[reason] = (entry.notAsked[reason] ?? 0) + n;
      continue;
    }
    entry.invited += n;
    if (row.status === 'answered') entry.answered += n;
    if (row.channel && PAPER_CHANNELS.includes(row.channel)) entry.byStaff += n;
  }
  return progress;
}

async function presentAll(ctx: AppContext, principal: StaffPrincipal, rows: SurveyCampaignTable[]): Promise<Campaign[]> {
  const ids = rows.map((row) => row.id);
  const [sends, progress, versions] = await Promise.all([
    ownedBulkProgress(
      ctx.db,
      rows.map((row) => row.bulk_send_id).filter((x): x is string => x !== null),
    ),
    progressOf(ctx, ids),
    rows.length
      ? ctx.db
          .selectFrom('survey_questionnaires as q')
          .innerJoin('survey_versions as v', (join) =>
            join.onRef('v.questionnaire_id', '=', 'q.id').onRef('v.version', '=', 'q.current_version'),
          )
          .select(['q.id', 'v.title_ar', 'v.title_en'])
          .where('q.id', 'in', [...new Set(rows.map((row) => row.questionnaire_id))])
          .execute()
      : Promise.resolve([]),
  ]);
  const titles = new Map(versions.map((v) => [v.id, v]));
  const now = ctx.clock.now();
  return rows.map((row) => {
    const send: OwnedBulkProgress | undefined = row.bulk_send_id ? sends.get(row.bulk_send_id) : undefined;
    const status = campaignStatus(row, send?.status ?? 'finished', now);
    return {
      id: row.id,
      name: row.name,
      questionnaireId: row.questionnaire_id,
      questionnaireTitleAr: titles.get(row.questionnaire_id)?.title_ar ?? '',
      questionnaireTitleEn: titles.get(row.questionnaire_id)?.title_en ?? '',
      audience: JSON.parse(row.audience) as BulkAudience,
      sampleSize: row.sample_size,
      includePaper: row.include_paper === 1,
      status,
      startsAt: row.starts_at,
      reminderDays: row.reminder_days,
      closesAt: row.closes_at,
      cancelledAt: row.cancelled_at,
      createdBy: row.created_by,
      createdAt: row.created_at,
      progress: {
        send: send?.counts ?? EMPTY_COUNTS,
        ...(progress.get(row.id) ?? { invited: 0, byStaff: 0, answered: 0, reminded: 0, notAsked: {} }),
      },
      abilities: { cancel: canCancelCampaign(principal, status) },
    };
  });
}

async function load(ctx: AppContext, principal: StaffPrincipal, id: string): Promise<SurveyCampaignTable> {
  const row = await ctx.db.selectFrom('survey_campaigns').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !isVisible(principal, row)) throw AppError.notFound('survey.campaign-not-found', 'No such campaign');
  return row;
}

export async function getCampaign(ctx: AppContext, principal: StaffPrincipal, id: string): Promise<Campaign> {
  const [campaign] = await presentAll(ctx, principal, [await load(ctx, principal, id)]);
  return campaign as Campaign;
}

/** The campaigns the caller may see, newest first (a page may hold fewer than `limit` when some are outside their scope). */
export async function listCampaigns(
  ctx: AppContext,
  principal: StaffPrincipal,
  query: { cursor?: string | undefined; limit: number },
): Promise<CampaignList> {
  let select = ctx.db.selectFrom('survey_campaigns').selectAll();
  if (query.cursor) select = select.where('id', '<', query.cursor);
  const rows = await select
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  return {
    items: await presentAll(
      ctx,
      principal,
      page.filter((row) => isVisible(principal, row)),
    ),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

async function assertQuestionnaire(ctx: AppContext, id: string): Promise<void> {
  const questionnaire = await ctx.db.selectFrom('survey_questionnaires').select('is_active').where('id', '=', id).executeTakeFirst();
  if (questionnaire?.is_active !== 1)
    throw AppError.unprocessable('survey.questionnaire-inactive', 'Choose an active questionnaire', [
      { pointer: '/questionnaireId', code: 'survey.questionnaire-inactive', detail: 'No active questionnaire with this id' },
    ]);
}

/**
 * Records a campaign and its send (the same idempotency key answers the campaign already made). The
 * sample is drawn now, so the count shown is the families asked; without one, every family of the
 * audience is worked through and those the rules exclude are counted as not asked.
 */
export async function createCampaign(ctx: AppContext, principal: StaffPrincipal, body: CreateCampaignBody): Promise<Campaign> {
  const existing = await ctx.db
    .selectFrom('survey_campaigns')
    .selectAll()
    .where('idempotency_key', '=', body.idempotencyKey)
    .executeTakeFirst();
  if (existing) return getCampaign(ctx, principal, existing.id);
  await assertQuestionnaire(ctx, body.questionnaireId);
  const now = ctx.clock.now();
  const startsAt = body.startsAt ? new Date(body.startsAt) : now;
  const closesAt = endOfRiyadhDay(body.closesOn);
  if (Number.isNaN(closesAt.getTime()) || closesAt.getTime() <= Math.max(startsAt.getTime(), now.getTime()))
    throw AppError.unprocessable('survey.campaign-closes-too-soon', 'The close date must come after the start', [
      { pointer: '/closesOn', code: 'survey.campaign-closes-too-soon', detail: 'Pick a later close date' },
    ]);
  const scoped = scopedAudience(principal, body.audience);
  const preview = await previewCampaign(ctx, principal, { audience: body.audience, includePaper: body.includePaper });
  const sample = body.sampleSize ? await drawSample(ctx, scoped, { size: body.sampleSize, includePaper: body.includePaper }) : null;
  const asked = sample ? sample.length : preview.eligible;
  // Issue 24 "bad input": a campaign to zero families.
  if (asked === 0)
    throw AppError.unprocessable('survey.campaign-empty', 'No family in this audience would be asked', [
      {
        pointer: '/audience',
        code: 'survey.campaign-empty',
        detail: `${preview.total} families, ${preview.paper} on paper, ${preview.recentlyInvited} invited recently`,
      },
    ]);
  const id = uuidv7(now.getTime());
  await ctx.db.transaction().execute(async (trx) => {
    const row: SurveyCampaignTable = {
      id,
      idempotency_key: body.idempotencyKey,
      name: body.name,
      questionnaire_id: body.questionnaireId,
      audience: JSON.stringify(body.audience),
      scope: JSON.stringify(principal.scope),
      sample_size: body.sampleSize ?? null,
      include_paper: body.includePaper ? 1 : 0,
      starts_at: new Date(Math.max(startsAt.getTime(), now.getTime())).toISOString(),
      reminder_days: body.reminderDays ?? null,
      closes_at: closesAt.toISOString(),
      bulk_send_id: null,
      status: 'active',
      cancelled_at: null,
      cancelled_by: null,
      created_by: principal.userId,
      created_at: now.toISOString(),
    };
    await trx.insertInto('survey_campaigns').values(row).execute();
    for (let i = 0; sample && i < sample.length; i += 500)
      await trx
        .insertInto('survey_campaign_sample')
        .values(sample.slice(i, i + 500).map((familyId) => ({ campaign_id: id, family_id: familyId })))
        .execute();
    const sendId = await startOwnedBulkSend(
      trx,
      ctx,
      {
        idempotencyKey: id,
        name: body.name,
        event: 'survey.invitation',
        // The engine adds the creator's scope; a sampled campaign's families are its sample's.
        audience: sample ? { ...body.audience, surveyCampaign: id } : { ...body.audience },
        scope: principal.scope,
        includePaper: body.includePaper,
        scheduledAt: startsAt,
        createdBy: principal.userId,
      },
      sample ? sample.length : preview.total,
    );
    await trx.updateTable('survey_campaigns').set({ bulk_send_id: sendId }).where('id', '=', id).execute();
    await recordAudit(trx, {
      at: now,
      actor: { kind: 'staff', id: principal.userId },
      action: 'survey-campaign.create',
      entity: 'survey_campaign',
      entityId: id,
      details: { audience: body.audience, sampleSize: body.sampleSize ?? null, asked, includePaper: body.includePaper },
    });
  });
  return getCampaign(ctx, principal, id);
}

/**
 * Stops a campaign: the engine works through no more families and withdraws the messages not yet
 * handed to a transport — those families count as not asked (and not towards the N-day rule); no
 * reminder goes. Links already sent keep working until the close date. Cancelled or closed: 409.
 */
export async function cancelCampaign(ctx: AppContext, principal: StaffPrincipal, id: string): Promise<Campaign> {
  const current = await getCampaign(ctx, principal, id);
  if (!current.abilities.cancel) throw AppError.conflict('survey.campaign-not-cancellable', `The campaign is ${current.status}`);
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('survey_campaigns')
      .set({ status: 'cancelled', cancelled_at: now, cancelled_by: principal.userId })
      .where('id', '=', id)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw AppError.conflict('survey.campaign-not-cancellable', 'The campaign is cancelled');
    const row = await trx.selectFrom('survey_campaigns').select('bulk_send_id').where('id', '=', id).executeTakeFirstOrThrow();
    const stopped = row.bulk_send_id ? await stopOwnedBulkSend(trx, ctx, row.bulk_send_id, principal.userId) : null;
    const withdrawn = stopped?.withdrawn ?? [];
    for (let i = 0; i < withdrawn.length; i += 500)
      await trx
        .updateTable('survey_invitations')
        .set({ status: 'skipped', skip_reason: 'survey.campaign-cancelled', sent_at: null, token_hash: null, token_sealed: null })
        .where('campaign_id', '=', id)
        .where('status', '=', 'sent')
        .where('family_id', 'in', withdrawn.slice(i, i + 500))
        .execute();
    await recordAudit(trx, {
      at: ctx.clock.now(),
      actor: { kind: 'staff', id: principal.userId },
      action: 'survey-campaign.cancel',
      entity: 'survey_campaign',
      entityId: id,
      details: { withdrawn: withdrawn.length },
    });
  });
  return getCampaign(ctx, principal, id);
}
