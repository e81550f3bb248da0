import type { Kysely } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import type { FamilyContact } from '../families/index.js';
import type { BulkPayloadProvider, FamilyOutcome, FamilyPayload } from '../notifications/index.js';
import { cooldownCutoff } from './surveys.campaign-audience.js';
import { newToken, tokenHash } from './surveys.invitations.js';
import { questionsOf } from './surveys.store.js';

/**
 * What a campaign gives the bulk-send engine for each family (issue 24 §3; H1, F2): one invitation
 * and its survey link. A family invited within the N-day rule (by a trigger or another campaign) is
 * not asked; a family refusing the `surveys` purpose is skipped by the outbox and recorded so. The
 * token is kept sealed (`token_sealed`) so a reminder re-sends the same link; only `sent_at` counts
 * towards the N-day rule.
 */
type Db = Kysely<Database>;
const SYSTEM = { kind: 'system' as const, id: null };

/** Binds a sealed token to its invitation row and column (platform/personal-data.ts). */
export const tokenAad = (invitationId: string) => `survey_invitations:${invitationId}:token_sealed`;

interface Asked {
  invitationId: string;
  token: string;
}

export const campaignPayloads: BulkPayloadProvider = {
  async prepare(trx, ctx, send, families, contacts) {
    const payloads = new Map<string, FamilyPayload>();
    const asked = new Map<string, Asked>();
    const ids = families.map((family) => family.id);
    const notAskedAll = (reason: string) => {
      for (const id of ids) payloads.set(id, { notAsked: reason });
    };
    const campaign = await trx.selectFrom('survey_campaigns').selectAll().where('bulk_send_id', '=', send.id).executeTakeFirst();
    const now = ctx.clock.now();
    const version = campaign
      ? await trx
          .selectFrom('survey_questionnaires as q')
          .innerJoin('survey_versions as v', (join) =>
            join.onRef('v.questionnaire_id', '=', 'q.id').onRef('v.version', '=', 'q.current_version'),
          )
          .select(['v.id', 'v.questions', 'q.is_active'])
          .where('q.id', '=', campaign.questionnaire_id)
          .executeTakeFirst()
      : undefined;
    if (campaign?.status !== 'active') notAskedAll('survey.campaign-cancelled');
    else if (now.getTime() >= new Date(campaign.closes_at).getTime()) notAskedAll('survey.campaign-closed');
    else if (version?.is_active !== 1) notAskedAll('survey.questionnaire-inactive');
    else {
      const cutoff = await cooldownCutoff(trx, now);
      // Issue 24 §2: once per N days across triggers and campaigns (a reminder never sets `sent_at`).
      const recent = await trx
        .selectFrom('survey_invitations')
        .select('family_id')
        .where('family_id', 'in', ids)
        .where('sent_at', '>', cutoff)
        .execute();
      const already = await trx
        .selectFrom('survey_invitations')
        .select('family_id')
        .where('campaign_id', '=', campaign.id)
        .where('family_id', 'in', ids)
        .execute();
      const isRecent = new Set(recent.map((row) => row.family_id));
      const isAlready = new Set(already.map((row) => row.family_id));
      const questions = String(questionsOf(version).length);
      for (const id of ids) {
        if (isAlready.has(id)) payloads.set(id, { notAsked: 'survey.already-invited' });
        else if (isRecent.has(id)) payloads.set(id, { notAsked: 'survey.cooldown' });
        else {
          const token = newToken();
          asked.set(id, { invitationId: uuidv7(now.getTime()), token });
          payloads.set(id, { params: { link: `/s/${token}`, questions }, expiresAt: new Date(campaign.closes_at) });
        }
      }
    }
    return {
      payloads,
      settle: async (outcomes) => {
        if (!campaign) return;
        await recordInvitations(
          trx,
          ctx,
          {
            campaignId: campaign.id,
            questionnaireId: campaign.questionnaire_id,
            versionId: version?.id ?? null,
            closesAt: campaign.closes_at,
          },
          { payloads, asked, outcomes, contacts },
        );
      },
    };
  },
};

async function recordInvitations(
  trx: Db,
  ctx: AppContext,
  campaign: { campaignId: string; questionnaireId: string; versionId: string | null; closesAt: string },
  {
    payloads,
    asked,
    outcomes,
    contacts,
  }: {
    payloads: Map<string, FamilyPayload>;
    asked: Map<string, Asked>;
    outcomes: Map<string, FamilyOutcome>;
    /** The batch's contacts, read once by the engine (issue 20 "per-batch reads"). */
    contacts: ReadonlyMap<string, FamilyContact>;
  },
): Promise<void> {
  const now = ctx.clock.now().toISOString();
  const rows = [...payloads.entries()].map(([familyId, payload]) => {
    const family = contacts.get(familyId);
    const outcome = outcomes.get(familyId);
    const token = asked.get(familyId);
    const isSent = token && outcome && outcome.status !== 'skipped' && outcome.status !== 'failed';
    const id = token?.invitationId ?? uuidv7();
    return {
      id,
      questionnaire_id: campaign.questionnaireId,
      version_id: isSent ? campaign.versionId : null,
      family_id: familyId,
      case_kind: 'campaign',
      case_id: null,
      campaign_id: campaign.campaignId,
      status: isSent ? 'sent' : 'skipped',
      skip_reason: isSent ? null : 'notAsked' in payload ? payload.notAsked : (outcome?.reason ?? 'message.skipped'),
      token_hash: isSent ? tokenHash(ctx.keys, token.token) : null,
      token_sealed: isSent ? ctx.keys.encryptor.encrypt(token.token, tokenAad(id)) : null,
      draft: null,
      due_at: now,
      sent_at: isSent ? now : null,
      expires_at: isSent ? campaign.closesAt : null,
      answered_at: null,
      reminded_at: null,
      office: family?.scope.office ?? null,
      category: family?.scope.category ?? null,
      domain: family?.scope.domains[0] ?? null,
      // The channel the invitation went by: a phone-call or letter channel makes it a staff task.
      channel: outcome?.channel ?? family?.agreedChannel ?? null,
      request_type: null,
      created_at: now,
    };
  });
  if (!rows.length) return;
  await trx
    .insertInto('survey_invitations')
    .values(rows)
    .onConflict((oc) => oc.columns(['campaign_id', 'family_id']).doNothing())
    .execute();
  await recordAudit(trx, {
    at: ctx.clock.now(),
    actor: SYSTEM,
    action: 'survey.invite',
    entity: 'survey_campaign',
    entityId: campaign.campaignId,
    details: {
      invitationIds: rows.filter((row) => row.status === 'sent').map((row) => row.id),
      notAsked: rows.filter((row) => row.status === 'skipped').length,
    },
  });
}
