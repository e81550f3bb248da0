import { type Kysely, sql } from 'kysely';

/**
 * The sealer (F2) looks for rows without a hash in `seq` order. Indexing (hash, seq) for that kept
 * every sealed row's 64-character hash twice — 5 % of the database at 50 thousand families
 * (issue 7, bench/README.md). A partial index holds only the rows still waiting for the sealer.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_events_unsealed').execute();
  await db.schema.createIndex('audit_events_unsealed').on('audit_events').column('seq').where(sql.ref('hash'), 'is', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_events_unsealed').execute();
  await db.schema.createIndex('audit_events_unsealed').on('audit_events').columns(['hash', 'seq']).execute();
}
