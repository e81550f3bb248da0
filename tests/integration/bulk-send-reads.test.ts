import { randomUUID } from 'node:crypto';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBulkSends } from '../../src/modules/notifications/bulk-send.service.js';
import { outboxAad } from '../../src/modules/notifications/outbox.enqueue.js';
import { buildFamily, buildStaff } from './factories.js';
import { type Agent, createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';

/**
 * Issue 20, "per-batch reads": a bulk send reads the association, the consent purposes, the
 * templates, the families' contacts and consents and the dedupe keys once per batch, so what is left
 * per family is its message and its audit row (PostgreSQL paid ~12 round trips a family before).
 */
class QueryCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    this.count += 1;
    return args.result;
  }
}

let t: TestApp;
let admin: Agent;
const office = 'jubail';
const FAMILIES = 12;

beforeAll(async () => {
  t = await createTestApp();
  const reception = await sessionFor(t, await buildStaff(t, { roles: ['reception'] }));
  admin = await sessionFor(t, await buildStaff(t, { roles: ['administrator'] }));
  for (let i = 0; i < FAMILIES; i += 1) {
    const { id } = await buildFamily(t, { by: reception, office });
    // Every other family gave consent to announcements; the rest are skipped for it (F2).
    if (i % 2 === 0) {
      const response = await reception.request('POST', `/api/v1/families/${id}/consents`, {
        purpose: 'announcements',
        action: 'give',
        channel: 'interview',
      });
      expect(response.statusCode, response.body).toBeLessThan(300);
    }
  }
});
afterAll(async () => {
  await t.close();
});

async function queriesOfOneBatch(): Promise<number> {
  const counter = new QueryCounter();
  await runBulkSends({ ...t.ctx, db: t.ctx.db.withPlugin(counter) }, { batch: FAMILIES, maxBatches: 1 });
  return counter.count;
}

describe(`bulk-send reads per batch [${ENGINE}]`, () => {
  it('G3, F2: a batch costs a few reads for all its families and about two writes a family, first run and replay alike', async () => {
    // An administrator's edit of the SMS template is what the batch renders (templates read once, edits included).
    const edited = await admin.request('PUT', '/api/v1/notifications/templates/announcement.general/sms/ar', {
      body: 'تعديل الإدارة: {{text}} — {{reference}} {{withdrawLink}}',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const created = await admin.request('POST', '/api/v1/notifications/bulk-sends', {
      idempotencyKey: randomUUID(),
      name: 'per-batch reads',
      event: 'announcement.general',
      audience: { office },
      textAr: 'نص الإعلان',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const first = await queriesOfOneBatch();
    // A replay of the same batch (after a crash between writing and recording) writes nothing twice.
    await t.ctx.db
      .updateTable('bulk_sends')
      .set({ cursor: null, processed: 0, queued: 0, skipped_consent: 0 })
      .where('id', '=', id)
      .execute();
    const replay = await queriesOfOneBatch();
    // Per batch: the send's status, the page of families, the reads (association, templates, contacts
    // and their domains, consent purposes and entries, earlier messages), the counters and the send
    // re-read — 13; per family: its message and its audit row. Before: 126 and 66 (10 a family).
    expect(first, `first run: ${first} queries for ${FAMILIES} families`).toBeLessThanOrEqual(2 * FAMILIES + 15);
    expect(replay, `replay: ${replay} queries for ${FAMILIES} families`).toBeLessThanOrEqual(15);
    const send = (await admin.request('GET', `/api/v1/notifications/bulk-sends/${id}`)).json();
    expect(send.counts).toMatchObject({ processed: FAMILIES, queued: FAMILIES / 2, skippedConsent: FAMILIES / 2 });
    const messages = await t.ctx.db
      .selectFrom('outbox_messages')
      .select(['id', 'body', 'recipient_id', 'status'])
      .where('about_id', '=', id)
      .execute();
    expect(messages).toHaveLength(FAMILIES);
    // Each family's own reference and withdrawal link, from the contacts and consents read for the batch.
    const references = new Map(
      (await t.ctx.db.selectFrom('families').select(['id', 'reference']).execute()).map((f) => [f.id, f.reference]),
    );
    const queued = messages.filter((m) => m.status !== 'skipped');
    expect(queued).toHaveLength(FAMILIES / 2);
    const links = new Set<string>();
    for (const message of queued) {
      const body = t.ctx.keys.encryptor.decrypt(message.body as string, outboxAad(message.id, 'body'));
      expect(body).toContain(`تعديل الإدارة: نص الإعلان — ${references.get(message.recipient_id as string)}`);
      links.add(/\/consent#([A-Za-z0-9_-]+)/.exec(body)?.[1] ?? '');
    }
    expect(links.size).toBe(FAMILIES / 2);
  });
});
