import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Keys } from './crypto/keys.js';
import type { DB } from './db/database.js';
import type { Engine } from './db/dialect.js';
import type { Hooks } from './hooks.js';
import type { SessionStore } from './http/sessions.js';

/** What every service is given: the database, the clock, the keys. Built once in app.ts. */
export interface AppContext {
  db: DB;
  engine: Engine;
  clock: Clock;
  keys: Keys;
  config: Config;
  sessions: SessionStore;
  /** Events and providers one area offers another, wired once in app.ts (platform/hooks.ts). */
  hooks: Hooks;
}
