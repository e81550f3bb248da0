import type { Kysely } from 'kysely';
import { MIN_RETENTION_MONTHS, RETENTION_KINDS, type RetentionKind, type RetentionPeriods } from '../../contracts/erasure.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { recordAudit } from '../audit/index.js';

/**
 * Retention periods per record kind (issue 25 §6, F2), in months after the record's last activity
 * (families), decision (rejected requests) or closing (complaints); null: kept for ever. Until the
 * privacy officer sets them, the periods the issue names apply: families 10 years, rejected
 * requests and complaints 5 years (docs/decisions/014-erasure.md).
 */
export const DEFAULT_RETENTION: RetentionPeriods = { families: 120, 'rejected-requests': 60, complaints: 60 };
/** A hundred years: longer is a typing mistake, not a policy. */
const MAX_RETENTION_MONTHS = 1200;

export async function retentionPeriods(db: Kysely<Database>): Promise<RetentionPeriods> {
  const rows = await db.selectFrom('retention_periods').select(['kind', 'months']).execute();
  const periods = { ...DEFAULT_RETENTION };
  for (const row of rows) if ((RETENTION_KINDS as readonly string[]).includes(row.kind)) periods[row.kind as RetentionKind] = row.months;
  return periods;
}

export async function setRetentionPeriods(
  ctx: AppContext,
  principal: StaffPrincipal,
  body: Partial<RetentionPeriods>,
): Promise<RetentionPeriods> {
  const changed = RETENTION_KINDS.filter((kind) => body[kind] !== undefined);
  for (const kind of changed) {
    const months = body[kind];
    if (months === null || months === undefined) continue;
    if (months < MIN_RETENTION_MONTHS)
      throw AppError.badRequest('retention.too-short', `A retention period is at least ${MIN_RETENTION_MONTHS} month`, [
        { pointer: `/${kind}`, code: 'retention.too-short', detail: `At least ${MIN_RETENTION_MONTHS} month, or empty for never` },
      ]);
    if (months > MAX_RETENTION_MONTHS)
      throw AppError.badRequest('retention.too-long', `A retention period is at most ${MAX_RETENTION_MONTHS} months`, [
        { pointer: `/${kind}`, code: 'retention.too-long', detail: `At most ${MAX_RETENTION_MONTHS} months` },
      ]);
  }
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    for (const kind of changed) {
      const months = body[kind] ?? null;
      await trx.deleteFrom('retention_periods').where('kind', '=', kind).execute();
      await trx
        .insertInto('retention_periods')
        .values({ kind, months, updated_at: now.toISOString(), updated_by: principal.userId })
        .execute();
    }
    await recordAudit(trx, {
      at: now,
      actor: { kind: 'staff', id: principal.userId },
      action: 'retention.update',
      entity: 'retention',
      fields: changed,
      details: Object.fromEntries(changed.map((kind) => [kind, body[kind] ?? null])),
    });
  });
  return retentionPeriods(ctx.db);
}
