import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBulkSends } from '../../src/modules/notifications/bulk-send.service.js';
import { dispatchDue } from '../../src/modules/notifications/outbox.dispatcher.js';
import type { OutgoingMessage } from '../../src/platform/transports/index.js';
import { buildFamily, buildStaff } from './factories.js';
import { type Agent, createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';

/**
 * Issue 20 §2 (G3, F2): one bulk-send engine — an audience counted before sending, batches by a
 * background job resumable without double sends, progress, cancel mid-way, and each family's result
 * (queued, skipped: no consent, skipped: no reachable channel, skipped: on paper and not included).
 */
let t: TestApp;
let reception: Agent;
let admin: Agent;
const office = 'qatif';
const families: Record<string, string> = {};

async function consent(familyId: string, action: 'give' | 'withdraw') {
  const response = await reception.request('POST', `/api/v1/families/${familyId}/consents`, {
    purpose: 'announcements',
    action,
    channel: 'interview',
  });
  expect(response.statusCode, response.body).toBeLessThan(300);
}

const audience = { office };
const create = (body: Record<string, unknown> = {}) =>
  admin.request('POST', '/api/v1/notifications/bulk-sends', {
    idempotencyKey: randomUUID(),
    name: 'موعد معرض الأسر المنتجة',
    event: 'announcement.general',
    audience,
    textAr: 'يسرّنا دعوتكم إلى معرض الأسر المنتجة يوم الخميس القادم في مقر الجمعية.',
    ...body,
  });

beforeAll(async () => {
  t = await createTestApp();
  reception = await sessionFor(t, await buildStaff(t, { roles: ['reception'] }));
  admin = await sessionFor(t, await buildStaff(t, { roles: ['administrator'] }));
  // Six families of one office: four by SMS (one of them refusing announcements), one by letter, one by e-mail without an address.
  for (const name of ['a', 'b', 'c', 'd']) families[name] = (await buildFamily(t, { by: reception, office })).id;
  families.letter = (await buildFamily(t, { by: reception, office, agreedChannel: 'letter', address: 'حي البحر، القطيف' })).id;
  families.noEmail = (await buildFamily(t, { by: reception, office, agreedChannel: 'email' })).id;
  for (const id of Object.values(families)) await consent(id, 'give');
  await consent(families.d as string, 'withdraw');
  // Another office's family is never in this audience.
  await buildFamily(t, { by: reception, office: 'dammam' });
});
afterAll(async () => {
  await t.close();
});

describe(`bulk sends [${ENGINE}]`, () => {
  it('G3: counts the audience before sending, by agreed channel, with the families on paper apart', async () => {
    const preview = await admin.request('POST', '/api/v1/notifications/bulk-sends/preview', { audience });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toEqual({ total: 6, byChannel: { sms: 4, letter: 1, email: 1 }, paper: 1 });
    const byRequest = await admin.request('POST', '/api/v1/notifications/bulk-sends/preview', {
      audience: { office, hasOpenRequest: true },
    });
    expect(byRequest.json().total).toBe(0);
  });

  it('F2, G3: the audience is the families the sender may see (office, domain), then the filters', async () => {
    const preview = (agent: Agent, body: Record<string, unknown>) =>
      agent.request('POST', '/api/v1/notifications/bulk-sends/preview', { audience: body }).then((r) => r.json().total);
    const qatifOnly = await sessionFor(
      t,
      await buildStaff(t, { roles: ['administrator'], scope: { categories: [], domains: [], offices: [office] } }),
    );
    expect(await preview(qatifOnly, {})).toBe(6);
    expect(await preview(admin, {})).toBe(7);
    const otherDomain = await sessionFor(
      t,
      await buildStaff(t, { roles: ['administrator'], scope: { categories: [], domains: ['health'], offices: [] } }),
    );
    expect(await preview(otherDomain, { office })).toBe(0);
    expect(await preview(admin, { office, domain: 'training' })).toBe(6);
    expect(await preview(admin, { office, domain: 'health' })).toBe(0);
  });

  it('refuses an audience of nobody with the reason, and a second start of the same send is the same send', async () => {
    const empty = await create({ audience: { office: 'nowhere' } });
    expect(empty.statusCode).toBe(422);
    expect(empty.json()).toMatchObject({ code: 'bulk.empty-audience' });
    const key = randomUUID();
    const first = await create({ idempotencyKey: key, audience: { office, agreedChannel: 'sms' } });
    const again = await create({ idempotencyKey: key, audience: { office, agreedChannel: 'sms' } });
    expect(first.statusCode, first.body).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect((await admin.request('POST', `/api/v1/notifications/bulk-sends/${first.json().id}/cancel`)).statusCode).toBe(200);
  });

  it('G3, F2: works through the audience in batches, resumes after a restart without sending twice, and records each family’s result', async () => {
    const created = await create();
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect(created.json()).toMatchObject({ status: 'scheduled', counts: { total: 6, processed: 0 } });

    // Two families, then the process stops (only the first batch ran).
    await runBulkSends(t.ctx, { batch: 2, maxBatches: 1 });
    let send = (await admin.request('GET', `/api/v1/notifications/bulk-sends/${id}`)).json();
    expect(send).toMatchObject({ status: 'running', counts: { processed: 2 } });

    // A replay of work already done (as after a crash between writing and recording) writes nothing twice.
    await t.ctx.db
      .updateTable('bulk_sends')
      .set({ cursor: null, processed: 0, queued: 0, skipped_consent: 0, skipped_no_channel: 0, skipped_paper: 0, paper: 0 })
      .where('id', '=', id)
      .execute();
    await runBulkSends(t.ctx, { batch: 2 });
    send = (await admin.request('GET', `/api/v1/notifications/bulk-sends/${id}`)).json();
    expect(send.status).toBe('finished');
    expect(send.counts).toEqual({ total: 6, processed: 6, queued: 3, skippedConsent: 1, skippedNoChannel: 1, skippedPaper: 1, paper: 0 });
    const rows = await t.ctx.db.selectFrom('outbox_messages').select(['recipient_id', 'priority']).where('about_id', '=', id).execute();
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((r) => r.recipient_id)).size).toBe(6);
    expect(new Set(rows.map((r) => r.priority))).toEqual(new Set(['bulk']));

    const results = (await admin.request('GET', `/api/v1/notifications/bulk-sends/${id}/results?limit=50`)).json();
    const byFamily = new Map(
      results.items.map((r: { familyId: string; state: string; reason: string | null }) => [r.familyId, [r.state, r.reason]]),
    );
    // With no public address yet, it waits for one: its withdrawal link must be whole (§6).
    expect(byFamily.get(families.a)).toEqual(['queued', 'link.public-url-unset']);
    expect(byFamily.get(families.d)).toEqual(['skipped', 'consent.purpose-withdrawn']);
    expect(byFamily.get(families.letter)).toEqual(['skipped', 'bulk.paper-not-included']);
    expect(byFamily.get(families.noEmail)).toEqual(['skipped', 'recipient.no-address']);
    // Each result names its family by reference (read through the registry's public face).
    const references = await t.ctx.db
      .selectFrom('families')
      .select(['id', 'reference'])
      .where('id', 'in', Object.values(families))
      .execute();
    expect(new Map(results.items.map((r: { familyId: string; reference: string }) => [r.familyId, r.reference]))).toEqual(
      new Map(references.map((r) => [r.id, r.reference])),
    );
    const skipped = (await admin.request('GET', `/api/v1/notifications/bulk-sends/${id}/results?state=skipped`)).json();
    expect(skipped.items).toHaveLength(3);

    // Every message carries its own family's withdrawal link, made whole when sent (F2, §6).
    (t.ctx.config as { publicUrl: string | undefined }).publicUrl = 'https://harif.example.org';
    try {
      const sent: OutgoingMessage[] = [];
      await dispatchDue(t.ctx, {
        transports: {
          sms: {
            send: async (m) => {
              sent.push(m);
              return { providerId: null };
            },
          },
        },
        budgetMs: 2_000,
      });
      const mine = sent.filter((m) => rows.length && m.text.includes('معرض الأسر المنتجة'));
      expect(mine).toHaveLength(3);
      for (const message of mine) expect(message.text).toMatch(/https:\/\/harif\.example\.org\/consent#[A-Za-z0-9_-]{20,}/);
      expect(new Set(mine.map((m) => /consent#(\S+)/.exec(m.text)?.[1])).size).toBe(3);
    } finally {
      (t.ctx.config as { publicUrl: string | undefined }).publicUrl = undefined;
    }
    expect((await admin.request('GET', `/api/v1/notifications/bulk-sends/${id}`)).json().messages).toMatchObject({ sent: 3, skipped: 3 });
  });

  it('G3: families on letter and phone go to the print queue and call list only when the sender ticks it', async () => {
    const created = await create({ includePaper: true, audience: { office, agreedChannel: 'letter' } });
    expect(created.statusCode, created.body).toBe(201);
    await runBulkSends(t.ctx);
    const send = (await admin.request('GET', `/api/v1/notifications/bulk-sends/${created.json().id}`)).json();
    expect(send.counts).toMatchObject({ processed: 1, paper: 1, skippedPaper: 0 });
    const tasks = (await reception.request('GET', '/api/v1/notifications/tasks?channel=letter')).json();
    expect(
      tasks.items.some(
        (m: { event: string; recipient: { id: string } }) => m.event === 'announcement.general' && m.recipient.id === families.letter,
      ),
    ).toBe(true);
  });

  it('G3: a send cancelled mid-way stops, and its messages not yet sent are withdrawn', async () => {
    const created = await create();
    const id = created.json().id;
    await runBulkSends(t.ctx, { batch: 2, maxBatches: 1 });
    const cancelled = await admin.request('POST', `/api/v1/notifications/bulk-sends/${id}/cancel`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', counts: { processed: 2 } });
    await runBulkSends(t.ctx, { batch: 2 });
    const after = (await admin.request('GET', `/api/v1/notifications/bulk-sends/${id}`)).json();
    expect(after.counts.processed).toBe(2);
    const statuses = await t.ctx.db.selectFrom('outbox_messages').select('status').where('about_id', '=', id).execute();
    expect(statuses.every((s) => s.status === 'cancelled' || s.status === 'skipped')).toBe(true);
    expect((await admin.request('POST', `/api/v1/notifications/bulk-sends/${id}/cancel`)).json().code).toBe('bulk.not-cancellable');
  });

  it('only administrators send; management follows; reception is refused', async () => {
    const manager = await sessionFor(t, await buildStaff(t, { roles: ['management'] }));
    expect((await manager.request('GET', '/api/v1/notifications/bulk-sends')).statusCode).toBe(200);
    expect((await manager.request('POST', '/api/v1/notifications/bulk-sends/preview', { audience })).statusCode).toBe(403);
    expect((await reception.request('GET', '/api/v1/notifications/bulk-sends')).statusCode).toBe(403);
  });

  it('F2: a send is seen and stopped only by those whose scope holds its sender’s', async () => {
    const qatifOnly = await sessionFor(
      t,
      await buildStaff(t, { roles: ['administrator'], scope: { categories: [], domains: [], offices: [office] } }),
    );
    const everywhere = (await create()).json().id;
    const byQatif = await qatifOnly.request('POST', '/api/v1/notifications/bulk-sends', {
      idempotencyKey: randomUUID(),
      name: 'qatif',
      event: 'announcement.general',
      audience,
      textAr: 'نص',
    });
    expect(byQatif.statusCode, byQatif.body).toBe(201);
    const qatif = byQatif.json().id;
    expect((await qatifOnly.request('GET', `/api/v1/notifications/bulk-sends/${everywhere}`)).statusCode).toBe(404);
    expect((await qatifOnly.request('POST', `/api/v1/notifications/bulk-sends/${everywhere}/cancel`)).statusCode).toBe(404);
    const listed = (await qatifOnly.request('GET', '/api/v1/notifications/bulk-sends?limit=100'))
      .json()
      .items.map((s: { id: string }) => s.id);
    expect(listed).toContain(qatif);
    expect(listed).not.toContain(everywhere);
    expect((await admin.request('GET', `/api/v1/notifications/bulk-sends/${qatif}`)).statusCode).toBe(200);
    for (const id of [everywhere, qatif]) await admin.request('POST', `/api/v1/notifications/bulk-sends/${id}/cancel`);
  });
});
