import type { Kysely } from 'kysely';
import type {
  ContactOfficer,
  ContactOfficerBody,
  ContactOfficerPatch,
  OfficerRoster,
  PublicContactOfficers,
  StaffRef,
} from '../../contracts/complaints.js';
import { type RegisterEntry, type Route, routeInquiry } from '../../domain/complaint-steps.js';
import { riyadhCalendarDay } from '../../domain/dates.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import type { ContactOfficerTable } from '../../platform/db/schema-complaints.js';
import { AppError, type FieldError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { getAllSettings } from '../settings/index.js';
import { activeStaffWithRole, staffNames } from '../staff/index.js';
import { assertRegisterEntryWritable, isRegisterEntryWritable } from './complaints.policy.js';
import { getComplaintsSettings } from './complaints.settings.js';

/**
 * The contact-officer register (issue 6 §8, G1) and the routing of inquiries (§7; C1, E2, G2):
 * an officer and a backup per (category × domain), per category or per domain, managed by an
 * administrator; officers marked absent hand their new inquiries to the backup. The public sees
 * only roles and the association's channels (`/contact`), never a name or a personal phone.
 */
type Db = Kysely<Database>;

/** Display names of staff members, for the API (ids with no row show as the id). */
export async function staffRefs(db: Db, ids: ReadonlyArray<string | null | undefined>): Promise<Map<string, StaffRef>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  const map = new Map<string, StaffRef>();
  if (!wanted.length) return map;
  for (const [id, displayName] of await staffNames(db, wanted)) map.set(id, { id, displayName });
  return map;
}

/** Active staff holding a role (the recipients of escalations, the people a register entry may name). */
export async function staffWithRole(db: Db, role: string): Promise<string[]> {
  return (await activeStaffWithRole(db, [role])).map((s) => s.id);
}

/** Whether `staffId` is active and holds `role`. */
export async function hasRole(db: Db, staffId: string, role: string): Promise<boolean> {
  return (await activeStaffWithRole(db, [role], { ids: [staffId] })).length > 0;
}

/** Officers absent on `day` (an absence with no end lasts until unmarked). */
export async function absentOn(db: Db, day: string): Promise<Set<string>> {
  const rows = await db.selectFrom('contact_officer_absences').select(['staff_id', 'until_day']).execute();
  return new Set(rows.filter((r) => r.until_day === null || r.until_day >= day).map((r) => r.staff_id));
}

function entryOf(row: ContactOfficerTable): RegisterEntry {
  return { id: row.id, category: row.category, domain: row.domain, officerId: row.officer_id, backupId: row.backup_id };
}

/** Where a new inquiry goes (§7), computed in the caller's transaction. */
export async function routeFor(
  db: Db,
  ctx: AppContext,
  inquiry: { category: string | null; domain: string | null; topic: string },
): Promise<Route> {
  const settings = await getComplaintsSettings(ctx, db);
  const entries = await db.selectFrom('contact_officers').selectAll().where('is_active', '=', 1).orderBy('created_at').execute();
  const absent = await absentOn(db, riyadhCalendarDay(ctx.clock.now()));
  return routeInquiry(
    { category: inquiry.category, domain: inquiry.domain, isSupport: settings.supportTopics.includes(inquiry.topic) },
    entries.map(entryOf),
    absent,
  );
}

/** Issue 24 §5: the contact officer the register routes a family's (category, domain) to, for a survey's follow-up. */
export async function officerForFamily(
  db: Db,
  ctx: AppContext,
  family: { category: string | null; domain: string | null },
): Promise<string | null> {
  return (await routeFor(db, ctx, { ...family, topic: '' })).officerId;
}

// ---- the register (administrators) ----

async function present(db: Db, rows: ContactOfficerTable[], day: string): Promise<ContactOfficer[]> {
  const names = await staffRefs(
    db,
    rows.flatMap((r) => [r.officer_id, r.backup_id]),
  );
  const absent = await absentOn(db, day);
  const ref = (id: string) => ({ ...(names.get(id) ?? { id, displayName: id }), isAbsent: absent.has(id) });
  return rows.map((row) => ({
    id: row.id,
    category: row.category,
    domain: row.domain,
    officer: ref(row.officer_id),
    backup: row.backup_id ? ref(row.backup_id) : null,
    roleTitleAr: row.role_title_ar,
    roleTitleEn: row.role_title_en,
    channel: row.channel as ContactOfficer['channel'],
    address: row.address,
    isActive: row.is_active === 1,
    version: row.version,
  }));
}

export async function listContactOfficers(ctx: AppContext): Promise<{ items: ContactOfficer[] }> {
  const rows = await ctx.db.selectFrom('contact_officers').selectAll().orderBy('category').orderBy('domain').orderBy('id').execute();
  return { items: await present(ctx.db, rows, riyadhCalendarDay(ctx.clock.now())) };
}

/** A Saudi mobile number: the register names the association's lines, never a person's phone (G1). */
const PERSONAL_MOBILE = /^(?:\+?966|00966|0)?5\d{8}$/;

async function assertEntry(
  db: Db,
  ctx: AppContext,
  entry: { category: string | null; domain: string | null; officerId: string; backupId: string | null; channel: string; address: string },
  selfId: string | null,
): Promise<void> {
  const errors: FieldError[] = [];
  if (entry.category === null && entry.domain === null)
    errors.push({ pointer: '/category', code: 'officers.key-required', detail: 'Name a category, a domain, or both' });
  const settings = await getAllSettings({ ...ctx, db });
  if (entry.category !== null && !settings.categories.some((c) => c.code === entry.category))
    errors.push({ pointer: '/category', code: 'settings.unknown-code', detail: 'Unknown category' });
  if (entry.domain !== null && !settings.domains.some((d) => d.code === entry.domain))
    errors.push({ pointer: '/domain', code: 'settings.unknown-code', detail: 'Unknown domain' });
  if (!(await hasRole(db, entry.officerId, 'contact-officer')))
    errors.push({ pointer: '/officerId', code: 'officers.not-contact-officer', detail: 'Not an active contact officer' });
  if (entry.backupId !== null) {
    if (entry.backupId === entry.officerId)
      errors.push({ pointer: '/backupId', code: 'officers.backup-same', detail: 'The backup must be someone else' });
    else if (!(await hasRole(db, entry.backupId, 'contact-officer')))
      errors.push({ pointer: '/backupId', code: 'officers.not-contact-officer', detail: 'Not an active contact officer' });
  }
  const compact = entry.address.replace(/[\s-]/g, '');
  if ((entry.channel === 'phone' || entry.channel === 'office') && PERSONAL_MOBILE.test(compact))
    errors.push({ pointer: '/address', code: 'officers.personal-phone', detail: 'Give the association’s line, not a mobile number' });
  if (entry.channel === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(entry.address))
    errors.push({ pointer: '/address', code: 'field.email', detail: 'Not an e-mail address' });
  if (errors.length) throw AppError.badRequest('request.invalid', 'The register entry is not valid', errors);
  let taken = db
    .selectFrom('contact_officers')
    .select('id')
    .where('is_active', '=', 1)
    .where((eb) => (entry.category === null ? eb('category', 'is', null) : eb('category', '=', entry.category)))
    .where((eb) => (entry.domain === null ? eb('domain', 'is', null) : eb('domain', '=', entry.domain)));
  if (selfId) taken = taken.where('id', '!=', selfId);
  if (await taken.executeTakeFirst())
    throw AppError.conflict('officers.duplicate', 'This category and domain already have an active contact officer');
}

const actorOf = (principal: StaffPrincipal) => ({ kind: 'staff' as const, id: principal.userId });

export async function createContactOfficer(ctx: AppContext, principal: StaffPrincipal, body: ContactOfficerBody): Promise<ContactOfficer> {
  const now = ctx.clock.now();
  assertRegisterEntryWritable(principal, body);
  return ctx.db.transaction().execute(async (trx) => {
    if (body.isActive) await assertEntry(trx, ctx, body, null);
    const row: ContactOfficerTable = {
      id: uuidv7(now.getTime()),
      category: body.category,
      domain: body.domain,
      officer_id: body.officerId,
      backup_id: body.backupId,
      role_title_ar: body.roleTitleAr,
      role_title_en: body.roleTitleEn,
      channel: body.channel,
      address: body.address,
      is_active: body.isActive ? 1 : 0,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
      version: 1,
    };
    await trx.insertInto('contact_officers').values(row).execute();
    await recordAudit(trx, {
      at: now,
      actor: actorOf(principal),
      action: 'contact-officer.create',
      entity: 'contact_officer',
      entityId: row.id,
      details: { category: row.category, domain: row.domain, officerId: row.officer_id, backupId: row.backup_id },
    });
    return (await present(trx, [row], riyadhCalendarDay(now)))[0] as ContactOfficer;
  });
}

export async function updateContactOfficer(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  patch: ContactOfficerPatch,
): Promise<ContactOfficer> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('contact_officers').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || !isRegisterEntryWritable(principal, row)) throw AppError.notFound('officers.not-found', 'No such register entry');
    if (row.version !== patch.version) throw AppError.conflict('officers.version-conflict', 'Someone else changed this entry; reload it');
    const next: ContactOfficerTable = {
      ...row,
      officer_id: patch.officerId ?? row.officer_id,
      backup_id: patch.backupId === undefined ? row.backup_id : patch.backupId,
      role_title_ar: patch.roleTitleAr ?? row.role_title_ar,
      role_title_en: patch.roleTitleEn ?? row.role_title_en,
      channel: patch.channel ?? row.channel,
      address: patch.address ?? row.address,
      is_active: patch.isActive === undefined ? row.is_active : patch.isActive ? 1 : 0,
      updated_at: now.toISOString(),
      version: row.version + 1,
    };
    if (next.is_active)
      await assertEntry(
        trx,
        ctx,
        {
          category: next.category,
          domain: next.domain,
          officerId: next.officer_id,
          backupId: next.backup_id,
          channel: next.channel,
          address: next.address,
        },
        id,
      );
    const { id: _id, ...changes } = next;
    await trx.updateTable('contact_officers').set(changes).where('id', '=', id).execute();
    await recordAudit(trx, {
      at: now,
      actor: actorOf(principal),
      action: 'contact-officer.update',
      entity: 'contact_officer',
      entityId: id,
      fields: Object.keys(patch).filter((k) => k !== 'version'),
    });
    return (await present(trx, [next], riyadhCalendarDay(now)))[0] as ContactOfficer;
  });
}

/** Marks a contact officer absent (an administrator, or the officer themself) or back. */
export async function setAbsence(
  ctx: AppContext,
  principal: StaffPrincipal,
  staffId: string,
  body: { isAbsent: boolean; untilDay: string | null },
): Promise<{ staffId: string; isAbsent: boolean; untilDay: string | null }> {
  if (!principal.roles.includes('administrator') && principal.userId !== staffId)
    throw AppError.forbidden('officers.absence-self', 'Contact officers mark only their own absence');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await hasRole(trx, staffId, 'contact-officer'))) throw AppError.notFound('officers.not-found', 'No such contact officer');
    await trx.deleteFrom('contact_officer_absences').where('staff_id', '=', staffId).execute();
    if (body.isAbsent)
      await trx
        .insertInto('contact_officer_absences')
        .values({ staff_id: staffId, until_day: body.untilDay, updated_by: principal.userId, updated_at: now.toISOString() })
        .execute();
    await recordAudit(trx, {
      at: now,
      actor: actorOf(principal),
      action: body.isAbsent ? 'contact-officer.absent' : 'contact-officer.present',
      entity: 'staff_user',
      entityId: staffId,
      details: { untilDay: body.untilDay },
    });
  });
  return { staffId, isAbsent: body.isAbsent, untilDay: body.isAbsent ? body.untilDay : null };
}

/** Every active contact officer with their absence today (the register's pickers, passing an inquiry on). */
export async function officerRoster(ctx: AppContext): Promise<OfficerRoster> {
  const today = riyadhCalendarDay(ctx.clock.now());
  const [rows, absences] = await Promise.all([
    activeStaffWithRole(ctx.db, ['contact-officer']),
    ctx.db.selectFrom('contact_officer_absences').select(['staff_id', 'until_day']).execute(),
  ]);
  return {
    items: rows.map((row) => {
      const away = absences.find((a) => a.staff_id === row.id && (a.until_day === null || a.until_day >= today));
      return { staffId: row.id, displayName: row.displayName, isAbsent: Boolean(away), untilDay: away?.until_day ?? null };
    }),
  };
}

/** `/contact` (G1): for each active entry, the role and the association's channel — no names, no personal phones. */
export async function publicContactOfficers(ctx: AppContext): Promise<PublicContactOfficers> {
  const [rows, settings] = await Promise.all([
    ctx.db.selectFrom('contact_officers').selectAll().where('is_active', '=', 1).orderBy('category').orderBy('domain').execute(),
    getAllSettings(ctx),
  ]);
  const named = (list: ReadonlyArray<{ code: string; nameAr: string; nameEn: string }>, code: string | null) => {
    if (code === null) return null;
    const item = list.find((x) => x.code === code);
    return { code, nameAr: item?.nameAr ?? code, nameEn: item?.nameEn ?? code };
  };
  return {
    entries: rows.map((row) => ({
      category: named(settings.categories, row.category),
      domain: named(settings.domains, row.domain),
      roleTitleAr: row.role_title_ar,
      roleTitleEn: row.role_title_en,
      channel: row.channel as PublicContactOfficers['entries'][number]['channel'],
      address: row.address,
    })),
  };
}
