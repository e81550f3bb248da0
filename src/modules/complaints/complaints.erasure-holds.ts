import type { ErasureHold } from '../../platform/personal-data.js';

/**
 * Issue 25 §5 (F2): a complaint or inquiry the family filed that is not closed holds its erasure —
 * and, filed by someone not registered, its own erasure.
 */
export const OPEN_COMPLAINT_HOLD: ErasureHold = {
  name: 'open-complaint',
  label: { ar: 'شكوى أو استفسار مفتوح', en: 'an open complaint or inquiry' },
  async find(db, familyId) {
    const rows = await db
      .selectFrom('complaints')
      .select('reference')
      .where('family_id', '=', familyId)
      .where('closed_at', 'is', null)
      .orderBy('reference')
      .execute();
    return rows.map((r) => r.reference);
  },
  // The complaint or inquiry itself, while it is being handled (issue 25 §5: erased once closed).
  async findForComplaint(db, complaintId) {
    const row = await db
      .selectFrom('complaints')
      .select('reference')
      .where('id', '=', complaintId)
      .where('closed_at', 'is', null)
      .executeTakeFirst();
    return row ? [row.reference] : [];
  },
};
