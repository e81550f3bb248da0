import { describe, expect, it } from 'vitest';
import { capReplyTerms, DEFAULT_WARNING_THRESHOLD, MAX_REPLY_WORKING_DAYS } from '../../src/domain/reply-ceiling.js';

describe('C6 reply ceiling (issue 27 §1)', () => {
  it('C6: 15 working days is the ceiling', () => {
    expect(MAX_REPLY_WORKING_DAYS).toBe(15);
  });

  it('C6: terms within the ceiling come back unchanged', () => {
    const terms = { responseWorkingDays: 15, warningThreshold: 14 };
    expect(capReplyTerms(terms)).toBe(terms);
    expect(capReplyTerms({ responseWorkingDays: 1, warningThreshold: null })).toEqual({ responseWorkingDays: 1, warningThreshold: null });
  });

  it('C6: more than 15 days become 15; a warning that still comes before the deadline is kept', () => {
    expect(capReplyTerms({ responseWorkingDays: 16, warningThreshold: 5 })).toEqual({ responseWorkingDays: 15, warningThreshold: 5 });
    expect(capReplyTerms({ responseWorkingDays: 120, warningThreshold: null })).toEqual({
      responseWorkingDays: 15,
      warningThreshold: null,
    });
  });

  it('C6: a warning that would no longer come before the capped deadline falls back to the default', () => {
    expect(capReplyTerms({ responseWorkingDays: 60, warningThreshold: 15 })).toEqual({
      responseWorkingDays: 15,
      warningThreshold: DEFAULT_WARNING_THRESHOLD,
    });
    expect(capReplyTerms({ responseWorkingDays: 60, warningThreshold: 14 }).warningThreshold).toBe(14);
  });
});
