import { formatDualDate } from '../../domain/dates.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/http/app-error.js';
import { escapeHtml, html, SafeHtml } from '../../platform/http/html.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { recordAudit } from '../audit/index.js';
import { getAssociation } from '../settings/index.js';
import { PUBLIC_URL_UNSET } from './outbox.enqueue.js';
import { findMessage } from './outbox.repo.js';
import { getMessage } from './outbox.service.js';

/**
 * A letter or fax from the print queue as a printable page (issue 4 §6): the association's
 * letterhead, the date in both calendars, the recipient, the text; A4 with a print stylesheet.
 * Every value is escaped (the text may hold whatever a template and a family's data contain).
 */
const STYLE = `
@page { size: A4; margin: 16mm 18mm; }
* { box-sizing: border-box; }
body { margin: 0; font-family: 'IBM Plex Sans Arabic', 'Noto Naskh Arabic', 'Noto Sans Arabic', Tahoma, sans-serif; color: #111; font-size: 12.5pt; line-height: 1.7; }
.letter { display: flex; flex-direction: column; min-height: 265mm; }
.letterhead { display: flex; justify-content: space-between; gap: 12mm; border-bottom: 2px solid #0b7285; padding-bottom: 4mm; margin-bottom: 8mm; font-size: 10pt; }
.letterhead strong { font-size: 13pt; color: #0b7285; }
.meta { margin-bottom: 8mm; }
.to { margin-bottom: 8mm; white-space: pre-line; }
h1 { font-size: 14pt; text-align: center; margin: 0 0 6mm; }
.text p { margin: 0 0 4mm; white-space: pre-line; }
bdi { white-space: nowrap; }
footer { margin-top: auto; border-top: 1px solid #999; padding-top: 3mm; font-size: 9pt; color: #333; text-align: center; }
@media screen { body { background: #e9ecef; } .letter { background: #fff; width: 210mm; margin: 8mm auto; padding: 16mm 18mm; box-shadow: 0 1px 6px rgba(0,0,0,.2); } }
`;

const ltr = (value: string) => html`<bdi dir="ltr">${value}</bdi>`;

const LATIN_RUN = /[A-Za-z0-9+][A-Za-z0-9+\-/.@_]*[A-Za-z0-9]|[A-Za-z0-9]/g;

/** Codes and numbers inside Arabic text, isolated left to right (SAUDI-LOCALE.md "Phones"): FAM-2026-000001 stays whole. */
function isolateLatin(text: string): SafeHtml {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(LATIN_RUN)) {
    out += `${escapeHtml(text.slice(last, match.index))}<bdi dir="ltr">${escapeHtml(match[0])}</bdi>`;
    last = match.index + match[0].length;
  }
  return new SafeHtml(out + escapeHtml(text.slice(last)));
}

export async function renderLetter(ctx: AppContext, principal: StaffPrincipal, id: string): Promise<string> {
  // getMessage applies scope and refuses one-time codes, and audits the view.
  const message = await getMessage(ctx, principal, id);
  if (message.channel !== 'letter' && message.channel !== 'fax')
    throw AppError.conflict('message.not-a-letter', 'Only letters and faxes are printed');
  // Issue 20 §6: a letter's links must be whole on paper.
  if (!ctx.config.publicUrl && (await findMessage(ctx.db, id))?.needs_public_url)
    throw AppError.conflict(PUBLIC_URL_UNSET, 'This letter carries a link: set SILA_PUBLIC_URL, restart, then print it');
  const a = await getAssociation(ctx);
  const isArabic = message.language === 'ar';
  const date = formatDualDate(ctx.clock.now(), { language: message.language, digits: a.digits });
  const recipient = [message.recipient.name, message.address].filter(Boolean).join('\n');
  const shown = (text: string) => (isArabic ? isolateLatin(text) : text);
  const paragraphs: SafeHtml[] = (message.body ?? '').split(/\n{2,}/).map((p) => html`<p>${shown(p)}</p>`);
  const footer = [
    isArabic ? a.addressAr : a.addressEn,
    html`${isArabic ? 'هاتف' : 'Tel'} ${ltr(a.phone)}`,
    ...(a.fax ? [html`${isArabic ? 'فاكس' : 'Fax'} ${ltr(a.fax)}`] : []),
    ltr(a.email),
    ...(a.website ? [ltr(a.website)] : []),
  ].filter((part) => String(part) !== '');
  const page = html`<!doctype html>
<html lang="${message.language}" dir="${isArabic ? 'rtl' : 'ltr'}">
<head><meta charset="utf-8"><title>${message.subject ?? ''}</title><style>${new SafeHtml(STYLE)}</style></head>
<body>
<article class="letter">
  <header class="letterhead">
    <div lang="ar" dir="rtl"><strong>${a.nameAr}</strong><br>${a.regulatorAr}${a.registrationNumber ? html`<br>ترخيص رقم ${ltr(a.registrationNumber)}` : ''}</div>
    <div lang="en" dir="ltr"><strong>${a.nameEn}</strong><br>${a.regulatorEn}${a.registrationNumber ? html`<br>Licence No. ${a.registrationNumber}` : ''}</div>
  </header>
  <div class="meta">${isArabic ? 'التاريخ' : 'Date'}: ${date.hijri} — ${date.gregorian}${message.recipient.reference ? html`<br>${isArabic ? 'رقم الملف' : 'File'}: ${ltr(message.recipient.reference)}` : ''}</div>
  <div class="to">${shown(recipient)}</div>
  ${message.subject ? html`<h1>${shown(message.subject)}</h1>` : ''}
  <div class="text">${paragraphs}</div>
  <footer>${footer.map((part, i) => (i === 0 ? html`${part}` : html` · ${part}`))}</footer>
</article>
</body>
</html>`;
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: { kind: 'staff', id: principal.userId },
    action: 'message.print',
    entity: 'outbox_message',
    entityId: id,
  });
  return page.value;
}
