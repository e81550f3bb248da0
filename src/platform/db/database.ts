import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery, type DatabaseConnection, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, sql } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config.js';
import type { Engine } from './dialect.js';
import { OffThreadWriter } from './off-thread-writer.js';
import { registerReferenceAllocator } from './references.js';
import type { Database } from './schema.js';

export type DB = Kysely<Database>;

export interface DatabaseHandle {
  db: DB;
  engine: Engine;
  /** The raw SQLite connection (online backup), when embedded. */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

// PostgreSQL answers int8 as strings by default; our counters and sequence numbers fit in a double.
pg.types.setTypeParser(20, (value) => Number(value));

const SQLITE_BUSY_TIMEOUT_MS = 5000;
/**
 * An unroutable PostgreSQL host would otherwise wait for the operating system's TCP timeout (minutes)
 * before the operator's one-line error (issue 21 §5); long enough never to trip a busy pool's queue.
 */
const PG_CONNECT_TIMEOUT_MS = 30_000;

/**
 * Opens the configured engine. SQLite runs in WAL mode with synchronous=FULL, foreign keys on, a
 * busy timeout (X3) and secure_delete (F2); each is read back and asserted so a build of SQLite that ignores a pragma
 * is caught at start-up rather than when data is lost.
 */
export function openDatabase(config: DatabaseConfig): DatabaseHandle {
  if (config.engine === 'postgres') {
    const pool = heedingIdleErrors(new pg.Pool({ connectionString: config.url, max: 10, connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS }));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    // References are numbered outside the callers' transactions (references.ts).
    const numbering = new Kysely<Database>({
      dialect: new PostgresDialect({
        pool: heedingIdleErrors(
          new pg.Pool({
            connectionString: config.url,
            max: 1,
            connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
            options: '-c synchronous_commit=off',
          }),
        ),
      }),
    });
    registerReferenceAllocator(db, numbering);
    return {
      db,
      engine: 'postgres',
      close: async () => {
        await db.destroy();
        await numbering.destroy();
      },
    };
  }
  if (config.file !== ':memory:') createOwnerOnly(config.file);
  const sqlite = new SQLite(config.file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  // F2 (issue 25 §5): deleted and overwritten content is zeroed, so erased personal data does not linger in free pages.
  sqlite.pragma('secure_delete = ON');
  assertSqlitePragmas(sqlite, config.file === ':memory:');
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) });
  if (config.file === ':memory:') return { db, engine: 'sqlite', sqlite, close: () => db.destroy() };
  const writer = new OffThreadWriter(config.file, SQLITE_BUSY_TIMEOUT_MS);
  offThreadWriters.set(db, writer);
  return {
    db,
    engine: 'sqlite',
    sqlite,
    close: async () => {
      await writer.close();
      await db.destroy();
    },
  };
}

/**
 * The SQLite file holds names in plain text: it is created readable by its owner only (0600, in a
 * new directory of 0700), and tightened at start-up when looser. SQLite gives its WAL and shared-memory
 * files the database file's mode; any already there are tightened too.
 */
function createOwnerOnly(file: string): void {
  const dir = path.dirname(file);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const name of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(name) && (statSync(name).mode & 0o077) !== 0) chmodSync(name, 0o600);
  }
}

/** Where a database is, for messages: never the password. */
export function describeDatabase(config: DatabaseConfig): string {
  if (config.engine === 'sqlite') return `the SQLite database ${config.file}`;
  try {
    const url = new URL(config.url);
    const host = url.searchParams.get('host') ?? (url.hostname || 'localhost');
    const port = url.searchParams.get('port') ?? (url.port || '5432');
    const database = decodeURIComponent(url.pathname.slice(1)) || decodeURIComponent(url.username) || 'postgres';
    return `PostgreSQL at ${host}:${port}, database "${database}"`;
  } catch {
    return 'PostgreSQL (DATABASE_URL cannot be read as a URL)';
  }
}

/** The database cannot be reached or opened: one line for the operator, naming where it was sought. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'nothing answers there (is PostgreSQL running, on that host and port?)',
  ENOTFOUND: 'the host name is not known',
  EAI_AGAIN: 'the host name cannot be resolved now',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host cannot be reached',
  ECONNRESET: 'the server closed the connection',
  '3D000': 'that database does not exist',
  '28P01': 'the password was refused',
  '28000': 'the server refused this user',
  '57P03': 'the server is starting up or shutting down',
  '53300': 'the server has too many connections',
};

/**
 * Asks the database one trivial question so that an unreachable server, a misspelt database name
 * or a refused password is one line naming host, port and database, not a stack trace from
 * the first migration.
 */
export async function assertReachable(handle: DatabaseHandle, config: DatabaseConfig): Promise<void> {
  try {
    await sql`select 1`.execute(handle.db);
  } catch (error) {
    const e = error as { code?: string; message?: string; errors?: Array<{ code?: string }> };
    const code = e.code ?? e.errors?.[0]?.code;
    const reason = (code && REASONS[code]) || e.message?.split('\n')[0] || code || 'no answer';
    throw new DatabaseUnavailableError(`Cannot open ${describeDatabase(config)}: ${reason}`);
  }
}

/**
 * A pooled connection that PostgreSQL ends while it is idle (a restart, a failover, an administrator)
 * is reported as an 'error' on its pool; with no listener, Node throws it and Sila stops. The pool
 * has already dropped that client and connects afresh when next asked, so the loss is only noted:
 * its code and message, never its detail (which can quote a row).
 */
function heedingIdleErrors(pool: pg.Pool): pg.Pool {
  pool.on('error', (error: Error & { code?: string }) => {
    process.emitWarning(`an idle PostgreSQL connection was closed (${error.code ?? 'no code'}: ${error.message})`, 'SilaDatabaseWarning');
  });
  return pool;
}

const offThreadWriters = new WeakMap<DB, OffThreadWriter>();

/** The writer thread of an embedded database (rows that need no caller's transaction), if any. */
export function offThreadWriterFor(db: DB): OffThreadWriter | undefined {
  return offThreadWriters.get(db);
}

/**
 * Transactions take the write lock when they begin. With a second connection writing (the writer
 * thread), a deferred transaction that read first could not upgrade to a write after the other
 * connection committed (SQLITE_BUSY_SNAPSHOT, which no busy timeout retries); an immediate one
 * waits its turn instead.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(settings);
  }

  override createDriver(): SqliteDriver {
    return new (class extends SqliteDriver {
      override async beginTransaction(connection: DatabaseConnection): Promise<void> {
        await connection.executeQuery(CompiledQuery.raw('begin immediate'));
      }
    })(this.settings);
  }
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew; on a busy list that was a tenth of the server's time (issue 7).
 * Statements are kept by their SQL text (a query builder gives the same text for the same shape)
 * in a small LRU. Safe because Kysely runs each statement to completion (`all`/`run`) before the
 * next, on the one connection.
 */
function withStatementCache(sqlite: SQLite.Database): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = (sql: string): SQLite.Statement => {
    const cached = cache.get(sql);
    if (cached) {
      cache.delete(sql);
      cache.set(sql, cached);
      return cached;
    }
    const statement = sqlite.prepare(sql);
    cache.set(sql, statement);
    if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    return statement;
  };
  return new Proxy(sqlite, {
    get(target, property, receiver) {
      if (property === 'prepare') return prepare;
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export function assertSqlitePragmas(sqlite: SQLite.Database, isMemory = false): void {
  const read = (name: string) => sqlite.pragma(name, { simple: true });
  const expected: Array<[string, unknown]> = [
    ['journal_mode', isMemory ? 'memory' : 'wal'],
    ['synchronous', 2],
    ['foreign_keys', 1],
    ['busy_timeout', SQLITE_BUSY_TIMEOUT_MS],
    ['secure_delete', 1],
  ];
  for (const [name, value] of expected) {
    const actual = read(name);
    if (actual !== value) throw new Error(`SQLite pragma ${name} is ${String(actual)}, expected ${String(value)}`);
  }
}
