import type { Insertable, Kysely } from 'kysely';
import { offThreadWriterFor } from '../../platform/db/database.js';
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

type AuditRow = Insertable<Database['audit_events']>;

function toRow(entry: AuditEntry): AuditRow {
  return {
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
  };
}

/**
 * Writes one audit row. Inside a transaction the row commits with the change it records. Outside
 * one (views, lists, searches) rows from concurrent requests are committed together: each caller
 * still waits until its own row is durable, but a hundred list requests share one commit (one
 * fsync on SQLite) instead of queueing behind a hundred (issue 7: this was 90 % of a list's cost).
 */
export async function recordAudit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  const row = toRow(entry);
  if (db.isTransaction) {
    await db.insertInto('audit_events').values(row).execute();
    return;
  }
  let committer = committers.get(db);
  if (!committer) {
    committer = new GroupCommitter(db);
    committers.set(db, committer);
  }
  await committer.add(row);
}

interface Waiting {
  row: AuditRow;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** 12 bound values a row; well under every engine's limit on parameters. */
const ROWS_PER_INSERT = 500;
const committers = new WeakMap<Kysely<Database>, GroupCommitter>();
const AUDIT_COLUMNS = [
  'id',
  'at',
  'actor_kind',
  'actor_id',
  'action',
  'entity',
  'entity_id',
  'fields',
  'details',
  'prev_hash',
  'hash',
  'chain_position',
] as const satisfies readonly (keyof AuditRow)[];
const INSERT_SQL = `insert into audit_events (${AUDIT_COLUMNS.join(', ')}) values (${AUDIT_COLUMNS.map(() => '?').join(', ')})`;

class GroupCommitter {
  private waiting: Waiting[] = [];
  private isFlushing = false;

  constructor(private readonly db: Kysely<Database>) {}

  add(row: AuditRow): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ row, resolve, reject });
      // The first row of a batch waits one turn of the event loop for its neighbours.
      if (!this.isFlushing && this.waiting.length === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    if (this.isFlushing || this.waiting.length === 0) return;
    this.isFlushing = true;
    const batch = this.waiting;
    this.waiting = [];
    try {
      const writer = offThreadWriterFor(this.db);
      if (writer)
        await writer.append(
          INSERT_SQL,
          batch.map((w) => AUDIT_COLUMNS.map((column) => w.row[column] ?? null)),
        );
      else
        await this.db.transaction().execute(async (trx) => {
          for (let i = 0; i < batch.length; i += ROWS_PER_INSERT) {
            await trx
              .insertInto('audit_events')
              .values(batch.slice(i, i + ROWS_PER_INSERT).map((w) => w.row))
              .execute();
          }
        });
      for (const w of batch) w.resolve();
    } catch {
      // One bad row must not fail its neighbours: retry each alone, so each caller gets its own answer.
      for (const w of batch) {
        try {
          await this.db.insertInto('audit_events').values(w.row).execute();
          w.resolve();
        } catch (error) {
          w.reject(error);
        }
      }
    } finally {
      this.isFlushing = false;
      // Rows that arrived during the commit form the next batch.
      if (this.waiting.length > 0) void this.flush();
    }
  }
}

/** The trail of one record, newest first (F2: who saw and changed a family), at most `limit` rows. */
export async function entityTrail(db: Kysely<Database>, { entity, entityId, limit }: { entity: string; entityId: string; limit: number }) {
  return db
    .selectFrom('audit_events')
    .select(['at', 'action', 'actor_id', 'fields'])
    .where('entity', '=', entity)
    .where('entity_id', '=', entityId)
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
}
