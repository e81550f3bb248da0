import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config.js';
import { hashPassword } from '../../src/platform/crypto/passwords.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { uuidv7 } from '../../src/platform/ids.js';
import { familyBody, newNationalId } from './factories.js';
import { createTestDatabase, ENGINE, TEST_PASSWORD } from './harness.js';
import {
  halfWritten,
  killAllServers,
  missingReferences,
  type Receipt,
  sila,
  sleep,
  startIntake,
  startServer,
  unfoundTrackingCodes,
} from './reliability-support.js';

/**
 * A backup under load, then restore (issue 21, Must-have 6): `sila backup` runs while the real
 * server takes public complaints and a reception officer registers families; the archive is
 * restored into an empty database with `sila restore`, as an operator would. The restored database
 * must hold everything acknowledged before the backup started, nothing half-written (each
 * complaint and family with all the rows its one transaction wrote), a chain `sila audit verify`
 * passes, and a server that starts on it, finds the complaints by their tracking codes and takes
 * new ones.
 */
const cleanups: Array<() => Promise<void>> = [];
const workDir = mkdtempSync(path.join(tmpdir(), 'sila-reliability-backup-'));
afterAll(async () => {
  await killAllServers();
  for (const cleanup of cleanups.reverse()) await cleanup();
  rmSync(workDir, { recursive: true, force: true });
});

const RECEPTION = 'reliability.reception';
const STAFF_ADDRESS = '12.0.0.1';

/** A reception officer (all offices and categories, no authenticator: not required by default). */
async function addReceptionOfficer(env: Record<string, string>): Promise<void> {
  const handle = openDatabase(loadConfig(env).database);
  try {
    const id = uuidv7();
    const now = new Date().toISOString();
    await handle.db
      .insertInto('staff_users')
      .values({
        id,
        username: RECEPTION,
        display_name: 'Reliability reception',
        email: null,
        password_hash: await hashPassword(TEST_PASSWORD),
        must_change_password: 0,
        password_changed_at: now,
        totp_secret: null,
        totp_enabled: 0,
        totp_last_step: null,
        language: 'ar',
        is_active: 1,
        created_at: now,
        updated_at: now,
        deactivated_at: null,
      })
      .execute();
    await handle.db.insertInto('staff_roles').values({ user_id: id, role: 'reception' }).execute();
  } finally {
    await handle.close();
  }
}

interface Registered {
  id: string;
  at: number;
}

/** Signs the officer in over HTTP and registers families (each with one member) until stopped. */
async function startRegistering(url: string): Promise<{ families: Registered[]; refusals: string[]; stop(): Promise<void> }> {
  const signIn = await fetch(`${url}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': STAFF_ADDRESS },
    body: JSON.stringify({ username: RECEPTION, password: TEST_PASSWORD }),
  });
  if (signIn.status !== 200) throw new Error(`sign-in: ${signIn.status} ${await signIn.text()}`);
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  const families: Registered[] = [];
  const refusals: string[] = [];
  let isStopped = false;
  const worker = async () => {
    while (!isStopped) {
      const body = familyBody({ members: [{ name: 'عبدالله', relation: 'son', nationalId: newNationalId() }] });
      const response = await fetch(`${url}/api/v1/families`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken, 'x-forwarded-for': STAFF_ADDRESS },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      if (response.status === 201) families.push({ id: (JSON.parse(text) as { id: string }).id, at: Date.now() });
      else refusals.push(`${response.status} ${text.slice(0, 200)}`);
    }
  };
  const workers = [worker(), worker()];
  return {
    families,
    refusals,
    stop: async () => {
      isStopped = true;
      await Promise.all(workers);
    },
  };
}

async function familiesMissing(env: Record<string, string>, registered: readonly Registered[]): Promise<string[]> {
  const handle = openDatabase(loadConfig(env).database);
  try {
    const stored = new Set((await handle.db.selectFrom('families').select('id').execute()).map((r) => r.id));
    return registered.filter((f) => !stored.has(f.id)).map((f) => f.id);
  } finally {
    await handle.close();
  }
}

describe(`backup under load, then restore (${ENGINE})`, () => {
  it('restores everything acknowledged before the backup started, nothing half-written, with the audit trail verified', async () => {
    const source = await createTestDatabase({ migrated: true });
    cleanups.push(source.drop);
    await addReceptionOfficer(source.env);
    const server = await startServer(source.env);
    const intake = startIntake(server.url, { concurrency: 12 });
    const registering = await startRegistering(server.url);
    // Some of each kind acknowledged first (a crowded machine takes longer), then the backup.
    const loaded = Date.now();
    await sleep(2_000);
    while ((intake.receipts.length < 100 || registering.families.length < 10) && Date.now() - loaded < 10_000) await sleep(100);

    const file = path.join(workDir, `under-load-${ENGINE}.sila-backup.gz`);
    const backupStarted = Date.now();
    const complaintsBefore: Receipt[] = intake.receipts.filter((r) => r.at < backupStarted);
    const familiesBefore = registering.families.filter((f) => f.at < backupStarted);
    const backup = await sila(['backup', file], source.env);
    const backupEnded = Date.now();
    await Promise.all([intake.stop(), registering.stop()]);
    await server.stop();
    expect(backup.code, backup.stderr).toBe(0);
    // Under load indeed: both kinds of writes went on while the archive was being written.
    expect(complaintsBefore.length).toBeGreaterThan(0);
    expect(familiesBefore.length).toBeGreaterThan(0);
    expect(intake.receipts.filter((r) => r.at > backupStarted && r.at < backupEnded).length).toBeGreaterThan(0);
    expect([...intake.failures.keys()]).toEqual([]);
    expect(registering.refusals).toEqual([]);

    // An empty database and the source's keys (the README's restore; keys are not in the archive).
    const target = await createTestDatabase();
    cleanups.push(target.drop);
    const env = {
      ...target.env,
      SILA_ENCRYPTION_KEY: source.env.SILA_ENCRYPTION_KEY as string,
      SILA_INDEX_KEY: source.env.SILA_INDEX_KEY as string,
    };
    const restore = await sila(['restore', file], env);
    expect(restore.code, restore.stderr).toBe(0);
    const verified = await sila(['audit', 'verify'], env);
    expect(verified.code, verified.stderr).toBe(0);

    expect(await missingReferences(env, complaintsBefore)).toEqual([]);
    expect(await familiesMissing(env, familiesBefore)).toEqual([]);
    const restored = await halfWritten(env);
    expect(restored.problems).toEqual([]);
    expect(restored.complaints).toBeGreaterThanOrEqual(complaintsBefore.length);
    expect(restored.families).toBeGreaterThanOrEqual(familiesBefore.length);
    console.info(
      `backup under load (${ENGINE}): ${complaintsBefore.length} complaints and ${familiesBefore.length} families acknowledged before the backup, ` +
        `${restored.complaints} and ${restored.families} restored, ${intake.receipts.length} and ${registering.families.length} in all`,
    );

    // Served again from the restored database: tracking codes still open their complaints
    // (the keys open the restored ciphertexts), new complaints are numbered after the old ones,
    // and the trail the server goes on sealing still verifies.
    const again = await startServer(env);
    expect(await unfoundTrackingCodes(again.url, complaintsBefore)).toEqual([]);
    const more = startIntake(again.url, { concurrency: 4 });
    await sleep(1_000);
    await more.stop();
    expect(more.receipts.length).toBeGreaterThan(0);
    expect([...more.failures.keys()]).toEqual([]);
    await again.stop();
    const reverified = await sila(['audit', 'verify'], env);
    expect(reverified.code, reverified.stderr).toBe(0);
  }, 180_000);
});
