import { formCode } from '../../domain/attestation-form-code.js';
import { html, SafeHtml } from './html.js';

/**
 * The printed Arabic attestation form's frame (C4), one for every kind that prints one (a request's,
 * a complaint's, any subject's; issue 22): A4 with a print stylesheet, the association and the day
 * in both calendars, the heading, the caller's data, the declaration, the family's and the
 * witness's signature lines, and the footer with the short code staff type when uploading the
 * signed scan and the SHA-256 of the data. Every value escaped.
 */
const STYLE = `
@page { size: A4; margin: 14mm 16mm; }
* { box-sizing: border-box; }
body { margin: 0; font-family: 'IBM Plex Sans Arabic', 'Noto Naskh Arabic', 'Noto Sans Arabic', Tahoma, sans-serif; color: #111; font-size: 11.5pt; line-height: 1.6; }
.page { display: flex; flex-direction: column; min-height: 268mm; }
header { display: flex; justify-content: space-between; border-bottom: 2px solid #0b7285; padding-bottom: 3mm; margin-bottom: 5mm; }
header strong { color: #0b7285; font-size: 13pt; }
h1 { font-size: 15pt; text-align: center; margin: 0 0 4mm; }
table { width: 100%; border-collapse: collapse; margin-bottom: 4mm; }
th, td { border: 1px solid #999; padding: 1.5mm 2.5mm; text-align: start; vertical-align: top; }
th { background: #f1f3f5; width: 38%; font-weight: 600; }
.declaration { border: 1px solid #333; padding: 3mm 4mm; margin: 4mm 0; }
.signatures { display: flex; gap: 10mm; margin-top: 6mm; }
.signatures div { flex: 1; border-top: 1px dotted #333; padding-top: 2mm; min-height: 22mm; }
.hash { font-family: monospace; font-size: 8.5pt; word-break: break-all; }
.code { display: inline-block; font-family: monospace; font-size: 15pt; font-weight: 700; letter-spacing: .08em; border: 1.5px solid #111; padding: 0 3mm; white-space: nowrap; }
bdi { unicode-bidi: isolate; }
bdi.nowrap { white-space: nowrap; }
footer { margin-top: auto; font-size: 9pt; color: #333; border-top: 1px solid #999; padding-top: 2mm; }
@media screen { body { background: #e9ecef; } .page { background: #fff; width: 210mm; margin: 8mm auto; padding: 14mm 16mm; box-shadow: 0 1px 6px rgba(0,0,0,.2); } }
`;

/** A code or number, left to right, never broken. */
export const ltr = (value: string) => html`<bdi dir="ltr" class="nowrap">${value}</bdi>`;
/** Text people typed (a name, an e-mail, a file name, an answer): its own direction, isolated (bidi). */
export const own = (value: string) => html`<bdi dir="auto">${value}</bdi>`;

export interface PrintableForm {
  /** The record's reference, in the page title. */
  reference: string;
  association: { nameAr: string; regulatorAr: string };
  today: { hijri: string; gregorian: string };
  heading: string;
  /** The data attested: tables, already indented to sit under the heading. */
  content: SafeHtml;
  /** The declaration the family signs, as printed. */
  declaration: string;
  witnessName: string;
  dataSha256: string;
  /** The footer's last sentence: where the signed scan goes. */
  uploadNote: string;
}

/**
 * The whole page (pure).
 * @example renderPrintableForm({ reference: 'REQ-2026-000042', heading: 'إقرار بصحة البيانات', content: html`<table>…</table>`, … })
 */
export function renderPrintableForm(form: PrintableForm): string {
  const a = form.association;
  return html`<!doctype html>
<html lang="ar" dir="rtl">
<head><meta charset="utf-8"><title>إقرار صحة البيانات — ${form.reference}</title><style>${new SafeHtml(STYLE)}</style></head>
<body>
<article class="page">
  <header><div><strong>${a.nameAr}</strong><br>${a.regulatorAr}</div><div>التاريخ: ${form.today.hijri}<br>الموافق: ${form.today.gregorian}</div></header>
  <h1>${form.heading}</h1>
${form.content}
  <div class="declaration">
    ${form.declaration}
  </div>
  <div class="signatures">
    <div>اسم المقرّ وتوقيعه:</div>
    <div>الموظف الشاهد: ${own(form.witnessName)}<br>التوقيع:</div>
  </div>
  <footer><p>رمز النموذج: <bdi dir="ltr" class="code" data-testid="form-code">${formCode(form.dataSha256)}</bdi></p>
  بصمة البيانات المقرّ بها (SHA-256): <bdi dir="ltr" class="hash">${form.dataSha256}</bdi><br>
  ${form.uploadNote}</footer>
</article>
</body>
</html>`.value;
}
