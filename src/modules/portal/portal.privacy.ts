import { PRIVACY_REQUEST_KINDS } from '../../contracts/privacy.js';
import { html, type SafeHtml } from '../../platform/http/html.js';

/**
 * The portal's "my data" form (issue 25 §2, F2): what both privacy notices promise — the family may
 * ask to see, correct or erase its data, object, or take a portable copy. The privacy area records
 * the request (`POST /api/v1/portal/privacy-requests`) and answers within 30 days.
 */
const COPY = {
  ar: {
    title: 'بياناتي الشخصية',
    intro:
      'لكم أن تطلبوا الاطلاع على بياناتكم المسجلة لدينا أو تصحيحها أو إتلافها، أو الاعتراض على معالجتها، أو نسخة منها. نرد خلال 30 يومًا.',
    kind: 'ماذا تطلبون؟',
    details: 'تفاصيل (اختياري)',
    submit: 'إرسال الطلب',
    done: 'وصل طلبكم برقم {reference}، وسنرد عليه قبل {deadline}.',
    generic: 'تعذّر إرسال الطلب. حاولوا مرة أخرى.',
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
    kinds: {
      access: 'See my data',
      correction: 'Correct my data',
      erasure: 'Erase my data',
      objection: 'Object to processing of my data',
      'portable-copy': 'A portable copy of my data',
    },
  },
} as const;

export function portalPrivacySection(language: 'ar' | 'en'): SafeHtml {
  const t = COPY[language];
  return html`<section class="card" id="privacy-request" aria-labelledby="privacy-heading">
  <h2 id="privacy-heading">${t.title}</h2>
  <p>${t.intro}</p>
  <form id="privacy-request-form" data-msg-generic="${t.generic}" data-msg-done="${t.done}">
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
