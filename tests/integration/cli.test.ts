import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Runtime, startRuntime } from '../../src/platform/bootstrap.js';
import { loadConfig } from '../../src/platform/config.js';
import { verifyPassword } from '../../src/platform/crypto/passwords.js';
import { freePort, sila, start } from './cli-support.js';
import { createTestDatabase, ENGINE } from './harness.js';

/**
 * The real `sila` command (issue 2 §1) as a child process, from source (`tsx src/cli/dev-entry.ts`,
 * what `npm run sila` runs), against a real database of the tested engine.
 */
const ONE_TIME_PASSWORD = /one-time password: +([2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4})/;
const SLOW = 400_000; // several commands, each compiling the app from source: generous for small, busy machines

const cleanups: Array<() => Promise<void>> = [];
const workDir = mkdtempSync(path.join(tmpdir(), 'sila-cli-test-'));
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  rmSync(workDir, { recursive: true, force: true });
});

async function database(): Promise<Record<string, string>> {
  const made = await createTestDatabase();
  cleanups.push(made.drop);
  return made.env;
}

async function openRuntime(env: Record<string, string>): Promise<Runtime> {
  const runtime = await startRuntime(loadConfig(env), { log: () => {}, migrate: false });
  cleanups.push(() => runtime.close());
  return runtime;
}

async function passwordHashOf(env: Record<string, string>, username: string): Promise<string> {
  const runtime = await startRuntime(loadConfig(env), { log: () => {}, migrate: false });
  try {
    const row = await runtime.ctx.db.selectFrom('staff_users').select('password_hash').where('username', '=', username).executeTakeFirst();
    return row?.password_hash ?? '';
  } finally {
    await runtime.close();
  }
}

describe(`the sila command (${ENGINE})`, () => {
  it(
    'migrate brings an empty database up to date, and says so again without changes',
    async () => {
      const env = await database();
      const first = await sila(['migrate'], env);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/Applied migrations: 0001-foundation/);
      expect(first.stdout).toContain('The database is up to date.');
      const again = await sila(['migrate'], env);
      expect(again.code).toBe(0);
      expect(again.stdout).not.toContain('Applied migrations');
      const runtime = await openRuntime(env);
      const categories = await runtime.ctx.db.selectFrom('categories').select('code').execute();
      expect(categories.length).toBeGreaterThan(0);
    },
    SLOW,
  );

  it(
    'create-admin prints a one-time password; run again for the same name, it recovers the account',
    async () => {
      const env = await database();
      const created = await sila(['create-admin', 'Someone'], env);
      expect(created.code).toBe(0);
      expect(created.stdout).toContain('username:           someone');
      const first = created.stdout.match(ONE_TIME_PASSWORD)?.[1];
      expect(first).toBeDefined();
      expect(await verifyPassword(await passwordHashOf(env, 'someone'), first as string)).toBe(true);

      const recovered = await sila(['create-admin', 'someone'], env);
      expect(recovered.code).toBe(0);
      expect(recovered.stdout).toContain('someone existed: it now has a new one-time password');
      const second = recovered.stdout.match(ONE_TIME_PASSWORD)?.[1];
      expect(second).toBeDefined();
      expect(second).not.toBe(first);
      const hash = await passwordHashOf(env, 'someone');
      expect(await verifyPassword(hash, second as string)).toBe(true);
      expect(await verifyPassword(hash, first as string)).toBe(false);

      const runtime = await openRuntime(env);
      const user = await runtime.ctx.db.selectFrom('staff_users').selectAll().where('username', '=', 'someone').executeTakeFirstOrThrow();
      expect(user).toMatchObject({ must_change_password: 1, is_active: 1, totp_enabled: 0 });
      const roles = await runtime.ctx.db.selectFrom('staff_roles').select('role').where('user_id', '=', user.id).execute();
      expect(roles.map((r) => r.role)).toEqual(['administrator']);
      const audit = await runtime.ctx.db.selectFrom('audit_events').select('action').where('entity_id', '=', user.id).execute();
      expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['staff.create', 'staff.recover-admin']));

      const bad = await sila(['create-admin', 'x'], env);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('Give a username');
    },
    SLOW,
  );

  it(
    'backup FILE then restore FILE moves the data into another empty database',
    async () => {
      const from = await database();
      expect((await sila(['create-admin', 'moved.admin'], from)).code).toBe(0);
      const file = path.join(workDir, `cli-${ENGINE}.sila-backup.gz`);
      const backup = await sila(['backup', file], from);
      expect(backup.stderr).toBe('');
      expect(backup.code).toBe(0);
      expect(backup.stdout).toMatch(/Backup written to .+: \d+ tables, \d+ rows\. Keys are not in the backup/);
      expect(existsSync(file)).toBe(true);

      // The keys go with the data (README: moving to PostgreSQL): the same keys, another database.
      const to = {
        ...(await database()),
        SILA_ENCRYPTION_KEY: from.SILA_ENCRYPTION_KEY as string,
        SILA_INDEX_KEY: from.SILA_INDEX_KEY as string,
      };
      const restore = await sila(['restore', file], to);
      expect(restore.stderr).toBe('');
      expect(restore.code).toBe(0);
      expect(restore.stdout).toMatch(new RegExp(`Restored \\d+ rows into \\d+ tables \\(${ENGINE}\\)`));
      const runtime = await openRuntime(to);
      const users = await runtime.ctx.db.selectFrom('staff_users').select('username').execute();
      expect(users.map((u) => u.username)).toEqual(['moved.admin']);

      const [refused, missing, unwritable] = await Promise.all([
        sila(['restore', file], to),
        sila(['restore', path.join(workDir, 'no-such-file.gz')], to),
        sila(['backup', path.join(workDir, 'no-such-dir', 'x.gz')], from),
      ]);
      expect(unwritable.code).toBe(1);
      expect(unwritable.stderr).toContain('Cannot write');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('already has staff accounts');
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('Cannot read');
      expect((await sila(['restore', file, '--force'], to)).code).toBe(0);
    },
    SLOW,
  );

  // Configuration is read before any database is opened: the same on both engines, so run once.
  it.runIf(ENGINE === 'sqlite')(
    'refuses a bad configuration with a message naming the variable, and an unknown command with the usage',
    async () => {
      const dataDir = mkdtempSync(path.join(workDir, 'config-'));
      const cases: Array<[string, Record<string, string>]> = [
        ['PORT', { PORT: 'abc' }],
        ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }],
        ['SILA_ENCRYPTION_KEY', { DATABASE_URL: 'postgres://sila@127.0.0.1:1/sila' }],
      ];
      const results = await Promise.all(cases.map(([, bad]) => sila(['migrate'], { SILA_DATA_DIR: dataDir, ...bad })));
      results.forEach((result, i) => {
        const name = cases[i]?.[0] as string;
        expect(result.code, name).toBe(1);
        expect(result.stderr, name).toContain('Invalid configuration');
        expect(result.stderr, name).toContain(name);
        expect(result.stdout, name).not.toContain('up to date');
      });
      expect(existsSync(path.join(dataDir, 'sila.db'))).toBe(false);

      const [unknown, noFile] = await Promise.all([sila(['frobnicate'], {}), sila(['backup'], { SILA_DATA_DIR: dataDir })]);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('Usage: sila <command>');
      expect(noFile.code).toBe(2);
    },
    SLOW,
  );

  it(
    'serve answers /healthz and /readyz and prints the first administrator’s one-time password',
    async () => {
      const port = await freePort();
      const env = { ...(await database()), PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
      const child = start(['serve'], env);
      let stdout = '';
      let stderr = '';
      child.stderr?.on('data', (chunk) => {
        stderr += chunk;
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      try {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`serve did not start:\n${stdout}\n${stderr}`)), 60_000);
          child.stdout?.on('data', (chunk) => {
            stdout += chunk;
            if (stdout.includes('Sila is running on')) {
              clearTimeout(timer);
              resolve();
            }
          });
          child.on('exit', (code) => reject(new Error(`serve exited with ${code}:\n${stdout}\n${stderr}`)));
        });
        expect(stdout).toContain('username:           admin');
        const password = stdout.match(ONE_TIME_PASSWORD)?.[1];
        expect(password).toBeDefined();
        expect(stdout).toContain(`http://127.0.0.1:${port} (${ENGINE})`);

        const health = await fetch(`http://127.0.0.1:${port}/healthz`);
        expect(health.status).toBe(200);
        expect(await health.json()).toEqual({ status: 'ok' });
        const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
        expect(ready.status).toBe(200);
        expect(await ready.json()).toEqual({ status: 'ready', engine: ENGINE });

        // The printed password is the administrator's, and it is usable at the sign-in.
        const signIn = await fetch(`http://127.0.0.1:${port}/api/v1/auth/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'admin', password }),
        });
        expect(signIn.status).toBe(200);
        expect((await signIn.json()).stage).toBe('password-change');
      } finally {
        child.kill('SIGTERM');
      }
      expect(await exited).toBe(0);

      // A second start on the same database creates no new administrator.
      const port2 = await freePort();
      const again = start(['serve'], { ...env, PORT: String(port2) });
      let out2 = '';
      const exited2 = new Promise<number | null>((resolve) => again.on('exit', (code) => resolve(code)));
      try {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`serve did not start again:\n${out2}`)), 60_000);
          again.stdout?.on('data', (chunk) => {
            out2 += chunk;
            if (out2.includes('Sila is running on')) {
              clearTimeout(timer);
              resolve();
            }
          });
        });
        expect(out2).not.toMatch(ONE_TIME_PASSWORD);
      } finally {
        again.kill('SIGTERM');
      }
      expect(await exited2).toBe(0);
    },
    SLOW,
  );
});
