import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Encryptor, generateKey, Indexer, parseKeyList } from '../../src/platform/crypto/keyring.js';
import { type Agent, buildStaff, createTestApp, ENGINE, signIn, type TestApp } from './harness.js';
import { rotateAllKeys, undeclaredCiphertextColumns } from './keys-support.js';

let t: TestApp;
let reception: Agent;

beforeAll(async () => {
  t = await createTestApp();
  reception = await signIn(t, await buildStaff(t, { roles: ['reception'] }));
});
afterAll(async () => {
  await t.close();
});

describe(`key rotation (issue 3 §2) [${ENGINE}]`, () => {
  it('re-encrypts and re-indexes everything under the newest keys; lookups work throughout', async () => {
    const created = await reception.request('POST', '/api/v1/families', {
      headNameAr: 'زينب الدوسري',
      nationalId: '1000000008',
      mobile: '0551239876',
      city: 'الخبر',
      office: 'khobar',
      category: 'productive-family',
      domains: ['marketing'],
      agreedChannel: 'sms',
      originChannel: 'phone',
      members: [{ name: 'ريم', relation: 'daughter', nationalId: '2345678904' }],
      consent: { isGiven: true, privacyNoticeVersion: '2026-1' },
    });
    expect(created.statusCode).toBe(201);
    const family = created.json();
    const request = await reception.request('POST', '/api/v1/requests', {
      idempotencyKey: 'rotation-request-1',
      familyId: family.id,
      typeCode: 'training-enrolment',
      channel: 'phone',
      answers: { 'trainee-name': 'ريم', programme: 'sewing' },
    });
    expect(request.statusCode).toBe(201);
    const requestId = request.json().id as string;
    const oldEncryption = t.env.SILA_ENCRYPTION_KEY as string;
    const oldIndex = t.env.SILA_INDEX_KEY as string;
    const newEncryption = generateKey();
    const newIndex = generateKey();
    // The operator puts the new keys first; the old ones stay until rotation is done.
    t.ctx.keys.encryptor = new Encryptor(parseKeyList(`${newEncryption},${oldEncryption}`, 'enc'));
    t.ctx.keys.indexer = new Indexer(parseKeyList(`${newIndex},${oldIndex}`, 'idx'));

    // Before rotating: still readable, and the old index still finds the family.
    expect((await reception.request('GET', `/api/v1/families/${family.id}`)).json().nationalId).toBe('1000000008');
    expect((await reception.request('POST', '/api/v1/families/lookup', { nationalId: '2345678904' })).json().items).toHaveLength(1);

    // Every ciphertext in the database belongs to a column the registry declares (issue 18 §3).
    expect(await undeclaredCiphertextColumns(t.ctx)).toEqual([]);
    const report = await rotateAllKeys(t.ctx);
    expect(report.find((r) => r.table === 'families')?.rows).toBe(1);
    expect(report.find((r) => r.table === 'staff_users')?.rows).toBe(0);
    expect(report.find((r) => r.table === 'requests')?.rows).toBeGreaterThanOrEqual(1);

    const newId = newEncryption.split(':')[0] as string;
    const newIndexId = newIndex.split(':')[0] as string;
    const row = await t.ctx.db.selectFrom('families').selectAll().where('id', '=', family.id).executeTakeFirstOrThrow();
    for (const column of ['national_id', 'mobile', 'address'] as const)
      if (row[column]) expect(Encryptor.keyIdOf(row[column] as string)).toBe(newId);
    expect(row.national_id_index.startsWith(`${newIndexId}:`)).toBe(true);
    const identities = await t.ctx.db.selectFrom('identity_index').selectAll().where('family_id', '=', family.id).execute();
    expect(identities.every((i) => i.national_id_index.startsWith(`${newIndexId}:`))).toBe(true);

    // Drop the old keys: everything still reads and is still found.
    t.ctx.keys.encryptor = new Encryptor(parseKeyList(newEncryption, 'enc'));
    t.ctx.keys.indexer = new Indexer(parseKeyList(newIndex, 'idx'));
    const read = (await reception.request('GET', `/api/v1/families/${family.id}`)).json();
    expect(read).toMatchObject({ nationalId: '1000000008', mobile: '+966551239876' });
    expect(read.members[0].nationalId).toBe('2345678904');
    const answers = (await reception.request('GET', `/api/v1/requests/${requestId}`)).json().answers;
    expect(answers).toMatchObject({ 'trainee-name': 'ريم', programme: 'sewing' });
    expect((await reception.request('POST', '/api/v1/families/lookup', { nationalId: '2345678904' })).json().items).toHaveLength(1);
    expect((await reception.request('POST', '/api/v1/families/lookup', { mobile: '0551239876' })).json().items).toHaveLength(1);
    // A duplicate is still caught under the new index.
    const again = await reception.request('POST', '/api/v1/families', {
      headNameAr: 'ريم',
      nationalId: '2345678904',
      city: 'الخبر',
      office: 'khobar',
      category: 'productive-family',
      domains: ['marketing'],
      agreedChannel: 'sms',
      originChannel: 'phone',
      consent: { isGiven: true, privacyNoticeVersion: '2026-1' },
    });
    expect(again.statusCode).toBe(409);

    // Running it again changes nothing.
    expect((await rotateAllKeys(t.ctx)).every((r) => r.rows === 0)).toBe(true);
  });
});
