import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { open, unlink } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, createGzip } from 'node:zlib';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { Keys } from '../crypto/keys.js';
import type { PersonalTable } from '../personal-data.js';
import type { DatabaseHandle } from './database.js';
import { engineOf } from './dialect.js';
import { describeTables, type TableInfo } from './introspect.js';
import { ensureKeySentinels, KeyMismatchError } from './key-sentinels.js';
import type { Database } from './schema.js';

/**
 * `sila backup` / `sila restore` (issue 2 §1). The archive is gzip-compressed JSON lines, the same
 * whichever engine wrote it, so it is also the way from SQLite to PostgreSQL:
 *   {"format":"sila-backup","version":1,...}      header
 *   {"table":"x","columns":[...]}                   then one JSON array per row
 *   {"end":"x","rows":N}
 *   {"complete":true,"tables":T,"rows":R}
 * Every table is read inside one read transaction (one snapshot) while the server keeps running:
 * on PostgreSQL a repeatable-read transaction on its own pooled connection; on SQLite a second,
 * read-only connection to the same file, whose read transaction is a WAL snapshot. (Kysely runs one
 * statement at a time on the server's SQLite connection, so a transaction there would stall every
 * request until the backup ends.)
 */
export const BACKUP_FORMAT = 'sila-backup';
const BATCH = 2000;

type Value = string | number | null | { $b64: string };

function encodeValue(value: unknown): Value {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return { $b64: Buffer.from(value).toString('base64') };
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value as string | number;
}

function decodeValue(value: Value): unknown {
  if (value && typeof value === 'object' && '$b64' in value) return Buffer.from(value.$b64, 'base64');
  return value;
}

async function migrationNames(db: Kysely<any>): Promise<string[]> {
  const rows = await db.selectFrom('sila_migrations').select('name').orderBy('name').execute();
  return rows.map((r) => r.name as string);
}

/**
 * Reads a table in batches: by primary key (keyset), or by offset for a table without one (columns
 * that may be null cannot be compared as a row value; inside one snapshot the offset is stable).
 */
async function* readTable(db: Kysely<any>, table: TableInfo): AsyncGenerator<unknown[]> {
  const key = table.primaryKey;
  let last: unknown[] | null = null;
  for (let offset = 0; ; offset += BATCH) {
    let query = db.selectFrom(table.name).select(table.columns.map((c) => sql.ref(c).as(c)));
    if (key.length && last) {
      const lastValues = last;
      query = query.where(sql`(${sql.join(key.map((k) => sql.ref(k)))}) > (${sql.join(lastValues)})` as never);
    }
    for (const k of key.length ? key : table.columns) query = query.orderBy(sql.ref(k));
    query = query.limit(BATCH);
    if (!key.length) query = query.offset(offset);
    const rows = (await query.execute()) as Record<string, unknown>[];
    for (const row of rows) yield table.columns.map((c) => row[c]);
    if (rows.length < BATCH) return;
    const tail = rows[rows.length - 1] as Record<string, unknown>;
    last = key.map((k) => tail[k]);
  }
}

/** Runs `dump` inside one read snapshot that does not hold up the server's own queries. */
async function inReadSnapshot(handle: DatabaseHandle, dump: (db: Kysely<any>) => Promise<void>): Promise<void> {
  if (handle.engine === 'postgres') {
    await handle.db.connection().execute(async (conn) => {
      await sql`begin isolation level repeatable read read only`.execute(conn);
      try {
        await dump(conn);
      } finally {
        await sql`commit`.execute(conn);
      }
    });
    return;
  }
  if (!handle.sqlite || handle.sqlite.memory) {
    // An in-memory database has no second connection: the server waits for the backup.
    await handle.db.transaction().execute(async (trx) => dump(trx));
    return;
  }
  const reader = new SQLite(handle.sqlite.name, { readonly: true, fileMustExist: true });
  reader.pragma('busy_timeout = 5000');
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: reader }) });
  try {
    // The snapshot starts at the transaction's first read and holds until it ends.
    await db.transaction().execute(async (trx) => dump(trx));
  } finally {
    await db.destroy();
  }
}

/**
 * Writes the archive to `file` (mode 0600). A failed backup removes its partial file. The file
 * may be a pipe: the backup then waits for its reader, and the server carries on meanwhile.
 */
export async function writeBackup(handle: DatabaseHandle, file: string): Promise<{ tables: number; rows: number }> {
  const out = await open(file, 'w', 0o600);
  const gzip = createGzip();
  const written = pipeline(gzip, out.createWriteStream());
  written.catch(() => {}); // awaited below; a write error also surfaces through `drain`
  const write = async (value: unknown) => {
    if (!gzip.write(`${JSON.stringify(value)}\n`)) await Promise.race([once(gzip, 'drain'), written]);
  };
  let total = 0;
  let tableCount = 0;
  const dump = async (db: Kysely<any>) => {
    const tables = await describeTables(db);
    await write({
      format: BACKUP_FORMAT,
      version: 1,
      createdAt: new Date().toISOString(),
      engine: handle.engine,
      migrations: await migrationNames(db),
      tables: tables.map((t) => t.name),
    });
    for (const table of tables) {
      await write({ table: table.name, columns: table.columns });
      let count = 0;
      for await (const row of readTable(db, table)) {
        await write(row.map(encodeValue));
        count += 1;
      }
      await write({ end: table.name, rows: count });
      total += count;
      tableCount += 1;
    }
    await write({ complete: true, tables: tableCount, rows: total });
  };
  try {
    await inReadSnapshot(handle, dump);
    gzip.end();
    await written;
  } catch (error) {
    gzip.destroy();
    await written.catch(() => {});
    await unlink(file).catch(() => {});
    throw error;
  }
  return { tables: tableCount, rows: total };
}

export class RestoreError extends Error {
  override name = 'RestoreError';
}

/** The archive's JSON lines; a damaged or cut-off file fails as a RestoreError. */
async function* readArchive(file: string): AsyncGenerator<any> {
  const gunzip = createGunzip();
  const source = createReadStream(file);
  source.on('error', (error) => gunzip.destroy(error));
  source.pipe(gunzip);
  const decoder = new StringDecoder('utf8');
  let pending = '';
  const parse = (line: string) => {
    try {
      return JSON.parse(line);
    } catch {
      throw new RestoreError('The archive is damaged: a line is not valid JSON');
    }
  };
  try {
    for await (const chunk of gunzip) {
      pending += decoder.write(chunk as Buffer);
      let start = 0;
      for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n', start)) {
        const line = pending.slice(start, end);
        start = end + 1;
        if (line) yield parse(line);
      }
      pending = pending.slice(start);
    }
  } catch (error) {
    if (error instanceof RestoreError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') throw new RestoreError(`Cannot read ${file}: ${code}`);
    throw new RestoreError('The archive is damaged or cut off: it is not a complete gzip file');
  } finally {
    source.destroy();
    gunzip.destroy();
  }
  pending += decoder.end();
  if (pending.trim()) yield parse(pending);
}

/** The keys a restore checks the archive's data against (key sentinels, decision 007). */
export interface RestoreKeyCheck {
  keys: Keys;
  registry: readonly PersonalTable[];
  now: Date;
}

/**
 * What a restore carries over from the database it replaces (issue 25 §5, F2: the erasure ledger):
 * `before` reads it ahead of the wipe, `after` re-applies it to the restored data — same transaction.
 */
export interface RestoreCarryOver<T = unknown> {
  before(trx: Kysely<Database>): Promise<T>;
  after(trx: Kysely<Database>, kept: T): Promise<void>;
}

/**
 * Loads an archive into a migrated database in one transaction: every table is emptied and
 * refilled, or nothing changes. Refuses an archive from a different migration history and, unless
 * `force`, a target that already has staff accounts. With `keyCheck`, refuses (before committing)
 * an archive whose data the keys do not open, naming the key.
 */
export async function restoreBackup(
  handle: DatabaseHandle,
  file: string,
  { force = false, keyCheck, carryOver }: { force?: boolean; keyCheck?: RestoreKeyCheck; carryOver?: RestoreCarryOver<any> } = {},
): Promise<{ tables: number; rows: number }> {
  const iterator = readArchive(file);
  const next = async (): Promise<any> => {
    const { value, done } = await iterator.next();
    if (done) throw new RestoreError('The archive ends early: it is incomplete');
    return value;
  };
  try {
    return await restoreFrom(handle, next, force, keyCheck, carryOver);
  } finally {
    await iterator.return(undefined);
  }
}

async function restoreFrom(
  handle: DatabaseHandle,
  next: () => Promise<any>,
  force: boolean,
  keyCheck: RestoreKeyCheck | undefined,
  carryOver: RestoreCarryOver<any> | undefined,
): Promise<{ tables: number; rows: number }> {
  const db = handle.db as unknown as Kysely<any>;
  const header = await next().catch((error) => {
    throw error instanceof RestoreError && /gzip|JSON|ends early/.test(error.message)
      ? new RestoreError('This file is not a Sila backup')
      : error;
  });
  if (header?.format !== BACKUP_FORMAT || header.version !== 1) throw new RestoreError('This file is not a Sila backup');
  const here = await migrationNames(db);
  if (!Array.isArray(header.migrations) || JSON.stringify(here) !== JSON.stringify(header.migrations)) {
    throw new RestoreError(
      `The backup was taken at schema ${header.migrations?.at?.(-1)}, this database is at ${here.at(-1)}: use the same version of Sila`,
    );
  }
  const tables = await describeTables(db);
  const byName = new Map(tables.map((t) => [t.name, t]));
  for (const name of header.tables as string[]) if (!byName.has(name)) throw new RestoreError(`Unknown table in backup: ${name}`);

  return db.transaction().execute(async (trx) => {
    // Rows of a table that points to itself may come in any order: check keys at commit.
    if (engineOf(trx) === 'sqlite') await sql`pragma defer_foreign_keys = on`.execute(trx);
    if (!force) {
      const staff = await trx.selectFrom('staff_users').select(sql`count(*)`.as('n')).executeTakeFirst();
      if (Number(staff?.n ?? 0) > 0)
        throw new RestoreError(
          'This database already has staff accounts; restore into an empty database or pass --force to replace everything',
        );
    }
    const kept = carryOver ? await carryOver.before(trx as unknown as Kysely<Database>) : undefined;
    for (const table of [...tables].reverse()) await trx.deleteFrom(table.name).execute();
    let rows = 0;
    let tableCount = 0;
    for (;;) {
      const section = await next();
      if (section.complete) {
        if (section.rows !== rows) throw new RestoreError('Row count mismatch: the archive is damaged');
        break;
      }
      const table = byName.get(section.table);
      if (!table) throw new RestoreError(`Unexpected section in backup: ${JSON.stringify(section).slice(0, 80)}`);
      const columns: string[] = section.columns;
      const unknown = columns.filter((c) => !table.columns.includes(c));
      if (unknown.length) throw new RestoreError(`Unknown columns of ${table.name} in backup: ${unknown.join(', ')}`);
      let batch: Record<string, unknown>[] = [];
      const maxRows = Math.max(1, Math.floor(30_000 / columns.length / 2));
      const flush = async () => {
        if (batch.length) await trx.insertInto(table.name).values(batch).execute();
        batch = [];
      };
      let count = 0;
      for (;;) {
        const line = await next();
        if (!Array.isArray(line)) {
          if (line.end !== table.name || line.rows !== count) throw new RestoreError(`Table ${table.name} is incomplete in the archive`);
          break;
        }
        batch.push(Object.fromEntries(columns.map((c, i) => [c, decodeValue(line[i])])));
        count += 1;
        if (batch.length >= maxRows) await flush();
      }
      await flush();
      rows += count;
      tableCount += 1;
      if (table.serialColumn && engineOf(trx) === 'postgres') {
        await sql`select setval(pg_get_serial_sequence(${table.name}, ${table.serialColumn}), coalesce((select max(${sql.ref(table.serialColumn)}) from ${sql.table(table.name)}), 0) + 1, false)`.execute(
          trx,
        );
      }
    }
    // Sessions that were live when the backup was taken must not open the restored copy.
    await trx.deleteFrom('sessions').execute();
    if (carryOver) await carryOver.after(trx as unknown as Kysely<Database>, kept);
    if (keyCheck) {
      try {
        await ensureKeySentinels(trx as unknown as Kysely<Database>, keyCheck.keys, keyCheck.registry, keyCheck.now);
      } catch (error) {
        if (!(error instanceof KeyMismatchError)) throw error;
        throw new RestoreError(`Wrong keys for this backup: ${error.message}. Nothing was restored.`);
      }
    }
    return { tables: tableCount, rows };
  });
}
