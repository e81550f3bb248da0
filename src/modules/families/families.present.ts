import type { Family, FamilySummary } from '../../contracts/families.js';
import { maskNationalId } from '../../domain/national-id.js';
import type { AppContext } from '../../platform/context.js';
import type { FamilyTable, HouseholdMemberTable } from '../../platform/db/schema.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { isFamilyErased } from './families.erased.js';
import { canSeeUnmasked, familyAbilities } from './families.policy.js';
import * as repo from './families.repo.js';
import { familyAad, memberAad, open } from './families.sealing.js';

/** A family as staff see it (F2): ID numbers and mobiles masked unless the policy unmasks them for this reader. */

function maskMobile(e164: string): string {
  return `${e164.slice(0, 5)}•••••${e164.slice(-3)}`;
}

export function presentSummary(
  ctx: AppContext,
  principal: StaffPrincipal,
  row: FamilyTable,
  domains: string[],
  isErased = false,
): FamilySummary {
  const isUnmasked = canSeeUnmasked(principal, { registeredBy: row.registered_by });
  const nationalId = open(ctx, familyAad(row.id, 'national_id'), row.national_id) as string;
  const mobile = open(ctx, familyAad(row.id, 'mobile'), row.mobile);
  return {
    id: row.id,
    reference: row.reference,
    headNameAr: row.head_name_ar,
    headNameEn: row.head_name_en,
    nationalId: isUnmasked ? nationalId : maskNationalId(nationalId),
    isNationalIdMasked: !isUnmasked,
    mobile: mobile && !isUnmasked ? maskMobile(mobile) : mobile,
    city: row.city,
    office: row.office,
    category: row.category,
    domains,
    originChannel: row.origin_channel as FamilySummary['originChannel'],
    createdAt: row.created_at,
    abilities: familyAbilities(principal, {
      registeredBy: row.registered_by,
      office: row.office,
      category: row.category,
      domains,
      isErased,
    }),
  };
}

function presentFamily(
  ctx: AppContext,
  principal: StaffPrincipal,
  row: FamilyTable,
  domains: string[],
  members: HouseholdMemberTable[],
  isErased: boolean,
): Family {
  const summary = presentSummary(ctx, principal, row, domains, isErased);
  const isUnmasked = !summary.isNationalIdMasked;
  return {
    ...summary,
    otherPhone: open(ctx, familyAad(row.id, 'other_phone'), row.other_phone),
    email: open(ctx, familyAad(row.id, 'email'), row.email),
    address: open(ctx, familyAad(row.id, 'address'), row.address),
    agreedChannel: row.agreed_channel as Family['agreedChannel'],
    notes: open(ctx, familyAad(row.id, 'notes'), row.notes),
    members: members.map((m) => {
      const id = open(ctx, memberAad(m.id), m.national_id);
      return {
        id: m.id,
        name: m.name,
        relation: m.relation as Family['members'][number]['relation'],
        nationalId: id && !isUnmasked ? maskNationalId(id) : id,
        birthDate: m.birth_date,
        birthDateCalendar: m.birth_date_calendar as 'gregorian' | 'hijri' | null,
      };
    }),
    emailVerifiedAt: row.email !== null ? row.email_verified_at : null,
    consentAt: row.consent_at,
    privacyNoticeVersion: row.privacy_notice_version,
    registeredBy: row.registered_by,
    updatedAt: row.updated_at,
    version: row.version,
    canEdit: summary.abilities.edit,
    isErased,
  };
}

export async function loadPresented(ctx: AppContext, principal: StaffPrincipal, row: FamilyTable): Promise<Family> {
  const [domains, members, isErased] = await Promise.all([
    repo.domainsOf(ctx.db, [row.id]),
    repo.membersOf(ctx.db, row.id),
    isFamilyErased(ctx, row.id),
  ]);
  return presentFamily(ctx, principal, row, domains.get(row.id) ?? [], members, isErased);
}
