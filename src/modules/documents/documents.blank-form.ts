import type { ChecklistItem, RequestType, RequestTypeVersion } from '../../contracts/requests.js';
import type { AssociationSettings } from '../../contracts/settings.js';
import { html, type SafeHtml } from '../../platform/http/html.js';
import { BLANK_FORM as F } from './documents.forms-copy.js';
import { dayText } from './documents.render.js';

/**
 * The blank Arabic request form (issue 26 §3; B5, G2): what `/documents/forms/<type-code>` prints,
 * for the letter and fax channels — the type's name and version, Hijri and Gregorian date lines left
 * blank, the applicant's particulars, one blank line (or boxes to tick) per field of the checklist,
 * the documents to attach, the criteria, the declaration (C4) and the office's box. Hidden on the
 * screen, it is the only thing printed (FORMS_CSS). Inline CSS: the page keeps no stylesheet of its own.
 */
export const FORMS_CSS = `
.forms .checklist{margin:0;padding-inline-start:1.25rem}
.forms .tag{font-size:.85rem;color:var(--muted)}
.forms .criteria{margin:0 0 .5rem;padding-inline-start:1.25rem}
.forms .facts{color:var(--muted)}
.forms .visually-hidden{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.blank-form{display:none}
@media print{
@page{size:A4;margin:14mm}
body{background:#fff;color:#000;font-size:11pt;line-height:1.5}
.masthead,.footer,.screen-only{display:none!important}
main.wrap{max-width:none;padding:0}
.blank-form{display:block}
.blank-form h1{font-size:16pt;margin:0 0 4pt}
.blank-form h2{font-size:12pt;margin:10pt 0 4pt;border-bottom:1px solid #000}
.blank-form .head{display:flex;justify-content:space-between;gap:12pt}
.blank-form .line{display:flex;gap:6pt;align-items:flex-end;margin:5pt 0;break-inside:avoid}
.blank-form .blank{flex:1;min-height:1.3em;border-bottom:1px dotted #000}
.blank-form .date .blank{flex:0 0 5em}
.blank-form .tall{min-height:4.2em}
.blank-form .box{display:inline-block;width:.9em;height:.9em;border:1px solid #000;vertical-align:middle;margin-inline:0 4pt}
.blank-form .options{flex-wrap:wrap}
.blank-form .options span{margin-inline-end:14pt;white-space:nowrap}
.blank-form ul{margin:0;padding:0;list-style:none}
.blank-form li{margin:3pt 0}
.blank-form .small{font-size:9.5pt}
.blank-form .office{border:1px solid #000;padding:6pt;margin-top:10pt}
}`;

const dateLines = html`<div class="line date" data-blank="hijri-date"><span>${F.dateHijri}</span><span class="blank"></span><span>/</span><span class="blank"></span><span>/</span><span class="blank"></span><span>${F.hijriSuffix}</span></div>
<div class="line date" data-blank="gregorian-date"><span>${F.dateGregorian}</span><span class="blank"></span><span>/</span><span class="blank"></span><span>/</span><span class="blank"></span><span>${F.gregorianSuffix}</span></div>`;

const line = (label: SafeHtml | string, key: string, tall = false) =>
  html`<div class="line" data-blank="${key}"><span>${label}</span><span class="blank${tall ? ' tall' : ''}"></span></div>`;

const mark = (item: ChecklistItem) => html`${item.labelAr}${item.isRequired ? ' (*)' : ''}`;

function fieldLine(item: ChecklistItem): SafeHtml {
  const boxes = (labels: readonly string[], hint?: string) =>
    html`<div class="line options" data-blank="${item.key}"><span>${mark(item)}${hint ? html` — ${hint}` : ''}:</span> ${labels.map(
      (label) => html`<span><span class="box"></span>${label}</span>`,
    )}</div>`;
  if (item.fieldType === 'yes-no') return boxes([F.yes, F.no]);
  if (item.fieldType === 'choice')
    return boxes(
      (item.options ?? []).map((o) => o.labelAr),
      F.chooseOne,
    );
  if (item.fieldType === 'multi-choice')
    return boxes(
      (item.options ?? []).map((o) => o.labelAr),
      F.chooseAny,
    );
  return line(html`${mark(item)}:`, item.key, item.fieldType === 'long-text');
}

export function blankForm(type: RequestType, inForce: RequestTypeVersion | undefined, association: AssociationSettings): SafeHtml {
  const fields = type.checklist.filter((i) => i.kind === 'field');
  const documents = type.checklist.filter((i) => i.kind === 'document');
  const criteria = type.criteriaAr.split('\n').filter((l) => l.trim());
  const contact = [
    association.fax ? html`${F.faxLabel}: <bdi dir="ltr">${association.fax}</bdi>` : '',
    association.phone ? html`${F.phoneLabel}: <bdi dir="ltr">${association.phone}</bdi>` : '',
  ].filter(Boolean);
  return html`<section class="blank-form" lang="ar" dir="rtl" aria-label="${F.heading}">
  <div class="head"><div><h1>${F.heading}</h1><p><strong>${association.nameAr}</strong></p></div>
  <div><p>${F.type}: <strong>${type.nameAr}</strong></p><p>${F.version}: <bdi dir="ltr">${type.version}</bdi>${
    inForce ? html` — ${dayText(inForce.createdAt, 'ar')}` : ''
  }</p></div></div>
  ${dateLines}
  <h2>${F.applicant}</h2>
  ${F.applicantFields.map((label, i) => line(`${label}:`, `applicant-${i + 1}`))}
  ${fields.length ? html`<h2>${F.request}</h2>${fields.map(fieldLine)}` : ''}
  ${documents.length ? html`<h2>${F.documents}</h2><ul>${documents.map((d) => html`<li data-blank="${d.key}"><span class="box"></span>${mark(d)}</li>`)}</ul>` : ''}
  <p class="small">${F.requiredNote}</p>
  <h2>${F.criteria}</h2>
  <ul class="small">${criteria.map((c) => html`<li>• ${c}</li>`)}</ul>
  <h2>${F.declarationTitle}</h2>
  <p class="small">${F.declaration}</p>
  ${line(F.name, 'signer-name')}
  ${line(F.signature, 'signature')}
  ${dateLines}
  <div class="office"><strong>${F.office}</strong>
    ${F.officeFields.map((label, i) => line(`${label}:`, `office-${i + 1}`))}
    <div class="line options"><span>${F.channel}</span> <span><span class="box"></span>${F.letter}</span> <span><span class="box"></span>${F.fax}</span></div>
  </div>
  <p class="small">${F.sendTo}: ${association.nameAr}${association.addressAr ? html` — ${association.addressAr}` : ''}${
    contact.length ? html` — ${contact.map((c, i) => html`${i ? '، ' : ''}${c}`)}` : ''
  }</p>
</section>`;
}
