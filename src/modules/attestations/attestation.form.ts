import type { AssociationSettings } from '../../contracts/settings.js';
import { formCode } from '../../domain/attestation-form-code.js';
import { formatDualDate } from '../../domain/dates.js';
import type { AppContext } from '../../platform/context.js';
import { html, SafeHtml } from '../../platform/http/html.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { recordAudit } from '../audit/index.js';
import { getAssociation } from '../settings/index.js';
import type { AttestedSubject } from './attestation-subjects.js';
import { staffSubject } from './attestations.service.js';

/**
 * The printable Arabic attestation form of a subject of any kind (C4; issue 22), as the request's
 * (requests.print.ts): the data its kind supplies, the declaration, the family's and the witness's
 * signature lines, the day in both calendars, the SHA-256 of the data and the short code staff type
 * when uploading the signed scan (refused once the data changed). Every value escaped; what people
 * typed isolated (`<bdi>`) so a Latin name keeps its order in the Arabic text.
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

const ltr = (value: string) => html`<bdi dir="ltr" class="nowrap">${value}</bdi>`;
const own = (value: string) => html`<bdi dir="auto">${value}</bdi>`;

/** The form's page (pure). */
export function renderSubjectAttestationForm(
  subject: AttestedSubject,
  dataSha256: string,
  a: Pick<AssociationSettings, 'nameAr' | 'regulatorAr'>,
  witnessName: string,
  today: { hijri: string; gregorian: string },
): string {
  const rows = subject.lines.map((line) => html`<tr><th>${line.labelAr}</th><td>${own(line.value || '—')}</td></tr>`);
  return html`<!doctype html>
<html lang="ar" dir="rtl">
<head><meta charset="utf-8"><title>إقرار صحة البيانات — ${subject.reference}</title><style>${new SafeHtml(STYLE)}</style></head>
<body>
<article class="page">
  <header><div><strong>${a.nameAr}</strong><br>${a.regulatorAr}</div><div>التاريخ: ${today.hijri}<br>الموافق: ${today.gregorian}</div></header>
  <h1>إقرار بصحة البيانات — ${subject.titleAr}</h1>
  <table>
    <tr><th>الرقم المرجعي</th><td>${ltr(subject.reference)}</td></tr>
    ${rows}
  </table>
  <div class="declaration">
    أقرّ أنا الموقّع أدناه بأن جميع البيانات الواردة في هذا النموذج صحيحة وكاملة، وأتحمّل المسؤولية المباشرة
    عن صحتها، وأعلم أن أي تغيير فيها بعد توقيع هذا الإقرار يُبطله ويستلزم إقراراً جديداً.
  </div>
  <div class="signatures">
    <div>اسم المقرّ وتوقيعه:</div>
    <div>الموظف الشاهد: ${own(witnessName)}<br>التوقيع:</div>
  </div>
  <footer><p>رمز النموذج: <bdi dir="ltr" class="code" data-testid="form-code">${formCode(dataSha256)}</bdi></p>
  بصمة البيانات المقرّ بها (SHA-256): <bdi dir="ltr" class="hash">${dataSha256}</bdi><br>
  تُرفع صورة هذه الصفحة بعد التوقيع مع كتابة رمز النموذج أعلاه؛ إن تغيّرت البيانات بعد الطباعة رُفض الرمز، فاطبع إقراراً جديداً.</footer>
</article>
</body>
</html>`.value;
}

export async function subjectAttestationForm(ctx: AppContext, principal: StaffPrincipal, kind: string, id: string): Promise<string> {
  const { subject, dataSha256 } = await staffSubject(ctx, principal, kind, id);
  const a = await getAssociation(ctx);
  const today = formatDualDate(ctx.clock.now(), { language: 'ar', digits: a.digits });
  const page = renderSubjectAttestationForm(subject, dataSha256, a, principal.displayName, today);
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: { kind: 'staff', id: principal.userId },
    action: 'attestation.form',
    entity: kind,
    entityId: id,
  });
  return page;
}
