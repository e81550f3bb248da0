import type { AppContext } from '../../platform/context.js';
import { recordAudit } from '../audit/index.js';
import { consentWithdrawalPath, PAPER_CHANNELS } from '../families/index.js';
import { enqueueMessage } from '../notifications/index.js';
import { tokenAad } from './surveys.campaign-sends.js';
import { questionsOf } from './surveys.store.js';

/**
 * Campaign reminders (issue 24 §3; H1): N days after a family's link went, if it has not answered,
 * the same link goes again — unsealed from the invitation, so a half-saved answer stays with it.
 * A reminder sets `reminded_at`, never `sent_at`: it does not count towards the N-day rule. Families
 * reached by call or letter are already a staff task and get none; the outbox checks consent again.
 */
const DAY_MS = 86_400_000;
const BATCH = 200;

export async function sendCampaignReminders(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const campaigns = await ctx.db
    .selectFrom('survey_campaigns')
    .select(['id', 'reminder_days'])
    .where('status', '=', 'active')
    .where('reminder_days', 'is not', null)
    .where('closes_at', '>', now.toISOString())
    .execute();
  let reminded = 0;
  for (const campaign of campaigns) {
    const cutoff = new Date(now.getTime() - (campaign.reminder_days ?? 0) * DAY_MS).toISOString();
    const due = await ctx.db
      .selectFrom('survey_invitations')
      .select(['id', 'family_id', 'token_sealed', 'version_id', 'expires_at'])
      .where('campaign_id', '=', campaign.id)
      .where('status', '=', 'sent')
      .where('reminded_at', 'is', null)
      .where('token_sealed', 'is not', null)
      .where('sent_at', '<=', cutoff)
      .where('channel', 'not in', PAPER_CHANNELS)
      .limit(BATCH)
      .execute();
    for (const invitation of due) {
      await ctx.db.transaction().execute(async (trx) => {
        // Still unanswered and not reminded (another instance or an answer may have come meanwhile).
        const claimed = await trx
          .updateTable('survey_invitations')
          .set({ reminded_at: now.toISOString() })
          .where('id', '=', invitation.id)
          .where('status', '=', 'sent')
          .where('reminded_at', 'is', null)
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) return;
        const token = ctx.keys.encryptor.decrypt(invitation.token_sealed as string, tokenAad(invitation.id));
        const version = await trx
          .selectFrom('survey_versions')
          .select('questions')
          .where('id', '=', invitation.version_id as string)
          .executeTakeFirstOrThrow();
        const withdrawLink = await consentWithdrawalPath({ db: trx, keys: ctx.keys }, invitation.family_id, 'surveys').catch(
          () => '/consent',
        );
        await enqueueMessage(trx, ctx, {
          event: 'survey.invitation',
          recipient: { kind: 'family', familyId: invitation.family_id },
          params: { link: `/s/${token}`, withdrawLink, questions: String(questionsOf(version).length) },
          dedupeKey: `survey-reminder:${invitation.id}`,
          about: { type: 'survey-invitation', id: invitation.id },
          ...(invitation.expires_at ? { expiresAt: new Date(invitation.expires_at) } : {}),
        });
        await recordAudit(trx, {
          at: now,
          actor: { kind: 'system', id: null },
          action: 'survey.remind',
          entity: 'survey_invitation',
          entityId: invitation.id,
          details: { familyId: invitation.family_id, campaignId: campaign.id },
        });
        reminded += 1;
      });
    }
  }
  return reminded;
}
