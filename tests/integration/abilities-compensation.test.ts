import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDF } from './complaints-fixtures.js';
import { buildFamily, buildStaff, type FamilyFixture, multipartUpload, SIGNATURE_PNG } from './factories.js';
import { type Agent, createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';

/**
 * Issue 19 §2: a compensation case's details say what this user may do with it now — record a ruling,
 * offer, write the terms, take the family's signature of them, settle, pay — and each offer whether they may approve or answer it, from the
 * compensation policy and the case's step; where an ability is false, calling the route answers 409
 * (or 403 for a role that may not), so the screens never offer what the server refuses.
 */
let t: TestApp;
let manager: Agent;
let otherManager: Agent;
let reception: Agent;
/** A manager who also works the reception desk: a witness of attestations (C4). */
let deskManager: Agent;
let family: FamilyFixture;
const BASE = '/api/v1/compensation-cases';

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-03-10T06:00:00.000Z');
  manager = await sessionFor(t, await buildStaff(t, { roles: ['management'] }));
  otherManager = await sessionFor(t, await buildStaff(t, { roles: ['management'] }));
  reception = await sessionFor(t, await buildStaff(t, { roles: ['reception'] }));
  deskManager = await sessionFor(t, await buildStaff(t, { roles: ['management', 'reception'] }));
  family = await buildFamily(t, { by: reception });
}, 120_000);
afterAll(async () => {
  await t.close();
});

async function detailFor(agent: Agent, id: string) {
  const response = await agent.request('GET', `${BASE}/${id}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

const ruling = (id: string, fields: Record<string, string> = {}) =>
  multipartUpload(t, manager, `${BASE}/${id}/rulings`, {
    fields: { authority: 'المحكمة العامة بالدمام', rulingNumber: '4471/1447', rulingDay: '2026-03-01', isFinal: 'true', ...fields },
    file: { name: 'ruling.pdf', bytes: PDF },
  });

const NONE = { recordRuling: false, offer: false, saveSettlement: false, settle: false, pay: false, attestSettlement: false };

describe(`compensation abilities (issue 19 §2) [${ENGINE}]`, () => {
  it('each step offers only what its routes accept; a second approval is offered to another manager, never to whoever offered', async () => {
    const opened = await manager.request('POST', BASE, {
      familyId: family.id,
      origin: 'letter',
      claim: 'تلفت بضاعة الأسرة في معرض الجمعية بسبب سوء التخزين.',
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const id = opened.json().id;
    const offer = (amount: number) => manager.request('POST', `${BASE}/${id}/rounds`, { offerAmountHalalas: amount, hasApology: false });
    // D1: before harm is established only a ruling may be recorded; an offer is refused.
    expect(opened.json().abilities).toEqual({ ...NONE, recordRuling: true });
    expect((await offer(100_000)).statusCode).toBe(409);

    // A final ruling without an amount: established, and every offer waits for a second approval.
    const established = await ruling(id, { summary: 'ثبت خطأ الجمعية في تخزين البضاعة' });
    expect(established.statusCode, established.body).toBe(201);
    expect(established.json().abilities).toEqual({ ...NONE, recordRuling: true, offer: true });

    const offered = await manager.request('POST', `${BASE}/${id}/rounds`, { offerAmountHalalas: 200_000, hasApology: true });
    expect(offered.statusCode, offered.body).toBe(201);
    const roundId = offered.json().rounds[0].id;
    // One offer at a time; whoever offered neither approves nor answers it yet.
    expect(offered.json().abilities).toEqual({ ...NONE, recordRuling: true });
    expect(offered.json().rounds[0].abilities).toEqual({ approve: false, answer: false });
    expect((await offer(150_000)).statusCode).toBe(409);
    const self = await manager.request('POST', `${BASE}/${id}/rounds/${roundId}/approval`);
    expect(self.json().code).toBe('compensation.approval-self');
    const early = await manager.request('POST', `${BASE}/${id}/rounds/${roundId}/answer`, { answer: 'accepted' });
    expect(early.json().code).toBe('compensation.approval-required');
    expect((await detailFor(otherManager, id)).rounds[0].abilities).toEqual({ approve: true, answer: false });

    const approved = await otherManager.request('POST', `${BASE}/${id}/rounds/${roundId}/approval`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().rounds[0].abilities).toEqual({ approve: false, answer: true });
    expect((await detailFor(manager, id)).rounds[0].abilities).toEqual({ approve: false, answer: true });

    const accepted = await manager.request('POST', `${BASE}/${id}/rounds/${roundId}/answer`, { answer: 'accepted' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().rounds[0].abilities).toEqual({ approve: false, answer: false });
    expect(accepted.json().abilities).toEqual({ ...NONE, recordRuling: true, offer: true, saveSettlement: true });
    expect((await manager.request('POST', `${BASE}/${id}/settle`)).statusCode).toBe(409);

    // C4: settling waits for the family's attestation of the terms as they are.
    const terms = await manager.request('PUT', `${BASE}/${id}/settlement`, { amountHalalas: 200_000, schedule: 'دفعة واحدة' });
    expect(terms.statusCode, terms.body).toBe(200);
    expect(terms.json().abilities.settle).toBe(false);
    // C4: the signature is taken on the case page by a witness; a manager alone is not one (403).
    expect(terms.json().abilities.attestSettlement).toBe(false);
    expect((await detailFor(deskManager, id)).abilities).toEqual({
      ...NONE,
      recordRuling: true,
      offer: true,
      saveSettlement: true,
      attestSettlement: true,
    });
    const notWitness = await manager.request('POST', `/api/v1/attestations/compensation-settlement/${id}/signature`, {
      dataSha256: terms.json().settlement.dataSha256,
      signaturePng: SIGNATURE_PNG,
    });
    expect(notWitness.statusCode).toBe(403);
    const attested = await reception.request('POST', `/api/v1/attestations/compensation-settlement/${id}/signature`, {
      dataSha256: terms.json().settlement.dataSha256,
      signaturePng: SIGNATURE_PNG,
    });
    expect(attested.statusCode, attested.body).toBe(201);
    expect((await detailFor(manager, id)).abilities).toEqual({
      ...NONE,
      recordRuling: true,
      offer: true,
      saveSettlement: true,
      settle: true,
    });
    expect((await detailFor(deskManager, id)).abilities.attestSettlement).toBe(false);

    const settled = await manager.request('POST', `${BASE}/${id}/settle`);
    expect(settled.statusCode, settled.body).toBe(200);
    // Settled: payments only; a ruling, an offer or new terms are refused.
    expect(settled.json().abilities).toEqual({ ...NONE, pay: true });
    expect((await ruling(id)).statusCode).toBe(409);
    expect((await offer(200_000)).statusCode).toBe(409);

    const paid = await multipartUpload(t, manager, `${BASE}/${id}/payments`, {
      fields: { amountHalalas: '200000', method: 'bank-transfer', paidDay: '2026-03-12' },
      file: { name: 'receipt.pdf', bytes: PDF },
    });
    expect(paid.statusCode, paid.body).toBe(201);
    expect(paid.json()).toMatchObject({ status: 'closed', abilities: NONE });
  });
});
