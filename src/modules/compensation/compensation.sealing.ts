import type { AppContext } from '../../platform/context.js';
import type { ErasureAction, FamilyRows, PersonalTable } from '../../platform/personal-data.js';

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

const sealed = (column: string, holds: string, aad: (id: string, column: string) => string, key = 'id', erase: ErasureAction = 'null') => ({
  column,
  kind: 'encrypted' as const,
  holds,
  erase,
  aad: (k: Readonly<Record<string, string>>) => aad(k[key] as string, column),
});
// Issue 25 §5: amounts stay through an erasure — what was asked, fixed and paid are the association's facts.
const plain = (column: string, holds: string) => ({ column, kind: 'plain' as const, holds, erase: 'keep' as const });
const DASH = { placeholder: () => '—' };
/** Issue 25 §5: a family's cases, and their parts through them. */
const OF_CASE: FamilyRows = { column: 'case_id', in: { table: 'compensation_cases', rows: { column: 'family_id' } } };
const byCase = (files?: string[]) => ({ rows: 'update' as const, of: OF_CASE, ...(files ? { files } : {}) });

export const COMPENSATION_PERSONAL_DATA: readonly PersonalTable[] = [
  {
    table: 'compensation_cases',
    key: ['id'],
    subject: 'family',
    columns: [
      sealed('claim', 'the harm the family claims', caseAad, 'id', DASH),
      sealed('origin_reason', 'why a complaint was escalated', caseAad),
      sealed('harm', 'the harm as established', caseAad),
      sealed('harm_size', 'the size of the harm as described', caseAad),
      sealed('causes', 'the harm’s causes', caseAad),
      sealed('outcome_reasons', 'reasons of no fault, a failed negotiation or a closing', caseAad),
      plain('amount_asked', 'the amount the family asked'),
      plain('established_amount', 'the amount of the established harm'),
    ],
    erasure: { rows: 'update', of: { column: 'family_id' } },
  },
  {
    table: 'compensation_steps',
    key: ['id'],
    subject: 'family',
    columns: [sealed('note', 'a step’s note', (id) => stepAad(id))],
    erasure: byCase(),
  },
  {
    table: 'compensation_rulings',
    key: ['id'],
    subject: 'family',
    columns: [sealed('summary', 'a ruling’s summary', (id) => rulingAad(id)), plain('amount', 'the amount a ruling fixes')],
    erasure: byCase(),
  },
  {
    table: 'compensation_rounds',
    key: ['id'],
    subject: 'family',
    columns: [
      sealed('remedy', 'an in-kind remedy offered', roundAad),
      sealed('service', 'a service offered', roundAad),
      sealed('notes', 'the negotiators’ notes', roundAad),
      sealed('answer_note', 'the family’s answer', roundAad),
      plain('offer_amount', 'the amount offered'),
    ],
    erasure: byCase(['compensation-round']),
  },
  {
    table: 'compensation_settlements',
    key: ['case_id'],
    subject: 'family',
    columns: [
      sealed('remedy', 'the settlement’s in-kind remedy', settlementAad, 'case_id'),
      sealed('service', 'the settlement’s service', settlementAad, 'case_id'),
      sealed('schedule', 'how and when the settlement is delivered', settlementAad, 'case_id', DASH),
      plain('amount', 'the settlement’s amount'),
    ],
    erasure: byCase(),
  },
  {
    table: 'compensation_payments',
    key: ['id'],
    subject: 'family',
    columns: [
      sealed('payment_reference', 'a payment’s bank or cheque reference', (id) => paymentAad(id)),
      plain('amount', 'an amount paid'),
    ],
    erasure: byCase(),
  },
];
