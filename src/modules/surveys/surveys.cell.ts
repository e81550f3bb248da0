import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { AnswersCell } from '../../contracts/survey-answers.js';
import { type Answers, MIN_CELL } from '../../domain/survey.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import type { SurveyResponseTable } from '../../platform/db/schema-surveys.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { familyInScope } from '../families/index.js';
import { responseAad } from './surveys.answer.js';
import { COLUMN } from './surveys.results.js';
import { questionsOf } from './surveys.store.js';

/**
 * The responses behind one results figure (issue 24 §5; H1): the same month range, breakdown key,
 * questionnaire and CSAT score the figure was counted from. Two rules guard the rows (F2):
 * a cell with fewer than MIN_CELL responses does not open at all (small-cell rule), and a reader sees
 * row by row only the answers of families in their scope, and anonymous ones — the rest count only in
 * the figures.
 */
type Eb = ExpressionBuilder<Database, 'survey_responses'>;

export function inCell(eb: Eb, cell: AnswersCell): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  if (cell.from) parts.push(eb('survey_responses.month', '>=', cell.from));
  if (cell.to) parts.push(eb('survey_responses.month', '<=', cell.to));
  if (cell.questionnaireId) parts.push(eb('survey_responses.questionnaire_id', '=', cell.questionnaireId));
  if (cell.csat) parts.push(eb('survey_responses.csat', '=', cell.csat));
  if (cell.by && cell.key !== undefined) {
    const column = `survey_responses.${COLUMN[cell.by]}` as const;
    parts.push(cell.key === '' ? eb(column, 'is', null) : eb(column, '=', cell.key));
  }
  return eb.and(parts);
}

/**
 * Rows a reader may see one by one: those of families in their scope and — only when the cell holds at
 * least MIN_CELL of them (`showAnonymous`) — anonymous answers (H1, issue 24 §4: an anonymous answer
 * hides among at least five of its kind, or counts only in the figures).
 */
export function isVisibleTo(eb: Eb, principal: StaffPrincipal, { showAnonymous }: { showAnonymous: boolean }): Expression<SqlBool> {
  const inScope = familyInScope('survey_responses.family_id', principal.scope);
  const anonymous = eb('survey_responses.family_id', 'is', null);
  // A reader of every family still does not see fewer than 5 anonymous answers one by one.
  return showAnonymous ? eb.or([anonymous, inScope]) : eb.and([eb('survey_responses.family_id', 'is not', null), inScope]);
}

export interface CellSize {
  cellResponses: number;
  isSmallCell: boolean;
  /** At least MIN_CELL anonymous answers in the cell: they may be listed one by one. */
  showAnonymous: boolean;
}

/** How many responses the figure counted — all of them, in scope or not — and whether that is too few to open. */
export async function cellSize(ctx: AppContext, cell: AnswersCell): Promise<CellSize> {
  const row = await ctx.db
    .selectFrom('survey_responses')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(eb.case().when('survey_responses.family_id', 'is', null).then(1).else(0).end()).as('anonymous'),
    ])
    .where((eb) => inCell(eb, cell))
    .executeTakeFirstOrThrow();
  const cellResponses = Number(row.n);
  return { cellResponses, isSmallCell: cellResponses < MIN_CELL, showAnonymous: Number(row.anonymous ?? 0) >= MIN_CELL };
}

/** A response's answers and comment, decrypted. */
export function openResponse(ctx: AppContext, row: Pick<SurveyResponseTable, 'id' | 'answers' | 'comment'>) {
  return {
    answers: row.answers ? (JSON.parse(ctx.keys.encryptor.decrypt(row.answers, responseAad(row.id, 'answers'))) as Answers) : {},
    comment: row.comment ? ctx.keys.encryptor.decrypt(row.comment, responseAad(row.id, 'comment')) : null,
  };
}

/** The versions the listed responses answered, with their questions (to show each answer under its question). */
export async function versionsOf(ctx: AppContext, versionIds: readonly (string | null)[]) {
  const ids = [...new Set(versionIds.filter((id): id is string => id !== null))];
  if (!ids.length) return [];
  const rows = await ctx.db.selectFrom('survey_versions').selectAll().where('id', 'in', ids).execute();
  return rows.map((v) => ({
    id: v.id,
    questionnaireId: v.questionnaire_id,
    version: v.version,
    titleAr: v.title_ar,
    titleEn: v.title_en,
    questions: questionsOf(v),
  }));
}
