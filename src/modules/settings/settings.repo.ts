import type { Kysely } from 'kysely';
import type { TaxonomyItem, TaxonomyKindValue } from '../../contracts/settings.js';
import type { Database, TaxonomyTable } from '../../platform/db/schema.js';

export async function readSetting(db: Kysely<Database>, key: string): Promise<unknown | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? JSON.parse(row.value) : undefined;
}

export async function writeSetting(db: Kysely<Database>, key: string, value: unknown, at: Date, by: string | null): Promise<void> {
  const json = JSON.stringify(value);
  const updated = await db
    .updateTable('settings')
    .set({ value: json, updated_at: at.toISOString(), updated_by: by })
    .where('key', '=', key)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) {
    await db.insertInto('settings').values({ key, value: json, updated_at: at.toISOString(), updated_by: by }).execute();
  }
}

function toItem(row: TaxonomyTable): TaxonomyItem {
  return { code: row.code, nameAr: row.name_ar, nameEn: row.name_en, isActive: row.is_active === 1, sortOrder: row.sort_order };
}

export async function listTaxonomy(db: Kysely<Database>, kind: TaxonomyKindValue): Promise<TaxonomyItem[]> {
  const rows = await db.selectFrom(kind).selectAll().orderBy('sort_order').orderBy('code').execute();
  return rows.map(toItem);
}

export async function findTaxonomyItem(db: Kysely<Database>, kind: TaxonomyKindValue, code: string): Promise<TaxonomyItem | undefined> {
  const row = await db.selectFrom(kind).selectAll().where('code', '=', code).executeTakeFirst();
  return row ? toItem(row) : undefined;
}

export async function insertTaxonomyItem(db: Kysely<Database>, kind: TaxonomyKindValue, item: TaxonomyItem): Promise<void> {
  await db
    .insertInto(kind)
    .values({ code: item.code, name_ar: item.nameAr, name_en: item.nameEn, is_active: item.isActive ? 1 : 0, sort_order: item.sortOrder })
    .execute();
}

export async function updateTaxonomyItem(db: Kysely<Database>, kind: TaxonomyKindValue, item: TaxonomyItem): Promise<void> {
  await db
    .updateTable(kind)
    .set({ name_ar: item.nameAr, name_en: item.nameEn, is_active: item.isActive ? 1 : 0, sort_order: item.sortOrder })
    .where('code', '=', item.code)
    .execute();
}
