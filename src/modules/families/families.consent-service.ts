import type { ConsentLinkView, FamilyConsents, RecordConsentBody } from '../../contracts/families.js';
import type { AppContext } from '../../platform/context.js';
import type { FamilyTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { listConsentPurposes } from '../settings/index.js';
import { changeConsent, consentsOf } from './families.consent.js';
import { entryOfToken } from './families.consent-link.js';
import { assertFamilyWritable, canEditFamily, familyVisibility } from './families.policy.js';
import * as repo from './families.repo.js';

/** The use cases of consent per purpose (issue 20 §3, F2): staff, the family in the portal, a withdrawal link. */

async function visibleFamily(ctx: AppContext, principal: StaffPrincipal, id: string): Promise<FamilyTable> {
  const family = await repo.findVisibleFamily(ctx.db, familyVisibility(principal), id);
  if (!family) throw AppError.notFound('family.not-found', 'No such family');
  return family;
}

async function reload(ctx: AppContext, id: string): Promise<FamilyConsents> {
  return consentsOf(ctx.db, (await repo.findFamilyRow(ctx.db, id)) as FamilyTable);
}

export async function getFamilyConsents(ctx: AppContext, principal: StaffPrincipal, id: string): Promise<FamilyConsents> {
  return consentsOf(ctx.db, await visibleFamily(ctx, principal, id));
}

/** Staff record a consent or a withdrawal on the family page: the family in scope, writable (F2, issue 21 §1). */
export async function recordFamilyConsent(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  body: RecordConsentBody,
): Promise<FamilyConsents> {
  const family = await visibleFamily(ctx, principal, id);
  if (!canEditFamily(principal, { registeredBy: family.registered_by }))
    throw AppError.forbidden('family.read-only', 'You may read this family but not change it');
  const domains = (await repo.domainsOf(ctx.db, [id])).get(id) ?? [];
  assertFamilyWritable(principal, { office: family.office, category: family.category, domains });
  await changeConsent(ctx, family, body, { kind: 'staff', id: principal.userId });
  return reload(ctx, id);
}

/** The family's own consents, in the portal. */
export async function familyOwnConsents(ctx: AppContext, familyId: string): Promise<FamilyConsents> {
  const family = await repo.findFamilyRow(ctx.db, familyId);
  if (!family) throw AppError.notFound('family.not-found', 'No such family');
  return consentsOf(ctx.db, family);
}

/** The family withdraws a consent in the portal (issue 20 §3). */
export async function withdrawOwnConsent(
  ctx: AppContext,
  familyId: string,
  body: { purpose: string; newAgreedChannel?: string | undefined; confirmEndOfService?: boolean | undefined },
): Promise<FamilyConsents> {
  const family = await repo.findFamilyRow(ctx.db, familyId);
  if (!family) throw AppError.notFound('family.not-found', 'No such family');
  await changeConsent(ctx, family, { ...body, action: 'withdraw', channel: 'portal' }, { kind: 'family', id: familyId });
  return reload(ctx, familyId);
}

const invalidLink = () => AppError.notFound('consent.link-invalid', 'This link is not valid');

async function entryOfLink(ctx: AppContext, token: string) {
  const entryId = entryOfToken(ctx.keys, token);
  if (!entryId) throw invalidLink();
  const entry = await ctx.db.selectFrom('family_consents').selectAll().where('id', '=', entryId).executeTakeFirst();
  if (!entry) throw invalidLink();
  return entry;
}

/** What a withdrawal link is about (no personal data: the purpose and whether it still stands). */
export async function describeConsentLink(ctx: AppContext, token: string): Promise<ConsentLinkView> {
  const entry = await entryOfLink(ctx, token);
  const latest = await ctx.db
    .selectFrom('family_consents')
    .select(['id', 'action'])
    .where('family_id', '=', entry.family_id)
    .where('purpose', '=', entry.purpose)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const purpose = (await listConsentPurposes(ctx.db)).find((p) => p.code === entry.purpose);
  return {
    purpose: entry.purpose,
    nameAr: purpose?.nameAr ?? entry.purpose,
    nameEn: purpose?.nameEn ?? entry.purpose,
    isRequired: purpose?.isRequired ?? false,
    // Used once: after its withdrawal (or any later change) the link's entry is no longer the latest.
    state: latest.id === entry.id && latest.action === 'given' ? 'given' : 'withdrawn',
  };
}

/** The holder of a withdrawal link withdraws its purpose without signing in (issue 20 §3); works once. */
export async function withdrawByLink(ctx: AppContext, token: string, confirmEndOfService: boolean | undefined): Promise<ConsentLinkView> {
  const entry = await entryOfLink(ctx, token);
  const family = await repo.findFamilyRow(ctx.db, entry.family_id);
  if (!family) throw invalidLink();
  await changeConsent(
    ctx,
    family,
    { purpose: entry.purpose, action: 'withdraw', channel: 'link', confirmEndOfService },
    { kind: 'link', id: null },
    { onlyIfLatest: entry.id },
  );
  return describeConsentLink(ctx, token);
}
