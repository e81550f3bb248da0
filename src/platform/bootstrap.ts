import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import { type Clock, systemClock } from './clock.js';
import type { Config, DatabaseConfig } from './config.js';
import type { AppContext } from './context.js';
import { loadKeys } from './crypto/keys.js';
import { assertReachable, type DatabaseHandle, DatabaseUnavailableError, describeDatabase, openDatabase } from './db/database.js';
import { ensureKeySentinels } from './db/key-sentinels.js';
import { migrateToLatest } from './db/migrate.js';
import { Hooks } from './hooks.js';
import { SessionStore } from './http/sessions.js';
import type { PersonalTable } from './personal-data.js';

export interface Runtime {
  ctx: AppContext;
  handle: DatabaseHandle;
  close(): Promise<void>;
}

/** A command that works on an existing installation found none where the configuration points. */
export class NoDatabaseError extends Error {
  override name = 'NoDatabaseError';
}

const isSqliteFileMissing = (database: DatabaseConfig) =>
  database.engine === 'sqlite' && database.file !== ':memory:' && !existsSync(database.file);

/** Opens the configured database and checks that it answers (one line naming it when it does not). */
async function openReachable(database: DatabaseConfig): Promise<DatabaseHandle> {
  let handle: DatabaseHandle;
  try {
    handle = openDatabase(database);
  } catch (error) {
    // SQLite: a directory that cannot be written, a file that is not a database.
    throw new DatabaseUnavailableError(`Cannot open ${describeDatabase(database)}: ${(error as Error).message}`);
  }
  try {
    await assertReachable(handle, database);
  } catch (error) {
    await handle.close().catch(() => {});
    throw error;
  }
  return handle;
}

async function hasSilaTables(handle: DatabaseHandle): Promise<boolean> {
  try {
    await sql`select count(*) from sila_migrations`.execute(handle.db);
    return true;
  } catch {
    return false;
  }
}

/**
 * The database of an existing installation, for commands that only read it (`backup`,
 * `audit verify`) or must not make one (`keys rotate`): no keys are loaded or generated and
 * nothing is created when there is no database — a NoDatabaseError says where it was sought.
 */
export async function openExistingDatabase(config: Config): Promise<DatabaseHandle> {
  const where = describeDatabase(config.database);
  const hint = 'set SILA_DATA_DIR or DATABASE_URL to the installation’s, or run `sila serve` once to make one';
  if (isSqliteFileMissing(config.database)) throw new NoDatabaseError(`There is no Sila database here: ${where} does not exist (${hint})`);
  const handle = await openReachable(config.database);
  if (!(await hasSilaTables(handle))) {
    await handle.close();
    throw new NoDatabaseError(`There is no Sila database here: ${where} has no Sila tables (${hint})`);
  }
  return handle;
}

/**
 * Opens the database, runs pending migrations and loads the keys: what every command needs.
 * Keys are generated (embedded mode) only along with a new database, never for an existing one.
 * Given the personal-data registry, it also checks that the keys open this database's data
 * (key sentinels, decision 007) and refuses to start when they do not.
 */
export async function startRuntime(
  config: Config,
  {
    clock = systemClock,
    log = (m: string) => console.log(m),
    migrate = true,
    registry,
    mustExist = false,
    mayGenerateKeys = true,
  }: {
    clock?: Clock;
    log?: (message: string) => void;
    migrate?: boolean;
    /** Check the keys against the data (and record sentinels) before anything else reads it. */
    registry?: readonly PersonalTable[];
    /** Refuse, creating nothing, when there is no Sila database there yet. */
    mustExist?: boolean;
    /** Whether a new embedded database may get new keys (not for a restore: it needs the archive's). */
    mayGenerateKeys?: boolean;
  } = {},
): Promise<Runtime> {
  if (mustExist) await (await openExistingDatabase(config)).close();
  const isNew = isSqliteFileMissing(config.database) || (config.database.engine === 'sqlite' && config.database.file === ':memory:');
  const keys = loadKeys(config, log, {
    mayGenerate: isNew && mayGenerateKeys,
    whenMissing: isNew
      ? 'a restore needs the keys of the installation the backup came from: set both variables, or put its key file there'
      : `${describeDatabase(config.database)} exists: put its key file back or set both variables`,
  });
  const handle = await openReachable(config.database);
  try {
    if (migrate) {
      const applied = await migrateToLatest(handle.db);
      if (applied.length) log(`Applied migrations: ${applied.join(', ')}`);
    }
    if (registry) {
      const made = await ensureKeySentinels(handle.db, keys, registry, clock.now());
      if (made.length) log(`Recorded key checks for ${made.join(', ')}.`);
    }
  } catch (error) {
    await handle.close();
    throw error;
  }
  const ctx: AppContext = {
    db: handle.db,
    engine: handle.engine,
    clock,
    keys,
    config,
    sessions: new SessionStore(handle.db, clock),
    hooks: new Hooks(),
  };
  return { ctx, handle, close: () => handle.close() };
}
