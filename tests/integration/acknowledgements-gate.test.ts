import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { startRuntime } from '../../src/platform/bootstrap.js';
import { loadConfig } from '../../src/platform/config.js';
import { CSRF_HEADER, SESSION_COOKIE } from '../../src/platform/http/auth-plugin.js';
import type { App } from '../../src/platform/http/types.js';
import { uuidv7 } from '../../src/platform/ids.js';
import { type Agent, buildStaff, createTestApp, ENGINE, type StaffFixture, sessionFor, TEST_PASSWORD, type TestApp } from './harness.js';

/**
 * Issue 26 §4 (R1): the acknowledgement gate keeps the requirements in force per process, keyed by
 * a fingerprint read on every request. Each step here first lets a request pass — so the cache is
 * warm — then changes what the gate depends on and expects the very next request to see it: an
 * acknowledgement, a new requirement (set through a second instance on the same database, as a
 * PostgreSQL deployment may run), a new version, a withdrawn one, a role or department change, an
 * exemption lifted, and a grace period ending mid-session.
 */
let t: TestApp;
let other: { app: App; close(): Promise<void> };
let editor: Agent;
let admin: Agent;
let editorFixture: StaffFixture;
let adminFixture: StaffFixture;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** A second app on the same database with its own context (its own caches), like another instance. */
async function secondInstance(): Promise<{ app: App; close(): Promise<void> }> {
  const runtime = await startRuntime(loadConfig(t.env), { clock: t.clock, log: () => {} });
  const app = await buildApp({ ctx: runtime.ctx, logger: false });
  return {
    app,
    close: async () => {
      await app.close();
      await runtime.close();
    },
  };
}

/** The same session, sent to the second instance. */
const onOther = (agent: Agent): Agent => ({
  ...agent,
  request: (method, url, body) =>
    other.app.inject({
      method: method as 'GET',
      url,
      cookies: { [SESSION_COOKIE]: agent.cookie },
      headers: { [CSRF_HEADER]: agent.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    }),
});

/** Fresh sessions after the clock moved (a session's life is shorter than the days tests skip). */
async function renewSessions() {
  [editor, admin] = await Promise.all([sessionFor(t, editorFixture), sessionFor(t, adminFixture)]);
}

beforeAll(async () => {
  t = await createTestApp();
  other = await secondInstance();
  editorFixture = await buildStaff(t, { roles: ['documents-editor'], withTotp: false });
  adminFixture = await buildStaff(t, { roles: ['administrator'], withTotp: false });
  await renewSessions();
}, 120_000);
afterAll(async () => {
  await other?.close();
  await t?.close();
});

const today = () => new Date(t.clock.now().getTime() + 3 * 60 * MINUTE).toISOString().slice(0, 10);
/** A cheap staff GET behind the gate. */
const work = async (agent: Agent) => {
  const response = await agent.request('GET', '/api/v1/saved-views?worklist=requests');
  return response.statusCode === 403 ? response.json().code : response.statusCode;
};

async function newDocument(slug: string, bodyAr: string) {
  const created = await editor.request('POST', '/api/v1/documents', {
    kind: 'code-of-conduct',
    slug,
    titleAr: 'ميثاق السلوك',
    titleEn: 'Code of conduct',
  });
  expect(created.statusCode, created.body).toBe(201);
  const documentId = created.json().id as string;
  return { documentId, versionId: await publish(documentId, bodyAr) };
}

async function publish(documentId: string, bodyAr: string): Promise<string> {
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

async function requireAcknowledgement(versionId: string, body: Record<string, unknown>, by: Agent = editor) {
  const set = await by.request('PUT', `/api/v1/acknowledgements/requirements/${versionId}`, body);
  expect(set.statusCode, set.body).toBe(200);
}

async function acknowledgeAll(agent: Agent) {
  const items = (await agent.request('GET', '/api/v1/acknowledgements/mine')).json().items as Array<Record<string, string>>;
  expect(items.length).toBeGreaterThan(0);
  for (const item of items) {
    const done = await agent.request('POST', `/api/v1/acknowledgements/mine/${item.versionId}`, {
      textSha256: item.textSha256,
      hasReadToEnd: true,
      password: TEST_PASSWORD,
    });
    expect(done.statusCode, done.body).toBe(200);
  }
}

async function department(nameAr: string, parentId?: string) {
  const created = await admin.request('POST', '/api/v1/staff/departments', { nameAr, nameEn: nameAr, ...(parentId ? { parentId } : {}) });
  expect(created.statusCode, created.body).toBe(201);
  return created.json().id as string;
}

async function clearAllRequirements() {
  await t.ctx.db.deleteFrom('ack_requirements').execute();
}

describe(`acknowledgement gate's cache [${ENGINE}]`, () => {
  it('R1: a requirement set on another instance, a new version and a withdrawn one are seen at the next request; acknowledging opens the next one', async () => {
    const staff = await buildStaff(t, { roles: ['reception'], withTotp: false });
    const agent = await sessionFor(t, staff);
    expect(await work(agent)).toBe(200); // no requirement at all
    // A requirement still in its grace period: the cache holds it and the work goes on.
    const early = await newDocument('gate-early', 'نص أول يقرأ خلال مهلة.');
    await requireAcknowledgement(early.versionId, { audience: 'roles', roles: ['reception'], graceDays: 30 });
    expect(await work(agent)).toBe(200);
    expect(await work(agent)).toBe(200);

    // Set through the second instance: this process wrote nothing, and must still see it.
    const now = await newDocument('gate-now', 'نص يجب الإقرار به فورًا.');
    await requireAcknowledgement(now.versionId, { audience: 'roles', roles: ['reception'], graceDays: 0 }, onOther(editor));
    expect(await work(agent)).toBe('acknowledgement.required');
    expect(await work(onOther(agent))).toBe('acknowledgement.required');

    await acknowledgeAll(agent);
    expect(await work(agent)).toBe(200);
    expect(await work(onOther(agent))).toBe(200);

    // A newer version of the required document comes into force: it is asked for at once.
    const second = await publish(now.documentId, 'نص معدل يجب الإقرار به من جديد.');
    expect(await work(agent)).toBe('acknowledgement.required');
    // Withdrawn on the other instance: the acknowledged version is back in force.
    const withdrawn = await onOther(editor).request('POST', `/api/v1/documents/${now.documentId}/versions/${second}/withdraw`, {
      reason: 'نشر بالخطأ',
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(await work(agent)).toBe(200);

    // Turned off on the other instance, then on again: each seen at the next request.
    const third = await publish(now.documentId, 'نص ثالث.');
    expect(await work(agent)).toBe('acknowledgement.required');
    expect((await onOther(editor).request('DELETE', `/api/v1/acknowledgements/requirements/${now.versionId}`)).statusCode).toBe(200);
    expect(await work(agent)).toBe(200);
    await requireAcknowledgement(third, { audience: 'roles', roles: ['reception'], graceDays: 0 }, onOther(editor));
    expect(await work(agent)).toBe('acknowledgement.required');
    await acknowledgeAll(agent);
    expect(await work(agent)).toBe(200);
    await clearAllRequirements();
  });

  it('R1: a role given, or a department or section set, by another instance or straight in the database closes the next request', async () => {
    const { versionId: byRole } = await newDocument('gate-role', 'لائحة مسؤولي التواصل.');
    const finance = await department('المالية للبوابة');
    const accounts = await department('الحسابات للبوابة', finance);
    const { versionId: byDepartment } = await newDocument('gate-department', 'لائحة المالية.');
    await requireAcknowledgement(byRole, { audience: 'roles', roles: ['contact-officer'], graceDays: 0 });
    await requireAcknowledgement(byDepartment, { audience: 'departments', departmentIds: [finance], graceDays: 0 });

    const staff = await buildStaff(t, { roles: ['reception'], withTotp: false });
    const agent = await sessionFor(t, staff);
    expect(await work(agent)).toBe(200);
    expect(await work(agent)).toBe(200);

    const patched = await onOther(admin).request('PATCH', `/api/v1/staff/users/${staff.id}`, { roles: ['reception', 'contact-officer'] });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(await work(agent)).toBe('acknowledgement.required');
    await acknowledgeAll(agent);
    expect(await work(agent)).toBe(200);

    // Into a section of the required department, written by another process.
    await t.ctx.db.updateTable('staff_users').set({ department_id: accounts }).where('id', '=', staff.id).execute();
    expect(await work(agent)).toBe('acknowledgement.required');
    await acknowledgeAll(agent);
    expect(await work(agent)).toBe(200);
    await clearAllRequirements();
  });

  it('R1, P-SCOPE: an exemption recorded lets the member work, and lifted closes the next request again', async () => {
    const { documentId, versionId } = await newDocument('gate-exempt', 'لائحة يعفى منها بعضهم.');
    await requireAcknowledgement(versionId, { audience: 'roles', roles: ['reception'], graceDays: 0 });
    const staff = await buildStaff(t, { roles: ['reception'], withTotp: false });
    const agent = await sessionFor(t, staff);
    expect(await work(agent)).toBe('acknowledgement.required');
    const id = uuidv7();
    await t.ctx.db
      .insertInto('ack_exemptions')
      .values({
        id,
        document_id: documentId,
        staff_user_id: staff.id,
        contract_party_id: null,
        replaced_by: 'لائحة المتطوعين',
        recorded_at: t.clock.now().toISOString(),
        recorded_by: adminFixture.id,
      })
      .execute();
    expect(await work(agent)).toBe(200);
    expect(await work(agent)).toBe(200);
    await t.ctx.db.deleteFrom('ack_exemptions').where('id', '=', id).execute();
    expect(await work(agent)).toBe('acknowledgement.required');
    await clearAllRequirements();
  });

  it('R1: a grace period that ends mid-session closes the next request of the same session', async () => {
    // 10:00 in Riyadh, so that the day does not turn between the last open request and the first closed one.
    const riyadhNow = t.clock.now().getTime() + 3 * 60 * MINUTE;
    const sinceTen = (((riyadhNow - 10 * 60 * MINUTE) % DAY) + DAY) % DAY;
    t.clock.advance(DAY - sinceTen);
    await renewSessions();
    const { versionId } = await newDocument('gate-grace', 'لائحة بمهلة يوم.');
    await requireAcknowledgement(versionId, { audience: 'roles', roles: ['reception'], graceDays: 1 });
    const staff = await buildStaff(t, { roles: ['reception'], withTotp: false });
    expect(await work(await sessionFor(t, staff))).toBe(200);

    t.clock.advance(DAY - 2 * MINUTE);
    const agent = await sessionFor(t, staff);
    expect(await work(agent)).toBe(200);
    expect(await work(agent)).toBe(200);
    t.clock.advance(3 * MINUTE);
    expect(await work(agent)).toBe('acknowledgement.required');
    await renewSessions();
    await clearAllRequirements();
  });
});
