import type { AppContext } from '../../platform/context.js';
import type { BilingualLabel, ErasureAction, FamilyRows, PersonalTable } from '../../platform/personal-data.js';

/**
 * What compensation cases encrypt at rest (F2; issue 23 §7): the claim, the harm, its size and causes,
 * reasons, notes, offers' remedies, the settlement's terms and payment references — each bound to its
 * row and column so a ciphertext cannot be moved. The registry below lists them (and the amounts,
 * kept plain so oversight can add them up) for `sila keys rotate`, access copies and erasure.
 */
export const caseAad = (id: string, column: string) => `compensation:${id}:${column}`;
export const stepAad = (id: string) => `compensation-step:${id}:note`;
export const rulingAad = (id: string) => `compensation-ruling:${id}:summary`;
export const roundAad = (id: string, column: string) => `compensation-round:${id}:${column}`;
export const settlementAad = (caseId: string, column: string) => `compensation-settlement:${caseId}:${column}`;
export const paymentAad = (id: string) => `compensation-payment:${id}:payment_reference`;

export const sealWith = (ctx: AppContext, aad: string, value: string | null | undefined) =>
  value ? ctx.keys.encryptor.encrypt(value, aad) : null;
export const openWith = (ctx: AppContext, aad: string, value: string | null) => (value ? ctx.keys.encryptor.decrypt(value, aad) : null);

const sealed = (
  column: string,
  holds: string,
  label: BilingualLabel,
  aad: (id: string, column: string) => string,
  key = 'id',
  erase: ErasureAction = 'null',
) => ({
  column,
  kind: 'encrypted' as const,
  holds,
  label,
  erase,
  aad: (k: Readonly<Record<string, string>>) => aad(k[key] as string, column),
});
// Issue 25 §5: amounts stay through an erasure — what was asked, fixed and paid are the association's facts.
const plain = (column: string, holds: string, label: BilingualLabel) => ({
  column,
  kind: 'plain' as const,
  holds,
  label,
  erase: 'keep' as const,
});
const DASH = { placeholder: () => '—' };
/** Issue 25 §3 (decision 015): staff's notes on a case, never sent to the family, left out of its access copy. */
const internal = <C extends object>(column: C) => ({ ...column, accessCopy: 'internal' as const });
/** Issue 25 §5: a family's cases, and their parts through them. */
const OF_CASE: FamilyRows = { column: 'case_id', in: { table: 'compensation_cases', rows: { column: 'family_id' } } };
const byCase = (files?: string[]) => ({ rows: 'update' as const, of: OF_CASE, ...(files ? { files } : {}) });

export const COMPENSATION_PERSONAL_DATA: readonly PersonalTable[] = [
  {
    table: 'compensation_cases',
    key: ['id'],
    subject: 'family',
    columns: [
      sealed('claim', 'the harm the family claims', { ar: 'الضرر المدّعى', en: 'Harm claimed' }, caseAad, 'id', DASH),
      sealed('origin_reason', 'why a complaint was escalated', { ar: 'سبب التصعيد', en: 'Reason for escalation' }, caseAad),
      sealed('harm', 'the harm as established', { ar: 'الضرر الثابت', en: 'Harm established' }, caseAad),
      sealed('harm_size', 'the size of the harm as described', { ar: 'حجم الضرر', en: 'Size of the harm' }, caseAad),
      sealed('causes', 'the harm’s causes', { ar: 'أسباب الضرر', en: 'Causes of the harm' }, caseAad),
      sealed('outcome_reasons', 'reasons of no fault, a failed negotiation or a closing', { ar: 'الأسباب', en: 'Reasons' }, caseAad),
      plain('amount_asked', 'the amount the family asked', { ar: 'المبلغ المطلوب (ريال)', en: 'Amount asked (SAR)' }),
      plain('established_amount', 'the amount of the established harm', {
        ar: 'مبلغ الضرر الثابت (ريال)',
        en: 'Amount of the established harm (SAR)',
      }),
    ],
    erasure: { rows: 'update', of: { column: 'family_id' } },
  },
  {
    table: 'compensation_steps',
    key: ['id'],
    subject: 'family',
    columns: [
      internal(sealed('note', 'a step’s note', { ar: 'ملاحظة الموظف على المرحلة', en: 'Staff note on a step' }, (id) => stepAad(id))),
    ],
    erasure: byCase(),
  },
  {
    table: 'compensation_rulings',
    key: ['id'],
    subject: 'family',
    columns: [
      sealed('summary', 'a ruling’s summary', { ar: 'ملخص الحكم', en: 'Ruling summary' }, (id) => rulingAad(id)),
      plain('amount', 'the amount a ruling fixes', { ar: 'المبلغ المحكوم به (ريال)', en: 'Amount of the ruling (SAR)' }),
    ],
    erasure: byCase(),
  },
  {
    table: 'compensation_rounds',
    key: ['id'],
    subject: 'family',
    columns: [
      sealed('remedy', 'an in-kind remedy offered', { ar: 'تعويض عيني', en: 'In-kind remedy' }, roundAad),
      sealed('service', 'a service offered', { ar: 'خدمة', en: 'Service' }, roundAad),
      internal(sealed('notes', 'the negotiators’ notes', { ar: 'ملاحظات داخلية', en: 'Internal notes' }, roundAad)),
      sealed('answer_note', 'the family’s answer', { ar: 'ردّ الأسرة', en: 'The family’s answer' }, roundAad),
      plain('offer_amount', 'the amount offered', { ar: 'المبلغ المعروض (ريال)', en: 'Amount offered (SAR)' }),
    ],
    erasure: byCase(['compensation-round']),
  },
  {
    table: 'compensation_settlements',
    key: ['case_id'],
    subject: 'family',
    columns: [
      sealed(
        'remedy',
        'the settlement’s in-kind remedy',
        { ar: 'التعويض العيني في التسوية', en: 'In-kind remedy of the settlement' },
        settlementAad,
        'case_id',
      ),
      sealed('service', 'the settlement’s service', { ar: 'الخدمة في التسوية', en: 'Service of the settlement' }, settlementAad, 'case_id'),
      sealed(
        'schedule',
        'how and when the settlement is delivered',
        { ar: 'طريقة الصرف وجدوله', en: 'How and when it is paid' },
        settlementAad,
        'case_id',
        DASH,
      ),
      plain('amount', 'the settlement’s amount', { ar: 'مبلغ التسوية (ريال)', en: 'Settlement amount (SAR)' }),
    ],
    erasure: byCase(),
  },
  {
    table: 'compensation_payments',
    key: ['id'],
    subject: 'family',
    columns: [
      sealed('payment_reference', 'a payment’s bank or cheque reference', { ar: 'مرجع الصرف', en: 'Payment reference' }, (id) =>
        paymentAad(id),
      ),
      plain('amount', 'an amount paid', { ar: 'المبلغ المصروف (ريال)', en: 'Amount paid (SAR)' }),
    ],
    erasure: byCase(),
  },
];
