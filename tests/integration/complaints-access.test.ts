import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDED_COMMITTEES } from '../../src/contracts/committees.js';
import { complaint, inquiry, post } from './complaints-fixtures.js';
import { type Agent, buildStaff, createTestApp, ENGINE, type StaffFixture, sessionFor, type TestApp } from './harness.js';

/**
 * Issue 6 §5, §6 and ARCHITECTURE.md "Who can call what": the writer's name and contact are shown in
 * full to those who handle the case and masked for management and administrators, each view audited
 * with which it was; the assess step may mark any active staff member as concerned (found through
 * the narrow staff lookup), and the conflict-of-interest rule holds for staff outside the committee.
 */
let t: TestApp;
let member: StaffFixture;
let colleague: StaffFixture;
let reception: StaffFixture;
let otherReception: StaffFixture;
let officer: StaffFixture;
let manager: StaffFixture;
let adminManager: StaffFixture;
let managerOnCommittee: StaffFixture;
let retired: StaffFixture;
const as = (staff: StaffFixture) => sessionFor(t, staff);

async function rename(staff: StaffFixture, displayName: string) {
  await t.ctx.db.updateTable('staff_users').set({ display_name: displayName }).where('id', '=', staff.id).execute();
}

async function views(id: string) {
  const rows = await t.ctx.db
    .selectFrom('audit_events')
    .select(['actor_id', 'action', 'details'])
    .where('entity_id', '=', id)
    .where('action', 'in', ['complaint.view', 'inquiry.view'])
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ actor: r.actor_id, action: r.action, details: JSON.parse(r.details ?? '{}') as Record<string, unknown> }));
}

async function newestId(agent: Agent, path: string): Promise<string> {
  const listed = await agent.request('GET', path);
  expect(listed.statusCode, listed.body).toBe(200);
  const items = listed.json().items as Array<{ id: string; receivedAt: string }>;
  const newest = [...items].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt) || b.id.localeCompare(a.id))[0];
  if (!newest) throw new Error(`nothing in ${path}`);
  return newest.id;
}

beforeAll(async () => {
  t = await createTestApp();
  member = await buildStaff(t, { roles: ['follow-up-committee'] });
  colleague = await buildStaff(t, { roles: ['follow-up-committee'] });
  reception = await buildStaff(t, { roles: ['reception'] });
  otherReception = await buildStaff(t, { roles: ['reception'] });
  officer = await buildStaff(t, { roles: ['contact-officer'] });
  manager = await buildStaff(t, { roles: ['management'] });
  adminManager = await buildStaff(t, { roles: ['administrator', 'management'], withTotp: false });
  managerOnCommittee = await buildStaff(t, { roles: ['management', 'follow-up-committee'] });
  retired = await buildStaff(t, { roles: ['reception'] });
  await rename(reception, 'ريم الاستقبال');
  await rename(retired, 'ريم القديمة');
  await rename(officer, 'Saad Al-Officer');
  await rename(member, 'خالد المتابعة');
  await t.ctx.db.updateTable('staff_users').set({ is_active: 0 }).where('id', '=', retired.id).execute();
  const admin = await buildStaff(t, { roles: ['administrator'], withTotp: false });
  const update = await (await as(admin)).request('PATCH', `/api/v1/committees/${SEEDED_COMMITTEES.followUp}`, {
    memberIds: [member.id, colleague.id, managerOnCommittee.id],
    chairId: member.id,
    quorum: 1,
  });
  if (update.statusCode !== 200) throw new Error(`committee: ${update.statusCode} ${update.body}`);
});
afterAll(async () => {
  await t.close();
});

describe(`the writer's details by role [${ENGINE}]`, () => {
  let complaintId = '';

  it('the follow-up committee sees the writer in full; the view is audited as unmasked', async () => {
    const filed = await post(t, '/api/v1/public/complaints', complaint());
    expect(filed.statusCode, filed.body).toBe(201);
    complaintId = await newestId(await as(member), '/api/v1/complaints?list=committee');
    for (const handler of [member, managerOnCommittee]) {
      const detail = await (await as(handler)).request('GET', `/api/v1/complaints/${complaintId}`);
      expect(detail.statusCode, detail.body).toBe(200);
      expect(detail.json().writer).toEqual({
        name: 'منيرة العتيبي',
        mobile: '+966551234567',
        email: 'muneera@example.com',
        postalAddress: null,
        isMasked: false,
      });
    }
    const audited = await views(complaintId);
    expect(audited).toContainEqual({ actor: member.id, action: 'complaint.view', details: { isWriterUnmasked: true } });
    expect(audited).toContainEqual({ actor: managerOnCommittee.id, action: 'complaint.view', details: { isWriterUnmasked: true } });
  });

  it('management and an administrator-manager read it masked; nothing of the name, mobile or e-mail leaks', async () => {
    for (const reader of [manager, adminManager]) {
      const detail = await (await as(reader)).request('GET', `/api/v1/complaints/${complaintId}`);
      expect(detail.statusCode, detail.body).toBe(200);
      expect(detail.json().writer).toEqual({
        name: 'م••• ا•••',
        mobile: '+9665•••••567',
        email: 'm•••@example.com',
        postalAddress: null,
        isMasked: true,
      });
      for (const secret of ['منيرة', 'العتيبي', '551234567', '0551234567', 'muneera'])
        expect(detail.body, `${secret} for a masked reader`).not.toContain(secret);
    }
    const audited = await views(complaintId);
    expect(audited).toContainEqual({ actor: manager.id, action: 'complaint.view', details: { isWriterUnmasked: false } });
    expect(audited).toContainEqual({ actor: adminManager.id, action: 'complaint.view', details: { isWriterUnmasked: false } });
    // The audit never holds the details themselves.
    const rows = await t.ctx.db.selectFrom('audit_events').select(['details', 'fields']).where('entity_id', '=', complaintId).execute();
    expect(JSON.stringify(rows)).not.toMatch(/منيرة|551234567|muneera/);
  });

  it('reception sees in full what it registered (a postal address too); management sees the address as •••', async () => {
    const created = await (await as(reception)).request('POST', '/api/v1/complaints/intake', {
      kind: 'complaint',
      channel: 'letter',
      name: 'Fatimah Al-Zahrani',
      postalAddress: 'ص.ب 1234، الأحساء 31982',
      topic: 'aid-disbursement',
      description: 'وصلتنا رسالة بالبريد تفيد بتأخر صرف الدعم المالي للأسرة ثلاثة أشهر.',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().case.writer).toMatchObject({
      name: 'Fatimah Al-Zahrani',
      postalAddress: 'ص.ب 1234، الأحساء 31982',
      isMasked: false,
    });
    const id = created.json().case.id as string;
    const mine = await (await as(reception)).request('GET', `/api/v1/complaints/${id}`);
    expect(mine.json().writer.isMasked).toBe(false);
    expect((await (await as(otherReception)).request('GET', `/api/v1/complaints/${id}`)).statusCode).toBe(404);
    const masked = (await (await as(manager)).request('GET', `/api/v1/complaints/${id}`)).json().writer;
    expect(masked).toEqual({ name: 'F••• A•••', mobile: null, email: null, postalAddress: '•••', isMasked: true });
  });

  it('inquiries: the contact officer sees the writer in full, management masked', async () => {
    const filed = await post(t, '/api/v1/public/inquiries', inquiry());
    expect(filed.statusCode, filed.body).toBe(201);
    const id = await newestId(await as(officer), '/api/v1/inquiries?list=general');
    const full = await (await as(officer)).request('GET', `/api/v1/inquiries/${id}`);
    expect(full.statusCode, full.body).toBe(200);
    expect(full.json().writer).toMatchObject({ name: 'Saad Al-Harbi', email: 'saad@example.com', isMasked: false });
    const masked = await (await as(manager)).request('GET', `/api/v1/inquiries/${id}`);
    expect(masked.json().writer).toMatchObject({ name: 'S••• A•••', email: 's•••@example.com', isMasked: true });
    expect(masked.body).not.toContain('Harbi');
    expect(await views(id)).toContainEqual({ actor: manager.id, action: 'inquiry.view', details: { isWriterUnmasked: false } });
  });
});

describe(`concerned staff beyond the committee [${ENGINE}]`, () => {
  it('§5: the staff lookup finds any active staff member by name (id and name only), for the committee only', async () => {
    const agent = await as(member);
    const found = await agent.request('GET', `/api/v1/complaints/staff-lookup?q=${encodeURIComponent('ريم')}`);
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json().items).toEqual([{ id: reception.id, displayName: 'ريم الاستقبال' }]); // not the deactivated one
    for (const q of ['saad', 'OFFICER', 'al-off'])
      expect((await agent.request('GET', `/api/v1/complaints/staff-lookup?q=${q}`)).json().items).toEqual([
        { id: officer.id, displayName: 'Saad Al-Officer' },
      ]);
    // LIKE's wildcards are searched for as themselves.
    for (const q of ['%25', '_']) expect((await agent.request('GET', `/api/v1/complaints/staff-lookup?q=${q}`)).json().items).toEqual([]);
    const everyone = (await agent.request('GET', '/api/v1/complaints/staff-lookup?limit=50')).json().items as Array<{ id: string }>;
    expect(everyone.map((s) => s.id)).toEqual(expect.arrayContaining([reception.id, officer.id, manager.id, member.id]));
    expect(everyone.map((s) => s.id)).not.toContain(retired.id);
    expect((await agent.request('GET', '/api/v1/complaints/staff-lookup?limit=1')).json().items).toHaveLength(1);
    const tooLong = await agent.request('GET', `/api/v1/complaints/staff-lookup?q=${'x'.repeat(81)}`);
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().errors).toContainEqual(expect.objectContaining({ pointer: '/q' }));
    for (const other of [manager, reception, officer])
      expect((await (await as(other)).request('GET', '/api/v1/complaints/staff-lookup?q=a')).statusCode).toBe(403);
  });

  it('§6: the reception clerk complained about is marked concerned — 404 on the complaint they registered, never assigned or tasked', async () => {
    const clerk = await as(reception);
    const created = await clerk.request('POST', '/api/v1/complaints/intake', {
      kind: 'complaint',
      channel: 'phone',
      name: 'نورة القحطاني',
      mobile: '0551112223',
      topic: 'staff-conduct',
      description: 'اتصلت السيدة تشكو من طريقة تعامل موظفة الاستقبال معها عند مراجعتها للجمعية.',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().case.id as string;
    const ack = await clerk.request('POST', `/api/v1/complaints/${id}/steps`, { action: 'acknowledge', via: 'phone-call' });
    expect(ack.statusCode, ack.body).toBe(200);

    const handler = await as(member);
    const assess = await handler.request('POST', `/api/v1/complaints/${id}/steps`, {
      action: 'assess',
      severity: 'medium',
      needsImmediateAction: false,
      concernedStaffIds: [reception.id],
    });
    expect(assess.statusCode, assess.body).toBe(200);
    expect(assess.json().concernedStaff).toEqual([{ id: reception.id, displayName: 'ريم الاستقبال' }]);

    // The clerk no longer opens it, its files, or its steps, and it leaves their lists.
    expect((await clerk.request('GET', `/api/v1/complaints/${id}`)).statusCode).toBe(404);
    expect((await clerk.request('POST', `/api/v1/complaints/${id}/steps`, { action: 'acknowledge', via: 'in-person' })).statusCode).toBe(
      404,
    );
    const registered = await clerk.request('GET', '/api/v1/complaints?list=registered');
    expect(registered.json().items.map((i: { id: string }) => i.id)).not.toContain(id);

    // Never assigned (not a member either way) and never given a task on it.
    const assign = await handler.request('POST', `/api/v1/complaints/${id}/steps`, { action: 'assign', assigneeId: reception.id });
    expect(assign.statusCode).toBeGreaterThanOrEqual(409);
    expect((await handler.request('POST', `/api/v1/complaints/${id}/steps`, { action: 'assign', assigneeId: member.id })).statusCode).toBe(
      200,
    );
    expect((await handler.request('POST', `/api/v1/complaints/${id}/steps`, { action: 'investigate' })).statusCode).toBe(200);
    const task = await handler.request('POST', `/api/v1/complaints/${id}/entries`, {
      kind: 'task',
      text: 'مراجعة تسجيلات الاستقبال',
      assigneeId: reception.id,
    });
    expect(task.statusCode).toBe(409);
    expect(task.json().code).toBe('complaint.assignee-concerned');

    // An id that is no staff member is refused, naming the field.
    const other = await clerk.request('POST', '/api/v1/complaints/intake', {
      kind: 'complaint',
      channel: 'interview',
      name: 'نورة القحطاني',
      mobile: '0551112223',
      topic: 'staff-conduct',
      description: 'حضرت السيدة وتشكو من تأخر الرد على طلبها أكثر من شهر دون سبب.',
    });
    const otherId = other.json().case.id as string;
    await clerk.request('POST', `/api/v1/complaints/${otherId}/steps`, { action: 'acknowledge', via: 'in-person' });
    const unknown = await handler.request('POST', `/api/v1/complaints/${otherId}/steps`, {
      action: 'assess',
      severity: 'low',
      needsImmediateAction: false,
      concernedStaffIds: ['0190c0de-0000-7000-8000-000000000000'],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toContainEqual(expect.objectContaining({ pointer: '/concernedStaffIds' }));
  });
});
