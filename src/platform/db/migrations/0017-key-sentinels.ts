import type { Kysely } from 'kysely';

/**
 * Key sentinels (issue 21 §4–5, decision 007): one row per key id under which this database holds
 * data — a constant sealed with that encryption key, or the keyed hash of a constant under that index
 * key — so start-up and restore can tell the wrong keys before any data is read. A migration cannot
 * see the keys: start-up fills the table, after checking the keys against existing data.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('key_sentinels')
    .addColumn('kind', 'text', (c) => c.notNull()) // 'encryption' | 'index'
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('key_sentinels_pk', ['kind', 'key_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('key_sentinels').execute();
}
