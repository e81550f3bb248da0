import { rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { sql } from 'kysely';
import { SEEDED_COMMITTEES } from '../../src/contracts/committees.js';
import type { StaffRole } from '../../src/domain/roles.js';
import { recordAudit } from '../../src/modules/audit/audit.service.js';
import { sealPendingAudit } from '../../src/modules/audit/audit-chain.js';
import { currentCalendar } from '../../src/modules/calendar/working-calendar.js';
import { ensureDefaultTypes } from '../../src/modules/requests/request-types.service.js';
import * as staffRepo from '../../src/modules/staff/staff.repo.js';
import { startRuntime } from '../../src/platform/bootstrap.js';
import { type Clock, systemClock } from '../../src/platform/clock.js';
import type { Config } from '../../src/platform/config.js';
import { hashPassword } from '../../src/platform/crypto/passwords.js';
import { uuidv7 } from '../../src/platform/ids.js';
import { generate, type SeedSizes, type SeedStaff } from './generate.js';
import { OFFICES } from './people.js';
import { BENCH_PASSWORD, createBenchPrincipals } from './principals.js';
import { PostgresSink, type Sink, SqliteSink } from './sink.js';

export interface SeedOptions {
  config: Config;
  sizes: SeedSizes;
  seed: number;
  reset: boolean;
  clock?: Clock;
  log?: (line: string) => void;
  /** Worker threads making requests; default one per core from 20,000 requests, none below. */
  workers?: number;
  /** Requests per worker range (default 250). */
  chunk?: number;
}

export interface SeedReport {
  engine: string;
  sizes: SeedSizes;
  rows: Record<string, number>;
  seconds: Record<string, number>;
  totalSeconds: number;
}

/** Tables the bulk load fills: their secondary indexes are rebuilt after it. */
const BULK_TABLES = [
  'families',
  'family_domains',
  'household_members',
  'identity_index',
  'requests',
  'request_history',
  'request_attestations',
  'working_clocks',
  'clock_events',
  'meeting_agenda',
  'committee_meetings',
  'meeting_attendance',
  'minutes',
  'minutes_approvals',
  'complaints',
  'complaint_steps',
  'audit_events',
];

export class NotEmptyError extends Error {}

/**
 * `npm run bench:seed`: a realistic registry of the asked size (issue 7 §1) in the database the app
 * would open (DATABASE_URL, else SQLite in SILA_DATA_DIR), migrated first, with the app's keys.
 * Refuses a database that already holds families, requests or complaints unless `reset`.
 */
export async function seedDatabase(options: SeedOptions): Promise<SeedReport> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const clock = options.clock ?? systemClock;
  const started = Date.now();
  if (options.reset) await resetDatabase(options.config, log);
  const runtime = await startRuntime(options.config, { clock, log });
  try {
    const { ctx, handle } = runtime;
    const existing = await sql<{
      n: number;
    }>`select (select count(*) from families) + (select count(*) from requests) + (select count(*) from complaints) as n`.execute(ctx.db);
    if (Number(existing.rows[0]?.n ?? 0) > 0)
      throw new NotEmptyError(
        'This database already holds families, requests or complaints: run with --reset to empty it first (everything in it is deleted), or point DATABASE_URL / SILA_DATA_DIR at an empty one.',
      );
    const nowMs = clock.now().getTime();

    // Through the services (or their exact inserts): request types, the bench accounts, committees.
    await ensureDefaultTypes(ctx);
    const principals = await createBenchPrincipals(ctx);
    const staff = await createSupportingStaff(ctx, principals);
    await sealPendingAudit(ctx.db, clock.now());
    const seal = await ctx.db.selectFrom('audit_seal').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
    const maxSeq = await ctx.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirst();
    const view = await currentCalendar(ctx);

    let sink: Sink;
    if (handle.engine === 'sqlite') {
      if (!handle.sqlite) throw new Error('No SQLite handle');
      const s = new SqliteSink(handle.sqlite);
      s.begin();
      sink = s;
    } else {
      if (options.config.database.engine !== 'postgres') throw new Error('engine mismatch');
      const s = new PostgresSink(options.config.database.url);
      await s.begin();
      sink = s;
    }
    try {
      log(
        `Seeding ${handle.engine}: ${options.sizes.families} families, ${options.sizes.requests} requests, ${options.sizes.complaints} complaints (seed ${options.seed})`,
      );
      await sink.dropIndexes(BULK_TABLES);
      const result = (await generate({
        ctx,
        sink,
        calendar: view.calendar,
        calendarRevision: view.revision,
        sizes: options.sizes,
        seed: options.seed,
        nowMs,
        staff,
        audit: { seq: Number(maxSeq?.seq ?? 0), position: Number(seal.last_position), hash: seal.last_hash },
        log,
        calendarData: { revision: view.revision, stored: view.stored, weekend: view.weekend },
        workers: options.workers ?? (options.sizes.requests >= 20_000 ? availableParallelism() : 0),
        ...(options.chunk ? { chunk: options.chunk } : {}),
      })) as Awaited<ReturnType<typeof generate>> & { auditTail: { seq: number; position: number; hash: string | null } };

      let stepStarted = Date.now();
      await sink.exec(
        `insert into counters (name, value) values ('requests.deadline-revision', ${view.revision})
       on conflict (name) do update set value = excluded.value`,
      );
      const tail = result.auditTail;
      await sink.exec(
        `update audit_seal set last_position = ${tail.position}, last_hash = ${tail.hash ? `'${tail.hash}'` : 'null'}, sealed_at = '${new Date(nowMs).toISOString()}' where id = 1`,
      );
      if (handle.engine === 'postgres')
        await sink.exec(`select setval(pg_get_serial_sequence('audit_events', 'seq'), ${Math.max(1, tail.seq)})`);
      result.seconds.counters = (Date.now() - stepStarted) / 1000;

      stepStarted = Date.now();
      log('Rebuilding indexes…');
      await sink.restoreIndexes((name, ms) => log(`  index ${name}: ${(ms / 1000).toFixed(1)} s`));
      result.seconds.indexes = (Date.now() - stepStarted) / 1000;
      stepStarted = Date.now();
      await sink.exec(handle.engine === 'sqlite' ? 'pragma analysis_limit = 1000; analyze' : 'analyze');
      result.seconds.analyze = (Date.now() - stepStarted) / 1000;
      await sink.close();
      const totalSeconds = (Date.now() - started) / 1000;
      const totalRows = Object.values(result.rows).reduce((a, b) => a + b, 0) + result.auditRows;
      log(
        `Done in ${totalSeconds.toFixed(1)} s: ${totalRows.toLocaleString('en')} rows (${result.auditRows.toLocaleString('en')} audit rows).`,
      );
      return {
        engine: handle.engine,
        sizes: options.sizes,
        rows: { ...result.rows },
        seconds: result.seconds,
        totalSeconds,
      };
    } catch (error) {
      await sink.abort?.();
      throw error;
    }
  } finally {
    await runtime.close();
  }
}

async function resetDatabase(config: Config, log: (line: string) => void): Promise<void> {
  if (config.database.engine === 'sqlite') {
    const file = config.database.file;
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
    log(`Removed ${file}`);
    return;
  }
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: config.database.url });
  await client.connect();
  await client.query('drop schema public cascade');
  await client.query('create schema public');
  await client.end();
  log('Dropped and recreated the public schema');
}

/**
 * Staff behind the data: two reception staff per office who register families and take requests,
 * the requests committee (three members, quorum 3, the bench committee member chairing) and the
 * follow-up committee (the bench follow-up member and two more), and the general contact-officer
 * entry inquiries are routed to. Inserted as staff.service and committees.service insert them.
 */
async function createSupportingStaff(
  ctx: Parameters<typeof createBenchPrincipals>[0],
  principals: Awaited<ReturnType<typeof createBenchPrincipals>>,
): Promise<SeedStaff> {
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const hash = await hashPassword(BENCH_PASSWORD);
  const make = async (trx: typeof ctx.db, username: string, displayName: string, roles: StaffRole[], offices: string[]) => {
    const id = uuidv7(now.getTime());
    await staffRepo.insertStaff(trx, {
      id,
      username,
      display_name: displayName,
      email: null,
      password_hash: hash,
      must_change_password: 0,
      password_changed_at: nowIso,
      totp_secret: null,
      totp_enabled: 0,
      totp_last_step: null,
      language: 'ar',
      is_active: 1,
      created_at: nowIso,
      updated_at: nowIso,
      deactivated_at: null,
    });
    await staffRepo.replaceRolesAndScope(trx, id, roles, { categories: [], domains: [], offices });
    await recordAudit(trx, {
      at: now,
      actor: { kind: 'system', id: null },
      action: 'staff.create',
      entity: 'staff_user',
      entityId: id,
      fields: ['username', 'displayName', 'roles', 'scope'],
    });
    return id;
  };
  return ctx.db.transaction().execute(async (trx) => {
    const registrars: SeedStaff['registrars'] = {};
    for (const [office, city] of OFFICES) {
      registrars[office] = [
        await make(trx, `bench.${office}.1`, `موظفة استقبال ${city} ١`, ['reception'], [office]),
        await make(trx, `bench.${office}.2`, `موظفة استقبال ${city} ٢`, ['reception'], [office]),
      ];
    }
    const committeeMembers: SeedStaff['committeeMembers'] = [
      principals.committeeMember,
      await make(trx, 'bench.committee.2', 'عضو لجنة البت ٢', ['committee-member'], []),
      await make(trx, 'bench.committee.3', 'عضو لجنة البت ٣', ['committee-member'], []),
    ];
    const followUpMembers: SeedStaff['followUpMembers'] = [
      principals.followUp,
      await make(trx, 'bench.followup.2', 'عضو لجنة المتابعة ٢', ['follow-up-committee'], []),
      await make(trx, 'bench.followup.3', 'عضو لجنة المتابعة ٣', ['follow-up-committee'], []),
    ];
    for (const [committeeId, members] of [
      [SEEDED_COMMITTEES.requests, committeeMembers],
      [SEEDED_COMMITTEES.followUp, followUpMembers],
    ] as const) {
      await trx
        .insertInto('committee_members')
        .values(members.map((userId) => ({ committee_id: committeeId, user_id: userId, added_at: nowIso })))
        .execute();
      await trx.updateTable('committees').set({ chair_id: members[0], updated_at: nowIso }).where('id', '=', committeeId).execute();
      await recordAudit(trx, {
        at: now,
        actor: { kind: 'system', id: null },
        action: 'committee.update',
        entity: 'committee',
        entityId: committeeId,
        fields: ['members', 'chairId'],
      });
    }
    const officerEntry = uuidv7(now.getTime());
    await trx
      .insertInto('contact_officers')
      .values({
        id: officerEntry,
        category: null,
        domain: null,
        officer_id: principals.contactOfficer,
        backup_id: null,
        role_title_ar: 'مسؤول التواصل العام',
        role_title_en: 'General contact officer',
        channel: 'phone',
        address: '013 882 0058',
        is_active: 1,
        created_at: nowIso,
        updated_at: nowIso,
        version: 1,
      })
      .execute();
    await recordAudit(trx, {
      at: now,
      actor: { kind: 'system', id: null },
      action: 'contact-officer.create',
      entity: 'contact_officer',
      entityId: officerEntry,
      details: { category: null, domain: null, officerId: principals.contactOfficer, backupId: null },
    });
    return { registrars, committeeMembers, followUpMembers, contactOfficer: principals.contactOfficer };
  });
}
