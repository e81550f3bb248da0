import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildStaff } from './factories.js';
import { type Agent, createTestApp, ENGINE, type StaffFixture, sessionFor, type TestApp } from './harness.js';

/**
 * Issue 26 §4–§5: P-SCOPE exemptions — recorded with the policy that replaces this one, listed for
 * HR, left out of "not yet acknowledged", of the sign-in step and of the gate, and lifted (audited);
 * R2 — a department head's own view of the copies their departments receive, and the receipt.
 */
let t: TestApp;
let editor: Agent;
let hr: Agent;
let fixtures: [StaffFixture, StaffFixture, StaffFixture];
let admin: Agent;
const DAY = 24 * 60 * 60_000;
const SCRIPT = '<script>alert("x")</script> لائحة المتطوعين الخاصة';

beforeAll(async () => {
  t = await createTestApp();
  fixtures = [
    await buildStaff(t, { roles: ['documents-editor'] }),
    await buildStaff(t, { roles: ['hr'] }),
    await buildStaff(t, { roles: ['administrator'] }),
  ];
}, 120_000);
/** Sessions end with the days a test moves the clock by: each test starts with fresh ones. */
async function freshSessions() {
  const [e, h, a] = fixtures;
  [editor, hr, admin] = await Promise.all([sessionFor(t, e), sessionFor(t, h), sessionFor(t, a)]);
}
beforeEach(freshSessions);
afterAll(async () => {
  await t.close();
});

const today = () => t.clock.now().toISOString().slice(0, 10);

async function publishedVersion(slug: string, bodyAr: string): Promise<string> {
  const doc = (await editor.request('POST', '/api/v1/documents', { kind: 'policy', slug, titleAr: 'سياسة', titleEn: 'Policy' })).json();
  const drafted = await editor.request('POST', `/api/v1/documents/${doc.id}/versions`, {
    bodyAr,
    effectiveOn: today(),
    approvedBy: 'مجلس الإدارة',
    approvedOn: today(),
  });
  expect(drafted.statusCode, drafted.body).toBe(201);
  const draft = drafted.json().versions.find((v: { status: string }) => v.status === 'draft');
  expect((await editor.request('POST', `/api/v1/documents/${doc.id}/versions/${draft.id}/publish`)).statusCode).toBe(200);
  return draft.id;
}

async function requireOf(versionId: string, roles: string[], graceDays = 10) {
  const set = await editor.request('PUT', `/api/v1/acknowledgements/requirements/${versionId}`, { audience: 'roles', roles, graceDays });
  expect(set.statusCode, set.body).toBe(200);
}

async function department(nameAr: string, fields: Record<string, unknown> = {}) {
  const created = await admin.request('POST', '/api/v1/staff/departments', { nameAr, nameEn: `${nameAr} (en)`, ...fields });
  expect(created.statusCode, created.body).toBe(201);
  return created.json().id as string;
}

const overviewOf = async (versionId: string) =>
  (await hr.request('GET', '/api/v1/acknowledgements/versions')).json().items.find((i: { versionId: string }) => i.versionId === versionId);
const askedOf = async (agent: Agent) =>
  ((await agent.request('GET', '/api/v1/acknowledgements/mine')).json().items as Array<{ versionId: string }>).map((i) => i.versionId);

describe(`acknowledgement exemptions and department copies [${ENGINE}]`, () => {
  it('P-SCOPE: an exempt staff member leaves "not yet acknowledged", is not asked at sign-in nor stopped after the grace period; lifting asks again', async () => {
    const versionId = await publishedVersion('policy-exemptions', 'نص السياسة للاستثناء.');
    const exempted = await buildStaff(t, { roles: ['contact-officer'], withTotp: false });
    const other = await buildStaff(t, { roles: ['contact-officer'], withTotp: false });
    await requireOf(versionId, ['contact-officer'], 1);
    expect(await overviewOf(versionId)).toMatchObject({ required: 2, acknowledged: 0, pending: 2 });

    // Script in the replacing policy's name is kept as text (the JSON carries it as typed; the screen escapes it).
    const recorded = await hr.request('POST', '/api/v1/acknowledgements/exemptions', {
      versionId,
      staffUserId: exempted.id,
      replacedBy: SCRIPT,
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect(await overviewOf(versionId)).toMatchObject({ required: 1, pending: 1 });
    const status = (await hr.request('GET', `/api/v1/acknowledgements/versions/${versionId}`)).json();
    const members = status.departments.flatMap((g: { members: unknown[] }) => g.members) as Array<{ id: string; exemptBy: string | null }>;
    expect(members.find((m) => m.id === exempted.id)?.exemptBy).toBe(SCRIPT);

    const list = await hr.request('GET', `/api/v1/acknowledgements/versions/${versionId}/exemptions`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items).toEqual([
      expect.objectContaining({
        id: recorded.json().id,
        person: 'staff',
        staffUserId: exempted.id,
        partyId: null,
        replacedBy: SCRIPT,
        recordedAt: recorded.json().recordedAt,
        recordedByName: expect.any(String),
      }),
    ]);
    expect(list.json().items[0].personName).not.toBe('—');

    // Not asked at sign-in; the reminder goes to the other one only.
    let exemptAgent = await sessionFor(t, exempted);
    expect(await askedOf(exemptAgent)).not.toContain(versionId);
    expect(await askedOf(await sessionFor(t, other))).toContain(versionId);
    expect((await hr.request('POST', `/api/v1/acknowledgements/versions/${versionId}/reminders`, {})).json()).toEqual({ reminded: 1 });

    // After the grace period the other is stopped, the exempt one works on.
    t.clock.advance(2 * DAY);
    await freshSessions();
    exemptAgent = await sessionFor(t, exempted);
    expect((await exemptAgent.request('GET', '/api/v1/inquiries')).statusCode).toBe(200);
    expect((await (await sessionFor(t, other)).request('GET', '/api/v1/inquiries')).json().code).toBe('acknowledgement.required');

    // One exemption per person and document.
    const again = await hr.request('POST', '/api/v1/acknowledgements/exemptions', {
      versionId,
      staffUserId: exempted.id,
      replacedBy: 'أخرى',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('acknowledgement.already-exempt');

    // Lifting (audited): asked again, and stopped like the rest once overdue.
    const lifted = await hr.request('DELETE', `/api/v1/acknowledgements/exemptions/${recorded.json().id}`);
    expect(lifted.statusCode, lifted.body).toBe(200);
    expect(await askedOf(exemptAgent)).toContain(versionId);
    expect((await exemptAgent.request('GET', '/api/v1/inquiries')).json().code).toBe('acknowledgement.required');
    expect((await hr.request('GET', `/api/v1/acknowledgements/versions/${versionId}/exemptions`)).json().items).toEqual([]);
    expect(await overviewOf(versionId)).toMatchObject({ required: 2, pending: 2 });
    const liftedAgain = await hr.request('DELETE', `/api/v1/acknowledgements/exemptions/${recorded.json().id}`);
    expect(liftedAgain.statusCode).toBe(404);
    expect(liftedAgain.json().code).toBe('acknowledgement.exemption-not-found');

    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('entity_id', '=', status.documentId)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['acknowledgement.exempt', 'acknowledgement.exemptions-view', 'acknowledgement.exemption-lift']),
    );
    // The audit names who was exempt, never the replacing policy's text.
    expect(JSON.stringify(audit)).not.toContain('alert');
    // Leave no overdue requirement behind for the next tests.
    expect((await editor.request('DELETE', `/api/v1/acknowledgements/requirements/${versionId}`)).statusCode).toBe(200);
  });

  it('P-SCOPE: a contract party is exempted and listed by name; bad input answers 400/404, other roles 403', async () => {
    const versionId = await publishedVersion('policy-exemptions-bad', 'نص آخر.');
    await requireOf(versionId, ['volunteer']);
    const party = (
      await hr.request('POST', '/api/v1/acknowledgements/parties', {
        kind: 'partner',
        name: 'جمعية شريكة',
        channel: 'email',
        address: 'p@example.org',
      })
    ).json();
    const staff = await buildStaff(t, { roles: ['volunteer'], withTotp: false });

    const both = await hr.request('POST', '/api/v1/acknowledgements/exemptions', {
      versionId,
      staffUserId: staff.id,
      partyId: party.id,
      replacedBy: 'سياسة',
    });
    expect(both.statusCode).toBe(400);
    expect(both.json().errors[0]).toMatchObject({ pointer: '/staffUserId', code: 'exemption.one-person' });
    const neither = await hr.request('POST', '/api/v1/acknowledgements/exemptions', { versionId, replacedBy: 'سياسة' });
    expect(neither.statusCode).toBe(400);
    expect(neither.json().errors[0].code).toBe('exemption.one-person');
    const noPolicy = await hr.request('POST', '/api/v1/acknowledgements/exemptions', { versionId, partyId: party.id, replacedBy: '   ' });
    expect(noPolicy.statusCode).toBe(400);
    expect(noPolicy.json().errors[0]).toMatchObject({ pointer: '/replacedBy', code: 'field.required' });
    const tooLong = await hr.request('POST', '/api/v1/acknowledgements/exemptions', {
      versionId,
      partyId: party.id,
      replacedBy: 'س'.repeat(301),
    });
    expect(tooLong.json().errors[0]).toMatchObject({ pointer: '/replacedBy', code: 'field.too-long' });
    const unknownVersion = await hr.request('POST', '/api/v1/acknowledgements/exemptions', {
      versionId: '01900000-0000-7000-8000-000000000000',
      partyId: party.id,
      replacedBy: 'سياسة',
    });
    expect(unknownVersion.statusCode).toBe(404);
    expect(unknownVersion.json().code).toBe('document.version-not-found');
    const unknownStaff = await hr.request('POST', '/api/v1/acknowledgements/exemptions', {
      versionId,
      staffUserId: '01900000-0000-7000-8000-000000000001',
      replacedBy: 'سياسة',
    });
    expect(unknownStaff.statusCode).toBe(404);
    expect((await hr.request('GET', '/api/v1/acknowledgements/versions/01900000-0000-7000-8000-000000000000/exemptions')).statusCode).toBe(
      404,
    );
    expect((await hr.request('GET', '/api/v1/acknowledgements/versions/not-a-uuid/exemptions')).statusCode).toBe(400);
    expect((await hr.request('DELETE', '/api/v1/acknowledgements/exemptions/not-a-uuid')).statusCode).toBe(400);

    // Only HR and administrators list, record and lift.
    const reception = await sessionFor(t, await buildStaff(t, { roles: ['reception'], withTotp: false }));
    expect((await reception.request('GET', `/api/v1/acknowledgements/versions/${versionId}/exemptions`)).statusCode).toBe(403);
    expect(
      (await reception.request('POST', '/api/v1/acknowledgements/exemptions', { versionId, partyId: party.id, replacedBy: 'سياسة' }))
        .statusCode,
    ).toBe(403);

    const recorded = await admin.request('POST', '/api/v1/acknowledgements/exemptions', {
      versionId,
      partyId: party.id,
      replacedBy: 'اتفاقية الشراكة 2026',
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect((await reception.request('DELETE', `/api/v1/acknowledgements/exemptions/${recorded.json().id}`)).statusCode).toBe(403);
    const items = (await hr.request('GET', `/api/v1/acknowledgements/versions/${versionId}/exemptions`)).json().items;
    expect(items).toEqual([
      expect.objectContaining({
        person: 'party',
        partyId: party.id,
        staffUserId: null,
        personName: 'جمعية شريكة',
        replacedBy: 'اتفاقية الشراكة 2026',
      }),
    ]);
    const status = (await hr.request('GET', `/api/v1/acknowledgements/versions/${versionId}`)).json();
    expect(status.parties.find((p: { id: string }) => p.id === party.id).exemptBy).toBe('اتفاقية الشراكة 2026');
  });

  it('R2: a head who is not HR sees only the departments and sections they head, and records each copy once', async () => {
    const versionId = await publishedVersion('policy-copies', 'نص نسخ الإدارات.');
    await requireOf(versionId, ['committee-member']);
    const head = await buildStaff(t, { roles: ['reception'], withTotp: false });
    const otherHead = await buildStaff(t, { roles: ['reception'], withTotp: false });
    const finance = await department('المالية', { headUserId: head.id });
    const payroll = await department('قسم الرواتب', { parentId: finance, headUserId: head.id });
    const closed = await department('إدارة مغلقة', { headUserId: head.id });
    expect((await admin.request('PATCH', `/api/v1/staff/departments/${closed}`, { isActive: false })).statusCode).toBe(200);
    const care = await department('الرعاية', { headUserId: otherHead.id });
    const headAgent = await sessionFor(t, head);

    const mine = await headAgent.request('GET', '/api/v1/acknowledgements/departments/mine');
    expect(mine.statusCode, mine.body).toBe(200);
    const items = mine.json().items as Array<{ departmentId: string; nameAr: string; copies: Array<Record<string, unknown>> }>;
    expect(items.map((d) => d.departmentId).sort()).toEqual([finance, payroll].sort());
    const copy = items.find((d) => d.departmentId === finance)?.copies.find((c) => c.versionId === versionId);
    expect(copy).toMatchObject({ titleAr: 'سياسة', number: 1, receivedAt: null, receivedByName: null });

    // Someone who heads nothing gets an empty list, never another department's copies.
    const nobody = await sessionFor(t, await buildStaff(t, { roles: ['reception'], withTotp: false }));
    expect((await nobody.request('GET', '/api/v1/acknowledgements/departments/mine')).json()).toEqual({ items: [] });
    const nobodyReceipt = await nobody.request('POST', `/api/v1/acknowledgements/versions/${versionId}/departments/${finance}/receipt`);
    expect(nobodyReceipt.statusCode).toBe(403);
    expect(nobodyReceipt.json().code).toBe('acknowledgement.not-head');
    // Another department's head, an unknown department, an unknown version.
    expect((await headAgent.request('POST', `/api/v1/acknowledgements/versions/${versionId}/departments/${care}/receipt`)).statusCode).toBe(
      403,
    );
    expect(
      (
        await headAgent.request(
          'POST',
          `/api/v1/acknowledgements/versions/${versionId}/departments/01900000-0000-7000-8000-000000000002/receipt`,
        )
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await headAgent.request(
          'POST',
          `/api/v1/acknowledgements/versions/01900000-0000-7000-8000-000000000003/departments/${finance}/receipt`,
        )
      ).statusCode,
    ).toBe(404);

    const received = await headAgent.request('POST', `/api/v1/acknowledgements/versions/${versionId}/departments/${payroll}/receipt`);
    expect(received.statusCode, received.body).toBe(200);
    const after = (await headAgent.request('GET', '/api/v1/acknowledgements/departments/mine')).json().items as typeof items;
    expect(after.find((d) => d.departmentId === payroll)?.copies.find((c) => c.versionId === versionId)).toMatchObject({
      receivedAt: received.json().receivedAt,
      receivedByName: expect.any(String),
    });
    expect(after.find((d) => d.departmentId === finance)?.copies.find((c) => c.versionId === versionId)?.receivedAt).toBeNull();
    expect(
      (await headAgent.request('POST', `/api/v1/acknowledgements/versions/${versionId}/departments/${payroll}/receipt`)).statusCode,
    ).toBe(409);
    // HR sees the same receipt.
    const status = (await hr.request('GET', `/api/v1/acknowledgements/versions/${versionId}`)).json();
    expect(status.departments.find((g: { departmentId: string }) => g.departmentId === payroll).receivedAt).toBe(
      received.json().receivedAt,
    );
  });
});
