import type { AppContext } from '../../platform/context.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { presentSummary } from './families.present.js';
import * as repo from './families.repo.js';

/**
 * Who answered, for another area's export (issue 24 §5: survey responses): each family's reference,
 * head's name, ID number and mobile, masked for this reader exactly as the families' own export masks
 * them (F2). The caller has already limited the ids to the reader's scope and audits the export.
 */
export async function familyIdentities(ctx: AppContext, principal: StaffPrincipal, familyIds: readonly string[]) {
  const ids = [...new Set(familyIds)];
  const identities = new Map<
    string,
    { reference: string; headNameAr: string; headNameEn: string | null; nationalId: string; mobile: string | null }
  >();
  if (!ids.length) return identities;
  const [rows, domains] = await Promise.all([
    ctx.db.selectFrom('families').selectAll().where('id', 'in', ids).execute(),
    repo.domainsOf(ctx.db, ids),
  ]);
  for (const row of rows) {
    const f = presentSummary(ctx, principal, row, domains.get(row.id) ?? []);
    identities.set(row.id, {
      reference: f.reference,
      headNameAr: f.headNameAr,
      headNameEn: f.headNameEn,
      nationalId: f.nationalId,
      mobile: f.mobile,
    });
  }
  return identities;
}
