import type { ServiceRequest } from '../../contracts/requests.js';
import type { AssociationSettings } from '../../contracts/settings.js';
import type { AttestedFamily } from '../../domain/attestation.js';
import { formatDualDate } from '../../domain/dates.js';
import type { AppContext } from '../../platform/context.js';
import { html } from '../../platform/http/html.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { ltr, own, renderPrintableForm } from '../../platform/http/printable-form.js';
import { recordAudit } from '../audit/index.js';
import { attestedFamily } from '../families/index.js';
import { getAssociation } from '../settings/index.js';
import { getRequest } from './requests.present.js';

/**
 * The printable Arabic attestation form of a request (C4), in the shared frame
 * (platform/http/printable-form.ts: A4, signatures, the short code and SHA-256 of the data): the
 * request's data as it is now and its declaration. Names, files and answers typed by people isolated
 * (`<bdi>`) so a Latin name or file name keeps its order inside the Arabic text.
 */
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
  return renderPrintableForm({
    reference: request.reference,
    association: a,
    today,
    heading: 'إقرار بصحة البيانات والمستندات',
    content: html`  <table>
    <tr><th>رقم الطلب</th><td>${ltr(request.reference)}</td></tr>
    <tr><th>نوع الطلب</th><td>${request.type.nameAr}</td></tr>
    <tr><th>رقم ملف الأسرة</th><td>${ltr(request.familyReference)}</td></tr>
    <tr><th>اسم رب الأسرة</th><td>${own(request.familyName)}</td></tr>
  </table>
  ${familyRows}
  <table>${rows}</table>`,
    declaration: `أقرّ أنا الموقّع أدناه بأن جميع البيانات والمعلومات والمستندات المقدّمة في هذا الطلب صحيحة وكاملة،
    وأتحمّل المسؤولية المباشرة عن صحتها، وأتعهد بإبلاغ الجمعية بأي تغيير يطرأ عليها، وأعلم أن أي تغيير
    في البيانات بعد توقيع هذا الإقرار يُبطله ويستلزم إقراراً جديداً.`,
    witnessName,
    dataSha256: request.dataSha256,
    uploadNote:
      'تُرفع صورة هذه الصفحة بعد التوقيع في ملف الطلب مع كتابة رمز النموذج أعلاه؛ إن تغيّرت البيانات بعد الطباعة رُفض الرمز، فاطبع إقراراً جديداً.',
  });
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
