import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { uuidv7 } from '../../platform/ids.js';

/**
 * Append-only audit trail (F2). Writers only append; a single sealer chains rows later (issue 3),
 * so instances never queue behind one lock. Rows never hold ID numbers or phones, only field names
 * and, where needed, keyed hashes.
 */
export interface AuditEntry {
  at: Date;
  actor: { kind: 'staff' | 'family' | 'anonymous' | 'system'; id: string | null };
  action: string;
  entity: string;
  entityId?: string | null;
  fields?: string[];
  details?: Record<string, unknown>;
}

export async function recordAudit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      id: uuidv7(entry.at.getTime()),
      at: entry.at.toISOString(),
      actor_kind: entry.actor.kind,
      actor_id: entry.actor.id,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId ?? null,
      fields: entry.fields ? JSON.stringify(entry.fields) : null,
      details: entry.details ? JSON.stringify(entry.details) : null,
      prev_hash: null,
      hash: null,
      chain_position: null,
    })
    .execute();
}
