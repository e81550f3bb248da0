import type {
  CreateFamilyBody,
  Family,
  FamilyFilters,
  FamilyListQuery,
  FamilySummary,
  UpdateFamilyBody,
} from '../../contracts/families.js';
import { normaliseArabic } from '../../domain/arabic-text.js';
import { dayOfOrdinal, ordinalOfHijri } from '../../domain/calendar-days.js';
import { parseCalendarDay, riyadhCalendarDay } from '../../domain/dates.js';
import { maskNationalId } from '../../domain/national-id.js';
import type { AppContext } from '../../platform/context.js';
import type { DB } from '../../platform/db/database.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import type { FamilyTable, HouseholdMemberTable } from '../../platform/db/schema.js';
import { AppError, type FieldError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { activeCodes } from '../settings/index.js';
import { familyChanged } from './families.events.js';
import { canEditFamily, canSeeUnmasked, familyVisibility } from './families.policy.js';
import * as repo from './families.repo.js';
import { familyAad, memberAad } from './families.sealing.js';

type MemberInput = NonNullable<CreateFamilyBody['members']>[number];

/** Columns encrypted at rest (F2), each bound to its row and column so ciphertexts cannot be swapped. */
const seal = (ctx: AppContext, aad: string, value: string | null | undefined) => (value ? ctx.keys.encryptor.encrypt(value, aad) : null);
const open = (ctx: AppContext, aad: string, value: string | null) => (value ? ctx.keys.encryptor.decrypt(value, aad) : null);

function maskMobile(e164: string): string {
  return `${e164.slice(0, 5)}•••••${e164.slice(-3)}`;
}

function actorOf(principal: StaffPrincipal) {
  return { kind: 'staff' as const, id: principal.userId };
}

export function presentSummary(ctx: AppContext, principal: StaffPrincipal, row: FamilyTable, domains: string[]): FamilySummary {
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
  };
}

function presentFamily(
  ctx: AppContext,
  principal: StaffPrincipal,
  row: FamilyTable,
  domains: string[],
  members: HouseholdMemberTable[],
): Family {
  const summary = presentSummary(ctx, principal, row, domains);
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
    consentAt: row.consent_at,
    privacyNoticeVersion: row.privacy_notice_version,
    registeredBy: row.registered_by,
    updatedAt: row.updated_at,
    version: row.version,
    canEdit: canEditFamily(principal, { registeredBy: row.registered_by }),
  };
}

/** A birth date entered in either calendar, stored as the Gregorian day (and the calendar used). */
function gregorianBirthDate(input: MemberInput['birthDate'], today: string, pointer: string): string | FieldError {
  if (!input) return { pointer, code: 'field.required', detail: 'missing' };
  let day: string | null = null;
  if (input.calendar === 'gregorian') day = parseCalendarDay(input.date) ? input.date : null;
  else {
    const [y, m, d] = input.date.split('-').map(Number) as [number, number, number];
    try {
      day = dayOfOrdinal(ordinalOfHijri(y, m, d));
    } catch {
      day = null;
    }
  }
  if (!day) return { pointer, code: 'field.date-invalid', detail: 'Not a real date in that calendar' };
  if (day > today || day < '1900-01-01') return { pointer, code: 'birthDate.out-of-range', detail: 'A birth date must be in the past' };
  return day;
}

async function assertTaxonomy(ctx: AppContext, body: { office?: string; category?: string; domains?: string[] }): Promise<void> {
  const errors: FieldError[] = [];
  const [offices, categories, domains] = await Promise.all([
    activeCodes(ctx, 'offices'),
    activeCodes(ctx, 'categories'),
    activeCodes(ctx, 'domains'),
  ]);
  if (body.office !== undefined && !offices.has(body.office))
    errors.push({ pointer: '/office', code: 'settings.unknown-code', detail: 'Unknown office' });
  if (body.category !== undefined && !categories.has(body.category))
    errors.push({ pointer: '/category', code: 'settings.unknown-code', detail: 'Unknown category' });
  body.domains?.forEach((d, i) => {
    if (!domains.has(d)) errors.push({ pointer: `/domains/${i}`, code: 'settings.unknown-code', detail: 'Unknown domain' });
  });
  if (errors.length) throw AppError.badRequest('request.invalid', 'Some choices are unknown', errors);
}

interface PreparedMember {
  id: string;
  row: HouseholdMemberTable;
  idIndex: string | null;
}

function prepareMembers(ctx: AppContext, familyId: string, members: MemberInput[], headNationalId: string): PreparedMember[] {
  const today = riyadhCalendarDay(ctx.clock.now());
  const errors: FieldError[] = [];
  const seen = new Map<string, number>([[headNationalId, -1]]);
  const prepared = members.map((member, i): PreparedMember => {
    const id = uuidv7();
    let birthDate: string | null = null;
    if (member.birthDate) {
      const result = gregorianBirthDate(member.birthDate, today, `/members/${i}/birthDate/date`);
      if (typeof result === 'string') birthDate = result;
      else errors.push(result);
    }
    if (member.nationalId) {
      if (seen.has(member.nationalId))
        errors.push({
          pointer: `/members/${i}/nationalId`,
          code: 'nationalId.repeated',
          detail: 'The same ID number appears twice in this family',
        });
      seen.set(member.nationalId, i);
    }
    return {
      id,
      idIndex: member.nationalId ? ctx.keys.indexer.index(member.nationalId) : null,
      row: {
        id,
        family_id: familyId,
        name: member.name,
        relation: member.relation,
        national_id: seal(ctx, memberAad(id), member.nationalId),
        national_id_index: member.nationalId ? ctx.keys.indexer.index(member.nationalId) : null,
        birth_date: birthDate,
        birth_date_calendar: member.birthDate ? member.birthDate.calendar : null,
        position: i,
      },
    };
  });
  if (errors.length) throw AppError.badRequest('request.invalid', 'Some household members are not valid', errors);
  return prepared;
}

/**
 * Duplicates (issue 3 §4): the same ID number anywhere in the registry, or the same normalised name
 * with the same mobile. The one place Sila admits that a record outside the caller's scope exists —
 * to roles that register families — and it is audited.
 */
async function assertNotDuplicate(
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

async function loadPresented(ctx: AppContext, principal: StaffPrincipal, row: FamilyTable): Promise<Family> {
  const [domains, members] = await Promise.all([repo.domainsOf(ctx.db, [row.id]), repo.membersOf(ctx.db, row.id)]);
  return presentFamily(ctx, principal, row, domains.get(row.id) ?? [], members);
}

export async function registerFamily(ctx: AppContext, principal: StaffPrincipal, body: CreateFamilyBody): Promise<Family> {
  await assertTaxonomy(ctx, body);
  const now = ctx.clock.now();
  const id = uuidv7(now.getTime());
  const members = prepareMembers(ctx, id, body.members ?? [], body.nationalId);
  const nameNormalised = normaliseArabic(`${body.headNameAr} ${body.headNameEn ?? ''}`);
  const { indexer } = ctx.keys;
  // Checked before the transaction so the refusal's audit row survives; the unique indexes
  // settle a race between two registrations of the same family.
  await assertNotDuplicate(ctx, principal, {
    nationalIds: [
      { value: body.nationalId, pointer: '/nationalId' },
      ...(body.members ?? []).flatMap((m, i) => (m.nationalId ? [{ value: m.nationalId, pointer: `/members/${i}/nationalId` }] : [])),
    ],
    nameNormalised,
    mobile: body.mobile ?? null,
  });
  try {
    const row = await ctx.db.transaction().execute(async (trx) => {
      const row: FamilyTable = {
        id,
        reference: await repo.nextReference({ root: ctx.db, trx }, 'FAM', now.getUTCFullYear()),
        head_name_ar: body.headNameAr,
        head_name_en: body.headNameEn ?? null,
        name_normalised: nameNormalised,
        national_id: seal(ctx, familyAad(id, 'national_id'), body.nationalId) as string,
        national_id_index: indexer.index(body.nationalId),
        mobile: seal(ctx, familyAad(id, 'mobile'), body.mobile),
        mobile_index: body.mobile ? indexer.index(body.mobile) : null,
        other_phone: seal(ctx, familyAad(id, 'other_phone'), body.otherPhone),
        email: seal(ctx, familyAad(id, 'email'), body.email),
        city: body.city,
        address: seal(ctx, familyAad(id, 'address'), body.address),
        office: body.office,
        category: body.category,
        agreed_channel: body.agreedChannel,
        origin_channel: body.originChannel,
        notes: seal(ctx, familyAad(id, 'notes'), body.notes),
        consent_at: now.toISOString(),
        privacy_notice_version: body.consent.privacyNoticeVersion,
        registered_by: principal.userId,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
        version: 1,
      };
      await trx.insertInto('families').values(row).execute();
      await trx
        .insertInto('family_domains')
        .values([...new Set(body.domains)].map((domain) => ({ family_id: id, domain })))
        .execute();
      if (members.length)
        await trx
          .insertInto('household_members')
          .values(members.map((m) => m.row))
          .execute();
      await trx
        .insertInto('identity_index')
        .values([
          { national_id_index: row.national_id_index, family_id: id, member_id: null },
          ...members.flatMap((m) => (m.idIndex ? [{ national_id_index: m.idIndex, family_id: id, member_id: m.id }] : [])),
        ])
        .execute();
      await recordAudit(trx, {
        at: now,
        actor: actorOf(principal),
        action: 'family.create',
        entity: 'family',
        entityId: id,
        fields: Object.keys(body).filter((k) => k !== 'consent'),
        details: { originChannel: body.originChannel, members: members.length },
      });
      return row;
    });
    return loadPresented(ctx, principal, row);
  } catch (error) {
    // Two registrations of the same family at the same moment: the unique index decides.
    if (isUniqueViolation(error)) throw AppError.conflict('family.duplicate', 'This family is already registered');
    throw error;
  }
}

export async function getFamily(ctx: AppContext, principal: StaffPrincipal, id: string): Promise<Family> {
  const row = await repo.findVisibleFamily(ctx.db, familyVisibility(principal), id);
  if (!row) throw AppError.notFound('family.not-found', 'No such family');
  await recordAudit(ctx.db, { at: ctx.clock.now(), actor: actorOf(principal), action: 'family.view', entity: 'family', entityId: id });
  return loadPresented(ctx, principal, row);
}

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
  await assertTaxonomy(ctx, body);
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

/** Scope-limited list; one audit row holding the query and the ids returned. */
export async function listFamilies(ctx: AppContext, principal: StaffPrincipal, query: FamilyListQuery) {
  if (query.q && !repo.isReference(query.q) && /\d{7,}/.test(query.q.replace(/[\s-]/g, ''))) {
    throw AppError.badRequest('request.invalid', 'Search ID numbers and mobiles with the lookup (POST), never in a URL', [
      { pointer: '/q', code: 'search.use-lookup', detail: 'Use the ID or mobile lookup' },
    ]);
  }
  const after = query.cursor ? repo.decodeCursor(query.cursor) : null;
  if (query.cursor && !after)
    throw AppError.badRequest('request.invalid', 'Bad cursor', [{ pointer: '/cursor', code: 'field.invalid', detail: 'Bad cursor' }]);
  const { rows, next } = await repo.listFamilyRows(ctx.db, ctx.engine, familyVisibility(principal), query, after);
  const domains = await repo.domainsOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const { cursor: _cursor, ...filters } = query;
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: actorOf(principal),
    action: 'family.list',
    entity: 'family',
    details: { query: filters, ids: rows.map((r) => r.id) },
  });
  return {
    items: rows.map((row) => presentSummary(ctx, principal, row, domains.get(row.id) ?? [])),
    nextCursor: next ? repo.encodeCursor(next) : null,
  };
}

/**
 * Counts stop here and the list says "more than 1,000" (issue 3 §5): a scope's count at a million
 * families read 10,000 rows in 88 ms; a reception desk needs a page and whether there is more.
 */
export const FAMILY_COUNT_CAP = 1_000;

export async function countFamilies(ctx: AppContext, principal: StaffPrincipal, filters: FamilyFilters) {
  const { count, isCapped } = await repo.countFamilyRows(ctx.db, ctx.engine, familyVisibility(principal), filters, FAMILY_COUNT_CAP);
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: actorOf(principal),
    action: 'family.count',
    entity: 'family',
    details: { query: filters, count, isCapped },
  });
  return { count, isCapped };
}

/** Exact lookup by ID number (head or member) or mobile; the query is audited as keyed hashes. */
export async function lookupFamilies(ctx: AppContext, principal: StaffPrincipal, body: { nationalId: string } | { mobile: string }) {
  const visibility = familyVisibility(principal);
  let ids: string[];
  let auditedQuery: Record<string, string>;
  if ('nationalId' in body) {
    const candidates = ctx.keys.indexer.candidates(body.nationalId);
    const hit = await repo.findIdentity(ctx.db, candidates);
    ids = hit ? [hit.family_id] : [];
    auditedQuery = { nationalId: ctx.keys.indexer.index(body.nationalId) };
  } else {
    const rows = await ctx.db
      .selectFrom('families')
      .select('id')
      .where('mobile_index', 'in', ctx.keys.indexer.candidates(body.mobile))
      .limit(50)
      .execute();
    ids = rows.map((r) => r.id);
    auditedQuery = { mobile: ctx.keys.indexer.index(body.mobile) };
  }
  const rows = ids.length
    ? await repo.visibleFamilies(ctx.db, visibility).selectAll('families').where('families.id', 'in', ids).execute()
    : [];
  const domains = await repo.domainsOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: actorOf(principal),
    action: 'family.lookup',
    entity: 'family',
    details: { query: auditedQuery, ids: rows.map((r) => r.id) },
  });
  return { items: rows.map((row) => presentSummary(ctx, principal, row, domains.get(row.id) ?? [])), nextCursor: null };
}

/** Who opened or changed a family's file, newest first (administrators; issue 3 §3). */
export async function familyAccessLog(ctx: AppContext, principal: StaffPrincipal, id: string) {
  const row = await repo.findVisibleFamily(ctx.db, familyVisibility(principal), id);
  if (!row) throw AppError.notFound('family.not-found', 'No such family');
  const entries = await ctx.db
    .selectFrom('audit_events')
    .leftJoin('staff_users', 'staff_users.id', 'audit_events.actor_id')
    .select(['audit_events.at', 'audit_events.action', 'audit_events.actor_id', 'audit_events.fields', 'staff_users.display_name'])
    .where('audit_events.entity', '=', 'family')
    .where('audit_events.entity_id', '=', id)
    .orderBy('audit_events.seq', 'desc')
    .limit(500)
    .execute();
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: actorOf(principal),
    action: 'family.access-log',
    entity: 'family',
    entityId: id,
  });
  return entries.map((e) => ({
    at: e.at,
    action: e.action,
    actorId: e.actor_id,
    actorName: e.display_name,
    fields: e.fields ? (JSON.parse(e.fields) as string[]) : [],
  }));
}

/**
 * How to reach a family, for the outbox (issue 4 §5; C5: news on its agreed channel): decrypted
 * contact details and what scope checks need, read in the caller's transaction. Not audited here:
 * the outbox records what it sends.
 */
export async function familyContact(ctx: AppContext, familyId: string, db: DB = ctx.db) {
  const row = await repo.findFamilyRow(db, familyId);
  if (!row) return null;
  const domains = (await repo.domainsOf(db, [familyId])).get(familyId) ?? [];
  return {
    id: row.id,
    reference: row.reference,
    headNameAr: row.head_name_ar,
    headNameEn: row.head_name_en,
    agreedChannel: row.agreed_channel as Family['agreedChannel'],
    mobile: open(ctx, familyAad(row.id, 'mobile'), row.mobile),
    otherPhone: open(ctx, familyAad(row.id, 'other_phone'), row.other_phone),
    email: open(ctx, familyAad(row.id, 'email'), row.email),
    address: open(ctx, familyAad(row.id, 'address'), row.address),
    city: row.city,
    scope: { category: row.category, office: row.office, domains },
  };
}

export type FamilyContact = NonNullable<Awaited<ReturnType<typeof familyContact>>>;

/**
 * The registered family an ID number belongs to (head or member) through the keyed-hash identity
 * index, for linking a public complaint to its family (issue 6 §1). Never reveals anything to the
 * caller's caller: the complaints module stores the link and echoes nothing back.
 */
export async function familyIdByNationalId(ctx: AppContext, nationalId: string, db: DB = ctx.db): Promise<string | null> {
  const hit = await repo.findIdentity(db, ctx.keys.indexer.candidates(nationalId));
  return hit?.family_id ?? null;
}
