import type { Family } from '../../contracts/families.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { recordAudit } from '../audit/index.js';
import { assertFamilyNotErased } from './families.erased.js';
import { actorOf, canEditFamily, familyVisibility } from './families.policy.js';
import { loadPresented } from './families.present.js';
import * as repo from './families.repo.js';

/**
 * Issue 20 §7 (F2): staff confirm a family's e-mail address is theirs (a test message answered, the
 * address read back at the desk); only then may portal sign-in codes go to it. Changing the address
 * clears the confirmation (families.update.ts). Optimistic on the family's version, audited.
 */
export async function verifyFamilyEmail(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  body: { version: number },
): Promise<Family> {
  const current = await repo.findVisibleFamily(ctx.db, familyVisibility(principal), id);
  if (!current) throw AppError.notFound('family.not-found', 'No such family');
  if (!canEditFamily(principal, { registeredBy: current.registered_by }))
    throw AppError.forbidden('family.read-only', 'You may read this family but not change it');
  await assertFamilyNotErased(ctx, id);
  if (current.email === null) throw AppError.conflict('family.no-email', 'This family has no e-mail address to verify');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('families')
      .set({
        email_verified_at: now.toISOString(),
        email_verified_by: principal.userId,
        updated_at: now.toISOString(),
        version: current.version + 1,
      })
      .where('id', '=', id)
      .where('version', '=', body.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1)
      throw AppError.conflict('family.version-conflict', 'Someone else changed this family meanwhile; reload and try again');
    await recordAudit(trx, { at: now, actor: actorOf(principal), action: 'family.email-verify', entity: 'family', entityId: id });
  });
  const row = await repo.findFamilyRow(ctx.db, id);
  if (!row) throw AppError.notFound('family.not-found', 'No such family');
  return loadPresented(ctx, principal, row);
}
