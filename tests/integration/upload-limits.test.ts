import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDED_COMMITTEES } from '../../src/contracts/committees.js';
import { canonicalSubjectData } from '../../src/domain/attestation.js';
import { attestationSubjects } from '../../src/modules/attestations/index.js';
import { sha256Hex } from '../../src/platform/crypto/digest.js';
import { CSRF_HEADER, PORTAL_COOKIE, SESSION_COOKIE } from '../../src/platform/http/auth-plugin.js';
import { newAddress } from './complaints-fixtures.js';
import { buildComplaint, buildFamily, buildRequest, buildStaff, SIGNATURE_PNG, type StaffFixture } from './factories.js';
import { createTestApp, ENGINE, sessionFor, type TestApp } from './harness.js';
import { setSmsGateway, signInFamily } from './portal-support.js';

/**
 * Issue 21 §2, §3: every upload route is bounded honestly — a file of its limit − 1 and of its limit
 * is stored, one byte more answers 413 `file.too-large` naming the limit and stores nothing — and a
 * malformed multipart body answers 4xx problem+json, never 500. The table below lists each upload
 * route; the first test fails when the app has a multipart route the table does not list.
 */
const MB = 1024 * 1024;
const BOUNDARY = '----sila-upload-limits';
const PROBLEM_JSON = 'application/problem+json';

let t: TestApp;
let reception: StaffFixture;
let chair: StaffFixture;
let member: StaffFixture;
let importer: StaffFixture;
let manager: StaffFixture;
let addressSerial = 0;
let documentSerial = 0;
let editor: StaffFixture;

/** How to reach one record the upload goes to: the URL, who sends, and the form's text fields. */
interface Target {
  url: string;
  inject: Pick<InjectOptions, 'cookies' | 'headers' | 'remoteAddress'>;
  fields: Record<string, string>;
}

interface UploadRoute {
  /** As in the OpenAPI document (`{id}` for `:id`). */
  path: string;
  /** The route's limit in bytes (constant, or the complaints settings' default). */
  limitBytes: number;
  /** A file of exactly `size` bytes of a type the route takes (the store reads the type from the bytes). */
  file(size: number): { name: string; bytes: Buffer };
  /** A new record to upload to, and how. */
  prepare(): Promise<Target>;
  /** The route takes a form with no file at all (a complaint registered without scans). */
  isFileOptional?: boolean;
  /** What a stored upload answers (201 unless the route answers the record it added to). */
  acceptedStatus?: 200 | 201;
}

const staff = async (who: StaffFixture): Promise<Target['inject']> => {
  const agent = await sessionFor(t, who);
  return { cookies: { [SESSION_COOKIE]: agent.cookie }, headers: { [CSRF_HEADER]: agent.csrf } };
};

/** `%PDF-` then padding: a PDF to the file store, whatever the size. */
const pdf = (size: number) => ({ name: 'scan.pdf', bytes: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(size - 9, 0x20)]) });

/** A UTF-8 sheet with a header and one row, its last cell padded to the size. */
function csv(size: number) {
  const head = Buffer.from('الاسم,المدينة\nفاطمة,');
  return { name: 'families.csv', bytes: Buffer.concat([head, Buffer.alloc(size - head.length, 0x61)]) };
}

/** A reception draft of the seeded tools-aid type (its checklist has the `quotation` document). */
async function staffDraft() {
  return buildRequest(t, { by: reception, typeCode: 'tools-aid', answers: {}, isDraft: true });
}

/** A complaint registered by reception, acknowledged, assessed, assigned to `member` and under investigation. */
async function investigatingComplaint(): Promise<string> {
  const { id } = await buildComplaint(t, { by: reception, mobile: '0559876543' });
  const steps: Array<[StaffFixture, Record<string, unknown>]> = [
    [reception, { action: 'acknowledge', via: 'sms' }],
    [member, { action: 'assess', severity: 'low', needsImmediateAction: false }],
    [chair, { action: 'assign', assigneeId: member.id }],
    [member, { action: 'investigate' }],
  ];
  for (const [who, body] of steps) {
    const moved = await (await sessionFor(t, who)).request('POST', `/api/v1/complaints/${id}/steps`, body);
    if (moved.statusCode !== 200) throw new Error(`${String(body.action)}: ${moved.statusCode} ${moved.body}`);
  }
  return id;
}

const COMPENSATION = '/api/v1/compensation-cases';

/** Issue 23: a compensation case management opens for a new family (by letter). */
async function openedCase(): Promise<string> {
  const family = await buildFamily(t, { by: reception });
  const opened = await (await sessionFor(t, manager)).request('POST', COMPENSATION, {
    familyId: family.id,
    origin: 'letter',
    claim: 'تلفت بضاعة الأسرة في معرض الجمعية بسبب سوء التخزين.',
  });
  if (opened.statusCode !== 201) throw new Error(`case: ${opened.statusCode} ${opened.body}`);
  return opened.json().id;
}

/** A case established by a final ruling, the amount offered, accepted, attested and settled: payments may follow. */
async function settledCase(): Promise<string> {
  const id = await openedCase();
  const agent = await sessionFor(t, manager);
  const fields = { authority: 'المحكمة العامة بالدمام', rulingNumber: '4471/1447', rulingDay: '2026-03-01', isFinal: 'true' };
  const ruled = await send(
    { url: `${COMPENSATION}/${id}/rulings`, inject: await staff(manager), fields },
    form({ ...fields, amountHalalas: '500000' }, pdf(4096)),
  );
  if (ruled.statusCode !== 201) throw new Error(`ruling: ${ruled.statusCode} ${ruled.body}`);
  const round = await agent.request('POST', `${COMPENSATION}/${id}/rounds`, { offerAmountHalalas: 500_000 });
  if (round.statusCode !== 201) throw new Error(`round: ${round.statusCode} ${round.body}`);
  const roundId = round.json().rounds.at(-1).id;
  await agent.request('POST', `${COMPENSATION}/${id}/rounds/${roundId}/answer`, { answer: 'accepted' });
  const terms = await agent.request('PUT', `${COMPENSATION}/${id}/settlement`, { amountHalalas: 500_000, schedule: 'دفعة واحدة' });
  if (terms.statusCode !== 200) throw new Error(`terms: ${terms.statusCode} ${terms.body}`);
  const attested = await (await sessionFor(t, reception)).request('POST', `/api/v1/attestations/compensation-settlement/${id}/signature`, {
    dataSha256: terms.json().settlement.dataSha256,
    signaturePng: SIGNATURE_PNG,
  });
  if (attested.statusCode !== 201) throw new Error(`attestation: ${attested.statusCode} ${attested.body}`);
  const settled = await agent.request('POST', `${COMPENSATION}/${id}/settle`);
  if (settled.statusCode !== 200) throw new Error(`settle: ${settled.statusCode} ${settled.body}`);
  return id;
}

/** A test-only attestation subject kind (issue 22): one agreement per family, always attestable. */
const uploadKind = {
  isRegistered: false,
  families: new Map<string, string>(),
  attestedData: async (_db: unknown, _ctx: unknown, id: string) => {
    const familyId = uploadKind.families.get(id);
    if (!familyId) return null;
    const canonical = canonicalSubjectData('upload-test', { familyId });
    return { familyId, reference: 'AGR-1', titleAr: 'اتفاقية', titleEn: 'Agreement', canonical, isAttestable: true, lines: [] };
  },
};

const ROUTES: UploadRoute[] = [
  {
    path: '/api/v1/requests/{id}/documents',
    limitBytes: 5 * MB,
    file: pdf,
    prepare: async () => ({
      url: `/api/v1/requests/${(await staffDraft()).id}/documents`,
      inject: await staff(reception),
      fields: { itemKey: 'quotation' },
    }),
  },
  {
    path: '/api/v1/requests/{id}/attestations',
    limitBytes: 5 * MB,
    file: pdf,
    prepare: async () => {
      const draft = await staffDraft();
      return { url: `/api/v1/requests/${draft.id}/attestations`, inject: await staff(reception), fields: { formCode: draft.dataSha256 } };
    },
  },
  {
    // Issue 22: a subject of any kind; a test-only kind registered here, as an area does in app.ts.
    path: '/api/v1/attestations/{kind}/{id}/paper',
    limitBytes: 5 * MB,
    file: pdf,
    prepare: async () => {
      const familyId = (await buildFamily(t, { by: reception })).id;
      const canonical = canonicalSubjectData('upload-test', { familyId });
      if (!uploadKind.isRegistered) t.ctx.hooks.provide(attestationSubjects, 'upload-test', uploadKind);
      uploadKind.isRegistered = true;
      const id = crypto.randomUUID();
      uploadKind.families.set(id, familyId);
      return {
        url: `/api/v1/attestations/upload-test/${id}/paper`,
        inject: await staff(reception),
        fields: { formCode: sha256Hex(canonical) },
      };
    },
  },
  {
    path: '/api/v1/portal/requests/{id}/documents',
    limitBytes: 5 * MB,
    file: pdf,
    prepare: async () => {
      addressSerial += 1;
      const family = await buildFamily(t, { by: reception });
      const agent = await signInFamily(t, family, `198.51.100.${addressSerial}`);
      const draft = await agent.request('POST', '/api/v1/portal/requests', {
        idempotencyKey: `upload-limits-${addressSerial}`,
        typeCode: 'tools-aid',
        answers: {},
      });
      if (draft.statusCode !== 201) throw new Error(`portal draft: ${draft.statusCode} ${draft.body}`);
      return {
        url: `/api/v1/portal/requests/${draft.json().id}/documents`,
        inject: { cookies: { [PORTAL_COOKIE]: agent.token }, headers: { [CSRF_HEADER]: agent.csrf } },
        fields: { itemKey: 'quotation' },
      };
    },
  },
  {
    // The complaints settings' limit (5 MB by default); each send from a new address (per-address limits).
    path: '/api/v1/public/uploads',
    limitBytes: 5 * MB,
    file: pdf,
    prepare: async () => ({ url: '/api/v1/public/uploads', inject: {}, fields: {} }),
  },
  {
    path: '/api/v1/complaints/intake',
    limitBytes: 5 * MB,
    file: pdf,
    isFileOptional: true,
    prepare: async () => ({
      url: '/api/v1/complaints/intake',
      inject: await staff(reception),
      fields: {
        data: JSON.stringify({
          kind: 'complaint',
          channel: 'fax',
          name: 'فاطمة الزهراني',
          mobile: '0559876543',
          topic: 'aid-disbursement',
          description: 'وصلتنا رسالة بالفاكس تفيد بتأخر صرف الدعم المالي للأسرة ثلاثة أشهر.',
        }),
      },
    }),
  },
  {
    path: '/api/v1/complaints/{id}/evidence',
    limitBytes: 5 * MB,
    file: pdf,
    prepare: async () => ({
      url: `/api/v1/complaints/${await investigatingComplaint()}/evidence`,
      inject: await staff(member),
      fields: { note: 'إيصال الصرف' },
    }),
  },
  {
    path: '/api/v1/compensation-cases/{id}/claim-scan',
    limitBytes: 5 * MB,
    file: pdf,
    acceptedStatus: 200,
    prepare: async () => ({ url: `${COMPENSATION}/${await openedCase()}/claim-scan`, inject: await staff(manager), fields: {} }),
  },
  {
    // D3: a ruling marked not final is recorded (with its scan) and establishes nothing.
    path: '/api/v1/compensation-cases/{id}/rulings',
    limitBytes: 5 * MB,
    file: pdf,
    prepare: async () => ({
      url: `${COMPENSATION}/${await openedCase()}/rulings`,
      inject: await staff(manager),
      fields: { authority: 'المحكمة العامة بالدمام', rulingNumber: '4471/1447', rulingDay: '2026-03-01', isFinal: 'false' },
    }),
  },
  {
    // Issue 23 §4: a payment with the receipt's scan (the scan is optional).
    path: '/api/v1/compensation-cases/{id}/payments',
    limitBytes: 5 * MB,
    file: pdf,
    isFileOptional: true,
    prepare: async () => ({
      url: `${COMPENSATION}/${await settledCase()}/payments`,
      inject: await staff(manager),
      fields: { amountHalalas: '100000', method: 'bank-transfer', paidDay: '2026-03-12', reference: 'TRX-1' },
    }),
  },
  {
    // Issue 26 §1: a draft version's PDF (documents up to 10 MB); a new document and draft each time.
    path: '/api/v1/documents/{id}/versions/{versionId}/files/{language}',
    limitBytes: 10 * MB,
    file: pdf,
    prepare: async () => {
      const agent = await sessionFor(t, editor);
      documentSerial += 1;
      const created = await agent.request('POST', '/api/v1/documents', {
        kind: 'guide',
        slug: `upload-limits-${documentSerial}`,
        titleAr: 'دليل',
        titleEn: 'Guide',
      });
      const drafted = await agent.request('POST', `/api/v1/documents/${created.json().id}/versions`, {});
      if (drafted.statusCode !== 201) throw new Error(`document draft: ${drafted.statusCode} ${drafted.body}`);
      const versionId = drafted.json().versions[0].id;
      return { url: `/api/v1/documents/${created.json().id}/versions/${versionId}/files/ar`, inject: await staff(editor), fields: {} };
    },
  },
  {
    path: '/api/v1/families/imports',
    limitBytes: 5 * MB,
    file: csv,
    prepare: async () => ({ url: '/api/v1/families/imports', inject: await staff(importer), fields: {} }),
  },
];

function form(fields: Record<string, string>, file?: { name: string; bytes: Buffer; field?: string }): Buffer {
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return Buffer.concat([
    Buffer.from(parts.join('')),
    ...(file
      ? [
          Buffer.from(
            `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
          ),
          file.bytes,
          Buffer.from('\r\n'),
        ]
      : []),
    Buffer.from(`--${BOUNDARY}--\r\n`),
  ]);
}

function send(
  target: Target,
  payload: Buffer | Readable,
  contentType = `multipart/form-data; boundary=${BOUNDARY}`,
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'POST',
    url: target.url,
    ...target.inject,
    remoteAddress: target.inject.remoteAddress ?? newAddress(),
    headers: { ...target.inject.headers, 'content-type': contentType },
    payload,
  });
}

/** Everything an upload can leave behind: stored files, import previews, complaints. */
async function storedCount(): Promise<number> {
  const count = async (table: 'files' | 'family_imports' | 'complaints') =>
    Number(
      (
        await t.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return (await count('files')) + (await count('family_imports')) + (await count('complaints'));
}

function expectProblem(response: LightMyRequestResponse, status: number | '4xx', code?: string) {
  if (status === '4xx') {
    expect(response.statusCode, response.body).toBeGreaterThanOrEqual(400);
    expect(response.statusCode, response.body).toBeLessThan(500);
  } else expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toContain(PROBLEM_JSON);
  const body = response.json();
  expect(typeof body.code).toBe('string');
  if (code) expect(body.code).toBe(code);
  return body;
}

/** The app's routes whose schema declares a multipart body, as `POST /api/v1/…/{id}/…`. */
function multipartRoutes(): string[] {
  return t.app.silaRoutes
    .filter((route) => route.consumes?.includes('multipart/form-data'))
    .map((route) => `${route.method} ${route.url.replace(/:(\w+)/g, '{$1}')}`);
}

/** The server's source files (the browser's, under src/web, send files rather than read them). */
function serverSources(dir = path.resolve('src')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return full === path.resolve('src', 'web') ? [] : serverSources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

beforeAll(async () => {
  t = await createTestApp();
  reception = await buildStaff(t, { roles: ['reception'] });
  chair = await buildStaff(t, { roles: ['follow-up-committee'] });
  member = await buildStaff(t, { roles: ['follow-up-committee'] });
  importer = await buildStaff(t, { roles: ['reception'] });
  manager = await buildStaff(t, { roles: ['management'] });
  editor = await buildStaff(t, { roles: ['documents-editor'] });
  const admin = await buildStaff(t, { roles: ['administrator'], withTotp: false });
  const committee = await (await sessionFor(t, admin)).request('PATCH', `/api/v1/committees/${SEEDED_COMMITTEES.followUp}`, {
    memberIds: [chair.id, member.id],
    chairId: chair.id,
    quorum: 2,
  });
  if (committee.statusCode !== 200) throw new Error(`committee: ${committee.statusCode} ${committee.body}`);
  setSmsGateway(t, true);
});
afterAll(async () => {
  await t.close();
});

describe(`upload limits and malformed multipart (issue 21 §2, §3) [${ENGINE}]`, () => {
  it('the table lists every multipart route of the app, and every upload is read through the one reader', () => {
    expect(multipartRoutes().sort()).toEqual(ROUTES.map((route) => `POST ${route.path}`).sort());
    // The reader (src/platform/files/uploads.ts) is the only code that reads a multipart body.
    const reader = path.resolve('src', 'platform', 'files', 'uploads.ts');
    const readsMultipart = (file: string) =>
      /\b(request|req)\.(parts|file|files|saveRequestFiles)\(|\.toBuffer\(\)/.test(
        readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''),
      );
    expect(serverSources().filter((file) => file !== reader && readsMultipart(file))).toEqual([]);
    expect(readsMultipart(reader)).toBe(true);
  });

  for (const route of ROUTES) {
    it(`POST ${route.path}: ${route.limitBytes - 1} and ${route.limitBytes} bytes stored, ${route.limitBytes + 1} answers 413 naming the limit`, async () => {
      for (const size of [route.limitBytes - 1, route.limitBytes]) {
        const target = await route.prepare();
        const before = await storedCount();
        const accepted = await send(target, form(target.fields, route.file(size)));
        expect(accepted.statusCode, accepted.body.slice(0, 500)).toBe(route.acceptedStatus ?? 201);
        expect(await storedCount()).toBeGreaterThan(before);
      }
      const target = await route.prepare();
      const before = await storedCount();
      const over = form(target.fields, route.file(route.limitBytes + 1));
      // Sent whole, and in two chunks split exactly at the limit: the way the plugin's toBuffer()
      // once stored the first 5,242,880 bytes with 201 (the cut came after its last chunk).
      const fileStart = over.length - (route.limitBytes + 1) - `\r\n--${BOUNDARY}--\r\n`.length;
      const atLimit = fileStart + route.limitBytes;
      for (const payload of [over, Readable.from([over.subarray(0, atLimit), over.subarray(atLimit)])]) {
        const problem = expectProblem(await send(target, payload), 413, 'file.too-large');
        expect(problem.limitBytes).toBe(route.limitBytes);
        expect(problem.detail).toContain(String(route.limitBytes));
      }
      expect(await storedCount()).toBe(before);
    });

    it(`POST ${route.path}: a malformed multipart body answers 4xx problem+json and stores nothing`, async () => {
      const target = await route.prepare();
      const whole = form(target.fields, route.file(4096));
      const cases: Array<[string, Buffer, string?]> = [
        ['multipart without a boundary', whole, 'multipart/form-data'],
        ['a boundary that the body never uses', Buffer.from('this is not a multipart body at all\r\n')],
        ['a body cut short inside the file', whole.subarray(0, whole.length - 2048)],
        ['a body cut before its closing boundary', whole.subarray(0, whole.length - `--${BOUNDARY}--\r\n`.length)],
        [
          'a part header without its blank line',
          Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n%PDF-1.4`),
        ],
        ['an empty body', Buffer.alloc(0)],
        ['the file in another field', form(target.fields, { ...route.file(4096), field: 'attachment' })],
        ...(route.isFileOptional ? [] : ([['no file part', form(target.fields)]] as Array<[string, Buffer]>)),
      ];
      const before = await storedCount();
      for (const [name, payload, contentType] of cases) {
        const response = await send(target, payload, contentType);
        expect(response.statusCode, `${name}: ${response.body}`).toBeLessThan(500);
        expectProblem(response, '4xx');
      }
      expect(await storedCount()).toBe(before);
    });
  }
});
