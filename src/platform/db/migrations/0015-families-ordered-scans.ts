import type { Kysely } from 'kysely';

/**
 * Family lists at a million families (issue 3 §5, issue 7). A scoped list sorted by date sorted every
 * family of its scope first (167 thousand rows for one office: 5 s); it now walks the date index in
 * order and stops at the page, reading office and category from the index itself, so even a scope
 * with no families costs one pass over the index, not over the table. The scope index carries the id
 * so a capped count never opens the table either.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('families_created').execute();
  await db.schema
    .createIndex('families_created')
    .on('families')
    .columns(['created_at', 'id', 'office', 'category', 'origin_channel'])
    .execute();
  await db.schema.dropIndex('families_name').execute();
  await db.schema
    .createIndex('families_name')
    .on('families')
    .columns(['name_normalised', 'id', 'office', 'category', 'origin_channel'])
    .execute();
  await db.schema.dropIndex('families_scope').execute();
  await db.schema.createIndex('families_scope').on('families').columns(['office', 'category', 'origin_channel', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('families_scope').execute();
  await db.schema.createIndex('families_scope').on('families').columns(['office', 'category', 'created_at']).execute();
  await db.schema.dropIndex('families_name').execute();
  await db.schema.createIndex('families_name').on('families').columns(['name_normalised', 'id']).execute();
  await db.schema.dropIndex('families_created').execute();
  await db.schema.createIndex('families_created').on('families').columns(['created_at', 'id']).execute();
}
