import { createHash } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { DB } from '../db/database.js';
import type { SessionTable } from '../db/schema.js';
import { randomToken } from '../ids.js';
import type { SessionStage } from './route-policy.js';

/**
 * Sessions live in the database so every instance sees them (issue 2 §3): idle timeout 30 min,
 * absolute 12 h, a new id at sign-in and at each step up, ended at sign-out and on deactivation.
 * Only a SHA-256 of the cookie value is stored.
 */
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60_000;
/** A family's portal visit is short: the same 30 minutes idle, and at most two hours in all (issue 5 §2). */
export const FAMILY_SESSION_ABSOLUTE_MS = 2 * 60 * 60_000;
const TOUCH_EVERY_MS = 60_000;

export type SessionRow = SessionTable;

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class SessionStore {
  constructor(
    private readonly db: DB,
    private readonly clock: Clock,
  ) {}

  /** Creates a session and returns the cookie value (shown once, never stored). */
  async create(
    principalKind: 'staff' | 'family',
    principalId: string,
    stage: SessionStage,
    { absoluteMs = SESSION_ABSOLUTE_MS }: { absoluteMs?: number } = {},
  ): Promise<{ token: string; row: SessionRow }> {
    const token = randomToken();
    const now = this.clock.now();
    const row: SessionRow = {
      id_hash: hashSessionToken(token),
      principal_kind: principalKind,
      principal_id: principalId,
      stage,
      csrf_token: randomToken(24),
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + absoluteMs).toISOString(),
    };
    await this.db.insertInto('sessions').values(row).execute();
    return { token, row };
  }

  /** A live session for the cookie value, touched for the idle timeout; null when ended or expired. */
  async resolve(token: string): Promise<SessionRow | null> {
    const idHash = hashSessionToken(token);
    const row = await this.db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
    if (!row) return null;
    const now = this.clock.now().getTime();
    const isExpired = now >= Date.parse(row.expires_at) || now - Date.parse(row.last_seen_at) >= SESSION_IDLE_MS;
    if (isExpired) {
      await this.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
      return null;
    }
    if (now - Date.parse(row.last_seen_at) >= TOUCH_EVERY_MS) {
      const lastSeen = new Date(now).toISOString();
      await this.db.updateTable('sessions').set({ last_seen_at: lastSeen }).where('id_hash', '=', idHash).execute();
      row.last_seen_at = lastSeen;
    }
    return row;
  }

  /**
   * Moves a session to a new stage under a new id (session fixation: privileges never carry over
   * to an id an attacker may have seen). Keeps the absolute expiry of the original sign-in.
   */
  async advance(idHash: string, stage: SessionStage): Promise<{ token: string; row: SessionRow }> {
    const old = await this.db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirstOrThrow();
    const token = randomToken();
    const now = this.clock.now().toISOString();
    const row: SessionRow = { ...old, id_hash: hashSessionToken(token), stage, csrf_token: randomToken(24), last_seen_at: now };
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
      await trx.insertInto('sessions').values(row).execute();
    });
    return { token, row };
  }

  async end(idHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
  }

  /** Ends every session of a principal (deactivation, password reset). */
  async endAllFor(principalKind: 'staff' | 'family', principalId: string, exceptIdHash?: string): Promise<void> {
    let query = this.db.deleteFrom('sessions').where('principal_kind', '=', principalKind).where('principal_id', '=', principalId);
    if (exceptIdHash) query = query.where('id_hash', '!=', exceptIdHash);
    await query.execute();
  }
}
