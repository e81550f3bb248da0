import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFamily, buildRequest, buildRequestType, buildStaff, SIGNATURE_PNG } from './factories.js';
import { type Agent, createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';

/**
 * Issue 19 §2: a request's list item and details carry what this user may do with it, from the
 * requests policy and the request's status; a role without an ability never receives it, and calling
 * the action anyway answers 403 (or 404 when the request is not theirs to see).
 */
let t: TestApp;
let reception: Agent;
let management: Agent;
let volunteer: Agent;
let typeCode: string;

const NONE = { edit: false, attest: false, submit: false, requestInformation: false, informationReceived: false, close: false };

beforeAll(async () => {
  t = await createTestApp();
  reception = await sessionFor(t, await buildStaff(t, { roles: ['reception'] }));
  management = await sessionFor(t, await buildStaff(t, { roles: ['management'] }));
  volunteer = await sessionFor(t, await buildStaff(t, { roles: ['volunteer'] }));
  typeCode = (await buildRequestType(t)).code;
});
afterAll(async () => {
  await t.close();
});

async function abilitiesOf(agent: Agent, id: string) {
  const detail = await agent.request('GET', `/api/v1/requests/${id}`);
  expect(detail.statusCode).toBe(200);
  const list = await agent.request('GET', `/api/v1/requests?familyId=${detail.json().familyId}`);
  expect(list.statusCode).toBe(200);
  const item = list.json().items.find((row: { id: string }) => row.id === id);
  expect(item.abilities).toEqual(detail.json().abilities);
  return detail.json();
}

describe(`request abilities (issue 19 §2) [${ENGINE}]`, () => {
  it('follow the status: a draft is edited and attested, then submitted; a complete request offers none of them', async () => {
    const draft = await buildRequest(t, { by: reception, typeCode, isDraft: true });
    const before = await abilitiesOf(reception, draft.id);
    expect(before.abilities).toEqual({ ...NONE, edit: true, attest: true, submit: true });
    expect(before.allowedActions).toEqual(['submit']);
    expect(before.canEdit).toBe(true);

    const signed = await reception.request('POST', `/api/v1/requests/${draft.id}/attestations`, {
      method: 'signature-pad',
      signaturePng: SIGNATURE_PNG,
      dataSha256: before.dataSha256,
    });
    expect(signed.statusCode).toBe(201);
    expect((await abilitiesOf(reception, draft.id)).abilities).toEqual({ ...NONE, edit: true, submit: true });

    expect((await reception.request('POST', `/api/v1/requests/${draft.id}/transitions`, { action: 'submit' })).statusCode).toBe(200);
    const after = await abilitiesOf(reception, draft.id);
    expect(after.abilities).toEqual(NONE);
    expect(after.allowedActions).toEqual([]);
    const edit = await reception.request('PATCH', `/api/v1/requests/${draft.id}`, { version: after.version, answers: { project: 'x' } });
    expect(edit.statusCode).toBe(409);
  });

  it('management reads a draft with no ability, and each action answers 403', async () => {
    const draft = await buildRequest(t, { by: reception, typeCode, isDraft: true });
    const read = await abilitiesOf(management, draft.id);
    expect(read.abilities).toEqual(NONE);
    expect(read.allowedActions).toEqual([]);
    const edit = await management.request('PATCH', `/api/v1/requests/${draft.id}`, { version: read.version, answers: { project: 'x' } });
    expect(edit.statusCode).toBe(403);
    const attest = await management.request('POST', `/api/v1/requests/${draft.id}/attestations`, {
      method: 'signature-pad',
      signaturePng: SIGNATURE_PNG,
      dataSha256: read.dataSha256,
    });
    expect(attest.statusCode).toBe(403);
    expect((await management.request('POST', `/api/v1/requests/${draft.id}/transitions`, { action: 'submit' })).statusCode).toBe(403);
  });

  it("a volunteer works on their own draft only; reception's draft is not theirs (404)", async () => {
    const family = await buildFamily(t, { by: volunteer });
    const own = await buildRequest(t, { by: volunteer, familyId: family.id, typeCode, channel: 'volunteer', isDraft: true });
    expect((await abilitiesOf(volunteer, own.id)).abilities).toEqual({ ...NONE, edit: true, attest: true, submit: true });
    const other = await buildRequest(t, { by: reception, typeCode, isDraft: true });
    expect((await volunteer.request('POST', `/api/v1/requests/${other.id}/transitions`, { action: 'submit' })).statusCode).toBe(404);
  });
});
