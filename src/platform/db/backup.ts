import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import { type Kysely, sql } from 'kysely';
import type { DatabaseHandle } from './database.js';
import { engineOf } from './dialect.js';
import { describeTables, type TableInfo } from './introspect.js';

/**
 * `sila backup` / `sila restore` (issue 2 §1). The archive is gzip-compressed JSON lines, the same
 * whichever engine wrote it, so it is also the way from SQLite to PostgreSQL:
 *   {"format":"sila-backup","version":1,...}      header
 *   {"table":"x","columns":[...]}                   then one JSON array per row
 *   {"end":"x","rows":N}
 *   {"complete":true,"tables":T,"rows":R}
 * Every table is read inside one read transaction (one snapshot) while the server keeps running.
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

async function* readTable(db: Kysely<any>, table: TableInfo): AsyncGenerator<unknown[]> {
  const key = table.primaryKey.length ? table.primaryKey : table.columns;
  let last: unknown[] | null = null;
  for (;;) {
    let query = db.selectFrom(table.name).select(table.columns.map((c) => sql.ref(c).as(c)));
    if (last) {
      const lastValues = last;
      query = query.where(sql`(${sql.join(key.map((k) => sql.ref(k)))}) > (${sql.join(lastValues)})` as never);
    }
    for (const k of key) query = query.orderBy(sql.ref(k));
    const rows = (await query.limit(BATCH).execute()) as Record<string, unknown>[];
    for (const row of rows) yield table.columns.map((c) => row[c]);
    if (rows.length < BATCH) return;
    const tail = rows[rows.length - 1] as Record<string, unknown>;
    last = key.map((k) => tail[k]);
  }
}

export async function writeBackup(handle: DatabaseHandle, file: string): Promise<{ tables: number; rows: number }> {
  const gzip = createGzip();
  const out = createWriteStream(file, { mode: 0o600 });
  gzip.pipe(out);
  const write = async (value: unknown) => {
    if (!gzip.write(`${JSON.stringify(value)}\n`)) await once(gzip, 'drain');
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
  if (handle.engine === 'postgres') {
    await handle.db.connection().execute(async (conn) => {
      await sql`begin isolation level repeatable read read only`.execute(conn);
      try {
        await dump(conn);
      } finally {
        await sql`commit`.execute(conn);
      }
    });
  } else {
    // One read transaction in WAL mode is one snapshot; writers carry on meanwhile.
    await handle.db.transaction().execute(async (trx) => dump(trx));
  }
  gzip.end();
  await once(out, 'finish');
  return { tables: tableCount, rows: total };
}

export class RestoreError extends Error {}

/**
 * Loads an archive into a migrated database in one transaction: every table is emptied and
 * refilled, or nothing changes. Refuses an archive from a different migration history and, unless
 * `force`, a target that already has staff accounts.
 */
export async function restoreBackup(
  handle: DatabaseHandle,
  file: string,
  { force = false } = {},
): Promise<{ tables: number; rows: number }> {
  const db = handle.db as unknown as Kysely<any>;
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Number.POSITIVE_INFINITY });
  const iterator = lines[Symbol.asyncIterator]();
  const next = async (): Promise<any> => {
    const { value, done } = await iterator.next();
    if (done) throw new RestoreError('The archive ends early: it is incomplete');
    return JSON.parse(value);
  };
  const header = await next();
  if (header.format !== BACKUP_FORMAT || header.version !== 1) throw new RestoreError('This file is not a Sila backup');
  const here = await migrationNames(db);
  if (JSON.stringify(here) !== JSON.stringify(header.migrations)) {
    throw new RestoreError(
      `The backup was taken at schema ${header.migrations.at(-1)}, this database is at ${here.at(-1)}: use the same version of Sila`,
    );
  }
  const tables = await describeTables(db);
  const byName = new Map(tables.map((t) => [t.name, t]));
  for (const name of header.tables as string[]) if (!byName.has(name)) throw new RestoreError(`Unknown table in backup: ${name}`);

  const result = await db.transaction().execute(async (trx) => {
    if (!force) {
      const staff = await trx.selectFrom('staff_users').select(sql`count(*)`.as('n')).executeTakeFirst();
      if (Number(staff?.n ?? 0) > 0)
        throw new RestoreError(
          'This database already has staff accounts; restore into an empty database or pass --force to replace everything',
        );
    }
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
    return { tables: tableCount, rows };
  });
  lines.close();
  return result;
}
