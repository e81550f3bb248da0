import type { ServiceRequest } from '../../contracts/requests.js';
import type { AssociationSettings } from '../../contracts/settings.js';
import type { AttestedFamily } from '../../domain/attestation.js';
import { formatDualDate } from '../../domain/dates.js';
import type { AppContext } from '../../platform/context.js';
import { html, SafeHtml } from '../../platform/http/html.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { recordAudit } from '../audit/index.js';
import { attestedFamily } from '../families/index.js';
import { getAssociation } from '../settings/index.js';
import { formCode } from './attestation-form-code.js';
import { getRequest } from './requests.present.js';

/**
 * The printable Arabic attestation form (C4): the data as it is now, the declaration, lines for the
 * family's and the witness's signatures, the date in both calendars, the SHA-256 of that data and its
 * short code, which staff type when uploading the signed scan (refused once the data changed). A4
 * with a print stylesheet; every value escaped; names, files and answers typed by people isolated
 * (`<bdi>`) so a Latin name or file name keeps its order inside the Arabic text.
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
@media print { .no-print { display: none; } }
`;

/** A code or number, left to right, never broken. */
const ltr = (value: string) => html`<bdi dir="ltr" class="nowrap">${value}</bdi>`;
/** Text people typed (a name, an e-mail, a file name, an answer): its own direction, isolated (bidi). */
const own = (value: string) => html`<bdi dir="auto">${value}</bdi>`;

function answerText(value: unknown, options: { value: string; labelAr: string }[] | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'نعم' : 'لا';
  if (Array.isArray(value)) return value.map((v) => options?.find((o) => o.value === v)?.labelAr ?? String(v)).join('، ');
  if (options) return options.find((o) => o.value === value)?.labelAr ?? String(value);
  return String(value);
}

/** The form's page (pure): the request as the witness sees it, the association, the day in both calendars. */
const RELATION_AR: Record<string, string> = {
  spouse: 'زوج/زوجة',
  son: 'ابن',
  daughter: 'ابنة',
  father: 'أب',
  mother: 'أم',
  brother: 'أخ',
  sister: 'أخت',
  grandchild: 'حفيد/حفيدة',
  other: 'أخرى',
};

export function renderAttestationForm(
  request: ServiceRequest,
  a: Pick<AssociationSettings, 'nameAr' | 'regulatorAr'>,
  witnessName: string,
  today: { hijri: string; gregorian: string },
  /** The family's core data exactly as attested (C4: part of the hash; printed so the family sees it all). */
  family?: AttestedFamily,
): string {
  const familyRows = family
    ? html`<table>
    <tr><th>رقم الهوية</th><td>${ltr(family.nationalId)}</td></tr>
    ${family.headNameEn ? html`<tr><th>الاسم بالإنجليزية</th><td>${own(family.headNameEn)}</td></tr>` : ''}
    <tr><th>الجوال</th><td>${family.mobile ? ltr(family.mobile) : '—'}</td></tr>
    <tr><th>المدينة</th><td>${own(family.city)}</td></tr>
    <tr><th>العنوان</th><td>${family.address ? own(family.address) : '—'}</td></tr>
    <tr><th>أفراد الأسرة</th><td>${
      family.members.length
        ? family.members.map(
            (m) =>
              html`<div>${own(m.name)} — ${RELATION_AR[m.relation] ?? m.relation}${m.nationalId ? html` — ${ltr(m.nationalId)}` : ''}${
                m.birthDate ? html` — ${ltr(m.birthDate)}` : ''
              }</div>`,
          )
        : '—'
    }</td></tr>
  </table>`
    : '';
  const rows = request.type.checklist.map((item) => {
    if (item.kind === 'document') {
      const names = request.documents.filter((d) => d.itemKey === item.key).map((d) => d.name);
      return html`<tr><th>${item.labelAr}</th><td>${names.length ? names.map((name) => html`<div class="file"><bdi dir="auto">${name}</bdi></div>`) : 'لم يُرفق'}</td></tr>`;
    }
    return html`<tr><th>${item.labelAr}</th><td>${own(answerText(request.answers[item.key], item.options))}</td></tr>`;
  });
  const page = html`<!doctype html>
<html lang="ar" dir="rtl">
<head><meta charset="utf-8"><title>إقرار صحة البيانات — ${request.reference}</title><style>${new SafeHtml(STYLE)}</style></head>
<body>
<article class="page">
  <header><div><strong>${a.nameAr}</strong><br>${a.regulatorAr}</div><div>التاريخ: ${today.hijri}<br>الموافق: ${today.gregorian}</div></header>
  <h1>إقرار بصحة البيانات والمستندات</h1>
  <table>
    <tr><th>رقم الطلب</th><td>${ltr(request.reference)}</td></tr>
    <tr><th>نوع الطلب</th><td>${request.type.nameAr}</td></tr>
    <tr><th>رقم ملف الأسرة</th><td>${ltr(request.familyReference)}</td></tr>
    <tr><th>اسم رب الأسرة</th><td>${own(request.familyName)}</td></tr>
  </table>
  ${familyRows}
  <table>${rows}</table>
  <div class="declaration">
    أقرّ أنا الموقّع أدناه بأن جميع البيانات والمعلومات والمستندات المقدّمة في هذا الطلب صحيحة وكاملة،
    وأتحمّل المسؤولية المباشرة عن صحتها، وأتعهد بإبلاغ الجمعية بأي تغيير يطرأ عليها، وأعلم أن أي تغيير
    في البيانات بعد توقيع هذا الإقرار يُبطله ويستلزم إقراراً جديداً.
  </div>
  <div class="signatures">
    <div>اسم المقرّ وتوقيعه:</div>
    <div>الموظف الشاهد: ${own(witnessName)}<br>التوقيع:</div>
  </div>
  <footer><p>رمز النموذج: <bdi dir="ltr" class="code" data-testid="form-code">${formCode(request.dataSha256)}</bdi></p>
  بصمة البيانات المقرّ بها (SHA-256): <bdi dir="ltr" class="hash">${request.dataSha256}</bdi><br>
  تُرفع صورة هذه الصفحة بعد التوقيع في ملف الطلب مع كتابة رمز النموذج أعلاه؛ إن تغيّرت البيانات بعد الطباعة رُفض الرمز، فاطبع إقراراً جديداً.</footer>
</article>
</body>
</html>`;
  return page.value;
}

export async function attestationForm(ctx: AppContext, principal: StaffPrincipal, id: string): Promise<string> {
  const request = await getRequest(ctx, principal, id); // scope, and the view is audited
  const a = await getAssociation(ctx);
  const today = formatDualDate(ctx.clock.now(), { language: 'ar', digits: a.digits });
  const family = await attestedFamily(ctx.db, ctx, request.familyId);
  const page = renderAttestationForm(request, a, principal.displayName, today, family);
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: { kind: 'staff', id: principal.userId },
    action: 'request.attestation-form',
    entity: 'request',
    entityId: id,
  });
  return page;
}
