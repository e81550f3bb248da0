import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dispatchDue } from '../../src/modules/notifications/outbox.dispatcher.js';
import { type EnqueueInput, enqueueMessage } from '../../src/modules/notifications/outbox.enqueue.js';
import { startRuntime } from '../../src/platform/bootstrap.js';
import { loadConfig } from '../../src/platform/config.js';
import type { AppContext } from '../../src/platform/context.js';
import { Encryptor, generateKey, parseKeyList } from '../../src/platform/crypto/keyring.js';
import { buildFamily } from './factories.js';
import { type Agent, buildStaff, createTestApp, ENGINE, type StaffFixture, sessionFor, type TestApp } from './harness.js';
import { rotateAllKeys } from './keys-support.js';

/**
 * Issue 4 §5–§6: messages are written with the change that causes them, delivered by a dispatcher
 * through real local stand-ins (an SMTP server, an HTTP gateway, a WhatsApp Cloud API) with retries,
 * never twice, and one-time codes never late nor shown. No outside host is ever contacted.
 */
let t: TestApp;
let receptionist: StaffFixture;
let administrator: StaffFixture;

/** A fresh session per call: tests move the clock by hours and sessions time out. */
const as = (staff: StaffFixture): Pick<Agent, 'request'> => ({
  request: async (...args) => (await sessionFor(t, staff)).request(...args),
});

/** A family the Dammam receptionist registered, reached by SMS unless `extra` says otherwise. */
async function registerFamily(extra: Record<string, unknown> = {}): Promise<{ id: string; reference: string; mobile: string }> {
  const family = await buildFamily(t, { by: receptionist, address: 'حي الفيصلية، شارع ١٢', ...extra });
  // Registration's own message (issue 27 §2, tested in c5-status-messages) is removed: each test here writes, counts and delivers its own.
  await t.ctx.db.deleteFrom('outbox_messages').where('dedupe_key', '=', `family:${family.id}:registered`).execute();
  return { ...family, mobile: family.mobile as string };
}

/** Writes messages in a transaction of their own, as a service's change would. */
function enqueue(input: EnqueueInput, ctx: AppContext = t.ctx) {
  return ctx.db.transaction().execute((trx) => enqueueMessage(trx, ctx, input));
}

function message(id: string) {
  return t.ctx.db.selectFrom('outbox_messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

function attempts(id: string) {
  return t.ctx.db.selectFrom('outbox_attempts').selectAll().where('message_id', '=', id).orderBy('at').orderBy('id').execute();
}

/** The same context with transports configured, as the environment would. */
function withTransports(transports: Partial<AppContext['config']['transports']>, ctx: AppContext = t.ctx): AppContext {
  return { ...ctx, config: { ...ctx.config, transports: { ...ctx.config.transports, ...transports } } };
}

interface Received {
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A local HTTP server standing in for a gateway; `answer` decides each response. */
async function fakeGateway(answer: (request: Received, index: number) => { status: number; body?: unknown; delayMs?: number }) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = { url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(request);
      const { status, body, delayMs = 0 } = answer(request, received.length);
      setTimeout(() => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body ?? {}));
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// ---- a small MIME reader for the SMTP test (encoded words, base64 and quoted-printable) ----

function decodeQuotedPrintable(text: string): Buffer {
  const bytes: number[] = [];
  const source = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < source.length; i += 1) {
    if (source[i] === '=' && /^[0-9A-F]{2}$/i.test(source.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(source.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(source.charCodeAt(i));
  }
  return Buffer.from(bytes);
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_w, encoding: string, data: string) =>
      encoding.toLowerCase() === 'b'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')).toString('utf8'),
    );
}

function header(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const line = unfolded.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : '';
}

function mimePart(raw: string, type: 'text/plain' | 'text/html'): string {
  const start = raw.toLowerCase().indexOf(`content-type: ${type}`);
  const part = raw.slice(start);
  const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(part)?.[1]?.toLowerCase();
  const body = (part.split(/\r?\n\r?\n/)[1] ?? '').split(/\r?\n--/)[0] ?? '';
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body).toString('utf8');
  return body;
}

beforeAll(async () => {
  t = await createTestApp();
  receptionist = await buildStaff(t, { roles: ['reception'], scope: { categories: [], domains: [], offices: ['dammam'] } });
  administrator = await buildStaff(t, { roles: ['administrator'] });
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  // Each test delivers only its own messages.
  await t.ctx.db.updateTable('outbox_messages').set({ status: 'cancelled' }).where('status', 'in', ['pending', 'sending']).execute();
});

describe(`the outbox and its dispatcher [${ENGINE}]`, () => {
  it('writes a message with the change that causes it: a rolled-back change leaves none', async () => {
    const family = await registerFamily();
    const count = async () =>
      (await t.ctx.db.selectFrom('outbox_messages').select('id').where('recipient_id', '=', family.id).execute()).length;
    await expect(
      t.ctx.db.transaction().execute(async (trx) => {
        await enqueueMessage(trx, t.ctx, { event: 'family.registered', recipient: { kind: 'family', familyId: family.id } });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await count()).toBe(0);

    const [queued] = await enqueue({ event: 'family.registered', recipient: { kind: 'family', familyId: family.id } });
    expect(queued).toMatchObject({ channel: 'sms', status: 'pending' });
    expect(await count()).toBe(1);
    // Address and text are encrypted at rest.
    const row = await message(queued?.id as string);
    expect(row.address).not.toContain(family.mobile.slice(4));
    expect(row.body).not.toContain(family.reference);
    expect(row.body).not.toContain('فاطمة');
  });

  it('writes one message for a repeated idempotency key', async () => {
    const family = await registerFamily();
    const input: EnqueueInput = {
      event: 'family.registered',
      recipient: { kind: 'family', familyId: family.id },
      dedupeKey: `welcome:${family.id}`,
    };
    const [first] = await enqueue(input);
    const [second] = await enqueue(input);
    expect(second?.id).toBe(first?.id);
    const rows = await t.ctx.db.selectFrom('outbox_messages').select('id').where('dedupe_key', '=', `welcome:${family.id}`).execute();
    expect(rows).toHaveLength(1);
  });

  it('with no transport configured, a message stays pending and visible in the outbox page', async () => {
    const family = await registerFamily();
    const [queued] = await enqueue({ event: 'family.registered', recipient: { kind: 'family', familyId: family.id } });
    for (let hour = 0; hour < 3; hour += 1) {
      await dispatchDue(t.ctx);
      t.clock.advance(60 * 60_000);
    }
    expect(await message(queued?.id as string)).toMatchObject({ status: 'pending', attempts: 0 });
    const page = await as(administrator).request('GET', '/api/v1/notifications/outbox?status=pending&channel=sms');
    expect(page.statusCode).toBe(200);
    expect(page.json().transports).toEqual({ sms: false, email: false, whatsapp: false });
    const item = page.json().items.find((i: { id: string }) => i.id === queued?.id);
    expect(item).toMatchObject({
      status: 'pending',
      channel: 'sms',
      event: 'family.registered',
      recipient: { kind: 'family', id: family.id, reference: family.reference, name: 'فاطمة أحمد الزهراني' },
      address: `${family.mobile.slice(0, 5)}•••••${family.mobile.slice(-3)}`,
    });
    expect(item).not.toHaveProperty('body');
  });

  it('delivers an Arabic e-mail intact to a real local SMTP server', async () => {
    const raw: string[] = [];
    const envelopes: string[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          raw.push(Buffer.concat(chunks).toString('utf8'));
          envelopes.push(...session.envelope.rcptTo.map((r) => r.address));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const { port } = smtp.server.address() as AddressInfo;
    try {
      const family = await registerFamily({ agreedChannel: 'email', email: 'fatima.zahrani@example.org' });
      const [queued] = await enqueue({ event: 'family.registered', recipient: { kind: 'family', familyId: family.id } });
      expect(queued).toMatchObject({ channel: 'email', status: 'pending' });
      const report = await dispatchDue(withTransports({ smtpUrl: `smtp://127.0.0.1:${port}` }));
      expect(report.sent).toBe(1);
      expect(raw).toHaveLength(1);
      expect(envelopes).toEqual(['fatima.zahrani@example.org']);
      const mail = raw[0] as string;
      expect(decodeWords(header(mail, 'subject'))).toBe(`تسجيل أسرتكم — ${family.reference}`);
      expect(decodeWords(header(mail, 'from'))).toContain('جمعية حارف');
      expect(header(mail, 'message-id')).toContain(queued?.id);
      const text = mimePart(mail, 'text/plain');
      expect(text).toContain('السلام عليكم فاطمة أحمد الزهراني،');
      expect(text).toContain(`برقم المرجع ${family.reference}`);
      expect(text).toContain('جمعية حارف للأسر المنتجة بالمنطقة الشرقية');
      const html = mimePart(mail, 'text/html');
      expect(html).toContain('<html lang="ar" dir="rtl">');
      expect(html).toContain(`برقم المرجع ${family.reference}`);
      expect(await message(queued?.id as string)).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
      expect(await attempts(queued?.id as string)).toEqual([expect.objectContaining({ attempt: 1, outcome: 'sent', error_code: null })]);
    } finally {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });

  it('retries an SMS gateway that fails twice with backoff: three attempts, one delivery', async () => {
    const gateway = await fakeGateway((_r, n) => (n <= 2 ? { status: 503 } : { status: 200, body: { id: 'gw-1' } }));
    try {
      const ctx = withTransports({ smsGatewayUrl: `${gateway.url}/send`, smsGatewayToken: 'gateway-secret' });
      const family = await registerFamily();
      const [queued] = await enqueue({ event: 'family.registered', recipient: { kind: 'family', familyId: family.id } });
      const id = queued?.id as string;

      expect(await dispatchDue(ctx)).toMatchObject({ retrying: 1 });
      const afterFirst = await message(id);
      expect(afterFirst).toMatchObject({ status: 'pending', attempts: 1, last_error: 'sms.http-503' });
      expect(Date.parse(afterFirst.next_attempt_at as string) - t.clock.now().getTime()).toBe(60_000);

      await dispatchDue(ctx); // not yet due
      expect(gateway.received).toHaveLength(1);

      t.clock.advance(60_000);
      expect(await dispatchDue(ctx)).toMatchObject({ retrying: 1 });
      expect(Date.parse((await message(id)).next_attempt_at as string) - t.clock.now().getTime()).toBe(5 * 60_000);

      t.clock.advance(5 * 60_000);
      expect(await dispatchDue(ctx)).toMatchObject({ sent: 1 });
      t.clock.advance(60 * 60_000);
      await dispatchDue(ctx);

      expect(gateway.received).toHaveLength(3);
      expect(await message(id)).toMatchObject({ status: 'sent', attempts: 3, last_error: null, next_attempt_at: null });
      expect((await attempts(id)).map((a) => [a.attempt, a.outcome, a.error_code])).toEqual([
        [1, 'error', 'sms.http-503'],
        [2, 'error', 'sms.http-503'],
        [3, 'sent', null],
      ]);
      const request = gateway.received[2] as Received;
      expect(request.url).toBe('/send');
      expect(request.headers.authorization).toBe('Bearer gateway-secret');
      expect(request.headers['idempotency-key']).toBe(id);
      const body = JSON.parse(request.body);
      expect(body).toMatchObject({ to: family.mobile, sender: 'Harif' });
      expect(body.text).toContain(family.reference);
      expect(body.text).toContain('فاطمة أحمد الزهراني');
    } finally {
      await gateway.close();
    }
  });

  it('shapes gateway requests as the administrator set: the Taqnyat preset and a custom form body', async () => {
    const gateway = await fakeGateway(() => ({ status: 201, body: { messageId: 42 } }));
    const admin = as(administrator);
    try {
      const ctx = withTransports({ smsGatewayUrl: gateway.url, smsGatewayToken: 'tok&en' });
      const family = await registerFamily();
      await admin.request('PUT', '/api/v1/notifications/settings', { sms: { preset: 'taqnyat', sender: 'Harif' } });
      await enqueue({ event: 'family.registered', recipient: { kind: 'family', familyId: family.id } });
      expect(await dispatchDue(ctx)).toMatchObject({ sent: 1 });
      const taqnyat = gateway.received[0] as Received;
      expect(taqnyat.headers.authorization).toBe('Bearer tok&en');
      expect(JSON.parse(taqnyat.body)).toMatchObject({ recipients: [family.mobile.slice(1)], sender: 'Harif' });
      expect(JSON.parse(taqnyat.body).body).toContain(family.reference);

      const custom = { preset: 'custom', sender: 'Harif', contentType: 'application/x-www-form-urlencoded', auth: 'none' };
      const body = 'user=harif&pass={{token}}&numbers={{toDigits}}&msg={{text}}&ref={{id}}';
      expect((await admin.request('PUT', '/api/v1/notifications/settings', { sms: { ...custom, body } })).statusCode).toBe(200);
      const [queued] = await enqueue({ event: 'family.registered', recipient: { kind: 'family', familyId: family.id } });
      expect(await dispatchDue(ctx)).toMatchObject({ sent: 1 });
      const form = gateway.received[1] as Received;
      expect(form.headers['content-type']).toBe('application/x-www-form-urlencoded; charset=utf-8');
      expect(form.headers.authorization).toBeUndefined();
      const fields = new URLSearchParams(form.body);
      expect(fields.get('pass')).toBe('tok&en');
      expect(fields.get('numbers')).toBe(family.mobile.slice(1));
      expect(fields.get('ref')).toBe(queued?.id);
      expect(fields.get('msg')).toContain('أهلاً فاطمة أحمد الزهراني');
    } finally {
      await admin.request('PUT', '/api/v1/notifications/settings', { sms: { preset: 'json', sender: '' } });
      await gateway.close();
    }
  });

  it('never sends a message twice when two dispatchers run at once', async () => {
    const deliveries = new Map<string, number>();
    const gateway = await fakeGateway((request) => {
      const id = request.headers['idempotency-key'] as string;
      deliveries.set(id, (deliveries.get(id) ?? 0) + 1);
      return { status: 200, delayMs: 5 };
    });
    // On PostgreSQL a second instance with its own connections to the same database. On SQLite (one
    // process, one synchronous connection by design) both share the connection and interleave at
    // every await, which is where a claim could be lost.
    const other = ENGINE === 'postgres' ? await startRuntime(loadConfig(t.env), { clock: t.clock, migrate: false, log: () => {} }) : null;
    const otherCtx = other?.ctx ?? t.ctx;
    try {
      const transports = { smsGatewayUrl: gateway.url, smsGatewayToken: 'gateway-secret' };
      const family = await registerFamily();
      const ids: string[] = [];
      for (let i = 0; i < 30; i += 1) {
        const [queued] = await enqueue({ event: 'family.registered', recipient: { kind: 'family', familyId: family.id } });
        ids.push(queued?.id as string);
      }
      const reports = await Promise.all([
        dispatchDue(withTransports(transports)),
        dispatchDue(withTransports(transports, otherCtx)),
        dispatchDue(withTransports(transports)),
        dispatchDue(withTransports(transports, otherCtx)),
      ]);
      expect(reports.reduce((sum, r) => sum + r.sent, 0)).toBe(30);
      expect(ids.map((id) => deliveries.get(id))).toEqual(ids.map(() => 1));
      expect(gateway.received).toHaveLength(30);
      const statuses = await t.ctx.db.selectFrom('outbox_messages').select(['status', 'attempts']).where('id', 'in', ids).execute();
      expect(statuses.every((s) => s.status === 'sent' && s.attempts === 1)).toBe(true);
    } finally {
      await other?.close();
      await gateway.close();
    }
  });

  it('sends a one-time code by SMS whatever the agreed channel, never after its expiry, and never shows it', async () => {
    const gateway = await fakeGateway(() => ({ status: 503 }));
    try {
      const ctx = withTransports({ smsGatewayUrl: gateway.url, smsGatewayToken: 'gateway-secret' });
      const family = await registerFamily({ agreedChannel: 'letter' });
      const [queued] = await enqueue({
        event: 'auth.one-time-code',
        recipient: { kind: 'family', familyId: family.id },
        params: { code: '482913', minutes: '10' },
      });
      const id = queued?.id as string;
      expect(queued).toMatchObject({ channel: 'sms', status: 'pending' });
      const row = await message(id);
      expect(row.is_sensitive).toBe(1);
      expect(Date.parse(row.expires_at as string) - t.clock.now().getTime()).toBe(10 * 60_000);

      // Tries at 0, +1 and +6 minutes; the next try (+31) would be past the 10 minutes: expired.
      await dispatchDue(ctx);
      t.clock.advance(60_000);
      await dispatchDue(ctx);
      t.clock.advance(5 * 60_000);
      expect(await dispatchDue(ctx)).toMatchObject({ expired: 1 });
      t.clock.advance(60 * 60_000);
      await dispatchDue(ctx);
      expect(gateway.received).toHaveLength(3);
      expect(JSON.parse(gateway.received[0]?.body ?? '{}').text).toContain('482913');
      const finished = await message(id);
      expect(finished).toMatchObject({ status: 'expired', attempts: 3, body: null, address: null });

      // Never shown: absent from every listing, 404 when asked for.
      const admin = as(administrator);
      for (const query of ['', '?status=expired', '?channel=sms&limit=200', '?event=auth.one-time-code']) {
        const page = await admin.request('GET', `/api/v1/notifications/outbox${query}`);
        expect(page.json().items.map((i: { id: string }) => i.id)).not.toContain(id);
      }
      expect((await admin.request('GET', `/api/v1/notifications/outbox/${id}`)).statusCode).toBe(404);
      expect((await admin.request('POST', `/api/v1/notifications/outbox/${id}/retry`)).statusCode).toBe(404);
    } finally {
      await gateway.close();
    }
  });

  it('lists a sensitive acknowledgement with its status but never its text; once failed it cannot be retried from the outbox', async () => {
    const gateway = await fakeGateway(() => ({ status: 503 }));
    try {
      const ctx = withTransports({ smsGatewayUrl: gateway.url, smsGatewayToken: 'gateway-secret' });
      const [queued] = await enqueue({
        event: 'complaint.received',
        recipient: { kind: 'contact', channel: 'sms', address: '+966551230000' },
        params: {
          reference: 'CMP-2026-000001',
          trackingCode: 'ABCD2345EFGH6789',
          link: 'https://example.test/complaints/track#ABCD2345EFGH6789',
        },
      });
      const id = queued?.id as string;
      for (let attempt = 0; attempt < 12 && (await message(id)).status !== 'failed'; attempt++) {
        await dispatchDue(ctx);
        t.clock.advance(24 * 60 * 60_000);
      }
      expect(await message(id)).toMatchObject({ status: 'failed', body: null });
      const admin = as(administrator);
      const listed = (await admin.request('GET', '/api/v1/notifications/outbox?status=failed&limit=200')).json().items;
      expect(listed.map((i: { id: string }) => i.id)).toContain(id);
      const opened = (await admin.request('GET', `/api/v1/notifications/outbox/${id}`)).json();
      expect(opened).toMatchObject({ event: 'complaint.received', status: 'failed', body: null, subject: null });
      expect(JSON.stringify(opened)).not.toContain('ABCD2345EFGH6789');
      const retry = await admin.request('POST', `/api/v1/notifications/outbox/${id}/retry`);
      expect(retry.statusCode).toBe(409);
      expect(retry.json().code).toBe('message.erased');
    } finally {
      await gateway.close();
    }
  });

  it('expires a one-time code that waited past its expiry without ever sending it', async () => {
    const gateway = await fakeGateway(() => ({ status: 200 }));
    try {
      const family = await registerFamily();
      const [queued] = await enqueue({
        event: 'auth.one-time-code',
        recipient: { kind: 'family', familyId: family.id },
        params: { code: '777111', minutes: '10' },
      });
      await dispatchDue(t.ctx); // no gateway yet: waits
      t.clock.advance(11 * 60_000);
      // The gateway comes back after the code's expiry: the code is not sent late.
      expect(await dispatchDue(withTransports({ smsGatewayUrl: gateway.url, smsGatewayToken: 'x' }))).toMatchObject({
        expired: 1,
        sent: 0,
      });
      expect(gateway.received).toHaveLength(0);
      expect(await message(queued?.id as string)).toMatchObject({ status: 'expired', attempts: 0, body: null });
    } finally {
      await gateway.close();
    }
  });

  it('sends WhatsApp messages as the approved template with its parameters', async () => {
    const graph = await fakeGateway(() => ({ status: 200, body: { messages: [{ id: 'wamid.1' }] } }));
    try {
      const family = await registerFamily({ agreedChannel: 'whatsapp' });
      const [queued] = await enqueue({ event: 'family.registered', recipient: { kind: 'family', familyId: family.id } });
      const ctx = withTransports({ whatsappToken: 'wa-token', whatsappPhoneNumberId: '1234567890' });
      expect(await dispatchDue(ctx, { transportOptions: { whatsappApiBase: `${graph.url}/v20.0` } })).toMatchObject({ sent: 1 });
      const request = graph.received[0] as Received;
      expect(request.url).toBe('/v20.0/1234567890/messages');
      expect(request.headers.authorization).toBe('Bearer wa-token');
      expect(JSON.parse(request.body)).toEqual({
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: family.mobile.slice(1),
        type: 'template',
        template: {
          name: 'sila_family_registered',
          language: { code: 'ar' },
          components: [
            {
              type: 'body',
              parameters: [
                { type: 'text', text: 'فاطمة أحمد الزهراني' },
                { type: 'text', text: 'جمعية حارف للأسر المنتجة بالمنطقة الشرقية' },
                { type: 'text', text: family.reference },
              ],
            },
          ],
        },
      });
      expect(await message(queued?.id as string)).toMatchObject({ status: 'sent' });
    } finally {
      await graph.close();
    }
  });

  it('fails at once when the gateway refuses a message, and an administrator can retry it', async () => {
    let isRefusing = true;
    const gateway = await fakeGateway(() => (isRefusing ? { status: 400 } : { status: 200 }));
    try {
      const ctx = withTransports({ smsGatewayUrl: gateway.url, smsGatewayToken: 'x' });
      const family = await registerFamily();
      const [queued] = await enqueue({ event: 'family.registered', recipient: { kind: 'family', familyId: family.id } });
      const id = queued?.id as string;
      expect(await dispatchDue(ctx)).toMatchObject({ failed: 1 });
      expect(await message(id)).toMatchObject({ status: 'failed', last_error: 'sms.http-400' });

      isRefusing = false;
      const retried = await as(administrator).request('POST', `/api/v1/notifications/outbox/${id}/retry`);
      expect(retried.statusCode).toBe(200);
      expect(retried.json()).toMatchObject({ status: 'pending', attempts: 0, lastError: null });
      expect(await dispatchDue(ctx)).toMatchObject({ sent: 1 });
      expect(gateway.received).toHaveLength(2);
      const again = await as(administrator).request('POST', `/api/v1/notifications/outbox/${id}/retry`);
      expect(again.statusCode).toBe(409);
    } finally {
      await gateway.close();
    }
  });

  it('gives up after the last attempt', async () => {
    const gateway = await fakeGateway(() => ({ status: 500 }));
    try {
      const ctx = withTransports({ smsGatewayUrl: gateway.url, smsGatewayToken: 'x' });
      const family = await registerFamily();
      const [queued] = await enqueue({ event: 'family.registered', recipient: { kind: 'family', familyId: family.id } });
      for (let i = 0; i < 12; i += 1) {
        await dispatchDue(ctx);
        t.clock.advance(6 * 60 * 60_000);
      }
      expect(await message(queued?.id as string)).toMatchObject({ status: 'failed', attempts: 8, last_error: 'sms.http-500' });
      expect(gateway.received).toHaveLength(8);
    } finally {
      await gateway.close();
    }
  });

  it('never resends a message a crashed dispatcher left sending: it fails for an administrator to decide', async () => {
    const family = await registerFamily();
    const [plain] = await enqueue({ event: 'family.registered', recipient: { kind: 'family', familyId: family.id } });
    const [code] = await enqueue({
      event: 'auth.one-time-code',
      recipient: { kind: 'family', familyId: family.id },
      params: { code: '135790', minutes: '10' },
    });
    const ids = [plain?.id as string, code?.id as string];
    const claimedAt = t.clock.now().toISOString();
    await t.ctx.db
      .updateTable('outbox_messages')
      .set({ status: 'sending', claimed_at: claimedAt, attempts: 1 })
      .where('id', 'in', ids)
      .execute();
    expect(await dispatchDue(t.ctx)).toMatchObject({ interrupted: 0 });
    t.clock.advance(11 * 60_000);
    expect(await dispatchDue(t.ctx)).toMatchObject({ interrupted: 2 });
    expect(await message(ids[0] as string)).toMatchObject({ status: 'failed', last_error: 'dispatch.interrupted' });
    expect((await message(ids[0] as string)).body).not.toBeNull();
    expect(await message(ids[1] as string)).toMatchObject({ status: 'failed', body: null, address: null });
  });

  it('re-encrypts addresses and texts under the newest key', async () => {
    const family = await registerFamily();
    const [queued] = await enqueue({ event: 'family.registered', recipient: { kind: 'family', familyId: family.id } });
    const keys = parseKeyList(`${generateKey()},${t.env.SILA_ENCRYPTION_KEY}`, 'SILA_ENCRYPTION_KEY');
    const encryptor = new Encryptor(keys);
    const rotated: AppContext = { ...t.ctx, keys: { ...t.ctx.keys, encryptor } };
    const outboxRows = async () => (await rotateAllKeys(rotated)).find((r) => r.table === 'outbox_messages')?.rows;
    expect(await outboxRows()).toBeGreaterThan(0);
    expect(await outboxRows()).toBe(0);
    const row = await message(queued?.id as string);
    expect(Encryptor.keyIdOf(row.body as string)).toBe(encryptor.currentKeyId);
    expect(encryptor.decrypt(row.address as string, `outbox:${row.id}:address`)).toBe(family.mobile);
  });
});
