import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordAudit } from '../../src/modules/audit/audit.service.js';
import { sealPendingAudit, verifyAuditChain } from '../../src/modules/audit/audit-chain.js';
import { tryAcquireLease } from '../../src/platform/leases.js';
import { createTestApp, ENGINE, type TestApp } from './harness.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

async function writeRows(n: number) {
  for (let i = 0; i < n; i++) {
    await recordAudit(t.ctx.db, {
      at: t.clock.now(),
      actor: { kind: 'staff', id: 'u1' },
      action: 'family.view',
      entity: 'family',
      entityId: `f${i}`,
      fields: ['name'],
    });
  }
}

describe(`audit hash chain [${ENGINE}]`, () => {
  it('seals pending rows in a chain and verifies it', async () => {
    await writeRows(5);
    expect(await sealPendingAudit(t.ctx.db, t.clock.now())).toBe(5);
    await writeRows(3);
    expect(await verifyAuditChain(t.ctx.db)).toEqual({ isIntact: true, sealedRows: 5, pendingRows: 3 });
    expect(await sealPendingAudit(t.ctx.db, t.clock.now())).toBe(3);
    expect(await sealPendingAudit(t.ctx.db, t.clock.now())).toBe(0);
    expect(await verifyAuditChain(t.ctx.db)).toEqual({ isIntact: true, sealedRows: 8, pendingRows: 0 });
  });

  it('finds the rows awaiting the sealer through an index that holds only them (F2, issue 7)', async () => {
    await writeRows(30);
    await sealPendingAudit(t.ctx.db, t.clock.now());
    await writeRows(2);
    const pending = sql`select seq from audit_events where hash is null order by seq limit 2000`;
    if (ENGINE === 'sqlite') {
      const plan = await sql<{ detail: string }>`explain query plan ${pending}`.execute(t.ctx.db);
      expect(plan.rows.map((r) => r.detail).join('\n')).toMatch(/USING (COVERING )?INDEX audit_events_unsealed/);
    } else {
      // PostgreSQL chooses by cost; with scans off it must still be able to use the partial index.
      const plan = await t.ctx.db.transaction().execute(async (trx) => {
        await sql`set local enable_seqscan = off`.execute(trx);
        return sql<{ 'QUERY PLAN': string }>`explain ${pending}`.execute(trx);
      });
      expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('audit_events_unsealed');
    }
    expect(await sealPendingAudit(t.ctx.db, t.clock.now())).toBe(2);
    // …and that index is partial, so sealed rows' hashes are not stored in it a second time.
    const definition =
      ENGINE === 'sqlite'
        ? await sql<{ d: string }>`select sql as d from sqlite_master where name = 'audit_events_unsealed'`.execute(t.ctx.db)
        : await sql<{ d: string }>`select indexdef as d from pg_indexes where indexname = 'audit_events_unsealed'`.execute(t.ctx.db);
    expect(definition.rows[0]?.d).toMatch(/where\s+\(?"?hash"?\s+is\s+null/i);
  });

  it('names an altered row', async () => {
    await writeRows(6);
    await sealPendingAudit(t.ctx.db, t.clock.now());
    await t.ctx.db.updateTable('audit_events').set({ actor_id: 'someone-else' }).where('chain_position', '=', 4).execute();
    const result = await verifyAuditChain(t.ctx.db);
    expect(result).toMatchObject({ isIntact: false, sealedRows: 3, brokenAt: { position: 4, reason: expect.stringContaining('altered') } });
  });

  it('names a deleted row in the middle and at the end', async () => {
    await writeRows(6);
    await sealPendingAudit(t.ctx.db, t.clock.now());
    await t.ctx.db.deleteFrom('audit_events').where('chain_position', '=', 6).execute();
    expect(await verifyAuditChain(t.ctx.db)).toMatchObject({
      isIntact: false,
      brokenAt: { position: 6, reason: expect.stringContaining('deleted') },
    });
    await t.ctx.db.deleteFrom('audit_events').where('chain_position', '=', 2).execute();
    expect(await verifyAuditChain(t.ctx.db)).toMatchObject({
      isIntact: false,
      brokenAt: { position: 2, reason: expect.stringContaining('deleted') },
    });
  });

  it('detects a row re-hashed by someone who cannot also fix every later link', async () => {
    await writeRows(4);
    await sealPendingAudit(t.ctx.db, t.clock.now());
    const { hashAuditRow } = await import('../../src/modules/audit/audit-chain.js');
    const row = await t.ctx.db.selectFrom('audit_events').selectAll().where('chain_position', '=', 2).executeTakeFirstOrThrow();
    const forged = { ...row, action: 'family.nothing-to-see' };
    await t.ctx.db
      .updateTable('audit_events')
      .set({ action: forged.action, hash: hashAuditRow(forged, row.prev_hash, 2) })
      .where('seq', '=', row.seq)
      .execute();
    expect(await verifyAuditChain(t.ctx.db)).toMatchObject({ isIntact: false, brokenAt: { position: 3 } });
  });

  it('keeps the sealer to one instance at a time with a lease', async () => {
    const now = t.clock.now();
    expect(await tryAcquireLease(t.ctx.db, { name: 'audit-sealer', holder: 'a', ttlMs: 10_000, now })).toBe(true);
    expect(await tryAcquireLease(t.ctx.db, { name: 'audit-sealer', holder: 'b', ttlMs: 10_000, now })).toBe(false);
    expect(await tryAcquireLease(t.ctx.db, { name: 'audit-sealer', holder: 'a', ttlMs: 10_000, now })).toBe(true); // renew
    const later = new Date(now.getTime() + 11_000);
    expect(await tryAcquireLease(t.ctx.db, { name: 'audit-sealer', holder: 'b', ttlMs: 10_000, now: later })).toBe(true);
  });

  it('the audit table takes appends while a seal runs (writers never wait on the sealer’s lock for long)', async () => {
    await writeRows(50);
    await Promise.all([sealPendingAudit(t.ctx.db, t.clock.now()), writeRows(20)]);
    await sealPendingAudit(t.ctx.db, t.clock.now());
    const { n } = await t.ctx.db.selectFrom('audit_events').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    expect(await verifyAuditChain(t.ctx.db)).toEqual({ isIntact: true, sealedRows: Number(n), pendingRows: 0 });
  });
});
