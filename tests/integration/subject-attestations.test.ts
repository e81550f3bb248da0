import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalSubjectData } from '../../src/domain/attestation.js';
import { type AttestationSubject, attestationSubjects, voidChangedAttestation } from '../../src/modules/attestations/index.js';
import { sha256Hex } from '../../src/platform/crypto/digest.js';
import { buildFamily, buildStaff, type FamilyFixture, multipartUpload, SIGNATURE_PNG } from './factories.js';
import { type Agent, createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';
import { lastCodeSentTo, setSmsGateway, signInFamily } from './portal-support.js';

/**
 * Issue 22 (C4, D2): attestation of a subject that is not a request. A test-only kind ("agreements",
 * kept in memory, registered here through the same provider mechanism an area uses in app.ts)
 * supplies its canonical data; the attestation is the SHA-256 of it, captured by a signature on the
 * screen with a witness, the signed paper form's scan, or a one-time code in the portal; any change
 * to the data voids it.
 */
let t: TestApp;
let reception: Agent;
let family: FamilyFixture;
let other: FamilyFixture;
const KIND = 'test-agreement';
const agreements = new Map<string, { familyId: string; reference: string; amount: number; isOpen: boolean }>();
const testKind: AttestationSubject = {
  attestedData: async (_db, _ctx, id) => {
    const a = agreements.get(id);
    if (!a) return null;
    return {
      familyId: a.familyId,
      reference: a.reference,
      titleAr: 'اتفاقية دعم',
      titleEn: 'Support agreement',
      canonical: canonicalSubjectData(KIND, { reference: a.reference, amount: a.amount, familyId: a.familyId }),
      isAttestable: a.isOpen,
      lines: [{ labelAr: 'مبلغ الدعم', labelEn: 'Amount', value: `${a.amount} ريال` }],
    };
  },
};
const url = (id: string, rest = '') => `/api/v1/attestations/${KIND}/${id}${rest}`;

function newAgreement(familyId: string, amount = 5000): string {
  const id = crypto.randomUUID();
  agreements.set(id, { familyId, reference: `AGR-2026-${String(agreements.size + 1).padStart(6, '0')}`, amount, isOpen: true });
  return id;
}

/** Changes the agreement's terms and lets the attestation machine void what no longer matches (the kind's job, in its transaction). */
async function changeAmount(id: string, amount: number) {
  (agreements.get(id) as { amount: number }).amount = amount;
  return t.ctx.db.transaction().execute((trx) => voidChangedAttestation(trx, t.ctx, { kind: 'system', id: null }, KIND, id));
}

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-03-10T06:00:00.000Z');
  setSmsGateway(t, true);
  reception = await sessionFor(t, await buildStaff(t, { roles: ['reception'] }));
  family = await buildFamily(t, { by: reception });
  other = await buildFamily(t, { by: reception });
  t.ctx.hooks.provide(attestationSubjects, KIND, testKind);
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe(`attestation of any subject [${ENGINE}]`, () => {
  it('C4, issue 22: a signature with a staff witness binds the SHA-256 of the kind’s canonical data; a change voids it', async () => {
    const id = newAgreement(family.id);
    const state = await reception.request('GET', url(id));
    expect(state.statusCode, state.body).toBe(200);
    const expected = sha256Hex(canonicalSubjectData(KIND, { reference: agreements.get(id)?.reference, amount: 5000, familyId: family.id }));
    expect(state.json()).toMatchObject({
      subjectKind: KIND,
      dataSha256: expected,
      isAttested: false,
      latest: null,
      titleAr: 'اتفاقية دعم',
    });

    const stale = await reception.request('POST', url(id, '/signature'), { signaturePng: SIGNATURE_PNG, dataSha256: 'ab'.repeat(32) });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('attestation.data-changed');
    const signed = await reception.request('POST', url(id, '/signature'), { signaturePng: SIGNATURE_PNG, dataSha256: expected });
    expect(signed.statusCode, signed.body).toBe(201);
    expect(signed.json()).toMatchObject({ method: 'signature-pad', dataSha256: expected, isValid: true, voidedAt: null });
    expect(signed.json().witnessId).not.toBeNull();
    expect((await reception.request('GET', url(id))).json().isAttested).toBe(true);

    // Any change to the data voids it: at once on reading, and recorded by the kind's change.
    agreements.set(id, {
      ...(agreements.get(id) as { familyId: string; reference: string; amount: number; isOpen: boolean }),
      amount: 5001,
    });
    const changed = (await reception.request('GET', url(id))).json();
    expect(changed.isAttested).toBe(false);
    expect(changed.dataSha256).not.toBe(expected);
    expect(await changeAmount(id, 5001)).toBe(true);
    const voided = (await reception.request('GET', url(id))).json();
    expect(voided.latest).toMatchObject({ voidReason: 'data-changed', isValid: false });
    expect(voided.latest.voidedAt).not.toBeNull();
    // Back to the attested terms, the voided attestation stays void: a new one is needed.
    await changeAmount(id, 5000);
    expect((await reception.request('GET', url(id))).json().isAttested).toBe(false);
    const audit = await t.ctx.db.selectFrom('audit_events').select('action').where('entity_id', '=', id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['attestation.view', 'attestation.record', 'attestation.void']));
  });

  it('C4, issue 22: the printed form (Arabic, both calendars) carries the code; the signed scan is accepted with it, refused once the data changed', async () => {
    const id = newAgreement(family.id, 7000);
    const state = (await reception.request('GET', url(id))).json();
    const form = await reception.request('GET', url(id, '/form'));
    expect(form.statusCode).toBe(200);
    expect(form.headers['content-type']).toContain('text/html');
    expect(form.body).toContain('<html lang="ar" dir="rtl">');
    expect(form.body).toContain('إقرار بصحة البيانات — اتفاقية دعم');
    expect(form.body).toContain('مبلغ الدعم');
    expect(form.body).toContain(state.formCode);
    expect(form.body).toContain(state.dataSha256);
    expect(form.body).toMatch(/التاريخ: .*هـ/);
    expect(form.body).toMatch(/الموافق: .*م/);
    const scan = { name: 'signed-form.png', bytes: Buffer.from(SIGNATURE_PNG.split(',')[1] as string, 'base64'), type: 'image/png' };

    const noCode = await multipartUpload(t, reception, url(id, '/paper'), { fields: {}, file: scan });
    expect(noCode.statusCode).toBe(400);
    const paper = await multipartUpload(t, reception, url(id, '/paper'), { fields: { formCode: state.formCode }, file: scan });
    expect(paper.statusCode, paper.body).toBe(201);
    expect(paper.json()).toMatchObject({ method: 'paper', dataSha256: state.dataSha256, isValid: true });
    expect(paper.json().evidenceFileId).not.toBeNull();

    await changeAmount(id, 7500);
    const old = await multipartUpload(t, reception, url(id, '/paper'), { fields: { formCode: state.formCode }, file: scan });
    expect(old.statusCode).toBe(409);
    expect(old.json().code).toBe('attestation.stale-form');
  });

  it('C4 online, issue 22: the family attests by a code whose purpose names the kind; the subject must be its own', async () => {
    const id = newAgreement(family.id, 3000);
    const theirs = newAgreement(other.id, 3000);
    const agent = await signInFamily(t, family);
    expect((await agent.request('GET', `/api/v1/portal/attestations/${KIND}/${theirs}`)).statusCode).toBe(404);
    expect((await agent.request('POST', `/api/v1/portal/attestations/${KIND}/${theirs}/start`, {})).statusCode).toBe(404);
    expect((await agent.request('GET', `/api/v1/portal/attestations/no-such-kind/${id}`)).statusCode).toBe(404);

    const summary = await agent.request('GET', `/api/v1/portal/attestations/${KIND}/${id}`);
    expect(summary.statusCode, summary.body).toBe(200);
    expect(summary.json().lines).toEqual([{ labelAr: 'مبلغ الدعم', labelEn: 'Amount', value: '3000 ريال' }]);
    const started = await agent.request('POST', `/api/v1/portal/attestations/${KIND}/${id}/start`, {});
    expect(started.statusCode, started.body).toBe(202);
    const purposes = await t.ctx.db.selectFrom('portal_codes').select('purpose').where('subject_index', '=', id).execute();
    expect(purposes.map((p) => p.purpose)).toEqual([`attestation:${KIND}`]);
    const code = await lastCodeSentTo(t, family.id, `attestation:${KIND}` as 'attestation');

    // A code for this kind is no request attestation's: the request path refuses it.
    const asRequest = await agent.request('POST', `/api/v1/portal/requests/${id}/attestation/verify`, { code });
    expect(asRequest.statusCode).toBe(404);
    const wrong = await agent.request('POST', `/api/v1/portal/attestations/${KIND}/${id}/verify`, {
      code: String((Number(code) + 1) % 1_000_000).padStart(6, '0'),
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('portal.code-invalid');
    const verified = await agent.request('POST', `/api/v1/portal/attestations/${KIND}/${id}/verify`, {
      code,
      dataSha256: summary.json().dataSha256,
    });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json()).toMatchObject({
      method: 'one-time-code',
      witnessId: null,
      isValid: true,
      dataSha256: summary.json().dataSha256,
    });
    expect((await agent.request('POST', `/api/v1/portal/attestations/${KIND}/${id}/verify`, { code })).statusCode).toBe(400);

    expect(await changeAmount(id, 3100)).toBe(true);
    expect((await agent.request('GET', `/api/v1/portal/attestations/${KIND}/${id}`)).json()).toMatchObject({
      isAttested: false,
      latest: { method: 'one-time-code', voidReason: 'data-changed' },
    });
    // A closed subject is no longer attested, by any path.
    (agreements.get(id) as { isOpen: boolean }).isOpen = false;
    expect((await agent.request('POST', `/api/v1/portal/attestations/${KIND}/${id}/start`, {})).statusCode).toBe(409);
    const dataSha256 = (await reception.request('GET', url(id))).json().dataSha256;
    const closed = await reception.request('POST', url(id, '/signature'), { signaturePng: SIGNATURE_PNG, dataSha256 });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().code).toBe('attestation.not-attestable');
  });

  it('F2: staff outside the family’s scope do not see the subject (404); an unknown kind is 404, a bad kind 400', async () => {
    const id = newAgreement(family.id);
    const elsewhere = await sessionFor(
      t,
      await buildStaff(t, { roles: ['reception'], scope: { categories: [], domains: [], offices: ['no-such-office'] } }),
    );
    expect((await elsewhere.request('GET', url(id))).statusCode).toBe(404);
    const sha = (await reception.request('GET', url(id))).json().dataSha256;
    expect((await elsewhere.request('POST', url(id, '/signature'), { signaturePng: SIGNATURE_PNG, dataSha256: sha })).statusCode).toBe(404);
    expect((await reception.request('GET', `/api/v1/attestations/no-such-kind/${id}`)).statusCode).toBe(404);
    expect((await reception.request('GET', `/api/v1/attestations/Bad Kind/${id}`)).statusCode).toBe(400);
  });
});
