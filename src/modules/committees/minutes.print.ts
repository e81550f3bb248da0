import type { Minutes } from '../../contracts/committees.js';
import { formatDualDate } from '../../domain/dates.js';
import type { AppContext } from '../../platform/context.js';
import { escapeHtml, html, SafeHtml } from '../../platform/http/html.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { getAssociation } from '../settings/index.js';
import { staffNames } from '../staff/index.js';
import { minutesForPrint } from './minutes.present.js';

/**
 * The minutes as a printable A4 page (C5): the association's letterhead, the frozen text line by
 * line, who approved and when (both calendars), who could not approve and who recorded it, and the SHA-256 that fixes the text. Drafts carry a
 * visible "not approved" mark. Every value is escaped.
 */
const STYLE = `
@page { size: A4; margin: 16mm 18mm; }
* { box-sizing: border-box; }
body { margin: 0; font-family: 'IBM Plex Sans Arabic', 'Noto Naskh Arabic', 'Noto Sans Arabic', Tahoma, sans-serif; color: #111; font-size: 12.5pt; line-height: 1.8; }
.sheet { position: relative; }
.letterhead { display: flex; justify-content: space-between; gap: 12mm; border-bottom: 2px solid #0b7285; padding-bottom: 4mm; margin-bottom: 8mm; font-size: 10pt; }
.letterhead strong { font-size: 13pt; color: #0b7285; }
h1 { font-size: 15pt; text-align: center; margin: 0 0 2mm; }
.status { text-align: center; font-size: 10pt; margin-bottom: 6mm; }
.draft { color: #c92a2a; font-weight: 700; border: 2px solid #c92a2a; display: inline-block; padding: 1mm 4mm; }
.text p { margin: 0 0 1.5mm; white-space: pre-wrap; }
.text p.gap { margin-bottom: 4mm; }
table { width: 100%; border-collapse: collapse; margin-top: 8mm; font-size: 11pt; page-break-inside: avoid; }
th, td { border: 1px solid #555; padding: 2mm 3mm; text-align: start; vertical-align: top; }
th { background: #f1f3f5; }
.excused td { color: #862e9c; }
.fingerprint { margin-top: 6mm; font-size: 9pt; color: #333; word-break: break-all; }
bdi { unicode-bidi: isolate; }
@media screen { body { background: #e9ecef; } .sheet { background: #fff; width: 210mm; min-height: 297mm; margin: 8mm auto; padding: 16mm 18mm; box-shadow: 0 1px 6px rgba(0,0,0,.2); } }
@media print { .sheet { padding: 0; } }
`;

/** A Latin word or number (inner `-/.@_':+` kept: REQ-2026-000001, a.b@c.sa, 10:30). */
const LATIN_WORD = String.raw`[A-Za-z0-9](?:[A-Za-z0-9+\-/.@_':]*[A-Za-z0-9])?`;
/** Latin words separated only by spaces are one run: `John Smith` keeps its order in Arabic text. */
const LATIN_RUN = new RegExp(`${LATIN_WORD}(?:[ \\t]+${LATIN_WORD})*`, 'g');

/**
 * Codes, numbers, e-mails and Latin names inside Arabic text, isolated left to right (bidi), so
 * REQ-2026-000001 stays whole and "John Smith" is not read as "Smith John".
 */
function isolateLatin(text: string): SafeHtml {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(LATIN_RUN)) {
    out += `${escapeHtml(text.slice(last, match.index))}<bdi dir="ltr">${escapeHtml(match[0])}</bdi>`;
    last = match.index + match[0].length;
  }
  return new SafeHtml(out + escapeHtml(text.slice(last)));
}

export function renderMinutesPage(
  minutes: Minutes,
  association: { nameAr: string; nameEn: string; regulatorAr: string; digits: 'latn' | 'arab' },
  /** Who recorded each member as unable to approve (staff id → name). */
  recorderNames: ReadonlyMap<string, string> = new Map(),
) {
  const lines = minutes.text.split('\n');
  const title = lines[0] ?? 'محضر';
  const body = lines.slice(1).map((line, i, all) => {
    if (line === '') return '';
    const isBeforeGap = all[i + 1] === '';
    return html`<p${new SafeHtml(isBeforeGap ? ' class="gap"' : '')}>${isolateLatin(line)}</p>`;
  });
  const when = (iso: string) => {
    const d = formatDualDate(iso, { language: 'ar', digits: association.digits, withTime: true });
    return `${d.hijri} — ${d.gregorian}`;
  };
  const isFrozen = minutes.status === 'frozen';
  /** A name people typed (Arabic or Latin), isolated in its own direction. */
  const name = (value: string) => html`<bdi dir="auto">${value}</bdi>`;
  // C5: members present who could not approve (deactivated, left the committee) are listed as such,
  // with who recorded it and when, so the printed record shows why their approval is missing.
  const approvals = [
    ...minutes.approvals.map((a) => html`<tr><td>${name(a.displayName)}</td><td>${when(a.approvedAt)}</td></tr>`),
    ...minutes.excused.map((e) => {
      const recorder = recorderNames.get(e.excusedBy);
      return html`<tr class="excused"><td>${name(e.displayName)}</td><td>تعذّر عليه الاعتماد (لم يعد عضواً نشطاً)، سجّل ذلك ${
        recorder ? name(recorder) : 'رئيس اللجنة'
      } بتاريخ ${when(e.excusedAt)}</td></tr>`;
    }),
    ...minutes.pending.map((p) => html`<tr><td>${name(p.displayName)}</td><td>لم يعتمد بعد</td></tr>`),
  ];
  return html`<!doctype html>
<html lang="ar" dir="rtl">
<head><meta charset="utf-8"><title>${title}</title><style>${new SafeHtml(STYLE)}</style></head>
<body>
<article class="sheet">
  <header class="letterhead">
    <div lang="ar" dir="rtl"><strong>${association.nameAr}</strong><br>${association.regulatorAr}</div>
    <div lang="en" dir="ltr"><strong>${association.nameEn}</strong></div>
  </header>
  <h1>${title}</h1>
  <div class="status">${
    isFrozen
      ? html`اعتُمد هذا المحضر نهائياً بتاريخ ${when(minutes.frozenAt as string)}`
      : html`<span class="draft">مسودة — غير معتمدة</span>`
  }</div>
  <div class="text">${body}</div>
  <table>
    <thead><tr><th scope="col">العضو الحاضر</th><th scope="col">الاعتماد</th></tr></thead>
    <tbody>${approvals}</tbody>
  </table>
  <p class="fingerprint">بصمة النص (SHA-256): <bdi dir="ltr">${minutes.sha256}</bdi></p>
</article>
</body>
</html>`.value;
}

export async function printMinutes(ctx: AppContext, principal: StaffPrincipal, id: string): Promise<string> {
  const association = await getAssociation(ctx);
  const { minutes } = await minutesForPrint(ctx, principal, id);
  const recorders = await staffNames(
    ctx.db,
    minutes.excused.map((e) => e.excusedBy),
  );
  return renderMinutesPage(minutes, association, recorders);
}
