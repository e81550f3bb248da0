import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SetupItem, SetupStatus } from '../../src/contracts/setup.js';
import { sila } from './cli-support.js';
import { buildStaff, newMobile, type StaffFixture } from './factories.js';
import { type Agent, createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';

/**
 * Issue 27 §7: the administrator's set-up checklist. Each item ticks by its own condition — the
 * public address, each transport's test message, committees that can meet, a register without
 * empty cells, the "reviewed" marks, a `sila backup` — and only administrators read or act on it.
 */
let t: TestApp;
let admin: Agent;
let adminFixture: StaffFixture;
let reception: Agent;
let management: Agent;
const workDir = mkdtempSync(path.join(tmpdir(), 'sila-setup-test-'));
const gatewayBodies: string[] = [];
let gatewayStatus = 200;
const gateway = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => {
    body += chunk;
  });
  request.on('end', () => {
    gatewayBodies.push(body);
    response.writeHead(gatewayStatus, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
});
const mails: string[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, session, callback) {
    stream.resume();
    stream.on('end', () => {
      mails.push(...session.envelope.rcptTo.map((r) => r.address));
      callback();
    });
  },
});

beforeAll(async () => {
  t = await createTestApp();
  adminFixture = await buildStaff(t, { roles: ['administrator'], username: 'setup.admin' });
  admin = await sessionFor(t, adminFixture);
  reception = await sessionFor(t, await buildStaff(t, { roles: ['reception'] }));
  management = await sessionFor(t, await buildStaff(t, { roles: ['management'] }));
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
}, 120_000);
afterAll(async () => {
  await t.close();
  await new Promise<void>((resolve) => gateway.close(() => resolve()));
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  rmSync(workDir, { recursive: true, force: true });
});

const status = async (): Promise<SetupStatus> => {
  const response = await admin.request('GET', '/api/v1/setup');
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};
const itemOf = async (key: SetupItem['key']): Promise<SetupItem> => {
  const found = (await status()).items.find((i) => i.key === key);
  if (!found) throw new Error(`no item ${key}`);
  return found;
};
const auditOf = (action: string) =>
  t.ctx.db.selectFrom('audit_events').select(['actor_id', 'entity_id', 'details']).where('action', '=', action).execute();

describe(`set-up checklist [${ENGINE}]`, () => {
  it('issue 27 §7: only administrators read the checklist or act on it (403 for others)', async () => {
    for (const agent of [reception, management]) {
      expect((await agent.request('GET', '/api/v1/setup')).statusCode).toBe(403);
      expect((await agent.request('POST', '/api/v1/setup/reviews', { subject: 'request-types' })).statusCode).toBe(403);
      expect((await agent.request('POST', '/api/v1/setup/test-message', { channel: 'sms', address: '0551234567' })).statusCode).toBe(403);
    }
    expect(await t.ctx.db.selectFrom('setup_marks').selectAll().execute()).toEqual([]);
  });

  it('issue 27 §7: a fresh installation is not ready; every item says why and where it is done', async () => {
    const fresh = await status();
    expect(fresh.isReady).toBe(false);
    const byKey = Object.fromEntries(fresh.items.map((i) => [i.key, i]));
    expect(byKey['public-url']).toMatchObject({ isDone: false, reason: 'public-url.missing', link: null });
    expect(byKey['transport-sms']).toMatchObject({ isDone: false, reason: 'transport.not-configured', canTest: false });
    expect(byKey['transport-email']).toMatchObject({
      isDone: false,
      reason: 'transport.not-configured',
      params: { variables: 'SMTP_URL' },
    });
    expect(byKey['transport-whatsapp']).toMatchObject({ isDone: true, reason: 'transport.optional' });
    // Found §7: the seeded committees have no members or chair.
    expect(byKey.committees).toMatchObject({ isDone: false, reason: 'committees.cannot-meet', link: '/committees' });
    expect(byKey['contact-officers']).toMatchObject({ isDone: false, reason: 'officers.empty-cells', link: '/contact-officers' });
    expect(byKey['contact-officers']?.params.count).toBeGreaterThan(0);
    expect(byKey['request-types']).toMatchObject({ isDone: false, reason: 'reviewed.never', link: '/settings/request-types' });
    expect(byKey.holidays).toMatchObject({ isDone: false, reason: 'reviewed.holidays-never', link: '/holidays' });
    expect(byKey.backup).toMatchObject({ isDone: false, reason: 'backup.never', mark: null });
  });

  it('issue 27 §7: the public address ticks once SILA_PUBLIC_URL is set', async () => {
    t.ctx.config.publicUrl = 'https://sila.harif.org.sa';
    expect(await itemOf('public-url')).toMatchObject({
      isDone: true,
      reason: 'public-url.set',
      params: { url: 'https://sila.harif.org.sa' },
    });
  });

  it('issue 27 §7: a configured transport ticks only after a test message it accepted; the address is neither kept nor audited', async () => {
    const { port: gatewayPort } = gateway.address() as AddressInfo;
    t.ctx.config.transports.smsGatewayUrl = `http://127.0.0.1:${gatewayPort}/sms`;
    t.ctx.config.transports.smsGatewayToken = 'setup-test-token';
    expect(await itemOf('transport-sms')).toMatchObject({ isDone: false, reason: 'transport.untested', canTest: true });

    const mobile = newMobile();
    const bad = await admin.request('POST', '/api/v1/setup/test-message', { channel: 'sms', address: '12' });
    expect(bad.statusCode).toBe(400);
    gatewayStatus = 503;
    const refused = await admin.request('POST', '/api/v1/setup/test-message', { channel: 'sms', address: mobile });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'setup.test-failed', transportCode: 'sms.http-503' });
    expect((await itemOf('transport-sms')).isDone).toBe(false);

    gatewayStatus = 200;
    const sent = await admin.request('POST', '/api/v1/setup/test-message', { channel: 'sms', address: mobile });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(gatewayBodies.at(-1)).toContain(mobile.replace(/^0/, ''));
    expect(gatewayBodies.at(-1)).toContain('رسالة تجريبية');
    expect(await itemOf('transport-sms')).toMatchObject({ isDone: true, reason: 'transport.tested', mark: { byName: 'Test setup.admin' } });

    const { port: smtpPort } = smtp.server.address() as AddressInfo;
    t.ctx.config.transports.smtpUrl = `smtp://127.0.0.1:${smtpPort}`;
    expect((await itemOf('transport-email')).isDone).toBe(false);
    expect((await admin.request('POST', '/api/v1/setup/test-message', { channel: 'email', address: 'not-an-address' })).statusCode).toBe(
      400,
    );
    const mailed = await admin.request('POST', '/api/v1/setup/test-message', { channel: 'email', address: 'it@harif.org.sa' });
    expect(mailed.statusCode, mailed.body).toBe(200);
    expect(mails).toEqual(['it@harif.org.sa']);
    expect((await itemOf('transport-email')).isDone).toBe(true);

    // WhatsApp is optional; once configured it must be tested like the others.
    t.ctx.config.transports.whatsappToken = 'token';
    t.ctx.config.transports.whatsappPhoneNumberId = '1234';
    expect(await itemOf('transport-whatsapp')).toMatchObject({ isDone: false, reason: 'transport.untested' });
    t.ctx.config.transports.whatsappToken = undefined;
    expect((await itemOf('transport-whatsapp')).isDone).toBe(true);

    const audits = await auditOf('setup.test-send');
    expect(audits.map((a) => a.entity_id).sort()).toEqual(['test-send:email', 'test-send:sms']);
    expect(JSON.stringify(audits)).not.toContain(mobile.slice(-8));
    expect(JSON.stringify(audits)).not.toContain('it@harif.org.sa');
  });

  it('issue 27 §7 (Found §7): committees tick when each active one has a chair and its quorum of members', async () => {
    const { items } = (await admin.request('GET', '/api/v1/committees')).json() as {
      items: Array<{ id: string; quorum: number; isActive: boolean }>;
    };
    const active = items.filter((c) => c.isActive);
    expect(active.length).toBeGreaterThan(0);
    for (const [index, committee] of active.entries()) {
      const members = await Promise.all(Array.from({ length: committee.quorum }, () => buildStaff(t, { roles: ['committee-member'] })));
      const patched = await admin.request('PATCH', `/api/v1/committees/${committee.id}`, {
        memberIds: members.map((m) => m.id),
        chairId: members[0]?.id,
      });
      expect(patched.statusCode, patched.body).toBe(200);
      const item = await itemOf('committees');
      expect(item.isDone).toBe(index === active.length - 1);
    }
    expect(await itemOf('committees')).toMatchObject({ reason: 'committees.ready', params: { count: active.length } });
  });

  it('issue 27 §7 (G1): the register ticks when no category × domain cell is left without an officer', async () => {
    const officer = await buildStaff(t, { roles: ['contact-officer'] });
    const { domains } = (await admin.request('GET', '/api/v1/settings/taxonomies')).json() as {
      domains: Array<{ code: string; isActive: boolean }>;
    };
    const active = domains.filter((d) => d.isActive);
    for (const [index, domain] of active.entries()) {
      const created = await admin.request('POST', '/api/v1/contact-officers', {
        category: null,
        domain: domain.code,
        officerId: officer.id,
        roleTitleAr: 'ضابط اتصال',
        roleTitleEn: 'Contact officer',
        channel: 'phone',
        address: '920012345',
      });
      expect(created.statusCode, created.body).toBe(201);
      expect((await itemOf('contact-officers')).isDone).toBe(index === active.length - 1);
    }
    expect((await itemOf('contact-officers')).reason).toBe('officers.covered');
  });

  it('issue 27 §7 (C6): request types and this year’s holidays are marked reviewed by an administrator — who and when, audited', async () => {
    const bad = await admin.request('POST', '/api/v1/setup/reviews', { subject: 'families' });
    expect(bad.statusCode).toBe(400);
    const types = await admin.request('POST', '/api/v1/setup/reviews', { subject: 'request-types' });
    expect(types.statusCode, types.body).toBe(200);
    const typesItem = types.json().items.find((i: SetupItem) => i.key === 'request-types');
    expect(typesItem).toMatchObject({
      isDone: true,
      reason: 'reviewed.done',
      mark: { at: t.clock.now().toISOString(), byName: 'Test setup.admin' },
    });
    expect(await itemOf('holidays')).toMatchObject({ isDone: false, params: { year: '2026' } });
    expect((await admin.request('POST', '/api/v1/setup/reviews', { subject: 'holidays' })).statusCode).toBe(200);
    expect(await itemOf('holidays')).toMatchObject({ isDone: true, params: { year: '2026' }, mark: { byName: 'Test setup.admin' } });
    // A new year asks for a new review of its holidays; the request types' mark stays.
    t.clock.set(new Date('2027-01-02T09:00:00Z'));
    admin = await sessionFor(t, adminFixture);
    expect(await itemOf('holidays')).toMatchObject({ isDone: false, params: { year: '2027' } });
    expect((await itemOf('request-types')).isDone).toBe(true);
    expect((await admin.request('POST', '/api/v1/setup/reviews', { subject: 'holidays' })).statusCode).toBe(200);
    const audits = await auditOf('setup.review');
    expect(audits.map((a) => a.entity_id)).toEqual(
      expect.arrayContaining(['reviewed:request-types', 'reviewed:holidays:2026', 'reviewed:holidays:2027']),
    );
  });

  it('issue 27 §7: `sila backup` records its last successful run (time and size); then the checklist is ready', async () => {
    expect((await status()).isReady).toBe(false);
    const file = path.join(workDir, `setup-${ENGINE}.sila-backup.gz`);
    const run = await sila(['backup', file], t.env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const backup = await itemOf('backup');
    expect(backup).toMatchObject({ isDone: true, reason: 'backup.done', mark: { byName: null, bytes: statSync(file).size } });
    expect(Date.parse(backup.mark?.at ?? '')).toBeGreaterThan(Date.now() - 5 * 60_000);
    expect((await auditOf('setup.backup')).map((a) => a.entity_id)).toEqual(['backup']);
    const ready = await status();
    expect(ready.items.filter((i) => !i.isDone)).toEqual([]);
    expect(ready.isReady).toBe(true);
  }, 240_000);
});
