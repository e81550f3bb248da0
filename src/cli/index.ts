import { backgroundJobs, buildApp, personalDataRegistry } from '../app.js';
import { verifyAuditChain } from '../modules/audit/index.js';
import { createOrRecoverAdministrator, ensureFirstAdministrator } from '../modules/staff/index.js';
import { startRuntime } from '../platform/bootstrap.js';
import { ConfigError, loadConfig } from '../platform/config.js';
import { prependGeneratedKeys } from '../platform/crypto/keys.js';
import { RestoreError, restoreBackup, writeBackup } from '../platform/db/backup.js';
import { rotateKeys } from '../platform/db/rotate-keys.js';
import { startScheduler } from '../platform/scheduler.js';
import { webDistDir } from './paths.js';

const USAGE = `Usage: sila <command>

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

Configuration comes from the environment: PORT, HOST, DATABASE_URL, SILA_DATA_DIR,
SILA_PUBLIC_URL, SILA_TRUST_PROXY, LOG_LEVEL, SILA_ENCRYPTION_KEY, SILA_INDEX_KEY, ...`;

function printOneTimePassword(username: string, password: string): void {
  const line = '─'.repeat(60);
  console.log(
    `\n${line}\n Sila administrator account\n   username:           ${username}\n   one-time password:  ${password}\n Sign in at /staff; you will be asked to choose a new password.\n${line}\n`,
  );
}

async function serve(): Promise<void> {
  const config = loadConfig();
  const runtime = await startRuntime(config);
  const first = await ensureFirstAdministrator(runtime.ctx);
  if (first) printOneTimePassword(first.username, first.oneTimePassword);
  const app = await buildApp({ ctx: runtime.ctx, webDir: webDistDir() });
  const scheduler = startScheduler({
    db: runtime.ctx.db,
    clock: runtime.ctx.clock,
    jobs: backgroundJobs(runtime.ctx),
    onError: (job, error) => app.log.error({ job, err: error }, 'background job failed'),
  });
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await scheduler.stop();
    await app.close();
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  console.log(`Sila is running on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port} (${runtime.ctx.engine})`);
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve':
        await serve();
        return -1; // keep running
      case 'migrate': {
        const runtime = await startRuntime(loadConfig());
        await runtime.close();
        console.log('The database is up to date.');
        return 0;
      }
      case 'create-admin': {
        const username = rest[0]?.trim().toLowerCase();
        if (!username || !/^[a-z0-9][a-z0-9._-]{2,49}$/.test(username)) {
          console.error('Give a username: 3–50 characters, letters, digits, dot, dash or underscore.');
          return 2;
        }
        const runtime = await startRuntime(loadConfig());
        const { oneTimePassword, isNew } = await createOrRecoverAdministrator(runtime.ctx, username);
        await runtime.close();
        if (!isNew) console.log(`${username} existed: it now has a new one-time password, no authenticator, and the administrator role.`);
        printOneTimePassword(username, oneTimePassword);
        return 0;
      }
      case 'keys': {
        if (rest[0] !== 'rotate') return usage();
        const config = loadConfig();
        const isGenerated = prependGeneratedKeys(config);
        const runtime = await startRuntime(config);
        const report = await rotateKeys(runtime.ctx, personalDataRegistry());
        await runtime.close();
        for (const { table, rows } of report) console.log(`  ${table}: ${rows} rows re-encrypted`);
        if (isGenerated) {
          // Old keys stay in the file: backups taken before today still need them.
          console.log(
            'New keys were made and put first in the data directory’s key file; the old ones stay for older backups. Copy the key file somewhere safe again.',
          );
        } else {
          console.log(
            'Everything is under the newest keys. You may now remove the older keys from SILA_ENCRYPTION_KEY and SILA_INDEX_KEY.',
          );
        }
        return 0;
      }
      case 'audit': {
        if (rest[0] !== 'verify') return usage();
        const runtime = await startRuntime(loadConfig(), { migrate: false });
        const result = await verifyAuditChain(runtime.ctx.db);
        await runtime.close();
        if (result.isIntact) {
          console.log(`The audit trail is intact: ${result.sealedRows} sealed rows, ${result.pendingRows} waiting to be sealed.`);
          return 0;
        }
        const { position, seq, reason } = result.brokenAt;
        console.error(
          `The audit trail is broken at chain position ${position}${seq === null ? '' : ` (row ${seq})`}: ${reason}. ${result.sealedRows} rows before it are intact.`,
        );
        return 3;
      }
      case 'backup': {
        const file = rest[0];
        if (!file) return usage();
        const runtime = await startRuntime(loadConfig(), { migrate: false });
        try {
          const { tables, rows } = await writeBackup(runtime.handle, file);
          console.log(`Backup written to ${file}: ${tables} tables, ${rows} rows. Keys are not in the backup: keep them apart.`);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code !== 'ENOENT' && code !== 'EACCES' && code !== 'EISDIR' && code !== 'ENOSPC') throw error;
          console.error(`Cannot write ${file}: ${code}`);
          return 1;
        } finally {
          await runtime.close();
        }
        return 0;
      }
      case 'restore': {
        const file = rest.find((a) => !a.startsWith('--'));
        if (!file) return usage();
        const runtime = await startRuntime(loadConfig());
        try {
          const { tables, rows } = await restoreBackup(runtime.handle, file, { force: rest.includes('--force') });
          console.log(`Restored ${rows} rows into ${tables} tables (${runtime.ctx.engine}).`);
        } finally {
          await runtime.close();
        }
        return 0;
      }
      default:
        return usage(command === undefined || command === 'help' || command === '--help' ? 0 : 2);
    }
  } catch (error) {
    if (error instanceof ConfigError || error instanceof RestoreError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

function usage(code = 2): number {
  (code === 0 ? console.log : console.error)(USAGE);
  return code;
}
