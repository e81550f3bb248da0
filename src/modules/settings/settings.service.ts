import type { z } from 'zod';
import {
  type AllSettings,
  type AssociationSettings,
  associationSettings,
  type createTaxonomyBody,
  type SecuritySettings,
  securitySettings,
  type TaxonomyItem,
  type TaxonomyKindValue,
  type updateTaxonomyBody,
} from '../../contracts/settings.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/http/app-error.js';
import { recordAudit } from '../audit/index.js';
import { DEFAULT_ASSOCIATION, DEFAULT_SECURITY } from './settings.defaults.js';
import { findTaxonomyItem, insertTaxonomyItem, listTaxonomy, readSetting, updateTaxonomyItem, writeSetting } from './settings.repo.js';

type Actor = { id: string };

/** Stored values are merged over the defaults, so a setting added later has a value at once. */
export async function getAssociation(ctx: AppContext): Promise<AssociationSettings> {
  const stored = await readSetting(ctx.db, 'association');
  const merged = { ...DEFAULT_ASSOCIATION, ...(stored as object | undefined) };
  const parsed = associationSettings.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_ASSOCIATION;
}

export async function getSecurity(ctx: AppContext): Promise<SecuritySettings> {
  const stored = await readSetting(ctx.db, 'security');
  const parsed = securitySettings.safeParse({ ...DEFAULT_SECURITY, ...(stored as object | undefined) });
  return parsed.success ? parsed.data : DEFAULT_SECURITY;
}

export async function getAllSettings(ctx: AppContext): Promise<AllSettings> {
  const [association, security, categories, domains, offices] = await Promise.all([
    getAssociation(ctx),
    getSecurity(ctx),
    listTaxonomy(ctx.db, 'categories'),
    listTaxonomy(ctx.db, 'domains'),
    listTaxonomy(ctx.db, 'offices'),
  ]);
  return { association, security, categories, domains, offices };
}

/** An area's own settings key (privacy, compensation, …), written and audited in one transaction. */
export async function saveAreaSetting(ctx: AppContext, actor: Actor, key: string, value: object): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await writeSetting(trx, key, value, now, actor.id);
    await recordAudit(trx, {
      at: now,
      actor: { kind: 'staff', id: actor.id },
      action: 'settings.update',
      entity: 'settings',
      entityId: key,
      fields: Object.keys(value),
    });
  });
}

export async function updateAssociation(ctx: AppContext, actor: Actor, value: AssociationSettings): Promise<AssociationSettings> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const before = { ...DEFAULT_ASSOCIATION, ...((await readSetting(trx, 'association')) as object | undefined) } as Record<
      string,
      unknown
    >;
    const changed = Object.keys(value).filter((key) => before[key] !== value[key as keyof AssociationSettings]);
    await writeSetting(trx, 'association', value, now, actor.id);
    await recordAudit(trx, {
      at: now,
      actor: { kind: 'staff', id: actor.id },
      action: 'settings.update',
      entity: 'settings',
      entityId: 'association',
      fields: changed,
    });
  });
  return value;
}

export async function updateSecurity(ctx: AppContext, actor: Actor, value: SecuritySettings): Promise<SecuritySettings> {
  const now = ctx.clock.now();
  const normalised = { mfaRequiredRoles: [...new Set(value.mfaRequiredRoles)] };
  await ctx.db.transaction().execute(async (trx) => {
    await writeSetting(trx, 'security', normalised, now, actor.id);
    await recordAudit(trx, {
      at: now,
      actor: { kind: 'staff', id: actor.id },
      action: 'settings.update',
      entity: 'settings',
      entityId: 'security',
      fields: ['mfaRequiredRoles'],
    });
  });
  return normalised;
}

export async function createTaxonomy(
  ctx: AppContext,
  actor: Actor,
  kind: TaxonomyKindValue,
  body: z.infer<typeof createTaxonomyBody>,
): Promise<TaxonomyItem> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    if (await findTaxonomyItem(trx, kind, body.code)) throw AppError.conflict('settings.code-taken', 'This code is already used');
    const existing = await listTaxonomy(trx, kind);
    const item: TaxonomyItem = {
      code: body.code,
      nameAr: body.nameAr,
      nameEn: body.nameEn,
      isActive: true,
      sortOrder: body.sortOrder ?? existing.length,
    };
    await insertTaxonomyItem(trx, kind, item);
    await recordAudit(trx, {
      at: now,
      actor: { kind: 'staff', id: actor.id },
      action: 'settings.create',
      entity: kind,
      entityId: item.code,
    });
    return item;
  });
}

/** Items are deactivated, never deleted: records and staff scopes keep pointing at their codes. */
export async function updateTaxonomy(
  ctx: AppContext,
  actor: Actor,
  kind: TaxonomyKindValue,
  code: string,
  body: z.infer<typeof updateTaxonomyBody>,
): Promise<TaxonomyItem> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const current = await findTaxonomyItem(trx, kind, code);
    if (!current) throw AppError.notFound('settings.item-not-found', 'No such item');
    const next: TaxonomyItem = { ...current, ...Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) };
    await updateTaxonomyItem(trx, kind, next);
    await recordAudit(trx, {
      at: now,
      actor: { kind: 'staff', id: actor.id },
      action: 'settings.update',
      entity: kind,
      entityId: code,
      fields: Object.keys(body),
    });
    return next;
  });
}

export async function activeCodes(ctx: AppContext, kind: TaxonomyKindValue): Promise<Set<string>> {
  const items = await listTaxonomy(ctx.db, kind);
  return new Set(items.map((i) => i.code));
}
