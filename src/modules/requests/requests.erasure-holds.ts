import type { ErasureHold } from '../../platform/personal-data.js';

/**
 * Issue 25 §5 (F2): a request being handled holds its family's erasure — submitted and not yet
 * closed. A draft holds nothing: it is not yet a case, and the erasure takes its answers.
 */
export const OPEN_REQUEST_HOLD: ErasureHold = {
  name: 'open-request',
  label: { ar: 'طلب خدمة مفتوح', en: 'an open service request' },
  async find(db, familyId) {
    const rows = await db
      .selectFrom('requests')
      .select('reference')
      .where('family_id', '=', familyId)
      .where('status', 'not in', ['draft', 'closed'])
      .orderBy('reference')
      .execute();
    return rows.map((r) => r.reference);
  },
};
