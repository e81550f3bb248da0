import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcessingRecord } from '../../src/contracts/privacy.js';
import { type Agent, buildStaff, createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';

/**
 * F2, issue 25 §7: the record of processing names, for each area, its purpose, the staff roles that
 * read its personal data and the retention period that applies as set now. The roles are the
 * area's manifest `readers` (its policy file's role lists); this test checks them against the
 * policies of the routes that read the area's personal data, so neither can change alone.
 */
const READ_ROUTES: Record<string, string[]> = {
  families: ['/api/v1/families', '/api/v1/families/:id', '/api/v1/families/:id/consents'],
  requests: ['/api/v1/requests', '/api/v1/requests/:id'],
  complaints: ['/api/v1/complaints', '/api/v1/complaints/:id', '/api/v1/inquiries', '/api/v1/inquiries/:id'],
  compensation: ['/api/v1/compensation-cases', '/api/v1/compensation-cases/:id'],
  committees: ['/api/v1/meetings/:id', '/api/v1/minutes/:id'],
  notifications: ['/api/v1/notifications/outbox', '/api/v1/notifications/outbox/:id', '/api/v1/notifications/bulk-sends/:id/results'],
  staff: ['/api/v1/staff/users', '/api/v1/staff/users/:id'],
  acknowledgements: ['/api/v1/acknowledgements/parties', '/api/v1/acknowledgements/versions/:versionId'],
  documents: ['/api/v1/documents/:id'],
  surveys: ['/api/v1/surveys/answers', '/api/v1/surveys/comments'],
  privacy: ['/api/v1/privacy/requests/:id', '/api/v1/privacy/breaches/:id'],
  files: [
    '/api/v1/requests/:id/documents/:documentId',
    '/api/v1/complaints/:id/files/:fileId',
    '/api/v1/inquiries/:id/files/:fileId',
    '/api/v1/compensation-cases/:id/files/:fileId',
    '/api/v1/privacy/requests/:id/access-copy/:format',
  ],
};

let t: TestApp;
let officer: Agent;

beforeAll(async () => {
  t = await createTestApp();
  officer = await sessionFor(t, await buildStaff(t, { roles: ['privacy-officer'] }));
}, 120_000);
afterAll(async () => {
  await t.close();
});

const readRecord = async (): Promise<ProcessingRecord> => {
  const response = await officer.request('GET', '/api/v1/privacy/record');
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};
const areaOf = (record: ProcessingRecord, name: string) => {
  const area = record.areas.find((a) => a.area === name);
  if (!area) throw new Error(`no area ${name} in the record`);
  return area;
};

describe(`F2 record of processing [${ENGINE}]`, () => {
  it('F2 (§7): each area names its purpose in Arabic and English and the roles of the routes that read its data', async () => {
    const record = await readRecord();
    expect(record.areas.map((a) => a.area).sort()).toEqual(Object.keys(READ_ROUTES).sort());
    for (const area of record.areas) {
      expect(area.purpose?.ar, area.area).toMatch(/[\u0621-\u064A]/);
      expect(area.purpose?.en, area.area).toMatch(/[A-Za-z]/);
      const roles = new Set<string>();
      for (const url of READ_ROUTES[area.area] ?? []) {
        const route = t.app.silaRoutes.find((r) => r.method === 'GET' && r.url === url);
        expect(route, `GET ${url}`).toBeDefined();
        const policy = route?.policy;
        if (policy?.access !== 'staff' || policy.roles === 'any-role') throw new Error(`GET ${url} is not limited to staff roles`);
        for (const role of policy.roles) roles.add(role);
      }
      expect([...area.readers].sort(), area.area).toEqual([...roles].sort());
    }
    // A few named: families by the registry's readers, the privacy area by its officers.
    expect(areaOf(record, 'families').readers).toEqual(expect.arrayContaining(['reception', 'contact-officer', 'volunteer']));
    expect(areaOf(record, 'families').readers).not.toContain('privacy-officer');
    expect([...areaOf(record, 'privacy').readers].sort()).toEqual(['administrator', 'privacy-officer']);
    expect([...areaOf(record, 'staff').readers].sort()).toEqual(['administrator', 'hr']);
  });

  it('F2 (§6, §7): the retention period shown is the setting as it is now — it changes when the setting changes, “never” when empty', async () => {
    const before = await readRecord();
    expect(areaOf(before, 'families').retention).toEqual([{ kind: 'families', months: 120 }]);
    expect(areaOf(before, 'requests').retention).toEqual([
      { kind: 'families', months: 120 },
      { kind: 'rejected-requests', months: 60 },
    ]);
    expect(areaOf(before, 'complaints').retention).toEqual(expect.arrayContaining([{ kind: 'complaints', months: 60 }]));
    // No retention period applies to staff accounts: the record says never.
    expect(areaOf(before, 'staff').retention).toEqual([]);

    const saved = await officer.request('PUT', '/api/v1/privacy/retention', { families: 84, complaints: null });
    expect(saved.statusCode, saved.body).toBe(200);
    const after = await readRecord();
    expect(areaOf(after, 'families').retention).toEqual([{ kind: 'families', months: 84 }]);
    expect(areaOf(after, 'compensation').retention).toEqual([{ kind: 'families', months: 84 }]);
    expect(areaOf(after, 'complaints').retention).toEqual(expect.arrayContaining([{ kind: 'complaints', months: null }]));
    // Reading the record is audited.
    const views = await t.ctx.db.selectFrom('audit_events').select('id').where('action', '=', 'privacy.record-view').execute();
    expect(views.length).toBeGreaterThanOrEqual(3);
  });
});
