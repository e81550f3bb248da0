import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../../src/app.js';
import type { StaffRole } from '../../src/domain/roles.js';
import type { StaffScope } from '../../src/domain/scope.js';
import { startRuntime } from '../../src/platform/bootstrap.js';
import { ManualClock } from '../../src/platform/clock.js';
import { loadConfig } from '../../src/platform/config.js';
import type { AppContext } from '../../src/platform/context.js';
import { generateKey } from '../../src/platform/crypto/keyring.js';
import { hashPassword } from '../../src/platform/crypto/passwords.js';
import { totpCodeAt } from '../../src/platform/crypto/totp.js';
import type { Engine } from '../../src/platform/db/dialect.js';
import { CSRF_HEADER, SESSION_COOKIE } from '../../src/platform/http/auth-plugin.js';
import type { App } from '../../src/platform/http/types.js';
import { uuidv7 } from '../../src/platform/ids.js';

/**
 * Integration tests run against a real database of the engine the Vitest project names
 * (SILA_TEST_ENGINE): a temporary SQLite file, or a fresh PostgreSQL database created on the
 * server at SILA_TEST_PG_URL and dropped afterwards; a test app's starts as a copy of the run's
 * migrated template. No database is mocked.
 */
export const ENGINE: Engine = process.env.SILA_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

export interface TestApp {
  app: App;
  ctx: AppContext;
  clock: ManualClock;
  engine: Engine;
  dataDir: string;
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Creates a database of the tested engine and returns its environment: empty, or with `migrated`
 * a copy of the template the global setup migrated once for the run (global-setup.ts). Keys are
 * made for each database; the migrations write nothing that depends on them.
 */
export async function createTestDatabase({ migrated = false }: { migrated?: boolean } = {}): Promise<{
  env: Record<string, string>;
  dataDir: string;
  drop(): Promise<void>;
}> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sila-test-'));
  const keys = { SILA_ENCRYPTION_KEY: generateKey(), SILA_INDEX_KEY: generateKey() };
  // Without a template (the harness used outside the integration projects), start-up migrates.
  const template = migrated ? inject('silaTemplate') : undefined;
  if (ENGINE === 'sqlite') {
    const file = path.join(dataDir, 'sila.db');
    if (template) copyFileSync(template, file);
    return {
      env: { SILA_DATA_DIR: dataDir, DATABASE_URL: `sqlite:${file}`, LOG_LEVEL: 'silent', ...keys },
      dataDir,
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const adminUrl = process.env.SILA_TEST_PG_URL;
  if (!adminUrl) throw new Error('SILA_TEST_PG_URL is not set: run `npm run test:all`, which starts a throwaway PostgreSQL');
  const name = `sila_t_${uuidv7().replaceAll('-', '').slice(-16)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  // A small template copies faster file by file than block by block through the WAL (PostgreSQL 15+).
  await admin.query(template ? `create database ${name} template ${template} strategy file_copy` : `create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    env: { SILA_DATA_DIR: dataDir, DATABASE_URL: url.toString(), LOG_LEVEL: 'silent', ...keys },
    dataDir,
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A migrated database and the app on it; `webDir` serves a built staff app (the public pages' tests give a fake one). */
export async function createTestApp({
  clock = new ManualClock(),
  webDir,
}: {
  clock?: ManualClock;
  webDir?: string;
} = {}): Promise<TestApp> {
  const database = await createTestDatabase({ migrated: true });
  const config = loadConfig(database.env);
  const runtime = await startRuntime(config, { clock, log: () => {} });
  const app = await buildApp({ ctx: runtime.ctx, logger: false, ...(webDir ? { webDir } : {}) });
  return {
    app,
    ctx: runtime.ctx,
    clock,
    engine: runtime.ctx.engine,
    dataDir: database.dataDir,
    env: database.env,
    close: async () => {
      await app.close();
      await runtime.close();
      await database.drop();
    },
  };
}

export const TEST_PASSWORD = 'correct horse battery staple';

export interface StaffFixture {
  id: string;
  username: string;
  totpSecret: string | null;
}

/** Inserts a staff member directly (factory), with a known password and optionally an authenticator. */
export async function buildStaff(
  t: TestApp,
  {
    roles,
    scope = { categories: [], domains: [], offices: [] },
    username = `user${Math.random().toString(36).slice(2, 10)}`,
    password = TEST_PASSWORD,
    withTotp = roles.includes('administrator'),
    mustChangePassword = false,
  }: { roles: StaffRole[]; scope?: StaffScope; username?: string; password?: string; withTotp?: boolean; mustChangePassword?: boolean },
): Promise<StaffFixture> {
  const now = t.clock.now().toISOString();
  const id = uuidv7();
  const totpSecret = withTotp ? 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' : null;
  await t.ctx.db
    .insertInto('staff_users')
    .values({
      id,
      username,
      display_name: `Test ${username}`,
      email: null,
      password_hash: await hashPassword(password),
      must_change_password: mustChangePassword ? 1 : 0,
      password_changed_at: now,
      totp_secret: totpSecret ? t.ctx.keys.encryptor.encrypt(totpSecret, `totp:${id}`) : null,
      totp_enabled: totpSecret ? 1 : 0,
      totp_last_step: null,
      language: 'ar',
      is_active: 1,
      created_at: now,
      updated_at: now,
      deactivated_at: null,
    })
    .execute();
  if (roles.length)
    await t.ctx.db
      .insertInto('staff_roles')
      .values(roles.map((role) => ({ user_id: id, role })))
      .execute();
  const scopeRows = [
    ...scope.categories.map((code) => ({ user_id: id, kind: 'category', code })),
    ...scope.domains.map((code) => ({ user_id: id, kind: 'domain', code })),
    ...scope.offices.map((code) => ({ user_id: id, kind: 'office', code })),
  ];
  if (scopeRows.length) await t.ctx.db.insertInto('staff_scopes').values(scopeRows).execute();
  return { id, username, totpSecret };
}

export interface Agent {
  cookie: string;
  csrf: string;
  request(method: string, url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

export function cookieFrom(response: LightMyRequestResponse): string | undefined {
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
  return cookie?.value;
}

export function agentFor(t: TestApp, cookie: string, csrf: string): Agent {
  return {
    cookie,
    csrf,
    request: (method, url, body) =>
      t.app.inject({
        method: method as 'GET',
        url,
        cookies: { [SESSION_COOKIE]: cookie },
        headers: { [CSRF_HEADER]: csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      }),
  };
}

/** Signs in through the API, answering the second factor when the account has one. */
export async function signIn(t: TestApp, staff: StaffFixture, password = TEST_PASSWORD): Promise<Agent> {
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username: staff.username, password } });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  let agent = agentFor(t, cookieFrom(response) as string, response.json().csrfToken);
  if (response.json().stage === 'mfa' && staff.totpSecret) {
    const code = await totpCodeAt(staff.totpSecret, t.clock.now());
    const verified = await agent.request('POST', '/api/v1/auth/totp/verify', { code });
    if (verified.statusCode !== 200) throw new Error(`second factor failed: ${verified.body}`);
    agent = agentFor(t, cookieFrom(verified) as string, verified.json().csrfToken);
    t.clock.advance(30_000); // the next code must come from a later step
  }
  return agent;
}

/** A signed-in session created directly (for matrices that call many routes). */
export async function sessionFor(t: TestApp, staff: StaffFixture): Promise<Agent> {
  const { token, row } = await t.ctx.sessions.create('staff', staff.id, 'active');
  return agentFor(t, token, row.csrf_token);
}
