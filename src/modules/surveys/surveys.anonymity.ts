import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { AnswersCell } from '../../contracts/survey-answers.js';
import type { SurveyResponseTable } from '../../platform/db/schema-surveys.js';

/**
 * What a reader sees of an anonymous answer's identity (H1, issue 24 §4): no day, only the month, and
 * an id that holds no time (a stored id is time-ordered) and differs from one figure to the next, so
 * rows cannot be matched across figures to narrow down who answered. Named answers keep both.
 */
export function shownIdentity(row: Pick<SurveyResponseTable, 'id' | 'family_id' | 'submitted_at'>, cell: AnswersCell) {
  if (row.family_id !== null) return { id: row.id, submittedAt: row.submitted_at, isAnonymous: false };
  const id = createHash('sha256')
    .update(`${row.id}|${JSON.stringify(cell)}`)
    .digest('base64url')
    .slice(0, 22);
  return { id, submittedAt: row.submitted_at.slice(0, 7), isAnonymous: true };
}

/**
 * The list's order: anonymous answers sort by their month only and, within it, by their sealed
 * answers (random ciphertext) instead of their time-ordered id — so their order tells nothing of when
 * each was given.
 */
export const submittedOrder = sql<string>`case when survey_responses.family_id is null then substr(survey_responses.submitted_at, 1, 7) else survey_responses.submitted_at end`;
export const tieBreak = sql<string>`case when survey_responses.family_id is null then survey_responses.answers else survey_responses.id end`;
