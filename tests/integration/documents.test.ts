import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStaff, multipartUpload, SIGNATURE_PNG } from './factories.js';
import { type Agent, createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';

/**
 * Issue 26 §1 (B1–B5, F4): the document library's staff API — a documents editor creates a
 * document, drafts a version with text and a PDF, publishes it (approval named), withdraws it; other
 * roles are refused 403; anything that is not really a PDF is refused; every change is audited.
 */
let t: TestApp;
let editor: Agent;
let admin: Agent;
let reception: Agent;
let hr: Agent;

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'), Buffer.alloc(512, 0x20), Buffer.from('\n%%EOF\n')]);

beforeAll(async () => {
  t = await createTestApp();
  editor = await sessionFor(t, await buildStaff(t, { roles: ['documents-editor'] }));
  admin = await sessionFor(t, await buildStaff(t, { roles: ['administrator'] }));
  reception = await sessionFor(t, await buildStaff(t, { roles: ['reception'] }));
  hr = await sessionFor(t, await buildStaff(t, { roles: ['hr'] }));
}, 120_000);
afterAll(async () => {
  await t.close();
});

async function newDocument(slug: string, fields: Record<string, unknown> = {}) {
  const created = await editor.request('POST', '/api/v1/documents', {
    kind: 'policy',
    slug,
    titleAr: 'سياسة صرف المساعدات',
    titleEn: 'Aid disbursement policy',
    ...fields,
  });
  expect(created.statusCode, created.body).toBe(201);
  return created.json() as { id: string; slug: string };
}

const auditActions = async (entityId: string) =>
  (await t.ctx.db.selectFrom('audit_events').select('action').where('entity_id', '=', entityId).execute()).map((r) => r.action);

describe(`document library, staff API [${ENGINE}]`, () => {
  it('B4, issue 26 §1: draft → publish → withdraw, each step audited; the version in force follows the effective day', async () => {
    const doc = await newDocument('aid-disbursement-policy');
    const drafted = await editor.request('POST', `/api/v1/documents/${doc.id}/versions`, { bodyAr: 'تُصرف المساعدات وفق معايير معلنة.' });
    expect(drafted.statusCode, drafted.body).toBe(201);
    const v1 = drafted.json().versions[0];
    expect(v1).toMatchObject({ number: 1, status: 'draft', isInForce: false });
    expect(drafted.json().abilities).toEqual({ edit: true, addVersion: false });

    // One draft at a time.
    const second = await editor.request('POST', `/api/v1/documents/${doc.id}/versions`, {});
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('document.draft-exists');

    // Publishing names what is missing.
    const incomplete = await editor.request('POST', `/api/v1/documents/${doc.id}/versions/${v1.id}/publish`);
    expect(incomplete.statusCode).toBe(422);
    expect(
      incomplete
        .json()
        .errors.map((e: { pointer: string }) => e.pointer)
        .sort(),
    ).toEqual(['/approvedBy', '/approvedOn', '/effectiveOn']);

    const edited = await editor.request('PATCH', `/api/v1/documents/${doc.id}/versions/${v1.id}`, {
      effectiveOn: '2026-01-01',
      approvedBy: 'مجلس الإدارة',
      approvedOn: '2025-12-20',
      changeSummaryAr: 'الإصدار الأول',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const uploaded = await multipartUpload(t, editor, `/api/v1/documents/${doc.id}/versions/${v1.id}/files/ar`, {
      fields: {},
      file: { name: 'policy.pdf', bytes: PDF },
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    expect(uploaded.json().versions[0].fileAr).toMatchObject({ name: 'policy.pdf', size: PDF.length, publicUrl: null });

    const published = await editor.request('POST', `/api/v1/documents/${doc.id}/versions/${v1.id}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().versions[0]).toMatchObject({ status: 'published', isInForce: true, approvedBy: 'مجلس الإدارة' });
    expect(published.json().versions[0].fileAr.publicUrl).toMatch(/^\/documents\/files\/[0-9a-f]{64}\.pdf$/);
    expect(published.json().inForce).toEqual({ number: 1, effectiveOn: '2026-01-01' });

    // A published version is no longer edited: a new version is drafted instead.
    const late = await editor.request('PATCH', `/api/v1/documents/${doc.id}/versions/${v1.id}`, { bodyAr: 'تعديل' });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('document.version-not-draft');

    // Version 2 effective in the future: announced, version 1 stays in force.
    const v2 = (
      await editor.request('POST', `/api/v1/documents/${doc.id}/versions`, {
        bodyAr: 'نص معدّل',
        effectiveOn: '2099-01-01',
        approvedBy: 'الجمعية العمومية',
        approvedOn: '2026-01-01',
      })
    ).json().versions[0];
    expect(v2.number).toBe(2);
    const published2 = await admin.request('POST', `/api/v1/documents/${doc.id}/versions/${v2.id}/publish`);
    expect(published2.statusCode, published2.body).toBe(200);
    expect(published2.json().inForce.number).toBe(1);

    const withdrawn = await editor.request('POST', `/api/v1/documents/${doc.id}/versions/${v1.id}/withdraw`, { reason: 'نُشر خطأً' });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json().versions.find((v: { id: string }) => v.id === v1.id)).toMatchObject({
      status: 'withdrawn',
      withdrawReason: 'نُشر خطأً',
      isInForce: false,
    });
    expect(withdrawn.json().inForce).toBeNull();
    const again = await editor.request('POST', `/api/v1/documents/${doc.id}/versions/${v1.id}/withdraw`, { reason: 'مرة أخرى' });
    expect(again.json().code).toBe('document.version-not-published');

    // (The test clock stands still: the trail is compared as a set with its counts.)
    expect((await auditActions(doc.id)).sort()).toEqual(
      [
        'document.create',
        'document.version-create',
        'document.version-update',
        'document.version-file',
        'document.publish',
        'document.version-create',
        'document.publish',
        'document.withdraw',
      ].sort(),
    );

    // Staff download is an attachment, like every file of Sila.
    const file = await editor.request('GET', `/api/v1/documents/${doc.id}/versions/${v1.id}/files/ar`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toMatch(/^attachment;/);
  });

  it('issue 26 §1 (bad input): a file that is not really a PDF is refused 415 and nothing is stored', async () => {
    const doc = await newDocument('forms-guide', { kind: 'guide' });
    const v = (await editor.request('POST', `/api/v1/documents/${doc.id}/versions`, {})).json().versions[0];
    const before = (
      await t.ctx.db
        .selectFrom('files')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
    for (const bytes of [Buffer.from(SIGNATURE_PNG.split(',')[1] ?? '', 'base64'), Buffer.from('<script>alert(1)</script> not a pdf')]) {
      const refused = await multipartUpload(t, editor, `/api/v1/documents/${doc.id}/versions/${v.id}/files/ar`, {
        fields: {},
        file: { name: 'policy.pdf', bytes, type: 'application/pdf' },
      });
      expect(refused.statusCode, refused.body).toBe(415);
      expect(refused.json().code).toMatch(/^(document\.pdf-only|file\.type-not-accepted)$/);
    }
    const after = (
      await t.ctx.db
        .selectFrom('files')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
    expect(Number(after)).toBe(Number(before));
  });

  it('issue 26 §1: roles other than documents editors and administrators are refused 403', async () => {
    const doc = await newDocument('volunteer-policy');
    for (const agent of [reception, hr]) {
      expect((await agent.request('GET', '/api/v1/documents')).statusCode).toBe(403);
      expect(
        (await agent.request('POST', '/api/v1/documents', { kind: 'policy', slug: 'x-policy', titleAr: 'س', titleEn: 'P' })).statusCode,
      ).toBe(403);
      expect((await agent.request('POST', `/api/v1/documents/${doc.id}/versions`, {})).statusCode).toBe(403);
    }
    // Kinds are an administrator's setting.
    expect(
      (await editor.request('POST', '/api/v1/documents/kinds', { code: 'report', nameAr: 'تقرير', nameEn: 'Report' })).statusCode,
    ).toBe(403);
    const kind = await admin.request('POST', '/api/v1/documents/kinds', { code: 'report', nameAr: 'تقرير', nameEn: 'Report' });
    expect(kind.statusCode, kind.body).toBe(201);
    const kinds = (await editor.request('GET', '/api/v1/documents/kinds')).json().items.map((k: { code: string }) => k.code);
    expect(kinds).toEqual(['bylaws', 'policy', 'code-of-conduct', 'regulation', 'form', 'guide', 'report']);
  });

  it('issue 26 §3: the slug `forms` is reserved; a slug is unique; an unknown kind is refused', async () => {
    const reserved = await editor.request('POST', '/api/v1/documents', { kind: 'form', slug: 'forms', titleAr: 'نماذج', titleEn: 'Forms' });
    expect(reserved.statusCode).toBe(400);
    expect(JSON.stringify(reserved.json().errors)).toContain('document.slug-reserved');
    await newDocument('code-of-conduct', { kind: 'code-of-conduct' });
    const taken = await editor.request('POST', '/api/v1/documents', {
      kind: 'policy',
      slug: 'code-of-conduct',
      titleAr: 'س',
      titleEn: 'P',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('document.slug-taken');
    const unknown = await editor.request('POST', '/api/v1/documents', { kind: 'nope', slug: 'nope-doc', titleAr: 'س', titleEn: 'P' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().code).toBe('document.kind-unknown');
    const list = await editor.request('GET', '/api/v1/documents?q=CODE');
    expect(list.json().items.map((d: { slug: string }) => d.slug)).toEqual(['code-of-conduct']);
  });
});
