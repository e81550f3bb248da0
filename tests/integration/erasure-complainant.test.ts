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
import { buildComplaint, buildFamily, newMobile, newNationalId, SIGNATURE_PNG } from './factories.js';
import { type Agent, buildStaff, createTestApp, ENGINE, signIn, type TestApp } from './harness.js';

/**
 * Issue 25 §2, §5 (F2): the erasure of a complaint's or inquiry's writer who is not a registered
 * family — identified by the case's reference and tracking code — through the registry's walk rooted
 * at the case: holds, the ledger `sila restore` re-applies, the audit row, no plaintext left.
 */
let t: TestApp;
let officer: Agent;
let reception: Agent;

beforeAll(async () => {
  t = await createTestApp();
  officer = await signIn(t, await buildStaff(t, { roles: ['privacy-officer'] }));
  reception = await signIn(t, await buildStaff(t, { roles: ['reception'] }));
}, 120_000);
afterAll(async () => {
  await t.close();
});

/** A complaint (or inquiry) from the public form, with text no other test writes, and an attachment named after the writer. */
async function uniqueCase(kind: 'complaint' | 'inquiry' = 'complaint') {
  const tag = Math.random().toString(36).slice(2, 8);
  const writer = {
    name: `نوال عبدالرحمن الغامدي ${tag}`,
    mobile: newMobile(),
    email: `nawal.${tag}@example.com`,
    nationalId: newNationalId(),
    description: `تأخر صرف السلة الغذائية لأسرتي في حي النسيم منذ شهرين رمز ${tag}`,
  };
  const filed = await buildComplaint(t, { kind, ...writer });
  const file = await storeFile(t.ctx.db, t.ctx.keys, {
    ownerType: 'complaint',
    ownerId: filed.id,
    fileName: `letter-${tag}.png`,
    bytes: Buffer.from(SIGNATURE_PNG.split(',')[1] as string, 'base64'),
    createdBy: null,
    now: t.clock.now(),
  });
  return { ...filed, writer, file, fileName: `letter-${tag}.png` };
}

/** The writer's own privacy request, identified by reference and tracking code, verified by the code. */
async function requestBy(filed: { reference: string; trackingCode: string }, kind: string) {
  const created = await officer.request('POST', '/api/v1/privacy/requests', {
    kind,
    channel: 'phone',
    requester: { kind: 'complainant', complaintReference: filed.reference, trackingCode: filed.trackingCode },
    relation: 'self',
  });
  expect(created.statusCode, created.body).toBe(201);
  const verified = await officer.request('POST', `/api/v1/privacy/requests/${created.json().id}/verification`, { method: 'tracking-code' });
  expect(verified.statusCode, verified.body).toBe(200);
  return created.json() as { id: string; reference: string; familyId: string | null; complaintReference: string };
}

const eraseCase = (agent: Agent, complaintReference: string, requestRef?: string) =>
  agent.request('POST', '/api/v1/privacy/complainant-erasures', {
    complaintReference,
    reason: 'data-subject-request',
    ...(requestRef ? { requestRef } : {}),
  });
const holdsOf = async (complaintReference: string, requestRef: string) =>
  (
    await officer.request(
      'GET',
      `/api/v1/privacy/complainant-erasure-holds?complaintReference=${complaintReference}&requestRef=${requestRef}`,
    )
  ).json().holds;
/** Closing is the complaints area's (its own tests); here the case is simply closed, as the retention test does. */
const close = (id: string) =>
  t.ctx.db.updateTable('complaints').set({ closed_at: t.clock.now().toISOString() }).where('id', '=', id).execute();

describe(`erasure of a complainant who is not a registered family (issue 25 §2, §5, F2) [${ENGINE}]`, () => {
  it('F2: held while the case or another request about it is open (409 naming them); then the writer’s data goes, the facts stay, no plaintext is left, the audit chain verifies; a second erasure is 409 privacy.already-erased', async () => {
    const filed = await uniqueCase();
    const erasure = await requestBy(filed, 'erasure');
    expect(erasure).toMatchObject({ familyId: null, complaintReference: filed.reference });
    const access = await requestBy(filed, 'access');
    const messagesBefore = await t.ctx.db
      .selectFrom('outbox_messages')
      .select(['id', 'address', 'body'])
      .where('about_id', '=', filed.id)
      .where('recipient_kind', '=', 'contact')
      .execute();
    expect(messagesBefore.length).toBeGreaterThan(0);
    expect(messagesBefore.every((m) => m.address !== null)).toBe(true);
    expect(await databaseHolds(t, filed.fileName)).toBe(true);

    // §5: the case itself (open) and the writer's other open request hold it; the erasure request does not hold itself.
    const held = await eraseCase(officer, filed.reference, erasure.reference);
    expect(held.statusCode, held.body).toBe(409);
    expect(held.json().code).toBe('privacy.erasure-held');
    expect(held.json().holds).toEqual([
      expect.objectContaining({
        name: 'open-complaint',
        references: [filed.reference],
        label: expect.objectContaining({ ar: expect.any(String) }),
      }),
      expect.objectContaining({ name: 'open-data-subject-request', references: [access.reference] }),
    ]);
    expect(held.json().detail).toContain(filed.reference);
    expect((await holdsOf(filed.reference, erasure.reference)).map((h: { name: string }) => h.name)).toEqual([
      'open-complaint',
      'open-data-subject-request',
    ]);
    await close(filed.id);
    const refused = await officer.request('POST', `/api/v1/privacy/requests/${access.id}/refusal`, { reason: 'repeated-request' });
    expect(refused.statusCode, refused.body).toBe(200);
    expect(await holdsOf(filed.reference, erasure.reference)).toEqual([]);

    const erased = await eraseCase(officer, filed.reference, erasure.reference);
    expect(erased.statusCode, erased.body).toBe(201);
    expect(erased.json()).toMatchObject({ complaintId: filed.id, reference: filed.reference });
    expect(erased.json().tables.map((e: { table: string }) => e.table)).toEqual(expect.arrayContaining(['complaints', 'outbox_messages']));

    // The facts stay: that it existed, its kind, topic, dates and closing.
    const row = await t.ctx.db.selectFrom('complaints').selectAll().where('id', '=', filed.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ reference: filed.reference, kind: 'complaint', family_id: null });
    expect(row.closed_at).not.toBeNull();
    expect(row.created_at).toBeTruthy();
    expect(row.topic).toBeTruthy();
    for (const column of [
      'writer_name',
      'mobile',
      'email',
      'national_id',
      'tracking_code',
      'tracking_index',
      'mobile_index',
      'national_id_index',
    ] as const)
      expect(row[column], column).toBeNull();
    expect(t.ctx.keys.encryptor.decrypt(String(row.description), `complaint:${filed.id}:description`)).toBe('—');
    // The attachment's bytes and name are gone; the messages to the writer keep only that they went.
    expect(await readStoredFile(t.ctx.db, t.ctx.keys, filed.file.id)).toBeNull();
    const messagesAfter = await t.ctx.db
      .selectFrom('outbox_messages')
      .select(['address', 'subject', 'body', 'status'])
      .where('about_id', '=', filed.id)
      .where('recipient_kind', '=', 'contact')
      .execute();
    expect(messagesAfter).toHaveLength(messagesBefore.length);
    for (const message of messagesAfter) expect(message).toMatchObject({ address: null, subject: null, body: null });
    // The tracking code's lookup hash is gone: the case can no longer be named by it.
    const again = await officer.request('POST', '/api/v1/privacy/requests', {
      kind: 'access',
      channel: 'phone',
      requester: { kind: 'complainant', complaintReference: filed.reference, trackingCode: filed.trackingCode },
      relation: 'self',
    });
    expect(again.json().errors?.[0]?.code ?? again.json().code).toBe('privacy.complaint-not-found');
    for (const needle of [
      filed.writer.name,
      filed.writer.email,
      filed.writer.mobile,
      filed.writer.nationalId,
      filed.writer.description,
      filed.fileName,
    ])
      expect(await databaseHolds(t, needle), needle).toBe(false);

    const ledger = await t.ctx.db
      .selectFrom('erasures')
      .select(['subject_table', 'cause', 'request_ref', 'number'])
      .where('subject_id', '=', filed.id)
      .execute();
    expect(ledger).toEqual([{ subject_table: 'complaints', cause: 'request', request_ref: erasure.reference, number: null }]);
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('entity_id', '=', filed.id)
      .where('action', '=', 'complaint.erase')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(filed.writer.name);
    await sealPendingAudit(t.ctx.db, t.clock.now());
    expect((await verifyAuditChain(t.ctx.db)).isIntact).toBe(true);

    const twice = await eraseCase(officer, filed.reference, erasure.reference);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('privacy.already-erased');
  });

  it('F2: an inquiry’s writer is erased the same way; a case a registered family filed is 409 (the family’s erasure covers it); an unknown reference 404; other roles 403', async () => {
    const inquiry = await uniqueCase('inquiry');
    await close(inquiry.id);
    expect((await eraseCase(reception, inquiry.reference)).statusCode).toBe(403);
    const erased = await eraseCase(officer, inquiry.reference);
    expect(erased.statusCode, erased.body).toBe(201);
    expect(await databaseHolds(t, inquiry.writer.name)).toBe(false);
    expect(await databaseHolds(t, inquiry.writer.email)).toBe(false);

    const family = await buildFamily(t, { by: reception });
    const ofFamily = await buildComplaint(t, { by: reception, familyId: family.id });
    await close(ofFamily.id);
    const refused = await eraseCase(officer, ofFamily.reference);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('privacy.complaint-of-family');
    const unknown = await eraseCase(officer, 'CMP-1999-999999');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('complaint.not-found');
  });

  it('F2: sila restore of an older backup re-applies the complainant’s erasure from the ledger', async () => {
    const filed = await uniqueCase();
    await close(filed.id);
    const dir = mkdtempSync(path.join(tmpdir(), 'sila-complainant-'));
    const handle = { db: t.ctx.db, engine: t.engine, close: async () => {} };
    try {
      const archive = path.join(dir, 'before.sila.gz');
      await writeBackup(handle, archive);
      expect((await eraseCase(officer, filed.reference)).statusCode).toBe(201);

      const carryOver = erasureCarryOver(t.ctx, personalDataRegistry());
      await restoreBackup(handle, archive, { force: true, carryOver });
      await carryOver.reclaim();
      expect(carryOver.reapplied()).toBeGreaterThanOrEqual(1);

      const row = await t.ctx.db
        .selectFrom('complaints')
        .select(['writer_name', 'mobile', 'tracking_index', 'reference'])
        .where('id', '=', filed.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ writer_name: null, mobile: null, tracking_index: null, reference: filed.reference });
      expect(await readStoredFile(t.ctx.db, t.ctx.keys, filed.file.id)).toBeNull();
      const ledger = await t.ctx.db.selectFrom('erasures').select('subject_table').where('subject_id', '=', filed.id).execute();
      expect(ledger).toEqual([{ subject_table: 'complaints' }]);
      for (const needle of [filed.writer.email, filed.fileName]) expect(await databaseHolds(t, needle), needle).toBe(false);
      await sealPendingAudit(t.ctx.db, t.clock.now());
      expect((await verifyAuditChain(t.ctx.db)).isIntact).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
