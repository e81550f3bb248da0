import type { Kysely } from 'kysely';

/**
 * Issue 19 §4: a staff member's saved worklist views (filters and sort under a name), shown as
 * tabs; an administrator may share one with a role. `params` is the JSON of the address's
 * parameters, free text removed. One name per person and worklist.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('saved_views')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('worklist', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('shared_role', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('saved_views_owner_name').on('saved_views').columns(['owner_id', 'worklist', 'name']).unique().execute();
  await db.schema.createIndex('saved_views_shared').on('saved_views').columns(['worklist', 'shared_role']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('saved_views').execute();
}
