import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER, SESSION_COOKIE } from '../../src/platform/http/auth-plugin.js';
import { type Agent, buildStaff, createTestApp, ENGINE, signIn, type TestApp } from './harness.js';

let t: TestApp;
let reception: Agent;
let khobar: Agent;
let admin: Agent;

beforeAll(async () => {
  t = await createTestApp();
  reception = await signIn(t, await buildStaff(t, { roles: ['reception'], scope: { categories: [], domains: [], offices: ['dammam'] } }));
  khobar = await signIn(t, await buildStaff(t, { roles: ['reception'], scope: { categories: [], domains: [], offices: ['khobar'] } }));
  admin = await signIn(t, await buildStaff(t, { roles: ['administrator'] }));
});
afterAll(async () => {
  await t.close();
});

function upload(agent: Agent, fileName: string, bytes: Buffer) {
  const boundary = '----sila-test-boundary';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/families/imports',
    cookies: { [SESSION_COOKIE]: agent.cookie },
    headers: { [CSRF_HEADER]: agent.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: body,
  });
}

async function waitForImport(agent: Agent, id: string) {
  for (let i = 0; i < 200; i++) {
    const status = (await agent.request('GET', `/api/v1/families/imports/${id}`)).json();
    if (status.status === 'done' || status.status === 'failed') return status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('import did not finish');
}

const START = {
  mapping: { headNameAr: 'الاسم', nationalId: 'رقم الهوية', mobile: 'الجوال', city: 'المدينة', office: 'المكتب' },
  defaults: { category: 'productive-family', domains: ['training'], agreedChannel: 'sms', originChannel: 'interview' },
  privacyNoticeVersion: '2026-1',
};

describe(`import families (issue 3 §6) [${ENGINE}]`, () => {
  it('imports valid rows from a CSV, lists bad ones by row number, and stores nothing for them', async () => {
    const csv = [
      'الاسم,رقم الهوية,الجوال,المدينة,المكتب',
      'هيفاء السبيعي,1000000107,0551000107,الدمام,مكتب الدمام',
      'نوال الشمري,1234567890,0551000108,الدمام,dammam', // bad check digit
      '"<script>alert(1)</script> منيرة",1000000115,0551000115,الدمام,dammam',
      'هيفاء السبيعي,1000000107,0551000107,الدمام,dammam', // the same family again
      'بدون مكتب,1000000123,,الدمام,مكتب غير موجود',
    ].join('\r\n');
    const uploaded = await upload(reception, 'families.csv', Buffer.from(csv));
    expect(uploaded.statusCode).toBe(201);
    const preview = uploaded.json();
    expect(preview).toMatchObject({ total: 5, columns: ['الاسم', 'رقم الهوية', 'الجوال', 'المدينة', 'المكتب'] });
    expect(preview.suggestedMapping).toMatchObject({
      headNameAr: 'الاسم',
      nationalId: 'رقم الهوية',
      mobile: 'الجوال',
      city: 'المدينة',
      office: 'المكتب',
    });

    expect((await reception.request('POST', `/api/v1/families/imports/${preview.id}/start`, START)).statusCode).toBe(202);
    const status = await waitForImport(reception, preview.id);
    expect(status).toMatchObject({ status: 'done', total: 5, processed: 5, imported: 2 });
    expect(status.errors).toEqual([
      { row: 3, pointer: '/nationalId', code: 'nationalId.checksum' },
      { row: 5, pointer: '/nationalId', code: 'family.duplicate' },
      { row: 6, pointer: '/office', code: 'field.code-format' },
    ]);
    const listed: { id: string; headNameAr: string }[] = (await reception.request('GET', '/api/v1/families?limit=100')).json().items;
    const names = listed.map((f) => f.headNameAr);
    expect(names).toContain('<script>alert(1)</script> منيرة');
    expect(names).not.toContain('نوال الشمري');
    // C5 (issue 27 §2): an imported roster is sent no registration message — thousands would queue
    // ahead of decisions; a family registered at the desk is (c5-status-messages).
    expect(listed).toHaveLength(2);
    const ids = listed.map((f) => f.id);
    const told = await t.ctx.db.selectFrom('outbox_messages').select('event').where('recipient_id', 'in', ids).execute();
    expect(told).toEqual([]);
    // Starting it twice is refused.
    expect((await reception.request('POST', `/api/v1/families/imports/${preview.id}/start`, START)).statusCode).toBe(409);
    // Another user cannot see this import.
    expect((await admin.request('GET', `/api/v1/families/imports/${preview.id}`)).statusCode).toBe(404);
  });

  it('never evaluates a formula in a workbook: the row is refused', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('s');
    sheet.addRow(['الاسم', 'رقم الهوية', 'الجوال', 'المدينة', 'المكتب']);
    sheet.addRow(['لطيفة القحطاني', '1000000131', '0551000131', 'الدمام', 'dammam']);
    sheet.addRow([{ formula: 'HYPERLINK("http://evil","x")', result: 'x' }, '1000000149', '', 'الدمام', 'dammam']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const preview = (await upload(reception, 'families.xlsx', bytes)).json();
    expect(preview.sample[1][0]).toBe('=…');
    await reception.request('POST', `/api/v1/families/imports/${preview.id}/start`, START);
    const status = await waitForImport(reception, preview.id);
    expect(status.imported).toBe(1);
    expect(status.errors).toEqual([{ row: 3, pointer: '/headNameAr', code: 'import.formula' }]);
  });

  it('refuses a sheet of 100,000 rows, a file that is not a sheet, and a mapping to an unknown column', async () => {
    const big = ['الاسم,رقم الهوية', ...Array.from({ length: 100_000 }, (_, i) => `اسم ${i},1`)].join('\n');
    const tooBig = await upload(reception, 'big.csv', Buffer.from(big));
    expect(tooBig.statusCode).toBe(422);
    expect(tooBig.json().code).toBe('import.too-many-rows');
    const binary = await upload(reception, 'photo.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0xff, 0xfe]));
    expect(binary.json().code).toBe('import.unsupported-type');
    const preview = (await upload(reception, 'x.csv', Buffer.from('الاسم\nفلانة'))).json();
    const bad = await reception.request('POST', `/api/v1/families/imports/${preview.id}/start`, {
      ...START,
      mapping: { headNameAr: 'Name' },
    });
    expect(bad.json().errors[0]).toMatchObject({ pointer: '/mapping/headNameAr', code: 'import.unknown-column' });
  });
});

describe(`export families (issue 3 §6) [${ENGINE}]`, () => {
  it('exports the current list within scope, neutralising formula-like text, and audits the ids', async () => {
    const base = {
      city: 'الدمام',
      category: 'productive-family',
      domains: ['training'],
      agreedChannel: 'sms',
      originChannel: 'interview',
      consent: { isGiven: true, privacyNoticeVersion: '2026-1' },
    };
    const mine = (
      await reception.request('POST', '/api/v1/families', {
        ...base,
        headNameAr: '=HYPERLINK("x") عائشة',
        nationalId: '1000000156',
        office: 'dammam',
      })
    ).json();
    const theirs = (
      await khobar.request('POST', '/api/v1/families', { ...base, headNameAr: 'عائلة الخبر', nationalId: '1000000164', office: 'khobar' })
    ).json();
    const csv = await reception.request('POST', '/api/v1/families/export', { format: 'csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="families-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(csv.body).toContain(mine.reference);
    expect(csv.body).not.toContain(theirs.reference);
    expect(csv.body).toContain(`"'=HYPERLINK(""x"") عائشة"`);
    expect(csv.body).toContain('1000000156'); // reception sees ID numbers

    const xlsx = await admin.request('POST', '/api/v1/families/export', { format: 'xlsx' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const values = workbook.worksheets[0]?.getSheetValues().flat().map(String) ?? [];
    expect(values).toContain(theirs.reference); // the administrator's scope is everything…
    expect(values).not.toContain('1000000164'); // …masked
    expect(values).toContain('••••••0164');
    // Written row by row (the streaming writer): still a right-to-left sheet with a bold header.
    expect(workbook.worksheets[0]?.views[0]?.rightToLeft).toBe(true);
    expect(workbook.worksheets[0]?.getRow(1).getCell(1).font?.bold).toBe(true);

    const audit = await t.ctx.db.selectFrom('audit_events').selectAll().where('action', '=', 'family.export').execute();
    expect(JSON.parse(audit[0]?.details ?? '{}').ids).toContain(mine.id);
  });
});
