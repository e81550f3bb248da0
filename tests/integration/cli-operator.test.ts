import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startRuntime } from '../../src/platform/bootstrap.js';
import { loadConfig } from '../../src/platform/config.js';
import { generateKey } from '../../src/platform/crypto/keyring.js';
import {
  childEnv,
  ENTRY,
  finished,
  freePort,
  isPortTaken,
  type Result,
  ROOT,
  runAll,
  sila,
  start,
  TSX_LOADER,
  waitForOutput,
} from './cli-support.js';
import { buildFamily, buildStaff } from './factories.js';
import { createTestApp, createTestDatabase, ENGINE, type TestApp } from './harness.js';

/**
 * Issue 21 §4–5: what an operator meets at the command line — every verb's --help, one clear line
 * for every failure (no stack traces), nothing created where there is no database, the wrong keys
 * refused at start and at restore (key sentinels, decision 007), SIGTERM honoured however the
 * server was started, and files only their owner can read. The real `sila` as a child process.
 */
const SLOW = 600_000;
const cleanups: Array<() => Promise<void>> = [];
const workDir = mkdtempSync(path.join(tmpdir(), 'sila-cli-operator-'));
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  rmSync(workDir, { recursive: true, force: true });
});

async function database({ migrated = false } = {}): Promise<Record<string, string>> {
  const made = await createTestDatabase({ migrated });
  cleanups.push(made.drop);
  return made.env;
}

async function testApp(): Promise<TestApp> {
  const t = await createTestApp();
  cleanups.push(() => t.close());
  return t;
}

const emptyDir = (name: string) => mkdtempSync(path.join(workDir, `${name}-`));

/** One line on stderr, nothing on stdout, no stack trace. */
function expectOneLine(result: Result, what: string): void {
  expect(result.stderr.trim().split('\n'), `${what}: ${result.stderr}`).toHaveLength(1);
  expect(result.stderr, what).not.toMatch(/^\s+at /m);
  expect(result.stdout, what).toBe('');
}

/** The same key id with another secret: right shape, wrong key. */
const sameIdOtherSecret = (key: string) => `${key.split(':')[0]}:${randomBytes(32).toString('base64')}`;
const idOf = (key: string) => key.split(':')[0] as string;

async function sentinels(env: Record<string, string>): Promise<Array<{ kind: string; key_id: string }>> {
  const runtime = await startRuntime(loadConfig(env), { log: () => {}, migrate: false });
  try {
    return await runtime.ctx.db.selectFrom('key_sentinels').select(['kind', 'key_id']).orderBy('kind').orderBy('key_id').execute();
  } finally {
    await runtime.close();
  }
}

describe(`the sila command for operators (${ENGINE})`, () => {
  // Help and configuration come before any database: the same on both engines, so run once.
  it.runIf(ENGINE === 'sqlite')(
    'every verb answers --help and -h with its usage on stdout, exit 0, touching nothing',
    async () => {
      const dataDir = path.join(workDir, 'help-data');
      const verbs: Array<[string[], string]> = [
        [['serve'], 'Usage: sila serve'],
        [['migrate'], 'Usage: sila migrate'],
        [['create-admin'], 'Usage: sila create-admin NAME'],
        [['keys'], 'Usage: sila keys rotate'],
        [['keys', 'rotate'], 'Usage: sila keys rotate'],
        [['audit'], 'Usage: sila audit verify'],
        [['audit', 'verify'], 'Usage: sila audit verify'],
        [['backup'], 'Usage: sila backup FILE'],
        [['restore'], 'Usage: sila restore FILE'],
        [['help'], 'Usage: sila <command>'],
        [[], 'Usage: sila <command>'],
      ];
      const runs = verbs.flatMap(([args, usage]) => ['--help', '-h'].map((flag) => ({ args: [...args, flag], usage })));
      runs.push({ args: ['help', 'backup'], usage: 'Usage: sila backup FILE' });
      const results = await runAll(
        runs.map(
          ({ args }) =>
            () =>
              sila(args, { SILA_DATA_DIR: dataDir }),
        ),
      );
      results.forEach((result, i) => {
        const { args, usage } = runs[i] as { args: string[]; usage: string };
        const what = `sila ${args.join(' ')}`;
        expect(result.code, what).toBe(0);
        expect(result.stdout, what).toContain(usage);
        expect(result.stderr, what).toBe('');
      });
      expect(existsSync(dataDir)).toBe(false);
    },
    SLOW,
  );

  it.runIf(ENGINE === 'sqlite')(
    'refuses a malformed key (right shape, 16 bytes) naming the variable, in one line, on every verb',
    async () => {
      const dataDir = path.join(workDir, 'bad-key-data');
      const short = `k1:${randomBytes(16).toString('base64')}`;
      const verbs = [
        ['serve'],
        ['migrate'],
        ['create-admin', 'someone'],
        ['keys', 'rotate'],
        ['audit', 'verify'],
        ['backup', 'x.gz'],
        ['restore', 'x.gz'],
      ];
      const cases = [
        ...verbs.map((args) => ({ args, name: 'SILA_ENCRYPTION_KEY', env: { SILA_ENCRYPTION_KEY: short, SILA_INDEX_KEY: generateKey() } })),
        { args: ['serve'], name: 'SILA_INDEX_KEY', env: { SILA_ENCRYPTION_KEY: generateKey(), SILA_INDEX_KEY: 'k1:short' } },
      ];
      const results = await runAll(
        cases.map(
          ({ args, env }) =>
            () =>
              sila(args, { SILA_DATA_DIR: dataDir, ...env }),
        ),
      );
      results.forEach((result, i) => {
        const { args, name } = cases[i] as (typeof cases)[number];
        const what = `sila ${args.join(' ')}`;
        expect(result.code, what).toBe(1);
        expectOneLine(result, what);
        expect(result.stderr, what).toMatch(new RegExp(`^sila: Invalid configuration: ${name}: `));
        expect(result.stderr, what).toContain('32 bytes');
      });
      expect(existsSync(dataDir)).toBe(false);

      // The same from the data directory's key file.
      const fileDir = emptyDir('bad-key-file');
      writeFileSync(path.join(fileDir, 'keys.env'), `SILA_ENCRYPTION_KEY=${short}\nSILA_INDEX_KEY=${generateKey()}\n`, { mode: 0o600 });
      const fromFile = await sila(['migrate'], { SILA_DATA_DIR: fileDir });
      expect(fromFile.code).toBe(1);
      expectOneLine(fromFile, 'key file');
      expect(fromFile.stderr).toContain(`SILA_ENCRYPTION_KEY in ${path.join(fileDir, 'keys.env')}`);
      expect(readdirSync(fileDir)).toEqual(['keys.env']);
    },
    SLOW,
  );

  it(
    'audit verify, backup and keys rotate where there is no database: one line, nothing created',
    async () => {
      const archive = path.join(workDir, `none-${ENGINE}.gz`);
      const verbs = [
        ['audit', 'verify'],
        ['backup', archive],
        ['keys', 'rotate'],
      ];
      if (ENGINE === 'sqlite') {
        // A data directory that does not exist, one that is empty, and no setting at all (./data of the working directory).
        const missing = path.join(workDir, 'no-such-data');
        const empty = emptyDir('empty-data');
        const cwd = emptyDir('cwd');
        const runs = [
          ...verbs.map((args) => ({ args, env: { SILA_DATA_DIR: missing }, cwd: ROOT })),
          ...verbs.map((args) => ({ args, env: { SILA_DATA_DIR: empty }, cwd: ROOT })),
          ...verbs.map((args) => ({ args, env: {}, cwd })),
        ];
        const results = await runAll(
          runs.map(
            ({ args, env, cwd: dir }) =>
              () =>
                sila(args, env, { cwd: dir }),
          ),
        );
        results.forEach((result, i) => {
          const what = `sila ${runs[i]?.args.join(' ')} in ${JSON.stringify(runs[i]?.env)}`;
          expect(result.code, what).toBe(1);
          expectOneLine(result, what);
          expect(result.stderr, what).toContain('There is no Sila database here');
          expect(result.stderr, what).toContain('does not exist');
        });
        expect(existsSync(missing)).toBe(false);
        expect(readdirSync(empty)).toEqual([]);
        expect(readdirSync(cwd)).toEqual([]);
      } else {
        // A PostgreSQL database with no Sila tables in it stays that way.
        const env = await database();
        const results = await runAll(verbs.map((args) => () => sila(args, env)));
        results.forEach((result, i) => {
          const what = `sila ${verbs[i]?.join(' ')}`;
          expect(result.code, what).toBe(1);
          expectOneLine(result, what);
          expect(result.stderr, what).toContain('has no Sila tables');
        });
        const runtime = await startRuntime(loadConfig(env), { log: () => {}, migrate: false });
        try {
          expect((await runtime.ctx.db.introspection.getTables()).map((t) => t.name)).toEqual([]);
        } finally {
          await runtime.close();
        }
      }
      expect(existsSync(archive)).toBe(false);
    },
    SLOW,
  );

  it.runIf(ENGINE === 'sqlite')(
    'an unreachable PostgreSQL is one line naming host, port and database, never the password',
    async () => {
      const port = await freePort(); // nothing listens there
      const env = {
        DATABASE_URL: `postgres://sila:secret-password@127.0.0.1:${port}/sila_closed`,
        SILA_ENCRYPTION_KEY: generateKey(),
        SILA_INDEX_KEY: generateKey(),
        SILA_DATA_DIR: path.join(workDir, 'pg-data'),
      };
      const verbs = [
        ['serve'],
        ['migrate'],
        ['create-admin', 'someone'],
        ['keys', 'rotate'],
        ['audit', 'verify'],
        ['backup', 'x.gz'],
        ['restore', 'x.gz'],
      ];
      const results = await runAll(verbs.map((args) => () => sila(args, env)));
      results.forEach((result, i) => {
        const what = `sila ${verbs[i]?.join(' ')}`;
        expect(result.code, what).toBe(1);
        expectOneLine(result, what);
        expect(result.stderr, what).toContain(`PostgreSQL at 127.0.0.1:${port}, database "sila_closed"`);
        expect(result.stderr, what).not.toContain('secret-password');
      });
    },
    SLOW,
  );

  it.runIf(ENGINE === 'postgres')(
    'a misspelt PostgreSQL database name is one line naming host, port and database',
    async () => {
      const env = await database();
      const url = new URL(env.DATABASE_URL as string);
      url.pathname = '/sila_no_such_database';
      const results = await runAll(
        [['migrate'], ['serve'], ['restore', 'x.gz']].map((args) => () => sila(args, { ...env, DATABASE_URL: url.toString() })),
      );
      for (const result of results) {
        expect(result.code).toBe(1);
        expectOneLine(result, result.stderr);
        expect(result.stderr).toContain(
          `${url.hostname}:${url.port || '5432'}, database "sila_no_such_database": that database does not exist`,
        );
      }
    },
    SLOW,
  );

  it(
    'a database made before key sentinels gets them at start with the right keys, only after its data opened; wrong keys are refused naming the key',
    async () => {
      // Data sealed before sentinels existed: an administrator's authenticator secret, a family.
      const t = await testApp();
      await buildStaff(t, { roles: ['administrator'] });
      await buildFamily(t);
      const env = t.env;
      const encryption = env.SILA_ENCRYPTION_KEY as string;
      const index = env.SILA_INDEX_KEY as string;
      expect(await sentinels(env)).toEqual([]);

      const [otherKeys, otherSecret, otherIndex] = await Promise.all([
        sila(['migrate'], { ...env, SILA_ENCRYPTION_KEY: generateKey(), SILA_INDEX_KEY: generateKey() }),
        sila(['migrate'], { ...env, SILA_ENCRYPTION_KEY: sameIdOtherSecret(encryption) }),
        sila(['migrate'], { ...env, SILA_INDEX_KEY: sameIdOtherSecret(index) }),
      ]);
      for (const [result, text] of [
        [otherKeys, `SILA_ENCRYPTION_KEY has no key "${idOf(encryption)}"`],
        [otherSecret, `SILA_ENCRYPTION_KEY's key "${idOf(encryption)}" is not the key this data is under`],
        [otherIndex, `SILA_INDEX_KEY's key "${idOf(index)}" is not the key this data is under`],
      ] as const) {
        expect(result.code, text).toBe(1);
        expect(result.stderr.trim().split('\n'), result.stderr).toHaveLength(1);
        expect(result.stderr).toContain('Wrong keys for this database');
        expect(result.stderr).toContain(text);
      }
      expect(await sentinels(env)).toEqual([]); // the wrong keys were not locked in

      const right = await sila(['migrate'], env);
      expect(right.code, right.stderr).toBe(0);
      expect(await sentinels(env)).toEqual([
        { kind: 'encryption', key_id: idOf(encryption) },
        { kind: 'index', key_id: idOf(index) },
      ]);
    },
    SLOW,
  );

  it(
    'serve, create-admin and keys rotate refuse the wrong keys by their sentinels; keys rotate moves the sentinels to the new keys',
    async () => {
      const env = await database();
      expect((await sila(['migrate'], env)).code).toBe(0); // a new database: sentinels for its keys
      const encryption = env.SILA_ENCRYPTION_KEY as string;
      const index = env.SILA_INDEX_KEY as string;
      const port = await freePort();
      const wrong = [
        {
          args: ['serve'],
          env: { ...env, PORT: String(port), SILA_ENCRYPTION_KEY: generateKey() },
          text: `SILA_ENCRYPTION_KEY has no key "${idOf(encryption)}"`,
        },
        {
          args: ['serve'],
          env: { ...env, PORT: String(port), SILA_INDEX_KEY: sameIdOtherSecret(index) },
          text: `SILA_INDEX_KEY's key "${idOf(index)}"`,
        },
        {
          args: ['create-admin', 'someone'],
          env: { ...env, SILA_ENCRYPTION_KEY: sameIdOtherSecret(encryption) },
          text: `SILA_ENCRYPTION_KEY's key "${idOf(encryption)}"`,
        },
        { args: ['keys', 'rotate'], env: { ...env, SILA_INDEX_KEY: generateKey() }, text: `SILA_INDEX_KEY has no key "${idOf(index)}"` },
      ];
      const results = await runAll(wrong.map((run) => () => sila(run.args, run.env)));
      results.forEach((result, i) => {
        const run = wrong[i] as (typeof wrong)[number];
        expect(result.code, run.text).toBe(1);
        expect(result.stderr, run.text).toContain('Wrong keys for this database');
        expect(result.stderr, run.text).toContain(run.text);
        expect(result.stdout, run.text).not.toContain('Sila is running');
      });

      // Rotation: new keys first, the old ones still there; afterwards only the new keys' sentinels.
      const [newEncryption, newIndex] = [generateKey(), generateKey()];
      const rotating = { ...env, SILA_ENCRYPTION_KEY: `${newEncryption},${encryption}`, SILA_INDEX_KEY: `${newIndex},${index}` };
      const rotated = await sila(['keys', 'rotate'], rotating);
      expect(rotated.code, rotated.stderr).toBe(0);
      expect(await sentinels(env)).toEqual([
        { kind: 'encryption', key_id: idOf(newEncryption) },
        { kind: 'index', key_id: idOf(newIndex) },
      ]);
      // The old keys may now go; alone, they are refused.
      const [newOnly, oldOnly] = await Promise.all([
        sila(['migrate'], { ...env, SILA_ENCRYPTION_KEY: newEncryption, SILA_INDEX_KEY: newIndex }),
        sila(['migrate'], env),
      ]);
      expect(newOnly.code, newOnly.stderr).toBe(0);
      expect(oldOnly.code).toBe(1);
      expect(oldOnly.stderr).toContain(`SILA_ENCRYPTION_KEY has no key "${idOf(newEncryption)}"`);
    },
    SLOW,
  );

  it(
    'restore refuses an archive its keys do not open, naming the key, and restores nothing',
    async () => {
      // With sentinels (made by sila), and without (an archive of data sealed before them).
      const withSentinels = await database();
      expect((await sila(['create-admin', 'first.admin'], withSentinels)).code).toBe(0);
      const before = await testApp();
      await buildStaff(before, { roles: ['administrator'] });
      const sources = [
        { env: withSentinels, file: path.join(workDir, `with-sentinels-${ENGINE}.gz`) },
        { env: before.env, file: path.join(workDir, `without-sentinels-${ENGINE}.gz`) },
      ];
      for (const source of sources) expect((await sila(['backup', source.file], source.env)).code).toBe(0);

      for (const source of sources) {
        const key = source.env.SILA_ENCRYPTION_KEY as string;
        const target = await database();
        const refused = await sila(['restore', source.file], { ...target, SILA_INDEX_KEY: source.env.SILA_INDEX_KEY as string });
        expect(refused.code).toBe(1);
        expect(refused.stderr.trim().split('\n')).toHaveLength(1);
        expect(refused.stderr).toContain('Wrong keys for this backup');
        expect(refused.stderr).toContain(`SILA_ENCRYPTION_KEY has no key "${idOf(key)}"`);
        const staff = await startRuntime(loadConfig(target), { log: () => {}, migrate: false });
        try {
          expect(await staff.ctx.db.selectFrom('staff_users').select('id').execute()).toEqual([]);
        } finally {
          await staff.close();
        }
        const accepted = await sila(['restore', source.file], {
          ...target,
          SILA_ENCRYPTION_KEY: key,
          SILA_INDEX_KEY: source.env.SILA_INDEX_KEY as string,
        });
        expect(accepted.code, accepted.stderr).toBe(0);
      }

      // Into a new embedded data directory without keys: no keys are made for it (they could not be the archive's).
      if (ENGINE === 'sqlite') {
        const empty = emptyDir('restore-no-keys');
        const refused = await sila(['restore', sources[0]?.file as string], { SILA_DATA_DIR: empty });
        expect(refused.code).toBe(1);
        expectOneLine(refused, 'restore without keys');
        expect(refused.stderr).toContain('a restore needs the keys of the installation the backup came from');
        expect(readdirSync(empty)).toEqual([]);
      }
    },
    SLOW,
  );

  it.runIf(ENGINE === 'sqlite')(
    'creates the database, its WAL and shared memory and the key file readable by their owner only, and tightens looser ones',
    async () => {
      const dataDir = path.join(emptyDir('modes'), 'data');
      const port = await freePort();
      const server = start(['serve'], { SILA_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' });
      const exited = finished(server, 'serve');
      await waitForOutput(server, 'Sila is running on');
      const modeOf = (name: string) => statSync(path.join(dataDir, name)).mode & 0o777;
      try {
        expect(statSync(dataDir).mode & 0o777).toBe(0o700);
        for (const name of ['sila.db', 'sila.db-wal', 'sila.db-shm', 'keys.env']) expect(modeOf(name), name).toBe(0o600);
      } finally {
        server.kill('SIGTERM');
      }
      expect((await exited).code).toBe(0);

      for (const name of ['sila.db', 'keys.env']) chmodSync(path.join(dataDir, name), 0o644);
      writeFileSync(path.join(dataDir, 'sila.db-wal'), '');
      chmodSync(path.join(dataDir, 'sila.db-wal'), 0o644);
      const again = await sila(['migrate'], { SILA_DATA_DIR: dataDir });
      expect(again.code, again.stderr).toBe(0);
      for (const name of ['sila.db', 'keys.env']) expect(modeOf(name), name).toBe(0o600);
    },
    SLOW,
  );

  it.runIf(ENGINE === 'sqlite')(
    'SIGTERM stops a server started through the launcher (bin/sila.mjs, npm start), also with a shell between, and frees the port',
    async () => {
      const env = await database({ migrated: true });
      const launcher = pathToFileURL(path.join(ROOT, 'bin', 'serve-child.mjs')).href;
      // What bin/sila.mjs and scripts/start.mjs do, with the server from source.
      const script = `import(${JSON.stringify(launcher)}).then((m) => m.serveInChild(${JSON.stringify(['--import', TSX_LOADER, ENTRY, 'serve'])}))`;
      const ways: Array<{ name: string; command: string; args: string[] }> = [
        { name: 'the launcher itself', command: process.execPath, args: ['-e', script] },
        // `; true` keeps the shell from exec-ing node: it dies of SIGTERM and passes nothing on, as one between npx and sila does.
        { name: 'a shell in between', command: 'sh', args: ['-c', `"${process.execPath}" -e '${script}'; true`] },
      ];
      for (const way of ways) {
        const port = await freePort();
        const child = spawn(way.command, way.args, {
          cwd: ROOT,
          env: childEnv({ ...env, PORT: String(port), LOG_LEVEL: 'warn' }),
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        const exited = finished(child, way.name);
        await waitForOutput(child, 'Sila is running on');
        expect(await isPortTaken(port), way.name).toBe(true);
        child.kill('SIGTERM');
        await exited;
        await expect.poll(() => isPortTaken(port), { timeout: 15_000, interval: 200 }).toBe(false);
      }
    },
    SLOW,
  );
});
