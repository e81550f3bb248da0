import type { BilingualLabel, ErasureAction, PersonalTable } from '../../platform/personal-data.js';
import { complaintAad, entryAad, idempotencyAad, stepNoteAad } from './complaints.sealing.js';

const sealed = (column: string, holds: string, label: BilingualLabel, erase: ErasureAction = 'null') => ({
  column,
  kind: 'encrypted' as const,
  holds,
  label,
  erase,
  aad: (k: { id: string }) => complaintAad(k.id, column),
});

/** Issue 25 §5: a family's complaints and inquiries, and their steps and entries through them. */
const FAMILY_COMPLAINTS = { table: 'complaints', rows: { column: 'family_id' } };

/** Complaints' and inquiries' personal data (F2), for the registry (platform/personal-data.ts). */
export const COMPLAINTS_PERSONAL_DATA: readonly PersonalTable[] = [
  {
    table: 'complaints',
    key: ['id'],
    subject: 'complainant',
    columns: [
      sealed('writer_name', 'the writer’s name', { ar: 'الاسم', en: 'Name' }),
      sealed('mobile', 'the writer’s mobile', { ar: 'رقم الجوال', en: 'Mobile' }),
      sealed('email', 'the writer’s e-mail', { ar: 'البريد الإلكتروني', en: 'E-mail' }),
      sealed('national_id', 'the writer’s ID number', { ar: 'رقم الهوية', en: 'ID number' }),
      sealed('description', 'what the complaint or inquiry says', { ar: 'ماذا حدث؟', en: 'What happened' }, { placeholder: () => '—' }),
      sealed('remedy', 'the remedy asked for', { ar: 'الحل المطلوب', en: 'Remedy asked for' }),
      sealed('response', 'the answer sent', { ar: 'الرد المُبلَّغ', en: 'Answer sent' }),
      sealed('reply_address', 'a postal address for the reply', { ar: 'العنوان البريدي', en: 'Postal address' }),
      sealed('decided_response', 'the committee’s decided response', { ar: 'الرد وأسبابه', en: 'The response and its reasons' }),
      sealed('decided_escalation', 'where the writer may escalate', { ar: 'جهة التظلّم', en: 'Where to escalate' }),
      sealed('satisfaction_note', 'the writer’s satisfaction note', { ar: 'ملاحظة الرضا', en: 'Satisfaction note' }),
      sealed('settlement_terms', 'the amicable settlement’s terms (E3)', { ar: 'شروط التسوية', en: 'Settlement terms' }),
      sealed('compensation_reason', 'why it was escalated to compensation', { ar: 'سبب التصعيد', en: 'Reason for escalation' }),
      sealed('tracking_code', 'the tracking code (shown once to the writer)', { ar: 'رمز المتابعة', en: 'Tracking code' }),
      {
        column: 'tracking_index',
        kind: 'keyed-hash',
        of: 'tracking_code',
        isKeptWithoutSource: true,
        holds: 'lookup by tracking code',
        label: { ar: 'بصمة رمز المتابعة للبحث', en: 'Tracking code lookup hash' },
        erase: 'null',
      },
      {
        column: 'mobile_index',
        kind: 'keyed-hash',
        of: 'mobile',
        holds: 'lookup by mobile',
        label: { ar: 'بصمة الجوال للبحث', en: 'Mobile lookup hash' },
        erase: 'null',
      },
      {
        column: 'national_id_index',
        kind: 'keyed-hash',
        of: 'national_id',
        holds: 'lookup by ID number',
        label: { ar: 'بصمة رقم الهوية للبحث', en: 'ID number lookup hash' },
        erase: 'null',
      },
    ],
    // The complaint, its kind, steps, dates and outcome stay (E1 statistics); its attachments go.
    erasure: { rows: 'update', of: { column: 'family_id' }, files: ['complaint', 'complaint-evidence'] },
  },
  {
    table: 'complaint_steps',
    key: ['id'],
    subject: 'complainant',
    columns: [
      {
        column: 'note',
        kind: 'encrypted',
        holds: 'a handling step’s note',
        label: { ar: 'ملاحظة داخلية على المرحلة', en: 'Internal note on a step' },
        aad: (k) => stepNoteAad(k.id as string),
        erase: 'null',
        // Issue 25 §3 (decision 015): internal, never shown to the writer — nor in the access copy.
        accessCopy: 'internal',
      },
    ],
    erasure: { rows: 'update', of: { column: 'complaint_id', in: FAMILY_COMPLAINTS } },
  },
  {
    table: 'complaint_entries',
    key: ['id'],
    subject: 'complainant',
    columns: [
      {
        column: 'body',
        kind: 'encrypted',
        holds: 'an investigation entry',
        label: { ar: 'ملاحظة أو مهمة في التحقيق', en: 'Investigation note or task' },
        aad: (k) => entryAad(k.id as string),
        erase: 'null',
        // Issue 25 §3 (decision 015): the follow-up committee's own notes and tasks.
        accessCopy: 'internal',
      },
    ],
    erasure: { rows: 'update', of: { column: 'complaint_id', in: FAMILY_COMPLAINTS } },
  },
  {
    table: 'public_idempotency',
    key: ['key_hash'],
    subject: 'complainant',
    columns: [
      {
        column: 'response',
        kind: 'encrypted',
        holds: 'a receipt replayed to a retried submission',
        label: { ar: 'إيصال الإرسال المكرّر', en: 'Receipt for a retried submission' },
        aad: (k) => idempotencyAad(k.key_hash as string),
      },
    ],
    erasure: { rows: 'outside', reason: 'a receipt for a retried submission, deleted when it expires (a day)' },
  },
];
