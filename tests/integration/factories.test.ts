import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseNationalId } from '../../src/domain/national-id.js';
import {
  agentOf,
  buildCommittee,
  buildComplaint,
  buildFamily,
  buildRequest,
  buildRequestType,
  buildStaff,
  newMobile,
  newNationalId,
} from './factories.js';
import { createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';

/** The factories other tests build on: valid, unique records made through the API. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe(`factories [${ENGINE}]`, () => {
  it('gives valid, unique ID numbers (citizens and residents) and mobiles', () => {
    const ids = [...Array.from({ length: 50 }, () => newNationalId()), newNationalId({ kind: 'resident' })];
    expect(ids.map((id) => parseNationalId(id))).toEqual(ids.map((id) => expect.objectContaining({ isValid: true, value: id })));
    expect(ids.at(-1)).toMatch(/^2/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(newMobile()).toMatch(/^\+9665\d{8}$/);
  });

  it('registers families, by the test app’s own receptionist or by the one given', async () => {
    const first = await buildFamily(t);
    const khobar = await buildStaff(t, { roles: ['reception'], scope: { categories: [], domains: [], offices: ['khobar'] } });
    const second = await buildFamily(t, { by: khobar, office: 'khobar', headNameAr: 'نورة سعد القحطاني' });
    expect(first.nationalId).not.toBe(second.nationalId);
    const read = await (await sessionFor(t, khobar)).request('GET', `/api/v1/families/${second.id}`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({ reference: second.reference, headNameAr: 'نورة سعد القحطاني', office: 'khobar' });
    expect((await (await sessionFor(t, khobar)).request('GET', `/api/v1/families/${first.id}`)).statusCode).toBe(404);
  });

  it('makes requests complete (answered, signed, submitted) or left as drafts, of a type made for them or the one given', async () => {
    const complete = await buildRequest(t);
    expect(complete.status).toBe('complete');
    const { code } = await buildRequestType(t, { warningThreshold: 2 });
    const draft = await buildRequest(t, { typeCode: code, isDraft: true, family: { office: 'khobar' } });
    expect(draft.status).toBe('draft');
    const read = await (await agentOf(t, undefined, 'reception')).request('GET', `/api/v1/requests/${draft.id}`);
    expect(read.json()).toMatchObject({ typeCode: code, familyId: draft.familyId });
  });

  it('creates committees and complaints from the public form and from staff intake', async () => {
    const committee = await buildCommittee(t);
    expect(committee.members).toHaveLength(3);
    const read = await (await agentOf(t, undefined, 'administrator')).request('GET', `/api/v1/committees/${committee.id}`);
    expect(read.json()).toMatchObject({ code: committee.code, chairId: committee.chair.id, quorum: 2 });
    const filed = await buildComplaint(t);
    const asked = await buildComplaint(t, { kind: 'inquiry' });
    const faxed = await buildComplaint(t, { by: await buildStaff(t, { roles: ['reception'] }) });
    const rows = await t.ctx.db
      .selectFrom('complaints')
      .select(['id', 'kind', 'channel', 'reference'])
      .where('id', 'in', [filed.id, asked.id, faxed.id])
      .orderBy('reference')
      .execute();
    expect(rows.map((r) => [r.kind, r.channel]).sort()).toEqual([
      ['complaint', 'fax'],
      ['complaint', 'website'],
      ['inquiry', 'website'],
    ]);
    expect(new Set([filed.trackingCode, asked.trackingCode, faxed.trackingCode]).size).toBe(3);
  });
});
