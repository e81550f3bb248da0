import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBulkSends } from '../../src/modules/notifications/bulk-send.service.js';
import { sendCampaignReminders } from '../../src/modules/surveys/surveys.campaign-reminders.js';
import { buildFamily, buildStaff } from './factories.js';
import { type Agent, createTestApp, ENGINE, type StaffFixture, sessionFor, type TestApp } from './harness.js';

/**
 * Issue 24 §3 (H1, F2): periodic survey campaigns through the bulk-send engine — a filtered random
 * sample asked exactly, consent withdrawn never asked, once per 30 days across campaigns, a campaign
 * to nobody refused, a reminder re-sending the same link without counting, cancel stopping the rest.
 */
const DAY = 86_400_000;
let t: TestApp;
let receptionStaff: StaffFixture;
let managerStaff: StaffFixture;
/** A fresh session each call: the reminder test moves the clock by days. */
const as = (staff: () => StaffFixture) => ({
  request: async (method: string, url: string, body?: unknown) => (await sessionFor(t, staff())).request(method, url, body),
});
const reception = as(() => receptionStaff);
const manager = as(() => managerStaff);
let periodicId: string;

async function family(office: string, { agreedChannel = 'sms', withdraw = false }: { agreedChannel?: string; withdraw?: boolean } = {}) {
  const built = await buildFamily(t, {
    by: reception as unknown as Agent,
    office,
    agreedChannel,
    ...(agreedChannel === 'letter' ? { address: 'حي البحر' } : {}),
  });
  for (const action of withdraw ? ['give', 'withdraw'] : ['give']) {
    const response = await reception.request('POST', `/api/v1/families/${built.id}/consents`, {
      channel: 'interview',
      purpose: 'surveys',
      action,
      noticeVersion: '2026-1',
    });
    expect(response.statusCode, response.body).toBe(200);
  }
  return built.id;
}

const closesOn = () => new Date(t.clock.now().getTime() + 20 * DAY).toISOString().slice(0, 10);
const create = (body: Record<string, unknown>) =>
  manager.request('POST', '/api/v1/surveys/campaigns', {
    idempotencyKey: randomUUID(),
    name: 'قياس الرضا الدوري',
    questionnaireId: periodicId,
    closesOn: closesOn(),
    ...body,
  });

async function invitationsOf(campaignId: string) {
  return t.ctx.db.selectFrom('survey_invitations').selectAll().where('campaign_id', '=', campaignId).execute();
}

beforeAll(async () => {
  t = await createTestApp();
  receptionStaff = await buildStaff(t, { roles: ['reception'] });
  managerStaff = await buildStaff(t, { roles: ['management'] });
  const list = (await manager.request('GET', '/api/v1/surveys/questionnaires')).json();
  periodicId = list.items.find((q: { code: string }) => q.code === 'periodic').id;
});
afterAll(async () => {
  await t.close();
});

describe(`survey campaigns [${ENGINE}]`, () => {
  it('H1, F2: a campaign to a filtered sample invites exactly the sample size, never a family that withdrew surveys, by bulk SMS', async () => {
    const ids = [];
    for (let i = 0; i < 6; i += 1) ids.push(await family('qatif'));
    const withdrawn = await family('qatif', { withdraw: true });
    const byCall = await family('qatif', { agreedChannel: 'phone-call' });
    const preview = await manager.request('POST', '/api/v1/surveys/campaigns/preview', { audience: { office: 'qatif' } });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ total: 8, paper: 1, recentlyInvited: 0, eligible: 7 });

    const created = await create({ audience: { office: 'qatif' }, sampleSize: 4 });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ status: 'scheduled', sampleSize: 4, progress: { send: { total: 4 } } });
    await runBulkSends(t.ctx);
    const invitations = await invitationsOf(created.json().id);
    expect(invitations.filter((i) => i.status === 'sent')).toHaveLength(4);
    expect(invitations.map((i) => i.family_id)).not.toContain(withdrawn);
    expect(invitations.map((i) => i.family_id)).not.toContain(byCall);
    const messages = await t.ctx.db
      .selectFrom('outbox_messages')
      .selectAll()
      .where('event', '=', 'survey.invitation')
      .where('recipient_id', 'in', ids)
      .execute();
    expect(messages).toHaveLength(4);
    expect(new Set(messages.map((m) => `${m.priority}/${m.channel}`))).toEqual(new Set(['bulk/sms']));
    const shown = (await manager.request('GET', `/api/v1/surveys/campaigns/${created.json().id}`)).json();
    expect(shown).toMatchObject({ status: 'open', progress: { invited: 4, answered: 0, send: { total: 4, processed: 4 } } });
    // Each invitation holds its token only sealed and hashed; the link in the message opens the survey.
    const [message] = messages;
    const body = t.ctx.keys.encryptor.decrypt(message?.body as string, `outbox:${message?.id}:body`);
    const token = /\/s\/([A-Za-z0-9_-]{22})/.exec(body)?.[1] as string;
    const page = await t.app.inject({ method: 'GET', url: `/s/${token}` });
    expect(page.body).toContain('استبانة قياس الرضا الدورية');
  });

  it('H1, F2: without a sample, consent withdrawn is skipped, a family invited in the last 30 days is not asked again, call families become call tasks when ticked', async () => {
    const sms = [await family('khobar'), await family('khobar'), await family('khobar')];
    const withdrawn = await family('khobar', { withdraw: true });
    const byCall = await family('khobar', { agreedChannel: 'phone-call' });
    const first = await create({ audience: { office: 'khobar', agreedChannel: 'phone-call' }, includePaper: true });
    expect(first.statusCode, first.body).toBe(201);
    await runBulkSends(t.ctx);
    const task = await t.ctx.db
      .selectFrom('outbox_messages')
      .selectAll()
      .where('event', '=', 'survey.invitation')
      .where('recipient_id', '=', byCall)
      .executeTakeFirstOrThrow();
    expect([task.channel, task.status]).toEqual(['phone-call', 'waiting-staff']);
    expect((await manager.request('GET', `/api/v1/surveys/campaigns/${first.json().id}`)).json().progress).toMatchObject({
      invited: 1,
      byStaff: 1,
    });

    const second = await create({ audience: { office: 'khobar' }, includePaper: true });
    expect(second.statusCode, second.body).toBe(201);
    await runBulkSends(t.ctx);
    const invitations = await invitationsOf(second.json().id);
    const status = new Map(invitations.map((i) => [i.family_id, [i.status, i.skip_reason]]));
    for (const id of sms) expect(status.get(id)).toEqual(['sent', null]);
    expect(status.get(withdrawn)).toEqual(['skipped', 'consent.purpose-withdrawn']);
    expect(status.get(byCall)).toEqual(['skipped', 'survey.cooldown']);
    const progress = (await manager.request('GET', `/api/v1/surveys/campaigns/${second.json().id}`)).json().progress;
    expect(progress).toMatchObject({ invited: 3, notAsked: { 'consent.purpose-withdrawn': 1, 'survey.cooldown': 1 } });
  });

  it('H1 bad input: a campaign to zero families is refused with problem+json', async () => {
    for (const body of [
      { audience: { office: 'jubail' } },
      // Only families on the phone, not ticked.
      { audience: { office: 'khobar', agreedChannel: 'phone-call' } },
      // Everyone left was invited within 30 days or refused surveys.
      { audience: { office: 'khobar', agreedChannel: 'sms' }, sampleSize: 2 },
    ]) {
      const refused = await create(body);
      expect(refused.statusCode, JSON.stringify(body)).toBe(422);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json()).toMatchObject({ code: 'survey.campaign-empty', errors: [{ pointer: '/audience' }] });
    }
  });

  it('H1: cancel stops the rest — no more families, waiting messages withdrawn, those families not asked', async () => {
    for (let i = 0; i < 5; i += 1) await family('ahsa');
    const created = await create({ audience: { office: 'ahsa' } });
    const id = created.json().id;
    await runBulkSends(t.ctx, { batch: 2, maxBatches: 1 });
    expect((await manager.request('GET', `/api/v1/surveys/campaigns/${id}`)).json()).toMatchObject({
      status: 'sending',
      progress: { send: { processed: 2 } },
    });
    const cancelled = await manager.request('POST', `/api/v1/surveys/campaigns/${id}/cancel`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({
      status: 'cancelled',
      abilities: { cancel: false },
      progress: { invited: 0, notAsked: { 'survey.campaign-cancelled': 2 } },
    });
    await runBulkSends(t.ctx);
    expect(await invitationsOf(id)).toHaveLength(2);
    const again = await manager.request('POST', `/api/v1/surveys/campaigns/${id}/cancel`);
    expect([again.statusCode, again.json().code]).toEqual([409, 'survey.campaign-not-cancellable']);
    // The withdrawn invitations do not count towards the 30 days: a new campaign asks all five.
    const next = await create({ audience: { office: 'ahsa' } });
    expect(next.json().progress.send.total).toBe(5);
    const preview = (await manager.request('POST', '/api/v1/surveys/campaigns/preview', { audience: { office: 'ahsa' } })).json();
    expect(preview).toMatchObject({ total: 5, recentlyInvited: 0 });
    await manager.request('POST', `/api/v1/surveys/campaigns/${next.json().id}/cancel`);
  });

  it('H1: a reminder after N days re-sends the same link to those who have not answered, and does not count towards the 30 days', async () => {
    const ids = [await family('jubail'), await family('jubail')];
    const created = await create({ audience: { office: 'jubail' }, reminderDays: 3 });
    expect(created.statusCode, created.body).toBe(201);
    await runBulkSends(t.ctx);
    const before = await invitationsOf(created.json().id);
    expect(before.filter((i) => i.status === 'sent')).toHaveLength(2);
    expect(await sendCampaignReminders(t.ctx)).toBe(0);
    t.clock.advance(4 * DAY);
    expect(await sendCampaignReminders(t.ctx)).toBe(2);
    expect(await sendCampaignReminders(t.ctx)).toBe(0);
    for (const id of ids) {
      const messages = await t.ctx.db
        .selectFrom('outbox_messages')
        .selectAll()
        .where('event', '=', 'survey.invitation')
        .where('recipient_id', '=', id)
        .orderBy('created_at')
        .execute();
      expect(messages).toHaveLength(2);
      const links = messages.map(
        (m) => /\/s\/([A-Za-z0-9_-]{22})/.exec(t.ctx.keys.encryptor.decrypt(m.body as string, `outbox:${m.id}:body`))?.[1],
      );
      expect(links[0]).toBeTruthy();
      expect(links[1]).toBe(links[0]);
    }
    const after = await invitationsOf(created.json().id);
    for (const row of after) {
      expect(row.sent_at).toBe(before.find((b) => b.id === row.id)?.sent_at);
      expect(row.reminded_at).not.toBeNull();
    }
    expect((await manager.request('GET', `/api/v1/surveys/campaigns/${created.json().id}`)).json().progress).toMatchObject({
      invited: 2,
      reminded: 2,
    });
  });

  it('F2: only management and administrators run campaigns', async () => {
    const list = await reception.request('GET', '/api/v1/surveys/campaigns');
    expect(list.statusCode).toBe(403);
    const page = await manager.request('GET', '/api/v1/surveys/campaigns?limit=2');
    expect(page.statusCode).toBe(200);
    expect(page.json().items).toHaveLength(2);
    expect(page.json().nextCursor).toBeTruthy();
  });
});
