import { z } from 'zod';
import { RESULT_DIMENSIONS, surveyQuestion } from './surveys.js';

/**
 * Issue 24 §5 (H1): the answers behind a results figure — one cell (a month or range, a breakdown key,
 * a questionnaire, a CSAT score), listed page by page or exported, within the reader's scope.
 */
const month = z.string().regex(/^\d{4}-\d{2}$/);

export const answersCell = z.strictObject({
  from: month.optional(),
  to: month.optional(),
  questionnaireId: z.string().max(64).optional(),
  by: z.enum(RESULT_DIMENSIONS).optional(),
  /** The breakdown key the figure shows; empty for "not set". Only with `by`. */
  key: z.string().max(100).optional(),
  csat: z.coerce.number().int().min(1).max(5).optional(),
});
export type AnswersCell = z.infer<typeof answersCell>;

/** A key names a breakdown only with `by`. */
const keyNeedsBy = (cell: AnswersCell, ctx: z.RefinementCtx) => {
  if (cell.key !== undefined && !cell.by) ctx.addIssue({ code: 'custom', path: ['key'], message: 'A key needs a breakdown (by)' });
};

export const ANSWER_SORTS = ['submittedAt', 'csat', 'nps'] as const;
export const answersQuery = answersCell
  .extend({
    sort: z.enum(ANSWER_SORTS).default('submittedAt'),
    order: z.enum(['asc', 'desc']).default('desc'),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(25),
  })
  .superRefine(keyNeedsBy);
export type AnswersQuery = z.infer<typeof answersQuery>;

export const answersExportBody = answersCell.extend({ format: z.enum(['xlsx', 'csv']) }).superRefine(keyNeedsBy);

export const answeredVersion = z.object({
  id: z.string(),
  questionnaireId: z.string(),
  version: z.number().int(),
  titleAr: z.string(),
  titleEn: z.string(),
  questions: z.array(surveyQuestion),
});
export const answerValue = z.union([z.number(), z.string(), z.boolean(), z.array(z.string())]);

export const surveyAnswer = z.object({
  /** An anonymous answer's id is shown per figure (it changes from one figure to the next). */
  id: z.string(),
  /** When it was given; for an anonymous answer only the month (YYYY-MM), so it cannot be tied to a day. */
  submittedAt: z.string(),
  isAnonymous: z.boolean(),
  /** `survey` (the answer page) or `complaint-step` (satisfaction staff recorded on a complaint). */
  source: z.string(),
  versionId: z.string().nullable(),
  csat: z.number().nullable(),
  nps: z.number().nullable(),
  answers: z.record(z.string(), answerValue),
  comment: z.string().nullable(),
  /** The case behind the answer; null for anonymous answers. */
  case: z.object({ kind: z.string(), id: z.string() }).nullable(),
});
export type SurveyAnswer = z.infer<typeof surveyAnswer>;

export const surveyAnswers = z.object({
  /** Responses in the whole cell, whoever may see them — the figure's count. */
  cellResponses: z.number().int(),
  /** Fewer than 5 responses: the cell's answers are not opened (small-cell rule). */
  isSmallCell: z.boolean(),
  /** Responses in the cell the reader may see row by row (families in scope, and anonymous answers when at least 5). */
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(surveyAnswer),
  versions: z.array(answeredVersion),
});
export type SurveyAnswers = z.infer<typeof surveyAnswers>;

/** A questionnaire's versions, newest first (the builder's history). */
export const questionnaireVersions = z.object({
  items: z.array(answeredVersion.extend({ createdAt: z.string(), responses: z.number().int() })),
});
export type QuestionnaireVersions = z.infer<typeof questionnaireVersions>;
