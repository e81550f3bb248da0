import type { AssociationSettings } from '../../contracts/settings.js';
import { html } from '../../platform/http/html.js';
import { oneTimeLinkPage } from '../../platform/http/public-frame.js';
import { entryAssets } from '../../platform/http/web-assets.js';

/**
 * The public withdrawal page `/consent#TOKEN` (issue 20 §3, F2): the link in every bulk message.
 * Rendered on the server, Arabic first (`?lang=en` switches), light and made for a 360 px phone;
 * one small script (src/web/consent-public) reads the token from `location.hash` — the part after
 * '#' never reaches the server's logs — and asks the public API. No inline script (the CSP).
 */
export type Language = 'ar' | 'en';
const ENTRY = 'consent-public/consent.ts';

export const CONSENT_PAGE_COPY = {
  ar: {
    title: 'سحب الموافقة',
    intro: 'من هذه الصفحة تسحب الأسرة موافقتها على أحد أغراض استخدام بياناتها أو التواصل معها، دون تسجيل الدخول.',
    loading: 'جارٍ التحقق من الرابط…',
    purpose: 'الغرض',
    explain: 'بعد السحب لن تصلكم رسائل لهذا الغرض. يمكنكم إعادة الموافقة لاحقًا عبر الجمعية.',
    requiredExplain: 'هذه الموافقة لازمة لتقديم خدمات الجمعية: سحبها يعني إنهاء تقديم الخدمة للأسرة. لا يُسجَّل السحب إلا بعد تأكيد ثانٍ.',
    confirmEnd: 'أفهم أن سحب هذه الموافقة يُنهي تقديم الخدمة، وأؤكد السحب',
    withdraw: 'سحب الموافقة',
    done: 'سُحبت موافقتكم وسُجّل ذلك. لن تصلكم رسائل لهذا الغرض.',
    already: 'هذه الموافقة مسحوبة من قبل، أو تغيّرت بعد إرسال الرابط. لا حاجة لأي إجراء.',
    switchLang: 'en',
    switchLabel: 'English',
    home: 'الصفحة الرئيسية',
    noscript: 'تحتاج هذه الصفحة إلى تفعيل JavaScript في المتصفح.',
    errors: {
      'consent.link-invalid': 'هذا الرابط غير صالح. تأكد من نسخه كاملًا من الرسالة.',
      'consent.link-used': 'هذه الموافقة مسحوبة من قبل، أو تغيّرت بعد إرسال الرابط.',
      'consent.agreed-channel-needs-replacement':
        'هذه قناة التواصل المعتمدة لديكم؛ لسحبها اختاروا قناة بديلة عبر بوابة الأسر أو بالتواصل مع الجمعية.',
      'consent.end-of-service-unconfirmed': 'يلزم تأكيد أن السحب يُنهي تقديم الخدمة.',
      network: 'تعذّر الاتصال. تحقق من الشبكة وحاول مرة أخرى.',
      generic: 'حدث خطأ. حاول مرة أخرى لاحقًا.',
    },
  },
  en: {
    title: 'Withdraw consent',
    intro: 'On this page a family withdraws its consent to one use of its data or way of contacting it, without signing in.',
    loading: 'Checking the link…',
    purpose: 'Purpose',
    explain: 'Once withdrawn, you will receive no more messages for this purpose. You can give it again through the association.',
    requiredExplain:
      'This consent is needed for the association to serve your family: withdrawing it ends the service. It is recorded only after a second confirmation.',
    confirmEnd: 'I understand that withdrawing this consent ends the service, and I confirm it',
    withdraw: 'Withdraw consent',
    done: 'Your consent is withdrawn and recorded. You will receive no more messages for this purpose.',
    already: 'This consent was already withdrawn, or it changed after the link was sent. Nothing more is needed.',
    switchLang: 'ar',
    switchLabel: 'العربية',
    home: 'Home',
    noscript: 'This page needs JavaScript turned on in the browser.',
    errors: {
      'consent.link-invalid': 'This link is not valid. Make sure you copied all of it from the message.',
      'consent.link-used': 'This consent was already withdrawn, or it changed after the link was sent.',
      'consent.agreed-channel-needs-replacement':
        'This is your agreed contact channel: to withdraw it, choose another channel in the family portal or by contacting the association.',
      'consent.end-of-service-unconfirmed': 'Please confirm that withdrawing ends the service.',
      network: 'Could not connect. Check the network and try again.',
      generic: 'Something went wrong. Please try again later.',
    },
  },
} as const;

export function consentPage({
  language,
  association,
  webDir,
}: {
  language: Language;
  association: AssociationSettings;
  webDir: string | undefined;
}): string {
  const t = CONSENT_PAGE_COPY[language];
  return oneTimeLinkPage({
    language,
    association,
    path: '/consent',
    page: 'consent',
    copy: t,
    assets: entryAssets(webDir, ENTRY),
    body: html`<h1>${t.title}</h1>
<p>${t.intro}</p>
<noscript><p class="card notice">${t.noscript}</p></noscript>
<p class="card" id="consent-loading" role="status">${t.loading}</p>
<section class="card" id="consent-form-card" aria-labelledby="consent-purpose" hidden>
  <p class="hint">${t.purpose}</p>
  <h2 id="consent-purpose"></h2>
  <p id="consent-explain">${t.explain}</p>
  <p id="consent-required" class="error-summary" hidden>${t.requiredExplain}</p>
  <form id="consent-form" novalidate>
    <div class="field check" id="field-confirm" hidden>
      <label class="choice"><input type="checkbox" id="confirm-end" name="confirmEndOfService"> ${t.confirmEnd}</label>
    </div>
    <p class="error" id="consent-error" role="alert" hidden></p>
    <button type="submit" class="button primary" id="withdraw">${t.withdraw}</button>
  </form>
</section>
<p class="card ok" id="consent-done" role="status" tabindex="-1" hidden>${t.done}</p>
<p class="card notice" id="consent-already" role="status" hidden>${t.already}</p>
<p class="card notice" id="consent-invalid" role="alert" hidden></p>`,
  });
}
