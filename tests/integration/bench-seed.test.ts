import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BENCH_PASSWORD, BENCH_TOTP_SECRET, benchPrincipal, RECEPTION_SCOPE } from '../../bench/seed/principals.js';
import { NotEmptyError, seedDatabase } from '../../bench/seed/seed.js';
import { buildApp } from '../../src/app.js';
import { normaliseArabic } from '../../src/domain/arabic-text.js';
import { parseNationalId } from '../../src/domain/national-id.js';
import { parseSaudiPhone } from '../../src/domain/phone.js';
import { sealPendingAudit, verifyAuditChain } from '../../src/modules/audit/audit-chain.js';
import { complaintAad } from '../../src/modules/complaints/complaints.sealing.js';
import { startRuntime } from '../../src/platform/bootstrap.js';
import { ManualClock } from '../../src/platform/clock.js';
import { loadConfig } from '../../src/platform/config.js';
import { type Agent, createTestDatabase, signIn, type TestApp } from './harness.js';

/**
 * `npm run bench:seed` (issue 7 §1) at a tiny size, then the app's own APIs over what it wrote:
 * counts and worklists from the maintained counters agree with the rows, a variant spelling finds a
 * family, a tracking code works on the public lookup, the audit chain verifies, ID numbers decrypt
 * and are found by their keyed hash. Any of these failing means the generator wrote rows the
 * services would not have.
 */
const SIZES = { families: 300, requests: 1500, complaints: 200 };

let t: TestApp;
let dropDatabase: () => Promise<void>;
const staff = (key: Parameters<typeof benchPrincipal>[0]) => ({
  id: '',
  username: benchPrincipal(key).username,
  totpSecret: BENCH_TOTP_SECRET,
});

beforeAll(async () => {
  const database = await createTestDatabase();
  dropDatabase = database.drop;
  const config = loadConfig(database.env);
  const clock = new ManualClock();
  // Requests made by two worker threads in ranges of 200, as at full size (the ranges come back in order).
  await seedDatabase({ config, sizes: SIZES, seed: 7, reset: false, clock, log: () => {}, workers: 2, chunk: 200 });
  const runtime = await startRuntime(config, { clock, log: () => {} });
  const app = await buildApp({ ctx: runtime.ctx, logger: false });
  t = {
    app,
    ctx: runtime.ctx,
    clock,
    engine: runtime.ctx.engine,
    dataDir: database.dataDir,
    env: database.env,
    close: async () => {
      await app.close();
      await runtime.close();
    },
  };
}, 120_000);

afterAll(async () => {
  await t?.close();
  await dropDatabase?.();
});

async function signInAs(key: Parameters<typeof benchPrincipal>[0]): Promise<Agent> {
  return signIn(t, staff(key), BENCH_PASSWORD);
}

describe('bench:seed (issue 7 §1)', () => {
  it('fills every part of the registry at the asked sizes', async () => {
    const count = async (table: 'families' | 'requests' | 'complaints' | 'household_members' | 'request_history' | 'working_clocks') =>
      Number(
        (
          await t.ctx.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('families')).toBe(SIZES.families);
    expect(await count('complaints')).toBe(SIZES.complaints);
    const requests = await count('requests');
    expect(requests).toBeGreaterThan(SIZES.requests * 0.95);
    expect(await count('household_members')).toBeGreaterThan(SIZES.families);
    expect(await count('request_history')).toBeGreaterThan(requests * 3);
    const statuses = await t.ctx.db.selectFrom('requests').select('status').distinct().execute();
    expect(statuses.map((s) => s.status).sort()).toEqual(
      ['closed', 'complete', 'draft', 'information-requested', 'notified', 'under-study'].filter((s) =>
        statuses.some((x) => x.status === s),
      ),
    );
    expect(statuses.length).toBeGreaterThanOrEqual(4);
    const steps = await t.ctx.db.selectFrom('complaints').select(['kind', 'step']).distinct().execute();
    expect(new Set(steps.map((s) => s.kind))).toEqual(new Set(['complaint', 'inquiry']));
    expect(steps.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses a database that already holds data unless --reset', async () => {
    const config = loadConfig(t.env);
    await expect(seedDatabase({ config, sizes: SIZES, seed: 7, reset: false, log: () => {} })).rejects.toBeInstanceOf(NotEmptyError);
  });

  it('C6: a scoped reception user’s worklist counts equal a direct count of the rows in its scope', async () => {
    const agent = await signInAs('reception');
    const response = await agent.request('GET', '/api/v1/requests/counts');
    expect(response.statusCode).toBe(200);
    const counts = response.json();
    const direct = async (status: string) =>
      Number(
        (
          await t.ctx.db
            .selectFrom('requests')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('status', '=', status)
            .where('category', 'in', RECEPTION_SCOPE.categories)
            .where('office', 'in', RECEPTION_SCOPE.offices)
            .where((eb) =>
              eb.exists(
                eb
                  .selectFrom('family_domains')
                  .select('family_id')
                  .whereRef('family_domains.family_id', '=', 'requests.family_id')
                  .where('domain', 'in', RECEPTION_SCOPE.domains),
              ),
            )
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(counts.reception).toBe(await direct('draft'));
    expect(counts.committee).toBe(await direct('complete'));
    expect(counts.underStudy).toBe(await direct('under-study'));
    expect(counts.reception + counts.committee + counts.underStudy).toBeGreaterThan(0);
  });

  it('C6: the maintained counters (management’s counts) equal the rows, and the worklist pages by deadline', async () => {
    const agent = await signInAs('management');
    const counts = (await agent.request('GET', '/api/v1/requests/counts')).json();
    const byStatus = await t.ctx.db
      .selectFrom('requests')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    const bySla = await t.ctx.db
      .selectFrom('requests')
      .select(['sla_state', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('sla_state')
      .execute();
    const n = (rows: Array<{ n: number }>, pick: (r: never) => boolean) => Number((rows as never[]).find(pick)?.['n' as never] ?? 0);
    expect(counts.committee).toBe(n(byStatus, (r: { status: string }) => r.status === 'complete'));
    expect(counts.informationRequested).toBe(n(byStatus, (r: { status: string }) => r.status === 'information-requested'));
    expect(counts.breached).toBe(n(bySla, (r: { sla_state: string }) => r.sla_state === 'breached'));
    expect(counts.dueSoon).toBe(n(bySla, (r: { sla_state: string }) => r.sla_state === 'due-soon'));
    expect(counts.all).toBe(byStatus.reduce((a, r) => a + Number(r.n), 0));

    const page = await agent.request('GET', '/api/v1/requests?list=under-study&limit=50');
    expect(page.statusCode).toBe(200);
    const expected = await t.ctx.db
      .selectFrom('requests')
      .select('id')
      .where('status', '=', 'under-study')
      .orderBy('deadline_day')
      .orderBy('id')
      .limit(50)
      .execute();
    expect(page.json().items.map((i: { id: string }) => i.id)).toEqual(expected.map((e) => e.id));
  });

  it('C6: no running clock is already past its deadline and no clock event is left pending (the jobs find nothing to catch up)', async () => {
    const now = t.clock.now().toISOString();
    const late = await t.ctx.db
      .selectFrom('working_clocks')
      .select('id')
      .where('state', '=', 'running')
      .where('deadline_at', '<', now)
      .execute();
    expect(late).toEqual([]);
    const pending = await t.ctx.db.selectFrom('clock_events').select('id').where('handled_at', 'is', null).execute();
    expect(pending).toEqual([]);
    const breached = await t.ctx.db
      .selectFrom('requests')
      .innerJoin('working_clocks', 'working_clocks.id', 'requests.clock_id')
      .select(['requests.sla_state', 'working_clocks.state'])
      .where('requests.status', 'in', ['complete', 'under-study'])
      .execute();
    for (const row of breached) expect(row.sla_state === 'breached').toBe(row.state === 'breached');
  });

  it('search finds a family by its name in a variant spelling (ة/ه, أ/ا, ى/ي, with or without ال)', async () => {
    const agent = await signInAs('management');
    const family = await t.ctx.db
      .selectFrom('families')
      .select(['id', 'head_name_ar', 'name_normalised'])
      .where('head_name_ar', 'like', '%ة%')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const [first, , last] = family.head_name_ar.split(' ');
    const variant = `${(first as string).replaceAll('ة', 'ه').replaceAll('أ', 'ا').replaceAll('ى', 'ي')} ${(last ?? '').replace(/^ال/, '')}`;
    expect(normaliseArabic(variant)).not.toBe(normaliseArabic(family.head_name_ar));
    const response = await agent.request('GET', `/api/v1/families?q=${encodeURIComponent(variant)}&limit=100`);
    expect(response.statusCode).toBe(200);
    expect(response.json().items.map((i: { id: string }) => i.id)).toContain(family.id);
  });

  it('E1: a seeded complaint’s tracking code works on the public lookup', async () => {
    const row = await t.ctx.db
      .selectFrom('complaints')
      .select(['id', 'reference', 'tracking_code', 'kind'])
      .where('kind', '=', 'complaint')
      .where('tracking_code', 'is not', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const code = t.ctx.keys.encryptor.decrypt(row.tracking_code as string, complaintAad(row.id, 'tracking_code'));
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/public/complaints/lookup', payload: { trackingCode: code } });
    expect(response.statusCode).toBe(200);
    expect(response.json().reference).toBe(row.reference);
    expect(response.json().timeline.length).toBeGreaterThan(0);
  });

  it('F2: the audit trail arrives sealed, verifies end to end, and the sealer continues the same chain', async () => {
    const seal = await t.ctx.db.selectFrom('audit_seal').selectAll().executeTakeFirstOrThrow();
    expect(Number(seal.last_position)).toBeGreaterThan(SIZES.families + SIZES.requests);
    // Only rows written after the seeding (the reads made by the tests above) wait for the sealer.
    const unsealed = await t.ctx.db.selectFrom('audit_events').select(['action']).where('hash', 'is', null).execute();
    for (const row of unsealed) expect(row.action).toMatch(/^(auth|request\.(list|count)|family\.(list|view|search)|complaint\.lookup)/);
    await sealPendingAudit(t.ctx.db, t.clock.now());
    const result = await verifyAuditChain(t.ctx.db);
    expect(result).toMatchObject({ isIntact: true, pendingRows: 0 });
    if (result.isIntact) expect(result.sealedRows).toBe(Number(seal.last_position) + unsealed.length);
  });

  it('F2: ID numbers and mobiles decrypt, are valid, and are found again by their keyed hash', async () => {
    const { encryptor, indexer } = t.ctx.keys;
    const families = await t.ctx.db.selectFrom('families').select(['id', 'national_id', 'national_id_index', 'mobile']).limit(40).execute();
    for (const f of families) {
      const nationalId = encryptor.decrypt(f.national_id, `family:${f.id}:national_id`);
      expect(parseNationalId(nationalId).isValid).toBe(true);
      const hit = await t.ctx.db
        .selectFrom('identity_index')
        .select(['family_id', 'member_id'])
        .where('national_id_index', 'in', indexer.candidates(nationalId))
        .executeTakeFirstOrThrow();
      expect(hit).toEqual({ family_id: f.id, member_id: null });
      if (f.mobile) expect(parseSaudiPhone(encryptor.decrypt(f.mobile, `family:${f.id}:mobile`), { mobileOnly: true }).isValid).toBe(true);
    }
    const members = await t.ctx.db
      .selectFrom('household_members')
      .select(['id', 'family_id', 'national_id'])
      .where('national_id', 'is not', null)
      .limit(40)
      .execute();
    for (const m of members) {
      const nationalId = encryptor.decrypt(m.national_id as string, `member:${m.id}:national_id`);
      expect(parseNationalId(nationalId).isValid).toBe(true);
      const hit = await t.ctx.db
        .selectFrom('identity_index')
        .select('member_id')
        .where('national_id_index', 'in', indexer.candidates(nationalId))
        .executeTakeFirstOrThrow();
      expect(hit.member_id).toBe(m.id);
    }
    const identities = Number(
      (
        await t.ctx.db
          .selectFrom('identity_index')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const withIds = Number(
      (
        await t.ctx.db
          .selectFrom('household_members')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('national_id', 'is not', null)
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(identities).toBe(SIZES.families + withIds);
  });

  it('request references run 1…n in each year with no gap or repeat, and the counter continues from n (nextReference)', async () => {
    const rows = await t.ctx.db.selectFrom('requests').select('reference').execute();
    const byYear = new Map<string, number[]>();
    for (const { reference } of rows) {
      const [, year, n] = reference.split('-') as [string, string, string];
      byYear.set(year, [...(byYear.get(year) ?? []), Number(n)]);
    }
    expect(byYear.size).toBeGreaterThanOrEqual(3);
    for (const [year, numbers] of byYear) {
      expect(numbers.sort((a, b) => a - b)).toEqual(numbers.map((_, i) => i + 1));
      const counter = await t.ctx.db.selectFrom('counters').select('value').where('name', '=', `REQ-${year}`).executeTakeFirstOrThrow();
      expect(Number(counter.value)).toBe(numbers.length);
    }
  });

  it('C5: a seeded meeting’s frozen minutes open through the app with each decision of its requests', async () => {
    const request = await t.ctx.db
      .selectFrom('requests')
      .select(['id', 'reference', 'decision_outcome', 'decision_minutes_id'])
      .where('decision_minutes_id', 'is not', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const agent = await signInAs('committeeMember');
    const response = await agent.request('GET', `/api/v1/minutes/${request.decision_minutes_id}`);
    expect(response.statusCode).toBe(200);
    const minutes = response.json();
    expect(minutes.status).toBe('frozen');
    const decided = await t.ctx.db
      .selectFrom('requests')
      .select(['id', 'reference', 'decision_outcome'])
      .where('decision_minutes_id', '=', request.decision_minutes_id)
      .execute();
    expect(minutes.decisions.map((d: { requestId: string }) => d.requestId).sort()).toEqual(decided.map((d) => d.id).sort());
    const mine = minutes.decisions.find((d: { requestId: string }) => d.requestId === request.id);
    expect(mine).toMatchObject({ reference: request.reference, outcome: request.decision_outcome });
    expect(minutes.text).toContain(request.reference);
  });

  it('every reference points at a row (foreign keys hold although they were off during the load)', async () => {
    if (t.engine !== 'sqlite') {
      const orphans = await sql<{
        n: number;
      }>`select count(*) as n from requests r left join families f on f.id = r.family_id where f.id is null`.execute(t.ctx.db);
      expect(Number(orphans.rows[0]?.n)).toBe(0);
      return;
    }
    const problems = await sql`pragma foreign_key_check`.execute(t.ctx.db);
    expect(problems.rows).toEqual([]);
  });
});
