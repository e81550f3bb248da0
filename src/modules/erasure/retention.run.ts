import { type Kysely, sql } from 'kysely';
import type { RetentionKind, RetentionReport } from '../../contracts/erasure.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { uuidv7 } from '../../platform/ids.js';
import { personalDataSources } from '../../platform/personal-data.js';
import { recordAudit } from '../audit/index.js';
import { complaintErasureHolds } from './erasure.complainant.js';
import { eraseByRegistry, reclaimErasedSpace } from './erasure.engine.js';
import { writeLedger } from './erasure.ledger.js';
import { eraseFamily, erasureHolds } from './erasure.service.js';
import { retentionPeriods } from './retention.periods.js';

/**
 * Retention (issue 25 §6, F2): what has outlived its period is anonymised — families after their
 * last activity, rejected requests after their decision, complaints after closing — in batches,
 * each record in its own transaction and written to the ledger, so a run that stops is resumed by
 * the next (done records are no longer due). A dry run answers the same question without writing.
 */
const BATCH = 100;
/** At most this many records of a kind per run; the rest waits for the next night. */
const MAX_PER_RUN = 5000;
const SHOWN = 50;

type Db = Kysely<Database>;
interface Due {
  id: string;
  reference: string;
}

export function cutoffOf(now: Date, months: number): string {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return cutoff.toISOString();
}

const notInLedger = (table: string, column: string) =>
  sql<boolean>`not exists (select 1 from erasures e where e.subject_table = ${table} and e.subject_id = ${sql.ref(column)})`;

/** One page of due records after `after`, in id order. */
async function duePage(db: Db, kind: RetentionKind, cutoff: string, after: string): Promise<Due[]> {
  if (kind === 'families')
    return (
      db
        .selectFrom('families as f')
        .select(['f.id', 'f.reference'])
        .where('f.updated_at', '<', cutoff)
        .where(notInLedger('families', 'f.id'))
        // Last activity: the family's own record, its requests, complaints and compensation cases.
        .where(sql<boolean>`not exists (select 1 from requests r where r.family_id = f.id and r.updated_at >= ${cutoff})`)
        .where(sql<boolean>`not exists (select 1 from complaints c where c.family_id = f.id and c.updated_at >= ${cutoff})`)
        .where(sql<boolean>`not exists (select 1 from compensation_cases k where k.family_id = f.id and k.updated_at >= ${cutoff})`)
        .where('f.id', '>', after)
        .orderBy('f.id')
        .limit(BATCH)
        .execute()
    );
  if (kind === 'rejected-requests')
    return (
      db
        .selectFrom('requests as r')
        .select(['r.id', 'r.reference'])
        // A rejection once told to the family (notified), closed or not: staff do not always close a told
        // rejection, and §6 counts its five years from the decision, not from that clerical step.
        .where('r.status', 'in', ['notified', 'closed'])
        .where('r.decision_outcome', '=', 'rejected')
        .where(sql<boolean>`coalesce(r.decided_at, r.closed_at) < ${cutoff}`)
        .where(notInLedger('requests', 'r.id'))
        .where(notInLedger('families', 'r.family_id'))
        .where('r.id', '>', after)
        .orderBy('r.id')
        .limit(BATCH)
        .execute()
    );
  return db
    .selectFrom('complaints as c')
    .select(['c.id', 'c.reference'])
    .where('c.closed_at', '<', cutoff)
    .where(notInLedger('complaints', 'c.id'))
    .where('c.id', '>', after)
    .orderBy('c.id')
    .limit(BATCH)
    .execute();
}

/** §5: a legal hold keeps a due family, or a due complaint (an open data-subject request about it), for a later night. */
async function isHeld(ctx: AppContext, kind: RetentionKind, id: string): Promise<boolean> {
  if (kind === 'families') return (await erasureHolds(ctx, id)).length > 0;
  if (kind === 'complaints') return (await complaintErasureHolds(ctx, id)).length > 0;
  return false;
}

/** Anonymises one due record, adding the tables it touched to `touched`; answers false when a legal hold keeps it. */
async function anonymise(ctx: AppContext, kind: RetentionKind, due: Due, now: Date, touched: Set<string>): Promise<boolean> {
  if (await isHeld(ctx, kind, due.id)) return false;
  if (kind === 'families') {
    const erased = await eraseFamily(ctx, { kind: 'system' }, due.id, { reason: 'retention-expired', isReclaimDeferred: true });
    for (const table of ['families', ...erased.tables.map((t) => t.table)]) touched.add(table);
    return true;
  }
  const table = kind === 'rejected-requests' ? 'requests' : 'complaints';
  const { tables } = ctx.hooks.provider(personalDataSources, 'app')();
  const erased = await ctx.db.transaction().execute(async (trx) => {
    const done = await eraseByRegistry(trx, ctx.keys, tables, { kind: 'records', table, ids: [due.id] });
    await writeLedger(trx, {
      at: now,
      subject_table: table,
      subject_id: due.id,
      number: null,
      cause: 'retention',
      request_ref: null,
      erased_by: null,
      erased_at: now.toISOString(),
    });
    await recordAudit(trx, {
      at: now,
      actor: { kind: 'system', id: null },
      action: 'retention.anonymise',
      entity: table === 'requests' ? 'request' : 'complaint',
      entityId: due.id,
      fields: done.map((t) => t.table),
      details: { kind, rows: done },
    });
    return done;
  });
  for (const table of erased) touched.add(table.table);
  return true;
}

/** Runs retention now (or, dry, reports what it would do). A real run keeps its report, batch by batch. */
export async function runRetention(ctx: AppContext, { isDryRun }: { isDryRun: boolean }): Promise<RetentionReport> {
  const now = ctx.clock.now();
  const periods = await retentionPeriods(ctx.db);
  const report: RetentionReport = {
    id: isDryRun ? null : uuidv7(now.getTime()),
    isDryRun,
    startedAt: now.toISOString(),
    finishedAt: null,
    kinds: [],
  };
  const save = async () => {
    if (!report.id) return;
    const json = JSON.stringify(report);
    const updated = await ctx.db
      .updateTable('retention_runs')
      .set({ report: json, finished_at: report.finishedAt })
      .where('id', '=', report.id)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0)
      await ctx.db
        .insertInto('retention_runs')
        .values({ id: report.id, started_at: report.startedAt, finished_at: null, report: json })
        .execute();
  };
  await save();
  for (const kind of ['families', 'rejected-requests', 'complaints'] as const) {
    const months = periods[kind];
    const entry = { kind, months, anonymised: 0, held: 0, references: [] as string[] };
    report.kinds.push(entry);
    if (months === null) continue;
    const cutoff = cutoffOf(now, months);
    let after = '';
    while (entry.anonymised + entry.held < MAX_PER_RUN) {
      const page = await duePage(ctx.db, kind, cutoff, after);
      if (!page.length) break;
      const touched = new Set<string>();
      for (const due of page) {
        const isDone = isDryRun ? !(await isHeld(ctx, kind, due.id)) : await anonymise(ctx, kind, due, now, touched);
        if (isDone) {
          entry.anonymised += 1;
          if (entry.references.length < SHOWN) entry.references.push(due.reference);
        } else entry.held += 1;
      }
      if (touched.size) await reclaimErasedSpace(ctx.db, [...touched]);
      after = page.at(-1)?.id ?? after;
      await save();
    }
  }
  report.finishedAt = ctx.clock.now().toISOString();
  await save();
  return report;
}

export async function retentionRuns(db: Db, limit = 20): Promise<RetentionReport[]> {
  const rows = await db.selectFrom('retention_runs').select('report').orderBy('started_at', 'desc').limit(limit).execute();
  return rows.map((r) => JSON.parse(r.report) as RetentionReport);
}

/** The nightly job (the one scheduler): once a night, between 01:00 and 05:00 Riyadh time (UTC+3). */
export async function nightlyRetention(ctx: AppContext, now: Date): Promise<RetentionReport | null> {
  const riyadhHour = (now.getUTCHours() + 3) % 24;
  if (riyadhHour < 1 || riyadhHour >= 5) return null;
  const since = new Date(now.getTime() - 20 * 3600_000).toISOString();
  const recent = await ctx.db.selectFrom('retention_runs').select('id').where('started_at', '>=', since).executeTakeFirst();
  if (recent) return null;
  return runRetention(ctx, { isDryRun: false });
}
