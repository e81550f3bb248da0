import { html, SafeHtml } from './html.js';
import { ICON_LINKS } from './icons.js';
import type { EntryAssets } from './web-assets.js';

/**
 * The frame of the light server-rendered public pages (the complaint, tracking and contact pages,
 * the document library, the contract party's acknowledgement and the consent withdrawal): the
 * language and direction, the head (viewport, referrer policy, title, description, icons, the
 * entry's stylesheets), the masthead with the language switch and the footer. Nothing is added to
 * what each page sent before: no extra request, no inline style. The survey page keeps its own
 * smaller frame (its own stylesheet and script, no masthead); the home and portal pages theirs.
 */
export interface PublicFrame {
  language: 'ar' | 'en';
  /** The page's title; the association's name follows it. */
  title: string;
  /** The association's name in the page's language. */
  name: string;
  referrer: 'same-origin' | 'no-referrer';
  /** Pages reached by a one-time link are kept out of search engines. */
  isNoIndex?: boolean;
  description?: string;
  css: readonly string[];
  /** Extra head elements of one page (the request forms' print CSS). */
  head?: SafeHtml;
  bodyClass: string;
  page: string;
  primaryColor: string;
  /** The other language's address, its code and its name as shown on the switch. */
  switchTo: { href: string; language: 'ar' | 'en'; label: string };
  /** `language-switch` when the page's script keeps the switch's link up to date. */
  switchId?: string;
  body: SafeHtml;
  /** What the footer's line says. */
  footer: SafeHtml;
  /** After the footer: the page's data block and scripts, one a line. */
  tail?: readonly SafeHtml[];
}

export function publicFrame(frame: PublicFrame): string {
  const { switchTo } = frame;
  return html`<!doctype html>
<html lang="${frame.language}" dir="${frame.language === 'ar' ? 'rtl' : 'ltr'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="${frame.referrer}">${frame.isNoIndex ? html`\n<meta name="robots" content="noindex">` : ''}
<title>${frame.title} · ${frame.name}</title>${frame.description ? html`\n<meta name="description" content="${frame.description}">` : ''}
${ICON_LINKS}
${frame.css.map((href) => html`<link rel="stylesheet" href="${href}">`)}${frame.head ? html`\n${frame.head}` : ''}
</head>
<body class="${frame.bodyClass}" data-page="${frame.page}" data-primary="${frame.primaryColor}">
<header class="masthead">
  <div class="wrap">
    <a class="brand" href="/">صلة <span>Sila</span></a>
    <a class="switch"${frame.switchId ? html` id="${frame.switchId}"` : ''} href="${switchTo.href}" lang="${switchTo.language}" hreflang="${switchTo.language}">${switchTo.label}</a>
  </div>
</header>
<main class="wrap" id="main">
${frame.body}
</main>
<footer class="wrap footer"><p>${frame.footer}</p></footer>
${(frame.tail ?? []).map((line) => html`${line}\n`)}</body>
</html>`.value;
}

/**
 * A page opened from a one-time link whose token follows '#' (`/ack#…`, issue 26 §4; `/consent#…`,
 * issue 20 §3): no referrer, kept out of search engines, its error messages in a JSON block for
 * its one small script (no inline script: the CSP), Arabic first with `?lang=` to switch.
 */
export function oneTimeLinkPage({
  language,
  association,
  path,
  page,
  copy,
  assets,
  body,
}: {
  language: 'ar' | 'en';
  association: { nameAr: string; nameEn: string; primaryColor: string };
  path: string;
  page: string;
  copy: { title: string; switchLang: 'ar' | 'en'; switchLabel: string; home: string; errors: Readonly<Record<string, string>> };
  assets: EntryAssets;
  body: SafeHtml;
}): string {
  const name = language === 'ar' ? association.nameAr : association.nameEn;
  const data = new SafeHtml(JSON.stringify({ language, errors: copy.errors }).replace(/</g, '\\u003c'));
  return publicFrame({
    language,
    title: copy.title,
    name,
    referrer: 'no-referrer',
    isNoIndex: true,
    css: assets.css,
    bodyClass: 'public cases',
    page,
    primaryColor: association.primaryColor,
    switchTo: { href: `${path}?lang=${copy.switchLang}`, language: copy.switchLang, label: copy.switchLabel },
    switchId: 'language-switch',
    body,
    footer: html`<a href="/">${copy.home}</a> · ${name}`,
    tail: [
      html`<script type="application/json" id="sila-copy">${data}</script>`,
      html`${assets.scripts.map((src) => html`<script type="module" src="${src}"></script>`)}`,
    ],
  });
}
