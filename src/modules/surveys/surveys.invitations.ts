import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { COMPLAINT_SATISFACTION_CSAT, isCoolingDown, isNegative, type SurveyCaseKind } from '../../domain/survey.js';
import type { AppContext } from '../../platform/context.js';
import type { Keys } from '../../platform/crypto/keys.js';
import type { Database } from '../../platform/db/schema.js';
import type { ComplaintRow } from '../../platform/db/schema-complaints.js';
import type { RequestTable } from '../../platform/db/schema-requests.js';
import type { SurveyInvitationTable } from '../../platform/db/schema-surveys.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { consentAllows, consentWithdrawalPath, familyContact } from '../families/index.js';
import { enqueueMessage } from '../notifications/index.js';
import { questionsOf, readSettings } from './surveys.store.js';

/**
 * Invitations (issue 24 §2; H1, C1, F2): a closed request, complaint or inquiry schedules one
 * invitation per case, sent after the trigger's delay by the surveys job — unless the family
 * withdrew the `surveys` purpose, was invited in the last N days (default 30, across triggers and
 * campaigns), or (complaints) staff already recorded its satisfaction, which then counts as the answer.
 */
type Db = Kysely<Database>;
const SYSTEM = { kind: 'system' as const, id: null };
const DAY_MS = 86_400_000;
const BATCH = 100;

/** 128 random bits in base64url (22 characters); only its keyed hash is stored. */
export function newToken(): string {
  return randomBytes(16).toString('base64url');
}
const tokenInput = (token: string) => `survey-token:${token}`;
export const tokenHash = (keys: Keys, token: string) => keys.indexer.index(tokenInput(token));
/** Every hash a token may have been stored under (links made before a key rotation keep working). */
export const tokenHashes = (keys: Keys, token: string) => keys.indexer.candidates(tokenInput(token));
export const isTokenShaped = (token: string) => /^[A-Za-z0-9_-]{22}$/.test(token);

interface CaseClosed {
  kind: SurveyCaseKind;
  caseId: string;
  familyId: string;
  /** The request type or the topic the trigger's on/off list names. */
  code: string;
  channel: string;
  requestType: string | null;
  domain: string | null;
  at: Date;
}

async function schedule(trx: Db, ctx: AppContext, closed: CaseClosed): Promise<void> {
  const settings = await readSettings(trx);
  const trigger = settings.triggers[closed.kind];
  if (!trigger.isEnabled || !trigger.questionnaireId || trigger.offCodes.includes(closed.code)) return;
  const taken = await trx
    .selectFrom('survey_invitations')
    .select('id')
    .where('case_kind', '=', closed.kind)
    .where('case_id', '=', closed.caseId)
    .executeTakeFirst();
  if (taken) return;
  const family = await familyContact(ctx, closed.familyId, trx);
  if (!family) return;
  const now = ctx.clock.now().toISOString();
  await trx
    .insertInto('survey_invitations')
    .values({
      id: uuidv7(),
      questionnaire_id: trigger.questionnaireId,
      version_id: null,
      family_id: closed.familyId,
      case_kind: closed.kind,
      case_id: closed.caseId,
      status: 'scheduled',
      skip_reason: null,
      token_hash: null,
      draft: null,
      due_at: new Date(closed.at.getTime() + trigger.delayDays * DAY_MS).toISOString(),
      sent_at: null,
      expires_at: null,
      answered_at: null,
      office: family.scope.office,
      category: family.scope.category,
      domain: closed.domain ?? family.scope.domains[0] ?? null,
      channel: closed.channel,
      request_type: closed.requestType,
      created_at: now,
    })
    .execute();
}

/** H1: a request closed (requests' `requestClosed` event, in its transaction). */
export async function onRequestClosed(ctx: AppContext, { trx, request }: { trx: Db; request: RequestTable }): Promise<void> {
  await schedule(trx, ctx, {
    kind: 'request',
    caseId: request.id,
    familyId: request.family_id,
    code: request.type_code,
    channel: request.channel,
    requestType: request.type_code,
    domain: null,
    at: ctx.clock.now(),
  });
}

/**
 * H1, E1 (issue 24 §2, §6): a complaint or inquiry of a registered family closed, or staff recorded
 * the complainant's satisfaction — which is then its response, and no invitation goes (or a
 * scheduled one is dropped).
 */
export async function onCaseStepped(ctx: AppContext, { trx, action, row }: { trx: Db; action: string; row: ComplaintRow }): Promise<void> {
  if (!row.family_id) return;
  const kind = row.kind as SurveyCaseKind;
  if (action === 'record-satisfaction') {
    const csat = row.satisfaction ? (COMPLAINT_SATISFACTION_CSAT[row.satisfaction] ?? null) : null;
    await trx
      .updateTable('survey_invitations')
      .set({ status: 'skipped', skip_reason: 'survey.satisfaction-recorded' })
      .where('case_kind', '=', kind)
      .where('case_id', '=', row.id)
      .where('status', '=', 'scheduled')
      .execute();
    await trx
      .deleteFrom('survey_responses')
      .where('case_kind', '=', kind)
      .where('case_id', '=', row.id)
      .where('source', '=', 'complaint-step')
      .execute();
    if (csat === null) return;
    const family = await familyContact(ctx, row.family_id, trx);
    const now = ctx.clock.now();
    const settings = await readSettings(trx);
    await trx
      .insertInto('survey_responses')
      .values({
        id: uuidv7(),
        source: 'complaint-step',
        invitation_id: null,
        questionnaire_id: null,
        version_id: null,
        family_id: row.family_id,
        case_kind: kind,
        case_id: row.id,
        csat,
        nps: null,
        // Staff recorded it themselves while following up: no follow-up task is opened for it.
        is_negative: isNegative({ csat, nps: null }, { csatAtMost: settings.csatNegativeMax, npsAtMost: settings.npsNegativeMax }) ? 1 : 0,
        answers: null,
        comment: null,
        submitted_at: now.toISOString(),
        month: now.toISOString().slice(0, 7),
        office: family?.scope.office ?? null,
        category: family?.scope.category ?? null,
        domain: row.domain ?? family?.scope.domains[0] ?? null,
        channel: row.channel,
        request_type: null,
      })
      .execute();
    return;
  }
  const recorded = await trx
    .selectFrom('survey_responses')
    .select('id')
    .where('case_kind', '=', kind)
    .where('case_id', '=', row.id)
    .executeTakeFirst();
  if (recorded) return;
  await schedule(trx, ctx, {
    kind,
    caseId: row.id,
    familyId: row.family_id,
    code: row.topic,
    channel: row.channel,
    requestType: null,
    domain: row.domain,
    at: ctx.clock.now(),
  });
}

async function skip(trx: Db, id: string, reason: string): Promise<'skipped'> {
  await trx.updateTable('survey_invitations').set({ status: 'skipped', skip_reason: reason }).where('id', '=', id).execute();
  return 'skipped';
}

/** Whether the family was sent any survey invitation in the last `cooldownDays` (reminders are not invitations). */
async function lastInvitedAt(trx: Db, familyId: string): Promise<Date | null> {
  const row = await trx
    .selectFrom('survey_invitations')
    .select('sent_at')
    .where('family_id', '=', familyId)
    .where('sent_at', 'is not', null)
    .orderBy('sent_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.sent_at ? new Date(row.sent_at) : null;
}

async function sendOne(ctx: AppContext, invitation: SurveyInvitationTable): Promise<'sent' | 'skipped' | 'gone'> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('survey_invitations')
      .selectAll()
      .where('id', '=', invitation.id)
      .where('status', '=', 'scheduled')
      .executeTakeFirst();
    if (!row) return 'gone';
    const now = ctx.clock.now();
    const settings = await readSettings(trx);
    const questionnaire = await trx
      .selectFrom('survey_questionnaires')
      .selectAll()
      .where('id', '=', row.questionnaire_id)
      .executeTakeFirst();
    if (questionnaire?.is_active !== 1) return skip(trx, row.id, 'survey.questionnaire-inactive');
    const family = await familyContact(ctx, row.family_id, trx);
    if (!family) return skip(trx, row.id, 'family.not-found');
    // F2: a family that withdrew the `surveys` purpose is never asked.
    const consent = await consentAllows(trx, row.family_id, { purpose: 'surveys', channel: family.agreedChannel });
    if (!consent.allowed) return skip(trx, row.id, consent.reason);
    if (isCoolingDown(await lastInvitedAt(trx, row.family_id), now, settings.cooldownDays)) return skip(trx, row.id, 'survey.cooldown');
    const version = await trx
      .selectFrom('survey_versions')
      .selectAll()
      .where('questionnaire_id', '=', questionnaire.id)
      .where('version', '=', questionnaire.current_version)
      .executeTakeFirstOrThrow();
    const withdrawLink = await consentWithdrawalPath({ db: trx, keys: ctx.keys }, row.family_id, 'surveys').catch(() => null);
    if (!withdrawLink) return skip(trx, row.id, 'consent.not-given');
    const token = newToken();
    const expiresAt = new Date(now.getTime() + settings.expiryDays * DAY_MS);
    const [message] = await enqueueMessage(trx, ctx, {
      event: 'survey.invitation',
      recipient: { kind: 'family', familyId: row.family_id },
      params: { link: `/s/${token}`, withdrawLink, questions: String(questionsOf(version).length) },
      dedupeKey: `survey:${row.id}`,
      about: { type: 'survey-invitation', id: row.id },
      expiresAt,
    });
    if (!message || message.status === 'skipped') return skip(trx, row.id, message?.reason ?? 'message.skipped');
    await trx
      .updateTable('survey_invitations')
      .set({
        status: 'sent',
        version_id: version.id,
        token_hash: tokenHash(ctx.keys, token),
        sent_at: now.toISOString(),
        expires_at: expiresAt.toISOString(),
      })
      .where('id', '=', row.id)
      .execute();
    await recordAudit(trx, {
      at: now,
      actor: SYSTEM,
      action: 'survey.invite',
      entity: 'survey_invitation',
      entityId: row.id,
      details: { familyId: row.family_id },
    });
    return 'sent';
  });
}

/** The surveys job (issue 24 §2): sends the invitations now due, oldest first, one transaction each. */
export async function sendDueInvitations(ctx: AppContext): Promise<{ sent: number; skipped: number }> {
  const due = await ctx.db
    .selectFrom('survey_invitations')
    .selectAll()
    .where('status', '=', 'scheduled')
    .where('due_at', '<=', ctx.clock.now().toISOString())
    .orderBy('due_at')
    .limit(BATCH)
    .execute();
  let sent = 0;
  let skipped = 0;
  for (const invitation of due) {
    const outcome = await sendOne(ctx, invitation);
    if (outcome === 'sent') sent += 1;
    if (outcome === 'skipped') skipped += 1;
  }
  // Links past their expiry are closed, so the results count them as not answered.
  await ctx.db
    .updateTable('survey_invitations')
    .set({ status: 'expired', draft: null })
    .where('status', '=', 'sent')
    .where('expires_at', '<=', ctx.clock.now().toISOString())
    .execute();
  return { sent, skipped };
}
