import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { BulkAudience } from '../../contracts/notifications.js';
import type { CampaignPreview } from '../../contracts/survey-campaigns.js';
import { cooldownStart } from '../../domain/survey.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import {
  type AudienceNarrower,
  audiencePage,
  consentDecision,
  consentStates,
  countAudience,
  type FamilyAudience,
  PAPER_CHANNELS,
} from '../families/index.js';
import { previewAudience, scopedAudience } from '../notifications/index.js';
import { readSettings } from './surveys.store.js';

/**
 * A campaign's audience (issue 24 §3; H1, F2): the bulk-send engine's filters within the creator's
 * scope, narrowed by the surveys area's own tables — families invited within the N-day rule (across
 * triggers and campaigns; reminders do not count, only `sent_at`) and a campaign's drawn sample.
 */
const PAGE = 500;

/** The filters the surveys area adds to the registry's audience query (registered in its `wire`). */
export const surveysAudience: AudienceNarrower = {
  narrow(query, audience) {
    let narrowed = query;
    const since = audience.surveyInvitedSince;
    if (typeof since === 'string')
      narrowed = narrowed.where('families.id', 'in', (eb) =>
        eb.selectFrom('survey_invitations').select('family_id').where('sent_at', '>', since),
      );
    const notSince = audience.surveyNotInvitedSince;
    if (typeof notSince === 'string')
      narrowed = narrowed.where('families.id', 'not in', (eb) =>
        eb.selectFrom('survey_invitations').select('family_id').where('sent_at', '>', notSince),
      );
    const campaignId = audience.surveyCampaign;
    if (typeof campaignId === 'string')
      narrowed = narrowed.where('families.id', 'in', (eb) =>
        eb.selectFrom('survey_campaign_sample').select('family_id').where('campaign_id', '=', campaignId),
      );
    return narrowed;
  },
};

/** The start of the N-day window now (domain/survey.ts), read through `db` (a batch's transaction). */
export async function cooldownCutoff(db: Kysely<Database>, now: Date): Promise<string> {
  const { cooldownDays } = await readSettings(db);
  return cooldownStart(now, cooldownDays).toISOString();
}

/** The engine's count, and who of it would be asked now (paper only when ticked; not invited within N days). */
export async function previewCampaign(
  ctx: AppContext,
  principal: StaffPrincipal,
  { audience, includePaper }: { audience: BulkAudience; includePaper: boolean },
): Promise<CampaignPreview> {
  const count = await previewAudience(ctx, principal, audience);
  const recent = await countAudience(ctx, {
    ...scopedAudience(principal, audience),
    surveyInvitedSince: await cooldownCutoff(ctx.db, ctx.clock.now()),
  });
  const reachable = includePaper ? count.total : count.total - count.paper;
  const recentlyInvited = includePaper ? recent.total : recent.total - recent.paper;
  return { ...count, recentlyInvited, eligible: reachable - recentlyInvited };
}

/**
 * Draws `size` families at random (reservoir sampling, one page of the audience at a time) from those
 * who would be asked: reachable, not invited within N days and not refusing the `surveys` purpose —
 * so a sample of 200 asks 200 families. Returns fewer when fewer qualify.
 */
export async function drawSample(
  ctx: AppContext,
  audience: FamilyAudience,
  { size, includePaper }: { size: number; includePaper: boolean },
): Promise<string[]> {
  const pool = { ...audience, surveyNotInvitedSince: await cooldownCutoff(ctx.db, ctx.clock.now()) };
  const sample: string[] = [];
  let seen = 0;
  let after: string | null = null;
  for (;;) {
    const page = await audiencePage(ctx, ctx.db, pool, after, PAGE);
    if (!page.length) break;
    after = page.at(-1)?.id ?? null;
    const reachable = page.filter((family) => includePaper || !PAPER_CHANNELS.includes(family.agreedChannel));
    const states = await consentStates(
      ctx.db,
      reachable.map((family) => family.id),
    );
    for (const family of reachable) {
      // F2: a family that refused surveys is never drawn (the outbox would skip it anyway).
      if (!consentDecision(states.get(family.id), { purpose: 'surveys', channel: family.agreedChannel }).allowed) continue;
      seen += 1;
      if (sample.length < size) sample.push(family.id);
      else {
        const slot = randomInt(seen);
        if (slot < size) sample[slot] = family.id;
      }
    }
  }
  return sample;
}
