import type { PortalPrivacyRequest, PrivacyRequestStatus } from '../../contracts/privacy.js';
import { PRIVACY_REQUEST_KINDS } from '../../contracts/privacy.js';
import type { AssociationSettings } from '../../contracts/settings.js';
import { formatDualDate } from '../../domain/dates.js';
import { html, type SafeHtml } from '../../platform/http/html.js';

/**
 * The portal's "my data" form (issue 25 §2, F2): what both privacy notices promise — the family may
 * ask to see, correct or erase its data, object, or take a portable copy. The privacy area records
 * the request (`POST /api/v1/portal/privacy-requests`) and answers within 30 days. At
 * `/portal/privacy` the family follows the requests it filed here — status, deadline in both
 * calendars — and downloads its access copy for its 7 days (issue 25 §3).
 */
export const PORTAL_PRIVACY_COPY = {
  ar: {
    title: 'بياناتي الشخصية',
    intro:
      'لكم أن تطلبوا الاطلاع على بياناتكم المسجلة لدينا أو تصحيحها أو إتلافها، أو الاعتراض على معالجتها، أو نسخة منها. نرد خلال 30 يومًا.',
    kind: 'ماذا تطلبون؟',
    details: 'تفاصيل (اختياري)',
    submit: 'إرسال الطلب',
    done: 'وصل طلبكم برقم {reference}، وسنرد عليه قبل {deadline}.',
    generic: 'تعذّر إرسال الطلب. حاولوا مرة أخرى.',
    follow: 'متابعة طلباتي بشأن بياناتي',
    listTitle: 'طلباتي بشأن بياناتي',
    empty: 'لم تقدّموا من البوابة طلبًا بشأن بياناتكم بعد.',
    back: 'العودة إلى طلباتي',
    requestNumber: 'رقم الطلب',
    receivedOn: 'تاريخ تقديم الطلب',
    deadline: 'موعد الرد',
    copy: 'نسخة البيانات',
    copyPending: 'نُعدّ نسخة بياناتكم الآن.',
    copyReady: 'نسخة بياناتكم جاهزة للتنزيل حتى',
    copyExpired: 'انتهت مدة تنزيل النسخة (7 أيام) وحُذفت. لكم تقديم طلب جديد أو استلامها من مقر الجمعية.',
    downloadHtml: 'تنزيل النسخة (صفحة للطباعة)',
    downloadJson: 'تنزيل النسخة (ملف JSON)',
    statuses: {
      received: 'استُلم الطلب',
      verified: 'قيد الدراسة',
      answered: 'أُجيب الطلب',
      refused: 'تعذّرت إجابة الطلب',
    },
    kinds: {
      access: 'الاطلاع على بياناتي',
      correction: 'تصحيح بياناتي',
      erasure: 'إتلاف بياناتي',
      objection: 'الاعتراض على معالجة بياناتي',
      'portable-copy': 'نسخة من بياناتي بصيغة قابلة للنقل',
    },
  },
  en: {
    title: 'My personal data',
    intro:
      'You may ask to see the data we hold about you, correct it or erase it, object to its processing, or receive a copy. We answer within 30 days.',
    kind: 'What do you ask for?',
    details: 'Details (optional)',
    submit: 'Send the request',
    done: 'Your request {reference} is received; we will answer it by {deadline}.',
    generic: 'Could not send the request. Please try again.',
    follow: 'Follow my data requests',
    listTitle: 'My data requests',
    empty: 'You have not filed a request about your data in the portal yet.',
    back: 'Back to my requests',
    requestNumber: 'Request number',
    receivedOn: 'Filed on',
    deadline: 'Answer due by',
    copy: 'Copy of the data',
    copyPending: 'We are preparing the copy of your data.',
    copyReady: 'The copy of your data can be downloaded until',
    copyExpired: 'The copy’s 7 days are over and it was deleted. You may file a new request or collect it at the association’s office.',
    downloadHtml: 'Download the copy (print page)',
    downloadJson: 'Download the copy (JSON file)',
    statuses: {
      received: 'Received',
      verified: 'Being handled',
      answered: 'Answered',
      refused: 'Could not be granted',
    },
    kinds: {
      access: 'See my data',
      correction: 'Correct my data',
      erasure: 'Erase my data',
      objection: 'Object to processing of my data',
      'portable-copy': 'A portable copy of my data',
    },
  },
} as const;
const COPY = PORTAL_PRIVACY_COPY;

export function portalPrivacySection(language: 'ar' | 'en', { withFollowLink = true } = {}): SafeHtml {
  const t = COPY[language];
  return html`<section class="card" id="privacy-request" aria-labelledby="privacy-heading">
  <h2 id="privacy-heading">${t.title}</h2>
  <p>${t.intro}</p>
  ${withFollowLink ? html`<p class="request-link"><a class="button secondary" href="/portal/privacy">${t.follow}</a></p>` : ''}
  <form id="privacy-request-form" class="portal-form" data-msg-generic="${t.generic}" data-msg-done="${t.done}">
    <label for="privacy-kind">${t.kind}</label>
    <select id="privacy-kind" name="kind" required>
      ${PRIVACY_REQUEST_KINDS.map((kind) => html`<option value="${kind}">${t.kinds[kind]}</option>`)}
    </select>
    <label for="privacy-details">${t.details}</label>
    <textarea id="privacy-details" name="details" maxlength="2000" rows="3"></textarea>
    <p class="error" role="alert" hidden></p>
    <p class="sent" role="status" hidden></p>
    <button type="submit" class="button secondary">${t.submit}</button>
  </form>
</section>`;
}

type Language = 'ar' | 'en';
type Digits = AssociationSettings['digits'];
type Copy = (typeof COPY)[Language];

function dual(value: string, language: Language, digits: Digits, withTime = false): SafeHtml {
  const d = formatDualDate(value, { language, digits, withTime });
  return html`<time>${d.hijri}</time> · <time>${d.gregorian}</time>`;
}

/** §3: the copy's state; when ready, the two downloads (the staff download's path, audited each time). */
function copyRow(t: Copy, language: Language, digits: Digits, request: PortalPrivacyRequest): SafeHtml | '' {
  const { copy } = request;
  if (!copy) return '';
  if (copy.status === 'pending') return html`<div class="row"><dt>${t.copy}</dt><dd>${t.copyPending}</dd></div>`;
  if (copy.status === 'expired' || !copy.expiresAt) return html`<div class="row"><dt>${t.copy}</dt><dd>${t.copyExpired}</dd></div>`;
  const base = `/api/v1/portal/privacy-requests/${request.id}/access-copy`;
  return html`<div class="row"><dt>${t.copy}</dt><dd>${t.copyReady} ${dual(copy.expiresAt, language, digits, true)}
  <p class="copy-links"><a class="button" href="${base}/html" download>${t.downloadHtml}</a>
  <a class="button secondary" href="${base}/json" download>${t.downloadJson}</a></p></dd></div>`;
}

function requestCard(t: Copy, language: Language, digits: Digits, request: PortalPrivacyRequest): SafeHtml {
  const status: PrivacyRequestStatus = request.status;
  return html`<article class="card request" aria-labelledby="privacy-${request.id}" data-testid="portal-privacy-request">
  <header class="request-head">
    <h3 id="privacy-${request.id}">${t.kinds[request.kind]}</h3>
    <p class="reference">${t.requestNumber} <bdi dir="ltr">${request.reference}</bdi></p>
    <p class="status status-privacy-${status}">${t.statuses[status]}</p>
  </header>
  <dl>
    <div class="row"><dt>${t.receivedOn}</dt><dd>${dual(request.receivedAt, language, digits)}</dd></div>
    <div class="row"><dt>${t.deadline}</dt><dd>${dual(request.deadline.day, language, digits)}</dd></div>
    ${copyRow(t, language, digits, request)}
  </dl>
</article>`;
}

/** `/portal/privacy`: the family's own data-subject requests filed in the portal, then the form for a new one. */
export function portalPrivacyView(language: Language, digits: Digits, requests: readonly PortalPrivacyRequest[]): SafeHtml {
  const t = COPY[language];
  return html`<p class="back"><a href="/portal">${t.back}</a></p>
<section aria-labelledby="privacy-list-heading" data-testid="portal-privacy">
<h2 class="section-title" id="privacy-list-heading">${t.listTitle}</h2>
${
  requests.length
    ? requests.map((request) => requestCard(t, language, digits, request))
    : html`<section class="card empty"><p>${t.empty}</p></section>`
}
</section>
${portalPrivacySection(language, { withFollowLink: false })}`;
}
