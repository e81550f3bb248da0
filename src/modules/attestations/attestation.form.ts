import type { AssociationSettings } from '../../contracts/settings.js';
import { formatDualDate } from '../../domain/dates.js';
import type { AppContext } from '../../platform/context.js';
import { html } from '../../platform/http/html.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { ltr, own, renderPrintableForm } from '../../platform/http/printable-form.js';
import { recordAudit } from '../audit/index.js';
import { getAssociation } from '../settings/index.js';
import type { AttestedSubject } from './attestation-subjects.js';
import { staffSubject } from './attestations.service.js';

/**
 * The printable Arabic attestation form of a subject of any kind (C4; issue 22), as the request's
 * (requests.print.ts), in the shared frame (platform/http/printable-form.ts): the data its kind
 * supplies and its declaration; the code staff type when uploading the signed scan is refused once
 * the data changed. What people typed isolated (`<bdi>`) so a Latin name keeps its order. Pure.
 */
export function renderSubjectAttestationForm(
  subject: AttestedSubject,
  dataSha256: string,
  a: Pick<AssociationSettings, 'nameAr' | 'regulatorAr'>,
  witnessName: string,
  today: { hijri: string; gregorian: string },
): string {
  const rows = subject.lines.map((line) => html`<tr><th>${line.labelAr}</th><td>${own(line.value || '—')}</td></tr>`);
  return renderPrintableForm({
    reference: subject.reference,
    association: a,
    today,
    heading: `إقرار بصحة البيانات — ${subject.titleAr}`,
    content: html`  <table>
    <tr><th>الرقم المرجعي</th><td>${ltr(subject.reference)}</td></tr>
    ${rows}
  </table>`,
    declaration: `أقرّ أنا الموقّع أدناه بأن جميع البيانات الواردة في هذا النموذج صحيحة وكاملة، وأتحمّل المسؤولية المباشرة
    عن صحتها، وأعلم أن أي تغيير فيها بعد توقيع هذا الإقرار يُبطله ويستلزم إقراراً جديداً.`,
    witnessName,
    dataSha256,
    uploadNote: 'تُرفع صورة هذه الصفحة بعد التوقيع مع كتابة رمز النموذج أعلاه؛ إن تغيّرت البيانات بعد الطباعة رُفض الرمز، فاطبع إقراراً جديداً.',
  });
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
