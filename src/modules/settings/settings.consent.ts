import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type {
  ConsentPurpose,
  createConsentPurposeBody,
  createPrivacyNoticeBody,
  PrivacyNotice,
  PrivacyNoticeKind,
  updateConsentPurposeBody,
} from '../../contracts/settings.js';
import { nextNoticeVersion } from '../../domain/consent.js';
import type { AppContext } from '../../platform/context.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import type { Database } from '../../platform/db/schema.js';
import type { ConsentPurposeTable, PrivacyNoticeTable } from '../../platform/db/schema-consent.js';
import { AppError } from '../../platform/http/app-error.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';

/**
 * Consent purposes and privacy notices (issue 20 §3–§4, F2): purposes are a setting with Harif's
 * defaults (migration 0020); notices are versioned texts — a change is a new version, the history
 * is kept, and registration, imports and the public forms accept only a version that exists.
 */
type Actor = { id: string };

const presentPurpose = (row: ConsentPurposeTable): ConsentPurpose => ({
  code: row.code,
  nameAr: row.name_ar,
  nameEn: row.name_en,
  isRequired: row.is_required === 1,
  contactChannel: row.contact_channel as ConsentPurpose['contactChannel'],
  isActive: row.is_active === 1,
  sortOrder: row.sort_order,
});

/** Every purpose, active or not, in their order. */
export async function listConsentPurposes(db: Kysely<Database>): Promise<ConsentPurpose[]> {
  const rows = await db.selectFrom('consent_purposes').selectAll().orderBy('sort_order').orderBy('code').execute();
  return rows.map(presentPurpose);
}

export async function createConsentPurpose(
  ctx: AppContext,
  actor: Actor,
  body: z.infer<typeof createConsentPurposeBody>,
): Promise<ConsentPurpose> {
  const now = ctx.clock.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('consent_purposes').select('code').where('code', '=', body.code).executeTakeFirst();
    if (taken) throw AppError.conflict('settings.code-taken', 'This code is already used');
    const count = await trx
      .selectFrom('consent_purposes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const row: ConsentPurposeTable = {
      code: body.code,
      name_ar: body.nameAr,
      name_en: body.nameEn,
      is_required: body.isRequired ? 1 : 0,
      contact_channel: null,
      is_active: 1,
      sort_order: body.sortOrder ?? (Number(count.n) + 1) * 10,
      updated_at: now,
      updated_by: actor.id,
    };
    await trx.insertInto('consent_purposes').values(row).execute();
    await recordAudit(trx, {
      at: new Date(now),
      actor: { kind: 'staff', id: actor.id },
      action: 'settings.create',
      entity: 'consent-purpose',
      entityId: row.code,
      details: { isRequired: row.is_required === 1 },
    });
    return presentPurpose(row);
  });
}

/** Purposes are deactivated, never deleted: families' consent histories keep their codes. */
export async function updateConsentPurpose(
  ctx: AppContext,
  actor: Actor,
  code: string,
  body: z.infer<typeof updateConsentPurposeBody>,
): Promise<ConsentPurpose> {
  const now = ctx.clock.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('consent_purposes').selectAll().where('code', '=', code).executeTakeFirst();
    if (!current) throw AppError.notFound('consent.unknown-purpose', 'No such consent purpose');
    const next: ConsentPurposeTable = {
      ...current,
      ...(body.nameAr !== undefined ? { name_ar: body.nameAr } : {}),
      ...(body.nameEn !== undefined ? { name_en: body.nameEn } : {}),
      ...(body.isRequired !== undefined ? { is_required: body.isRequired ? 1 : 0 } : {}),
      ...(body.isActive !== undefined ? { is_active: body.isActive ? 1 : 0 } : {}),
      ...(body.sortOrder !== undefined ? { sort_order: body.sortOrder } : {}),
      updated_at: now,
      updated_by: actor.id,
    };
    await trx.updateTable('consent_purposes').set(next).where('code', '=', code).execute();
    await recordAudit(trx, {
      at: new Date(now),
      actor: { kind: 'staff', id: actor.id },
      action: 'settings.update',
      entity: 'consent-purpose',
      entityId: code,
      fields: Object.keys(body),
    });
    return presentPurpose(next);
  });
}

const presentNotice = (row: PrivacyNoticeTable, currentNumber: number): PrivacyNotice => ({
  kind: row.kind as PrivacyNoticeKind,
  version: row.version,
  number: row.number,
  textAr: row.text_ar,
  textEn: row.text_en,
  createdAt: row.created_at,
  isCurrent: row.number === currentNumber,
});

/** Every version of a notice, newest first. */
export async function listPrivacyNotices(db: Kysely<Database>, kind: PrivacyNoticeKind): Promise<PrivacyNotice[]> {
  const rows = await db.selectFrom('privacy_notices').selectAll().where('kind', '=', kind).orderBy('number', 'desc').execute();
  const newest = rows[0]?.number ?? 0;
  return rows.map((row) => presentNotice(row, newest));
}

/** The version forms show and send (the newest). */
export async function currentPrivacyNotice(db: Kysely<Database>, kind: PrivacyNoticeKind): Promise<PrivacyNotice> {
  const row = await db
    .selectFrom('privacy_notices')
    .selectAll()
    .where('kind', '=', kind)
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  return presentNotice(row, row.number);
}

/** F2, issue 20 §4: is `version` a version of this notice that was ever shown? */
export async function privacyNoticeExists(db: Kysely<Database>, kind: PrivacyNoticeKind, version: string): Promise<boolean> {
  const row = await db
    .selectFrom('privacy_notices')
    .select('id')
    .where('kind', '=', kind)
    .where('version', '=', version)
    .executeTakeFirst();
  return row !== undefined;
}

/** A new version of a notice; the label is Sila's (`<year>-<number>`), earlier versions stay. */
export async function createPrivacyNotice(
  ctx: AppContext,
  actor: Actor,
  kind: PrivacyNoticeKind,
  body: z.infer<typeof createPrivacyNoticeBody>,
): Promise<PrivacyNotice> {
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const last = await trx
        .selectFrom('privacy_notices')
        .select('number')
        .where('kind', '=', kind)
        .orderBy('number', 'desc')
        .limit(1)
        .executeTakeFirst();
      const number = (last?.number ?? 0) + 1;
      const row: PrivacyNoticeTable = {
        id: uuidv7(now.getTime()),
        kind,
        version: nextNoticeVersion(now.getUTCFullYear(), number - 1),
        number,
        text_ar: body.textAr,
        text_en: body.textEn,
        created_at: now.toISOString(),
        created_by: actor.id,
      };
      await trx.insertInto('privacy_notices').values(row).execute();
      await recordAudit(trx, {
        at: now,
        actor: { kind: 'staff', id: actor.id },
        action: 'settings.create',
        entity: 'privacy-notice',
        entityId: row.id,
        details: { kind, version: row.version },
      });
      return presentNotice(row, number);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw AppError.conflict('privacyNotice.concurrent-edit', 'Someone saved a new version meanwhile; reload');
    throw error;
  }
}
