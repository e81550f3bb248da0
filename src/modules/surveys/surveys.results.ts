import { sql } from 'kysely';
import type { z } from 'zod';
import type { commentsQuery, RESULT_DIMENSIONS, resultsQuery, SurveyResults } from '../../contracts/surveys.js';
import { addTallies, emptyTally, responseRate, summarise, type Tally } from '../../domain/survey.js';
import type { AppContext } from '../../platform/context.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { recordAudit } from '../audit/index.js';
import { familyInScope } from '../families/index.js';
import { shownIdentity } from './surveys.anonymity.js';
import { responseAad } from './surveys.answer.js';

/**
 * Satisfaction results (issue 24 §5, §6; H1, C1): CSAT average and distribution, NPS, response rate,
 * by month and broken down by one dimension — survey answers and the complaints' recorded
 * satisfaction together. Every cell with fewer than 5 responses shows null (domain/survey.ts
 * `summarise`), so no one's answer can be singled out. Aggregates name no family: anyone allowed
 * the results sees them; comments are listed only for families in the reader's scope, or anonymous.
 */
type Dimension = (typeof RESULT_DIMENSIONS)[number];
export const COLUMN: Record<Dimension, 'office' | 'category' | 'domain' | 'channel' | 'request_type' | 'questionnaire_id' | 'case_kind'> = {
  office: 'office',
  category: 'category',
  domain: 'domain',
  channel: 'channel',
  requestType: 'request_type',
  questionnaire: 'questionnaire_id',
  caseKind: 'case_kind',
};

/** One grouped query: the tally of each month (and each key of the breakdown), the range's survey answers among them. */
async function tallies(ctx: AppContext, query: z.infer<typeof resultsQuery>) {
  const column = query.by ? COLUMN[query.by] : null;
  let select = ctx.db.selectFrom('survey_responses').select((eb) => {
    const countWhen = (ref: 'csat' | 'nps', op: '=' | '>=' | '<=', value: number) =>
      eb.fn.sum<number>(eb.case().when(ref, op, value).then(1).else(0).end());
    return [
      'month',
      (column ? eb.ref(column) : eb.val(null)).as('key'),
      eb.fn.countAll<number>().as('responses'),
      // Recorded satisfaction on complaints has no questionnaire: the rate counts survey answers only.
      eb.fn.count<number>('questionnaire_id').as('answered'),
      countWhen('csat', '=', 1).as('csat1'),
      countWhen('csat', '=', 2).as('csat2'),
      countWhen('csat', '=', 3).as('csat3'),
      countWhen('csat', '=', 4).as('csat4'),
      countWhen('csat', '=', 5).as('csat5'),
      eb.fn.count<number>('nps').as('npsAnswers'),
      countWhen('nps', '>=', 9).as('promoters'),
      countWhen('nps', '<=', 6).as('detractors'),
    ];
  });
  if (query.from) select = select.where('month', '>=', query.from);
  if (query.to) select = select.where('month', '<=', query.to);
  if (query.questionnaireId) select = select.where('questionnaire_id', '=', query.questionnaireId);
  const rows = await (column ? select.groupBy(['month', column]) : select.groupBy('month')).execute();
  // PostgreSQL returns counts and sums as strings.
  return rows.map((r) => ({
    month: r.month,
    key: r.key as string | null,
    answered: Number(r.answered),
    tally: {
      responses: Number(r.responses),
      csat: [r.csat1, r.csat2, r.csat3, r.csat4, r.csat5].map(Number),
      npsAnswers: Number(r.npsAnswers),
      promoters: Number(r.promoters),
      detractors: Number(r.detractors),
    } satisfies Tally,
  }));
}

/** Adds up the tallies of the cells that share a name. */
function sumBy<C extends { tally: Tally }, T>(cells: readonly C[], nameOf: (cell: C) => T): Map<T, Tally> {
  const sums = new Map<T, Tally>();
  for (const cell of cells) sums.set(nameOf(cell), addTallies(sums.get(nameOf(cell)) ?? emptyTally(), cell.tally));
  return sums;
}

/** Invitations sent, by the month they were sent (the denominator of each month's response rate). */
async function invitedByMonth(ctx: AppContext, query: z.infer<typeof resultsQuery>): Promise<Map<string, number>> {
  const month = sql<string>`substr(sent_at, 1, 7)`;
  let select = ctx.db
    .selectFrom('survey_invitations')
    .select((eb) => [month.as('month'), eb.fn.countAll<number>().as('n')])
    .where('sent_at', 'is not', null);
  if (query.from) select = select.where('sent_at', '>=', `${query.from}-01`);
  if (query.to) select = select.where('sent_at', '<', `${query.to}-32`);
  if (query.questionnaireId) select = select.where('questionnaire_id', '=', query.questionnaireId);
  const rows = await select.groupBy(month).execute();
  return new Map(rows.map((r) => [r.month, Number(r.n)]));
}

export async function surveyResults(ctx: AppContext, query: z.infer<typeof resultsQuery>): Promise<SurveyResults> {
  const cells = await tallies(ctx, query);
  const invitedIn = await invitedByMonth(ctx, query);
  const invited = [...invitedIn.values()].reduce((a, b) => a + b, 0);
  const answered = cells.reduce((sum, cell) => sum + cell.answered, 0);
  const answeredIn = new Map<string, number>();
  for (const cell of cells) answeredIn.set(cell.month, (answeredIn.get(cell.month) ?? 0) + cell.answered);
  const overall = cells.reduce((sum, cell) => addTallies(sum, cell.tally), emptyTally());
  const tallyOf = sumBy(cells, (cell) => cell.month);
  // A month with invitations and no answer yet still has a rate (0 %) to draw.
  const months = [...new Set([...tallyOf.keys(), ...invitedIn.keys()])].sort();
  const keys = [...sumBy(cells, (cell) => cell.key)].sort(([a], [b]) => String(a).localeCompare(String(b)));
  return {
    overall: { ...summarise(overall), invited, responseRate: responseRate(invited, answered) },
    byMonth: months.map((month) => ({
      month,
      ...summarise(tallyOf.get(month) ?? emptyTally()),
      invited: invitedIn.get(month) ?? 0,
      // Fewer than 5 invitations in a month: no rate (small-cell rule, as every figure).
      responseRate: responseRate(invitedIn.get(month) ?? 0, answeredIn.get(month) ?? 0),
    })),
    breakdown: query.by ? keys.map(([key, tally]) => ({ key, ...summarise(tally) })) : null,
  };
}

/** Comments, newest first, with the case they are about — only for families in the reader's scope; anonymous ones without a case. */
export async function surveyComments(ctx: AppContext, principal: StaffPrincipal, query: z.infer<typeof commentsQuery>) {
  let select = ctx.db
    .selectFrom('survey_responses as r')
    .select(['r.id', 'r.submitted_at', 'r.csat', 'r.nps', 'r.comment', 'r.case_kind', 'r.case_id', 'r.family_id'])
    .where('r.comment', 'is not', null)
    .where((eb) => eb.or([eb('r.family_id', 'is', null), familyInScope('r.family_id', principal.scope)]))
    // Anonymous comments by month, then in random order (surveys.cell.ts): their order tells no time.
    .orderBy(sql`case when r.family_id is null then substr(r.submitted_at, 1, 7) else r.submitted_at end`, 'desc')
    .orderBy(sql`case when r.family_id is null then r.comment else r.id end`, 'desc')
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
      ...shownIdentity(r, { questionnaireId: query.questionnaireId }),
      csat: r.csat,
      nps: r.nps,
      comment: ctx.keys.encryptor.decrypt(r.comment as string, responseAad(r.id, 'comment')),
      case: r.case_id ? { kind: r.case_kind, id: r.case_id } : null,
    })),
  };
}
