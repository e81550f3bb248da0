import type { Kysely } from 'kysely';
import { COMPLAINT_STEPS, INQUIRY_STEPS } from '../../domain/complaint-steps.js';
import type { Database } from '../../platform/db/schema.js';
import type { ComplaintRow, ComplaintStepTable, PublicIdempotencyTable } from '../../platform/db/schema-complaints.js';

type Db = Kysely<Database>;

export async function findByTrackingIndex(db: Db, kind: string, indexes: string[]): Promise<ComplaintRow | undefined> {
  if (!indexes.length) return undefined;
  return db.selectFrom('complaints').selectAll().where('kind', '=', kind).where('tracking_index', 'in', indexes).executeTakeFirst();
}

export async function isTrackingIndexTaken(db: Db, indexes: string[]): Promise<boolean> {
  const row = await db.selectFrom('complaints').select('id').where('tracking_index', 'in', indexes).executeTakeFirst();
  return Boolean(row);
}

/** A step's place in the handling order, for steps recorded in the same millisecond (received, then acknowledged). */
function stepRank(step: string): number {
  const complaint = (COMPLAINT_STEPS as readonly string[]).indexOf(step);
  return complaint >= 0 ? complaint : (INQUIRY_STEPS as readonly string[]).indexOf(step);
}

export async function stepsOf(db: Db, complaintId: string): Promise<ComplaintStepTable[]> {
  const rows = await db
    .selectFrom('complaint_steps')
    .selectAll()
    .where('complaint_id', '=', complaintId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : stepRank(a.step) - stepRank(b.step)));
}

export async function findIdempotency(db: Db, keyHash: string): Promise<PublicIdempotencyTable | undefined> {
  return db.selectFrom('public_idempotency').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
}

/** Old replays and unused uploads are dropped as new ones arrive (no job needed for a light table). */
export async function purgeExpired(db: Db, now: string): Promise<void> {
  await db.deleteFrom('public_idempotency').where('expires_at', '<', now).execute();
  const stale = await db
    .selectFrom('public_uploads')
    .select(['token_hash', 'file_id'])
    .where('used_at', 'is', null)
    .where('expires_at', '<', now)
    .limit(100)
    .execute();
  if (!stale.length) return;
  await db
    .deleteFrom('public_uploads')
    .where(
      'token_hash',
      'in',
      stale.map((s) => s.token_hash),
    )
    .execute();
  await db
    .deleteFrom('files')
    .where('owner_type', '=', 'public-upload')
    .where(
      'id',
      'in',
      stale.map((s) => s.file_id),
    )
    .execute();
}
