import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BULK_CHUNK } from '../../src/contracts/bulk.js';
import { SEEDED_COMMITTEES } from '../../src/contracts/committees.js';
import { buildComplaint, buildRequest, buildRequestType, buildStaff, SIGNATURE_PNG, type StaffFixture } from './factories.js';
import { type Agent, createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';

/**
 * Issue 19 §5: bulk actions on the worklists. Each record is checked on its own — scope, the
 * completeness and attestation gates (C3, C4), the state machine — and the answer lists each one's
 * result; a refused record is left exactly as it was, the others are applied.
 */
let t: TestApp;
let reception: Agent;
let otherOffice: Agent;
let chair: StaffFixture;
let member: StaffFixture;
let typeCode: string;

beforeAll(async () => {
  t = await createTestApp();
  reception = await sessionFor(t, await buildStaff(t, { roles: ['reception'] }));
  otherOffice = await sessionFor(
    t,
    await buildStaff(t, { roles: ['reception'], scope: { categories: [], domains: [], offices: ['no-such-office'] } }),
  );
  chair = await buildStaff(t, { roles: ['follow-up-committee'] });
  member = await buildStaff(t, { roles: ['follow-up-committee'] });
  const admin = await sessionFor(t, await buildStaff(t, { roles: ['administrator'] }));
  const update = await admin.request('PATCH', `/api/v1/committees/${SEEDED_COMMITTEES.followUp}`, {
    memberIds: [chair.id, member.id],
    chairId: chair.id,
    quorum: 2,
  });
  if (update.statusCode !== 200) throw new Error(`committee: ${update.statusCode} ${update.body}`);
  typeCode = (await buildRequestType(t)).code;
}, 120_000);
afterAll(async () => {
  await t.close();
});

const statusOf = async (id: string) =>
  (await t.ctx.db.selectFrom('requests').select(['status', 'version']).where('id', '=', id).executeTakeFirstOrThrow()).status;

describe(`bulk actions (issue 19 §5) [${ENGINE}]`, () => {
  it('C3, C4: submitting several requests applies the attested ones and leaves an unattested one a draft, with its reason', async () => {
    const drafts = [];
    for (let i = 0; i < 3; i++) drafts.push(await buildRequest(t, { by: reception, typeCode, isDraft: true }));
    // Two are attested at the interview; the third is not.
    for (const draft of drafts.slice(0, 2)) {
      const signed = await reception.request('POST', `/api/v1/requests/${draft.id}/attestations`, {
        method: 'signature-pad',
        signaturePng: SIGNATURE_PNG,
        dataSha256: draft.dataSha256,
      });
      expect(signed.statusCode, signed.body).toBe(201);
    }
    const missing = randomUUID();
    const [first, second, unattested] = drafts as [(typeof drafts)[0], (typeof drafts)[0], (typeof drafts)[0]];
    const response = await reception.request('POST', '/api/v1/requests/bulk/transitions', {
      action: 'submit',
      ids: [first.id, unattested.id, second.id, missing, first.id],
    });
    expect(response.statusCode, response.body).toBe(200);
    const results = response.json().results;
    // Each record once, in the order sent.
    expect(results.map((r: { id: string }) => r.id)).toEqual([first.id, unattested.id, second.id, missing]);
    expect(results[0]).toEqual({ id: first.id, isDone: true, reference: first.reference, status: 'complete' });
    expect(results[2]).toEqual({ id: second.id, isDone: true, reference: second.reference, status: 'complete' });
    expect(results[1]).toEqual({ id: unattested.id, isDone: false, code: 'request.incomplete', httpStatus: 422 });
    expect(results[3]).toEqual({ id: missing, isDone: false, code: expect.any(String), httpStatus: 404 });
    expect(await statusOf(first.id)).toBe('complete');
    expect(await statusOf(second.id)).toBe('complete');
    expect(await statusOf(unattested.id)).toBe('draft');
    // The same move again: each is refused by the state machine, nothing changes.
    const again = await reception.request('POST', '/api/v1/requests/bulk/transitions', { action: 'submit', ids: [first.id] });
    expect(again.json().results[0]).toMatchObject({ isDone: false });
    expect(await statusOf(first.id)).toBe('complete');
  });

  it('F2: a request outside the writer’s scope is refused as not found, and left as it was', async () => {
    const draft = await buildRequest(t, { by: reception, typeCode, isDraft: true });
    const response = await otherOffice.request('POST', '/api/v1/requests/bulk/transitions', { action: 'submit', ids: [draft.id] });
    expect(response.statusCode).toBe(200);
    expect(response.json().results).toEqual([{ id: draft.id, isDone: false, code: expect.any(String), httpStatus: 404 }]);
    expect(await statusOf(draft.id)).toBe('draft');
    // Nor does an export read it.
    const exported = await otherOffice.request('POST', '/api/v1/requests/export', { ids: [draft.id] });
    expect(exported.statusCode).toBe(200);
    const sheet = new ExcelJS.Workbook();
    await sheet.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    expect(sheet.worksheets[0]?.actualRowCount).toBe(1);
  });

  it('issue 19 §5: the chosen requests export as .xlsx in the order chosen, with both calendars, and the export is audited', async () => {
    const a = await buildRequest(t, { by: reception, typeCode });
    const b = await buildRequest(t, { by: reception, typeCode });
    const response = await reception.request('POST', '/api/v1/requests/export', { ids: [b.id, a.id] });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="requests-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).text).toBe('الرقم المرجعي');
    expect(sheet?.getRow(2).getCell(1).text).toBe(b.reference);
    expect(sheet?.getRow(3).getCell(1).text).toBe(a.reference);
    expect(sheet?.getRow(2).getCell(5).text).toBe('مكتمل بانتظار اللجنة');
    // The decision is due on a day given in both calendars (C6).
    expect(sheet?.getRow(2).getCell(8).text).not.toBe('');
    expect(sheet?.getRow(2).getCell(9).text).toMatch(/هـ/);
    const audit = await t.ctx.db.selectFrom('audit_events').select('details').where('action', '=', 'request.export').execute();
    expect(audit.some((row) => row.details?.includes(a.id) && row.details.includes(b.id))).toBe(true);
  });

  it('E1: a bulk assignment assigns the assessed complaints and refuses one still awaiting assessment; it stays as it was', async () => {
    const agent = await sessionFor(t, chair);
    const cases = [];
    for (let i = 0; i < 3; i++) cases.push(await buildComplaint(t, { by: reception }));
    for (const complaint of cases.slice(0, 2)) {
      expect(
        (await agent.request('POST', `/api/v1/complaints/${complaint.id}/steps`, { action: 'acknowledge', via: 'sms' })).statusCode,
      ).toBe(200);
      const assessed = await agent.request('POST', `/api/v1/complaints/${complaint.id}/steps`, {
        action: 'assess',
        severity: 'medium',
        needsImmediateAction: false,
      });
      expect(assessed.statusCode, assessed.body).toBe(200);
    }
    const response = await agent.request('POST', '/api/v1/complaints/bulk/steps', {
      ids: cases.map((c) => c.id),
      step: { action: 'assign', assigneeId: member.id },
    });
    expect(response.statusCode, response.body).toBe(200);
    const results = response.json().results;
    expect(results.slice(0, 2)).toEqual(
      cases.slice(0, 2).map((c) => ({ id: c.id, isDone: true, reference: c.reference, status: 'assigned' })),
    );
    expect(results[2]).toMatchObject({ id: cases[2]?.id, isDone: false, httpStatus: 409 });
    const rows = await t.ctx.db
      .selectFrom('complaints')
      .select(['id', 'step', 'assigned_to'])
      .where(
        'id',
        'in',
        cases.map((c) => c.id),
      )
      .execute();
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(cases[0]?.id as string)).toMatchObject({ step: 'assigned', assigned_to: member.id });
    expect(byId.get(cases[2]?.id as string)).toMatchObject({ step: 'received', assigned_to: null });
    // Reception may not assign: each complaint is refused, none changes.
    const refused = await reception.request('POST', '/api/v1/complaints/bulk/steps', {
      ids: [cases[2]?.id],
      step: { action: 'assign', assigneeId: null },
    });
    expect(refused.statusCode).toBe(200);
    expect(refused.json().results[0]).toMatchObject({ isDone: false });
  });

  it('bad input answers 400 with a code, never 5xx', async () => {
    const ids = Array.from({ length: BULK_CHUNK + 1 }, () => randomUUID());
    const bad: [string, unknown][] = [
      ['/api/v1/requests/bulk/transitions', { action: 'submit', ids: [] }],
      ['/api/v1/requests/bulk/transitions', { action: 'submit', ids }],
      ['/api/v1/requests/bulk/transitions', { action: 'submit', ids: ['not-an-id'] }],
      ['/api/v1/requests/bulk/transitions', { action: 'explode', ids: [randomUUID()] }],
      ['/api/v1/requests/bulk/transitions', { ids: [randomUUID()] }],
      ['/api/v1/requests/bulk/transitions', 'nonsense'],
      ['/api/v1/requests/export', { ids: [] }],
      ['/api/v1/requests/export', { ids: 'all' }],
      ['/api/v1/complaints/bulk/steps', { ids: [randomUUID()], step: { action: 'assign', assigneeId: 'x' } }],
      ['/api/v1/complaints/bulk/steps', { ids: [randomUUID()] }],
    ];
    const agent = await sessionFor(t, chair);
    for (const [path, body] of bad) {
      const response = await (path.includes('complaints') ? agent : reception).request('POST', path, body);
      expect(response.statusCode, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(response.json().code).toBeTruthy();
    }
  });
});
