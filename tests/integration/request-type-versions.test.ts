import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateTo, migrateToLatest, migrationNames } from '../../src/platform/db/migrate.js';
import { buildFamily, buildRequest, buildRequestType, PROJECT_CHECKLIST } from './factories.js';
import { type Agent, buildStaff, createTestApp, ENGINE, type StaffFixture, sessionFor, type TestApp } from './harness.js';

/**
 * Issue 26 §3 (B5, C2, G2): request types have real versions — one snapshot per create and edit,
 * with who and when — and a request records the version it was filed under, at intake, in the same
 * transaction. A type edited while a request is being filed: the request keeps its version (its
 * criteria and checklist too), and the next one is filed under the new version.
 */
let t: TestApp;
let admin: Agent;
let reception: Agent;
let administrator: StaffFixture;

const EXTRA_DOCUMENT = { key: 'licence', kind: 'document', labelAr: 'صورة الترخيص', labelEn: 'Licence', isRequired: true };

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-12-01T08:00:00.000Z');
  administrator = await buildStaff(t, { roles: ['administrator'], username: 'salma.settings' });
  admin = await sessionFor(t, administrator);
  reception = await sessionFor(t, await buildStaff(t, { roles: ['reception'] }));
}, 120_000);
afterAll(async () => {
  await t.close();
});

const versionsOf = async (code: string) => {
  const response = await admin.request('GET', `/api/v1/settings/request-types/${code}/versions`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items as Array<{
    version: number;
    criteriaAr: string;
    checklist: unknown[];
    createdBy: string | null;
    createdAt: string;
  }>;
};

const edit = async (code: string, version: number, changes: Record<string, unknown>) => {
  const response = await admin.request('PUT', `/api/v1/settings/request-types/${code}`, { ...changes, version });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { version: number };
};

const fileDraft = async (typeCode: string, familyId: string) => {
  const response = await reception.request('POST', '/api/v1/requests', {
    idempotencyKey: randomUUID(),
    familyId,
    typeCode,
    channel: 'letter',
    answers: { project: 'مشغل خياطة' },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; typeVersion: number; version: number };
};

const requestOf = async (id: string) => (await reception.request('GET', `/api/v1/requests/${id}`)).json();

describe(`request type versions (issue 26 §3) [${ENGINE}]`, () => {
  it('B5, C2: each create and edit of a request type writes one version with its criteria, checklist, days, who and when', async () => {
    const { code } = await buildRequestType(t, { by: admin, responseWorkingDays: 10, warningThreshold: 3 });
    const [first, ...none] = await versionsOf(code);
    expect(none).toEqual([]);
    expect(first).toMatchObject({
      version: 1,
      criteriaAr: 'أسرة منتجة مسجلة لدى الجمعية.',
      createdBy: administrator.id,
      createdByName: 'Test salma.settings',
    });
    expect(first?.checklist).toEqual(PROJECT_CHECKLIST);

    t.clock.advance(60_000);
    const second = await edit(code, 1, { criteriaAr: 'أسرة منتجة مسجلة منذ سنة.', responseWorkingDays: 12 });
    expect(second.version).toBe(2);
    const third = await edit(code, 2, { checklist: [...PROJECT_CHECKLIST, EXTRA_DOCUMENT] });
    expect(third.version).toBe(3);

    const versions = await versionsOf(code);
    expect(versions.map((v) => v.version)).toEqual([3, 2, 1]);
    expect(versions[1]).toMatchObject({ criteriaAr: 'أسرة منتجة مسجلة منذ سنة.', responseWorkingDays: 12, createdBy: administrator.id });
    expect(versions[0]?.checklist).toHaveLength(2);
    expect(versions[2]).toMatchObject({ criteriaAr: 'أسرة منتجة مسجلة لدى الجمعية.', responseWorkingDays: 10 });
    expect((versions[1]?.createdAt ?? '') > (versions[2]?.createdAt ?? '')).toBe(true);

    // A refused edit (stale version) writes no version.
    const stale = await admin.request('PUT', `/api/v1/settings/request-types/${code}`, { criteriaAr: 'قديم', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect((await versionsOf(code)).map((v) => v.version)).toEqual([3, 2, 1]);
    expect((await admin.request('GET', '/api/v1/settings/request-types/no-such-type/versions')).statusCode).toBe(404);
  });

  it('C2: a type edited while a request is being filed — the request keeps the version it was filed under, with its checklist; the next is filed under the new one', async () => {
    const { code } = await buildRequestType(t, { by: admin });
    const familyId = (await buildFamily(t, { by: reception })).id;
    const draft = await fileDraft(code, familyId);
    expect(draft.typeVersion).toBe(1);

    // While the draft is being filled, the type gains a required document.
    await edit(code, 1, { checklist: [...PROJECT_CHECKLIST, EXTRA_DOCUMENT] });
    const kept = await requestOf(draft.id);
    expect(kept.typeVersion).toBe(1);
    expect(kept.completeness.missing).not.toContain('licence');
    const answered = await reception.request('PATCH', `/api/v1/requests/${draft.id}`, {
      answers: { project: 'مشغل تطريز' },
      version: kept.version,
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json().typeVersion).toBe(1);

    // Signed and submitted under version 1: complete without the document version 2 asks for.
    const signed = await reception.request('POST', `/api/v1/requests/${draft.id}/attestations`, {
      method: 'signature-pad',
      signaturePng:
        'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      dataSha256: answered.json().dataSha256,
    });
    expect(signed.statusCode, signed.body).toBe(201);
    const submitted = await reception.request('POST', `/api/v1/requests/${draft.id}/transitions`, { action: 'submit' });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'complete', typeVersion: 1 });

    // The next request is filed under version 2, and misses the new document.
    const next = await fileDraft(code, familyId);
    expect(next.typeVersion).toBe(2);
    expect((await requestOf(next.id)).completeness.missing).toContain('licence');
    const drafts = (await reception.request('GET', '/api/v1/requests?list=reception')).json().items as Array<{
      id: string;
      isChecklistSatisfied: boolean;
    }>;
    expect(drafts.find((r) => r.id === next.id)?.isChecklistSatisfied).toBe(false);
  });

  it('C2: requests filed at the same moment as edits each record a version that existed, and keep it', async () => {
    const { code } = await buildRequestType(t, { by: admin });
    const familyId = (await buildFamily(t, { by: reception })).id;
    const edits = (async () => {
      for (let version = 1; version <= 4; version += 1) await edit(code, version, { criteriaAr: `معايير النسخة ${version + 1}` });
    })();
    const [filed] = await Promise.all([Promise.all(Array.from({ length: 6 }, () => fileDraft(code, familyId))), edits]);
    const seen = filed.map((r) => r.typeVersion);
    for (const version of seen) expect(version).toBeGreaterThanOrEqual(1);
    for (const version of seen) expect(version).toBeLessThanOrEqual(5);
    const rows = await t.ctx.db
      .selectFrom('requests')
      .innerJoin('request_type_versions as v', (join) =>
        join.onRef('v.type_code', '=', 'requests.type_code').onRef('v.version', '=', 'requests.type_version'),
      )
      .select(['requests.id', 'v.version'])
      .where('requests.type_code', '=', code)
      .execute();
    expect(rows).toHaveLength(6);
    await edit(code, 5, { criteriaAr: 'بعد ذلك' });
    for (const request of filed) expect((await requestOf(request.id)).typeVersion).toBe(request.typeVersion);
  });

  it('0041: on an existing installation every type gets one version (its current one) and every request points at it', async () => {
    const { code } = await buildRequestType(t, { by: admin });
    await edit(code, 1, { criteriaAr: 'معدلة' });
    const request = await buildRequest(t, { by: reception, typeCode: code, isDraft: true });
    const before = migrationNames()
      .filter((name) => name < '0041')
      .at(-1) as string;
    await migrateTo(t.ctx.db, before);
    await migrateToLatest(t.ctx.db);
    const versions = await t.ctx.db.selectFrom('request_type_versions').selectAll().where('type_code', '=', code).execute();
    expect(versions.map((v) => [v.version, v.criteria_ar])).toEqual([[2, 'معدلة']]);
    const row = await t.ctx.db.selectFrom('requests').select('type_version').where('id', '=', request.id).executeTakeFirstOrThrow();
    expect(row.type_version).toBe(2);
  });
});
