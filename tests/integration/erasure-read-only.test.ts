import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFamily, buildRequest, buildRequestType, familyBody, SIGNATURE_PNG } from './factories.js';
import { type Agent, buildStaff, createTestApp, ENGINE, signIn, type TestApp } from './harness.js';
import { portalAgentFor } from './portal-support.js';

/**
 * Issue 25 §5 (F2; docs/decisions/014-erasure.md): an erased family («أسرة مجهّلة رقم N») is
 * read-only. Every write about it — the family, its members and contacts, its consents, a new
 * request or complaint for it, the portal — answers 409 `family.erased` and changes nothing, so no
 * one can put personal data back behind the erasure ledger's back; a bulk send no longer counts it.
 * Its page, its requests and its consents stay readable, with no write abilities.
 */
let t: TestApp;
let reception: Agent;
let officer: Agent;
let admin: Agent;
let family: { id: string; version: number; nationalId: string };
let typeCode: string;
let draftId: string;

const OFFICE = 'qatif';

beforeAll(async () => {
  t = await createTestApp();
  reception = await signIn(t, await buildStaff(t, { roles: ['reception', 'contact-officer'] }));
  officer = await signIn(t, await buildStaff(t, { roles: ['privacy-officer'] }));
  admin = await signIn(t, await buildStaff(t, { roles: ['administrator'] }));
  const built = await buildFamily(t, { by: reception, office: OFFICE, email: 'family@example.sa' });
  family = built;
  typeCode = (await buildRequestType(t)).code;
  draftId = (await buildRequest(t, { by: reception, familyId: family.id, typeCode, isDraft: true })).id;
}, 60_000);
afterAll(async () => {
  await t.close();
});

const audienceCount = async () =>
  (await admin.request('POST', '/api/v1/notifications/bulk-sends/preview', { audience: { office: OFFICE } })).json().total as number;

/** What a write could change: the family's row, its members, consents, requests and complaints. */
async function snapshot() {
  const db = t.ctx.db;
  const row = await db.selectFrom('families').selectAll().where('id', '=', family.id).executeTakeFirstOrThrow();
  const count = async (table: 'household_members' | 'family_consents' | 'requests' | 'complaints') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .where('family_id', '=', family.id)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    row,
    members: await count('household_members'),
    consents: await count('family_consents'),
    requests: await count('requests'),
    complaints: await count('complaints'),
  };
}

describe(`an erased family is read-only (issue 25 §5, F2) [${ENGINE}]`, () => {
  it('F2 (§5): after the erasure every write about the family answers 409 family.erased and changes nothing; reads stay, abilities are empty', async () => {
    expect(await audienceCount()).toBe(1);
    const erased = await officer.request('POST', '/api/v1/privacy/erasures', {
      familyId: family.id,
      reason: 'data-subject-request',
      requestRef: 'PR-READ-ONLY',
    });
    expect(erased.statusCode).toBe(201);
    const version = (await reception.request('GET', `/api/v1/families/${family.id}`)).json().version as number;
    // A draft holds no erasure (requests.erasure-holds.ts), so the erased family still has one: it takes nothing either.
    const draft = (await reception.request('GET', `/api/v1/requests/${draftId}`)).json();
    const before = await snapshot();

    const writes: [string, () => ReturnType<Agent['request']>][] = [
      ['edit the family', () => reception.request('PATCH', `/api/v1/families/${family.id}`, { version, city: 'الخبر' })],
      [
        'put a name back',
        () => reception.request('PATCH', `/api/v1/families/${family.id}`, { version, headNameAr: 'زبيدة خليل القحطاني' }),
      ],
      [
        'add a member',
        () => reception.request('PATCH', `/api/v1/families/${family.id}`, { version, members: [{ name: 'سارة', relation: 'daughter' }] }),
      ],
      ['add contacts', () => reception.request('PATCH', `/api/v1/families/${family.id}`, { version, mobile: '0551112233' })],
      ['verify its e-mail', () => reception.request('POST', `/api/v1/families/${family.id}/email-verification`, { version })],
      [
        'record a consent',
        () =>
          reception.request('POST', `/api/v1/families/${family.id}/consents`, { purpose: 'surveys', action: 'give', channel: 'interview' }),
      ],
      [
        'withdraw a consent',
        () =>
          reception.request('POST', `/api/v1/families/${family.id}/consents`, {
            purpose: 'surveys',
            action: 'withdraw',
            channel: 'interview',
          }),
      ],
      [
        'file a new request',
        () =>
          reception.request('POST', '/api/v1/requests', {
            idempotencyKey: randomUUID(),
            familyId: family.id,
            typeCode,
            channel: 'interview',
            answers: { project: 'مشغل خياطة منزلي' },
          }),
      ],
      [
        'answer its draft request',
        () => reception.request('PATCH', `/api/v1/requests/${draftId}`, { answers: { project: 'مشغل خياطة' }, version: draft.version }),
      ],
      [
        'attest its draft request',
        () =>
          reception.request('POST', `/api/v1/requests/${draftId}/attestations`, {
            method: 'signature-pad',
            signaturePng: SIGNATURE_PNG,
            dataSha256: draft.dataSha256,
          }),
      ],
      ['submit its draft request', () => reception.request('POST', `/api/v1/requests/${draftId}/transitions`, { action: 'submit' })],
      [
        'file a complaint for it',
        () =>
          reception.request('POST', '/api/v1/complaints/intake', {
            kind: 'complaint',
            channel: 'fax',
            name: 'فاطمة الزهراني',
            mobile: '0559876543',
            topic: 'aid-disbursement',
            description: 'وصلتنا رسالة بالفاكس تفيد بتأخر صرف الدعم المالي للأسرة ثلاثة أشهر.',
            familyId: family.id,
          }),
      ],
      [
        'file an inquiry for it',
        () =>
          reception.request('POST', '/api/v1/complaints/intake', {
            kind: 'inquiry',
            channel: 'fax',
            name: 'فاطمة الزهراني',
            mobile: '0559876543',
            topic: 'eligibility',
            description: 'تسأل الأسرة عن شروط الاستحقاق للدعم الموسمي.',
            familyId: family.id,
          }),
      ],
    ];
    for (const [name, write] of writes) {
      const answer = await write();
      expect({ name, status: answer.statusCode, code: answer.json().code }).toEqual({ name, status: 409, code: 'family.erased' });
      expect(answer.headers['content-type']).toMatch(/application\/problem\+json/);
    }

    // The portal: a session the family may still hold cannot withdraw a consent or apply.
    const session = await t.ctx.sessions.create('family', family.id, 'active');
    const portal = portalAgentFor(t, session.token, session.row.csrf_token);
    const withdrawn = await portal.request('POST', '/api/v1/portal/consents/withdraw', { purpose: 'surveys' });
    expect([withdrawn.statusCode, withdrawn.json().code]).toEqual([409, 'family.erased']);
    const applied = await portal.request('POST', '/api/v1/portal/requests', {
      idempotencyKey: randomUUID(),
      typeCode,
      answers: { project: 'مشغل خياطة منزلي' },
      privacyNoticeVersion: familyBody().privacyNoticeVersion,
    });
    expect([applied.statusCode, applied.json().code]).toEqual([409, 'family.erased']);

    expect(await snapshot()).toEqual(before);
    // A bulk send to its office no longer names it.
    expect(await audienceCount()).toBe(0);

    // Reads stay: the family (anonymised, no write abilities), its requests and its consents.
    const page = await reception.request('GET', `/api/v1/families/${family.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ isErased: true, canEdit: false, abilities: { edit: false } });
    expect(page.json().headNameAr).toMatch(/^أسرة مجهّلة رقم \d+$/);
    const listed = (await reception.request('GET', `/api/v1/families?office=${OFFICE}`)).json().items;
    expect(listed.map((f: { id: string; abilities: { edit: boolean } }) => [f.id, f.abilities.edit])).toEqual([[family.id, false]]);
    const requests = await reception.request('GET', `/api/v1/requests?familyId=${family.id}`);
    expect(requests.statusCode).toBe(200);
    expect(requests.json().items.map((r: { id: string }) => r.id)).toContain(draftId);
    expect((await reception.request('GET', `/api/v1/requests/${draftId}`)).statusCode).toBe(200);
    expect((await reception.request('GET', `/api/v1/families/${family.id}/consents`)).statusCode).toBe(200);
  });

  it('F2 (§5): a family not erased keeps its write abilities and its writes', async () => {
    const other = await buildFamily(t, { by: reception });
    const page = (await reception.request('GET', `/api/v1/families/${other.id}`)).json();
    expect(page).toMatchObject({ isErased: false, abilities: { edit: true } });
    const edited = await reception.request('PATCH', `/api/v1/families/${other.id}`, { version: page.version, city: 'الخبر' });
    expect(edited.statusCode).toBe(200);
  });
});
