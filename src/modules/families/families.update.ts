import type { Family, UpdateFamilyBody } from '../../contracts/families.js';
import { normaliseArabic } from '../../domain/arabic-text.js';
import type { AppContext } from '../../platform/context.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import type { FamilyTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { recordChannelConsent } from './families.consent.js';
import { assertNotDuplicate } from './families.duplicates.js';
import { assertFamilyNotErased } from './families.erased.js';
import { familyChanged } from './families.events.js';
import { actorOf, assertFamilyWritable, canEditFamily, familyVisibility } from './families.policy.js';
import { loadPresented } from './families.present.js';
import { assertTaxonomy, prepareMembers } from './families.register.js';
import * as repo from './families.repo.js';
import { familyAad, open, seal } from './families.sealing.js';

/** Changing a registered family (issue 3): optimistic version, identities and channel consent kept, its requests told (C4, F2). */

const CHANGEABLE: Array<[keyof UpdateFamilyBody, keyof FamilyTable | null]> = [
  ['headNameAr', 'head_name_ar'],
  ['headNameEn', 'head_name_en'],
  ['nationalId', 'national_id'],
  ['mobile', 'mobile'],
  ['otherPhone', 'other_phone'],
  ['email', 'email'],
  ['city', 'city'],
  ['address', 'address'],
  ['office', 'office'],
  ['category', 'category'],
  ['agreedChannel', 'agreed_channel'],
  ['notes', 'notes'],
  ['domains', null],
  ['members', null],
];

export async function updateFamily(ctx: AppContext, principal: StaffPrincipal, id: string, body: UpdateFamilyBody): Promise<Family> {
  const current = await repo.findVisibleFamily(ctx.db, familyVisibility(principal), id);
  if (!current) throw AppError.notFound('family.not-found', 'No such family');
  if (!canEditFamily(principal, { registeredBy: current.registered_by }))
    throw AppError.forbidden('family.read-only', 'You may read this family but not change it');
  await assertFamilyNotErased(ctx, id);
  await assertTaxonomy(ctx, body);
  assertFamilyWritable(principal, { office: body.office, category: body.category, domains: body.domains });
  const isChannelChange = body.agreedChannel !== undefined && body.agreedChannel !== current.agreed_channel;
  if (isChannelChange && !body.channelConsentNote) {
    throw AppError.badRequest('request.invalid', 'Changing the agreed channel needs a note of the family’s consent', [
      { pointer: '/channelConsentNote', code: 'channel.consent-required', detail: 'Record how the family agreed to the new channel' },
    ]);
  }
  const now = ctx.clock.now();
  const currentNationalId = open(ctx, familyAad(id, 'national_id'), current.national_id) as string;
  const nationalId = body.nationalId ?? currentNationalId;
  const members = body.members ? prepareMembers(ctx, id, body.members, nationalId) : null;
  const headNameAr = body.headNameAr ?? current.head_name_ar;
  const headNameEn = body.headNameEn === undefined ? current.head_name_en : body.headNameEn;
  const nameNormalised = normaliseArabic(`${headNameAr} ${headNameEn ?? ''}`);
  const mobile = body.mobile === undefined ? open(ctx, familyAad(id, 'mobile'), current.mobile) : body.mobile;
  const changed = CHANGEABLE.filter(([key]) => body[key] !== undefined).map(([key]) => key as string);
  const { indexer } = ctx.keys;
  await assertNotDuplicate(ctx, principal, {
    nationalIds: [
      ...(body.nationalId !== undefined ? [{ value: nationalId, pointer: '/nationalId' }] : []),
      ...(body.members ?? []).flatMap((m, i) => (m.nationalId ? [{ value: m.nationalId, pointer: `/members/${i}/nationalId` }] : [])),
    ],
    nameNormalised,
    mobile,
    exceptFamilyId: id,
  });

  try {
    await ctx.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('families')
        .set({
          head_name_ar: headNameAr,
          head_name_en: headNameEn,
          name_normalised: nameNormalised,
          ...(body.nationalId !== undefined
            ? { national_id: seal(ctx, familyAad(id, 'national_id'), nationalId) as string, national_id_index: indexer.index(nationalId) }
            : {}),
          ...(body.mobile !== undefined
            ? { mobile: seal(ctx, familyAad(id, 'mobile'), body.mobile), mobile_index: body.mobile ? indexer.index(body.mobile) : null }
            : {}),
          ...(body.otherPhone !== undefined ? { other_phone: seal(ctx, familyAad(id, 'other_phone'), body.otherPhone) } : {}),
          ...(body.email !== undefined ? { email: seal(ctx, familyAad(id, 'email'), body.email) } : {}),
          // Issue 20 §7: a new address is not verified, whoever verified the old one.
          ...(body.email !== undefined && body.email !== open(ctx, familyAad(id, 'email'), current.email)
            ? { email_verified_at: null, email_verified_by: null }
            : {}),
          ...(body.address !== undefined ? { address: seal(ctx, familyAad(id, 'address'), body.address) } : {}),
          ...(body.notes !== undefined ? { notes: seal(ctx, familyAad(id, 'notes'), body.notes) } : {}),
          ...(body.city !== undefined ? { city: body.city } : {}),
          ...(body.office !== undefined ? { office: body.office } : {}),
          ...(body.category !== undefined ? { category: body.category } : {}),
          ...(body.agreedChannel !== undefined ? { agreed_channel: body.agreedChannel } : {}),
          updated_at: now.toISOString(),
          version: current.version + 1,
        })
        .where('id', '=', id)
        .where('version', '=', body.version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1)
        throw AppError.conflict('family.version-conflict', 'Someone else changed this family meanwhile; reload and try again');

      if (body.nationalId !== undefined) {
        await trx.deleteFrom('identity_index').where('family_id', '=', id).where('member_id', 'is', null).execute();
        await trx
          .insertInto('identity_index')
          .values({ national_id_index: indexer.index(nationalId), family_id: id, member_id: null })
          .execute();
      }
      if (body.domains) {
        await trx.deleteFrom('family_domains').where('family_id', '=', id).execute();
        await trx
          .insertInto('family_domains')
          .values([...new Set(body.domains)].map((domain) => ({ family_id: id, domain })))
          .execute();
      }
      if (members) {
        await trx.deleteFrom('identity_index').where('family_id', '=', id).where('member_id', 'is not', null).execute();
        await trx.deleteFrom('household_members').where('family_id', '=', id).execute();
        if (members.length)
          await trx
            .insertInto('household_members')
            .values(members.map((m) => m.row))
            .execute();
        const identities = members.flatMap((m) => (m.idIndex ? [{ national_id_index: m.idIndex, family_id: id, member_id: m.id }] : []));
        if (identities.length) await trx.insertInto('identity_index').values(identities).execute();
      }
      if (isChannelChange) {
        await trx
          .insertInto('family_channel_changes')
          .values({
            id: uuidv7(),
            family_id: id,
            from_channel: current.agreed_channel,
            to_channel: body.agreedChannel as string,
            consent_note: body.channelConsentNote as string,
            changed_by: principal.userId,
            changed_at: now.toISOString(),
          })
          .execute();
        // C5, F2 (issue 20 §3): the new agreed channel comes with consent to be contacted on it.
        await recordChannelConsent(trx, {
          familyId: id,
          channel: 'interview',
          newAgreedChannel: body.agreedChannel as string,
          at: now,
          by: { kind: 'staff', id: principal.userId },
          noticeVersion: current.privacy_notice_version,
        });
      }
      await recordAudit(trx, {
        at: now,
        actor: actorOf(principal),
        action: 'family.update',
        entity: 'family',
        entityId: id,
        fields: changed,
      });
      // C4, F2: the family's requests follow its scope; an attestation of changed data is voided.
      await ctx.hooks.emit(familyChanged, {
        trx,
        familyId: id,
        scope: { category: body.category ?? current.category, office: body.office ?? current.office },
        actor: actorOf(principal),
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw AppError.conflict('family.duplicate', 'This family is already registered');
    throw error;
  }
  const row = await repo.findFamilyRow(ctx.db, id);
  return loadPresented(ctx, principal, row as FamilyTable);
}
