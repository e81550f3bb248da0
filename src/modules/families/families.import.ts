import { createFamilyBody, IMPORT_FIELDS, type ImportField, type ImportStatus, type StartImportBody } from '../../contracts/families.js';
import type { TaxonomyItem } from '../../contracts/settings.js';
import { normaliseArabic } from '../../domain/arabic-text.js';
import type { AppContext } from '../../platform/context.js';
import type { FamilyImportTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { fieldErrorsFromZodIssues } from '../../platform/http/problem.js';
import { uuidv7 } from '../../platform/ids.js';
import { readSheet, type Sheet } from '../../platform/spreadsheet.js';
import { recordAudit } from '../audit/index.js';
import { listTaxonomy } from '../settings/index.js';
import { assertRegistrationNotice } from './families.consent.js';
import { assertFamilyWritable } from './families.policy.js';
import { registerFamily } from './families.register.js';
import { importAad } from './families.sealing.js';

/**
 * Bringing existing families in from a sheet (issue 3 §6): upload → map columns → import in the
 * background, each row in its own transaction (a bad row is listed with its number and stores
 * nothing; good rows are imported), with progress the screen polls.
 */
const HEADER_HINTS: Record<ImportField, string[]> = {
  headNameAr: ['الاسم', 'اسم رب الاسره', 'اسم رب الأسرة', 'اسم المستفيد', 'الاسم بالعربي', 'name', 'name ar', 'arabic name'],
  headNameEn: ['الاسم بالانجليزي', 'name en', 'english name'],
  nationalId: ['رقم الهويه', 'رقم الهوية', 'الهويه', 'السجل المدني', 'الاقامه', 'national id', 'id number', 'iqama'],
  mobile: ['الجوال', 'رقم الجوال', 'الهاتف الجوال', 'mobile', 'phone', 'mobile number'],
  otherPhone: ['هاتف اخر', 'هاتف آخر', 'other phone'],
  email: ['البريد', 'البريد الالكتروني', 'email', 'e-mail'],
  city: ['المدينه', 'المدينة', 'city'],
  address: ['العنوان', 'الحي', 'address'],
  office: ['المكتب', 'الفرع', 'office', 'branch'],
  category: ['الفئه', 'الفئة', 'category'],
  domains: ['المجال', 'المجالات', 'domain', 'domains'],
  agreedChannel: ['قناه التواصل', 'قناة التواصل', 'contact channel'],
  originChannel: ['قناه التسجيل', 'مصدر التسجيل', 'origin channel'],
  notes: ['ملاحظات', 'notes'],
};

export function suggestMapping(columns: string[]): Partial<Record<ImportField, string>> {
  const mapping: Partial<Record<ImportField, string>> = {};
  for (const field of IMPORT_FIELDS) {
    const hints = HEADER_HINTS[field].map(normaliseArabic);
    const column = columns.find((c) => hints.includes(normaliseArabic(c)));
    if (column) mapping[field] = column;
  }
  return mapping;
}

const sealRows = (ctx: AppContext, id: string, rows: Sheet['rows']) => ctx.keys.encryptor.encrypt(JSON.stringify(rows), importAad(id));
const openRows = (ctx: AppContext, row: FamilyImportTable): Sheet['rows'] =>
  JSON.parse(ctx.keys.encryptor.decrypt(row.rows, importAad(row.id)));

export async function uploadImport(ctx: AppContext, principal: StaffPrincipal, { fileName, bytes }: { fileName: string; bytes: Buffer }) {
  const sheet = await readSheet(bytes);
  const now = ctx.clock.now();
  const id = uuidv7(now.getTime());
  const cleanName = fileName.replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(0, 120) || 'sheet';
  await ctx.db
    .insertInto('family_imports')
    .values({
      id,
      created_by: principal.userId,
      created_at: now.toISOString(),
      status: 'mapping',
      file_name: cleanName,
      rows: sealRows(ctx, id, sheet.rows),
      columns: JSON.stringify(sheet.columns),
      mapping: null,
      total: sheet.rows.length,
      processed: 0,
      imported: 0,
      errors: null,
      finished_at: null,
    })
    .execute();
  const sample = sheet.rows.slice(0, 5).map((row) => row.map((cell) => (typeof cell === 'string' ? cell : '=…')));
  return {
    id,
    fileName: cleanName,
    columns: sheet.columns,
    sample,
    total: sheet.rows.length,
    suggestedMapping: suggestMapping(sheet.columns),
  };
}

async function findOwnImport(ctx: AppContext, principal: StaffPrincipal, id: string): Promise<FamilyImportTable> {
  const row = await ctx.db
    .selectFrom('family_imports')
    .selectAll()
    .where('id', '=', id)
    .where('created_by', '=', principal.userId)
    .executeTakeFirst();
  if (!row) throw AppError.notFound('import.not-found', 'No such import');
  return row;
}

export function presentImport(row: FamilyImportTable): ImportStatus {
  return {
    id: row.id,
    status: row.status as ImportStatus['status'],
    total: row.total,
    processed: row.processed,
    imported: row.imported,
    errors: row.errors ? JSON.parse(row.errors) : [],
    finishedAt: row.finished_at,
  };
}

export async function getImport(ctx: AppContext, principal: StaffPrincipal, id: string): Promise<ImportStatus> {
  return presentImport(await findOwnImport(ctx, principal, id));
}

/** Codes, Arabic names and English names all map to a settings code. */
function codeResolver(items: TaxonomyItem[]) {
  const byKey = new Map<string, string>();
  for (const item of items) {
    if (!item.isActive) continue;
    for (const key of [item.code, item.nameAr, item.nameEn]) byKey.set(normaliseArabic(key), item.code);
  }
  return (value: string) => byKey.get(normaliseArabic(value)) ?? value;
}

const PROGRESS_EVERY = 25;

export async function startImport(ctx: AppContext, principal: StaffPrincipal, id: string, body: StartImportBody): Promise<ImportStatus> {
  const row = await findOwnImport(ctx, principal, id);
  // F2, issue 21 §1: defaults outside the writer's scope are refused at once; each row is checked as it is registered.
  assertFamilyWritable(principal, body.defaults, {
    office: '/defaults/office',
    category: '/defaults/category',
    domains: '/defaults/domains',
  });
  if (row.status !== 'mapping') throw AppError.conflict('import.already-started', 'This import has already started');
  await assertRegistrationNotice(ctx.db, body.privacyNoticeVersion, '/privacyNoticeVersion'); // F2, issue 20 §4
  const columns: string[] = JSON.parse(row.columns);
  const unknown = Object.entries(body.mapping).filter(([, column]) => column && !columns.includes(column));
  if (unknown.length) {
    throw AppError.badRequest(
      'request.invalid',
      'Some mapped columns are not in the sheet',
      unknown.map(([field]) => ({ pointer: `/mapping/${field}`, code: 'import.unknown-column', detail: 'Not a column of this sheet' })),
    );
  }
  const started = await ctx.db
    .updateTable('family_imports')
    .set({ status: 'running', mapping: JSON.stringify(body) })
    .where('id', '=', id)
    .where('status', '=', 'mapping')
    .executeTakeFirst();
  if (Number(started.numUpdatedRows) !== 1) throw AppError.conflict('import.already-started', 'This import has already started');
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: { kind: 'staff', id: principal.userId },
    action: 'family.import-start',
    entity: 'family_import',
    entityId: id,
    details: { total: row.total },
  });
  // The rows are imported after this answer; the screen polls the status.
  setImmediate(() => {
    void runImport(ctx, principal, { ...row, status: 'running' }, body).catch(async () => {
      await ctx.db
        .updateTable('family_imports')
        .set({ status: 'failed', finished_at: ctx.clock.now().toISOString() })
        .where('id', '=', id)
        .execute();
    });
  });
  return presentImport({ ...row, status: 'running' });
}

export async function runImport(ctx: AppContext, principal: StaffPrincipal, row: FamilyImportTable, body: StartImportBody): Promise<void> {
  const columns: string[] = JSON.parse(row.columns);
  const rows = openRows(ctx, row);
  const [offices, categories, domains] = await Promise.all([
    listTaxonomy(ctx.db, 'offices'),
    listTaxonomy(ctx.db, 'categories'),
    listTaxonomy(ctx.db, 'domains'),
  ]);
  const resolve = { office: codeResolver(offices), category: codeResolver(categories), domain: codeResolver(domains) };
  const errors: Array<{ row: number; pointer: string; code: string }> = [];
  let imported = 0;
  const save = (processed: number, done = false) =>
    ctx.db
      .updateTable('family_imports')
      .set({
        processed,
        imported,
        errors: JSON.stringify(errors.slice(0, 5000)),
        ...(done ? { status: 'done', finished_at: ctx.clock.now().toISOString() } : {}),
      })
      .where('id', '=', row.id)
      .execute();

  for (let i = 0; i < rows.length; i++) {
    const cells = rows[i] ?? [];
    const sheetRow = i + 2; // people count the header as row 1
    const cell = (field: ImportField): string | { formula: true } | undefined => {
      const column = body.mapping[field];
      return column ? cells[columns.indexOf(column)] : undefined;
    };
    const formulaField = IMPORT_FIELDS.find((f) => typeof cell(f) === 'object');
    if (formulaField) {
      errors.push({ row: sheetRow, pointer: `/${formulaField}`, code: 'import.formula' });
    } else {
      const text = (field: ImportField) => {
        const value = cell(field) as string | undefined;
        return value?.trim() ? value.trim() : undefined;
      };
      const domainCell = text('domains');
      const candidate = {
        headNameAr: text('headNameAr'),
        headNameEn: text('headNameEn'),
        nationalId: text('nationalId'),
        mobile: text('mobile'),
        otherPhone: text('otherPhone'),
        email: text('email'),
        city: text('city') ?? body.defaults.city,
        address: text('address'),
        office: resolve.office(text('office') ?? body.defaults.office ?? ''),
        category: resolve.category(text('category') ?? body.defaults.category ?? ''),
        domains: domainCell
          ? domainCell
              .split(/[,،;]/)
              .map((d) => resolve.domain(d.trim()))
              .filter(Boolean)
          : body.defaults.domains,
        agreedChannel: text('agreedChannel') ?? body.defaults.agreedChannel,
        originChannel: text('originChannel') ?? body.defaults.originChannel,
        notes: text('notes'),
        members: [],
        consent: { isGiven: true, privacyNoticeVersion: body.privacyNoticeVersion },
      };
      const parsed = createFamilyBody.safeParse(JSON.parse(JSON.stringify(candidate)));
      if (!parsed.success) {
        for (const { pointer, code } of fieldErrorsFromZodIssues(parsed.error.issues)) errors.push({ row: sheetRow, pointer, code });
      } else {
        try {
          await registerFamily(ctx, principal, parsed.data, { via: 'import' });
          imported += 1;
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          const first = error.errors[0];
          errors.push({ row: sheetRow, pointer: first?.pointer ?? '/', code: first?.code ?? error.code });
        }
      }
    }
    if ((i + 1) % PROGRESS_EVERY === 0) await save(i + 1);
  }
  await save(rows.length, true);
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: { kind: 'staff', id: principal.userId },
    action: 'family.import-finish',
    entity: 'family_import',
    entityId: row.id,
    details: { imported, failed: errors.length },
  });
}
