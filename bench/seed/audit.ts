import { hashAuditRow } from '../../src/modules/audit/audit-chain.js';
import type { Rng } from './rng.js';
import type { Row, Sink } from './sink.js';

export interface AuditInput {
  atMs: number;
  actorKind: 'staff' | 'family' | 'anonymous' | 'system';
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  fields?: string[];
  details?: Record<string, unknown>;
}

const COLUMNS = [
  'seq',
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
] as const;

/**
 * Audit rows as recordAudit writes them, sealed on the way in exactly as the sealer would
 * (audit-chain.ts: chain position, previous hash, own hash), continuing the chain already in the
 * database — so `sila audit verify` walks the whole trail and the sealer has nothing left to do.
 */
export class AuditWriter {
  private readonly write: (row: Row) => void;
  count = 0;

  constructor(
    sink: Sink,
    private readonly rng: Rng,
    private seq: number,
    private position: number,
    private prevHash: string | null,
  ) {
    this.write = sink.table('audit_events', COLUMNS);
  }

  add(entry: AuditInput): void {
    this.addRaw(
      entry.atMs,
      entry.actorKind,
      entry.actorId,
      entry.action,
      entry.entity,
      entry.entityId,
      entry.fields ? JSON.stringify(entry.fields) : null,
      entry.details ? JSON.stringify(entry.details) : null,
    );
  }

  /** `add` with fields and details already JSON (as rows made in worker threads carry them). */
  addRaw(
    atMs: number,
    actorKind: AuditInput['actorKind'],
    actorId: string | null,
    action: string,
    entity: string,
    entityId: string | null,
    fields: string | null,
    details: string | null,
  ): void {
    this.seq += 1;
    this.position += 1;
    const row = {
      seq: this.seq,
      id: this.rng.uuidv7(atMs),
      at: new Date(atMs).toISOString(),
      actor_kind: actorKind,
      actor_id: actorId,
      action,
      entity,
      entity_id: entityId,
      fields,
      details,
      prev_hash: this.prevHash,
      hash: null as string | null,
      chain_position: this.position,
    };
    row.hash = hashAuditRow(row, this.prevHash, this.position);
    this.prevHash = row.hash;
    this.write([
      row.seq,
      row.id,
      row.at,
      row.actor_kind,
      row.actor_id,
      row.action,
      row.entity,
      row.entity_id,
      row.fields,
      row.details,
      row.prev_hash,
      row.hash,
      row.chain_position,
    ]);
    this.count++;
  }

  get tail(): { seq: number; position: number; hash: string | null } {
    return { seq: this.seq, position: this.position, hash: this.prevHash };
  }
}
