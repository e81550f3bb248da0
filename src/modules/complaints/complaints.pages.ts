import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AssociationSettings } from '../../contracts/settings.js';
import type { AppContext } from '../../platform/context.js';
import { html, SafeHtml } from '../../platform/http/html.js';
import { publicFrame } from '../../platform/http/public-frame.js';
import { PUBLIC } from '../../platform/http/route-policy.js';
import type { App } from '../../platform/http/types.js';
import { type EntryAssets, entryAssets } from '../../platform/http/web-assets.js';
import { getAssociation } from '../settings/index.js';
import { PAGE_COPY, SCRIPT_COPY } from './complaints.copy.js';
import { publicContactOfficers } from './complaints.officers.js';
import * as complaints from './complaints.service.js';

/**
 * The public pages `/complaints/new` and `/complaints/track` (issue 6 §1, §3): rendered on the
 * server in the visitor's language (Arabic by default, `?lang=en` to switch, remembered in the same
 * cookie as the public home), with one light script (src/web/complaints-public) and no inline
 * script (the CSP forbids it). The tracking page reads the code from `location.hash`.
 */
type Language = 'ar' | 'en';
const LANGUAGE_COOKIE = 'sila_lang';
const ONE_YEAR_S = 365 * 24 * 3600;
const ENTRY = 'complaints-public/main.ts';

/** JSON for a data block: `<` escaped so no text can close the element. */
function dataBlock(value: unknown): SafeHtml {
  return html`<script type="application/json" id="sila-copy">${new SafeHtml(JSON.stringify(value).replace(/</g, '\\u003c'))}</script>`;
}

/** Each page's `<meta name="description">` (issue 27 §8: what a search result shows), `{name}` the association's. */
const DESCRIPTIONS = {
  ar: {
    new: 'قدّم شكوى أو استفسارًا إلى {name} دون حساب، واحصل فورًا على رقم مرجع ورمز تتبع تتابع به حالته.',
    track: 'تابع حالة شكواك أو استفسارك لدى {name} برمز التتبع الذي ظهر لك عند الإرسال أو وصلك في رسالة.',
    contact: 'كيف تصل إلى ضابط الاتصال المختص بفئتك ومجالك لدى {name}، وقنوات التواصل المعتمدة.',
  },
  en: {
    new: 'Send {name} a complaint or an inquiry without an account, and get a reference number and a tracking code at once.',
    track: 'Follow your complaint or inquiry to {name} with the tracking code shown when you sent it or sent to you in a message.',
    contact: 'How to reach the contact officer for your category and domain at {name}, and its approved channels.',
  },
} as const;

function layout({
  language,
  association,
  assets,
  title,
  page,
  path: pagePath,
  body,
  copy,
}: {
  language: Language;
  association: AssociationSettings;
  assets: EntryAssets;
  title: string;
  page: 'new' | 'track' | 'contact';
  path: string;
  body: SafeHtml;
  copy: unknown;
}): string {
  const t = PAGE_COPY[language];
  const name = language === 'ar' ? association.nameAr : association.nameEn;
  return publicFrame({
    language,
    title,
    name,
    referrer: 'same-origin',
    description: DESCRIPTIONS[language][page].replace('{name}', name),
    css: assets.css,
    bodyClass: 'public cases',
    page,
    primaryColor: association.primaryColor,
    switchTo: { href: `${pagePath}?lang=${t.switchLang}`, language: t.switchLang, label: t.switchLabel },
    switchId: 'language-switch',
    body,
    footer: html`<a href="/">${t.home}</a> · ${name}`,
    tail: [
      ...(copy === null ? [] : [dataBlock(copy)]),
      html`${assets.scripts.map((src) => html`<script type="module" src="${src}"></script>`)}`,
    ],
  });
}

const field = (id: string, label: string, control: SafeHtml, hint?: string): SafeHtml =>
  html`<div class="field" id="field-${id}">
  <label for="${id}">${label}</label>
  ${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : ''}
  ${control}
  <p class="error" id="${id}-error" hidden></p>
</div>`;

function newPageBody(language: Language, options: Awaited<ReturnType<typeof complaints.formOptions>>): SafeHtml {
  const t = PAGE_COPY[language];
  const isAr = language === 'ar';
  const nameOf = (o: { nameAr: string; nameEn: string }) => (isAr ? o.nameAr : o.nameEn);
  const topicSelect = (kind: 'complaint' | 'inquiry') =>
    html`<select id="topic-${kind}" name="topic" data-kind="${kind}" required aria-describedby="topic-error"${kind === 'inquiry' ? html` disabled` : ''}>
    <option value="">${t.choose}</option>
    ${options.topics.filter((o) => o.kind === kind).map((o) => html`<option value="${o.code}">${nameOf(o)}</option>`)}
  </select>`;
  const mb = Math.floor(options.attachments.maxBytes / 1024 / 1024);
  const attachmentsHint = t.attachmentsHint.replace('{count}', String(options.attachments.maxCount)).replace('{mb}', String(mb));
  return html`<h1>${t.newTitle}</h1>
<p class="intro">${t.newIntro}</p>
<p class="track-nav"><a href="/complaints/track">${t.trackNav}</a></p>
<noscript><p class="card notice">${t.noscript}</p></noscript>
<form id="case-form" class="card" novalidate data-privacy-version="${options.privacyNoticeVersion}" data-max-attachments="${options.attachments.maxCount}" data-max-bytes="${options.attachments.maxBytes}">
  <div class="error-summary" id="error-summary" role="alert" tabindex="-1" hidden>
    <p>${t.errorSummary}</p>
    <ul></ul>
  </div>
  <fieldset class="choices">
    <legend>${t.kindLegend}</legend>
    <label class="choice"><input type="radio" name="kind" value="complaint" checked> ${t.complaint}</label>
    <label class="choice"><input type="radio" name="kind" value="inquiry"> ${t.inquiry}</label>
  </fieldset>
  <div class="field check" id="field-anonymous" data-only="complaint">
    <label class="choice"><input type="checkbox" id="anonymous" name="anonymous" aria-describedby="anonymous-hint"> ${t.anonymous}</label>
    <p class="hint" id="anonymous-hint">${t.anonymousHint}</p>
  </div>
  <fieldset>
    <legend>${t.writerLegend}</legend>
    <div data-identity>
    ${field('name', t.name, html`<input id="name" name="name" autocomplete="name" maxlength="120" aria-describedby="name-error">`)}
    </div>
    <p class="hint" id="contact-hint">${t.contactHint}</p>
    ${field(
      'mobile',
      t.mobile,
      html`<input id="mobile" name="mobile" type="tel" inputmode="tel" autocomplete="tel" dir="ltr" maxlength="40" aria-describedby="mobile-hint mobile-error">`,
      t.mobileHint,
    )}
    ${field(
      'email',
      t.email,
      html`<input id="email" name="email" type="email" autocomplete="email" dir="ltr" maxlength="254" aria-describedby="email-error">`,
    )}
    <div data-identity>
      <fieldset class="choices compact" id="field-isFamily">
        <legend>${t.isFamily}</legend>
        <label class="choice"><input type="radio" name="isFamily" value="yes"> ${t.yes}</label>
        <label class="choice"><input type="radio" name="isFamily" value="no" checked> ${t.no}</label>
      </fieldset>
      <div id="national-id-block" hidden>
      ${field(
        'nationalId',
        t.nationalId,
        html`<input id="nationalId" name="nationalId" inputmode="numeric" autocomplete="off" dir="ltr" maxlength="20" aria-describedby="nationalId-hint nationalId-error">`,
        t.nationalIdHint,
      )}
      </div>
    </div>
  </fieldset>
  <fieldset>
    <legend>${t.aboutLegend}</legend>
    <div class="field" id="field-topic">
      <label for="topic-complaint" data-only="complaint">${t.topic}</label>
      <label for="topic-inquiry" data-only="inquiry" hidden>${t.topic}</label>
      <div data-only="complaint">${topicSelect('complaint')}</div>
      <div data-only="inquiry" hidden>${topicSelect('inquiry')}</div>
      <p class="error" id="topic-error" hidden></p>
    </div>
    ${field(
      'domain',
      t.domain,
      html`<select id="domain" name="domain" aria-describedby="domain-error"><option value="">${t.anyDomain}</option>${options.domains.map(
        (d) => html`<option value="${d.code}">${nameOf(d)}</option>`,
      )}</select>`,
    )}
    <div class="field" id="field-description">
      <label for="description"><span data-only="complaint">${t.description}</span><span data-only="inquiry" hidden>${t.descriptionInquiry}</span></label>
      <p class="hint" id="description-hint">${t.descriptionHint}</p>
      <textarea id="description" name="description" rows="6" maxlength="5000" required aria-describedby="description-hint description-error"></textarea>
      <p class="error" id="description-error" hidden></p>
    </div>
    <div data-only="complaint">
    ${field('remedy', t.remedy, html`<textarea id="remedy" name="remedy" rows="3" maxlength="2000" aria-describedby="remedy-error"></textarea>`)}
    </div>
  </fieldset>
  <div class="field" id="field-attachments">
    <label for="attachment-input">${t.attachments}</label>
    <p class="hint" id="attachments-hint">${attachmentsHint}</p>
    <input id="attachment-input" type="file" accept="image/jpeg,image/png,image/webp,application/pdf" multiple aria-describedby="attachments-hint attachments-error">
    <ul class="files" id="attachment-list" aria-live="polite"></ul>
    <p class="error" id="attachments-error" hidden></p>
  </div>
  <div class="trap" aria-hidden="true">
    <label for="website">${t.honeypot}</label>
    <input id="website" name="website" tabindex="-1" autocomplete="off">
  </div>
  <section class="privacy" aria-labelledby="privacy-heading">
    <h2 id="privacy-heading">${t.privacyTitle}</h2>
    <p>${isAr ? options.privacyNotice.ar : options.privacyNotice.en}</p>
    <p class="hint">${t.privacyVersion}: <bdi dir="ltr">${options.privacyNoticeVersion}</bdi></p>
    <div class="field check" id="field-consent">
      <label class="choice"><input type="checkbox" id="consent" name="consent" required aria-describedby="consent-error"> ${t.consent}</label>
      <p class="error" id="consent-error" hidden></p>
    </div>
  </section>
  <button type="submit" class="button primary" id="submit">${t.submit}</button>
  <p class="error form-error" id="form-error" role="alert" hidden></p>
</form>
<section id="receipt" class="card receipt" hidden tabindex="-1" aria-labelledby="receipt-heading">
  <h2 id="receipt-heading"><span data-only="complaint">${t.doneComplaint}</span><span data-only="inquiry" hidden>${t.doneInquiry}</span></h2>
  <p>${t.doneIntro}</p>
  <dl>
    <div class="row"><dt>${t.reference}</dt><dd><bdi dir="ltr" id="receipt-reference"></bdi></dd></div>
    <div class="row"><dt>${t.trackingCode}</dt><dd><bdi dir="ltr" class="code" id="receipt-code"></bdi></dd></div>
  </dl>
  <p class="actions">
    <button type="button" class="button" id="copy-code">${t.copy}</button>
    <a class="button secondary" id="receipt-track" href="/complaints/track">${t.trackLink}</a>
  </p>
  <p class="status-line" id="copy-status" role="status"></p>
  <p><a href="/complaints/new">${t.another}</a></p>
</section>`;
}

function trackPageBody(language: Language): SafeHtml {
  const t = PAGE_COPY[language];
  return html`<h1>${t.trackTitle}</h1>
<p class="intro">${t.trackIntro}</p>
<noscript><p class="card notice">${t.noscript}</p></noscript>
<form id="track-form" class="card" novalidate>
  ${field(
    'trackingCode',
    t.codeLabel,
    html`<input id="trackingCode" name="trackingCode" dir="ltr" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="64" required aria-describedby="trackingCode-hint trackingCode-error">`,
    t.codeHint,
  )}
  <button type="submit" class="button primary" id="check">${t.check}</button>
</form>
<section id="result" class="card" hidden tabindex="-1" aria-labelledby="result-heading">
  <h2 id="result-heading"><bdi dir="ltr" id="result-reference"></bdi></h2>
  <dl>
    <div class="row"><dt>${t.status}</dt><dd><span class="badge" id="result-status"></span></dd></div>
    <div class="row" id="result-compensation-row" hidden><dt>${t.compensation}</dt><dd id="result-compensation"></dd></div>
  </dl>
  <h3>${t.timeline}</h3>
  <ol class="timeline" id="result-timeline"></ol>
  <div id="result-messages-block" hidden><h3>${t.messagesTitle}</h3>
  <ul class="timeline" id="result-messages"></ul></div>
  <h3>${t.response}</h3>
  <p id="result-response" class="response"></p>
</section>
<p><a href="/complaints/new">${t.newLink}</a></p>`;
}

const CONTACT_COPY = {
  ar: {
    title: 'التواصل مع ضباط الاتصال',
    intro:
      'لكل فئة من المستفيدين ومجال من مجالات الجمعية ضابط اتصال يجيب عن استفساراتكم. تواصلوا عبر القناة المذكورة، أو أرسلوا استفساركم من نموذج الشكاوى والاستفسارات فيصل إليه مباشرة.',
    category: 'الفئة',
    domain: 'المجال',
    any: 'الكل',
    role: 'الجهة',
    channel: 'قناة التواصل',
    channels: { phone: 'الهاتف', email: 'البريد الإلكتروني', whatsapp: 'واتساب', office: 'مقر الجمعية' },
    none: 'لم تُحدَّد ضباط اتصال بعد. تواصلوا عبر قنوات الجمعية في الصفحة الرئيسية.',
    ask: 'أرسل استفسارًا',
  },
  en: {
    title: 'Contact officers',
    intro:
      'Each beneficiary category and association domain has a contact officer who answers your inquiries. Use the channel shown, or send your inquiry through the complaints and inquiries form and it reaches them directly.',
    category: 'Category',
    domain: 'Domain',
    any: 'All',
    role: 'Role',
    channel: 'How to reach',
    channels: { phone: 'Phone', email: 'E-mail', whatsapp: 'WhatsApp', office: 'Our office' },
    none: 'No contact officers are listed yet. Please use the association’s channels on the home page.',
    ask: 'Send an inquiry',
  },
} as const;

function contactPageBody(language: Language, data: Awaited<ReturnType<typeof publicContactOfficers>>): SafeHtml {
  const t = CONTACT_COPY[language];
  const isAr = language === 'ar';
  const name = (item: { nameAr: string; nameEn: string } | null) => (item ? (isAr ? item.nameAr : item.nameEn) : t.any);
  const reach = (entry: (typeof data.entries)[number]) => {
    const address = html`<bdi dir="ltr">${entry.address}</bdi>`;
    if (entry.channel === 'phone') return html`<a href="tel:${entry.address.replace(/[^\d+]/g, '')}">${address}</a>`;
    if (entry.channel === 'email') return html`<a href="mailto:${entry.address}">${address}</a>`;
    if (entry.channel === 'office') return html`${entry.address}`;
    return address;
  };
  const rows = data.entries.map(
    (entry) => html`<section class="card">
  <h2>${isAr ? entry.roleTitleAr : entry.roleTitleEn}</h2>
  <dl>
    <div class="row"><dt>${t.category}</dt><dd>${name(entry.category)}</dd></div>
    <div class="row"><dt>${t.domain}</dt><dd>${name(entry.domain)}</dd></div>
    <div class="row"><dt>${t.channels[entry.channel]}</dt><dd>${reach(entry)}</dd></div>
  </dl>
</section>`,
  );
  return html`<h1>${t.title}</h1>
<p class="intro">${t.intro}</p>
${rows.length ? rows : html`<p class="card">${t.none}</p>`}
<p><a class="button primary" href="/complaints/new">${t.ask}</a></p>`;
}

/** Registers the two pages; the language comes from `?lang=`, else the cookie, else Arabic. */
export function complaintPageRoutes(app: App, ctx: AppContext, { webDir }: { webDir: string | undefined }): void {
  const assets = entryAssets(webDir, ENTRY);
  const languageOf = (request: FastifyRequest<{ Querystring: { lang?: Language } }>, reply: FastifyReply): Language => {
    const chosen = request.query.lang;
    if (chosen) reply.setCookie(LANGUAGE_COOKIE, chosen, { path: '/', sameSite: 'lax', maxAge: ONE_YEAR_S, httpOnly: false });
    return chosen ?? (request.cookies[LANGUAGE_COOKIE] === 'en' ? 'en' : 'ar');
  };
  const querystring = z.object({ lang: z.enum(['ar', 'en']).optional() });
  const send = (reply: FastifyReply, page: string) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(page);

  app.get('/complaints/new', {
    config: { policy: PUBLIC },
    schema: { hide: true, querystring },
    handler: async (request, reply) => {
      const language = languageOf(request, reply);
      const [association, options] = await Promise.all([getAssociation(ctx), complaints.formOptions(ctx)]);
      const t = PAGE_COPY[language];
      return send(
        reply,
        layout({
          language,
          association,
          assets,
          title: t.newTitle,
          page: 'new',
          path: '/complaints/new',
          body: newPageBody(language, options),
          copy: { language, ...SCRIPT_COPY[language], ui: t },
        }),
      );
    },
  });

  // §8 (G1): how to reach each category's and domain's contact officer — roles and the association's
  // channels only. Server-rendered, no script.
  app.get('/contact', {
    config: { policy: PUBLIC },
    schema: { hide: true, querystring },
    handler: async (request, reply) => {
      const language = languageOf(request, reply);
      const [association, data] = await Promise.all([getAssociation(ctx), publicContactOfficers(ctx)]);
      return send(
        reply,
        layout({
          language,
          association,
          assets: { css: assets.css, scripts: [] },
          title: CONTACT_COPY[language].title,
          page: 'contact',
          path: '/contact',
          body: contactPageBody(language, data),
          copy: null,
        }),
      );
    },
  });

  app.get('/complaints/track', {
    config: { policy: PUBLIC },
    schema: { hide: true, querystring },
    handler: async (request, reply) => {
      const language = languageOf(request, reply);
      const association = await getAssociation(ctx);
      const t = PAGE_COPY[language];
      return send(
        reply,
        layout({
          language,
          association,
          assets,
          title: t.trackTitle,
          page: 'track',
          path: '/complaints/track',
          body: trackPageBody(language),
          copy: { language, ...SCRIPT_COPY[language], ui: t },
        }),
      );
    },
  });
}
