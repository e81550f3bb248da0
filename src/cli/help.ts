/** What `sila --help` and `sila VERB --help` print. */
export const USAGE = `Usage: sila <command> [--help]

Commands:
  serve                 start the server (migrates the database first)
  migrate               apply pending database migrations
  create-admin NAME     create an administrator, or give NAME a new one-time password
  keys rotate           re-encrypt and re-index everything under the newest keys (embedded mode
                        makes the new keys itself; with PostgreSQL put new keys first in the
                        environment, run this, then drop the old ones)
  audit verify          check the audit trail's hash chain; names the first broken link
  backup FILE           write a consistent, portable archive of every table
  restore FILE [--force]  load an archive into this database (SQLite or PostgreSQL)
  help COMMAND          the usage of one command (also: sila COMMAND --help)

Configuration comes from the environment: PORT, HOST, DATABASE_URL, SILA_DATA_DIR,
SILA_PUBLIC_URL, SILA_TRUST_PROXY, LOG_LEVEL, SILA_ENCRYPTION_KEY, SILA_INDEX_KEY, ...
SILA_DEBUG=1 (or --debug) prints the stack of an unexpected error.`;

const CONFIGURATION = `Uses DATABASE_URL (or SQLite in SILA_DATA_DIR, ./data by default) and the keys
SILA_ENCRYPTION_KEY and SILA_INDEX_KEY (embedded mode: the data directory's keys.env).`;

export const HELP: Record<string, string> = {
  serve: `Usage: sila serve

Migrates the database, checks that the keys open its data (refusing to start with the wrong
keys), creates the first administrator on an empty database and serves on HOST:PORT
(127.0.0.1:3000 by default). SIGTERM or Ctrl-C stops it gracefully.
${CONFIGURATION}`,
  migrate: `Usage: sila migrate

Applies pending database migrations (creating the database in embedded mode) and checks that
the keys open its data.
${CONFIGURATION}`,
  'create-admin': `Usage: sila create-admin NAME

Creates the administrator NAME (3–50 letters, digits, dot, dash or underscore) and prints a
one-time password. For an existing NAME: a new one-time password, no authenticator, the
administrator role, reactivated — the way back in when locked out.
${CONFIGURATION}`,
  keys: `Usage: sila keys rotate

Re-encrypts and re-indexes all personal data under the newest keys. Embedded mode makes the new
keys itself and keeps the old ones in keys.env for older backups; with keys in the environment,
put the new keys first in SILA_ENCRYPTION_KEY and SILA_INDEX_KEY, run this, then remove the old
ones. Refuses, creating nothing, where there is no database.
${CONFIGURATION}`,
  audit: `Usage: sila audit verify

Checks the audit trail's hash chain; names the first altered or deleted row (exit code 3).
Needs no keys; refuses, creating nothing, where there is no database.
${CONFIGURATION}`,
  backup: `Usage: sila backup FILE

Writes a consistent, portable archive of every table to FILE (mode 0600) from one read snapshot,
while the server keeps running. Keys are not in the archive: keep them apart. Needs no keys and
never makes any; refuses, creating nothing, where there is no database.
${CONFIGURATION}`,
  restore: `Usage: sila restore FILE [--force]

Loads the archive FILE into this database (SQLite or PostgreSQL), all or nothing. Refuses a
database that already has staff accounts unless --force, and refuses keys that do not open the
archive's data (use the keys of the installation the backup came from). Stop the server first.
${CONFIGURATION}`,
};
HELP.help = USAGE;
