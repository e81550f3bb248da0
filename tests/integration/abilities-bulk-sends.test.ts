import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFamily } from './factories.js';
import { type Agent, buildStaff, createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';

/**
 * Issue 19 §2: a bulk send in the list and its details say whether this user may cancel it now (an
 * administrator, while scheduled or running), from the notifications policy; management follows
 * sends without the ability, and cancelling anyway answers 403.
 */
let t: TestApp;
let admin: Agent;
let manager: Agent;

beforeAll(async () => {
  t = await createTestApp();
  admin = await sessionFor(t, await buildStaff(t, { roles: ['administrator'] }));
  manager = await sessionFor(t, await buildStaff(t, { roles: ['management'] }));
  await buildFamily(t, { office: 'qatif' });
});
afterAll(async () => {
  await t.close();
});

async function abilitiesOf(agent: Agent, id: string) {
  const detail = await agent.request('GET', `/api/v1/notifications/bulk-sends/${id}`);
  expect(detail.statusCode, detail.body).toBe(200);
  const list = await agent.request('GET', '/api/v1/notifications/bulk-sends');
  const item = list.json().items.find((row: { id: string }) => row.id === id);
  expect(item.abilities).toEqual(detail.json().abilities);
  return detail.json().abilities;
}

describe(`bulk send abilities (issue 19 §2) [${ENGINE}]`, () => {
  it('an administrator may cancel a scheduled send, once; management may not, and is refused', async () => {
    const created = await admin.request('POST', '/api/v1/notifications/bulk-sends', {
      idempotencyKey: randomUUID(),
      name: 'موعد معرض الأسر المنتجة',
      event: 'announcement.general',
      audience: { office: 'qatif' },
      textAr: 'يسرّنا دعوتكم إلى معرض الأسر المنتجة يوم الخميس القادم في مقر الجمعية.',
      scheduledAt: new Date(t.clock.now().getTime() + 86_400_000).toISOString(),
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect(created.json().abilities).toEqual({ cancel: true });
    expect(await abilitiesOf(admin, id)).toEqual({ cancel: true });
    expect(await abilitiesOf(manager, id)).toEqual({ cancel: false });
    expect((await manager.request('POST', `/api/v1/notifications/bulk-sends/${id}/cancel`)).statusCode).toBe(403);

    expect((await admin.request('POST', `/api/v1/notifications/bulk-sends/${id}/cancel`)).statusCode).toBe(200);
    expect(await abilitiesOf(admin, id)).toEqual({ cancel: false });
    expect((await admin.request('POST', `/api/v1/notifications/bulk-sends/${id}/cancel`)).statusCode).toBe(409);
  });
});
