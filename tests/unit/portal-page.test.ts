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
