import type { CompensationDetail } from '../../contracts/compensation.js';
import { formatRiyals, isSecondApprovalNeeded } from '../../domain/compensation-status.js';
import { formatDualDate } from '../../domain/dates.js';
import type { AppContext } from '../../platform/context.js';
import { sha256Hex } from '../../platform/crypto/digest.js';
import { AppError } from '../../platform/http/app-error.js';
import { html, SafeHtml } from '../../platform/http/html.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { voidChangedAttestation } from '../attestations/index.js';
import { getAssociation } from '../settings/index.js';
import { assertMayMove, auditCase, caseForWrite, moveCase, staffActor, tellFamily, touchCase } from './compensation.core.js';
import { loadVisibleCase } from './compensation.policy.js';
import { isSettlementAttested, presentDetail } from './compensation.present.js';
import { sealWith, settlementAad } from './compensation.sealing.js';
import { SETTLEMENT_KIND, settlementCanonical, settlementLines, settlementTerms } from './compensation.settlement-data.js';

/**
 * The settlement (issue 23 §4; D4): the agreed terms become a document the family attests — a
 * signature on the screen or a one-time code, bound to the SHA-256 of the canonical terms, through the
 * attestation of any subject (kind `compensation-settlement`). Changing the terms voids a live
 * attestation in the same transaction; the case is settled only while the attestation binds the
 * terms as they are (409 `compensation.settlement-not-attested` otherwise: re-attestation required).
 * The amount is the final ruling's when one fixed it (D3), and above the established amount only as
 * an offer management approved.
 */
export async function saveSettlementTerms(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  body: { amountHalalas: number; remedy?: string | undefined; service?: string | undefined; hasApology: boolean; schedule: string },
): Promise<CompensationDetail> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await caseForWrite(trx, ctx, principal, id);
    const noAcceptedOffer = () =>
      AppError.conflict('compensation.no-accepted-offer', 'Settlement terms follow an offer the family accepted');
    if (row.status === 'established') throw noAcceptedOffer();
    assertMayMove(row, 'settle');
    const rounds = await trx.selectFrom('compensation_rounds').selectAll().where('case_id', '=', id).execute();
    if (!rounds.some((r) => r.answer === 'accepted')) throw noAcceptedOffer();
    const established = row.established_amount === null ? null : Number(row.established_amount);
    if (row.is_amount_fixed === 1 && body.amountHalalas !== established)
      throw AppError.conflict('compensation.amount-fixed', 'A final ruling fixed the amount; the settlement carries it');
    // D4: an amount the second approval holds back (above the established harm, or on a harm only
    // described; a fixed amount never is) stands only on an approved offer at least as high.
    if (
      isSecondApprovalNeeded({ established, offered: body.amountHalalas }) &&
      !rounds.some((r) => r.approved_at && r.offer_amount !== null && Number(r.offer_amount) >= body.amountHalalas)
    )
      throw AppError.conflict(
        'compensation.approval-required',
        'An amount above the established harm needs management’s second approval of an offer',
      );
    const now = ctx.clock.now().toISOString();
    const values = {
      amount: body.amountHalalas,
      remedy: sealWith(ctx, settlementAad(id, 'remedy'), body.remedy),
      service: sealWith(ctx, settlementAad(id, 'service'), body.service),
      has_apology: body.hasApology ? 1 : 0,
      schedule: sealWith(ctx, settlementAad(id, 'schedule'), body.schedule) as string,
      updated_by: principal.userId,
      updated_at: now,
    };
    const existing = await trx.selectFrom('compensation_settlements').select('version').where('case_id', '=', id).executeTakeFirst();
    if (existing)
      await trx
        .updateTable('compensation_settlements')
        .set({ ...values, version: existing.version + 1 })
        .where('case_id', '=', id)
        .execute();
    else
      await trx
        .insertInto('compensation_settlements')
        .values({ case_id: id, ...values, version: 1 })
        .execute();
    await touchCase(trx, ctx, row);
    const actor = staffActor(principal);
    // C4: terms changed — an attestation of the earlier terms no longer counts.
    await voidChangedAttestation(trx, ctx, { kind: 'staff', id: principal.userId }, SETTLEMENT_KIND, id);
    await auditCase(trx, ctx, actor, 'settlement-terms', id, { amount: body.amountHalalas }, [
      'amount',
      'remedy',
      'service',
      'hasApology',
      'schedule',
    ]);
    return presentDetail(trx, ctx, row, principal);
  });
}

/** negotiating → settled once the family attested the terms as they are now. */
export async function settleCase(ctx: AppContext, principal: StaffPrincipal, id: string): Promise<CompensationDetail> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await caseForWrite(trx, ctx, principal, id);
    assertMayMove(row, 'settle');
    const settlement = await trx.selectFrom('compensation_settlements').selectAll().where('case_id', '=', id).executeTakeFirst();
    if (!settlement) throw AppError.conflict('compensation.no-settlement', 'Record the settlement’s terms first');
    if (!(await isSettlementAttested(trx, id, sha256Hex(settlementCanonical(row, settlement, ctx)))))
      throw AppError.conflict(
        'compensation.settlement-not-attested',
        'The family has not attested these terms (changed terms need a new attestation)',
      );
    const actor = staffActor(principal);
    await moveCase(trx, ctx, row, 'settle', actor, { set: { settled_at: ctx.clock.now().toISOString() } });
    await tellFamily(trx, ctx, row, 'compensation.settled', actor, {
      key: `settled:${settlement.version}`,
      params: { amount: formatRiyals(Number(settlement.amount), 'ar') },
    });
    await auditCase(trx, ctx, actor, 'settle', id, { version: settlement.version });
    return presentDetail(trx, ctx, row, principal);
  });
}

const STYLE = `
@page { size: A4; margin: 16mm; }
body { font-family: 'IBM Plex Sans Arabic', 'Noto Naskh Arabic', 'Noto Sans Arabic', Tahoma, sans-serif; color: #111; font-size: 11.5pt; line-height: 1.7; }
h1 { font-size: 15pt; text-align: center; }
table { width: 100%; border-collapse: collapse; margin: 4mm 0; }
th, td { border: 1px solid #999; padding: 1.5mm 2.5mm; text-align: start; vertical-align: top; }
th { background: #f1f3f5; width: 35%; }
.hash { font-family: monospace; font-size: 8.5pt; word-break: break-all; }
.signatures { display: flex; gap: 10mm; margin-top: 10mm; }
.signatures div { flex: 1; border-top: 1px dotted #333; padding-top: 2mm; min-height: 20mm; }
bdi { unicode-bidi: isolate; }
`;

/** The printable settlement document (issue 23 §4), Arabic or English, bound to the SHA-256 of its terms. */
export async function settlementDocument(ctx: AppContext, principal: StaffPrincipal, id: string, language: 'ar' | 'en'): Promise<string> {
  const row = await loadVisibleCase(ctx.db, ctx, principal, id);
  const settlement = await ctx.db.selectFrom('compensation_settlements').selectAll().where('case_id', '=', id).executeTakeFirst();
  if (!settlement) throw AppError.notFound('compensation.no-settlement', 'This case has no settlement terms yet');
  const terms = settlementTerms(row, settlement, ctx);
  const dataSha256 = sha256Hex(settlementCanonical(row, settlement, ctx));
  const a = await getAssociation(ctx);
  const today = formatDualDate(ctx.clock.now(), { language, digits: a.digits });
  const isAr = language === 'ar';
  const rows = settlementLines(terms).map(
    (l) => html`<tr><th>${isAr ? l.labelAr : l.labelEn}</th><td><bdi dir="auto">${l.value}</bdi></td></tr>`,
  );
  await auditCase(ctx.db, ctx, staffActor(principal), 'settlement-print', id, { language, dataSha256 });
  return html`<!doctype html>
<html lang="${language}" dir="${isAr ? 'rtl' : 'ltr'}">
<head><meta charset="utf-8"><title>${isAr ? 'اتفاقية تسوية ودية' : 'Amicable settlement agreement'} — ${row.reference}</title><style>${new SafeHtml(STYLE)}</style></head>
<body>
<header><strong>${isAr ? a.nameAr : a.nameEn}</strong> — ${today.hijri} / ${today.gregorian}</header>
<h1>${isAr ? 'اتفاقية تسوية ودية' : 'Amicable settlement agreement'}</h1>
<table>
<tr><th>${isAr ? 'رقم القضية' : 'Case'}</th><td><bdi dir="ltr">${row.reference}</bdi></td></tr>
${rows}
</table>
<p>${
    isAr
      ? 'تُعدّ هذه التسوية تسوية ودية للخلاف بين الجمعية والأسرة، وفق سياسة تنظيم العلاقة مع المستفيدين (د٤)، ويُصرف التعويض وفق الجدول أعلاه.'
      : 'This is an amicable settlement of the dispute between the association and the family, under the beneficiary relations policy (D4); compensation is delivered on the schedule above.'
  }</p>
<div class="signatures"><div>${isAr ? 'الأسرة: الاسم والتوقيع' : 'The family: name and signature'}</div><div>${isAr ? 'عن الجمعية' : 'For the association'}</div></div>
<footer><p>SHA-256: <bdi dir="ltr" class="hash">${dataSha256}</bdi></p></footer>
</body>
</html>`.value;
}
