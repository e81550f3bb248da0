import type { AppContext } from '../../platform/context.js';
import { recordAudit } from '../audit/index.js';
import { consentWithdrawalPathOf, PAPER_CHANNELS } from '../families/index.js';
import { enqueueMessage, readForBatch } from '../notifications/index.js';
import { tokenAad } from './surveys.campaign-sends.js';
import { questionsOf } from './surveys.store.js';

/**
 * Campaign reminders (issue 24 §3; H1): N days after a family's link went, if it has not answered,
 * the same link goes again — unsealed from the invitation, so a half-saved answer stays with it.
 * A reminder sets `reminded_at`, never `sent_at`: it does not count towards the N-day rule. Families
 * reached by call or letter are already a staff task and get none; the outbox checks consent again.
 * Like the bulk-send engine, a batch is one transaction whose reads (contacts, consents, templates)
 * are made once for all its families (issue 20 "per-batch reads").
 */
const DAY_MS = 86_400_000;
const BATCH = 200;
const EVENT = 'survey.invitation';

export async function sendCampaignReminders(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const campaigns = await ctx.db
    .selectFrom('survey_campaigns')
    .select(['id', 'reminder_days', 'starts_at'])
    .where('status', '=', 'active')
    .where('reminder_days', 'is not', null)
    .where('closes_at', '>', now.toISOString())
    .execute();
  let reminded = 0;
  for (const campaign of campaigns) {
    const cutoff = new Date(now.getTime() - (campaign.reminder_days ?? 0) * DAY_MS).toISOString();
    // No link of a campaign that started within its reminder days is old enough yet.
    if (campaign.starts_at > cutoff) continue;
    const due = await ctx.db
      .selectFrom('survey_invitations')
      .select('id')
      .where('campaign_id', '=', campaign.id)
      .where('status', '=', 'sent')
      .where('reminded_at', 'is', null)
      .where('token_sealed', 'is not', null)
      .where('sent_at', '<=', cutoff)
      .where('channel', 'not in', PAPER_CHANNELS)
      .limit(BATCH)
      .execute();
    if (!due.length) continue;
    reminded += await ctx.db.transaction().execute(async (trx) => {
      // Still unanswered and not reminded (an answer may have come meanwhile): those are claimed.
      const claimed = await trx
        .updateTable('survey_invitations')
        .set({ reminded_at: now.toISOString() })
        .where(
          'id',
          'in',
          due.map((row) => row.id),
        )
        .where('status', '=', 'sent')
        .where('reminded_at', 'is', null)
        .returning(['id', 'family_id', 'token_sealed', 'version_id', 'expires_at'])
        .execute();
      if (!claimed.length) return 0;
      const versionIds = [...new Set(claimed.map((row) => row.version_id as string))];
      const versions = await trx.selectFrom('survey_versions').select(['id', 'questions']).where('id', 'in', versionIds).execute();
      const questionCount = new Map(versions.map((version) => [version.id, String(questionsOf(version).length)]));
      const dedupeKeyOf = (invitationId: string) => `survey-reminder:${invitationId}`;
      const reads = await readForBatch(trx, ctx, {
        event: EVENT,
        familyIds: claimed.map((row) => row.family_id),
        dedupeKeys: claimed.map((row) => dedupeKeyOf(row.id)),
      });
      for (const invitation of claimed) {
        const token = ctx.keys.encryptor.decrypt(invitation.token_sealed as string, tokenAad(invitation.id));
        // Never consented to surveys: the outbox records the reminder skipped, no link needed.
        const withdrawLink = consentWithdrawalPathOf(ctx.keys, reads.consents.get(invitation.family_id), 'surveys') ?? '/consent';
        await enqueueMessage(
          trx,
          ctx,
          {
            event: EVENT,
            recipient: { kind: 'family', familyId: invitation.family_id },
            params: { link: `/s/${token}`, withdrawLink, questions: questionCount.get(invitation.version_id as string) ?? '' },
            dedupeKey: dedupeKeyOf(invitation.id),
            about: { type: 'survey-invitation', id: invitation.id },
            ...(invitation.expires_at ? { expiresAt: new Date(invitation.expires_at) } : {}),
          },
          reads,
        );
      }
      await recordAudit(trx, {
        at: now,
        actor: { kind: 'system', id: null },
        action: 'survey.remind',
        entity: 'survey_campaign',
        entityId: campaign.id,
        details: { invitationIds: claimed.map((row) => row.id) },
      });
      return claimed.length;
    });
  }
  return reminded;
}
