import type { FamilyConsents } from '../../contracts/families.js';
import { CONTACT_CHANNELS, familyConsents, portalWithdrawConsentBody } from '../../contracts/families.js';
import type { PrivacyNotice } from '../../contracts/settings.js';
import { contactPurposeOf } from '../../domain/consent.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/http/app-error.js';
import { html, type SafeHtml } from '../../platform/http/html.js';
import { familyOnly } from '../../platform/http/route-policy.js';
import { type App, familyOf } from '../../platform/http/types.js';
import { familyOwnConsents, withdrawOwnConsent } from '../families/index.js';
import { privacyNoticeExists } from '../settings/index.js';

/**
 * The family's consents in the portal (issue 20 §3, F2, C5): the family sees what it agreed to and
 * withdraws a purpose itself — choosing a new agreed channel when it withdraws contact on the agreed
 * one, and confirming twice when it withdraws the purpose the service needs. The rules are the
 * families area's; this file holds the routes and the home page's section.
 */
const FAMILY = familyOnly();

export function portalConsentRoutes(app: App, ctx: AppContext): void {
  app.get('/api/v1/portal/consents', {
    config: { policy: FAMILY },
    schema: { tags: ['portal'], response: { 200: familyConsents } },
    handler: (request) => familyOwnConsents(ctx, familyOf(request).familyId),
  });

  app.post('/api/v1/portal/consents/withdraw', {
    config: { policy: FAMILY },
    schema: { tags: ['portal'], body: portalWithdrawConsentBody, response: { 200: familyConsents } },
    handler: (request) => withdrawOwnConsent(ctx, familyOf(request).familyId, request.body),
  });
}

const COPY = {
  ar: {
    title: 'موافقاتي',
    intro: 'ما وافقتم عليه من أغراض استخدام بياناتكم والتواصل معكم. يمكنكم سحب أي موافقة هنا.',
    given: 'موافَق عليه',
    withdrawn: 'مسحوب',
    none: 'لا موافقة',
    withdraw: 'سحب الموافقة',
    newChannel: 'هذه قناة التواصل المعتمدة لديكم؛ اختاروا قناة بديلة:',
    choose: 'اختر القناة',
    endOfService: 'هذه الموافقة لازمة لتقديم خدمات الجمعية: سحبها يُنهي تقديم الخدمة لأسرتكم.',
    confirmEnd: 'أفهم أن السحب يُنهي الخدمة، وأؤكده',
    done: 'سُحبت الموافقة وسُجّل ذلك.',
    channels: { sms: 'رسالة نصية', 'phone-call': 'اتصال هاتفي', email: 'بريد إلكتروني', whatsapp: 'واتساب', letter: 'خطاب', fax: 'فاكس' },
    errors: {
      'consent.agreed-channel-needs-replacement': 'اختاروا قناة التواصل البديلة أولًا.',
      'consent.end-of-service-unconfirmed': 'يلزم تأكيد أن السحب يُنهي الخدمة.',
      'consent.not-given': 'هذه الموافقة مسحوبة من قبل.',
      generic: 'تعذّر الحفظ. حاولوا مرة أخرى.',
    },
  },
  en: {
    title: 'My consents',
    intro: 'What you agreed your data may be used for and how we may contact you. You can withdraw any consent here.',
    given: 'Given',
    withdrawn: 'Withdrawn',
    none: 'Not given',
    withdraw: 'Withdraw consent',
    newChannel: 'This is your agreed contact channel; choose another one:',
    choose: 'Choose a channel',
    endOfService: 'This consent is needed for the association to serve your family: withdrawing it ends the service.',
    confirmEnd: 'I understand that withdrawing ends the service, and I confirm it',
    done: 'The consent is withdrawn and recorded.',
    channels: { sms: 'SMS', 'phone-call': 'Phone call', email: 'E-mail', whatsapp: 'WhatsApp', letter: 'Letter', fax: 'Fax' },
    errors: {
      'consent.agreed-channel-needs-replacement': 'Choose the new contact channel first.',
      'consent.end-of-service-unconfirmed': 'Please confirm that withdrawing ends the service.',
      'consent.not-given': 'This consent was already withdrawn.',
      generic: 'Could not save. Please try again.',
    },
  },
} as const;

/** The home page's section: each purpose's state, and a withdrawal form for each consent given. */
export function portalConsentsSection(language: 'ar' | 'en', consents: FamilyConsents): SafeHtml {
  const t = COPY[language];
  const rows = consents.purposes.map((p) => {
    const name = language === 'ar' ? p.nameAr : p.nameEn;
    const isAgreed = contactPurposeOf(consents.agreedChannel) === p.purpose;
    const form =
      p.state === 'given'
        ? html`<form class="consent-form" data-purpose="${p.purpose}" data-msg-generic="${t.errors.generic}"
    data-msg-channel="${t.errors['consent.agreed-channel-needs-replacement']}" data-msg-confirm="${t.errors['consent.end-of-service-unconfirmed']}"
    data-msg-not-given="${t.errors['consent.not-given']}">
  ${
    isAgreed
      ? html`<label for="new-channel-${p.purpose}">${t.newChannel}</label>
  <select id="new-channel-${p.purpose}" name="newAgreedChannel" required>
    <option value="">${t.choose}</option>
    ${CONTACT_CHANNELS.filter((c) => c !== consents.agreedChannel).map((c) => html`<option value="${c}">${t.channels[c]}</option>`)}
  </select>`
      : ''
  }
  ${
    p.isRequired
      ? html`<p class="hint">${t.endOfService}</p>
  <label class="choice"><input type="checkbox" name="confirmEndOfService"> ${t.confirmEnd}</label>`
      : ''
  }
  <p class="error" role="alert" hidden></p>
  <button type="submit" class="button secondary">${t.withdraw}</button>
</form>`
        : '';
    return html`<li class="consent" data-purpose="${p.purpose}">
  <p><strong>${name}</strong> — <span class="status">${t[p.state]}</span></p>
  ${form}
</li>`;
  });
  return html`<section class="card consents" id="consents" aria-labelledby="consents-heading">
  <h2 id="consents-heading">${t.title}</h2>
  <p>${t.intro}</p>
  <p class="sent" id="consent-done" role="status" hidden>${t.done}</p>
  <ul class="consent-list">${rows}</ul>
</section>`;
}

const NOTICE_COPY = {
  ar: { title: 'إشعار الخصوصية', version: 'الإصدار', agree: 'بتقديم الطلب توافقون على ما في إشعار الخصوصية.' },
  en: { title: 'Privacy notice', version: 'Version', agree: 'By applying you agree to the privacy notice.' },
} as const;

/** The online application shows the registration notice's current version (issue 20 §4, F2). */
export function applicationNotice(language: 'ar' | 'en', notice: PrivacyNotice): SafeHtml {
  const t = NOTICE_COPY[language];
  return html`<details class="privacy-notice">
  <summary>${t.title}</summary>
  <p>${language === 'ar' ? notice.textAr : notice.textEn}</p>
  <p class="hint">${t.version}: <bdi dir="ltr">${notice.version}</bdi></p>
</details>
<p class="hint">${t.agree}</p>`;
}

/** F2, issue 20 §4: an application names a version of the registration notice that exists (400 otherwise). */
export async function assertApplicationNotice(ctx: AppContext, version: string | undefined): Promise<void> {
  if (version === undefined || (await privacyNoticeExists(ctx.db, 'registration', version))) return;
  throw AppError.badRequest('request.invalid', 'No such privacy-notice version', [
    { pointer: '/privacyNoticeVersion', code: 'privacyNotice.unknown-version', detail: 'Send a version of the notice that exists' },
  ]);
}
