import { z } from 'zod';
import { answersExportBody, answersQuery, questionnaireVersions, surveyAnswers } from '../../contracts/survey-answers.js';
import type { AppContext } from '../../platform/context.js';
import { staffOnly } from '../../platform/http/route-policy.js';
import { type App, staffOf } from '../../platform/http/types.js';
import { listSurveyAnswers } from './surveys.answers-list.js';
import { exportSurveyAnswers } from './surveys.export.js';
import { SURVEY_RESULT_READERS } from './surveys.routes.js';
import { listVersions } from './surveys.versions.js';

/**
 * Issue 24 §1, §5 (H1): a questionnaire's versions for the builder, and the answers behind each
 * results figure — listed or exported, within the reader's scope (enforced in the service).
 */
const ANSWER_READERS = staffOnly(SURVEY_RESULT_READERS, 'families');
const READERS_OF_QUESTIONNAIRES = staffOnly(['management', 'administrator']);
const params = z.strictObject({ id: z.string().max(64) });

export function surveyAnswerRoutes(app: App, ctx: AppContext): void {
  app.get('/api/v1/surveys/questionnaires/:id/versions', {
    config: { policy: READERS_OF_QUESTIONNAIRES },
    schema: { tags: ['surveys'], params, response: { 200: questionnaireVersions } },
    handler: (request) => listVersions(ctx, request.params.id),
  });
  app.get('/api/v1/surveys/answers', {
    config: { policy: ANSWER_READERS },
    schema: { tags: ['surveys'], querystring: answersQuery, response: { 200: surveyAnswers } },
    handler: (request) => listSurveyAnswers(ctx, staffOf(request), request.query),
  });
  app.post('/api/v1/surveys/answers/export', {
    config: { policy: ANSWER_READERS },
    schema: { tags: ['surveys'], body: answersExportBody },
    handler: async (request, reply) => {
      const file = await exportSurveyAnswers(ctx, staffOf(request), request.body);
      return reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('x-content-type-options', 'nosniff')
        .send(file.bytes);
    },
  });
}
