import { describe, expect, it } from 'vitest';
import { formatRiyals } from '../../src/domain/compensation-status.js';
import { compensationCommitteeSubject, harmFinding } from '../../src/modules/compensation/compensation.guard.js';
import { offerText } from '../../src/modules/compensation/compensation.negotiation.js';

/** D2: what a vote finding harm must state, and how the minutes word it; D4: what the family reads of an offer. */
describe('compensation as a committee subject (issue 23, D2)', () => {
  it('D2: a finding states the harm, its causes and its size — an amount, a description or both', () => {
    expect(harmFinding.safeParse({ harm: 'خسارة رأس المال', causes: 'تأخر الصرف', amountHalalas: 100 }).success).toBe(true);
    expect(harmFinding.safeParse({ harm: 'خسارة رأس المال', causes: 'تأخر الصرف', sizeDescription: 'كامل البضاعة' }).success).toBe(true);
    const sizeless = harmFinding.safeParse({ harm: 'خسارة رأس المال', causes: 'تأخر الصرف' });
    expect(sizeless.success).toBe(false);
    expect(sizeless.error?.issues[0]?.message).toBe('compensation.size-required');
    expect(harmFinding.safeParse({ harm: 'خسارة', causes: 'تأخر الصرف', amountHalalas: 0 }).success).toBe(false);
    expect(harmFinding.safeParse({ harm: 'خسارة رأس المال', causes: 'تأخر الصرف', amountHalalas: 5, extra: 1 }).success).toBe(false);
  });

  it('D2: the minutes print the harm, its size and causes in Arabic, and say plainly when no fault is found', () => {
    const payload = { harm: 'تلف البضاعة', amountHalalas: 750_000, sizeDescription: 'بضاعة معرض كامل', causes: 'سوء التخزين' };
    const ar = compensationCommitteeSubject.minutesSentence(
      { reference: 'COMP-2026-000001', typeNameAr: 'قضية تعويض', outcome: 'approved', payload },
      'ar',
    );
    expect(ar.heading).toBe('قضية التعويض رقم COMP-2026-000001');
    for (const part of ['تلف البضاعة', '7,500.00 ريال', 'بضاعة معرض كامل', 'سوء التخزين']) expect(ar.decision).toContain(part);
    const en = compensationCommitteeSubject.minutesSentence(
      { reference: 'COMP-2026-000001', typeNameAr: 'قضية تعويض', outcome: 'approved', payload },
      'en',
    );
    expect(en.decision).toContain('SAR 7,500.00');
    const none = compensationCommitteeSubject.minutesSentence(
      { reference: 'COMP-2026-000002', typeNameAr: 'قضية تعويض', outcome: 'rejected' },
      'ar',
    );
    expect(none.decision).toBe('لم يثبت خطأ الجمعية ولا الضرر المدّعى');
    expect(compensationCommitteeSubject.decision.options).toEqual(['approve', 'reject']);
    expect(compensationCommitteeSubject.decision.isReasonRequired('reject')).toBe(true);
    expect(compensationCommitteeSubject.decision.payload?.isRequired('approve')).toBe(true);
  });

  it('D4: the family reads an offer’s content, in riyals, never its notes', () => {
    expect(offerText({ amount: 125_050, remedy: 'ماكينة خياطة', service: null, hasApology: true })).toBe(
      'مبلغ 1,250.50 ريال، تعويض عيني: ماكينة خياطة، اعتذار رسمي من الجمعية',
    );
    expect(formatRiyals(5, 'en')).toBe('SAR 0.05');
    expect(formatRiyals(100_000_000, 'ar')).toBe('1,000,000.00 ريال');
  });
});
