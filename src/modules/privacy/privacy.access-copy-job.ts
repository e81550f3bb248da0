import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { Language } from '../../domain/dates.js';
import type { AppContext } from '../../platform/context.js';
import { engineOf } from '../../platform/db/dialect.js';
import type { Database } from '../../platform/db/schema.js';
import type { PrivacyAccessCopyTable } from '../../platform/db/schema-access-copy.js';
import { storeGeneratedFile } from '../../platform/files/file-store.js';
import { personalDataSources } from '../../platform/personal-data.js';
import type { Job } from '../../platform/scheduler.js';
import { recordAudit } from '../audit/index.js';
import { COPY_DAYS, COPY_OWNER } from './privacy.access-copy.js';
import { type CopySubject, readSubjectData } from './privacy.access-copy-read.js';
import { CopyWriters } from './privacy.access-copy-render.js';
import { tellCopyReady } from './privacy.copy-ready.js';
import { ABOUT } from './privacy.present.js';
import { requestAad, unseal } from './privacy.sealing.js';

/**
 * The access copy's background job (issue 25 §3, F2): each copy asked for is read from ONE read
 * transaction — a consistent snapshot (repeatable read on PostgreSQL; on SQLite a read-only
 * connection's transaction, see inSnapshot) — walking the personal-data registry, then stored encrypted in the file store as a print page and
 * a JSON file, downloadable for 7 days; expired copies' files are deleted. Both steps are audited.
 * Once ready, the requester is told through the outbox (privacy.copy-ready.ts).
 */
const SYSTEM = { kind: 'system' as const, id: null };
const BATCH = 5;
const DAY_MS = 86_400_000;

/**
 * Issue 25 bad input (F2; a family with 10,000 messages): runs `read` in one snapshot that does not
 * hold up the rest of the app. PostgreSQL: a repeatable-read, read-only transaction on a pool
 * connection. SQLite: a read-only connection of its own, as the backup reads (backup.ts) — in WAL
 * its deferred transaction's snapshot starts at its first read and holds to its end, while the app's
 * own connection keeps writing; the app's transactions begin `immediate`, so reading through it
 * held the write lock, and every other statement, for the whole read (2.8 s for 10,000 messages).
 * An in-memory database has no second connection: the app's own transaction.
 */
async function inSnapshot<T>(ctx: AppContext, read: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  const database = ctx.config.database;
  if (engineOf(ctx.db) === 'postgres' || database.engine !== 'sqlite' || database.file === ':memory:')
    return ctx.db.transaction().execute(async (trx) => {
      if (engineOf(ctx.db) === 'postgres') await sql`set transaction isolation level repeatable read read only`.execute(trx);
      return read(trx);
    });
  const reader = new SQLite(database.file, { readonly: true, fileMustExist: true });
  reader.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: reader }) });
  try {
    return await db.transaction().execute(read);
  } finally {
    await db.destroy();
  }
}

/**
 * better-sqlite3 answers synchronously: without a turn of the event loop now and then, the whole
 * read would run in one go and no request would be answered meanwhile.
 */
const EVENTS_A_TURN = 500;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function produce(ctx: AppContext, copy: PrivacyAccessCopyTable): Promise<void> {
  const { tables } = ctx.hooks.provider(personalDataSources, 'app')();
  const produced = await inSnapshot(ctx, async (trx) => {
    const request = await trx.selectFrom('privacy_requests').selectAll().where('id', '=', copy.request_id).executeTakeFirstOrThrow();
    const now = ctx.clock.now();
    let subject: CopySubject;
    let subjectLabel: string;
    if (request.family_id) {
      const family = await trx.selectFrom('families').select('reference').where('id', '=', request.family_id).executeTakeFirstOrThrow();
      const requesterName = unseal(ctx, requestAad(request.id, 'requester_name'), request.requester_name);
      subject = { kind: 'family', familyId: request.family_id, requesterName, isHead: !requesterName || request.relation === 'head' };
      subjectLabel = family.reference;
    } else {
      const complaint = await trx
        .selectFrom('complaints')
        .select(['id', 'reference'])
        .where('id', '=', request.complaint_id as string)
        .executeTakeFirstOrThrow();
      subject = { kind: 'complainant', complaintId: complaint.id };
      subjectLabel = complaint.reference;
    }
    const writers = new CopyWriters({
      reference: request.reference,
      subjectLabel,
      producedAt: now,
      expiresAt: new Date(now.getTime() + COPY_DAYS * DAY_MS),
      language: copy.language as Language,
    });
    let events = 0;
    for await (const event of readSubjectData(trx, ctx.keys, tables, subject)) {
      writers.add(event);
      if (++events % EVENTS_A_TURN === 0) await nextTurn();
    }
    return { ...writers.finish(), rowCount: writers.rowCount, now, request };
  });
  await ctx.db.transaction().execute(async (trx) => {
    const base = { ownerType: COPY_OWNER, ownerId: copy.id, now: produced.now };
    const html = await storeGeneratedFile(trx, ctx.keys, {
      ...base,
      fileName: `${produced.request.reference}.html`,
      mediaType: 'text/html',
      bytes: produced.html,
    });
    const json = await storeGeneratedFile(trx, ctx.keys, {
      ...base,
      fileName: `${produced.request.reference}.json`,
      mediaType: 'application/json',
      bytes: produced.json,
    });
    const marked = await trx
      .updateTable('privacy_access_copies')
      .set({
        status: 'ready',
        produced_at: produced.now.toISOString(),
        expires_at: new Date(produced.now.getTime() + COPY_DAYS * DAY_MS).toISOString(),
        html_file_id: html.id,
        json_file_id: json.id,
        row_count: produced.rowCount,
      })
      .where('id', '=', copy.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (!marked.numUpdatedRows) throw new Error('The access copy was produced twice');
    const expiresAt = new Date(produced.now.getTime() + COPY_DAYS * DAY_MS);
    // §2–§3: the requester hears that the copy is ready, in the same transaction as the copy (once).
    await tellCopyReady(trx, ctx, { request: produced.request, copyId: copy.id, language: copy.language as Language, expiresAt });
    await recordAudit(trx, {
      at: produced.now,
      actor: SYSTEM,
      action: 'privacy.access-copy-produced',
      entity: ABOUT,
      entityId: copy.request_id,
      details: { copyId: copy.id, rows: produced.rowCount, htmlSha256: html.sha256, jsonSha256: json.sha256 },
    });
  });
}

export async function produceAccessCopies(ctx: AppContext): Promise<number> {
  const due = await ctx.db
    .selectFrom('privacy_access_copies')
    .selectAll()
    .where('status', '=', 'pending')
    .orderBy('requested_at')
    .limit(BATCH)
    .execute();
  for (const copy of due) await produce(ctx, copy);
  return due.length;
}

/** F2: after 7 days the copy's files are deleted from the file store and the copy reads as expired. */
export async function expireAccessCopies(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const due = await ctx.db
    .selectFrom('privacy_access_copies')
    .select(['id', 'request_id'])
    .where('status', '=', 'ready')
    .where('expires_at', '<=', now.toISOString())
    .limit(100)
    .execute();
  for (const copy of due)
    await ctx.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('files').where('owner_type', '=', COPY_OWNER).where('owner_id', '=', copy.id).execute();
      await trx.updateTable('privacy_access_copies').set({ status: 'expired' }).where('id', '=', copy.id).execute();
      await recordAudit(trx, {
        at: now,
        actor: SYSTEM,
        action: 'privacy.access-copy-expired',
        entity: ABOUT,
        entityId: copy.request_id,
        details: { copyId: copy.id },
      });
    });
  return due.length;
}

export function accessCopyJobs(ctx: AppContext): Job[] {
  return [
    { name: 'privacy-access-copies', intervalMs: 15_000, run: () => produceAccessCopies(ctx) },
    { name: 'privacy-access-copies-expiry', intervalMs: 3_600_000, run: () => expireAccessCopies(ctx) },
  ];
}
