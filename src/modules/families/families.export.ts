import type { FamilyFilters } from '../../contracts/families.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { writeCsv, writeXlsx } from '../../platform/spreadsheet.js';
import { recordAudit } from '../audit/index.js';
import { listTaxonomy } from '../settings/index.js';
import { auditedFilters } from './families.audit-query.js';
import { familyVisibility } from './families.policy.js';
import { presentSummary } from './families.present.js';
import * as repo from './families.repo.js';

/** Exports the current list within the caller's scope, masked as on screen (issue 3 §6). */
export const MAX_EXPORT_ROWS = 50_000;
const BATCH = 1000;

export const HEADERS = {
  ar: [
    'الرقم المرجعي',
    'الاسم',
    'الاسم بالإنجليزية',
    'رقم الهوية',
    'الجوال',
    'المدينة',
    'المكتب',
    'الفئة',
    'المجالات',
    'قناة التسجيل',
    'تاريخ التسجيل',
  ],
  en: [
    'Reference',
    'Name',
    'English name',
    'ID number',
    'Mobile',
    'City',
    'Office',
    'Category',
    'Domains',
    'Origin channel',
    'Registered at',
  ],
};

export async function exportFamilies(
  ctx: AppContext,
  principal: StaffPrincipal,
  { format, ...filters }: FamilyFilters & { format: 'xlsx' | 'csv' },
): Promise<{ fileName: string; contentType: string; bytes: Buffer }> {
  const visibility = familyVisibility(principal);
  const { isCapped } = await repo.countFamilyRows(ctx.db, ctx.engine, visibility, filters, MAX_EXPORT_ROWS);
  if (isCapped) throw AppError.unprocessable('export.too-many-rows', `Narrow the list to at most ${MAX_EXPORT_ROWS} families to export it`);
  const language = principal.language;
  const names = new Map<string, string>();
  for (const kind of ['offices', 'categories', 'domains'] as const) {
    for (const item of await listTaxonomy(ctx.db, kind)) names.set(`${kind}:${item.code}`, language === 'ar' ? item.nameAr : item.nameEn);
  }
  const rows: string[][] = [];
  const ids: string[] = [];
  let after: [string, string] | null = null;
  for (;;) {
    const page: Awaited<ReturnType<typeof repo.listFamilyRows>> = await repo.listFamilyRows(
      ctx.db,
      ctx.engine,
      visibility,
      { ...filters, sort: 'reference', order: 'asc', limit: BATCH },
      after,
    );
    const domains = await repo.domainsOf(
      ctx.db,
      page.rows.map((r) => r.id),
    );
    for (const row of page.rows) {
      const f = presentSummary(ctx, principal, row, domains.get(row.id) ?? []);
      ids.push(f.id);
      rows.push([
        f.reference,
        f.headNameAr,
        f.headNameEn ?? '',
        f.nationalId,
        f.mobile ?? '',
        f.city,
        names.get(`offices:${f.office}`) ?? f.office,
        names.get(`categories:${f.category}`) ?? f.category,
        f.domains.map((d) => names.get(`domains:${d}`) ?? d).join('، '),
        f.originChannel,
        f.createdAt.slice(0, 10),
      ]);
    }
    if (!page.next) break;
    after = page.next;
  }
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: { kind: 'staff', id: principal.userId },
    action: 'family.export',
    entity: 'family',
    details: { query: { ...auditedFilters(ctx, filters), format }, ids },
  });
  const stamp = ctx.clock.now().toISOString().slice(0, 10);
  if (format === 'csv')
    return { fileName: `families-${stamp}.csv`, contentType: 'text/csv; charset=utf-8', bytes: writeCsv(HEADERS[language], rows) };
  return {
    fileName: `families-${stamp}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    bytes: await writeXlsx(HEADERS[language], rows),
  };
}
