import type { Kysely } from 'kysely';

/**
 * The audit chain (F2, issue 3 §3): writers append rows without a hash; one sealer (holding the
 * `audit-sealer` lease) gives each row its place in the chain, the previous row's hash and its own.
 * `audit_seal` keeps the chain's tail, so deleting the newest sealed rows is detected too.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_events').addColumn('chain_position', 'bigint').execute();
  await db.schema.createIndex('audit_events_chain').on('audit_events').column('chain_position').unique().execute();
  await db.schema.createIndex('audit_events_unsealed').on('audit_events').columns(['hash', 'seq']).execute();

  await db.schema
    .createTable('audit_seal')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('last_position', 'bigint', (c) => c.notNull())
    .addColumn('last_hash', 'text')
    .addColumn('sealed_at', 'text')
    .execute();
  await db.insertInto('audit_seal').values({ id: 1, last_position: 0, last_hash: null, sealed_at: null }).execute();

  // Leases keep background jobs to one instance at a time (ARCHITECTURE.md "Background work").
  await db.schema
    .createTable('leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text')
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('leases').execute();
  await db.schema.dropTable('audit_seal').execute();
  await db.schema.dropIndex('audit_events_unsealed').execute();
  await db.schema.dropIndex('audit_events_chain').execute();
  await db.schema.alterTable('audit_events').dropColumn('chain_position').execute();
}
