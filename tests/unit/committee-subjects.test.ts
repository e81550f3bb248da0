import { describe, expect, it } from 'vitest';
import { canonicalSubjectData } from '../../src/domain/attestation.js';
import { composeMinutesText, type MinutesFacts, requestMinutesSentence } from '../../src/domain/minutes.js';

/** Issue 22 (C4, C5, D2): each subject kind words its minutes' lines; any kind's attested data is canonical JSON. */
const facts: MinutesFacts = {
  associationNameAr: 'جمعية حارف',
  committeeNameAr: 'لجنة المتابعة',
  day: '2026-03-10',
  chairName: 'سارة',
  present: ['سارة', 'منى'],
  items: [
    {
      reference: 'REQ-2026-000001',
      typeNameAr: 'الدعم المالي',
      outcome: 'approved',
      reasons: 'استوفت الاشتراطات',
      counts: { approve: 2, partlyApprove: 0, reject: 0, abstain: 0 },
      isTieBroken: false,
    },
    {
      reference: 'CMP-2026-000007',
      typeNameAr: 'تعويض',
      outcome: 'approved',
      sentence: { heading: 'القضية رقم CMP-2026-000007 (تعويض)', decision: 'ثبوت الضرر' },
      reasons: 'ثبت التلف',
      counts: { approve: 2, partlyApprove: 0, reject: 0, abstain: 0 },
      isTieBroken: false,
    },
  ],
  subjectsNounAr: 'الموضوعات',
  notes: null,
  amends: null,
};

describe('subject kinds in the minutes (C5, D2)', () => {
  it('a request without a kind’s wording reads as every minutes always did', () => {
    const text = composeMinutesText(facts);
    expect(text).toContain('أولاً: الطلب رقم REQ-2026-000001 (الدعم المالي)\nالقرار: الموافقة على الطلب.');
    expect(requestMinutesSentence({ reference: 'R', typeNameAr: 'T', outcome: 'deferred' }).decision).toBe(
      'تأجيل البت في الطلب لحين ورود المعلومات المطلوبة من الأسرة',
    );
  });

  it('another kind prints its own heading and decision; a mixed agenda speaks of subjects', () => {
    const text = composeMinutesText(facts);
    expect(text).toContain('ثانياً: القضية رقم CMP-2026-000007 (تعويض)\nالقرار: ثبوت الضرر.');
    expect(text).toContain('ونظرت اللجنة في الموضوعات المدرجة');
    expect(composeMinutesText({ ...facts, subjectsNounAr: undefined })).toContain('ونظرت اللجنة في الطلبات المدرجة');
  });
});

describe('attested data of any kind (C4, issue 22)', () => {
  it('is canonical: key order does not matter, the kind and any change do', () => {
    const a = canonicalSubjectData('agreement', { amount: 5000, terms: { months: 6, start: '2026-04' } });
    expect(canonicalSubjectData('agreement', { terms: { start: '2026-04', months: 6 }, amount: 5000 })).toBe(a);
    expect(canonicalSubjectData('compensation', { amount: 5000, terms: { months: 6, start: '2026-04' } })).not.toBe(a);
    expect(canonicalSubjectData('agreement', { amount: 5001, terms: { months: 6, start: '2026-04' } })).not.toBe(a);
    expect(a).toBe('{"data":{"amount":5000,"terms":{"months":6,"start":"2026-04"}},"kind":"agreement","version":1}');
  });
});
