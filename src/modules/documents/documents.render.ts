import type { AssociationSettings } from '../../contracts/settings.js';
import { formatDualDate } from '../../domain/dates.js';
import { html, type SafeHtml } from '../../platform/http/html.js';
import { publicFrame } from '../../platform/http/public-frame.js';
import { entryAssets } from '../../platform/http/web-assets.js';
import { PAGE_COPY } from './documents.page-copy.js';

/**
 * The public library's frame (issue 26 §1): the same look, fonts and stylesheet as `/contact` and
 * `/complaints/new` (the complaints entry's CSS, read from the build's manifest), no script at all.
 * Everything shown is escaped by `html`; document texts are plain text with `## ` headings.
 */
export type Language = 'ar' | 'en';
const CSS_ENTRY = 'complaints-public/main.ts';

export function readCss(webDir: string | undefined): string[] {
  return entryAssets(webDir, CSS_ENTRY).css;
}

export const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));

/** A calendar day in both calendars, Hijri first in Arabic. */
export function dayText(day: string | null, language: Language): string {
  if (!day) return '';
  const { gregorian, hijri } = formatDualDate(day, { language });
  return language === 'ar' ? `${hijri} (${gregorian})` : `${gregorian} (${hijri})`;
}

/** Plain text to HTML: `## ` lines are headings, blank lines part paragraphs, other line breaks kept. */
export function renderText(text: string): SafeHtml[] {
  return text
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => {
      if (block.startsWith('## ')) {
        const [heading, ...rest] = block.split('\n');
        const tail = rest.join('\n').trim();
        return html`<h3>${(heading ?? '').slice(3)}</h3>${tail ? html`<p>${lines(tail)}</p>` : ''}`;
      }
      return html`<p>${lines(block)}</p>`;
    });
}

const lines = (block: string): SafeHtml[] => block.split('\n').map((line, i) => (i ? html`<br>${line}` : html`${line}`));

export function layout({
  language,
  association,
  css,
  title,
  description,
  path: pagePath,
  body,
  head,
}: {
  language: Language;
  association: AssociationSettings;
  css: string[];
  title: string;
  description: string;
  path: string;
  body: SafeHtml;
  /** Extra head elements of one page (the request forms' print CSS, issue 26 §3). */
  head?: SafeHtml;
}): string {
  const t = PAGE_COPY[language];
  const name = language === 'ar' ? association.nameAr : association.nameEn;
  const separator = pagePath.includes('?') ? '&' : '?';
  return publicFrame({
    language,
    title,
    name,
    referrer: 'same-origin',
    description: fill(description, { name }),
    css,
    ...(head ? { head } : {}),
    bodyClass: 'public cases documents',
    page: 'documents',
    primaryColor: association.primaryColor,
    switchTo: { href: `${pagePath}${separator}lang=${t.switchLang}`, language: t.switchLang, label: t.switchLabel },
    body: html`${body}`,
    footer: html`<a href="/documents">${t.back}</a> · <a href="/">${t.home}</a> · ${name}`,
  });
}
