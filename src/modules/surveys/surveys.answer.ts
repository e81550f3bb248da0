import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type AnswerIssue, type Answers, cleanAnswers, isNegative, type SurveyQuestion, scoresOf } from '../../domain/survey.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import type { SurveyInvitationTable, SurveyVersionTable } from '../../platform/db/schema-surveys.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { officerForFamily } from '../complaints/index.js';
import { familySummaries } from '../families/index.js';
import { enqueueMessage } from '../notifications/index.js';
import { isTokenShaped, tokenHashes } from './surveys.invitations.js';
import { questionsOf, readSettings } from './surveys.store.js';

/**
 * Answering a survey by its link (issue 24 §4; H1): partial saves until Submit, then one response.
 * Unknown, expired, answered and malformed tokens are the same "no longer valid" to the caller (no
 * oracle). Answers and comments are encrypted; an anonymous questionnaire's response keeps no link to
 * the family, the case or the invitation.
 */
type Db = Kysely<Database>;
const ANONYMOUS = { kind: 'anonymous' as const, id: null };

export const draftAad = (invitationId: string) => `survey_invitations:${invitationId}:draft`;
export const responseAad = (responseId: string, column: 'answers' | 'comment') => `survey_responses:${responseId}:${column}`;

export interface OpenSurvey {
  invitation: SurveyInvitationTable;
  version: SurveyVersionTable;
  questions: SurveyQuestion[];
  isAnonymous: boolean;
  draft: Answers;
}

/** The invitation a token opens, or null for anything not open now. */
export async function openSurvey(ctx: AppContext, token: string, db: Db = ctx.db): Promise<OpenSurvey | null> {
  if (!isTokenShaped(token)) return null;
  const invitation = await db
    .selectFrom('survey_invitations')
    .selectAll()
    .where('token_hash', 'in', tokenHashes(ctx.keys, token))
    .where('status', '=', 'sent')
    .where('expires_at', '>', ctx.clock.now().toISOString())
    .executeTakeFirst();
  if (!invitation?.version_id) return null;
  const version = await db.selectFrom('survey_versions').selectAll().where('id', '=', invitation.version_id).executeTakeFirstOrThrow();
  const questionnaire = await db
    .selectFrom('survey_questionnaires')
    .select('is_anonymous')
    .where('id', '=', invitation.questionnaire_id)
    .executeTakeFirstOrThrow();
  const draft = invitation.draft ? (JSON.parse(ctx.keys.encryptor.decrypt(invitation.draft, draftAad(invitation.id))) as Answers) : {};
  return { invitation, version, questions: questionsOf(version), isAnonymous: questionnaire.is_anonymous === 1, draft };
}

export type AnswerOutcome =
  | { state: 'invalid' }
  | { state: 'saved'; survey: OpenSurvey; answers: Answers }
  | { state: 'issues'; survey: OpenSurvey; answers: Answers; issues: AnswerIssue[] }
  | { state: 'submitted' };

/**
 * Saves the answers given so far, or submits them (`isFinal`). A save keeps what is valid and says
 * what is not; a submit with issues saves nothing new and says what is missing or wrong. The answers
 * are read once the version's questions are known (a form's fields take their meaning from them).
 */
export async function answerSurvey(
  ctx: AppContext,
  token: string,
  readAnswers: (questions: readonly SurveyQuestion[]) => Answers,
  { isFinal }: { isFinal: boolean },
): Promise<AnswerOutcome> {
  return ctx.db.transaction().execute(async (trx): Promise<AnswerOutcome> => {
    const survey = await openSurvey(ctx, token, trx);
    if (!survey) return { state: 'invalid' };
    const given = readAnswers(survey.questions);
    const merged = { ...survey.draft, ...given };
    const { answers, issues } = cleanAnswers(survey.questions, isFinal ? given : merged, { isFinal });
    const { invitation } = survey;
    if (issues.length && isFinal) return { state: 'issues', survey, answers: merged, issues };
    if (!isFinal) {
      await trx
        .updateTable('survey_invitations')
        .set({ draft: ctx.keys.encryptor.encrypt(JSON.stringify(answers), draftAad(invitation.id)) })
        .where('id', '=', invitation.id)
        .execute();
      const kept = { ...survey, draft: answers };
      return issues.length ? { state: 'issues', survey: kept, answers: merged, issues } : { state: 'saved', survey: kept, answers };
    }
    await submit(trx, ctx, survey, answers);
    return { state: 'submitted' };
  });
}

async function submit(trx: Db, ctx: AppContext, survey: OpenSurvey, answers: Answers): Promise<void> {
  const { invitation, isAnonymous } = survey;
  const now = ctx.clock.now();
  const closed = await trx
    .updateTable('survey_invitations')
    .set({ status: 'answered', draft: null, answered_at: isAnonymous ? now.toISOString().slice(0, 10) : now.toISOString() })
    .where('id', '=', invitation.id)
    .where('status', '=', 'sent')
    .executeTakeFirst();
  if (Number(closed.numUpdatedRows) !== 1) return;
  const scores = scoresOf(survey.questions, answers);
  const settings = await readSettings(trx);
  const negative = isNegative(scores, { csatAtMost: settings.csatNegativeMax, npsAtMost: settings.npsNegativeMax });
  // An anonymous response's id holds no time (uuidv7 would carry the moment it was given).
  const id = isAnonymous ? randomUUID() : uuidv7(now.getTime());
  await trx
    .insertInto('survey_responses')
    .values({
      id,
      source: 'survey',
      // H1 (issue 24 §4): an anonymous response names no family, case or invitation.
      invitation_id: isAnonymous ? null : invitation.id,
      questionnaire_id: invitation.questionnaire_id,
      version_id: survey.version.id,
      family_id: isAnonymous ? null : invitation.family_id,
      case_kind: invitation.case_kind,
      case_id: isAnonymous ? null : invitation.case_id,
      csat: scores.csat,
      nps: scores.nps,
      is_negative: negative ? 1 : 0,
      answers: ctx.keys.encryptor.encrypt(JSON.stringify(answers), responseAad(id, 'answers')),
      comment: scores.comment === null ? null : ctx.keys.encryptor.encrypt(scores.comment, responseAad(id, 'comment')),
      submitted_at: isAnonymous ? `${now.toISOString().slice(0, 10)}T00:00:00.000Z` : now.toISOString(),
      month: now.toISOString().slice(0, 7),
      office: invitation.office,
      category: invitation.category,
      domain: invitation.domain,
      channel: invitation.channel,
      request_type: invitation.request_type,
    })
    .execute();
  await recordAudit(trx, {
    at: now,
    actor: ANONYMOUS,
    action: 'survey.answer',
    entity: 'survey_response',
    entityId: id,
    details: isAnonymous ? { anonymous: true } : { invitationId: invitation.id, familyId: invitation.family_id },
  });
  // Issue 24 §5: a negative answer is followed up by the contact officer the register routes the family to; anonymous ones cannot be.
  if (negative && !isAnonymous) {
    const officerId = await officerForFamily(trx, ctx, { category: invitation.category, domain: invitation.domain });
    if (!officerId) return;
    const family = (await familySummaries(trx, [invitation.family_id])).get(invitation.family_id);
    await enqueueMessage(trx, ctx, {
      event: 'survey.follow-up',
      recipient: { kind: 'staff', staffId: officerId },
      params: {
        reference: family?.reference ?? '',
        caseReference: family?.reference ?? '',
        score: [scores.csat !== null ? `CSAT ${scores.csat}/5` : null, scores.nps !== null ? `NPS ${scores.nps}/10` : null]
          .filter(Boolean)
          .join(' · '),
      },
      about: { type: 'survey-response', id },
      dedupeKey: `survey-response:${id}:follow-up`,
    });
  }
}
