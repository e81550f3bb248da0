import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { ErasureHold } from '../../platform/personal-data.js';

async function openRequests(db: Kysely<Database>, column: 'family_id' | 'complaint_id', id: string, except?: string): Promise<string[]> {
  let query = db.selectFrom('privacy_requests').select('reference').where(column, '=', id).where('status', 'in', ['received', 'verified']);
  if (except) query = query.where((eb) => eb.not(eb.and([eb('reference', '=', except), eb('kind', '=', 'erasure')])));
  const rows = await query.orderBy('reference').execute();
  return rows.map((r) => r.reference);
}

/**
 * Issue 25 §5 (F2): a data-subject request about the family that is still open (received or
 * verified — not yet answered or refused) holds its erasure: an access copy, a correction or an
 * objection must be answered from the data first. The erasure request being carried out does not
 * hold itself: the erasure names it (`except`, its reference), and only a request of kind
 * `erasure` is excused that way — naming an open access request does not lift its hold.
 */
export const OPEN_DATA_SUBJECT_REQUEST_HOLD: ErasureHold = {
  name: 'open-data-subject-request',
  label: { ar: 'طلب مفتوح من صاحب البيانات (حماية البيانات الشخصية)', en: 'an open data-subject request (personal data protection)' },
  find: (db, familyId, except) => openRequests(db, 'family_id', familyId, except),
  // A complainant's or inquirer's open request about their complaint holds that complaint's erasure.
  findForComplaint: (db, complaintId, except) => openRequests(db, 'complaint_id', complaintId, except),
};
