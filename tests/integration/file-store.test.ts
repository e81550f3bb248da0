import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStoredFile, storeFile } from '../../src/platform/files/file-store.js';
import { AppError } from '../../src/platform/http/app-error.js';
import { createTestApp, ENGINE, type TestApp } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const pdf = Buffer.from('%PDF-1.4\n% إقرار الأسرة رقم سري 7392\n%%EOF\n');

describe(`file store (issue 4 §8) [${ENGINE}]`, () => {
  it('stores a file encrypted and gives it back unchanged', async () => {
    const stored = await storeFile(t.ctx.db, t.ctx.keys, {
      ownerType: 'test',
      ownerId: 'x',
      fileName: 'إقرار.pdf',
      bytes: pdf,
      createdBy: null,
      now: t.clock.now(),
    });
    expect(stored).toMatchObject({ name: 'إقرار.pdf', mediaType: 'application/pdf', size: pdf.length });
    const row = await t.ctx.db.selectFrom('files').select('content').where('id', '=', stored.id).executeTakeFirstOrThrow();
    expect(row.content).not.toContain('7392');
    expect(Buffer.from(row.content).includes(pdf)).toBe(false);
    const read = await readStoredFile(t.ctx.db, t.ctx.keys, stored.id);
    expect(read?.bytes.equals(pdf)).toBe(true);
  });

  it('refuses an HTML page named .pdf, an SVG, an oversized file and an empty one, storing nothing', async () => {
    const attempts: Array<[string, Buffer, number, string]> = [
      ['invoice.pdf', Buffer.from('<html><script>alert(1)</script></html>'), 415, 'file.type-not-accepted'],
      ['logo.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 415, 'file.type-not-accepted'],
      ['big.pdf', Buffer.concat([pdf, Buffer.alloc(2048)]), 413, 'file.too-large'],
      ['empty.pdf', Buffer.alloc(0), 422, 'file.empty'],
    ];
    const before = (await t.ctx.db.selectFrom('files').select('id').execute()).length;
    for (const [fileName, bytes, status, code] of attempts) {
      const attempt = storeFile(t.ctx.db, t.ctx.keys, {
        ownerType: 'test',
        ownerId: null,
        fileName,
        bytes,
        createdBy: null,
        now: t.clock.now(),
        maxBytes: 1024,
      });
      await expect(attempt).rejects.toSatisfy((e: unknown) => e instanceof AppError && e.status === status && e.code === code);
    }
    expect((await t.ctx.db.selectFrom('files').select('id').execute()).length).toBe(before);
  });

  it('binds the ciphertext to its file: content moved to another row does not open', async () => {
    const a = await storeFile(t.ctx.db, t.ctx.keys, {
      ownerType: 'test',
      ownerId: 'a',
      fileName: 'a.pdf',
      bytes: pdf,
      createdBy: null,
      now: t.clock.now(),
    });
    const b = await storeFile(t.ctx.db, t.ctx.keys, {
      ownerType: 'test',
      ownerId: 'b',
      fileName: 'b.pdf',
      bytes: pdf,
      createdBy: null,
      now: t.clock.now(),
    });
    const { content } = await t.ctx.db.selectFrom('files').select('content').where('id', '=', a.id).executeTakeFirstOrThrow();
    await t.ctx.db.updateTable('files').set({ content }).where('id', '=', b.id).execute();
    await expect(readStoredFile(t.ctx.db, t.ctx.keys, b.id)).rejects.toThrow();
  });
});
