import type { ErasureHold } from '../../platform/personal-data.js';

/** Issue 25 §5 (F2): an open compensation case (E3) holds its family's erasure. */
export const OPEN_CASE_HOLD: ErasureHold = {
  name: 'open-compensation-case',
  label: { ar: 'قضية تعويض مفتوحة', en: 'an open compensation case' },
  async find(db, familyId) {
    const rows = await db
      .selectFrom('compensation_cases')
      .select('reference')
      .where('family_id', '=', familyId)
      .where('closed_at', 'is', null)
      .orderBy('reference')
      .execute();
    return rows.map((r) => r.reference);
  },
};
