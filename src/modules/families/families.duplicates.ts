import type { AppContext } from '../../platform/context.js';
import { AppError, type FieldError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { recordAudit } from '../audit/index.js';
import { actorOf, familyVisibility } from './families.policy.js';
import * as repo from './families.repo.js';

/**
 * Duplicates (issue 3 §4): the same ID number anywhere in the registry, or the same normalised name
 * with the same mobile. The one place Sila admits that a record outside the caller's scope exists —
 * to roles that register families — and it is audited.
 */
export async function assertNotDuplicate(
  ctx: AppContext,
  principal: StaffPrincipal,
  {
    nationalIds,
    nameNormalised,
    mobile,
    exceptFamilyId,
  }: { nationalIds: Array<{ value: string; pointer: string }>; nameNormalised: string; mobile: string | null; exceptFamilyId?: string },
): Promise<void> {
  let existing: { familyId: string; pointer: string } | undefined;
  for (const { value, pointer } of nationalIds) {
    const hit = await repo.findIdentity(ctx.db, ctx.keys.indexer.candidates(value));
    if (hit && hit.family_id !== exceptFamilyId) {
      existing = { familyId: hit.family_id, pointer };
      break;
    }
  }
  if (!existing && mobile) {
    const hit = await repo.findByNameAndMobile(ctx.db, nameNormalised, ctx.keys.indexer.candidates(mobile), exceptFamilyId);
    if (hit) existing = { familyId: hit.id, pointer: '/mobile' };
  }
  if (!existing) return;
  const visible = await repo.findVisibleFamily(ctx.db, familyVisibility(principal), existing.familyId);
  const office = (await repo.findFamilyRow(ctx.db, existing.familyId))?.office ?? null;
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: actorOf(principal),
    action: 'family.duplicate-refused',
    entity: 'family',
    entityId: existing.familyId,
    details: { isVisible: Boolean(visible), field: existing.pointer },
  });
  const field: FieldError = { pointer: existing.pointer, code: 'family.duplicate', detail: 'Already registered' };
  if (visible) {
    throw new AppError(
      409,
      'family.duplicate',
      'This family is already registered',
      [field],
      {},
      { existingFamilyId: visible.id, existingReference: visible.reference },
    );
  }
  throw new AppError(
    409,
    'family.duplicate-elsewhere',
    'This family is already registered outside your scope; ask its office',
    [field],
    {},
    { askOffice: office },
  );
}
