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
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, engine: 'sqlite', sqlite, close: () => db.destroy() };
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
