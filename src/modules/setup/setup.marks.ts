import type { Kysely } from 'kysely';
import type { SetupMark } from '../../contracts/setup.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { recordAudit } from '../audit/index.js';
import { staffNames } from '../staff/index.js';

/**
 * The set-up checklist's own marks (issue 27 §7, table `setup_marks`): a transport's last
 * successful test message, the "reviewed" marks and the last backup. One row per mark, replaced
 * when it is made again; each time is audited (no address, no personal data).
 */
export type MarkName = `test-send:${string}` | 'reviewed:request-types' | `reviewed:holidays:${string}` | 'backup';

export async function writeMark(
  db: Kysely<Database>,
  mark: { name: MarkName; at: Date; by: string | null; bytes?: number | null; action: string; details?: Record<string, unknown> },
): Promise<void> {
  const values = { done_at: mark.at.toISOString(), done_by: mark.by, bytes: mark.bytes ?? null };
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('setup_marks')
      .values({ mark: mark.name, ...values })
      .onConflict((oc) => oc.column('mark').doUpdateSet(values))
      .execute();
    await recordAudit(trx, {
      at: mark.at,
      actor: mark.by ? { kind: 'staff', id: mark.by } : { kind: 'system', id: null },
      action: mark.action,
      entity: 'setup',
      entityId: mark.name,
      ...(mark.details ? { details: mark.details } : {}),
    });
  });
}

/** Every mark, with the name of who made it. */
export async function readMarks(ctx: AppContext): Promise<Map<string, SetupMark>> {
  const rows = await ctx.db.selectFrom('setup_marks').selectAll().execute();
  const names = await staffNames(
    ctx.db,
    rows.map((r) => r.done_by),
  );
  return new Map(
    rows.map((r) => [
      r.mark,
      { at: r.done_at, byName: r.done_by ? (names.get(r.done_by) ?? null) : null, bytes: r.bytes === null ? null : Number(r.bytes) },
    ]),
  );
}

/**
 * `sila backup` succeeded (issue 27 §7): when and how large, so the checklist can say a backup
 * exists. Written after the archive is complete, outside its snapshot.
 */
export async function recordBackupRun(db: Kysely<Database>, run: { at: Date; bytes: number }): Promise<void> {
  await writeMark(db, { name: 'backup', at: run.at, by: null, bytes: run.bytes, action: 'setup.backup', details: { bytes: run.bytes } });
}
