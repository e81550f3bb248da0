import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseTrackingCode } from '../../src/domain/tracking-code.js';
import { complaint, inquiry, JPEG, newAddress, post, upload } from './complaints-fixtures.js';
import { buildFamily } from './factories.js';
import { createTestApp, ENGINE, type TestApp } from './harness.js';

/**
 * Issue 6 §1–§3 (E1, C1): complaints and inquiries from the public link, their acknowledgement,
 * clocks, idempotent resubmission, the honeypot and lookups by tracking code.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe(`public complaints and inquiries [${ENGINE}]`, () => {
  it('E1: offers topics of both kinds, the domains and the privacy notice version', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/public/form-options' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.topics.some((x: { kind: string }) => x.kind === 'complaint')).toBe(true);
    expect(body.topics.some((x: { kind: string }) => x.kind === 'inquiry')).toBe(true);
    expect(body.domains.length).toBeGreaterThan(0);
    expect(body.privacyNoticeVersion).toBe('2026-1');
  });

  it('E1: files a complaint with a photo, encrypted, acknowledged by SMS and e-mail, with its clocks', async () => {
    const uploaded = await upload(t, JPEG);
    expect(uploaded.statusCode).toBe(201);
    const { uploadToken, expiresAt } = uploaded.json();
    expect(new Date(expiresAt).getTime() - t.clock.now().getTime()).toBe(3600_000);

    const response = await post(t, '/api/v1/public/complaints', complaint({ attachments: [uploadToken], nationalId: '1000000008' }));
    expect(response.statusCode).toBe(201);
    const receipt = response.json();
    expect(receipt.reference).toMatch(new RegExp(`^CMP-${t.clock.now().getUTCFullYear()}-\\d{6}$`));
    expect(normaliseTrackingCode(receipt.trackingCode)).toBe(receipt.trackingCode);
    expect(Object.keys(receipt).sort()).toEqual(['reference', 'trackingCode']);

    const row = await t.ctx.db.selectFrom('complaints').selectAll().where('reference', '=', receipt.reference).executeTakeFirstOrThrow();
    expect(row.kind).toBe('complaint');
    expect(row.channel).toBe('website');
    expect(row.step).toBe('acknowledged');
    expect(row.privacy_notice_version).toBe('2026-1');
    // Personal data and free text at rest are ciphertext (F2); the tracking code is stored only as a keyed hash.
    const stored = JSON.stringify(row);
    for (const secret of [
      'منيرة',
      '0551234567',
      '+966551234567',
      'muneera@',
      '1000000008',
      'تأخر صرف',
      'صرف المساعدة وإبلاغنا',
      receipt.trackingCode,
    ])
      expect(stored).not.toContain(secret);

    const attachments = await t.ctx.db.selectFrom('complaint_attachments').selectAll().where('complaint_id', '=', row.id).execute();
    expect(attachments).toHaveLength(1);
    const file = await t.ctx.db
      .selectFrom('files')
      .selectAll()
      .where('id', '=', attachments[0]?.file_id as string)
      .executeTakeFirstOrThrow();
    expect([file.owner_type, file.owner_id, file.media_type]).toEqual(['complaint', row.id, 'image/jpeg']);

    const messages = await t.ctx.db.selectFrom('outbox_messages').selectAll().where('about_id', '=', row.id).execute();
    expect(messages.map((m) => [m.event, m.channel, m.recipient_kind]).sort()).toEqual([
      ['complaint.received', 'email', 'contact'],
      ['complaint.received', 'sms', 'contact'],
    ]);
    const sms = messages.find((m) => m.channel === 'sms');
    const text = t.ctx.keys.encryptor.decrypt(sms?.body as string, `outbox:${sms?.id}:body`);
    expect(text).toContain(receipt.reference);
    expect(text).toContain(`/complaints/track#${receipt.trackingCode}`);
    expect(sms?.is_sensitive).toBe(1);

    const clocks = await t.ctx.db.selectFrom('working_clocks').selectAll().where('owner_id', '=', row.id).execute();
    const resolve = clocks.find((c) => c.owner_type === 'complaint');
    const acknowledge = clocks.find((c) => c.owner_type === 'complaint-acknowledgement');
    expect(resolve?.working_days).toBe(10);
    expect(resolve?.state).toBe('running');
    expect(acknowledge?.working_days).toBe(1);
    expect(acknowledge?.state).toBe('met');
    expect(row.clock_id).toBe(resolve?.id);
  });

  it('E1: matches the ID number to a registered family without echoing it back', async () => {
    const { id: familyId } = await buildFamily(t, { headNameAr: 'فاطمة الدوسري', nationalId: '2345678904' });
    const response = await post(t, '/api/v1/public/complaints', complaint({ nationalId: '2345678904' }));
    expect(response.statusCode).toBe(201);
    expect(response.body).not.toContain('2345678904');
    const row = await t.ctx.db
      .selectFrom('complaints')
      .selectAll()
      .where('reference', '=', response.json().reference)
      .executeTakeFirstOrThrow();
    expect(row.family_id).toBe(familyId);
    expect(row.national_id_index).toBe(t.ctx.keys.indexer.index('2345678904'));
  });

  it('E1: an anonymous complaint with no contact is stored without identity and sends no message', async () => {
    const response = await post(
      t,
      '/api/v1/public/complaints',
      complaint({ anonymous: true, name: undefined, mobile: undefined, email: undefined, remedy: undefined }),
    );
    expect(response.statusCode).toBe(201);
    const row = await t.ctx.db
      .selectFrom('complaints')
      .selectAll()
      .where('reference', '=', response.json().reference)
      .executeTakeFirstOrThrow();
    expect([row.is_anonymous, row.writer_name, row.mobile, row.email, row.national_id]).toEqual([1, null, null, null, null]);
    const messages = await t.ctx.db.selectFrom('outbox_messages').select('id').where('about_id', '=', row.id).execute();
    expect(messages).toEqual([]);
  });

  it('E1: an anonymous complaint carrying a name or ID number is refused, naming the fields', async () => {
    const response = await post(t, '/api/v1/public/complaints', complaint({ anonymous: true, nationalId: '1000000008' }));
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const pointers = response.json().errors.map((e: { pointer: string; code: string }) => `${e.pointer} ${e.code}`);
    expect(pointers).toEqual(
      expect.arrayContaining(['/name complaint.anonymous-with-identity', '/nationalId complaint.anonymous-with-identity']),
    );
  });

  it('E1: bad input answers problem+json per field (contact, ID checksum, topic kind, notice version, unknown keys)', async () => {
    const missing = await post(
      t,
      '/api/v1/public/complaints',
      complaint({ mobile: undefined, email: undefined, nationalId: '1234567890' }),
    );
    expect(missing.statusCode).toBe(400);
    const codes = missing.json().errors.map((e: { pointer: string; code: string }) => `${e.pointer} ${e.code}`);
    expect(codes).toContain('/nationalId nationalId.checksum');

    const noContact = await post(t, '/api/v1/public/complaints', complaint({ mobile: undefined, email: undefined }));
    expect(noContact.json().errors).toEqual([expect.objectContaining({ pointer: '/mobile', code: 'contact.required' })]);

    const wrongKind = await post(t, '/api/v1/public/complaints', complaint({ topic: 'eligibility' }));
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().errors).toEqual([expect.objectContaining({ pointer: '/topic', code: 'complaints.topic-kind' })]);

    const oldNotice = await post(t, '/api/v1/public/complaints', complaint({ privacyNoticeVersion: '2025-9' }));
    expect(oldNotice.json().errors).toEqual([
      expect.objectContaining({ pointer: '/privacyNoticeVersion', code: 'privacyNotice.unknown-version' }),
    ]);

    const unknownKey = await post(t, '/api/v1/public/inquiries', inquiry({ remedy: 'x' }));
    expect(unknownKey.statusCode).toBe(400);
    expect(unknownKey.json().errors).toEqual([expect.objectContaining({ pointer: '/remedy', code: 'field.unknown' })]);
  });

  it('C1: files an inquiry with reference INQ-…, acknowledged by e-mail in the writer’s language', async () => {
    const response = await post(t, '/api/v1/public/inquiries', inquiry(), { headers: { 'accept-language': 'en-GB,en;q=0.8' } });
    expect(response.statusCode).toBe(201);
    expect(response.json().reference).toMatch(/^INQ-\d{4}-\d{6}$/);
    const row = await t.ctx.db
      .selectFrom('complaints')
      .selectAll()
      .where('reference', '=', response.json().reference)
      .executeTakeFirstOrThrow();
    expect([row.kind, row.language, row.remedy]).toEqual(['inquiry', 'en', null]);
    const messages = await t.ctx.db.selectFrom('outbox_messages').selectAll().where('about_id', '=', row.id).execute();
    expect(messages.map((m) => [m.event, m.channel, m.language])).toEqual([['inquiry.received', 'email', 'en']]);
    const clock = await t.ctx.db
      .selectFrom('working_clocks')
      .selectAll()
      .where('owner_id', '=', row.id)
      .where('owner_type', '=', 'inquiry')
      .executeTakeFirstOrThrow();
    expect(clock.working_days).toBe(5);
  });

  it('E1: references count per year and kind', async () => {
    const a = await post(t, '/api/v1/public/complaints', complaint());
    const b = await post(t, '/api/v1/public/complaints', complaint());
    const c = await post(t, '/api/v1/public/inquiries', inquiry());
    const serial = (r: string) => Number(r.split('-')[2]);
    expect(serial(b.json().reference)).toBe(serial(a.json().reference) + 1);
    expect(c.json().reference.startsWith('INQ-')).toBe(true);
    expect(serial(c.json().reference)).toBeLessThan(serial(b.json().reference));
  });

  it('issue 6 §2: the same Idempotency-Key and body answer the same without a second record; a different body answers 422', async () => {
    const address = newAddress();
    const headers = { 'idempotency-key': 'form-3f1c2a' };
    const count = async () =>
      Number(
        (
          await t.ctx.db
            .selectFrom('complaints')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const first = await post(t, '/api/v1/public/complaints', complaint(), { address, headers });
    const again = await post(t, '/api/v1/public/complaints', complaint(), { address, headers });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(await count()).toBe(before + 1);
    const messages = await t.ctx.db.selectFrom('outbox_messages').select('id').where('event', '=', 'complaint.received').execute();

    const different = await post(t, '/api/v1/public/complaints', complaint({ description: 'وصف مختلف تمامًا عن الأول للشكوى.' }), {
      address,
      headers,
    });
    expect(different.statusCode).toBe(422);
    expect(different.json().code).toBe('idempotency.key-reused');
    expect(await count()).toBe(before + 1);
    expect(await t.ctx.db.selectFrom('outbox_messages').select('id').where('event', '=', 'complaint.received').execute()).toHaveLength(
      messages.length,
    );
    // The same key on the other kind is another key.
    expect((await post(t, '/api/v1/public/inquiries', inquiry(), { address, headers })).statusCode).toBe(201);
  });

  it('issue 6 §1: a filled honeypot answers like a success and stores nothing, even with a broken body', async () => {
    const tables = ['complaints', 'complaint_steps', 'outbox_messages', 'working_clocks', 'audit_events'] as const;
    const counts = async () =>
      Promise.all(
        tables.map(async (table) =>
          Number(
            (
              await t.ctx.db
                .selectFrom(table)
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          ),
        ),
      );
    const before = await counts();
    const bot = await post(t, '/api/v1/public/complaints', complaint({ website: 'https://spam.example' }));
    expect(bot.statusCode).toBe(201);
    expect(bot.json().reference).toMatch(/^CMP-\d{4}-\d{6}$/);
    expect(normaliseTrackingCode(bot.json().trackingCode)).not.toBeNull();
    const broken = await post(t, '/api/v1/public/inquiries', { website: 'x', topic: 42 });
    expect(broken.statusCode).toBe(201);
    expect(await counts()).toEqual(before);
    const lookup = await post(t, '/api/v1/public/complaints/lookup', { trackingCode: bot.json().trackingCode });
    expect(lookup.statusCode).toBe(404);
  });

  it('issue 6 §3: a lookup shows reference, status, timeline and response — nothing personal; any code form works', async () => {
    const filed = await post(t, '/api/v1/public/complaints', complaint({ nationalId: '1000000008' }));
    const { reference, trackingCode } = filed.json();
    const typed = `  ${trackingCode.toLowerCase().match(/.{4}/g).join('-')} `;
    const response = await post(t, '/api/v1/public/complaints/lookup', { trackingCode: typed });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toEqual({
      reference,
      status: 'acknowledged',
      timeline: [
        { step: 'received', at: t.clock.now().toISOString() },
        { step: 'acknowledged', at: t.clock.now().toISOString() },
      ],
      response: null,
      // Issue 20 §5: the acknowledgement waits in the outbox (no gateway in tests): not "sent".
      messages: [{ about: 'acknowledgement', state: 'queued', sentAt: null }],
      // Issue 23 §5: no compensation case (an escalated one shows its outcome category only).
      compensationOutcome: null,
    });
    for (const secret of ['منيرة', '0551234567', '966551234567', 'muneera', '1000000008', 'تأخر', 'website', 'family', 'staff'])
      expect(response.body).not.toContain(secret);
  });

  it('issue 6 §3: shows the response and maps internal steps onto the five public ones', async () => {
    const filed = await post(t, '/api/v1/public/complaints', complaint());
    const row = await t.ctx.db
      .selectFrom('complaints')
      .selectAll()
      .where('reference', '=', filed.json().reference)
      .executeTakeFirstOrThrow();
    const at = (minutes: number) => new Date(t.clock.now().getTime() + minutes * 60_000).toISOString();
    const steps = ['assessed', 'assigned', 'investigating', 'response-decided', 'response-communicated'] as const;
    await t.ctx.db
      .insertInto('complaint_steps')
      .values(
        steps.map((step, i) => ({
          id: `${row.id.slice(0, -2)}${10 + i}`,
          complaint_id: row.id,
          step,
          at: at(i + 1),
          actor_kind: 'staff',
          actor_id: 'someone',
          note: t.ctx.keys.encryptor.encrypt('internal note', 'x'),
        })),
      )
      .execute();
    await t.ctx.db
      .updateTable('complaints')
      .set({
        step: 'response-communicated',
        response: t.ctx.keys.encryptor.encrypt('نعتذر عن التأخير، وصُرفت المساعدة اليوم.', `complaint:${row.id}:response`),
      })
      .where('id', '=', row.id)
      .execute();
    const body = (await post(t, '/api/v1/public/complaints/lookup', { trackingCode: filed.json().trackingCode })).json();
    expect(body.status).toBe('responded');
    expect(body.timeline.map((s: { step: string }) => s.step)).toEqual(['received', 'acknowledged', 'in-progress', 'responded']);
    expect(body.timeline[2].at).toBe(at(1));
    expect(body.response).toBe('نعتذر عن التأخير، وصُرفت المساعدة اليوم.');
    expect(JSON.stringify(body)).not.toContain('internal note');
    expect(JSON.stringify(body)).not.toContain('someone');
  });

  it('issue 6 §3: unknown, malformed and other-kind codes answer the same 404', async () => {
    const filed = await post(t, '/api/v1/public/inquiries', inquiry());
    const answers = await Promise.all(
      ['0000000000000000', 'not a code', '', 'x'.repeat(64), filed.json().trackingCode].map((code) =>
        post(t, '/api/v1/public/complaints/lookup', { trackingCode: code }),
      ),
    );
    for (const answer of answers) {
      expect(answer.statusCode).toBe(404);
      expect(answer.json()).toEqual(answers[0]?.json());
    }
    expect((await post(t, '/api/v1/public/inquiries/lookup', { trackingCode: filed.json().trackingCode })).statusCode).toBe(200);
    expect((await post(t, '/api/v1/public/complaints/lookup', { trackingCode: 'x'.repeat(65) })).statusCode).toBe(400);
  });
});
