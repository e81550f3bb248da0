import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { outboxAad } from '../../src/modules/notifications/outbox.enqueue.js';
import { buildStaff } from './factories.js';
import { type Agent, createTestApp, ENGINE, type StaffFixture, sessionFor, signIn, TEST_PASSWORD, type TestApp } from './harness.js';

/**
 * Issue 26 §4–§5 (R1, R2, F4, P-SCOPE): a version requires acknowledgement by roles or departments;
 * staff are asked at sign-in and, after the grace period, every staff API but sign-out, the current
 * user and the acknowledgement routes answers 403 `acknowledgement.required`; a replaced version
 * answers 409 and the new one is asked; contract parties acknowledge by a one-time link; HR sees
 * who has not by department, reminds them, exports, and heads record their department's receipt.
 */
let t: TestApp;
let editor: Agent;
let admin: Agent;
let hr: Agent;
const DAY = 24 * 60 * 60_000;

let fixtures: StaffFixture[];

beforeAll(async () => {
  t = await createTestApp();
  fixtures = [
    await buildStaff(t, { roles: ['documents-editor'] }),
    await buildStaff(t, { roles: ['administrator'] }),
    await buildStaff(t, { roles: ['hr'] }),
  ];
}, 120_000);
/** Tests move the clock by days, past a session's life: each step after a move signs in again. */
async function advanceDays(days: number) {
  t.clock.advance(days * DAY);
  const [e, a, h] = fixtures as [StaffFixture, StaffFixture, StaffFixture];
  [editor, admin, hr] = await Promise.all([sessionFor(t, e), sessionFor(t, a), sessionFor(t, h)]);
}
beforeEach(() => advanceDays(0));
afterAll(async () => {
  await t.close();
});

const today = () => t.clock.now().toISOString().slice(0, 10);

async function publishedDocument(slug: string, bodyAr: string) {
  const doc = (
    await editor.request('POST', '/api/v1/documents', {
      kind: 'code-of-conduct',
      slug,
      titleAr: 'ميثاق السلوك',
      titleEn: 'Code of conduct',
    })
  ).json();
  const version = await publishVersion(doc.id, bodyAr);
  return { documentId: doc.id as string, versionId: version };
}

async function publishVersion(documentId: string, bodyAr: string): Promise<string> {
  const drafted = await editor.request('POST', `/api/v1/documents/${documentId}/versions`, {
    bodyAr,
    effectiveOn: today(),
    approvedBy: 'مجلس الإدارة',
    approvedOn: today(),
  });
  expect(drafted.statusCode, drafted.body).toBe(201);
  const draft = drafted.json().versions.find((v: { status: string }) => v.status === 'draft');
  const published = await editor.request('POST', `/api/v1/documents/${documentId}/versions/${draft.id}/publish`);
  expect(published.statusCode, published.body).toBe(200);
  return draft.id;
}

async function department(nameAr: string, fields: Record<string, unknown> = {}) {
  const created = await admin.request('POST', '/api/v1/staff/departments', { nameAr, nameEn: nameAr, ...fields });
  expect(created.statusCode, created.body).toBe(201);
  return created.json().id as string;
}

async function staffIn(departmentId: string | null, roles: Parameters<typeof buildStaff>[1]['roles'] = ['reception']) {
  const staff = await buildStaff(t, { roles, withTotp: false });
  if (departmentId) await t.ctx.db.updateTable('staff_users').set({ department_id: departmentId }).where('id', '=', staff.id).execute();
  return staff;
}

const mine = async (agent: Agent) =>
  (await agent.request('GET', '/api/v1/acknowledgements/mine')).json().items as Array<Record<string, string>>;

async function acknowledge(agent: Agent, item: Record<string, string>, extra: Record<string, unknown> = {}) {
  return agent.request('POST', `/api/v1/acknowledgements/mine/${item.versionId}`, {
    textSha256: item.textSha256,
    hasReadToEnd: true,
    password: TEST_PASSWORD,
    ...extra,
  });
}

describe(`policy acknowledgements [${ENGINE}]`, () => {
  it('R1: departments are a setting; creating a user then names one (API)', async () => {
    const noDepartment = await admin.request('POST', '/api/v1/staff/users', {
      username: 'needs.department',
      displayName: 'بلا قسم',
      roles: ['reception'],
      scope: { categories: [], domains: [], offices: [] },
    });
    // Other tests may have made departments already; with none, the account is accepted without one.
    const hasDepartments = (await admin.request('GET', '/api/v1/staff/departments')).json().items.length > 0;
    if (!hasDepartments) expect(noDepartment.statusCode).toBe(201);
    const finance = await department('المالية');
    const refused = await admin.request('POST', '/api/v1/staff/users', {
      username: 'needs.department2',
      displayName: 'بلا قسم',
      roles: ['reception'],
      scope: { categories: [], domains: [], offices: [] },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0]).toMatchObject({ pointer: '/departmentId', code: 'department.required' });
    const created = await admin.request('POST', '/api/v1/staff/users', {
      username: 'in.finance',
      displayName: 'في المالية',
      roles: ['reception'],
      scope: { categories: [], domains: [], offices: [] },
      departmentId: finance,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().user.departmentId).toBe(finance);
    // A section belongs to a department, never to a section.
    const section = await department('الحسابات', { parentId: finance });
    expect((await admin.request('POST', '/api/v1/staff/departments', { nameAr: 'x', nameEn: 'x', parentId: section })).statusCode).toBe(
      400,
    );
    expect((await hr.request('POST', '/api/v1/staff/departments', { nameAr: 'x', nameEn: 'x' })).statusCode).toBe(403);
  });

  it('R1: a requirement by role asks only that role; after the grace period only sign-out, the session and the acknowledgement routes stay open', async () => {
    const { versionId } = await publishedDocument('conduct-by-role', 'يلتزم الموظف بأخلاقيات المهنة.');
    const set = await editor.request('PUT', `/api/v1/acknowledgements/requirements/${versionId}`, {
      audience: 'roles',
      roles: ['contact-officer'],
      graceDays: 7,
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(
      (await hr.request('PUT', `/api/v1/acknowledgements/requirements/${versionId}`, { audience: 'all', graceDays: 1 })).statusCode,
    ).toBe(403);

    const officer = await buildStaff(t, { roles: ['contact-officer'], withTotp: false });
    const reception = await buildStaff(t, { roles: ['reception'], withTotp: false });
    let officerAgent = await signIn(t, officer);
    const asked = await mine(officerAgent);
    expect(asked.map((i) => i.versionId)).toContain(versionId);
    expect(asked.find((i) => i.versionId === versionId)?.isOverdue).toBe(false);
    expect((await mine(await signIn(t, reception))).map((i) => i.versionId)).not.toContain(versionId);

    // During the grace period the work goes on.
    expect((await officerAgent.request('GET', '/api/v1/families')).statusCode).toBe(200);

    await advanceDays(8);
    officerAgent = await signIn(t, officer);
    const blocked = await officerAgent.request('GET', '/api/v1/families');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.headers['content-type']).toContain('application/problem+json');
    expect(blocked.json().code).toBe('acknowledgement.required');
    expect((await officerAgent.request('GET', '/api/v1/auth/session')).statusCode).toBe(200);
    const overdue = await mine(officerAgent);
    expect(overdue.find((i) => i.versionId === versionId)?.isOverdue).toBe(true);

    // A wrong password does not record it; the right one does, with the text's SHA-256.
    const item = overdue.find((i) => i.versionId === versionId) as Record<string, string>;
    const wrong = await acknowledge(officerAgent, item, { password: 'not the password' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].code).toBe('password.current-wrong');
    const changed = await acknowledge(officerAgent, { ...item, textSha256: 'a'.repeat(64) });
    expect(changed.json().code).toBe('acknowledgement.text-changed');
    const done = await acknowledge(officerAgent, item);
    expect(done.statusCode, done.body).toBe(200);
    const row = await t.ctx.db
      .selectFrom('acknowledgements')
      .selectAll()
      .where('version_id', '=', versionId)
      .where('staff_user_id', '=', officer.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ text_sha256: item.textSha256, method: 'password' });
    expect((await officerAgent.request('GET', '/api/v1/families')).statusCode).toBe(200);
    expect((await acknowledge(officerAgent, item)).json().code).toBe('acknowledgement.already-recorded');
    const audit = await t.ctx.db.selectFrom('audit_events').select('action').where('entity_id', '=', versionId).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['acknowledgement.require', 'acknowledgement.sign']));

    // Sign-out stays open while blocked: a second officer, overdue, signs out.
    const other = await buildStaff(t, { roles: ['contact-officer'], withTotp: false });
    const otherAgent = await signIn(t, other);
    expect((await otherAgent.request('GET', '/api/v1/families')).json().code).toBe('acknowledgement.required');
    expect((await otherAgent.request('POST', '/api/v1/auth/sign-out')).statusCode).toBe(200);

    // Turned off, nobody is asked any more.
    expect((await editor.request('DELETE', `/api/v1/acknowledgements/requirements/${versionId}`)).statusCode).toBe(200);
    expect((await mine(await signIn(t, other))).map((i) => i.versionId)).not.toContain(versionId);
  });

  it('R1, "bad input": acknowledging a version that has since been replaced answers 409 and the new one is asked', async () => {
    const { documentId, versionId: v1 } = await publishedDocument('conduct-replaced', 'النص الأول.');
    const unit = await department('وحدة الاستبدال');
    await editor.request('PUT', `/api/v1/acknowledgements/requirements/${v1}`, {
      audience: 'departments',
      departmentIds: [unit],
      graceDays: 30,
    });
    const member = await staffIn(unit);
    let agent = await signIn(t, member);
    const [first] = (await mine(agent)).filter((i) => i.documentId === documentId);
    expect(first?.versionId).toBe(v1);
    await advanceDays(1);
    const v2 = await publishVersion(documentId, 'النص الثاني المعدّل.');
    agent = await signIn(t, member);
    const replaced = await acknowledge(agent, first as Record<string, string>);
    expect(replaced.statusCode).toBe(409);
    expect(replaced.json().code).toBe('acknowledgement.version-replaced');
    const next = (await mine(agent)).filter((i) => i.documentId === documentId);
    expect(next.map((i) => i.versionId)).toEqual([v2]);
    expect((await acknowledge(agent, next[0] as Record<string, string>)).statusCode).toBe(200);
  });

  it('R2: HR sees who has not by department (with a "no department" group), reminds them, exports; the head records the receipt', async () => {
    const { versionId } = await publishedDocument('conduct-hr-view', 'نص للعرض على الموارد البشرية.');
    const care = await department('الرعاية');
    const careSection = await department('قسم الزيارات', { parentId: care });
    const head = await staffIn(care, ['management']);
    await admin.request('PATCH', `/api/v1/staff/departments/${care}`, { headUserId: head.id });
    const inSection = await staffIn(careSection);
    const alsoInCare = await staffIn(care);
    await editor.request('PUT', `/api/v1/acknowledgements/requirements/${versionId}`, {
      audience: 'departments',
      departmentIds: [care],
      graceDays: 10,
    });

    const agent = await signIn(t, inSection);
    // A requirement on a department covers its sections.
    const item = (await mine(agent)).find((i) => i.versionId === versionId) as Record<string, string>;
    expect((await acknowledge(agent, item)).statusCode).toBe(200);

    const overview = (await hr.request('GET', '/api/v1/acknowledgements/versions'))
      .json()
      .items.find((i: { versionId: string }) => i.versionId === versionId);
    expect(overview).toMatchObject({ required: 3, acknowledged: 1, pending: 2 });
    const status = (await hr.request('GET', `/api/v1/acknowledgements/versions/${versionId}`)).json();
    const careGroup = status.departments.find((g: { departmentId: string }) => g.departmentId === care);
    expect(careGroup.members.map((m: { id: string }) => m.id).sort()).toEqual([head.id, alsoInCare.id].sort());
    expect(status.departments.find((g: { departmentId: string }) => g.departmentId === careSection).members[0]).toMatchObject({
      id: inSection.id,
    });

    const reminded = await hr.request('POST', `/api/v1/acknowledgements/versions/${versionId}/reminders`, {});
    expect(reminded.json()).toEqual({ reminded: 2 });
    const messages = await t.ctx.db
      .selectFrom('outbox_messages')
      .select(['recipient_id', 'event', 'priority'])
      .where('event', '=', 'acknowledgement.reminder')
      .execute();
    expect(messages.map((m) => m.recipient_id)).toEqual(expect.arrayContaining([head.id, alsoInCare.id]));
    expect(messages.every((m) => m.priority === 'transactional')).toBe(true);

    const exported = await hr.request('GET', `/api/v1/acknowledgements/versions/${versionId}/export`);
    expect(exported.statusCode).toBe(200);
    expect(exported.rawPayload.subarray(0, 2).toString()).toBe('PK');

    // Only the head records the department's receipt, once.
    expect((await hr.request('POST', `/api/v1/acknowledgements/versions/${versionId}/departments/${care}/receipt`)).statusCode).toBe(403);
    const headAgent = await signIn(t, head);
    expect((await headAgent.request('POST', `/api/v1/acknowledgements/versions/${versionId}/departments/${care}/receipt`)).statusCode).toBe(
      200,
    );
    expect((await headAgent.request('POST', `/api/v1/acknowledgements/versions/${versionId}/departments/${care}/receipt`)).statusCode).toBe(
      409,
    );
    const after = (await hr.request('GET', `/api/v1/acknowledgements/versions/${versionId}`)).json();
    expect(after.departments.find((g: { departmentId: string }) => g.departmentId === care).receivedAt).not.toBeNull();

    // Staff with no department are grouped apart once the rule asks them (audience: all roles of reception here).
    const loose: StaffFixture = await staffIn(null, ['volunteer']);
    await editor.request('PUT', `/api/v1/acknowledgements/requirements/${versionId}`, {
      audience: 'roles',
      roles: ['volunteer'],
      graceDays: 10,
    });
    const byRole = (await hr.request('GET', `/api/v1/acknowledgements/versions/${versionId}`)).json();
    const unplaced = byRole.departments.find((g: { departmentId: string | null }) => g.departmentId === null);
    expect(unplaced.members.map((m: { id: string }) => m.id)).toContain(loose.id);
    expect((await (await signIn(t, loose)).request('GET', `/api/v1/acknowledgements/versions/${versionId}`)).statusCode).toBe(403);
  });

  it('P-SCOPE, F4: a contract party acknowledges by a one-time link; a reused or expired link gets one identical answer', async () => {
    const { versionId } = await publishedDocument('conduct-contractors', 'يلتزم المتعاقدون بميثاق السلوك.');
    const party = await hr.request('POST', '/api/v1/acknowledgements/parties', {
      kind: 'contractor',
      name: 'مؤسسة البناء',
      channel: 'sms',
      address: '0501234567',
    });
    expect(party.statusCode, party.body).toBe(201);
    expect(party.json().maskedAddress).not.toContain('1234567');
    const tokenOf = async () => {
      const rows = await t.ctx.db
        .selectFrom('outbox_messages')
        .select(['id', 'body', 'event', 'priority'])
        .where('event', '=', 'acknowledgement.link')
        .orderBy('id', 'desc')
        .execute();
      const row = rows[0] as { id: string; body: string; priority: string };
      expect(row.priority).toBe('transactional');
      const body = t.ctx.keys.encryptor.decrypt(row.body, outboxAad(row.id, 'body'));
      return (body.match(/ack#([A-Za-z0-9_-]+)/) as RegExpMatchArray)[1] as string;
    };
    expect(
      (await hr.request('POST', `/api/v1/acknowledgements/versions/${versionId}/links`, { partyId: party.json().id })).statusCode,
    ).toBe(200);
    const token = await tokenOf();

    const page = await t.app.inject({ method: 'GET', url: '/ack' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('lang="ar"');
    const opened = await t.app.inject({ method: 'POST', url: '/api/v1/public/acknowledgements/link', payload: { token } });
    expect(opened.statusCode, opened.body).toBe(200);
    const { textSha256 } = opened.json();
    const signed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/acknowledgements',
      payload: { token, name: 'سالم المقاول', idLast4: '4321', textSha256, hasReadToEnd: true },
    });
    expect(signed.statusCode, signed.body).toBe(200);
    const row = await t.ctx.db
      .selectFrom('acknowledgements')
      .selectAll()
      .where('contract_party_id', '=', party.json().id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      version_id: versionId,
      signer_name: 'سالم المقاول',
      id_last4: '4321',
      text_sha256: textSha256,
      method: 'link',
    });

    const reused = await t.app.inject({ method: 'POST', url: '/api/v1/public/acknowledgements/link', payload: { token } });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/public/acknowledgements/link', payload: { token: 'x'.repeat(27) } });
    expect(reused.statusCode).toBe(404);
    expect(reused.json()).toEqual(unknown.json());
    expect(reused.json().code).toBe('acknowledgement.link-invalid');

    await hr.request('POST', `/api/v1/acknowledgements/versions/${versionId}/links`, { partyId: party.json().id });
    const late = await tokenOf();
    await advanceDays(15);
    const expired = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/acknowledgements',
      payload: { token: late, name: 'سالم', idLast4: '4321', textSha256, hasReadToEnd: true },
    });
    expect(expired.statusCode).toBe(404);
    expect(expired.json()).toEqual(unknown.json());

    // P-SCOPE: an exemption names the policy that replaces this one.
    await editor.request('PUT', `/api/v1/acknowledgements/requirements/${versionId}`, {
      audience: 'roles',
      roles: ['volunteer'],
      graceDays: 10,
    });
    const partner = (
      await hr.request('POST', '/api/v1/acknowledgements/parties', {
        kind: 'partner',
        name: 'شريك',
        channel: 'email',
        address: 'p@example.org',
      })
    ).json();
    const exempt = await hr.request('POST', '/api/v1/acknowledgements/exemptions', {
      versionId,
      partyId: partner.id,
      replacedBy: 'سياسة الشريك الخاصة 2026',
    });
    expect(exempt.statusCode, exempt.body).toBe(201);
    const status = (await hr.request('GET', `/api/v1/acknowledgements/versions/${versionId}`)).json();
    expect(status.parties.find((p: { id: string }) => p.id === partner.id).exemptBy).toBe('سياسة الشريك الخاصة 2026');
    expect(status.parties.find((p: { id: string }) => p.id === party.json().id).acknowledgedAt).not.toBeNull();
  });
});
