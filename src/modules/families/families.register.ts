import type { CreateFamilyBody, Family } from '../../contracts/families.js';
import { normaliseArabic } from '../../domain/arabic-text.js';
import { dayOfOrdinal, ordinalOfHijri } from '../../domain/calendar-days.js';
import { parseCalendarDay, riyadhCalendarDay } from '../../domain/dates.js';
import type { AppContext } from '../../platform/context.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import type { FamilyTable, HouseholdMemberTable } from '../../platform/db/schema.js';
import { AppError, type FieldError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { activeCodes } from '../settings/index.js';
import { assertRegistrationNotice, recordRegistrationConsents } from './families.consent.js';
import { assertNotDuplicate } from './families.duplicates.js';
import { familyRegistered, type RegisteredVia } from './families.events.js';
import { actorOf, assertFamilyWritable } from './families.policy.js';
import { loadPresented } from './families.present.js';
import * as repo from './families.repo.js';
import { familyAad, memberAad, seal } from './families.sealing.js';

/** Registering a family (issue 3): the choices and household members checked (updates check them the same way), then one transaction. */

type MemberInput = NonNullable<CreateFamilyBody['members']>[number];

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

export async function assertTaxonomy(ctx: AppContext, body: { office?: string; category?: string; domains?: string[] }): Promise<void> {
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

export function prepareMembers(ctx: AppContext, familyId: string, members: MemberInput[], headNationalId: string): PreparedMember[] {
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

/** Registers a family in one transaction; `via: 'import'` for a spreadsheet row (no registration message). */
export async function registerFamily(
  ctx: AppContext,
  principal: StaffPrincipal,
  body: CreateFamilyBody,
  { via = 'desk' }: { via?: RegisteredVia } = {},
): Promise<Family> {
  await assertTaxonomy(ctx, body);
  assertFamilyWritable(principal, { office: body.office, category: body.category, domains: body.domains });
  await assertRegistrationNotice(ctx.db, body.consent.privacyNoticeVersion, '/consent/privacyNoticeVersion'); // F2, issue 20 §4
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
        // Issue 20 §7: verified afterwards, by staff who checked it (the family page's action).
        email_verified_at: null,
        email_verified_by: null,
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
      await recordRegistrationConsents(trx, {
        familyId: id,
        agreedChannel: body.agreedChannel,
        channel: body.originChannel,
        noticeVersion: body.consent.privacyNoticeVersion,
        at: now,
        by: { kind: 'staff', id: principal.userId },
      });
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
      // C5: the family hears of its registration on the channel it agreed (the outbox subscribes; not for an import).
      await ctx.hooks.emit(familyRegistered, { trx, familyId: id, via, actor: actorOf(principal) });
      return row;
    });
    return loadPresented(ctx, principal, row);
  } catch (error) {
    // Two registrations of the same family at the same moment: the unique index decides.
    if (isUniqueViolation(error)) throw AppError.conflict('family.duplicate', 'This family is already registered');
    throw error;
  }
}
