import { sql } from 'kysely';
import type { AnswersQuery, SurveyAnswers } from '../../contracts/survey-answers.js';
import type { AppContext } from '../../platform/context.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { recordAudit } from '../audit/index.js';
import { shownIdentity, submittedOrder, tieBreak } from './surveys.anonymity.js';
import { cellSize, inCell, isVisibleTo, openResponse, versionsOf } from './surveys.cell.js';

/**
 * The answers behind a results figure, page by page (issue 24 §5; H1, F2): the small-cell rule and the
 * reader's scope first (surveys.cell.ts), then one audit row holding the query and the ids shown.
 */
const SORT_COLUMN = {
  submittedAt: submittedOrder,
  // Unanswered scores sort as -1 on both engines (SQLite and PostgreSQL place nulls differently).
  csat: sql<number>`coalesce(survey_responses.csat, -1)`,
  nps: sql<number>`coalesce(survey_responses.nps, -1)`,
} as const;

export async function listSurveyAnswers(ctx: AppContext, principal: StaffPrincipal, query: AnswersQuery): Promise<SurveyAnswers> {
  const { sort, order, page, pageSize, ...cell } = query;
  const { showAnonymous, ...size } = await cellSize(ctx, cell);
  const empty = { ...size, total: 0, page, pageSize, items: [], versions: [] };
  if (size.isSmallCell) return empty;
  const visible = ctx.db
    .selectFrom('survey_responses')
    .where((eb) => eb.and([inCell(eb, cell), isVisibleTo(eb, principal, { showAnonymous })]));
  const total = Number((await visible.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await visible
    .selectAll()
    .orderBy(SORT_COLUMN[sort], order)
    .orderBy(tieBreak, order)
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: { kind: 'staff', id: principal.userId },
    action: 'survey.answers',
    entity: 'survey_response',
    details: { query, ids: rows.map((r) => r.id) },
  });
  return {
    ...size,
    total,
    page,
    pageSize,
    items: rows.map((r) => ({
      ...shownIdentity(r, cell),
      source: r.source,
      versionId: r.version_id,
      csat: r.csat,
      nps: r.nps,
      ...openResponse(ctx, r),
      case: r.case_id ? { kind: r.case_kind, id: r.case_id } : null,
    })),
    versions: await versionsOf(
      ctx,
      rows.map((r) => r.version_id),
    ),
  };
}
