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
    expect(excused).toContain('سجّل ذلك <bdi dir="auto">فيصل الرئيس</bdi>');
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

  it('C5: Latin names, e-mails and codes in the text and the approvals keep their order inside the Arabic (bidi isolated)', () => {
    const page = renderMinutesPage(
      {
        ...frozen,
        text: 'محضر اجتماع لجنة دراسة الطلبات\n\n1. John Smith (رئيس اللجنة)\nالأسباب: شهادة من TVTC Riyadh، والتواصل على a.b@example.sa الساعة 10:30',
        approvals: [{ userId: 'u-j', displayName: 'Mary Ann Lee', approvedAt: '2026-03-11T07:00:00.000Z' }],
        pending: [{ userId: 'u-k', displayName: 'Omar K. Saleh', isActive: true }],
      },
      ASSOCIATION,
      new Map([['u-faisal', 'Faisal Chair']]),
    );
    for (const run of ['John Smith', 'TVTC Riyadh', 'a.b@example.sa', '10:30', '1'])
      expect(page, run).toContain(`<bdi dir="ltr">${run}</bdi>`);
    expect(page).toContain('<td><bdi dir="auto">Mary Ann Lee</bdi></td>');
    expect(page).toContain('<td><bdi dir="auto">Omar K. Saleh</bdi></td>');
    expect(page).toContain('سجّل ذلك <bdi dir="auto">Faisal Chair</bdi>');
    // No Latin word left outside an isolate in the body.
    const body = page.slice(page.indexOf('<div class="text">'), page.indexOf('<p class="fingerprint">'));
    expect(body.replace(/<bdi[^>]*>[^<]*<\/bdi>/g, '').replace(/<[^>]+>/g, '')).not.toMatch(/[A-Za-z]/);
  });
});
