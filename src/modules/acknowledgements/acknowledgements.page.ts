import type { AssociationSettings } from '../../contracts/settings.js';
import { html } from '../../platform/http/html.js';
import { oneTimeLinkPage } from '../../platform/http/public-frame.js';
import { entryAssets } from '../../platform/http/web-assets.js';

/**
 * The contract party's page `/ack#TOKEN` (issue 26 §4, P-SCOPE): light, server-rendered, Arabic
 * first (`?lang=en` switches), made for a 360 px phone. One small script (src/web/ack-public) reads
 * the token after '#' — never sent to the server's logs — shows the text, and records the
 * acknowledgement once read to the end. No inline script (the CSP).
 */
export type Language = 'ar' | 'en';
const ENTRY = 'ack-public/ack.ts';

export const ACK_PAGE_COPY = {
  ar: {
    title: 'الإقرار بالاطلاع',
    intro: 'اقرأ النص حتى نهايته، ثم أدخل اسمك وآخر أربعة أرقام من رقم هويتك وأقرّ بالاطلاع عليه.',
    loading: 'جارٍ التحقق من الرابط…',
    version: 'الإصدار',
    effective: 'ساري من',
    readToEnd: 'مرّر النص حتى نهايته لتفعيل الإقرار.',
    name: 'الاسم الكامل',
    idLast4: 'آخر أربعة أرقام من رقم الهوية',
    agree: 'قرأتُ النص كاملًا واطّلعت عليه وألتزم به',
    submit: 'إقرار',
    done: 'سُجّل إقرارك بالاطلاع. شكرًا لك.',
    switchLang: 'en',
    switchLabel: 'English',
    home: 'الصفحة الرئيسية',
    noscript: 'تحتاج هذه الصفحة إلى تفعيل JavaScript في المتصفح.',
    errors: {
      'acknowledgement.link-invalid': 'هذا الرابط لم يعد صالحًا. اطلب رابطًا جديدًا من الجمعية.',
      'acknowledgement.version-replaced': 'صدر إصدار أحدث من هذا النص؛ أعدنا تحميله، فاقرأه ثم أقرّ.',
      'acknowledgement.read-to-end': 'اقرأ النص حتى نهايته أولًا.',
      'acknowledgement.id-last4': 'أدخل آخر أربعة أرقام من رقم الهوية.',
      'acknowledgement.agree': 'أكّد أنك قرأت النص واطّلعت عليه.',
      'field.required': 'هذا الحقل مطلوب.',
      network: 'تعذّر الاتصال. تحقق من الشبكة وحاول مرة أخرى.',
      generic: 'حدث خطأ. حاول مرة أخرى لاحقًا.',
    },
  },
  en: {
    title: 'Acknowledge the policy',
    intro: 'Read the text to the end, then give your name and the last four digits of your ID number and acknowledge it.',
    loading: 'Checking the link…',
    version: 'Version',
    effective: 'In force from',
    readToEnd: 'Scroll the text to the end to acknowledge it.',
    name: 'Full name',
    idLast4: 'Last four digits of your ID number',
    agree: 'I have read the whole text, I know it, and I will abide by it',
    submit: 'Acknowledge',
    done: 'Your acknowledgement is recorded. Thank you.',
    switchLang: 'ar',
    switchLabel: 'العربية',
    home: 'Home',
    noscript: 'This page needs JavaScript turned on in the browser.',
    errors: {
      'acknowledgement.link-invalid': 'This link is no longer valid. Ask the association for a new one.',
      'acknowledgement.version-replaced': 'A newer version of this text is in force; it is loaded now — read it, then acknowledge.',
      'acknowledgement.read-to-end': 'Read the text to the end first.',
      'acknowledgement.id-last4': 'Enter the last four digits of your ID number.',
      'acknowledgement.agree': 'Confirm that you have read the text.',
      'field.required': 'This field is required.',
      network: 'Could not connect. Check the network and try again.',
      generic: 'Something went wrong. Please try again later.',
    },
  },
} as const;

export function ackPage({
  language,
  association,
  webDir,
}: {
  language: Language;
  association: AssociationSettings;
  webDir: string | undefined;
}): string {
  const t = ACK_PAGE_COPY[language];
  return oneTimeLinkPage({
    language,
    association,
    path: '/ack',
    page: 'ack',
    copy: t,
    assets: entryAssets(webDir, ENTRY),
    body: html`<h1>${t.title}</h1>
<p>${t.intro}</p>
<noscript><p class="card notice">${t.noscript}</p></noscript>
<p class="card" id="ack-loading" role="status">${t.loading}</p>
<section class="card" id="ack-card" aria-labelledby="ack-title" hidden>
  <h2 id="ack-title"></h2>
  <p class="hint"><span>${t.version}</span> <span id="ack-number"></span> · <span>${t.effective}</span> <span id="ack-effective"></span></p>
  <div id="ack-text" class="ack-text" tabindex="0" role="region" aria-labelledby="ack-title" style="max-height:55vh;overflow:auto;white-space:pre-wrap;border:1px solid #ccd;padding:.75rem;border-radius:.5rem"></div>
  <p class="hint" id="ack-scroll-hint">${t.readToEnd}</p>
  <form id="ack-form" novalidate>
    <div class="field"><label for="ack-name">${t.name}</label><input id="ack-name" name="name" autocomplete="name" required maxlength="120"></div>
    <div class="field"><label for="ack-id4">${t.idLast4}</label><input id="ack-id4" name="idLast4" inputmode="numeric" pattern="[0-9]{4}" maxlength="4" required dir="ltr"></div>
    <div class="field check"><label class="choice"><input type="checkbox" id="ack-agree" name="agree" disabled> ${t.agree}</label></div>
    <p class="error" id="ack-error" role="alert" hidden></p>
    <button type="submit" class="button primary" id="ack-submit" disabled>${t.submit}</button>
  </form>
</section>
<p class="card ok" id="ack-done" role="status" tabindex="-1" hidden>${t.done}</p>
<p class="card notice" id="ack-invalid" role="alert" hidden></p>`,
  });
}
