import { describe, expect, it } from 'vitest';
import type { ServiceRequest } from '../../src/contracts/requests.js';
import { renderSubjectAttestationForm } from '../../src/modules/attestations/attestation.form.js';
import type { AttestedSubject } from '../../src/modules/attestations/attestation-subjects.js';
import { formCode, formCodeMatches, normaliseFormCode } from '../../src/modules/requests/attestation-form-code.js';
import { renderAttestationForm } from '../../src/modules/requests/requests.print.js';

const HASH = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

describe('the printed attestation form’s code (C4)', () => {
  it('C4: the first 12 hex digits of the data’s SHA-256, upper case, in groups of four', () => {
    expect(formCode(HASH)).toBe('9F86-D081-884C');
  });

  it('C4: typed in any case, with spaces or dashes (ASCII or typographic), or as the whole hash', () => {
    for (const typed of ['9F86-D081-884C', '9f86 d081 884c', ' 9f86d081884c ', '9F86‐D081–884C', HASH, HASH.toUpperCase()])
      expect(formCodeMatches(normaliseFormCode(typed) ?? 'x', HASH), typed).toBe(true);
  });

  it('C4: too short, not hex, too long or missing is no code; another form’s code does not match', () => {
    for (const typed of [undefined, '', '9F86-D081', '9F86-D081-884G', `${HASH}0`])
      expect(normaliseFormCode(typed), String(typed)).toBeNull();
    expect(formCodeMatches(normaliseFormCode('9F86-D081-884D') ?? '', HASH)).toBe(false);
  });
});

const REQUEST = {
  reference: 'REQ-2026-000042',
  familyReference: 'FAM-2026-000007',
  familyName: 'Sarah Johnson',
  dataSha256: HASH,
  type: {
    nameAr: 'الالتحاق ببرنامج تدريبي',
    checklist: [
      { key: 'email', kind: 'field', labelAr: 'البريد الإلكتروني' },
      { key: 'trainee', kind: 'field', labelAr: 'اسم المتدرب' },
      { key: 'id-copy', kind: 'document', labelAr: 'صورة الهوية' },
    ],
  },
  answers: { email: 'sarah.j@example.sa', trainee: 'Reem Al-Shammari' },
  documents: [
    { id: 'd1', itemKey: 'id-copy', name: 'ID copy (front) 2.pdf' },
    { id: 'd2', itemKey: 'id-copy', name: 'scan back.jpg' },
  ],
} as unknown as ServiceRequest;

describe('the printed attestation form (C4)', () => {
  const page = renderAttestationForm(REQUEST, { nameAr: 'جمعية حارف', regulatorAr: 'المركز الوطني' }, 'Huda <Reception>', {
    hijri: '١٢ رجب ١٤٤٧ هـ',
    gregorian: '1 يناير 2026 م',
  });

  it('C4: prints the short code and the whole SHA-256 of the data attested', () => {
    expect(page).toContain('<bdi dir="ltr" class="code" data-testid="form-code">9F86-D081-884C</bdi>');
    expect(page).toContain(HASH);
  });

  it('C4: Latin text people typed is isolated (bidi) inside the Arabic page: file names, e-mail, English names', () => {
    // One file a line, each isolated; the line keeps the page's right-to-left alignment.
    expect(page).toContain('<div class="file"><bdi dir="auto">ID copy (front) 2.pdf</bdi></div>');
    expect(page).toContain('<div class="file"><bdi dir="auto">scan back.jpg</bdi></div>');
    expect(page).toContain('<bdi dir="auto">sarah.j@example.sa</bdi>');
    expect(page).toContain('<bdi dir="auto">Reem Al-Shammari</bdi>');
    expect(page).toContain('<bdi dir="auto">Sarah Johnson</bdi>');
    // The witness's name too, and escaped.
    expect(page).toContain('<bdi dir="auto">Huda &lt;Reception&gt;</bdi>');
    expect(page).not.toContain('<Reception>');
    // References stay whole, left to right.
    expect(page).toContain('<bdi dir="ltr" class="nowrap">REQ-2026-000042</bdi>');
    // No Latin file name left bare in the Arabic text.
    const text = page.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<bdi[^>]*>[^<]*<\/bdi>/g, '');
    expect(text).not.toMatch(/\.pdf|\.jpg|@example/);
  });

  it('C4: prints the family’s core data the hash covers (ID, mobile, address, members), so the paper shows all that is attested', () => {
    const withFamily = renderAttestationForm(
      REQUEST,
      { nameAr: 'جمعية حارف', regulatorAr: 'المركز الوطني' },
      'هدى',
      { hijri: 'ه', gregorian: 'م' },
      {
        reference: 'FAM-2026-000007',
        headNameAr: 'سارة جونسون',
        headNameEn: 'Sarah Johnson',
        nationalId: '1000000008',
        mobile: '+966512345678',
        city: 'الدمام',
        address: 'حي الفيصلية، شارع 12',
        members: [{ name: 'Adam Johnson', relation: 'son', nationalId: null, birthDate: '2015-04-02' }],
      },
    );
    expect(withFamily).toContain('<bdi dir="ltr" class="nowrap">1000000008</bdi>');
    expect(withFamily).toContain('<bdi dir="ltr" class="nowrap">+966512345678</bdi>');
    expect(withFamily).toContain('<bdi dir="auto">حي الفيصلية، شارع 12</bdi>');
    expect(withFamily).toContain('<div><bdi dir="auto">Adam Johnson</bdi> — ابن — <bdi dir="ltr" class="nowrap">2015-04-02</bdi></div>');
  });

  it('C4, issue 22: a subject’s form prints in the request’s frame — same page, styles, signature lines and code', () => {
    const association = { nameAr: 'جمعية حارف', regulatorAr: 'المركز الوطني' };
    const today = { hijri: 'ه', gregorian: 'م' };
    const subject = renderSubjectAttestationForm(
      { reference: 'CMP-2026-000003', titleAr: 'شكوى', lines: [{ labelAr: 'الاسم', value: 'Sarah <J>' }] } as unknown as AttestedSubject,
      HASH,
      association,
      'هدى',
      today,
    );
    const request = renderAttestationForm(REQUEST, association, 'هدى', today);
    const frame = (page: string) => ({
      head: page.slice(0, page.indexOf('<title>')),
      style: /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? '',
      header: /<header>[\s\S]*?<\/header>/.exec(page)?.[0],
      signatures: /<div class="signatures">[\s\S]*?<\/div>\n {2}<\/div>/.exec(page)?.[0],
    });
    const ofSubject = frame(subject);
    const ofRequest = frame(request);
    expect(ofSubject.head).toBe(ofRequest.head);
    expect(ofRequest.style.startsWith(ofSubject.style)).toBe(true);
    expect(ofRequest.style).toBe(ofSubject.style);
    expect(ofSubject.style).toContain('@page { size: A4;');
    expect(ofSubject.header).toBe(ofRequest.header);
    expect(ofSubject.signatures).toBe(ofRequest.signatures);
    expect(subject).toContain('<title>إقرار صحة البيانات — CMP-2026-000003</title>');
    expect(subject).toContain('<bdi dir="ltr" class="code" data-testid="form-code">9F86-D081-884C</bdi>');
    expect(subject).toContain('<bdi dir="auto">Sarah &lt;J&gt;</bdi>');
  });
});
