import { describe, expect, it } from 'vitest';
import type { Minutes } from '../../src/contracts/committees.js';
import { renderMinutesPage } from '../../src/modules/committees/minutes.print.js';

const ASSOCIATION = {
  nameAr: 'جمعية حارف للأسر المنتجة',
  nameEn: 'Harif Association',
  regulatorAr: 'المركز الوطني',
  digits: 'latn',
} as const;

const frozen: Minutes = {
  id: '0190a000-0000-7000-8000-000000000001',
  status: 'frozen',
  amendsId: null,
  createdAt: '2026-03-10T06:00:00.000Z',
  frozenAt: '2026-03-11T07:30:00.000Z',
  meetingId: '0190a000-0000-7000-8000-000000000002',
  committeeId: '0190a000-0000-7000-8000-000000000003',
  text: 'محضر اجتماع لجنة دراسة الطلبات\n\nالطلب REQ-2026-000001: الموافقة',
  notes: null,
  sha256: 'ab'.repeat(32),
  amendedBy: [],
  decisions: [],
  deferred: [],
  approvals: [{ userId: 'u-noura', displayName: 'نورة العضو', approvedAt: '2026-03-11T07:00:00.000Z' }],
  pending: [],
  excused: [{ userId: 'u-saad', displayName: 'سعد الرئيس السابق', excusedAt: '2026-03-11T07:20:00.000Z', excusedBy: 'u-faisal' }],
  moved: [],
  can: { approve: false, edit: false, amend: false, excuse: false },
};

describe('printed minutes (C5)', () => {
  it('C5: lists a member recorded as unable to approve, with who recorded it and when, beside the approvals', () => {
    const page = renderMinutesPage(frozen, ASSOCIATION, new Map([['u-faisal', 'فيصل الرئيس']]));
    const rows = [...page.matchAll(/<tr[^>]*>(.*?)<\/tr>/gs)].map((m) => m[1] ?? '');
    const excused = rows.find((row) => row.includes('سعد الرئيس السابق'));
    expect(excused).toContain('تعذّر عليه الاعتماد');
    expect(excused).toContain('سجّل ذلك فيصل الرئيس');
    // The date of the record in both calendars (Hijri — Gregorian).
    expect(excused).toMatch(/هـ.*2026/s);
    expect(rows.find((row) => row.includes('نورة العضو'))).not.toContain('تعذّر');
    expect(page).toContain('<tr class="excused">');
    expect(page).not.toContain('لم يعتمد بعد');
  });

  it('C5: names are escaped, and an unknown recorder is called the chair', () => {
    const page = renderMinutesPage(
      { ...frozen, excused: [{ ...frozen.excused[0], displayName: '<b>x</b>' } as Minutes['excused'][number]] },
      ASSOCIATION,
    );
    expect(page).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(page).toContain('سجّل ذلك رئيس اللجنة');
  });

  it('C5: a draft still lists who has not approved yet', () => {
    const page = renderMinutesPage(
      { ...frozen, status: 'draft', frozenAt: null, excused: [], pending: [{ userId: 'u-x', displayName: 'هند', isActive: true }] },
      ASSOCIATION,
    );
    expect(page).toContain('مسودة — غير معتمدة');
    expect(page).toContain('لم يعتمد بعد');
  });
});
