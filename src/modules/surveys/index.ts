import type { AreaManifest } from '../../platform/area.js';
import type { PersonalTable } from '../../platform/personal-data.js';
import { caseStepped } from '../complaints/index.js';
import { requestClosed } from '../requests/index.js';
import { draftAad, responseAad } from './surveys.answer.js';
import { onCaseStepped, onRequestClosed, sendDueInvitations } from './surveys.invitations.js';
import { surveyPageRoutes } from './surveys.pages.js';
import { surveyRoutes } from './surveys.routes.js';

/** Issue 24 (F2): answers, comments, drafts and the link from a response or invitation to its family. */
const SURVEYS_PERSONAL_DATA: readonly PersonalTable[] = [
  {
    table: 'survey_responses',
    key: ['id'],
    subject: 'family',
    columns: [
      { column: 'answers', kind: 'encrypted', holds: 'a family’s answers to a survey', aad: (k) => responseAad(k.id as string, 'answers') },
      { column: 'comment', kind: 'encrypted', holds: 'a family’s free-text comments', aad: (k) => responseAad(k.id as string, 'comment') },
      { column: 'family_id', kind: 'plain', holds: 'the respondent (null when the survey is anonymous)' },
      { column: 'case_id', kind: 'plain', holds: 'the case answered about (null when anonymous)' },
    ],
  },
  {
    table: 'survey_invitations',
    key: ['id'],
    subject: 'family',
    columns: [
      { column: 'draft', kind: 'encrypted', holds: 'answers saved before submitting', aad: (k) => draftAad(k.id as string) },
      { column: 'family_id', kind: 'plain', holds: 'the family invited' },
      // The token itself is never stored: a rotation cannot recompute this hash, and links end at their expiry.
      { column: 'token_hash', kind: 'keyed-hash', holds: 'the survey link’s token, for lookup' },
    ],
  },
];

/**
 * Satisfaction surveys (H1, the measurable side of C1; issue 24): questionnaires, invitations after
 * closed requests, complaints and inquiries, the public answer page `/s/<token>` and the results.
 */
export const surveysArea: AreaManifest = {
  name: 'surveys',
  routes(app, ctx) {
    surveyRoutes(app, ctx);
    surveyPageRoutes(app, ctx);
  },
  jobs: (ctx) => [{ name: 'survey-invitations', intervalMs: 5 * 60_000, run: () => sendDueInvitations(ctx) }],
  wire(ctx) {
    ctx.hooks.on(requestClosed, (closed) => onRequestClosed(ctx, closed));
    ctx.hooks.on(caseStepped, (stepped) => onCaseStepped(ctx, stepped));
  },
  personalData: SURVEYS_PERSONAL_DATA,
  auditKinds: ['survey.answer', 'survey.comments', 'survey.create', 'survey.invite', 'survey.update', 'survey-settings.update'],
};
