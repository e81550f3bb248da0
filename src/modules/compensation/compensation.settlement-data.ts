import { type AttestedLine, canonicalSubjectData } from '../../domain/attestation.js';
import { formatRiyals } from '../../domain/compensation-status.js';
import type { AppContext } from '../../platform/context.js';
import type { CompensationSettlementTable } from '../../platform/db/schema-compensation.js';
import type { AttestationSubject } from '../attestations/index.js';
import type { CaseRow } from './compensation.policy.js';
import { openWith, settlementAad } from './compensation.sealing.js';

/**
 * The settlement's terms as the family attests them (issue 23 §4, D4, C4): canonical JSON whose
 * SHA-256 the attestation binds; any change of terms gives another hash, so the attestation no
 * longer counts and the family attests again. Registered as the attestation kind below.
 */
export const SETTLEMENT_KIND = 'compensation-settlement';

export interface SettlementTerms {
  reference: string;
  familyId: string;
  amountHalalas: number;
  remedy: string | null;
  service: string | null;
  hasApology: boolean;
  schedule: string;
}

export function settlementTerms(row: CaseRow, settlement: CompensationSettlementTable, ctx: AppContext): SettlementTerms {
  return {
    reference: row.reference,
    familyId: row.family_id,
    amountHalalas: Number(settlement.amount),
    remedy: openWith(ctx, settlementAad(row.id, 'remedy'), settlement.remedy),
    service: openWith(ctx, settlementAad(row.id, 'service'), settlement.service),
    hasApology: settlement.has_apology === 1,
    schedule: openWith(ctx, settlementAad(row.id, 'schedule'), settlement.schedule) ?? '',
  };
}

export const settlementCanonical = (row: CaseRow, settlement: CompensationSettlementTable, ctx: AppContext) =>
  canonicalSubjectData(SETTLEMENT_KIND, settlementTerms(row, settlement, ctx));

/** The lines a form, the portal and the printed document show, in Arabic and English. */
export function settlementLines(terms: SettlementTerms): AttestedLine[] {
  const lines: AttestedLine[] = [
    {
      labelAr: 'مبلغ التعويض',
      labelEn: 'Compensation amount',
      value: `${formatRiyals(terms.amountHalalas, 'ar')} (${formatRiyals(terms.amountHalalas, 'en')})`,
    },
  ];
  if (terms.remedy) lines.push({ labelAr: 'التعويض العيني', labelEn: 'In-kind remedy', value: terms.remedy });
  if (terms.service) lines.push({ labelAr: 'الخدمة', labelEn: 'Service', value: terms.service });
  if (terms.hasApology)
    lines.push({ labelAr: 'الاعتذار', labelEn: 'Apology', value: 'تقدّم الجمعية اعتذارها الرسمي (The association apologises formally)' });
  lines.push({ labelAr: 'طريقة الصرف وجدوله', labelEn: 'Method and schedule', value: terms.schedule });
  return lines;
}

/** C4, D4: the settlement as an attestation subject (attestations import nothing from here). */
export const settlementAttestationSubject: AttestationSubject = {
  async attestedData(db, ctx, id) {
    const row = await db.selectFrom('compensation_cases').selectAll().where('id', '=', id).executeTakeFirst();
    const settlement = row
      ? await db.selectFrom('compensation_settlements').selectAll().where('case_id', '=', id).executeTakeFirst()
      : undefined;
    if (!row || !settlement) return null;
    const terms = settlementTerms(row, settlement, ctx);
    return {
      familyId: row.family_id,
      reference: row.reference,
      titleAr: 'اتفاقية تسوية ودية',
      titleEn: 'Amicable settlement agreement',
      canonical: canonicalSubjectData(SETTLEMENT_KIND, terms),
      // Terms are attested while they are negotiated; once settled they are fixed (a change needs a new case step).
      isAttestable: row.status === 'negotiating',
      lines: settlementLines(terms),
    };
  },
};
