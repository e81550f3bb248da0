import type { Runtime } from '../platform/bootstrap.js';
import { isDebugRequested, loadConfig } from '../platform/config.js';
import type { DB } from '../platform/db/database.js';
import { HELP, USAGE } from './help.js';

// The app and the database drivers are loaded by the verbs that need them: `--help` and a bad
// configuration answer at once, without compiling the whole app.
const appModule = () => import('../app.js');
const bootstrap = () => import('../platform/bootstrap.js');
const keySentinels = () => import('../platform/db/key-sentinels.js');

function printOneTimePassword(username: string, password: string): void {
  const line = '─'.repeat(60);
  console.log(
    `\n${line}\n Sila administrator account\n   username:           ${username}\n   one-time password:  ${password}\n Sign in at /staff; you will be asked to choose a new password.\n${line}\n`,
  );
}

/** Start-up for the commands that read or write personal data: the keys must open it (decision 007). */
async function startChecked(options: { mustExist?: boolean } = {}): Promise<Runtime> {
  const config = loadConfig();
  const [{ startRuntime }, { personalDataRegistry }] = await Promise.all([bootstrap(), appModule()]);
  try {
    return await startRuntime(config, { registry: personalDataRegistry(), ...options });
  } catch (error) {
    if (error instanceof Error && error.name === 'KeyMismatchError')
      throw new OperatorError(`Wrong keys for this database: ${error.message}. Stopped before any data was read or written.`);
    throw error;
  }
}

/** A message for the operator, printed as it is. */
class OperatorError extends Error {
  override name = 'OperatorError';
}

const SHUTDOWN_GRACE_MS = 10_000;

async function serve(): Promise<void> {
  const config = loadConfig();
  const runtime = await startChecked();
  const [{ backgroundJobs, buildApp }, { ensureFirstAdministrator }, { startScheduler }, { webDistDir }] = await Promise.all([
    appModule(),
    import('../modules/staff/index.js'),
    import('../platform/scheduler.js'),
    import('./paths.js'),
  ]);
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let scheduler: ReturnType<typeof startScheduler> | undefined;
  try {
    const first = await ensureFirstAdministrator(runtime.ctx);
    if (first) printOneTimePassword(first.username, first.oneTimePassword);
    // Issue 20 §6: links in messages (tracking, portal) are made absolute at sending; without the address they wait.
    if (!config.publicUrl)
      console.warn(
        'SILA_PUBLIC_URL is not set: messages that carry a link (e.g. a complaint’s tracking link) wait in the outbox until it is set and Sila restarted.',
      );
    const server = await buildApp({ ctx: runtime.ctx, webDir: webDistDir() });
    app = server;
    scheduler = startScheduler({
      db: runtime.ctx.db,
      clock: runtime.ctx.clock,
      jobs: backgroundJobs(runtime.ctx),
      onError: (job, error) => server.log.error({ job, err: error }, 'background job failed'),
    });
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await scheduler?.stop();
    await app?.close();
    await runtime.close();
    throw error;
  }
  const server = app;
  const jobs = scheduler;
  let isStopping = false;
  const shutdown = async (reason: string) => {
    if (isStopping) {
      // A second signal: the operator does not want to wait.
      process.exit(1);
    }
    isStopping = true;
    server.log.info({ reason }, 'shutting down');
    setTimeout(() => {
      console.error(`sila: did not stop within ${SHUTDOWN_GRACE_MS / 1000} s of ${reason}; stopping now`);
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    await jobs.stop();
    await server.close();
    await runtime.close();
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal));
  // Started by bin/sila.mjs or scripts/start.mjs with a channel: when that parent goes, so does the server.
  if (process.send) process.on('disconnect', () => void shutdown('the parent process ended'));
  console.log(`Sila is running on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port} (${runtime.ctx.engine})`);
}

async function keysRotate(): Promise<number> {
  const config = loadConfig();
  const [{ personalDataRegistry }, { loadKeys, prependGeneratedKeys }, { ensureKeySentinels, resetKeySentinels }, { rotateKeys }] =
    await Promise.all([appModule(), import('../platform/crypto/keys.js'), keySentinels(), import('../platform/db/rotate-keys.js')]);
  const registry = personalDataRegistry();
  // The keys are checked against the data before any new key is made.
  const runtime = await startChecked({ mustExist: true });
  let report: Awaited<ReturnType<typeof rotateKeys>>;
  let isGenerated: boolean;
  try {
    isGenerated = prependGeneratedKeys(config);
    if (isGenerated) {
      runtime.ctx.keys = loadKeys(config);
      await ensureKeySentinels(runtime.ctx.db, runtime.ctx.keys, registry, runtime.ctx.clock.now());
    }
    report = await rotateKeys(runtime.ctx, registry);
    await resetKeySentinels(runtime.ctx.db, runtime.ctx.keys, runtime.ctx.clock.now());
  } finally {
    await runtime.close();
  }
  for (const { table, rows } of report) console.log(`  ${table}: ${rows} rows re-encrypted`);
  if (isGenerated) {
    // Old keys stay in the file: backups taken before today still need them.
    console.log(
      'New keys were made and put first in the data directory’s key file; the old ones stay for older backups. Copy the key file somewhere safe again.',
    );
  } else {
    console.log('Everything is under the newest keys. You may now remove the older keys from SILA_ENCRYPTION_KEY and SILA_INDEX_KEY.');
  }
  return 0;
}

async function auditVerify(): Promise<number> {
  const config = loadConfig();
  const [{ openExistingDatabase }, { verifyAuditChain }] = await Promise.all([bootstrap(), import('../modules/audit/index.js')]);
  const handle = await openExistingDatabase(config);
  let result: Awaited<ReturnType<typeof verifyAuditChain>>;
  try {
    result = await verifyAuditChain(handle.db);
  } finally {
    await handle.close();
  }
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

async function backup(file: string): Promise<number> {
  // The archive carries ciphertexts as they are: no keys are needed, and none are ever made here.
  const config = loadConfig();
  const [{ openExistingDatabase }, { writeBackup }] = await Promise.all([bootstrap(), import('../platform/db/backup.js')]);
  const handle = await openExistingDatabase(config);
  try {
    const { tables, rows } = await writeBackup(handle, file);
    console.log(`Backup written to ${file}: ${tables} tables, ${rows} rows. Keys are not in the backup: keep them apart.`);
    await recordBackup(handle.db, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'EACCES' && code !== 'EISDIR' && code !== 'ENOSPC') throw error;
    console.error(`Cannot write ${file}: ${code}`);
    return 1;
  } finally {
    await handle.close();
  }
  return 0;
}

/** Issue 27 §7: the set-up checklist reads the last successful backup (time and size) from the database. */
async function recordBackup(db: DB, file: string): Promise<void> {
  const [{ statSync }, { recordBackupRun }] = await Promise.all([import('node:fs'), import('../modules/setup/index.js')]);
  try {
    await recordBackupRun(db, { at: new Date(), bytes: statSync(file).size });
  } catch {
    // A database not yet migrated to the checklist's table: the backup itself is good.
    console.warn('The backup is good, but its record for the set-up checklist could not be written (run `sila migrate`).');
  }
}

async function restore(file: string, force: boolean): Promise<number> {
  // The target is replaced, so its own data is not checked; the archive's is, against these keys.
  const config = loadConfig();
  const [{ startRuntime }, { personalDataRegistry }, { RestoreError, restoreBackup }, { erasureCarryOver }] = await Promise.all([
    bootstrap(),
    appModule(),
    import('../platform/db/backup.js'),
    import('../modules/erasure/index.js'),
  ]);
  const runtime = await startRuntime(config, { mayGenerateKeys: false });
  try {
    const keyCheck = { keys: runtime.ctx.keys, registry: personalDataRegistry(), now: runtime.ctx.clock.now() };
    // Issue 25 §5 (F2): erasures made since the backup are re-applied to what it brings back.
    const carryOver = erasureCarryOver(runtime.ctx, personalDataRegistry());
    const { tables, rows } = await restoreBackup(runtime.handle, file, { force, keyCheck, carryOver });
    await carryOver.reclaim();
    console.log(`Restored ${rows} rows into ${tables} tables (${runtime.ctx.engine}).`);
    if (carryOver.reapplied()) console.log(`Re-applied ${carryOver.reapplied()} erasures made since the backup.`);
  } catch (error) {
    if (error instanceof RestoreError && error.message.startsWith('Wrong keys'))
      throw new RestoreError(
        `${error.message} Set SILA_ENCRYPTION_KEY and SILA_INDEX_KEY to the keys of the installation the backup came from.`,
      );
    throw error;
  } finally {
    await runtime.close();
  }
  return 0;
}

async function createAdmin(name: string | undefined): Promise<number> {
  const username = name?.trim().toLowerCase();
  if (!username || !/^[a-z0-9][a-z0-9._-]{2,49}$/.test(username)) {
    console.error('Give a username: 3–50 characters, letters, digits, dot, dash or underscore.');
    return 2;
  }
  const runtime = await startChecked();
  const { createOrRecoverAdministrator } = await import('../modules/staff/index.js');
  let created: Awaited<ReturnType<typeof createOrRecoverAdministrator>>;
  try {
    created = await createOrRecoverAdministrator(runtime.ctx, username);
  } finally {
    await runtime.close();
  }
  if (!created.isNew) console.log(`${username} existed: it now has a new one-time password, no authenticator, and the administrator role.`);
  printOneTimePassword(username, created.oneTimePassword);
  return 0;
}

async function run(command: string | undefined, rest: string[]): Promise<number> {
  switch (command) {
    case 'serve':
      await serve();
      return -1; // keep running
    case 'migrate': {
      const runtime = await startChecked();
      await runtime.close();
      console.log('The database is up to date.');
      return 0;
    }
    case 'create-admin':
      return createAdmin(rest[0]);
    case 'keys':
      return rest[0] === 'rotate' ? keysRotate() : usage(2, 'keys');
    case 'audit':
      return rest[0] === 'verify' ? auditVerify() : usage(2, 'audit');
    case 'backup':
      return rest[0] ? backup(rest[0]) : usage(2, 'backup');
    case 'restore': {
      const file = rest.find((a) => !a.startsWith('--'));
      return file ? restore(file, rest.includes('--force')) : usage(2, 'restore');
    }
    default:
      return usage(command === undefined || command === 'help' ? 0 : 2);
  }
}

/** Errors whose message is written for the operator (by name: their modules load lazily). */
const OPERATOR_ERRORS = new Set([
  'ConfigError',
  'RestoreError',
  'NoDatabaseError',
  'DatabaseUnavailableError',
  'KeyMismatchError',
  'OperatorError',
]);

/**
 * The `sila` command. Every verb answers `--help` (and `-h`) on stdout; every failure is one
 * line on stderr (`--debug` or `SILA_DEBUG=1` adds the stack of an unexpected one). Returns the
 * exit code, or -1 while `serve` keeps running.
 */
export async function main(argv: string[]): Promise<number> {
  const isDebug = argv.includes('--debug') || isDebugRequested();
  const args = argv.filter((a) => a !== '--debug');
  const [command, ...rest] = args;
  if (command === '--help' || command === '-h') return usage(0);
  if (command === 'help') return usage(0, rest[0]);
  if (rest.includes('--help') || rest.includes('-h')) return usage(0, command);
  try {
    return await run(command, rest);
  } catch (error) {
    const isKnown = error instanceof Error && OPERATOR_ERRORS.has(error.name);
    const message = oneLine(error instanceof Error ? error.message : String(error));
    console.error(`sila: ${message}${isKnown || isDebug ? '' : ' (SILA_DEBUG=1 shows where)'}`);
    if (isDebug && error instanceof Error && error.stack) console.error(error.stack);
    return 1;
  }
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();

/** The usage of one verb (`command` known) or of the whole command, on stdout when asked for. */
function usage(code: number, command?: string): number {
  const text = (command && HELP[command]) || USAGE;
  (code === 0 ? console.log : console.error)(text);
  return code;
}
