import type { Kysely } from 'kysely';
import type { AttestedFamily } from '../../domain/attestation.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { assertFamilyNotErased, isFamilyErased } from './families.erased.js';
import { familyVisibility } from './families.policy.js';
import { findFamilyRow, findIdentity, findVisibleFamily, membersOf } from './families.repo.js';
import { memberAad, openFamily } from './families.sealing.js';

/**
 * The family's core data as a family attests it (C4): what requests bind an attestation's hash
 * to. Read in the caller's transaction `db`, decrypted with the registry's own bindings.
 */
export async function attestedFamily(db: Kysely<Database>, ctx: AppContext, familyId: string): Promise<AttestedFamily> {
  const row = await findFamilyRow(db, familyId);
  if (!row) throw AppError.notFound('family.not-found', 'No such family');
  const members = await membersOf(db, familyId);
  return {
    reference: row.reference,
    headNameAr: row.head_name_ar,
    headNameEn: row.head_name_en,
    nationalId: openFamily(ctx.keys, row.id, 'national_id', row.national_id) as string,
    mobile: openFamily(ctx.keys, row.id, 'mobile', row.mobile),
    city: row.city,
    address: openFamily(ctx.keys, row.id, 'address', row.address),
    members: members.map((m) => ({
      name: m.name,
      relation: m.relation,
      nationalId: m.national_id ? ctx.keys.encryptor.decrypt(m.national_id, memberAad(m.id)) : null,
      birthDate: m.birth_date,
    })),
  };
}

/**
 * The family if `principal` may see it (families' own visibility rule), for areas that file work
 * about it. With `forWrite` (a new request, complaint or inquiry for it), an erased family answers
 * 409 `family.erased` (issue 25 §5, F2): nothing new is filed for «أسرة مجهّلة».
 */
export async function visibleFamily(ctx: AppContext, principal: StaffPrincipal, familyId: string, options: { forWrite?: boolean } = {}) {
  const row = await findVisibleFamily(ctx.db, familyVisibility(principal), familyId);
  if (row && options.forWrite) await assertFamilyNotErased(ctx, row.id);
  return row ? { id: row.id, category: row.category, office: row.office } : undefined;
}

/** The family whose head (not a member) holds this ID number (the portal signs heads in). */
export async function familyHeadedBy(ctx: AppContext, nationalId: string): Promise<string | null> {
  const hit = await findIdentity(ctx.db, ctx.keys.indexer.candidates(nationalId));
  if (!hit || hit.member_id !== null) return null;
  // Issue 25 §5 (F2): an erased family no longer signs in to the portal (as if unknown: nothing said about it).
  return (await isFamilyErased(ctx, hit.family_id)) ? null : hit.family_id;
}
