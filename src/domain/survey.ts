/**
 * Satisfaction surveys (H1, and the measurable side of C1; issue 24): the question kinds, the rules a
 * questionnaire's version and a respondent's answers obey, and the scores. Pure: the server and
 * the staff app's builder share them.
 */
export const QUESTION_KINDS = ['csat', 'nps', 'single', 'multiple', 'yes-no', 'text'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const SURVEY_PURPOSES = ['after-request', 'after-complaint', 'periodic'] as const;
export type SurveyPurpose = (typeof SURVEY_PURPOSES)[number];

/** What closed and may be asked about (issue 24 §2); campaigns come with §3. */
export const SURVEY_CASE_KINDS = ['request', 'complaint', 'inquiry'] as const;
export type SurveyCaseKind = (typeof SURVEY_CASE_KINDS)[number];

export interface QuestionOption {
  value: string;
  labelAr: string;
  labelEn: string;
}

export interface SurveyQuestion {
  /** Stable within a questionnaire's versions, so answers of different versions can be compared. */
  id: string;
  kind: QuestionKind;
  textAr: string;
  textEn: string;
  isRequired: boolean;
  /** For `single` and `multiple`. */
  options?: QuestionOption[];
  /** Skip logic: shown only when an earlier question's answer is one of `anyOf`. */
  showIf?: { questionId: string; anyOf: Array<string | number | boolean> };
}

export type AnswerValue = number | string | boolean | string[];
export type Answers = Record<string, AnswerValue>;

export interface AnswerIssue {
  pointer: string;
  code: string;
}

export const MAX_TEXT_ANSWER = 2000;
export const MAX_QUESTIONS = 30;
/** Breakdowns with fewer responses show "—" so no one's answer can be singled out (issue 24 §5). */
export const MIN_CELL = 5;

const RANGES: Partial<Record<QuestionKind, [number, number]>> = { csat: [1, 5], nps: [0, 10] };

/** What is wrong with a questionnaire's questions (ids unique, options for choices, skip logic pointing back). */
export function checkQuestions(questions: readonly SurveyQuestion[]): AnswerIssue[] {
  const issues: AnswerIssue[] = [];
  if (!questions.length) issues.push({ pointer: '/questions', code: 'survey.no-questions' });
  if (questions.length > MAX_QUESTIONS) issues.push({ pointer: '/questions', code: 'survey.too-many-questions' });
  const seen = new Set<string>();
  questions.forEach((q, i) => {
    const at = `/questions/${i}`;
    if (seen.has(q.id)) issues.push({ pointer: `${at}/id`, code: 'survey.duplicate-question' });
    const hasOptions = q.kind === 'single' || q.kind === 'multiple';
    const values = (q.options ?? []).map((o) => o.value);
    if (hasOptions && values.length < 2) issues.push({ pointer: `${at}/options`, code: 'survey.options-needed' });
    if (!hasOptions && q.options?.length) issues.push({ pointer: `${at}/options`, code: 'survey.options-not-allowed' });
    if (new Set(values).size !== values.length) issues.push({ pointer: `${at}/options`, code: 'survey.duplicate-option' });
    // Skip logic only looks back, so the page can be read top to bottom and has no cycles.
    if (q.showIf && !seen.has(q.showIf.questionId)) issues.push({ pointer: `${at}/showIf`, code: 'survey.skip-target-unknown' });
    seen.add(q.id);
  });
  return issues;
}

/** Whether a question is shown, given the answers so far (skip logic). */
export function isShown(question: SurveyQuestion, answers: Answers): boolean {
  if (!question.showIf) return true;
  const given = answers[question.showIf.questionId];
  if (given === undefined) return false;
  const list = Array.isArray(given) ? given : [given];
  return list.some((value) => question.showIf?.anyOf.includes(value));
}

function checkValue(question: SurveyQuestion, value: unknown): string | null {
  const range = RANGES[question.kind];
  if (range)
    return Number.isInteger(value) && (value as number) >= range[0] && (value as number) <= range[1] ? null : 'survey.out-of-range';
  const values = new Set((question.options ?? []).map((o) => o.value));
  switch (question.kind) {
    case 'yes-no':
      return typeof value === 'boolean' ? null : 'survey.invalid-answer';
    case 'single':
      return typeof value === 'string' && values.has(value) ? null : 'survey.unknown-option';
    case 'multiple':
      return Array.isArray(value) && value.every((v) => typeof v === 'string' && values.has(v)) && new Set(value).size === value.length
        ? null
        : 'survey.unknown-option';
    case 'text':
      return typeof value === 'string' && value.length <= MAX_TEXT_ANSWER ? null : 'survey.text-too-long';
    default:
      return 'survey.invalid-answer';
  }
}

const isBlank = (value: AnswerValue | undefined) =>
  value === undefined || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);

/**
 * The answers kept for a version (issue 24 "Bad input"): answers to questions not in the version and
 * out-of-range or unknown values are refused; answers to questions skip logic hides are dropped;
 * on submit (`isFinal`) every shown required question must be answered. Free text is kept as text.
 * @example cleanAnswers(questions, { q1: 4, q9: 1 }, { isFinal: false }) // issues: [{ pointer: '/answers/q9', code: 'survey.unknown-question' }]
 */
export function cleanAnswers(
  questions: readonly SurveyQuestion[],
  answers: Answers,
  { isFinal }: { isFinal: boolean },
): { answers: Answers; issues: AnswerIssue[] } {
  const issues: AnswerIssue[] = [];
  const byId = new Map(questions.map((q) => [q.id, q]));
  for (const id of Object.keys(answers)) if (!byId.has(id)) issues.push({ pointer: `/answers/${id}`, code: 'survey.unknown-question' });
  const kept: Answers = {};
  for (const question of questions) {
    const value = answers[question.id];
    if (!isShown(question, kept)) continue;
    if (isBlank(value)) {
      if (isFinal && question.isRequired) issues.push({ pointer: `/answers/${question.id}`, code: 'survey.answer-required' });
      continue;
    }
    const problem = checkValue(question, value);
    if (problem) issues.push({ pointer: `/answers/${question.id}`, code: problem });
    else kept[question.id] = typeof value === 'string' ? value.trim() : (value as AnswerValue);
  }
  return { answers: kept, issues };
}

export interface Scores {
  csat: number | null;
  nps: number | null;
  /** The free-text answers joined, the comment staff read. */
  comment: string | null;
}

/** The first CSAT and NPS answers of a response are its scores (one of each per questionnaire counts). */
export function scoresOf(questions: readonly SurveyQuestion[], answers: Answers): Scores {
  const first = (kind: QuestionKind) => {
    const q = questions.find((x) => x.kind === kind && typeof answers[x.id] === 'number');
    return q ? (answers[q.id] as number) : null;
  };
  const texts = questions.filter((q) => q.kind === 'text' && typeof answers[q.id] === 'string').map((q) => answers[q.id] as string);
  return { csat: first('csat'), nps: first('nps'), comment: texts.length ? texts.join('\n\n') : null };
}

export interface NegativeThresholds {
  csatAtMost: number;
  npsAtMost: number;
}

/** A negative answer opens a follow-up task (issue 24 §5): CSAT ≤ 2 or NPS ≤ 6 by default (settings). */
export function isNegative(scores: Pick<Scores, 'csat' | 'nps'>, limits: NegativeThresholds): boolean {
  return (scores.csat !== null && scores.csat <= limits.csatAtMost) || (scores.nps !== null && scores.nps <= limits.npsAtMost);
}

/**
 * The complaints' "record satisfaction" step counts as a response (issue 24 §6) on the CSAT scale;
 * `unreachable` is no answer.
 */
export const COMPLAINT_SATISFACTION_CSAT: Record<string, number | null> = {
  satisfied: 5,
  'partly-satisfied': 3,
  'not-satisfied': 1,
  unreachable: null,
};

export interface Summary {
  responses: number;
  csatAverage: number | null;
  /** Count of each CSAT score 1–5. */
  csatDistribution: number[] | null;
  /** Promoters (9–10) minus detractors (0–6), in percent of NPS answers. */
  nps: number | null;
}

/**
 * The counts a cell's figures are made of — what one grouped query gives per cell; the tallies of two
 * cells add up (months to the whole range, breakdown keys to a month).
 */
export interface Tally {
  responses: number;
  /** Count of each CSAT score 1–5. */
  csat: number[];
  npsAnswers: number;
  /** NPS 9–10. */
  promoters: number;
  /** NPS 0–6. */
  detractors: number;
}

export const emptyTally = (): Tally => ({ responses: 0, csat: [0, 0, 0, 0, 0], npsAnswers: 0, promoters: 0, detractors: 0 });

export function addTallies(a: Tally, b: Tally): Tally {
  return {
    responses: a.responses + b.responses,
    csat: a.csat.map((n, i) => n + (b.csat[i] ?? 0)),
    npsAnswers: a.npsAnswers + b.npsAnswers,
    promoters: a.promoters + b.promoters,
    detractors: a.detractors + b.detractors,
  };
}

/** The tally of single responses. */
export function tallyOf(rows: ReadonlyArray<{ csat: number | null; nps: number | null }>): Tally {
  return rows.reduce(
    (tally, { csat, nps }) =>
      addTallies(tally, {
        responses: 1,
        csat: [1, 2, 3, 4, 5].map((score) => (csat === score ? 1 : 0)),
        npsAnswers: nps === null ? 0 : 1,
        promoters: nps !== null && nps >= 9 ? 1 : 0,
        detractors: nps !== null && nps <= 6 ? 1 : 0,
      }),
    emptyTally(),
  );
}

/**
 * The figures of one cell, with the small-cell rule (H1, issue 24 §5): fewer than MIN_CELL responses
 * show nothing but the fact that the cell is small.
 * @example summarise(tallyOf([5, 4, 4, 3, 5].map((csat) => ({ csat, nps: null })))).csatAverage // 4.2
 */
export function summarise(tally: Tally): Summary {
  if (tally.responses < MIN_CELL) return { responses: tally.responses, csatAverage: null, csatDistribution: null, nps: null };
  const csatAnswers = tally.csat.reduce((a, b) => a + b, 0);
  const csatTotal = tally.csat.reduce((sum, count, i) => sum + count * (i + 1), 0);
  return {
    responses: tally.responses,
    csatAverage: csatAnswers >= MIN_CELL ? Math.round((csatTotal / csatAnswers) * 100) / 100 : null,
    csatDistribution: csatAnswers >= MIN_CELL ? [...tally.csat] : null,
    nps: tally.npsAnswers >= MIN_CELL ? Math.round(((tally.promoters - tally.detractors) / tally.npsAnswers) * 1000) / 10 : null,
  };
}

/** Response rate in percent, hidden with fewer than MIN_CELL invitations. */
export function responseRate(invited: number, answered: number): number | null {
  return invited < MIN_CELL ? null : Math.round((answered / invited) * 1000) / 10;
}

/**
 * The start of the N-day window (issue 24 §2): a family sent an invitation after it is not asked again
 * now. Campaigns use it as a query's bound, a single invitation through `isCoolingDown`.
 */
export function cooldownStart(now: Date, cooldownDays: number): Date {
  return new Date(now.getTime() - cooldownDays * 86_400_000);
}

/**
 * Whether a family may be asked again (issue 24 §2): never more than one invitation per `cooldownDays`,
 * across triggers and campaigns (reminders of the same invitation are not invitations).
 */
export function isCoolingDown(lastInvitedAt: Date | null, now: Date, cooldownDays: number): boolean {
  return lastInvitedAt !== null && lastInvitedAt.getTime() > cooldownStart(now, cooldownDays).getTime();
}
