import { describe, expect, it } from 'vitest';
import {
  addTallies,
  checkQuestions,
  cleanAnswers,
  cooldownStart,
  isCoolingDown,
  isNegative,
  responseRate,
  type SurveyQuestion,
  scoresOf,
  summarise,
  tallyOf,
} from '../../src/domain/survey.js';

/** Issue 24 (H1, C1): the pure rules of questionnaires, answers and scores. */
const QUESTIONS: SurveyQuestion[] = [
  { id: 'csat', kind: 'csat', textAr: 'الرضا', textEn: 'Satisfaction', isRequired: true },
  { id: 'why', kind: 'text', textAr: 'لماذا', textEn: 'Why', isRequired: true, showIf: { questionId: 'csat', anyOf: [1, 2] } },
  { id: 'nps', kind: 'nps', textAr: 'توصية', textEn: 'Recommend', isRequired: false },
  {
    id: 'pick',
    kind: 'multiple',
    textAr: 'اختر',
    textEn: 'Pick',
    isRequired: false,
    options: [
      { value: 'a', labelAr: 'أ', labelEn: 'A' },
      { value: 'b', labelAr: 'ب', labelEn: 'B' },
    ],
  },
  { id: 'ok', kind: 'yes-no', textAr: 'هل', textEn: 'Was it', isRequired: false },
];

describe('survey questions and answers (H1)', () => {
  it('H1: a consistent questionnaire has no issues; duplicates, missing options and forward skip logic are named', () => {
    expect(checkQuestions(QUESTIONS)).toEqual([]);
    const broken: SurveyQuestion[] = [
      { id: 'a', kind: 'single', textAr: 'س', textEn: 'Q', isRequired: true, options: [] },
      { id: 'a', kind: 'text', textAr: 'س', textEn: 'Q', isRequired: false, showIf: { questionId: 'z', anyOf: ['x'] } },
    ];
    expect(checkQuestions(broken).map((i) => i.code)).toEqual([
      'survey.options-needed',
      'survey.duplicate-question',
      'survey.skip-target-unknown',
    ]);
  });

  it('H1 bad input: questions not in the version, out-of-range scores and unknown options are refused', () => {
    const { issues } = cleanAnswers(QUESTIONS, { csat: 6, nps: -1, pick: ['a', 'c'], ok: 'maybe', extra: 1 }, { isFinal: false });
    expect(issues.map((i) => `${i.pointer} ${i.code}`).sort()).toEqual([
      '/answers/csat survey.out-of-range',
      '/answers/extra survey.unknown-question',
      '/answers/nps survey.out-of-range',
      '/answers/ok survey.invalid-answer',
      '/answers/pick survey.unknown-option',
    ]);
    expect(cleanAnswers(QUESTIONS, { csat: 4.5 }, { isFinal: false }).issues[0]?.code).toBe('survey.out-of-range');
  });

  it('H1 skip logic: a hidden question is neither required nor kept; a shown required one must be answered on submit', () => {
    expect(cleanAnswers(QUESTIONS, { csat: 5, why: 'ignored' }, { isFinal: true })).toEqual({ answers: { csat: 5 }, issues: [] });
    expect(cleanAnswers(QUESTIONS, { csat: 1 }, { isFinal: true }).issues).toEqual([
      { pointer: '/answers/why', code: 'survey.answer-required' },
    ]);
    // A partial save needs nothing.
    expect(cleanAnswers(QUESTIONS, {}, { isFinal: false }).issues).toEqual([]);
  });

  it('H1: free text is kept as text, trimmed, script and all', () => {
    const { answers } = cleanAnswers(QUESTIONS, { csat: 2, why: '  <script>x</script>  ' }, { isFinal: true });
    expect(scoresOf(QUESTIONS, answers)).toEqual({ csat: 2, nps: null, comment: '<script>x</script>' });
  });
});

describe('survey scores (H1, C1)', () => {
  it('H1: negative answers by the settings’ thresholds (CSAT ≤ 2 or NPS ≤ 6 by default)', () => {
    const limits = { csatAtMost: 2, npsAtMost: 6 };
    expect(isNegative({ csat: 2, nps: null }, limits)).toBe(true);
    expect(isNegative({ csat: 3, nps: 6 }, limits)).toBe(true);
    expect(isNegative({ csat: 3, nps: 7 }, limits)).toBe(false);
  });

  it('H1 small-cell rule: fewer than 5 responses show only their count', () => {
    const four = [5, 4, 4, 3].map((csat) => ({ csat, nps: 9 }));
    expect(summarise(tallyOf(four))).toEqual({ responses: 4, csatAverage: null, csatDistribution: null, nps: null });
    const five = [...four, { csat: 1, nps: 0 }];
    expect(summarise(tallyOf(five))).toEqual({ responses: 5, csatAverage: 3.4, csatDistribution: [1, 0, 1, 2, 1], nps: 60 });
    // Cells add up: two tallies summed are the tally of both cells' responses.
    expect(addTallies(tallyOf(four), tallyOf([{ csat: 1, nps: 0 }]))).toEqual(tallyOf(five));
    expect(responseRate(4, 4)).toBeNull();
    expect(responseRate(8, 2)).toBe(25);
  });

  it('H1: one invitation per family in N days (reminders are not invitations)', () => {
    const now = new Date('2026-12-05T10:00:00Z');
    expect(isCoolingDown(null, now, 30)).toBe(false);
    expect(isCoolingDown(new Date('2026-11-06T10:00:01Z'), now, 30)).toBe(true);
    expect(isCoolingDown(new Date('2026-11-05T10:00:00Z'), now, 30)).toBe(false);
    // Campaigns query with the window's start: an invitation sent exactly then no longer counts.
    expect(cooldownStart(now, 30).toISOString()).toBe('2026-11-05T10:00:00.000Z');
    expect(isCoolingDown(cooldownStart(now, 30), now, 30)).toBe(false);
  });
});

describe('survey links in logs (H1, issue 24 §4)', () => {
  it('H1: the answer page’s token never reaches the request log', async () => {
    const { redactPath } = await import('../../src/platform/logger.js');
    expect(redactPath('/s/AbCdEfGhIjKlMnOpQrStUv')).toBe('/s/[redacted]');
    expect(redactPath('/staff/families')).toBe('/staff/families');
  });
});
