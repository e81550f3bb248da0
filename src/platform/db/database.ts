import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config.js';
import type { Engine } from './dialect.js';
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
 * Opens the configured engine. SQLite runs in WAL mode with synchronous=FULL, foreign keys on and a
 * busy timeout (X3); each is read back and asserted so a build of SQLite that ignores a pragma
 * is caught at start-up rather than when data is lost.
 */
export function openDatabase(config: DatabaseConfig): DatabaseHandle {
  if (config.engine === 'postgres') {
    const pool = new pg.Pool({ connectionString: config.url, max: 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', close: () => db.destroy() };
  }
  if (config.file !== ':memory:') mkdirSync(path.dirname(config.file), { recursive: true });
  const sqlite = new SQLite(config.file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  assertSqlitePragmas(sqlite, config.file === ':memory:');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, engine: 'sqlite', sqlite, close: () => db.destroy() };
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
  ];
  for (const [name, value] of expected) {
    const actual = read(name);
    if (actual !== value) throw new Error(`SQLite pragma ${name} is ${String(actual)}, expected ${String(value)}`);
  }
}
