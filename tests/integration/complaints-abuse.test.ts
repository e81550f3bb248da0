import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTrackingCode } from '../../src/domain/tracking-code.js';
import { complaint, HTML_AS_PDF, inquiry, JPEG, newAddress, PDF, post, SVG, setComplaintsSettings, upload } from './complaints-fixtures.js';
import { buildStaff, createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';

/**
 * Issue 6 §1–§3, "Bad input": disguised and oversized attachments, upload tokens used twice or
 * expired (nothing half-stored), floods from one address (429), and tracking codes that never clash.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const count = async (table: 'complaints' | 'files' | 'public_uploads' | 'complaint_attachments') =>
  Number(
    (
      await t.ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe(`public link abuse [${ENGINE}]`, () => {
  it('E1: refuses HTML named .pdf, SVG, empty and oversized files with problem+json, storing nothing', async () => {
    const files = await count('files');
    const html = await upload(t, HTML_AS_PDF, { fileName: 'receipt.pdf' });
    expect([html.statusCode, html.json().code]).toEqual([415, 'file.type-not-accepted']);
    expect(html.headers['content-type']).toContain('application/problem+json');
    const svg = await upload(t, SVG, { fileName: 'photo.svg' });
    expect([svg.statusCode, svg.json().code]).toEqual([415, 'file.type-not-accepted']);
    expect((await upload(t, Buffer.alloc(0))).json().code).toBe('file.empty');
    await setComplaintsSettings(t, { maxUploadBytes: 100 * 1024 });
    const big = await upload(t, Buffer.concat([JPEG, Buffer.alloc(150 * 1024)]));
    expect([big.statusCode, big.json().code]).toEqual([413, 'file.too-large']);
    await setComplaintsSettings(t, {});
    const huge = await upload(t, Buffer.concat([JPEG, Buffer.alloc(11 * 1024 * 1024)]));
    expect(huge.statusCode).toBe(413);
    expect(await count('files')).toBe(files);
    // A PDF is accepted, its name cleaned of markup.
    const pdf = await upload(t, PDF, { fileName: '<script>x</script>.pdf' });
    expect(pdf.statusCode).toBe(201);
  });

  it('issue 6 §2: an upload token is single use; a reused, unknown or expired one refuses the whole complaint', async () => {
    const first = (await upload(t, JPEG)).json().uploadToken;
    const ok = await post(t, '/api/v1/public/complaints', complaint({ attachments: [first] }));
    expect(ok.statusCode).toBe(201);
    const before = { complaints: await count('complaints'), attachments: await count('complaint_attachments') };

    const fresh = (await upload(t, PDF)).json().uploadToken;
    const reused = await post(t, '/api/v1/public/complaints', complaint({ attachments: [fresh, first] }));
    expect(reused.statusCode).toBe(422);
    expect(reused.json().errors).toEqual([expect.objectContaining({ pointer: '/attachments/1', code: 'upload.token-used' })]);
    const unknown = await post(t, '/api/v1/public/complaints', complaint({ attachments: ['made-up-token'] }));
    expect(unknown.json().errors).toEqual([expect.objectContaining({ pointer: '/attachments/0', code: 'upload.token-unknown' })]);
    const twice = await post(t, '/api/v1/public/complaints', complaint({ attachments: [fresh, fresh] }));
    expect(twice.json().errors).toEqual([expect.objectContaining({ pointer: '/attachments/1', code: 'upload.token-repeated' })]);
    // Nothing half-stored: the fresh token was not used up by the refused complaints.
    expect({ complaints: await count('complaints'), attachments: await count('complaint_attachments') }).toEqual(before);

    t.clock.advance(3600_000 + 1000);
    const expired = await post(t, '/api/v1/public/complaints', complaint({ attachments: [fresh] }));
    expect(expired.statusCode).toBe(422);
    expect(expired.json().errors).toEqual([expect.objectContaining({ pointer: '/attachments/0', code: 'upload.token-expired' })]);
    expect(await count('complaints')).toBe(before.complaints);
    // The next upload sweeps expired, unused files away.
    const uploads = await count('public_uploads');
    await upload(t, JPEG);
    expect(await count('public_uploads')).toBeLessThan(uploads + 1);
  });

  it('issue 6 §1: submissions, uploads and lookups are limited per address (429 problem+json with Retry-After)', async () => {
    await setComplaintsSettings(t, { submissionsPerWindow: 2, submissionWindowMinutes: 10, lookupsPerMinute: 3, uploadsPerWindow: 2 });
    const address = newAddress();
    expect((await post(t, '/api/v1/public/complaints', complaint(), { address })).statusCode).toBe(201);
    expect((await post(t, '/api/v1/public/inquiries', inquiry(), { address })).statusCode).toBe(201);
    const flooded = await post(t, '/api/v1/public/complaints', complaint(), { address });
    expect(flooded.statusCode).toBe(429);
    expect(flooded.headers['content-type']).toContain('application/problem+json');
    expect(flooded.json().code).toBe('public.rate-limited');
    expect(Number(flooded.headers['retry-after'])).toBeGreaterThan(0);
    // A bot filling the honeypot is counted too, and another address is not affected.
    expect((await post(t, '/api/v1/public/complaints', complaint({ website: 'x' }), { address })).statusCode).toBe(429);
    expect((await post(t, '/api/v1/public/complaints', complaint())).statusCode).toBe(201);

    for (let i = 0; i < 3; i += 1)
      expect((await post(t, '/api/v1/public/complaints/lookup', { trackingCode: 'AAAABBBBCCCCDDDD' }, { address })).statusCode).toBe(404);
    expect((await post(t, '/api/v1/public/inquiries/lookup', { trackingCode: 'AAAABBBBCCCCDDDD' }, { address })).statusCode).toBe(429);

    expect((await upload(t, JPEG, { address })).statusCode).toBe(201);
    expect((await upload(t, JPEG, { address })).statusCode).toBe(201);
    expect((await upload(t, JPEG, { address })).statusCode).toBe(429);

    // The window slides: after it, the address may send again.
    t.clock.advance(10 * 60_000 + 1000);
    expect((await post(t, '/api/v1/public/complaints', complaint(), { address })).statusCode).toBe(201);
    await setComplaintsSettings(t, {});
  });

  it('issue 6 §1: an administrator edits topics and limits; a topic made inactive is refused', async () => {
    const admin = await sessionFor(t, await buildStaff(t, { roles: ['administrator'] }));
    const current = (await admin.request('GET', '/api/v1/settings/complaints')).json();
    const topics = current.topics.map((x: { code: string }) => (x.code === 'staff-conduct' ? { ...x, isActive: false } : x));
    const saved = await admin.request('PUT', '/api/v1/settings/complaints', { ...current, topics });
    expect(saved.statusCode).toBe(200);
    const options = (await t.app.inject({ method: 'GET', url: '/api/v1/public/form-options' })).json();
    expect(options.topics.map((x: { code: string }) => x.code)).not.toContain('staff-conduct');
    const refused = await post(t, '/api/v1/public/complaints', complaint({ topic: 'staff-conduct' }));
    expect(refused.json().errors).toEqual([expect.objectContaining({ pointer: '/topic', code: 'settings.unknown-code' })]);
    const duplicate = await admin.request('PUT', '/api/v1/settings/complaints', {
      ...current,
      topics: [...current.topics, current.topics[0]],
    });
    expect(duplicate.statusCode).toBe(400);
    await admin.request('PUT', '/api/v1/settings/complaints', current);
  });

  it('issue 6 §3: 10,000 tracking codes from the domain function never clash, also under the database’s unique index', async () => {
    const codes = Array.from({ length: 10_000 }, () => newTrackingCode());
    expect(new Set(codes).size).toBe(10_000);
    const now = t.clock.now().toISOString();
    for (let i = 0; i < codes.length; i += 500) {
      await t.ctx.db
        .insertInto('complaints')
        .values(
          codes.slice(i, i + 500).map((code, j) => ({
            id: `00000000-0000-7000-8000-${String(i + j).padStart(12, '0')}`,
            kind: 'complaint',
            reference: `CMP-1999-${String(i + j).padStart(6, '0')}`,
            tracking_index: t.ctx.keys.indexer.index(code),
            channel: 'website',
            is_anonymous: 1,
            writer_name: null,
            mobile: null,
            mobile_index: null,
            email: null,
            national_id: null,
            national_id_index: null,
            family_id: null,
            topic: 'service-delay',
            domain: null,
            description: 'x',
            remedy: null,
            step: 'received',
            response: null,
            responded_at: null,
            privacy_notice_version: null,
            language: 'ar',
            clock_id: null,
            acknowledge_clock_id: null,
            created_by: null,
            created_at: now,
            updated_at: now,
            version: 1,
          })),
        )
        .execute();
    }
    const stored = await t.ctx.db.selectFrom('complaints').select('tracking_index').where('reference', 'like', 'CMP-1999-%').execute();
    expect(new Set(stored.map((r) => r.tracking_index)).size).toBe(10_000);
  }, 120_000);

  it('issue 6 §3: codes handed out through the API are all different and each finds its own complaint', async () => {
    await setComplaintsSettings(t, { submissionsPerWindow: 1000 });
    const address = newAddress();
    const receipts: Array<{ reference: string; trackingCode: string }> = [];
    for (let i = 0; i < 40; i += 1) receipts.push((await post(t, '/api/v1/public/complaints', complaint(), { address })).json());
    expect(new Set(receipts.map((r) => r.trackingCode)).size).toBe(40);
    await setComplaintsSettings(t, { lookupsPerMinute: 1000 });
    for (const receipt of receipts.slice(0, 10)) {
      const found = await post(t, '/api/v1/public/complaints/lookup', { trackingCode: receipt.trackingCode }, { address });
      expect(found.json().reference).toBe(receipt.reference);
    }
    await setComplaintsSettings(t, {});
  });
});
