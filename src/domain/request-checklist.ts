import { parseCalendarDay } from './dates.js';
import { removeInvisibleMarks, toLatinDigits } from './digits.js';

/**
 * Completeness of a request (C2, C3): each checklist item of its type is satisfied or not, and a
 * field's answer must fit the field's type. A request whose required items are not all satisfied, or
 * with an invalid answer, cannot be submitted (422 `request.incomplete` listing the `missing` keys).
 */

// The vocabulary of checklists and answers; contracts/requests.ts builds its schemas to match.
export const FIELD_TYPES = ['text', 'long-text', 'number', 'date', 'yes-no', 'choice', 'multi-choice'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface ChecklistOption {
  value: string;
  labelAr: string;
  labelEn: string;
}

/** One item of a request type's checklist (C2): a field the family answers or a document it brings. */
export interface ChecklistItem {
  key: string;
  kind: 'field' | 'document';
  labelAr: string;
  labelEn: string;
  /** Fields only. */
  fieldType?: FieldType | undefined;
  /** `choice` and `multi-choice` only. */
  options?: ChecklistOption[] | undefined;
  isRequired: boolean;
}

/** A field's answer: text, number, yes/no, a day (`YYYY-MM-DD`), a choice or several; null clears it. */
export type AnswerValue = string | number | boolean | string[] | null;
export type Answers = Record<string, AnswerValue>;

/** One checklist item on a request: satisfied or not, and why not (`problem` is an error code). */
export interface ChecklistItemStatus {
  key: string;
  kind: 'field' | 'document';
  labelAr: string;
  labelEn: string;
  isRequired: boolean;
  isSatisfied: boolean;
  problem: string | null;
}

export const MAX_TEXT = 500;
export const MAX_LONG_TEXT = 4000;

/** Why an answer does not fit its field, or null. `null`/empty answers are "missing", not invalid. */
export function answerProblem(item: ChecklistItem, value: AnswerValue | undefined): string | null {
  if (isEmpty(value)) return null;
  switch (item.fieldType) {
    case 'text':
    case 'long-text': {
      if (typeof value !== 'string') return 'field.invalid-type';
      return value.length > (item.fieldType === 'text' ? MAX_TEXT : MAX_LONG_TEXT) ? 'field.too-long' : null;
    }
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'field.not-a-number';
    case 'date':
      return typeof value === 'string' && parseCalendarDay(value) ? null : 'field.date-invalid';
    case 'yes-no':
      return typeof value === 'boolean' ? null : 'field.invalid-type';
    case 'choice':
      if (typeof value !== 'string') return 'field.invalid-type';
      return item.options?.some((o) => o.value === value) ? null : 'field.unknown-option';
    case 'multi-choice': {
      if (!Array.isArray(value)) return 'field.invalid-type';
      if (new Set(value).size !== value.length) return 'field.repeated-option';
      return value.every((v) => item.options?.some((o) => o.value === v)) ? null : 'field.unknown-option';
    }
    default:
      return 'field.invalid-type';
  }
}

function isEmpty(value: AnswerValue | undefined): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

/**
 * Tidies an answer as typed before it is checked and stored: text trimmed and invisible marks
 * removed; a number typed as text (Arabic-Indic digits too) becomes a number.
 * @example normaliseAnswer({ fieldType: 'number', … }, '١٢٠٠') // 1200
 */
export function normaliseAnswer(item: ChecklistItem, value: AnswerValue): AnswerValue {
  if (typeof value === 'string') {
    const tidy = removeInvisibleMarks(value).trim();
    if (item.fieldType === 'number' && /^-?[\d\u0660-\u0669\u06f0-\u06f9]+([.٫][\d\u0660-\u0669\u06f0-\u06f9]+)?$/.test(tidy))
      return Number(toLatinDigits(tidy).replace('٫', '.'));
    if (item.fieldType === 'date') return toLatinDigits(tidy);
    return tidy === '' ? null : tidy;
  }
  return value;
}

/**
 * What an edit of answers may contain: keys of field items only; document items come as files.
 * Returns `{ pointer, code }` per refused answer (pointers `/answers/<key>`).
 */
export function answerErrors(checklist: readonly ChecklistItem[], answers: Answers): { pointer: string; code: string }[] {
  const errors: { pointer: string; code: string }[] = [];
  for (const [key, value] of Object.entries(answers)) {
    const item = checklist.find((i) => i.key === key);
    if (!item) errors.push({ pointer: `/answers/${key}`, code: 'checklist.unknown-item' });
    else if (item.kind !== 'field') errors.push({ pointer: `/answers/${key}`, code: 'checklist.document-not-an-answer' });
    else {
      const problem = answerProblem(item, value);
      if (problem) errors.push({ pointer: `/answers/${key}`, code: problem });
    }
  }
  return errors;
}

export interface ChecklistEvaluation {
  items: ChecklistItemStatus[];
  /** Required items not satisfied, and any item with an invalid answer. */
  missing: string[];
  isSatisfied: boolean;
}

/** Evaluates every item against the answers and the documents attached (removed ones excluded by the caller). */
export function evaluateChecklist(
  checklist: readonly ChecklistItem[],
  answers: Answers,
  documents: readonly { itemKey: string }[],
): ChecklistEvaluation {
  const items = checklist.map((item): ChecklistItemStatus => {
    let problem: string | null = null;
    let isPresent: boolean;
    if (item.kind === 'document') isPresent = documents.some((d) => d.itemKey === item.key);
    else {
      const value = answers[item.key];
      problem = answerProblem(item, value);
      isPresent = !isEmpty(value) && problem === null;
    }
    if (!problem && !isPresent && item.isRequired) problem = 'checklist.missing';
    return {
      key: item.key,
      kind: item.kind,
      labelAr: item.labelAr,
      labelEn: item.labelEn,
      isRequired: item.isRequired,
      isSatisfied: isPresent,
      problem,
    };
  });
  const missing = items.filter((i) => i.problem !== null).map((i) => i.key);
  return { items, missing, isSatisfied: missing.length === 0 };
}

/**
 * A request's answers as a person reads them (issue 25 §3, F2: the access copy is readable): each
 * answered field by its label in the checklist it was filed under, a choice by its option's label,
 * yes/no in words; one line per field, in checklist order, then any key the checklist no longer has.
 * @example answersInWords([{ key: 'project', labelAr: 'المشروع', … }], { project: 'خياطة' }, 'ar') // 'المشروع: خياطة'
 */
export function answersInWords(checklist: readonly ChecklistItem[], answers: Answers, language: 'ar' | 'en'): string {
  const label = (i: { labelAr: string; labelEn: string }) => (language === 'ar' ? i.labelAr : i.labelEn);
  const option = (item: ChecklistItem, value: string) => {
    const found = item.options?.find((o) => o.value === value);
    return found ? label(found) : value;
  };
  const words = (item: ChecklistItem | undefined, value: AnswerValue): string => {
    if (typeof value === 'boolean') return language === 'ar' ? (value ? 'نعم' : 'لا') : value ? 'Yes' : 'No';
    if (Array.isArray(value)) return value.map((v) => (item ? option(item, v) : v)).join(language === 'ar' ? '، ' : ', ');
    if (typeof value === 'string' && item?.fieldType === 'choice') return option(item, value);
    return String(value);
  };
  const known = checklist.filter((i) => i.kind === 'field' && answers[i.key] != null && answers[i.key] !== '');
  const lines = known.map((item) => `${label(item)}: ${words(item, answers[item.key] ?? null)}`);
  for (const [key, value] of Object.entries(answers))
    if (value != null && value !== '' && !checklist.some((i) => i.key === key)) lines.push(`${key}: ${words(undefined, value)}`);
  return lines.join('\n');
}
