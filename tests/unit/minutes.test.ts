import { describe, expect, it } from 'vitest';
import { composeMinutesText, type MinutesFacts, minutesDate } from '../../src/domain/minutes.js';

const facts: MinutesFacts = {
  associationNameAr: 'جمعية حارف للأسر المنتجة بالمنطقة الشرقية',
  committeeNameAr: 'لجنة دراسة الطلبات',
  day: '2026-03-10',
  chairName: 'سارة العتيبي',
  present: ['سارة العتيبي', 'منى القحطاني', 'هند الدوسري'],
  items: [
    {
      reference: 'REQ-2026-000001',
      typeNameAr: 'دعم الأدوات والتجهيزات',
      outcome: 'approved',
      reasons: 'استوفت الأسرة الاشتراطات',
      counts: { approve: 3, partlyApprove: 0, reject: 0, abstain: 0 },
      isTieBroken: false,
    },
    {
      reference: 'REQ-2026-000002',
      typeNameAr: 'الدعم المالي',
      outcome: 'rejected',
      reasons: 'الدخل يتجاوز الحد\nسبق الدعم هذا العام',
      counts: { approve: 1, partlyApprove: 0, reject: 1, abstain: 1 },
      isTieBroken: true,
    },
  ],
  notes: null,
  amends: null,
};

describe('minutes text (C5)', () => {
  it('dates the meeting in both calendars, Hijri first', () => {
    expect(minutesDate('2026-03-10')).toBe('الثلاثاء 21 رمضان 1447 هـ الموافق 10 مارس 2026 م');
    expect(minutesDate('2026-03-10', 'arab')).toContain('١٤٤٧');
  });

  it('C5: names the association, the committee, the members present and each decision with its reasons', () => {
    const text = composeMinutesText(facts);
    expect(text.split('\n')[0]).toBe('محضر اجتماع لجنة دراسة الطلبات');
    expect(text).toContain('جمعية حارف للأسر المنتجة بالمنطقة الشرقية');
    expect(text).toContain('1. سارة العتيبي (رئيس اللجنة)');
    expect(text).toContain('3. هند الدوسري');
    expect(text).toContain('أولاً: الطلب رقم REQ-2026-000001 (دعم الأدوات والتجهيزات)');
    expect(text).toContain('القرار: الموافقة على الطلب.');
    expect(text).toContain('ثانياً: الطلب رقم REQ-2026-000002 (الدعم المالي)');
    expect(text).toContain('القرار: رفض الطلب.');
    expect(text).toContain('رُجِّح الجانب الذي صوّت معه رئيس اللجنة');
    expect(text).toContain('الأسباب: الدخل يتجاوز الحد؛ سبق الدعم هذا العام');
  });

  it('the same facts give the same text (its SHA-256 is what freezing stores)', () => {
    expect(composeMinutesText(facts)).toBe(composeMinutesText({ ...facts }));
  });

  it('an amendment says what it corrects and which frozen minutes it amends', () => {
    const text = composeMinutesText({ ...facts, notes: 'تصحيح اسم نوع الطلب', amends: { day: '2026-03-10', sha256: 'ab'.repeat(32) } });
    expect(text.split('\n')[0]).toBe('محضر تصحيحي لاجتماع لجنة دراسة الطلبات');
    expect(text).toContain('وجه التصحيح: تصحيح اسم نوع الطلب');
    expect(text).toContain(`ذي البصمة ${'ab'.repeat(8)}`);
  });

  it('C6: a request waiting for the family’s information is listed as deferred, after the decisions', () => {
    const text = composeMinutesText({ ...facts, deferred: [{ reference: 'REQ-2026-000003', typeNameAr: 'التدريب والتأهيل' }] });
    expect(text).toContain('ثالثاً: الطلب رقم REQ-2026-000003 (التدريب والتأهيل)');
    expect(text).toContain('القرار: تأجيل البت في الطلب لحين ورود المعلومات المطلوبة من الأسرة.');
  });

  it('a meeting with nothing on its agenda says so', () => {
    expect(composeMinutesText({ ...facts, items: [] })).toContain('ولم يُدرج على جدول أعمال الاجتماع أي طلب.');
  });
});
