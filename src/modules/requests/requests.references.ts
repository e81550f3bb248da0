import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

/**
 * Requests' references by id, as the worklists show them (issue 24 §5: the surveys' export names the
 * case by its reference, never by its internal id). Ids not found are left out.
 */
export async function requestReferences(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string>> {
  const references = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('requests')
      .select(['id', 'reference'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const row of rows) references.set(row.id, row.reference);
  }
  return references;
}
