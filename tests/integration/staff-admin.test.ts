import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, agentFor, buildStaff, cookieFrom, createTestApp, ENGINE, type StaffFixture, signIn, type TestApp } from './harness.js';

let t: TestApp;
let admin: Agent;
let adminFixture: StaffFixture;

beforeAll(async () => {
  t = await createTestApp();
  adminFixture = await buildStaff(t, { roles: ['administrator'] });
  admin = await signIn(t, adminFixture);
});
afterAll(async () => {
  await t.close();
});

const newUser = (username: string, extra: Record<string, unknown> = {}) => ({
  username,
  displayName: 'نورة العتيبي',
  email: `${username}@harif.org.sa`,
  roles: ['reception', 'contact-officer'],
  scope: { categories: ['productive-family'], domains: ['training', 'marketing'], offices: ['dammam'] },
  ...extra,
});

describe(`staff accounts [${ENGINE}]`, () => {
  it('an administrator creates an account with roles and a scope; it signs in with the one-time password and must change it', async () => {
    const created = await admin.request('POST', '/api/v1/staff/users', newUser('noura.o'));
    expect(created.statusCode).toBe(201);
    const { user, oneTimePassword } = created.json();
    expect(user).toMatchObject({
      username: 'noura.o',
      roles: ['contact-officer', 'reception'],
      scope: { categories: ['productive-family'], domains: ['marketing', 'training'], offices: ['dammam'] },
      isActive: true,
      mustChangePassword: true,
      hasTotp: false,
    });
    const stored = await t.ctx.db.selectFrom('staff_users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(stored.password_hash).not.toContain(oneTimePassword);

    const signedIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { username: 'Noura.O', password: oneTimePassword },
    });
    expect(signedIn.json().stage).toBe('password-change');
    const agent = agentFor(t, cookieFrom(signedIn) as string, signedIn.json().csrfToken);
    const changed = await agent.request('POST', '/api/v1/auth/password', {
      currentPassword: oneTimePassword,
      newPassword: 'قهوة عربية مع التمر',
    });
    expect(changed.json().stage).toBe('active');
    expect(changed.json().user.scope.offices).toEqual(['dammam']);
  });

  it('refuses a taken username, an unknown scope code and a bad username', async () => {
    await admin.request('POST', '/api/v1/staff/users', newUser('dup.user'));
    const again = await admin.request('POST', '/api/v1/staff/users', newUser('DUP.user'));
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('staff.username-taken');
    const badScope = await admin.request(
      'POST',
      '/api/v1/staff/users',
      newUser('scope.user', { scope: { categories: [], domains: [], offices: ['riyadh'] } }),
    );
    expect(badScope.statusCode).toBe(400);
    expect(badScope.json().errors).toEqual([expect.objectContaining({ pointer: '/scope/offices/0', code: 'scope.unknown' })]);
    const badName = await admin.request('POST', '/api/v1/staff/users', newUser('a b'));
    expect(badName.json().errors[0]).toMatchObject({ pointer: '/username', code: 'username.format' });
  });

  it('lists with search, status filter, sorting and paging', async () => {
    for (const name of ['list.a', 'list.b', 'list.c']) await admin.request('POST', '/api/v1/staff/users', newUser(name));
    const page1 = (await admin.request('GET', '/api/v1/staff/users?q=list.&sort=username&order=desc&pageSize=2&page=1')).json();
    expect(page1.total).toBe(3);
    expect(page1.items.map((u: { username: string }) => u.username)).toEqual(['list.c', 'list.b']);
    const page2 = (await admin.request('GET', '/api/v1/staff/users?q=list.&sort=username&order=desc&pageSize=2&page=2')).json();
    expect(page2.items.map((u: { username: string }) => u.username)).toEqual(['list.a']);
    // LIKE wildcards in the query are taken literally.
    expect((await admin.request('GET', '/api/v1/staff/users?q=%25')).json().total).toBe(0);
  });

  it('edits roles and scope, and records who changed what in the audit trail', async () => {
    const { user } = (await admin.request('POST', '/api/v1/staff/users', newUser('edit.me'))).json();
    const edited = await admin.request('PATCH', `/api/v1/staff/users/${user.id}`, {
      roles: ['management'],
      scope: { categories: [], domains: [], offices: [] },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ roles: ['management'], scope: { categories: [], domains: [], offices: [] } });
    const audit = await t.ctx.db.selectFrom('audit_events').selectAll().where('entity_id', '=', user.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['staff.create', 'staff.update']);
    expect(audit[1]).toMatchObject({ actor_kind: 'staff', actor_id: adminFixture.id });
    expect(JSON.parse(audit[1]?.fields ?? '[]')).toEqual(['roles', 'scope']);
  });

  it('a signed-in user is read afresh on every request: a change of roles and scope applies to their next request', async () => {
    const scope = { categories: ['productive-family'], domains: ['marketing', 'training'], offices: ['dammam'] };
    const staff = await buildStaff(t, { roles: ['reception', 'contact-officer'], scope });
    const agent = await signIn(t, staff);
    const before = (await agent.request('GET', '/api/v1/auth/session')).json();
    expect(before.user).toMatchObject({ id: staff.id, username: staff.username, roles: ['contact-officer', 'reception'], scope });
    expect((await agent.request('GET', '/api/v1/staff/users')).statusCode).toBe(403);

    await admin.request('PATCH', `/api/v1/staff/users/${staff.id}`, {
      roles: ['hr'],
      scope: { categories: [], domains: ['training'], offices: [] },
    });
    const after = (await agent.request('GET', '/api/v1/auth/session')).json();
    expect(after.user).toMatchObject({ roles: ['hr'], scope: { categories: [], domains: ['training'], offices: [] } });
    expect((await agent.request('GET', '/api/v1/staff/users')).statusCode).toBe(200);
  });

  it('deactivates (ending sessions) and reactivates; refuses self-deactivation', async () => {
    const staff = await buildStaff(t, { roles: ['reception'] });
    const agent = await signIn(t, staff);
    const off = await admin.request('POST', `/api/v1/staff/users/${staff.id}/deactivate`);
    expect(off.json()).toMatchObject({ isActive: false });
    expect(off.json().deactivatedAt).toBeTruthy();
    expect((await agent.request('GET', '/api/v1/auth/session')).statusCode).toBe(401);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/sign-in',
          payload: { username: staff.username, password: 'correct horse battery staple' },
        })
      ).statusCode,
    ).toBe(401);
    expect((await admin.request('GET', '/api/v1/staff/users?status=inactive')).json().items.map((u: { id: string }) => u.id)).toContain(
      staff.id,
    );
    const on = await admin.request('POST', `/api/v1/staff/users/${staff.id}/reactivate`);
    expect(on.json().isActive).toBe(true);
    const self = await admin.request('POST', `/api/v1/staff/users/${adminFixture.id}/deactivate`);
    expect(self.statusCode).toBe(409);
    expect(self.json().code).toBe('staff.cannot-deactivate-self');
  });

  it('keeps at least one active administrator', async () => {
    const response = await admin.request('PATCH', `/api/v1/staff/users/${adminFixture.id}`, { roles: ['reception'] });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('staff.last-administrator');
  });

  it('resets a password (and the authenticator when asked); the old sessions end', async () => {
    const staff = await buildStaff(t, { roles: ['reception'], withTotp: true });
    const agent = await signIn(t, staff);
    const reset = await admin.request('POST', `/api/v1/staff/users/${staff.id}/reset`, { resetTotp: true });
    expect(reset.statusCode).toBe(200);
    expect(reset.json().user).toMatchObject({ mustChangePassword: true, hasTotp: false });
    expect((await agent.request('GET', '/api/v1/auth/session')).statusCode).toBe(401);
    const signedIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { username: staff.username, password: reset.json().oneTimePassword },
    });
    expect(signedIn.json().stage).toBe('password-change');
  });

  it('lets HR read the staff list but not change it', async () => {
    const hr = await signIn(t, await buildStaff(t, { roles: ['hr'] }));
    expect((await hr.request('GET', '/api/v1/staff/users')).statusCode).toBe(200);
    expect((await hr.request('POST', '/api/v1/staff/users', newUser('by.hr'))).statusCode).toBe(403);
  });

  it('recovers an administrator from the command line (create-admin on an existing name)', async () => {
    const { createOrRecoverAdministrator } = await import('../../src/modules/staff/staff.service.js');
    const staff = await buildStaff(t, { roles: ['reception'], withTotp: true });
    await t.ctx.db.updateTable('staff_users').set({ is_active: 0 }).where('id', '=', staff.id).execute();
    const { oneTimePassword, isNew } = await createOrRecoverAdministrator(t.ctx, staff.username);
    expect(isNew).toBe(false);
    const signedIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { username: staff.username, password: oneTimePassword },
    });
    expect(signedIn.json()).toMatchObject({ stage: 'password-change', user: { roles: ['administrator', 'reception'] } });
  });
});

describe(`settings [${ENGINE}]`, () => {
  it('starts with Harif’s details and the Eastern Province defaults', async () => {
    const settings = (await admin.request('GET', '/api/v1/settings')).json();
    expect(settings.association).toMatchObject({
      nameAr: 'جمعية حارف للأسر المنتجة بالمنطقة الشرقية',
      phone: '013 882 0058',
      fax: '013 882 0258',
      email: 'info@harif.org.sa',
    });
    expect(settings.categories.map((c: { code: string }) => c.code)).toContain('productive-family');
    expect(settings.offices.map((c: { nameAr: string }) => c.nameAr)).toContain('مكتب الدمام');
    expect(settings.security.mfaRequiredRoles).toEqual([]);
  });

  it('edits association details, shown on the public home at once', async () => {
    const { association } = (await admin.request('GET', '/api/v1/settings')).json();
    const saved = await admin.request('PUT', '/api/v1/settings/association', { ...association, phone: '013 800 0000' });
    expect(saved.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/public/association' })).json().phone).toBe('013 800 0000');
    expect((await t.app.inject({ method: 'GET', url: '/' })).body).toContain('013 800 0000');
  });

  it('adds, renames and deactivates categories, domains and offices', async () => {
    const added = await admin.request('POST', '/api/v1/settings/offices', {
      code: 'hafr-al-batin',
      nameAr: 'مكتب حفر الباطن',
      nameEn: 'Hafr Al-Batin office',
    });
    expect(added.statusCode).toBe(201);
    expect((await admin.request('POST', '/api/v1/settings/offices', { code: 'hafr-al-batin', nameAr: 'x', nameEn: 'x' })).json().code).toBe(
      'settings.code-taken',
    );
    const renamed = await admin.request('PATCH', '/api/v1/settings/offices/hafr-al-batin', {
      nameEn: 'Hafr Al Batin office',
      isActive: false,
    });
    expect(renamed.json()).toMatchObject({ nameEn: 'Hafr Al Batin office', isActive: false });
    expect((await admin.request('PATCH', '/api/v1/settings/offices/nowhere', { isActive: false })).statusCode).toBe(404);
    expect(
      (await admin.request('POST', '/api/v1/settings/domains', { code: 'Bad Code', nameAr: 'x', nameEn: 'x' })).json().errors[0].code,
    ).toBe('field.code-format');
    const taxonomies = (await admin.request('GET', '/api/v1/settings/taxonomies')).json();
    expect(taxonomies.offices.find((o: { code: string }) => o.code === 'hafr-al-batin')).toMatchObject({ isActive: false });
  });
});
