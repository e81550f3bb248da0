import type { TFunction } from 'i18next';
import { createQuestionnaireBody, type Questionnaire, saveQuestionnaireBody } from '../../contracts/surveys.js';
import { checkQuestions, type SurveyPurpose, type SurveyQuestion } from '../../domain/survey.js';
import { asProblem, fieldErrorMessage, problemMessage } from '../ui/problems.js';

/**
 * The builder's form (issue 24 §1; H1): what is edited, the checks run before saving — the contract's
 * schema and the server's own `checkQuestions`, so a problem shows under its field before the round
 * trip — and the server's answer placed the same way.
 */
export interface EditorValues {
  code: string;
  purpose: SurveyPurpose;
  titleAr: string;
  titleEn: string;
  isAnonymous: boolean;
  isActive: boolean;
  questions: SurveyQuestion[];
}

export const newQuestionId = () => `q-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export const blankQuestion = (): SurveyQuestion => ({ id: newQuestionId(), kind: 'csat', textAr: '', textEn: '', isRequired: false });

export function valuesOf(q: Questionnaire | null): EditorValues {
  if (!q)
    return { code: '', purpose: 'periodic', titleAr: '', titleEn: '', isAnonymous: false, isActive: true, questions: [blankQuestion()] };
  return {
    code: q.code,
    purpose: q.purpose,
    titleAr: q.current.titleAr,
    titleEn: q.current.titleEn,
    isAnonymous: q.isAnonymous,
    isActive: q.isActive,
    questions: q.current.questions,
  };
}

/** What is sent: a new questionnaire names its code and purpose; an edit does not. */
export function bodyOf(values: EditorValues, isNew: boolean) {
  const { code, purpose, ...rest } = values;
  // An empty skip logic (no answers ticked yet) is a problem to show, not to send half-made.
  return isNew ? { code, purpose, ...rest } : rest;
}

/** `/questions/2/showIf` → `questions.2.showIf`: Mantine's path, list positions kept. */
export const pathOf = (pointer: string) => pointer.split('/').filter(Boolean).join('.');

/** A field's problem code in a sentence: the surveys' own codes first, then the shared ones. */
export function explain(t: TFunction, tc: TFunction, code: string): string {
  const own = `errors.${code}`;
  const text = t(own, { defaultValue: '' });
  return text || fieldErrorMessage(tc, code);
}

export function validateEditor(values: EditorValues, isNew: boolean, t: TFunction, tc: TFunction): Record<string, string> {
  const errors: Record<string, string> = {};
  const schema = isNew ? createQuestionnaireBody : saveQuestionnaireBody;
  const parsed = schema.safeParse(bodyOf(values, isNew));
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      const code =
        issue.code === 'too_small' ? (path.endsWith('anyOf') ? 'survey.skip-answers-needed' : 'field.required') : 'field.invalid';
      errors[path] ??= explain(t, tc, code);
    }
  for (const issue of checkQuestions(values.questions)) errors[pathOf(issue.pointer)] ??= explain(t, tc, issue.code);
  return errors;
}

/** The server's refusal: field problems under their fields, the rest as one sentence. */
export function placeProblem(error: unknown, t: TFunction, tc: TFunction): { errors: Record<string, string>; message: string | null } {
  const problem = asProblem(error);
  const errors: Record<string, string> = {};
  for (const fieldError of problem.errors ?? []) errors[pathOf(fieldError.pointer)] ??= explain(t, tc, fieldError.code);
  const own = t(`errors.${problem.code}`, { defaultValue: '' });
  return { errors, message: Object.keys(errors).length ? null : own || problemMessage(tc, problem) };
}
