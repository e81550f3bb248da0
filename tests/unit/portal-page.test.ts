import { describe, expect, it } from 'vitest';
import type { FamilyRequestView } from '../../src/contracts/requests.js';
import { formatDualDate } from '../../src/domain/dates.js';
import { PORTAL_COPY } from '../../src/modules/portal/portal.copy.js';
import { renderPortalPage, type SignedInFamily } from '../../src/modules/portal/portal.page.js';
import { DEFAULT_ASSOCIATION } from '../../src/modules/settings/settings.defaults.js';

/**
 * Issue 5 §9: the portal page a family sees — each request's status, what is missing, the deadline
 * in Hijri and Gregorian, the decision and its reasons — rendered on the server, in Arabic by
 * default, with whatever people typed shown as text.
 */
const now = new Date('2026-11-25T09:00:00Z');
const assets = { css: ['/assets/portal.css'], scripts: ['/assets/portal.js'] };

function request(extra: Partial<FamilyRequestView> = {}): FamilyRequestView {
  return {
    id: '01936b2e-0000-7000-8000-000000000001',
    reference: 'REQ-2026-000123',
    typeCode: 'tools-aid',
    typeNameAr: 'دعم الأدوات والمعدات',
    typeNameEn: 'Tools and equipment aid',
    criteriaAr: 'أسرة منتجة مسجلة',
    criteriaEn: 'A registered productive family',
    channel: 'website',
    status: 'draft',
    createdAt: '2026-11-20T08:00:00.000Z',
    missing: [],
    isAttested: false,
    deadlineDay: null,
    deadlineHijri: null,
    decision: null,
    checklist: [],
    answers: {},
    documents: [],
    question: null,
    responseWorkingDays: 15,
    version: 1,
    ...extra,
  };
}

function page(family: SignedInFamily | null, { language = 'ar', canSignIn = true }: { language?: 'ar' | 'en'; canSignIn?: boolean } = {}) {
  return renderPortalPage({ association: DEFAULT_ASSOCIATION, language, assets, now, canSignIn, family });
}

const family = (requests: FamilyRequestView[]): SignedInFamily => ({
  reference: 'FAM-2026-000042',
  headName: 'مريم سعيد القحطاني',
  csrfToken: 'csrf-token-value',
  requests,
});

describe('the portal page, signed out (issue 5 §2)', () => {
  it('is Arabic and right to left by default, with the two sign-in steps and no inline script', () => {
    const html = page(null);
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain('id="start-form"');
    expect(html).toContain('id="verify-form"');
    expect(html).toContain('autocomplete="one-time-code"');
    expect(html).toContain(PORTAL_COPY.ar.codeSent);
    expect(html).toContain('<script type="module" src="/assets/portal.js"></script>');
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toContain('sila-csrf');
  });

  it('in English, left to right, with a switch back to Arabic', () => {
    const html = page(null, { language: 'en' });
    expect(html).toContain('<html lang="en" dir="ltr">');
    expect(html).toContain(PORTAL_COPY.en.sendCode);
    expect(html).toContain('href="/portal?lang=ar"');
  });

  it('without an SMS gateway tells families to apply at reception and shows no form', () => {
    const html = page(null, { canSignIn: false });
    expect(html).toContain(PORTAL_COPY.ar.unavailableTitle);
    expect(html).not.toContain('id="start-form"');
  });
});

describe('the family’s requests (issue 5 §9; C3, C5, C6)', () => {
  it('shows what is missing while the request is being completed, and that the clock has not started', () => {
    const html = page(
      family([
        request({
          missing: [
            { key: 'id-copy', labelAr: 'صورة الهوية', labelEn: 'A copy of the ID', kind: 'document' },
            { key: 'project', labelAr: 'وصف المشروع', labelEn: 'Project description', kind: 'field' },
          ],
        }),
      ]),
    );
    expect(html).toContain('مرحباً، <strong>مريم سعيد القحطاني</strong>');
    expect(html).toContain('<meta name="sila-csrf" content="csrf-token-value">');
    expect(html).toContain(PORTAL_COPY.ar.statuses.draft);
    expect(html).toContain('<li>صورة الهوية</li><li>وصف المشروع</li>');
    expect(html).toContain(PORTAL_COPY.ar.noDeadline);
    expect(html).toContain(PORTAL_COPY.ar.notAttested);
    expect(html).not.toContain('id="start-form"');
  });

  it('shows the deadline in Hijri and Gregorian (C6)', () => {
    const html = page(family([request({ status: 'under-study', isAttested: true, deadlineDay: '2026-12-15' })]));
    const deadline = formatDualDate('2026-12-15', { language: 'ar' });
    expect(html).toContain(`<time>${deadline.hijri}</time> · <time>${deadline.gregorian}</time>`);
    expect(deadline).toEqual({ hijri: '6 رجب 1448 هـ', gregorian: '15 ديسمبر 2026' });
    expect(html).toContain(PORTAL_COPY.ar.statuses['under-study']);
    expect(html).not.toContain(PORTAL_COPY.ar.notAttested);
  });

  it('shows the decision and its reasons, as text', () => {
    const html = page(
      family([
        request({
          status: 'notified',
          isAttested: true,
          deadlineDay: '2026-12-15',
          decision: {
            outcome: 'partly-approved',
            reasons: 'تمت الموافقة على <b>المعدات</b> دون الأدوات',
            decidedAt: '2026-12-01T10:00:00.000Z',
          },
        }),
      ]),
      { language: 'en' },
    );
    expect(html).toContain('Partly approved');
    expect(html).toContain('تمت الموافقة على &lt;b&gt;المعدات&lt;/b&gt; دون الأدوات');
    expect(html).toContain('Tools and equipment aid');
  });

  it('says plainly when there are no requests', () => {
    expect(page(family([]))).toContain(PORTAL_COPY.ar.noRequests);
  });
});

describe('the online application’s request page (issue 5 §2)', () => {
  const checklist: FamilyRequestView['checklist'] = [
    { key: 'story', kind: 'field', fieldType: 'long-text', labelAr: 'نبذة', labelEn: 'About', isRequired: true },
    { key: 'cost', kind: 'field', fieldType: 'number', labelAr: 'التكلفة', labelEn: 'Cost', isRequired: true },
    { key: 'start', kind: 'field', fieldType: 'date', labelAr: 'تاريخ البدء', labelEn: 'Start date', isRequired: false },
    { key: 'owned', kind: 'field', fieldType: 'yes-no', labelAr: 'تملكون المكان؟', labelEn: 'Own the place?', isRequired: true },
    {
      key: 'where',
      kind: 'field',
      fieldType: 'multi-choice',
      labelAr: 'قنوات البيع',
      labelEn: 'Sales channels',
      isRequired: false,
      options: [
        { value: 'home', labelAr: 'من المنزل', labelEn: 'From home' },
        { value: 'online', labelAr: 'عبر الإنترنت', labelEn: 'Online' },
      ],
    },
    { key: 'quote', kind: 'document', labelAr: 'عرض سعر', labelEn: 'Quotation', isRequired: true },
  ];
  const requestPage = (extra: Partial<FamilyRequestView>, canConfirmByCode = true) =>
    renderPortalPage({
      association: DEFAULT_ASSOCIATION,
      language: 'ar',
      assets,
      now,
      canSignIn: true,
      family: family([]),
      view: { kind: 'request', request: request({ checklist, ...extra }), summary: null, canConfirmByCode, agreedChannel: 'sms' },
    });

  it('shows each field kind with the answers kept, typed text as text, and the missing items (C3)', () => {
    const html = requestPage({
      answers: { story: '<script>x</script>', cost: 4500, owned: false, where: ['online'] },
      missing: [{ key: 'quote', kind: 'document', labelAr: 'عرض سعر', labelEn: 'Quotation' }],
    });
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;</textarea>');
    expect(html).not.toContain('<script>x</script>');
    expect(html).toMatch(/id="field-cost" type="text" inputmode="decimal"[^>]*value="4500"/);
    expect(html).toContain('id="field-start" type="date"');
    expect(html).toMatch(/name="owned" id="field-owned-1" value="no" checked>/);
    expect(html).toMatch(/type="checkbox" name="where" id="field-where-1" value="online" checked>/);
    expect(html).toMatch(/type="checkbox" name="where" id="field-where-0" value="home">/);
    expect(html).toContain('data-item-key="quote"');
    expect(html).toContain(PORTAL_COPY.ar.apply.missingIntro);
    expect(html).toContain(PORTAL_COPY.ar.apply.confirmLocked);
    expect(html).not.toContain('id="submit-form"');
  });

  it('information requested: the committee’s question, the paused clock, and the answer form (C5, C6)', () => {
    const html = requestPage({ status: 'information-requested', question: 'أرفقوا <i>صورة</i> المكان', deadlineDay: '2026-12-20' });
    expect(html).toContain(PORTAL_COPY.ar.apply.questionTitle);
    expect(html).toContain('أرفقوا &lt;i&gt;صورة&lt;/i&gt; المكان');
    expect(html).toContain(PORTAL_COPY.ar.apply.pausedNote);
    expect(html).toContain(formatDualDate('2026-12-20', { language: 'ar' }).hijri);
    expect(html).toContain('id="answers-form"');
  });

  it('once sent, no form: the status, the deadline in both calendars and the agreed channel', () => {
    const html = requestPage({ status: 'under-study', isAttested: true, deadlineDay: '2026-12-15' });
    const day = formatDualDate('2026-12-15', { language: 'ar' });
    expect(html).toContain(`<p class="deadline"><time>${day.hijri}</time> · <time>${day.gregorian}</time></p>`);
    expect(html).toContain(PORTAL_COPY.ar.apply.channels.sms);
    expect(html).not.toContain('<form id="answers-form"');
    expect(html).not.toContain('upload-form');
  });

  it('without a way to send codes, nothing missing: confirm at reception', () => {
    const html = requestPage({ isAttested: false }, false);
    expect(html).toContain(PORTAL_COPY.ar.apply.confirmAtReception);
    expect(html).not.toContain('confirm-start-form');
  });
});
