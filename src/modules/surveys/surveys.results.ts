import type { z } from 'zod';
import type { commentsQuery, RESULT_DIMENSIONS, resultsQuery, SurveyResults } from '../../contracts/surveys.js';
import { responseRate, summarise } from '../../domain/survey.js';
import type { AppContext } from '../../platform/context.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { recordAudit } from '../audit/index.js';
import { familyInScope } from '../families/index.js';
import { responseAad } from './surveys.answer.js';

/**
 * Satisfaction results (issue 24 §5, §6; H1, C1): CSAT average and distribution, NPS, response rate,
 * by month and broken down by one dimension — survey answers and the complaints' recorded
 * satisfaction together. Every cell with fewer than 5 responses shows null (domain/survey.ts
 * `summarise`), so no one's answer can be singled out. Aggregates name no family: anyone allowed
 * the results sees them; comments are listed only for families in the reader's scope, or anonymous.
 */
type Dimension = (typeof RESULT_DIMENSIONS)[number];
const COLUMN: Record<Dimension, 'office' | 'category' | 'domain' | 'channel' | 'request_type' | 'questionnaire_id' | 'case_kind'> = {
  office: 'office',
  category: 'category',
  domain: 'domain',
  channel: 'channel',
  requestType: 'request_type',
  questionnaire: 'questionnaire_id',
  caseKind: 'case_kind',
};

export async function surveyResults(ctx: AppContext, query: z.infer<typeof resultsQuery>): Promise<SurveyResults> {
  let responses = ctx.db
    .selectFrom('survey_responses')
    .select(['csat', 'nps', 'month', 'office', 'category', 'domain', 'channel', 'request_type', 'questionnaire_id', 'case_kind']);
  let invitations = ctx.db
    .selectFrom('survey_invitations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('sent_at', 'is not', null);
  if (query.from) {
    responses = responses.where('month', '>=', query.from);
    invitations = invitations.where('sent_at', '>=', `${query.from}-01`);
  }
  if (query.to) {
    responses = responses.where('month', '<=', query.to);
    invitations = invitations.where('sent_at', '<', `${query.to}-32`);
  }
  if (query.questionnaireId) {
    responses = responses.where('questionnaire_id', '=', query.questionnaireId);
    invitations = invitations.where('questionnaire_id', '=', query.questionnaireId);
  }
  const rows = await responses.execute();
  const invited = Number((await invitations.executeTakeFirstOrThrow()).n);
  // Recorded satisfaction on complaints has no invitation: the rate counts survey answers only.
  const answered = rows.filter((r) => r.questionnaire_id !== null).length;
  const months = [...new Set(rows.map((r) => r.month))].sort();
  const by = query.by;
  let breakdown: SurveyResults['breakdown'] = null;
  if (by) {
    const column = COLUMN[by];
    const keys = [...new Set(rows.map((r) => r[column]))].sort((a, b) => String(a).localeCompare(String(b)));
    breakdown = keys.map((key) => ({ key, ...summarise(rows.filter((r) => r[column] === key)) }));
  }
  return {
    overall: { ...summarise(rows), invited, responseRate: responseRate(invited, answered) },
    byMonth: months.map((month) => ({ month, ...summarise(rows.filter((r) => r.month === month)) })),
    breakdown,
  };
}

/** Comments, newest first, with the case they are about — only for families in the reader's scope; anonymous ones without a case. */
export async function surveyComments(ctx: AppContext, principal: StaffPrincipal, query: z.infer<typeof commentsQuery>) {
  let select = ctx.db
    .selectFrom('survey_responses as r')
    .select(['r.id', 'r.submitted_at', 'r.csat', 'r.nps', 'r.comment', 'r.case_kind', 'r.case_id', 'r.family_id'])
    .where('r.comment', 'is not', null)
    .where((eb) => eb.or([eb('r.family_id', 'is', null), familyInScope('r.family_id', principal.scope)]))
    .orderBy('r.submitted_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(query.limit);
  if (query.questionnaireId) select = select.where('r.questionnaire_id', '=', query.questionnaireId);
  const rows = await select.execute();
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: { kind: 'staff', id: principal.userId },
    action: 'survey.comments',
    entity: 'survey_response',
    details: { ids: rows.map((r) => r.id) },
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      submittedAt: r.submitted_at,
      csat: r.csat,
      nps: r.nps,
      comment: ctx.keys.encryptor.decrypt(r.comment as string, responseAad(r.id, 'comment')),
      case: r.case_id ? { kind: r.case_kind, id: r.case_id } : null,
    })),
  };
}
