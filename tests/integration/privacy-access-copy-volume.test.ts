import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { Kysely, KyselyPlugin, QueryResult, UnknownRow } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxAad } from '../../src/modules/notifications/outbox.enqueue.js';
import { produceAccessCopies } from '../../src/modules/privacy/privacy.access-copy-job.js';
import type { Database } from '../../src/platform/db/schema.js';
import { uuidv7 } from '../../src/platform/ids.js';
import { agentOf, buildComplaint, buildFamily, buildRequestType, buildStaff, newNationalId } from './factories.js';
import { type Agent, createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';

/**
 * F2, issue 25 "Bad input": an access copy for a family with 10,000 messages — still the background
 * job, still one snapshot (docs/decisions/015-access-copy.md). The officer's request only queues the
 * copy; the job reads the family's rows a page at a time (500 by primary key,
 * privacy.access-copy-read.ts) inside ONE read transaction, so messages written to the family while
 * the job is between pages are all out of the copy (they came after its snapshot), never half in —
 * on PostgreSQL (repeatable read) and on SQLite (the job's read-only connection, WAL).
 * How long it takes and how much memory it needs is measured by bench/access-copy.ts, not here.
 */
let t: TestApp;
let officer: Agent;
const MESSAGES = 10_000;
const BATCH = 500;
const DURING = 3;
const DURING_TEXT = 'رسالة كُتبت أثناء إعداد النسخة';

beforeAll(async () => {
  t = await createTestApp();
  officer = await sessionFor(t, await buildStaff(t, { roles: ['privacy-officer'] }));
}, 120_000);
afterAll(async () => {
  await t.close();
});

/**
 * The messages are written straight into the notifications area's table, sealed as the outbox
 * seals them (outbox.enqueue.ts: the same AAD per column): this test is about the copy, not about
 * sending, and 10,000 sends through the outbox would only make it slow.
 */
function messageRows(t: TestApp, familyId: string, bodies: string[], at: Date) {
  return bodies.map((body, i) => {
    const id = uuidv7(at.getTime() + i);
    const seal = (column: 'address' | 'subject' | 'body', text: string) => t.ctx.keys.encryptor.encrypt(text, outboxAad(id, column));
    const when = new Date(at.getTime() + i).toISOString();
    return {
      id,
      event: 'family.registered',
      language: 'ar',
      recipient_kind: 'family',
      recipient_id: familyId,
      channel: 'sms',
      address: seal('address', '+966501234567'),
      subject: null,
      body: seal('body', body),
      transport_data: null,
      status: 'sent',
      priority: 'bulk',
      attempts: 1,
      next_attempt_at: null,
      claimed_at: null,
      last_error: null,
      sent_at: when,
      expires_at: null,
      is_sensitive: 0,
      dedupe_key: null,
      about_type: null,
      about_id: null,
      handled_by: null,
      handled_at: null,
      outcome_note: null,
      read_at: null,
      created_at: when,
      updated_at: when,
      needs_public_url: 0,
      delivered_at: null,
      provider_id: null,
    };
  });
}

async function insertMessages(db: Kysely<Database>, familyId: string, bodies: string[], at: Date): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < bodies.length; i += BATCH) {
    const rows = messageRows(t, familyId, bodies.slice(i, i + BATCH), new Date(at.getTime() + i));
    await db.insertInto('outbox_messages').values(rows).execute();
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

/** A plugin that runs `onPage` once, after the job has read its first full page of the family's messages. */
function afterFirstMessagePage(onPage: () => Promise<void>): { plugin: KyselyPlugin; fired: () => boolean } {
  let fired = false;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => args.node,
    async transformResult(args): Promise<QueryResult<UnknownRow>> {
      const rows = args.result.rows;
      if (!fired && rows.length === BATCH && 'recipient_kind' in (rows[0] as object)) {
        fired = true;
        await onPage();
      }
      return args.result;
    },
  };
  return { plugin, fired: () => fired };
}

describe(`F2 access copy of 10,000 messages [${ENGINE}]`, () => {
  it('F2 (issue 25 bad input): 10,000 messages and a few of every other kind — queued by the request, produced by the job, all 10,000 in the JSON, one snapshot against writes during the read', async () => {
    const reception = await agentOf(t, undefined, 'reception');
    const family = await buildFamily(t, {
      by: reception,
      headNameAr: 'لطيفة عبدالله الحربي',
      members: [
        { name: 'فيصل عبدالله الحربي', relation: 'son', nationalId: newNationalId() },
        { name: 'ريم عبدالله الحربي', relation: 'daughter', nationalId: newNationalId() },
      ],
    });
    // A few of every other kind: a request, a complaint and an inquiry the family filed, its consents
    // (recorded with the registration) and the messages the registration itself sent.
    const created = await reception.request('POST', '/api/v1/requests', {
      idempotencyKey: crypto.randomUUID(),
      familyId: family.id,
      typeCode: (await buildRequestType(t)).code,
      channel: 'interview',
      answers: { project: 'مشغل خياطة منزلي' },
    });
    expect(created.statusCode, created.body).toBe(201);
    await buildComplaint(t, { by: reception, familyId: family.id, name: 'لطيفة عبدالله الحربي' });
    await buildComplaint(t, { by: reception, kind: 'inquiry', familyId: family.id, name: 'لطيفة عبدالله الحربي' });

    const bodies = Array.from({ length: MESSAGES }, (_, i) => `رسالة رقم ${i + 1} إلى الأسرة`);
    await insertMessages(t.ctx.db, family.id, bodies, t.clock.now());
    const familyMessages = async () =>
      Number(
        (
          await t.ctx.db
            .selectFrom('outbox_messages')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('recipient_kind', '=', 'family')
            .where('recipient_id', '=', family.id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await familyMessages();
    expect(before).toBeGreaterThanOrEqual(MESSAGES);

    const asked = await officer.request('POST', '/api/v1/privacy/requests', {
      kind: 'access',
      channel: 'in-person',
      requester: { kind: 'family', familyId: family.id },
      relation: 'head',
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const request = asked.json() as { id: string; reference: string };
    const verified = await officer.request('POST', `/api/v1/privacy/requests/${request.id}/verification`, {
      method: 'id-card-in-person',
      note: 'الهوية الأصلية',
    });
    expect(verified.statusCode, verified.body).toBe(200);

    // The request answers at once: the copy is queued (202, pending), nothing is read or stored yet.
    const queued = await officer.request('POST', `/api/v1/privacy/requests/${request.id}/access-copy`, { language: 'ar' });
    expect(queued.statusCode, queued.body).toBe(202);
    expect(queued.json().copy).toMatchObject({ status: 'pending', rowCount: null, producedAt: null });
    expect(await t.ctx.db.selectFrom('files').select('id').where('owner_type', '=', 'privacy-access-copy').execute()).toEqual([]);
    expect((await officer.request('GET', `/api/v1/privacy/requests/${request.id}/access-copy/json`)).statusCode).toBe(404);

    // While the job is between its first and second page of messages, more messages are written to
    // the family and committed.
    const during = Array.from({ length: DURING }, (_, i) => `${DURING_TEXT} ${i + 1}`);
    // Their ids (uuidv7, by time) sort after every page the job reads: a reader outside one snapshot
    // would find them on its next pages (checked: the job without its transaction fails this test).
    const later = () => new Date(t.clock.now().getTime() + 86_400_000);
    let duringIds: string[] = [];
    let appWrite: Promise<string[]> | null = null;
    let isAppWriteDone = false;
    let produced: number;
    if (ENGINE === 'postgres') {
      // The job reads through the app's pool in a repeatable-read transaction: a plugin on its Kysely
      // waits, after the first page, for another pool connection to write and commit them.
      const hook = afterFirstMessagePage(async () => {
        duringIds = await insertMessages(t.ctx.db, family.id, during, later());
      });
      produced = await produceAccessCopies({ ...t.ctx, db: t.ctx.db.withPlugin(hook.plugin) });
      expect(hook.fired()).toBe(true);
    } else {
      // SQLite: the job reads through a read-only connection of its own (privacy.access-copy-job.ts,
      // inSnapshot), which no Kysely plugin of the app sees; better-sqlite3's statements answer
      // synchronously, so the hook is on its Statement: right after the reader's first full page of
      // messages, a second writable connection — what another process would be — writes and commits
      // them before the reader reads its next page. And a write through the app's own connection,
      // started then, is done before the job is: the read no longer holds the write lock.
      const proto = Object.getPrototypeOf(new SQLite(':memory:').prepare('select 1'));
      const all = proto.all;
      proto.all = function (this: { database: SQLite.Database }, ...args: unknown[]) {
        const rows = all.apply(this, args) as Record<string, unknown>[];
        if (!duringIds.length && this.database.readonly && rows.length === BATCH && 'recipient_kind' in (rows[0] as object)) {
          const other = new SQLite(path.join(t.dataDir, 'sila.db'));
          other.pragma('busy_timeout = 5000');
          const values = messageRows(t, family.id, during, later());
          const columns = Object.keys(values[0] as object);
          const insert = other.prepare(
            `insert into outbox_messages (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`,
          );
          other.transaction(() => {
            for (const row of values) insert.run(row);
          })();
          other.close();
          duringIds = values.map((v) => v.id);
          appWrite = insertMessages(t.ctx.db, family.id, [`${DURING_TEXT} (app)`], new Date(later().getTime() + 10));
          void appWrite.then(() => {
            isAppWriteDone = true;
          });
        }
        return rows;
      };
      try {
        produced = await produceAccessCopies(t.ctx);
      } finally {
        proto.all = all;
      }
      expect(isAppWriteDone).toBe(true);
      duringIds.push(...((await appWrite) ?? []));
    }
    expect(produced).toBe(1);
    // The messages written during the read are in the database now (beside the copy-ready message
    // the job itself sent) ...
    const written = ENGINE === 'sqlite' ? DURING + 1 : DURING;
    expect(duringIds).toHaveLength(written);
    expect(await t.ctx.db.selectFrom('outbox_messages').select('id').where('id', 'in', duringIds).execute()).toHaveLength(written);
    expect(await familyMessages()).toBe(before + written + 1);

    const state = (await officer.request('GET', `/api/v1/privacy/requests/${request.id}/access-copy`)).json().copy;
    expect(state.status).toBe('ready');
    const json = await officer.request('GET', `/api/v1/privacy/requests/${request.id}/access-copy/json`);
    expect(json.statusCode).toBe(200);
    const copy = JSON.parse(json.body) as {
      sections: { table: string; items: { fields?: { column: string; value: string }[] }[] }[];
    };
    const section = (table: string) => copy.sections.find((s) => s.table === table);
    const messages = section('outbox_messages')?.items ?? [];
    // ... but not in the copy: it holds exactly the family's messages at its snapshot — all 10,000
    // written before it (and the registration's own), none of the 3 written while it read.
    expect(messages).toHaveLength(before);
    const texts = new Set(messages.map((m) => m.fields?.find((f) => f.column === 'body')?.value));
    for (const body of bodies) expect(texts.has(body)).toBe(true);
    expect(json.body).not.toContain(DURING_TEXT);
    for (const table of ['families', 'household_members', 'family_consents', 'requests', 'complaints'])
      expect(section(table), table).toBeDefined();
    expect(section('household_members')?.items).toHaveLength(2);
    expect(section('complaints')?.items).toHaveLength(2);
    // The row count the copy records is every row it holds.
    expect(state.rowCount).toBe(copy.sections.reduce((n, s) => n + s.items.length, 0));

    const html = await officer.request('GET', `/api/v1/privacy/requests/${request.id}/access-copy/html`);
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain(`رسالة رقم ${MESSAGES} إلى الأسرة`);
    expect(html.body).not.toContain(DURING_TEXT);
  }, 300_000);
});
