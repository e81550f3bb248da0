import { type Clock, systemClock } from './clock.js';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { loadKeys } from './crypto/keys.js';
import { type DatabaseHandle, openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { Hooks } from './hooks.js';
import { SessionStore } from './http/sessions.js';

export interface Runtime {
  ctx: AppContext;
  handle: DatabaseHandle;
  close(): Promise<void>;
}

/** Opens the database, runs pending migrations and loads the keys: what every command needs. */
export async function startRuntime(
  config: Config,
  {
    clock = systemClock,
    log = (m: string) => console.log(m),
    migrate = true,
  }: { clock?: Clock; log?: (message: string) => void; migrate?: boolean } = {},
): Promise<Runtime> {
  const keys = loadKeys(config, log);
  const handle = openDatabase(config.database);
  try {
    if (migrate) {
      const applied = await migrateToLatest(handle.db);
      if (applied.length) log(`Applied migrations: ${applied.join(', ')}`);
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
