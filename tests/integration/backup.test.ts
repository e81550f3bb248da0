import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { recordAudit } from '../../src/modules/audit/audit.service.js';
import { insertTaxonomyItem } from '../../src/modules/settings/settings.repo.js';
import { type Runtime, startRuntime } from '../../src/platform/bootstrap.js';
import { ManualClock } from '../../src/platform/clock.js';
import { loadConfig } from '../../src/platform/config.js';
import { RestoreError, restoreBackup, writeBackup } from '../../src/platform/db/backup.js';
import type { Engine } from '../../src/platform/db/dialect.js';
import { describeTables } from '../../src/platform/db/introspect.js';
import { uuidv7 } from '../../src/platform/ids.js';
import { type Agent, buildStaff, createTestDatabase, ENGINE, signIn, TEST_PASSWORD, type TestApp } from './harness.js';

/**
 * `sila backup` / `sila restore` (issue 2 §1, ARCHITECTURE.md "Backup") on real databases: a
 * backup taken while the app serves restores row for row into an empty database of the same
 * engine and of the other one (the way from embedded SQLite to PostgreSQL), from one read snapshot.
 */

// Text people type and the storage must carry unchanged: Arabic, both quotes, newlines, emoji.
const AWKWARD = 'سطر أول\nسطر "ثانٍ" و\'ثالث\'\r\n\ttab \\ backslash 🌙👨‍👩‍👧 ﷺ';
const PG_URL = process.env.SILA_TEST_PG_URL;
const OTHER: Engine = ENGINE === 'sqlite' ? 'postgres' : 'sqlite';

interface Database {
  engine: Engine;
  env: Record<string, string>;
  dataDir: string;
  drop(): Promise<void>;
}

interface Served extends TestApp {
  runtime: Runtime;
}

const cleanups: Array<() => Promise<void>> = [];
const workDir = mkdtempSync(path.join(tmpdir(), 'sila-backup-test-'));
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  rmSync(workDir, { recursive: true, force: true });
});

/** An empty database of either engine (the harness makes the tested one; this adds the other). */
async function createDatabase(engine: Engine, keys: Record<string, string> = {}): Promise<Database> {
  let database: Database;
  if (engine === ENGINE) {
    const made = await createTestDatabase();
    database = { engine, ...made, env: { ...made.env, ...keys } };
  } else {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sila-test-'));
    const base = { SILA_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...keys };
    if (engine === 'sqlite') {
      database = {
        engine,
        dataDir,
        env: { ...base, DATABASE_URL: `sqlite:${path.join(dataDir, 'sila.db')}` },
        drop: async () => rmSync(dataDir, { recursive: true, force: true }),
      };
    } else {
      if (!PG_URL) throw new Error('SILA_TEST_PG_URL is not set');
      const name = `sila_t_${uuidv7().replaceAll('-', '').slice(-16)}`;
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const url = new URL(PG_URL);
      url.pathname = `/${name}`;
      database = {
        engine,
        dataDir,
        env: { ...base, DATABASE_URL: url.toString() },
        drop: async () => {
          const client = new pg.Client({ connectionString: PG_URL });
          await client.connect();
          await client.query(`drop database if exists ${name} with (force)`);
          await client.end();
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    }
  }
  cleanups.push(database.drop);
  return database;
}

/** Migrates a database and serves the app on it, keeping the runtime (writeBackup needs its handle). */
async function serve(database: Database): Promise<Served> {
  const clock = new ManualClock();
  const runtime = await startRuntime(loadConfig(database.env), { clock, log: () => {} });
  const app = await buildApp({ ctx: runtime.ctx, logger: false });
  let isClosed = false;
  const close = async () => {
    if (isClosed) return;
    isClosed = true;
    await app.close();
    await runtime.close();
  };
  cleanups.push(close);
  return { app, ctx: runtime.ctx, clock, engine: runtime.ctx.engine, dataDir: database.dataDir, env: database.env, runtime, close };
}

function keysOf(t: { env: Record<string, string> }): Record<string, string> {
  return { SILA_ENCRYPTION_KEY: t.env.SILA_ENCRYPTION_KEY as string, SILA_INDEX_KEY: t.env.SILA_INDEX_KEY as string };
}

type Rows = Record<string, unknown[][]>;

function normalise(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return { bytes: value.toString('base64') };
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === undefined) return null;
  return value;
}

function sortRows(rows: unknown[][]): unknown[][] {
  return rows
    .map((row) => [JSON.stringify(row), row] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, row]) => row);
}

/** Every table's rows in column order, sorted, comparable across engines. */
async function tableRows(db: Kysely<any>): Promise<Rows> {
  const result: Rows = {};
  for (const table of await describeTables(db)) {
    const rows = (await db.selectFrom(table.name).selectAll().execute()) as Record<string, unknown>[];
    result[table.name] = sortRows(rows.map((row) => table.columns.map((c) => normalise(row[c]))));
  }
  return result;
}

/** What a restore leaves: every row of the archive, except sessions, which never survive a restore. */
function restoredFrom(rows: Rows): Rows {
  return { ...rows, sessions: [] };
}

/** The archive's tables, decoded the way restore decodes them. */
function readArchiveFile(bytes: Buffer): { header: any; tables: Rows; footer: any } {
  const lines = gunzipSync(bytes)
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  const header = lines[0];
  const tables: Rows = {};
  let current: string | null = null;
  for (const line of lines.slice(1, -1)) {
    if (Array.isArray(line)) {
      (tables[current as string] as unknown[][]).push(line.map((v) => (v && typeof v === 'object' && '$b64' in v ? { bytes: v.$b64 } : v)));
    } else if (line.table) {
      current = line.table;
      tables[line.table] = [];
    }
  }
  for (const name of Object.keys(tables)) tables[name] = sortRows(tables[name] as unknown[][]);
  return { header, tables, footer: lines.at(-1) };
}

function rewriteArchive(source: string, target: string, edit: (lines: string[]) => string[]): void {
  const lines = gunzipSync(readFileSync(source)).toString('utf8').split('\n').filter(Boolean);
  writeFileSync(target, gzipSync(`${edit(lines).join('\n')}\n`));
}

function ok(response: { statusCode: number; body: string }, status = 200): any {
  if (response.statusCode !== status) throw new Error(`expected ${status}, got ${response.statusCode}: ${response.body}`);
  return JSON.parse(response.body);
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const EVERY_TABLE = [
  'audit_events',
  'categories',
  // Issue 26: the document library (Harif's kinds and policy are seeded), restored row for row with the rest.
  'document_kinds',
  'document_versions',
  'documents',
  'domains',
  'offices',
  // Issue 25 §8 (F2): the breach register's rows (encrypted text included) restore with the rest.
  'privacy_breaches',
  'sessions',
  'settings',
  // Issue 26 §4–§5 (R1, R2, P-SCOPE): departments, a requirement, a contract party, its link and an acknowledgement.
  'departments',
  'ack_requirements',
  'contract_parties',
  'ack_links',
  'acknowledgements',
  'sign_in_throttle',
  'staff_roles',
  'staff_scopes',
  'staff_users',
];

/** Fills every table the way people do, through the API, plus one row of awkward text. */
async function fill(t: Served): Promise<{ admin: Agent; adminUsername: string }> {
  const adminFixture = await buildStaff(t, { roles: ['administrator'], username: 'admin.backup' });
  const admin = await signIn(t, adminFixture);
  const failed = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    payload: { username: 'nobody.here', password: 'wrong password here' },
  });
  expect(failed.statusCode).toBe(401);

  const staff = [
    {
      username: 'reception.dammam',
      displayName: 'موظفة الاستقبال "الدمام" 🌙',
      email: 'reception@harif.org.sa',
      roles: ['reception', 'contact-officer'],
      scope: { categories: ['productive-family', 'trainee'], domains: ['training', 'marketing'], offices: ['dammam'] },
    },
    {
      username: 'committee.chair',
      displayName: "O'Brien «رئيس» اللجنة",
      roles: ['committee-member', 'follow-up-committee', 'management'],
      scope: { categories: [], domains: ['financial-aid'], offices: ['khobar', 'qatif'] },
    },
    { username: 'hr.officer', displayName: 'الموارد البشرية', roles: ['hr'], scope: { categories: [], domains: [], offices: [] } },
  ];
  const ids: string[] = [];
  for (const body of staff) ids.push(ok(await admin.request('POST', '/api/v1/staff/users', body), 201).user.id);
  ok(await admin.request('PATCH', `/api/v1/staff/users/${ids[1]}`, { roles: ['committee-member', 'management'] }));
  const privacyOfficer = await signIn(t, await buildStaff(t, { roles: ['privacy-officer'], username: 'privacy.officer' }));
  ok(
    await privacyOfficer.request('POST', '/api/v1/privacy/breaches', {
      awareAt: t.clock.now().toISOString(),
      description: AWKWARD.replace(/[\r\t]/g, ' '),
      dataCategories: 'الأسماء',
      peopleCount: 3,
    }),
    201,
  );
  ok(await admin.request('POST', `/api/v1/staff/users/${ids[2]}/deactivate`));

  const association = ok(await admin.request('GET', '/api/v1/settings')).association;
  ok(
    await admin.request('PUT', '/api/v1/settings/association', {
      ...association,
      nameAr: 'جمعية "حارف" للأسر المنتجة — فرع \'الشرقية\' 🌴',
      phone: '+966 13 882 0058',
      digits: 'arab',
    }),
  );
  ok(await admin.request('PUT', '/api/v1/settings/security', { mfaRequiredRoles: ['reception', 'hr'] }));
  ok(await admin.request('POST', '/api/v1/settings/offices', { code: 'riyadh', nameAr: 'مكتب الرياض', nameEn: "Riyadh 'HQ'" }), 201);
  ok(await admin.request('PATCH', '/api/v1/settings/categories/trainee', { isActive: false, nameAr: 'متدربة (سابقاً)' }));

  // The API refuses newlines in one-line fields; the storage must still carry them.
  await insertTaxonomyItem(t.ctx.db, 'domains', { code: 'awkward-text', nameAr: AWKWARD, nameEn: AWKWARD, isActive: true, sortOrder: 99 });
  await recordAudit(t.ctx.db, {
    at: t.clock.now(),
    actor: { kind: 'system', id: null },
    action: 'test.note',
    entity: 'settings',
    entityId: AWKWARD,
    details: { note: AWKWARD, nested: { list: [1, null, 'ب'] } },
  });
  const department = ok(
    await admin.request('POST', '/api/v1/staff/departments', { nameAr: 'إدارة "الرعاية"', nameEn: "Care 'dept'" }),
    201,
  );
  const versionId = (
    await t.ctx.db.selectFrom('document_versions').select('id').where('status', '=', 'published').executeTakeFirstOrThrow()
  ).id;
  ok(
    await admin.request('PUT', `/api/v1/acknowledgements/requirements/${versionId}`, {
      audience: 'roles',
      roles: ['administrator'],
      graceDays: 30,
    }),
  );
  const party = ok(
    await admin.request('POST', '/api/v1/acknowledgements/parties', {
      kind: 'contractor',
      name: AWKWARD.replace(/[\r\n\t]/g, ' ').slice(0, 100),
      channel: 'sms',
      address: '0501234567',
    }),
    201,
  );
  ok(await admin.request('POST', `/api/v1/acknowledgements/versions/${versionId}/links`, { partyId: party.id }));
  const [asked] = ok(await admin.request('GET', '/api/v1/acknowledgements/mine')).items;
  ok(
    await admin.request('POST', `/api/v1/acknowledgements/mine/${versionId}`, {
      textSha256: asked.textSha256,
      hasReadToEnd: true,
      password: TEST_PASSWORD,
    }),
  );
  // Inactive again, so the later tests' new accounts need no department.
  ok(await admin.request('PATCH', `/api/v1/staff/departments/${department.id}`, { isActive: false }));
  return { admin, adminUsername: adminFixture.username };
}

describe(`backup and restore (${ENGINE})`, () => {
  let source: Served;
  let archive: string;
  let sourceRows: Rows;

  beforeAll(async () => {
    source = await serve(await createDatabase(ENGINE));
    const { admin } = await fill(source);
    archive = path.join(workDir, 'main.sila-backup.gz');
    // The app keeps answering while the backup runs.
    const [written, ...answers] = await Promise.all([
      writeBackup(source.runtime.handle, archive),
      admin.request('GET', '/api/v1/staff/users?status=all'),
      source.app.inject({ method: 'GET', url: '/readyz' }),
    ]);
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200]);
    sourceRows = await tableRows(source.ctx.db);
    expect(written.tables).toBe(Object.keys(sourceRows).length);
    expect(written.rows).toBe(Object.values(sourceRows).reduce((sum, rows) => sum + rows.length, 0));
  });

  it('fills every table, including a row of Arabic text with quotes, newlines and emoji', () => {
    for (const table of EVERY_TABLE) expect(sourceRows[table]?.length, table).toBeGreaterThan(0);
    expect(JSON.stringify(sourceRows.domains)).toContain(JSON.stringify(AWKWARD));
    expect(statSync(archive).mode & 0o777).toBe(0o600);
  });

  it('writes an archive that holds exactly the rows of the database', async () => {
    const migrations = (
      await source.ctx.db
        .selectFrom('sila_migrations' as never)
        .select('name' as never)
        .orderBy('name' as never)
        .execute()
    ).map((r) => (r as { name: string }).name);
    const { header, tables, footer } = readArchiveFile(readFileSync(archive));
    expect(header).toMatchObject({ format: 'sila-backup', version: 1, engine: ENGINE });
    expect(header.migrations[0]).toBe('0001-foundation');
    expect(header.migrations).toEqual(migrations);
    expect(header.tables).toEqual(Object.keys(tables));
    expect(tables).toEqual(sourceRows);
    expect(footer).toMatchObject({ complete: true, tables: Object.keys(sourceRows).length });
    // Keys are not in the backup.
    const text = gunzipSync(readFileSync(archive)).toString('utf8');
    for (const key of Object.values(keysOf(source))) expect(text).not.toContain(key.split(':')[1]);
  });

  it('restores into an empty database of the same engine, row for row, and the restored copy works', async () => {
    const target = await serve(await createDatabase(ENGINE, keysOf(source)));
    const restored = await restoreBackup(target.runtime.handle, archive);
    expect(restored.rows).toBe(Object.values(sourceRows).reduce((sum, rows) => sum + rows.length, 0));
    expect(await tableRows(target.ctx.db)).toEqual(restoredFrom(sourceRows));

    // The audit sequence carries on after the restored rows.
    const maxSeq = Math.max(...(await target.ctx.db.selectFrom('audit_events').select('seq').execute()).map((r) => Number(r.seq)));
    await recordAudit(target.ctx.db, { at: target.clock.now(), actor: { kind: 'system', id: null }, action: 'test.after', entity: 'x' });
    const next = await target.ctx.db.selectFrom('audit_events').select('seq').where('action', '=', 'test.after').executeTakeFirstOrThrow();
    expect(Number(next.seq)).toBeGreaterThan(maxSeq);

    // The same keys open the same data: the restored administrator signs in with the second factor.
    const adminRow = await target.ctx.db
      .selectFrom('staff_users')
      .selectAll()
      .where('username', '=', 'admin.backup')
      .executeTakeFirstOrThrow();
    target.clock.set(new Date(source.clock.now().getTime() + 60_000));
    const agent = await signIn(target, { id: adminRow.id, username: adminRow.username, totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' });
    const users = ok(await agent.request('GET', '/api/v1/staff/users?status=all'));
    expect(users.items.map((u: { username: string }) => u.username).sort()).toEqual([
      'admin.backup',
      'committee.chair',
      'hr.officer',
      'privacy.officer',
      'reception.dammam',
    ]);
  });

  it('refuses to restore over staff accounts unless forced', async () => {
    const target = await serve(await createDatabase(ENGINE, keysOf(source)));
    await buildStaff(target, { roles: ['hr'], username: 'already.here' });
    const before = await tableRows(target.ctx.db);
    await expect(restoreBackup(target.runtime.handle, archive)).rejects.toThrow(RestoreError);
    await expect(restoreBackup(target.runtime.handle, archive)).rejects.toThrow(/already has staff accounts/);
    expect(await tableRows(target.ctx.db)).toEqual(before);

    await restoreBackup(target.runtime.handle, archive, { force: true });
    const after = await tableRows(target.ctx.db);
    expect(after).toEqual(restoredFrom(sourceRows));
    expect(JSON.stringify(after.staff_users)).not.toContain('already.here');
  });

  it('refuses a cut-off or damaged archive and leaves the target unchanged', async () => {
    const target = await serve(await createDatabase(ENGINE, keysOf(source)));
    await buildStaff(target, { roles: ['hr'], username: 'kept.safe' });
    const before = await tableRows(target.ctx.db);
    const bytes = readFileSync(archive);
    const variant = (name: string) => path.join(workDir, name);

    writeFileSync(variant('cut.gz'), bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    rewriteArchive(archive, variant('no-end.gz'), (lines) => lines.slice(0, -1));
    rewriteArchive(archive, variant('row-missing.gz'), (lines) => lines.filter((_, i) => i !== lines.findIndex((l) => l.startsWith('['))));
    rewriteArchive(archive, variant('other-schema.gz'), (lines) => {
      const header = JSON.parse(lines[0] as string);
      header.migrations = [...header.migrations, '9999-from-the-future'];
      return [JSON.stringify(header), ...lines.slice(1)];
    });
    writeFileSync(variant('not-gzip.gz'), 'hello, this is not a backup\n');
    writeFileSync(variant('json.gz'), gzipSync('{"format":"something-else"}\n'));

    const cases: Array<[string, RegExp]> = [
      ['cut.gz', /damaged or cut off/],
      ['no-end.gz', /ends early/],
      ['row-missing.gz', /incomplete/],
      ['other-schema.gz', /schema/],
      ['not-gzip.gz', /not a Sila backup/],
      ['json.gz', /not a Sila backup/],
      ['missing.gz', /Cannot read/],
    ];
    for (const [name, message] of cases) {
      const attempt = restoreBackup(target.runtime.handle, variant(name), { force: true });
      await expect(attempt, name).rejects.toThrow(RestoreError);
      await expect(attempt, name).rejects.toThrow(message);
      expect(await tableRows(target.ctx.db), name).toEqual(before);
    }
  });

  it('takes every table from one read snapshot while the app keeps writing', async () => {
    const t = await serve(await createDatabase(ENGINE));
    const { admin } = await fill(t);
    // Enough rows that the archive is megabytes: the backup stops, mid-table, when its reader stops.
    for (let batch = 0; batch < 40; batch += 1) {
      await t.ctx.db
        .insertInto('audit_events')
        .values(
          Array.from({ length: 200 }, (_, i) => ({
            id: uuidv7(),
            at: t.clock.now().toISOString(),
            actor_kind: 'system',
            actor_id: null,
            action: 'test.bulk',
            entity: 'bulk',
            entity_id: String(batch * 200 + i),
            fields: null,
            details: JSON.stringify({ noise: randomBytes(150).toString('hex') }),
            prev_hash: null,
            hash: null,
          })),
        )
        .execute();
    }
    const atSnapshot = await tableRows(t.ctx.db);

    // The backup writes into a pipe that this test reads: it cannot finish until the test reads on.
    const fifo = path.join(workDir, `snapshot-${ENGINE}.fifo`);
    execFileSync('mkfifo', [fifo]);
    const reader = createReadStream(fifo);
    const chunks: Buffer[] = [];
    const firstChunk = new Promise<void>((resolve) => reader.once('data', () => resolve()));
    reader.on('data', (chunk) => chunks.push(chunk as Buffer));
    const readerEnded = once(reader, 'end');
    let isBackupDone = false;
    const backup = writeBackup(t.runtime.handle, fifo).finally(() => {
      isBackupDone = true;
    });
    try {
      await withTimeout(firstChunk, 20_000, 'the backup wrote nothing');
      reader.pause();

      // Meanwhile, many staff accounts (each with roles, scope and an audit row) are created at once.
      const bodies = Array.from({ length: 12 }, (_, i) => ({
        username: `during.backup${i}`,
        displayName: `أثناء النسخ ${i}`,
        roles: ['volunteer'],
        scope: { categories: [], domains: [], offices: ['dammam'] },
      }));
      const created = await withTimeout(
        Promise.all(bodies.map((body) => admin.request('POST', '/api/v1/staff/users', body))),
        20_000,
        'the app could not write while a backup was running',
      );
      expect(created.map((r) => r.statusCode)).toEqual(bodies.map(() => 201));
      const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(200);
      expect(isBackupDone).toBe(false); // those writes committed while the backup was still running
    } finally {
      reader.resume();
    }
    await backup;
    await readerEnded;

    const { tables, footer } = readArchiveFile(Buffer.concat(chunks));
    expect(footer.complete).toBe(true);
    // Exactly the database as it was when the backup began: no row of the writes made during it,
    // in any table (the staff rows, their roles and scopes, their audit rows, the session's use).
    expect(tables).toEqual(atSnapshot);
    const now = await tableRows(t.ctx.db);
    expect(now.staff_users?.length).toBe((atSnapshot.staff_users?.length ?? 0) + 12);
    expect(now.staff_roles?.length).toBe((atSnapshot.staff_roles?.length ?? 0) + 12);
  });

  describe.skipIf(!PG_URL)(`between engines (${ENGINE} → ${OTHER} → ${ENGINE})`, () => {
    it('moves every row to the other engine and back unchanged', async () => {
      const there = await serve(await createDatabase(OTHER, keysOf(source)));
      await restoreBackup(there.runtime.handle, archive);
      expect(await tableRows(there.ctx.db)).toEqual(restoredFrom(sourceRows));

      // The audit sequence (on PostgreSQL a sequence that restore must move) continues after the highest restored seq.
      const maxSeq = Math.max(...sourceRows.audit_events!.map((row) => Number(row[0])));
      await recordAudit(there.ctx.db, { at: there.clock.now(), actor: { kind: 'system', id: null }, action: 'test.moved', entity: 'x' });
      const moved = await there.ctx.db
        .selectFrom('audit_events')
        .select('seq')
        .where('action', '=', 'test.moved')
        .executeTakeFirstOrThrow();
      expect(Number(moved.seq)).toBe(maxSeq + 1);
      await there.ctx.db.deleteFrom('audit_events').where('action', '=', 'test.moved').execute();

      // And back again, from the other engine's own backup.
      const backFile = path.join(workDir, `from-${OTHER}.sila-backup.gz`);
      await writeBackup(there.runtime.handle, backFile);
      expect(readArchiveFile(readFileSync(backFile)).header.engine).toBe(OTHER);
      const back = await serve(await createDatabase(ENGINE, keysOf(source)));
      await restoreBackup(back.runtime.handle, backFile);
      expect(await tableRows(back.ctx.db)).toEqual(restoredFrom(sourceRows));
      await recordAudit(back.ctx.db, { at: back.clock.now(), actor: { kind: 'system', id: null }, action: 'test.back', entity: 'x' });
      const backSeq = await back.ctx.db
        .selectFrom('audit_events')
        .select('seq')
        .where('action', '=', 'test.back')
        .executeTakeFirstOrThrow();
      expect(Number(backSeq.seq)).toBeGreaterThan(maxSeq);
    });
  });
});
