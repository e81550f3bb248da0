import { z } from 'zod';
import { MAX_QUESTIONS, QUESTION_KINDS, SURVEY_CASE_KINDS, SURVEY_PURPOSES } from '../domain/survey.js';

/** Issue 24 (H1, C1): satisfaction surveys' API — questionnaires, settings, results. */
const text = (max: number) => z.string().trim().min(1).max(max);

export const questionOption = z.strictObject({ value: text(40), labelAr: text(200), labelEn: text(200) });
export const surveyQuestion = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/),
  kind: z.enum(QUESTION_KINDS),
  textAr: text(500),
  textEn: text(500),
  isRequired: z.boolean(),
  options: z.array(questionOption).max(20).optional(),
  showIf: z.strictObject({ questionId: z.string(), anyOf: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1) }).optional(),
});

export const questionnaireVersion = z.object({
  id: z.string(),
  version: z.number().int(),
  titleAr: z.string(),
  titleEn: z.string(),
  questions: z.array(surveyQuestion),
  createdAt: z.string(),
});
export const questionnaire = z.object({
  id: z.string(),
  code: z.string(),
  purpose: z.enum(SURVEY_PURPOSES),
  isAnonymous: z.boolean(),
  isActive: z.boolean(),
  currentVersion: z.number().int(),
  /** Whether the current version has answers (editing it then makes a new version). */
  isAnswered: z.boolean(),
  current: questionnaireVersion,
});
export type Questionnaire = z.infer<typeof questionnaire>;
export const questionnaireList = z.object({ items: z.array(questionnaire) });

/** An edit: the same version is changed while it has no answers; otherwise a new version is made. */
export const saveQuestionnaireBody = z.strictObject({
  titleAr: text(200),
  titleEn: text(200),
  isAnonymous: z.boolean(),
  isActive: z.boolean(),
  questions: z.array(surveyQuestion).min(1).max(MAX_QUESTIONS),
});
export const createQuestionnaireBody = saveQuestionnaireBody.extend({
  code: z.string().regex(/^[a-z0-9-]{2,40}$/),
  purpose: z.enum(SURVEY_PURPOSES),
});

const trigger = z.strictObject({
  questionnaireId: z.string().nullable(),
  delayDays: z.number().int().min(0).max(60),
  isEnabled: z.boolean(),
  /** Request types (requests) or topics (complaints, inquiries) that are never asked about. */
  offCodes: z.array(z.string().max(60)).max(200),
});
export const surveySettings = z.strictObject({
  cooldownDays: z.number().int().min(0).max(365),
  expiryDays: z.number().int().min(1).max(90),
  csatNegativeMax: z.number().int().min(1).max(5),
  npsNegativeMax: z.number().int().min(0).max(10),
  triggers: z.strictObject(
    Object.fromEntries(SURVEY_CASE_KINDS.map((k) => [k, trigger])) as Record<(typeof SURVEY_CASE_KINDS)[number], typeof trigger>,
  ),
  version: z.number().int(),
});
export type SurveySettings = z.infer<typeof surveySettings>;

export const RESULT_DIMENSIONS = ['office', 'category', 'domain', 'channel', 'requestType', 'questionnaire', 'caseKind'] as const;
export const resultsQuery = z.strictObject({
  from: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional(),
  questionnaireId: z.string().optional(),
  by: z.enum(RESULT_DIMENSIONS).optional(),
});
/** One cell's figures; with fewer than 5 responses every figure is null (small-cell rule, issue 24 §5). */
export const resultCell = z.object({
  responses: z.number().int(),
  csatAverage: z.number().nullable(),
  csatDistribution: z.array(z.number().int()).nullable(),
  nps: z.number().nullable(),
});
export const surveyResults = z.object({
  overall: resultCell.extend({ invited: z.number().int(), responseRate: z.number().nullable() }),
  /** Each month: its figures, the invitations sent in it and its response rate (null under 5 invitations). */
  byMonth: z.array(resultCell.extend({ month: z.string(), invited: z.number().int(), responseRate: z.number().nullable() })),
  breakdown: z.array(resultCell.extend({ key: z.string().nullable() })).nullable(),
});
export type SurveyResults = z.infer<typeof surveyResults>;

export const commentsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  questionnaireId: z.string().optional(),
});
export const surveyComments = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      /** For an anonymous comment only the month (YYYY-MM). */
      submittedAt: z.string(),
      isAnonymous: z.boolean(),
      csat: z.number().nullable(),
      nps: z.number().nullable(),
      comment: z.string(),
      /** The case behind the answer; null for anonymous answers. */
      case: z.object({ kind: z.string(), id: z.string() }).nullable(),
    }),
  ),
});
