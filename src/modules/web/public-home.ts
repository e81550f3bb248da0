import type { AssociationSettings } from '../../contracts/settings.js';
import { formatDualDate, riyadhCalendarDay } from '../../domain/dates.js';
import { html, type SafeHtml } from '../../platform/http/html.js';
import { ICON_LINKS } from '../../platform/http/icons.js';

export type PublicLanguage = 'ar' | 'en';

const COPY = {
  ar: {
    title: 'صلة — بوابة المستفيدين',
    tagline: 'نظام تنظيم العلاقة مع المستفيدين',
    description: 'بوابة المستفيدين لدى {name}: تقديم الشكاوى والاستفسارات ومتابعتها، ومتابعة طلبات الأسر، والتواصل مع ضباط الاتصال.',
    intro: 'نحرص على علاقة واضحة ومستمرة مع المستفيدين تحفظ حقوق الطرفين، ونستقبل طلباتكم واستفساراتكم وشكاواكم عبر قنواتنا المعتمدة.',
    contact: 'تواصل معنا',
    phone: 'الهاتف',
    fax: 'الفاكس',
    email: 'البريد الإلكتروني',
    website: 'الموقع الإلكتروني',
    links: 'روابط',
    staff: 'دخول الموظفين',
    portal: 'بوابة الأسر: متابعة طلباتكم',
    complaints: 'الشكاوى والاستفسارات',
    track: 'متابعة شكوى أو استفسار',
    officers: 'ضباط الاتصال',
    documents: 'وثائق الجمعية',
    registered: 'مسجلة لدى',
    number: 'برقم',
    today: 'اليوم',
    switchLabel: 'English',
    switchLang: 'en',
  },
  en: {
    title: 'Sila — beneficiary gateway',
    tagline: 'Beneficiary relationship system',
    description:
      'The beneficiary gateway of {name}: send and follow complaints and inquiries, follow a family’s requests, and reach the contact officers.',
    intro:
      'We keep a clear and lasting relationship with our beneficiaries that protects the rights of both sides, and receive your requests, inquiries and complaints through our approved channels.',
    contact: 'Contact us',
    phone: 'Phone',
    fax: 'Fax',
    email: 'E-mail',
    website: 'Website',
    links: 'Links',
    staff: 'Staff sign-in',
    portal: 'Families’ portal: follow your requests',
    complaints: 'Complaints and inquiries',
    track: 'Follow a complaint or inquiry',
    officers: 'Contact officers',
    documents: 'Our documents',
    registered: 'Registered with the',
    number: 'under number',
    today: 'Today',
    switchLabel: 'العربية',
    switchLang: 'ar',
  },
} as const;

export interface PublicPageAssets {
  css: string[];
  scripts: string[];
}

/** The public home at `/`: light, server-rendered, no staff code (ARCHITECTURE.md "Public URLs"). */
export function renderPublicHome({
  association,
  language,
  assets,
  now,
}: {
  association: AssociationSettings;
  language: PublicLanguage;
  assets: PublicPageAssets;
  now: Date;
}): string {
  const t = COPY[language];
  const isAr = language === 'ar';
  const name = isAr ? association.nameAr : association.nameEn;
  const regulator = isAr ? association.regulatorAr : association.regulatorEn;
  const today = formatDualDate(riyadhCalendarDay(now), { language, digits: association.digits });
  const ltr = (value: string) => html`<bdi dir="ltr">${value}</bdi>`;
  const contactRows: SafeHtml[] = [
    html`<div class="row"><dt>${t.phone}</dt><dd><a href="tel:${association.phone.replace(/\s/g, '')}">${ltr(association.phone)}</a></dd></div>`,
  ];
  if (association.fax) contactRows.push(html`<div class="row"><dt>${t.fax}</dt><dd>${ltr(association.fax)}</dd></div>`);
  contactRows.push(
    html`<div class="row"><dt>${t.email}</dt><dd><a href="mailto:${association.email}">${ltr(association.email)}</a></dd></div>`,
  );
  if (association.website) {
    const href = /^https?:\/\//.test(association.website) ? association.website : `https://${association.website}`;
    contactRows.push(
      html`<div class="row"><dt>${t.website}</dt><dd><a href="${href}" rel="noopener">${ltr(association.website)}</a></dd></div>`,
    );
  }
  const page = html`<!doctype html>
<html lang="${language}" dir="${isAr ? 'rtl' : 'ltr'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.title} · ${name}</title>
<meta name="description" content="${t.description.replace('{name}', name)}">
${ICON_LINKS}
${assets.css.map((href) => html`<link rel="stylesheet" href="${href}">`)}
</head>
<body class="public" data-primary="${association.primaryColor}">
<header class="masthead">
  <div class="wrap">
    <p class="brand">صلة <span>Sila</span></p>
    <a class="switch" href="/?lang=${t.switchLang}" lang="${t.switchLang}" hreflang="${t.switchLang}">${t.switchLabel}</a>
  </div>
</header>
<main class="wrap">
  <h1>${name}</h1>
  <p class="tagline">${t.tagline}</p>
  <p class="intro">${t.intro}</p>
  ${association.registrationNumber && regulator ? html`<p class="registration">${t.registered} ${regulator} ${t.number} ${ltr(association.registrationNumber)}</p>` : ''}
  <section aria-labelledby="contact-heading" class="card">
    <h2 id="contact-heading">${t.contact}</h2>
    <dl>${contactRows}</dl>
  </section>
  <nav aria-labelledby="links-heading" class="card">
    <h2 id="links-heading">${t.links}</h2>
    <ul class="links">
      <li><a class="button" href="/complaints/new">${t.complaints}</a></li>
      <li><a class="button" href="/complaints/track">${t.track}</a></li>
      <li><a class="button" href="/contact">${t.officers}</a></li>
      <li><a class="button" href="/documents">${t.documents}</a></li>
      <li><a class="button" href="/portal">${t.portal}</a></li>
      <li><a class="button" href="/staff">${t.staff}</a></li>
    </ul>
  </nav>
</main>
<footer class="wrap footer">
  <p>${t.today}: <time>${today.hijri}</time> · <time>${today.gregorian}</time></p>
</footer>
${assets.scripts.map((src) => html`<script type="module" src="${src}"></script>`)}
</body>
</html>`;
  return page.value;
}
