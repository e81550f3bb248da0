import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personalDataRegistry } from '../../src/app.js';
import { sealPendingAudit, verifyAuditChain } from '../../src/modules/audit/audit-chain.js';
import { erasureCarryOver } from '../../src/modules/erasure/index.js';
import { restoreBackup, writeBackup } from '../../src/platform/db/backup.js';
import { readStoredFile, storeFile } from '../../src/platform/files/file-store.js';
import { databaseHolds } from './erasure-support.js';
import { buildFamily, buildRequest, SIGNATURE_PNG } from './factories.js';
import { type Agent, buildStaff, createTestApp, ENGINE, signIn, type TestApp } from './harness.js';

let t: TestApp;
let officer: Agent;
let khobarOfficer: Agent;
let reception: Agent;

beforeAll(async () => {
  t = await createTestApp();
  officer = await signIn(t, await buildStaff(t, { roles: ['privacy-officer'] }));
  khobarOfficer = await signIn(
    t,
    await buildStaff(t, { roles: ['privacy-officer'], scope: { categories: [], domains: [], offices: ['khobar'] } }),
  );
  reception = await signIn(t, await buildStaff(t, { roles: ['reception'] }));
});
afterAll(async () => {
  await t.close();
});

const erase = (agent: Agent, familyId: string) =>
  agent.request('POST', '/api/v1/privacy/erasures', { familyId, reason: 'data-subject-request', requestRef: 'PR-TEST' });

/** Text no other test writes, so finding it anywhere means the erasure missed it. */
function uniqueFamily() {
  const tag = Math.random().toString(36).slice(2, 8);
  return {
    headNameAr: `زبيدة خليل القحطاني ${tag}`,
    headNameEn: `Zubaida Qahtaniq ${tag}`,
    member: `Hamdanix ${tag}`,
    address: `Street-${tag} Dammam`,
  };
}

describe(`erasure (issue 25 §5, F2) [${ENGINE}]`, () => {
  it('F2: an erasure leaves no plaintext of the family’s name anywhere in the database, and the audit chain verifies', async () => {
    const names = uniqueFamily();
    const family = await buildFamily(t, {
      by: reception,
      headNameAr: names.headNameAr,
      headNameEn: names.headNameEn,
      address: names.address,
      members: [{ name: names.member, relation: 'son' }],
    });
    const draft = await buildRequest(t, {
      by: reception,
      familyId: family.id,
      isDraft: true,
      answers: { project: `مشغل ${names.member}` },
    });
    // A document the request owns, named after the family: its bytes and name go with the erasure.
    const file = await storeFile(t.ctx.db, t.ctx.keys, {
      ownerType: 'request',
      ownerId: draft.id,
      fileName: `${names.address}.png`,
      bytes: Buffer.from(SIGNATURE_PNG.split(',')[1] as string, 'base64'),
      createdBy: null,
      now: t.clock.now(),
    });
    // Searches and views of the family before its erasure.
    await reception.request('GET', `/api/v1/families?q=${encodeURIComponent(names.headNameAr)}`);
    await reception.request('GET', `/api/v1/families/${family.id}`);
    expect(await databaseHolds(t, names.headNameEn)).toBe(true);

    const erased = await erase(officer, family.id);
    expect(erased.statusCode, erased.body).toBe(201);
    const { number } = erased.json();
    expect(number).toBeGreaterThan(0);

    const viewed = await reception.request('GET', `/api/v1/families/${family.id}`);
    expect(viewed.statusCode, viewed.body).toBe(200);
    const view = viewed.json();
    expect(view.headNameAr).toBe(`أسرة مجهّلة رقم ${number}`);
    expect(view.headNameEn).toBe(`anonymised family #${number}`);
    expect(view.members).toEqual([]);
    const found = (await reception.request('GET', `/api/v1/families?q=${encodeURIComponent('زبيدة')}`)).json().items;
    expect(found.map((f: { id: string }) => f.id)).not.toContain(family.id);

    expect(await readStoredFile(t.ctx.db, t.ctx.keys, file.id)).toBeNull();
    for (const needle of [names.headNameAr, names.headNameEn, names.member, names.address, family.nationalId])
      expect(await databaseHolds(t, needle), needle).toBe(false);

    await sealPendingAudit(t.ctx.db, t.clock.now());
    expect((await verifyAuditChain(t.ctx.db)).isIntact).toBe(true);
  });

  it('F2: a second erasure is 409 privacy.already-erased; out of scope is 404; other roles 403', async () => {
    const family = await buildFamily(t, { by: reception });
    expect((await erase(khobarOfficer, family.id)).statusCode).toBe(404);
    expect((await erase(reception, family.id)).statusCode).toBe(403);
    expect((await erase(officer, family.id)).statusCode).toBe(201);
    const again = await erase(officer, family.id);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('privacy.already-erased');
  });

  it('F2: an open request holds the erasure: 409 naming the hold and the request', async () => {
    const request = await buildRequest(t, { by: reception });
    const held = await erase(officer, request.familyId);
    expect(held.statusCode).toBe(409);
    expect(held.json().code).toBe('privacy.erasure-held');
    expect(held.json().holds).toEqual([expect.objectContaining({ name: 'open-request', references: [request.reference] })]);
    const holds = (await officer.request('GET', `/api/v1/privacy/erasure-holds?familyId=${request.familyId}`)).json().holds;
    expect(holds.map((h: { name: string }) => h.name)).toEqual(['open-request']);
    const family = (await reception.request('GET', `/api/v1/families/${request.familyId}`)).json();
    expect(family.headNameAr).not.toMatch(/مجهّلة/);
  });

  it('F2 (§5): an open data-subject request holds the erasure (409 naming it) until it is answered; the erasure request does not hold itself', async () => {
    const family = await buildFamily(t, { by: reception });
    const file = (kind: string) =>
      officer.request('POST', '/api/v1/privacy/requests', {
        kind,
        channel: 'in-person',
        requester: { kind: 'family', familyId: family.id },
        relation: 'head',
      });
    const access = (await file('access')).json();
    const erasure = (await file('erasure')).json();
    expect([access.reference, erasure.reference]).toEqual([expect.stringMatching(/^PDR-/), expect.stringMatching(/^PDR-/)]);
    for (const id of [access.id, erasure.id])
      expect(
        (await officer.request('POST', `/api/v1/privacy/requests/${id}/verification`, { method: 'id-card-in-person' })).statusCode,
      ).toBe(200);
    const eraseFor = (requestRef: string) =>
      officer.request('POST', '/api/v1/privacy/erasures', { familyId: family.id, reason: 'data-subject-request', requestRef });
    const hold = (references: string[]) => ({
      name: 'open-data-subject-request',
      label: { ar: expect.stringContaining('طلب مفتوح'), en: expect.stringContaining('data-subject request') },
      references,
    });

    // Carried out for the erasure request: only the open access request holds it.
    const held = await eraseFor(erasure.reference);
    expect(held.statusCode, held.body).toBe(409);
    expect(held.json().code).toBe('privacy.erasure-held');
    expect(held.json().holds).toEqual([hold([access.reference])]);
    expect(held.json().detail).toContain(access.reference);
    const shown = await officer.request('GET', `/api/v1/privacy/erasure-holds?familyId=${family.id}&requestRef=${erasure.reference}`);
    expect(shown.json().holds).toEqual([hold([access.reference])]);
    // Naming the access request does not lift its own hold: only an erasure request is excused.
    expect((await eraseFor(access.reference)).json().holds).toEqual([hold([access.reference, erasure.reference].sort())]);

    const answered = await officer.request('POST', `/api/v1/privacy/requests/${access.id}/answer`, {
      answer: 'أُرسلت إليكم نسخة من بياناتكم المسجلة.',
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(
      (await officer.request('GET', `/api/v1/privacy/erasure-holds?familyId=${family.id}&requestRef=${erasure.reference}`)).json().holds,
    ).toEqual([]);
    const erased = await eraseFor(erasure.reference);
    expect(erased.statusCode, erased.body).toBe(201);
    const ledger = await t.ctx.db
      .selectFrom('erasures')
      .select('request_ref')
      .where('subject_id', '=', family.id)
      .executeTakeFirstOrThrow();
    expect(ledger.request_ref).toBe(erasure.reference);
  });

  it('F2: sila restore of an older backup re-applies the erasure ledger: the family stays erased', async () => {
    const names = uniqueFamily();
    const family = await buildFamily(t, { by: reception, headNameAr: names.headNameAr, headNameEn: names.headNameEn });
    const dir = mkdtempSync(path.join(tmpdir(), 'sila-erasure-'));
    const handle = { db: t.ctx.db, engine: t.engine, close: async () => {} };
    try {
      const archive = path.join(dir, 'before.sila.gz');
      await writeBackup(handle, archive);
      const erased = await erase(officer, family.id);
      expect(erased.statusCode).toBe(201);

      const carryOver = erasureCarryOver(t.ctx, personalDataRegistry());
      await restoreBackup(handle, archive, { force: true, carryOver });
      await carryOver.reclaim();
      expect(carryOver.reapplied()).toBeGreaterThanOrEqual(1);

      const row = await t.ctx.db
        .selectFrom('families')
        .select(['head_name_ar', 'head_name_en'])
        .where('id', '=', family.id)
        .executeTakeFirstOrThrow();
      expect(row.head_name_ar).toBe(`أسرة مجهّلة رقم ${erased.json().number}`);
      const ledger = await t.ctx.db.selectFrom('erasures').select('number').where('subject_id', '=', family.id).executeTakeFirstOrThrow();
      expect(ledger.number).toBe(erased.json().number);
      expect(await databaseHolds(t, names.headNameEn)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('F2: sila restore with its key check succeeds on a database without key sentinels whose only family was erased since the backup', async () => {
    // The erased row's `erased:<id>` marker in national_id_index is no keyed hash: proving the keys on
    // the data (a database made before sentinels) must pass over it, not read "erased" as a key id.
    const own = await createTestApp();
    const dir = mkdtempSync(path.join(tmpdir(), 'sila-erasure-keys-'));
    try {
      const desk = await signIn(own, await buildStaff(own, { roles: ['reception'] }));
      const privacy = await signIn(own, await buildStaff(own, { roles: ['privacy-officer'] }));
      const family = await buildFamily(own, { by: desk });
      await own.ctx.db.deleteFrom('key_sentinels').execute();
      const handle = { db: own.ctx.db, engine: own.engine, close: async () => {} };
      const archive = path.join(dir, 'before.sila.gz');
      await writeBackup(handle, archive);
      const erased = await privacy.request('POST', '/api/v1/privacy/erasures', {
        familyId: family.id,
        reason: 'data-subject-request',
        requestRef: 'PR-TEST',
      });
      expect(erased.statusCode, erased.body).toBe(201);

      const registry = personalDataRegistry();
      const carryOver = erasureCarryOver(own.ctx, registry);
      await restoreBackup(handle, archive, { force: true, keyCheck: { keys: own.ctx.keys, registry, now: own.clock.now() }, carryOver });
      expect(carryOver.reapplied()).toBe(1);
      const row = await own.ctx.db.selectFrom('families').select('national_id_index').where('id', '=', family.id).executeTakeFirstOrThrow();
      expect(row.national_id_index).toBe(`erased:${family.id}`);
      const sentinels = await own.ctx.db.selectFrom('key_sentinels').select(['kind', 'key_id']).execute();
      expect(sentinels.map((s) => s.key_id)).not.toContain('erased');
      expect(sentinels.map((s) => s.kind).sort()).toEqual(['encryption', 'index']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await own.close();
    }
  });
});
