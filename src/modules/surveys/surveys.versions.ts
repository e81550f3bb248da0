import type { QuestionnaireVersions } from '../../contracts/survey-answers.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/http/app-error.js';
import { questionsOf } from './surveys.store.js';

/**
 * A questionnaire's versions, newest first, each with how many responses it has (issue 24 §1; H1): the
 * builder shows which versions are answered and so frozen (docs/decisions/012-surveys.md).
 */
export async function listVersions(ctx: AppContext, questionnaireId: string): Promise<QuestionnaireVersions> {
  const exists = await ctx.db.selectFrom('survey_questionnaires').select('id').where('id', '=', questionnaireId).executeTakeFirst();
  if (!exists) throw AppError.notFound('survey.not-found', 'No such questionnaire');
  const rows = await ctx.db
    .selectFrom('survey_versions as v')
    .leftJoin('survey_responses as r', 'r.version_id', 'v.id')
    .selectAll('v')
    .select((eb) => eb.fn.count<number>('r.id').as('responses'))
    .where('v.questionnaire_id', '=', questionnaireId)
    .groupBy(['v.id', 'v.questionnaire_id', 'v.version', 'v.title_ar', 'v.title_en', 'v.questions', 'v.created_by', 'v.created_at'])
    .orderBy('v.version', 'desc')
    .execute();
  return {
    items: rows.map((v) => ({
      id: v.id,
      questionnaireId: v.questionnaire_id,
      version: v.version,
      titleAr: v.title_ar,
      titleEn: v.title_en,
      questions: questionsOf(v),
      createdAt: v.created_at,
      responses: Number(v.responses),
    })),
  };
}
