import { z } from 'zod';
import {
  commentsQuery,
  createQuestionnaireBody,
  questionnaire,
  questionnaireList,
  resultsQuery,
  saveQuestionnaireBody,
  surveyComments as surveyCommentsSchema,
  surveyResults as surveyResultsSchema,
  surveySettings,
} from '../../contracts/surveys.js';
import type { StaffRole } from '../../domain/roles.js';
import type { AppContext } from '../../platform/context.js';
import { staffOnly } from '../../platform/http/route-policy.js';
import { type App, staffOf } from '../../platform/http/types.js';
import { surveyComments, surveyResults } from './surveys.results.js';
import { createQuestionnaire, listQuestionnaires, readSettings, saveQuestionnaire, saveSettings } from './surveys.store.js';

/** Issue 24 (H1, C1): management builds questionnaires and reads results; administrators set the triggers. */
const BUILDERS = staffOnly(['management']);
const READERS_OF_QUESTIONNAIRES = staffOnly(['management', 'administrator']);
/** Issue 24 §5: who reads the answers, comments and results (in their scope); the record of processing names them (issue 25 §7). */
export const SURVEY_RESULT_READERS: readonly StaffRole[] = ['management', 'contact-officer'];
const RESULT_READERS = staffOnly(SURVEY_RESULT_READERS, 'families');
const SETTINGS_READERS = staffOnly(['administrator', 'management']);
const SETTINGS_WRITERS = staffOnly(['administrator']);
const params = z.strictObject({ id: z.string().max(64) });

export function surveyRoutes(app: App, ctx: AppContext): void {
  app.get('/api/v1/surveys/questionnaires', {
    config: { policy: READERS_OF_QUESTIONNAIRES },
    schema: { tags: ['surveys'], response: { 200: questionnaireList } },
    handler: () => listQuestionnaires(ctx),
  });
  app.post('/api/v1/surveys/questionnaires', {
    config: { policy: BUILDERS },
    schema: { tags: ['surveys'], body: createQuestionnaireBody, response: { 201: questionnaire } },
    handler: async (request, reply) => reply.code(201).send(await createQuestionnaire(ctx, staffOf(request), request.body)),
  });
  app.put('/api/v1/surveys/questionnaires/:id', {
    config: { policy: BUILDERS },
    schema: { tags: ['surveys'], params, body: saveQuestionnaireBody, response: { 200: questionnaire } },
    handler: (request) => saveQuestionnaire(ctx, staffOf(request), request.params.id, request.body),
  });
  app.get('/api/v1/surveys/results', {
    config: { policy: RESULT_READERS },
    schema: { tags: ['surveys'], querystring: resultsQuery, response: { 200: surveyResultsSchema } },
    handler: (request) => surveyResults(ctx, request.query),
  });
  app.get('/api/v1/surveys/comments', {
    config: { policy: RESULT_READERS },
    schema: { tags: ['surveys'], querystring: commentsQuery, response: { 200: surveyCommentsSchema } },
    handler: (request) => surveyComments(ctx, staffOf(request), request.query),
  });
  app.get('/api/v1/settings/surveys', {
    config: { policy: SETTINGS_READERS },
    schema: { tags: ['surveys'], response: { 200: surveySettings } },
    handler: () => readSettings(ctx.db),
  });
  app.put('/api/v1/settings/surveys', {
    config: { policy: SETTINGS_WRITERS },
    schema: { tags: ['surveys'], body: surveySettings, response: { 200: surveySettings } },
    handler: (request) => saveSettings(ctx, staffOf(request), request.body),
  });
}
