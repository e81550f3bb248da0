import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TRANSPORT_RATES } from '../../src/contracts/notifications.js';
import { updateNotificationSettings } from '../../src/modules/notifications/notifications.settings.js';
import { dispatchDue } from '../../src/modules/notifications/outbox.dispatcher.js';
import { type EnqueueInput, enqueueMessage, outboxAad } from '../../src/modules/notifications/outbox.enqueue.js';
import type { OutboxMessageTable } from '../../src/platform/db/schema.js';
import { uuidv7 } from '../../src/platform/ids.js';
import type { OutgoingMessage, Transport, Transports } from '../../src/platform/transports/index.js';
import { buildFamily } from './factories.js';
import { buildStaff, createTestApp, ENGINE, type StaffFixture, type TestApp } from './harness.js';

/**
 * Issue 20 §1 (C5, G3): per channel the dispatcher hands one-time codes first, then transactional
 * messages, then bulk, oldest first within each, at the transport's rate; a code that would expire
 * before its turn is marked `code.expired-unsent`, never sent late. The target — a code queued
 * behind 20,000 pending messages with a gateway taking 100 ms a send reaches the gateway ≤ 5 s later
 * — is asserted as order (the code is the next hand-off), not time; bench/outbox-priority.ts times it.
 */
const BACKLOG = 20_000;
const SEND_MS = 100;

let t: TestApp;
let administrator: StaffFixture;
let familyId: string;
/** The backlog's transactional messages, oldest first (the bulk ones are older still). */
let transactionalIds: string[] = [];

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A stand-in gateway taking `delayMs` a send; records each message id as it is handed over. */
function fakeTransport(delayMs: number, onHandOff?: (message: OutgoingMessage, count: number) => Promise<void> | void) {
  const handed: string[] = [];
  const transport: Transport = {
    send: async (message) => {
      handed.push(message.id);
      await onHandOff?.(message, handed.length);
      await sleep(delayMs);
      return { providerId: null };
    },
  };
  return { handed, transport };
}

function enqueue(input: EnqueueInput) {
  return t.ctx.db.transaction().execute((trx) => enqueueMessage(trx, t.ctx, input));
}

async function queueCode(code = '135790'): Promise<string> {
  const [queued] = await enqueue({
    event: 'auth.one-time-code',
    recipient: { kind: 'family', familyId },
    params: { code, minutes: '10' },
  });
  return queued?.id as string;
}

/** Pending rows written straight to the table, 500 an insert, as a campaign's batches would be. */
async function insertPending(
  count: number,
  { channel, priority, startMs, event }: { channel: string; priority: string; startMs: number; event: string },
): Promise<string[]> {
  const ids: string[] = [];
  const rows: OutboxMessageTable[] = [];
  for (let i = 0; i < count; i += 1) {
    const at = new Date(startMs + i).toISOString();
    const id = uuidv7(startMs + i);
    ids.push(id);
    rows.push({
      id,
      event,
      language: 'ar',
      recipient_kind: 'contact',
      recipient_id: null,
      channel,
      address: t.ctx.keys.encryptor.encrypt(channel === 'email' ? 'family@example.org' : '+966551230000', outboxAad(id, 'address')),
      subject: null,
      body: t.ctx.keys.encryptor.encrypt('نص الرسالة', outboxAad(id, 'body')),
      transport_data: null,
      status: 'pending',
      priority,
      attempts: 0,
      next_attempt_at: at,
      claimed_at: null,
      last_error: null,
      sent_at: null,
      expires_at: null,
      is_sensitive: 0,
      dedupe_key: null,
      about_type: null,
      about_id: null,
      handled_by: null,
      handled_at: null,
      outcome_note: null,
      read_at: null,
      created_at: at,
      updated_at: at,
      needs_public_url: 0,
      delivered_at: null,
      provider_id: null,
    });
  }
  await t.ctx.db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 500)
      await trx
        .insertInto('outbox_messages')
        .values(rows.slice(i, i + 500))
        .execute();
  });
  return ids;
}

/** The dispatcher's look for expired codes (expireDue), as both engines are asked it. */
const EXPIRING = (now: string) =>
  `select id from outbox_messages where status = 'pending' and expires_at is not null and expires_at <= '${now}' and priority = 'code'`;

async function statusOf(id: string) {
  return t.ctx.db.selectFrom('outbox_messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

beforeAll(async () => {
  t = await createTestApp();
  administrator = await buildStaff(t, { roles: ['administrator'] });
  const reception = await buildStaff(t, { roles: ['reception'] });
  familyId = (await buildFamily(t, { by: reception })).id;
  // Nothing else waits: the family's own messages, if any, would only blur the order.
  await t.ctx.db.updateTable('outbox_messages').set({ status: 'cancelled' }).where('status', '=', 'pending').execute();
  // An hour of SMS backlog before the code: 10,000 bulk (the oldest), then 10,000 transactional.
  const hourAgo = t.clock.now().getTime() - 60 * 60_000;
  await insertPending(BACKLOG / 2, { channel: 'sms', priority: 'bulk', startMs: hourAgo, event: 'family.registered' });
  transactionalIds = await insertPending(BACKLOG / 2, {
    channel: 'sms',
    priority: 'transactional',
    startMs: hourAgo + BACKLOG,
    event: 'request.decided',
  });
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe(`priorities in the outbox [${ENGINE}]`, () => {
  it('reads the next due messages of a channel and priority from one index, without sorting, and expiring codes from another, under the backlog', async () => {
    const now = t.clock.now().toISOString();
    const query = t.ctx.db
      .selectFrom('outbox_messages')
      .selectAll()
      .where('status', '=', 'pending')
      .where('channel', '=', 'sms')
      .where('priority', '=', 'transactional')
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(10)
      .compile();
    // Parameters inlined: both engines plan a prepared statement by its values here.
    const literal = (value: unknown) => (typeof value === 'number' ? String(value) : `'${String(value)}'`);
    let index = 0;
    const inline = query.sql.replace(/\?|\$\d+/g, () => literal(query.parameters[index++]));
    if (ENGINE === 'sqlite') {
      const rows = (await sql<{ detail: string }>`${sql.raw(`explain query plan ${inline}`)}`.execute(t.ctx.db)).rows;
      const detail = rows.map((r) => r.detail).join('\n');
      expect(detail).toContain('outbox_messages_next');
      expect(detail).not.toContain('TEMP B-TREE');
      const expiring = (await sql.raw<{ detail: string }>(`explain query plan ${EXPIRING(now)}`).execute(t.ctx.db)).rows;
      expect(expiring.map((r) => r.detail).join('\n')).toContain('outbox_messages_expiring');
    } else {
      await sql`analyze outbox_messages`.execute(t.ctx.db);
      const rows = (await sql<{ 'QUERY PLAN': string }>`${sql.raw(`explain ${inline}`)}`.execute(t.ctx.db)).rows;
      const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(plan).toContain('outbox_messages_next');
      expect(plan).not.toMatch(/\bSort\b/);
      const expiring = (await sql.raw<{ 'QUERY PLAN': string }>(`explain ${EXPIRING(now)}`).execute(t.ctx.db)).rows;
      expect(expiring.map((r) => r['QUERY PLAN']).join('\n')).toContain('outbox_messages_expiring');
    }
  });

  it('hands a code queued behind 20,000 pending messages to the transport first, then transactional oldest first', async () => {
    const code = await queueCode();
    const sms = fakeTransport(SEND_MS);
    const report = await dispatchDue(t.ctx, { transports: { sms: sms.transport }, budgetMs: 600 });
    expect(sms.handed[0]).toBe(code);
    // Then the transactional backlog, oldest first, though 10,000 bulk messages are older.
    expect(sms.handed.length).toBeGreaterThan(2);
    expect(sms.handed.slice(1)).toEqual(transactionalIds.slice(0, sms.handed.length - 1));
    expect(report.sent).toBe(sms.handed.length);
    expect(await statusOf(code)).toMatchObject({ status: 'sent', priority: 'code', body: null, address: null });
  });

  it('hands a code queued while the backlog is being sent next, before the rest of the backlog', async () => {
    let code = '';
    let handedWhenCommitted = 0;
    const sms = fakeTransport(SEND_MS, async (_message, count) => {
      // While the third backlog message is with the gateway, a family asks for a sign-in code.
      if (count === 3) {
        code = await queueCode('246801');
        handedWhenCommitted = sms.handed.length;
      }
    });
    await dispatchDue(t.ctx, { transports: { sms: sms.transport }, budgetMs: 1_500 });
    const position = sms.handed.indexOf(code);
    expect(position).toBeGreaterThanOrEqual(3);
    // Once the code is committed, at most the one hand-off already past its check for codes may go
    // first (the dispatcher looks for a new code before each other message, however slow the machine).
    expect(position).toBeLessThanOrEqual(handedWhenCommitted + 1);
    const backlog = sms.handed.filter((id) => id !== code);
    expect(backlog.every((id) => transactionalIds.includes(id))).toBe(true);
  });

  it('hands codes, then transactional, then bulk — oldest first within each — on every channel', async () => {
    const start = t.clock.now().getTime() - 30 * 60_000;
    // Queued newest-priority last: bulk first, then transactional, then codes.
    const bulk = await insertPending(3, { channel: 'email', priority: 'bulk', startMs: start, event: 'family.registered' });
    const transactional = await insertPending(3, {
      channel: 'email',
      priority: 'transactional',
      startMs: start + 100,
      event: 'request.decided',
    });
    const codes = await insertPending(2, { channel: 'email', priority: 'code', startMs: start + 200, event: 'auth.one-time-code' });
    const email = fakeTransport(0);
    const sms = fakeTransport(SEND_MS);
    const transports: Transports = { email: email.transport, sms: sms.transport };
    await dispatchDue(t.ctx, { transports, budgetMs: 2_000 });
    expect(email.handed).toEqual([...codes, ...transactional, ...bulk]);
    // The SMS backlog went on meanwhile, in its own queue.
    expect(sms.handed.length).toBeGreaterThan(0);
  });

  it('marks a code that would expire before it is handed over as expired unsent, never sends it late', async () => {
    // 20 seconds left when its turn comes: too little for the family to receive and type it.
    const [soon] = await enqueue({
      event: 'auth.one-time-code',
      recipient: { kind: 'family', familyId },
      params: { code: '112233', minutes: '10' },
      expiresAt: new Date(t.clock.now().getTime() + 20_000),
    });
    const sms = fakeTransport(SEND_MS);
    const report = await dispatchDue(t.ctx, { transports: { sms: sms.transport }, budgetMs: 300 });
    expect(sms.handed).not.toContain(soon?.id);
    expect(report.expired).toBeGreaterThanOrEqual(1);
    expect(await statusOf(soon?.id as string)).toMatchObject({
      status: 'expired',
      last_error: 'code.expired-unsent',
      attempts: 0,
      body: null,
      address: null,
    });

    // A code that waited out its life with no transport for its channel is marked the same way.
    const [waited] = await enqueue({
      event: 'request.attestation-code',
      recipient: { kind: 'family', familyId },
      params: { code: '445566', minutes: '10', reference: 'REQ-2026-000001' },
    });
    t.clock.advance(11 * 60_000);
    await dispatchDue(t.ctx, { transports: { email: fakeTransport(0).transport }, budgetMs: 100 });
    expect(await statusOf(waited?.id as string)).toMatchObject({ status: 'expired', last_error: 'code.expired-unsent', body: null });
  });

  it('hands messages to a transport no faster than its rate (a setting)', async () => {
    const start = t.clock.now().getTime() - 60_000;
    await insertPending(40, { channel: 'whatsapp', priority: 'transactional', startMs: start, event: 'request.decided' });
    await updateNotificationSettings(t.ctx, administrator, {
      sms: { preset: 'json', sender: '' },
      rates: { ...DEFAULT_TRANSPORT_RATES, whatsapp: 5 },
    });
    try {
      const whatsapp = fakeTransport(0);
      await dispatchDue(t.ctx, { transports: { whatsapp: whatsapp.transport }, budgetMs: 1_000 });
      // One at once, then one each 200 ms: at most 6 in a second, however fast the transport.
      expect(whatsapp.handed.length).toBeGreaterThanOrEqual(1);
      expect(whatsapp.handed.length).toBeLessThanOrEqual(6);
    } finally {
      await updateNotificationSettings(t.ctx, administrator, {
        sms: { preset: 'json', sender: '' },
        rates: { ...DEFAULT_TRANSPORT_RATES },
      });
    }
  });

  it('stores each message’s priority from its event’s declaration', async () => {
    const code = await queueCode('998877');
    const [acknowledgement] = await enqueue({ event: 'family.registered', recipient: { kind: 'family', familyId } });
    expect((await statusOf(code)).priority).toBe('code');
    expect((await statusOf(acknowledgement?.id as string)).priority).toBe('transactional');
  });
});
