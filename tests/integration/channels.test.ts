import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTAKE_CHANNELS } from '../../src/domain/channels.js';
import { PDF } from './complaints-fixtures.js';
import { buildFamily, buildRequest, buildRequestType, type FamilyFixture, multipartUpload } from './factories.js';
import { type Agent, buildStaff, createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';

/**
 * Issue 27 §3 (A1–A6): every channel. Staff record a request, complaint or inquiry received by
 * e-mail (A5, the e-mail attached to a case); a volunteer files an inquiry or a complaint on a
 * family's behalf (A6) within their scope; the three lists filter by channel; the oversight page's
 * counts by channel equal what those filtered lists return.
 */
let t: TestApp;
let reception: Agent;
let volunteer: Agent;
let manager: Agent;
let volunteersFamily: FamilyFixture;
let receptionsFamily: FamilyFixture;
let khobarFamily: FamilyFixture;
let typeCode = '';

function multipart(data: unknown, files: Array<{ name: string; bytes: Buffer }>) {
  const boundary = '----sila-channels';
  const parts: Buffer[] = [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n${JSON.stringify(data)}\r\n`)];
  for (const f of files)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      f.bytes,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** `POST /api/v1/complaints/intake`, with the e-mail (or scans) as files when given. */
function intake(agent: Agent, data: Record<string, unknown>, files: Array<{ name: string; bytes: Buffer }> = []) {
  if (!files.length) return agent.request('POST', '/api/v1/complaints/intake', data);
  const { payload, contentType } = multipart(data, files);
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/complaints/intake',
    cookies: { sila_session: agent.cookie },
    headers: { 'x-csrf-token': agent.csrf, 'content-type': contentType },
    payload,
  });
}

const EMAIL = [{ name: 'received-email.pdf', bytes: PDF }];
const complaintBody = (fields: Record<string, unknown>) => ({
  kind: 'complaint',
  name: 'منيرة العتيبي',
  mobile: '0551234567',
  topic: 'service-delay',
  description: 'تأخر صرف المساعدة المقررة لأسرتنا أكثر من شهرين دون إبلاغنا بالسبب.',
  ...fields,
});
const inquiryBody = (fields: Record<string, unknown>) => ({
  kind: 'inquiry',
  name: 'سعد الحربي',
  email: 'saad@example.com',
  topic: 'eligibility',
  description: 'ما شروط الالتحاق ببرنامج تدريب الأسر المنتجة على الخياطة؟',
  ...fields,
});

beforeAll(async () => {
  t = await createTestApp();
  const dammam = { categories: [], domains: [], offices: ['dammam'] };
  reception = await sessionFor(t, await buildStaff(t, { roles: ['reception'] }));
  volunteer = await sessionFor(t, await buildStaff(t, { roles: ['volunteer'], scope: dammam }));
  manager = await sessionFor(t, await buildStaff(t, { roles: ['management'] }));
  volunteersFamily = await buildFamily(t, { by: volunteer, originChannel: 'volunteer' });
  receptionsFamily = await buildFamily(t, { by: reception });
  khobarFamily = await buildFamily(t, { by: reception, office: 'khobar' });
  typeCode = (await buildRequestType(t)).code;
});
afterAll(async () => {
  await t.close();
});

describe(`every channel (issue 27 §3, A1–A6) [${ENGINE}]`, () => {
  it('A5: staff record a request, a complaint and an inquiry received by e-mail; a case keeps the e-mail attached', async () => {
    const request = await buildRequest(t, { by: reception, familyId: receptionsFamily.id, typeCode, channel: 'email', isDraft: true });
    expect((await reception.request('GET', `/api/v1/requests/${request.id}`)).json()).toMatchObject({ channel: 'email' });
    for (const body of [complaintBody({ channel: 'email' }), inquiryBody({ channel: 'email' })]) {
      const response = await intake(reception, body, EMAIL);
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json().case).toMatchObject({ kind: body.kind, channel: 'email' });
      expect(response.json().case.attachments).toEqual([
        expect.objectContaining({ name: 'received-email.pdf', mediaType: 'application/pdf' }),
      ]);
    }
  });

  it('A5: a request received by e-mail keeps the e-mail as its "received message" document; another channel’s request has no such item', async () => {
    const byEmail = await buildRequest(t, { by: reception, familyId: receptionsFamily.id, typeCode, channel: 'email', isDraft: true });
    const attach = (id: string) =>
      multipartUpload(t, reception, `/api/v1/requests/${id}/documents`, {
        fields: { itemKey: 'received-message' },
        file: { name: 'received-email.pdf', bytes: PDF },
      });
    const kept = await attach(byEmail.id);
    expect(kept.statusCode, kept.body).toBe(201);
    expect(kept.json().documents).toEqual([expect.objectContaining({ itemKey: 'received-message', name: 'received-email.pdf' })]);
    const byPhone = await buildRequest(t, { by: reception, familyId: receptionsFamily.id, typeCode, channel: 'phone', isDraft: true });
    const refused = await attach(byPhone.id);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0]).toMatchObject({ pointer: '/itemKey', code: 'checklist.unknown-item' });
  });

  it('A5: a case received by e-mail without the e-mail attached is refused at the file, storing nothing', async () => {
    const before = (await t.ctx.db.selectFrom('complaints').select('id').execute()).length;
    const refused = await intake(reception, complaintBody({ channel: 'email' }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([expect.objectContaining({ pointer: '/file', code: 'case.email-not-attached' })]);
    expect((await t.ctx.db.selectFrom('complaints').select('id').execute()).length).toBe(before);
  });

  it('A6: a volunteer files an inquiry and a complaint for a family they registered; acknowledged on its channel, then theirs to read', async () => {
    const filed: string[] = [];
    for (const body of [
      inquiryBody({ channel: 'volunteer', familyId: volunteersFamily.id, name: undefined, email: undefined }),
      complaintBody({ channel: 'volunteer', familyId: volunteersFamily.id, name: undefined, mobile: undefined }),
    ]) {
      const response = await intake(volunteer, body);
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json().case).toMatchObject({ kind: body.kind, channel: 'volunteer', familyId: volunteersFamily.id });
      expect(response.json().case.step).not.toBe('received'); // acknowledged at once on the family's agreed channel
      filed.push(response.json().case.id);
    }
    const [inquiryId, complaintId] = filed;
    expect((await volunteer.request('GET', `/api/v1/inquiries/${inquiryId}`)).statusCode).toBe(200);
    expect((await volunteer.request('GET', `/api/v1/complaints/${complaintId}`)).statusCode).toBe(200);
    const inquiries = (await volunteer.request('GET', '/api/v1/inquiries')).json().items.map((i: { id: string }) => i.id);
    const complaints = (await volunteer.request('GET', '/api/v1/complaints')).json().items.map((i: { id: string }) => i.id);
    expect(inquiries).toEqual([inquiryId]);
    expect(complaints).toEqual([complaintId]);
  });

  it('A6: a volunteer sees only what they filed, and only through the registered list', async () => {
    const other = await intake(reception, inquiryBody({ channel: 'phone' }));
    expect(other.statusCode, other.body).toBe(201);
    expect((await volunteer.request('GET', `/api/v1/inquiries/${other.json().case.id}`)).statusCode).toBe(404);
    expect((await volunteer.request('GET', '/api/v1/inquiries?list=all')).statusCode).toBe(403);
    expect((await volunteer.request('GET', '/api/v1/complaints?list=committee')).statusCode).toBe(403);
  });

  it('A6: a volunteer is refused a family outside their scope or not theirs (404), another channel, and no family (400)', async () => {
    const before = (await t.ctx.db.selectFrom('complaints').select('id').execute()).length;
    for (const family of [khobarFamily, receptionsFamily]) {
      const refused = await intake(volunteer, inquiryBody({ channel: 'volunteer', familyId: family.id }));
      expect(refused.statusCode).toBe(404);
      expect(refused.json().errors[0]).toMatchObject({ pointer: '/familyId', code: 'family.not-found' });
    }
    const phone = await intake(volunteer, complaintBody({ channel: 'phone', familyId: volunteersFamily.id, name: undefined }));
    expect(phone.statusCode).toBe(400);
    expect(phone.json().errors[0]).toMatchObject({ pointer: '/channel', code: 'case.channel-not-allowed' });
    const noFamily = await intake(volunteer, inquiryBody({ channel: 'volunteer' }));
    expect(noFamily.statusCode).toBe(400);
    expect(noFamily.json().errors[0]).toMatchObject({ pointer: '/familyId', code: 'case.family-required' });
    expect((await t.ctx.db.selectFrom('complaints').select('id').execute()).length).toBe(before);
  });

  it('A1–A6: each list filters by channel, and an unknown channel is refused (400)', async () => {
    await buildRequest(t, { by: reception, familyId: receptionsFamily.id, typeCode, channel: 'phone', isDraft: true });
    const requests = (await manager.request('GET', '/api/v1/requests?list=all&channel=email')).json().items;
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((r: { channel: string }) => r.channel === 'email')).toBe(true);
    const complaints = (await manager.request('GET', '/api/v1/complaints?list=all&isOpen=true&channel=volunteer')).json().items;
    expect(complaints.map((c: { channel: string }) => c.channel)).toEqual(['volunteer']);
    const inquiries = (await manager.request('GET', '/api/v1/inquiries?list=all&isOpen=true&channel=email')).json().items;
    expect(inquiries.map((c: { channel: string }) => c.channel)).toEqual(['email']);
    for (const url of ['/api/v1/requests?channel=pigeon', '/api/v1/complaints?channel=pigeon', '/api/v1/inquiries?channel=pigeon'])
      expect((await manager.request('GET', url)).statusCode).toBe(400);
  });

  it('A1–A6: the oversight counts by channel equal what the filtered lists return (A5: website and e-mail)', async () => {
    const oversight = (await manager.request('GET', '/api/v1/complaints/oversight')).json();
    const requestCounts = (await manager.request('GET', '/api/v1/requests/channels')).json().items as { channel: string; count: number }[];
    expect(requestCounts.find((c) => c.channel === 'email')?.count).toBeGreaterThan(0);
    expect(oversight.openByChannel).toEqual(
      expect.arrayContaining([
        { kind: 'complaint', channel: 'email', count: 1 },
        { kind: 'complaint', channel: 'volunteer', count: 1 },
        { kind: 'inquiry', channel: 'volunteer', count: 1 },
      ]),
    );
    const listed = async (url: string) => (await manager.request('GET', `${url}&limit=200`)).json().items.length;
    for (const channel of INTAKE_CHANNELS) {
      const requests = requestCounts.find((c) => c.channel === channel)?.count ?? 0;
      expect(await listed(`/api/v1/requests?list=all&channel=${channel}`), `requests ${channel}`).toBe(requests);
      for (const kind of ['complaint', 'inquiry'] as const) {
        const count =
          (oversight.openByChannel as { kind: string; channel: string; count: number }[]).find(
            (c) => c.kind === kind && c.channel === channel,
          )?.count ?? 0;
        const path = kind === 'complaint' ? '/api/v1/complaints' : '/api/v1/inquiries';
        expect(await listed(`${path}?list=all&isOpen=true&channel=${channel}`), `${kind} ${channel}`).toBe(count);
      }
    }
  });
});
