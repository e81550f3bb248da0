import type { Family, FamilyFilters, FamilyListQuery } from '../../contracts/families.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { entityTrail, recordAudit } from '../audit/index.js';
import { staffNames } from '../staff/index.js';
import { auditedFilters } from './families.audit-query.js';
import { erasedFamilies } from './families.erased.js';
import { actorOf, familyVisibility } from './families.policy.js';
import { loadPresented, presentSummary } from './families.present.js';
import * as repo from './families.repo.js';

/** Staff's reads of the registry (issue 3 §3, §5): a family, the list, its count, the exact lookup and the access log, each audited. */

export async function getFamily(ctx: AppContext, principal: StaffPrincipal, id: string): Promise<Family> {
  const row = await repo.findVisibleFamily(ctx.db, familyVisibility(principal), id);
  if (!row) throw AppError.notFound('family.not-found', 'No such family');
  await recordAudit(ctx.db, { at: ctx.clock.now(), actor: actorOf(principal), action: 'family.view', entity: 'family', entityId: id });
  return loadPresented(ctx, principal, row);
}

/** Scope-limited list; one audit row holding the query (its search as keyed hashes) and the ids returned. */
export async function listFamilies(ctx: AppContext, principal: StaffPrincipal, query: FamilyListQuery) {
  if (query.q && !repo.isReference(query.q) && /\d{7,}/.test(query.q.replace(/[\s-]/g, ''))) {
    throw AppError.badRequest('request.invalid', 'Search ID numbers and mobiles with the lookup (POST), never in a URL', [
      { pointer: '/q', code: 'search.use-lookup', detail: 'Use the ID or mobile lookup' },
    ]);
  }
  const after = query.cursor ? repo.decodeCursor(query.cursor) : null;
  if (query.cursor && !after)
    throw AppError.badRequest('request.invalid', 'Bad cursor', [{ pointer: '/cursor', code: 'field.invalid', detail: 'Bad cursor' }]);
  const { rows, next } = await repo.listFamilyRows(ctx.db, ctx.engine, familyVisibility(principal), query, after);
  const domains = await repo.domainsOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  // Issue 25 §5: an erased family's row offers no write abilities either (one read per page).
  const erased = await erasedFamilies(
    ctx,
    rows.map((r) => r.id),
  );
  const { cursor: _cursor, ...filters } = query;
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: actorOf(principal),
    action: 'family.list',
    entity: 'family',
    details: { query: auditedFilters(ctx, filters), ids: rows.map((r) => r.id) },
  });
  return {
    items: rows.map((row) => presentSummary(ctx, principal, row, domains.get(row.id) ?? [], erased.has(row.id))),
    nextCursor: next ? repo.encodeCursor(next) : null,
  };
}

/**
 * Counts stop here and the list says "more than 1,000" (issue 3 §5): a scope's count at a million
 * families read 10,000 rows in 88 ms; a reception desk needs a page and whether there is more.
 */
export const FAMILY_COUNT_CAP = 1_000;

export async function countFamilies(ctx: AppContext, principal: StaffPrincipal, filters: FamilyFilters) {
  const { count, isCapped } = await repo.countFamilyRows(ctx.db, ctx.engine, familyVisibility(principal), filters, FAMILY_COUNT_CAP);
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: actorOf(principal),
    action: 'family.count',
    entity: 'family',
    details: { query: auditedFilters(ctx, filters), count, isCapped },
  });
  return { count, isCapped };
}

/** Exact lookup by ID number (head or member) or mobile; the query is audited as keyed hashes. */
export async function lookupFamilies(ctx: AppContext, principal: StaffPrincipal, body: { nationalId: string } | { mobile: string }) {
  const visibility = familyVisibility(principal);
  let ids: string[];
  let auditedQuery: Record<string, string>;
  if ('nationalId' in body) {
    const candidates = ctx.keys.indexer.candidates(body.nationalId);
    const hit = await repo.findIdentity(ctx.db, candidates);
    ids = hit ? [hit.family_id] : [];
    auditedQuery = { nationalId: ctx.keys.indexer.index(body.nationalId) };
  } else {
    const rows = await ctx.db
      .selectFrom('families')
      .select('id')
      .where('mobile_index', 'in', ctx.keys.indexer.candidates(body.mobile))
      .limit(50)
      .execute();
    ids = rows.map((r) => r.id);
    auditedQuery = { mobile: ctx.keys.indexer.index(body.mobile) };
  }
  const rows = ids.length
    ? await repo.visibleFamilies(ctx.db, visibility).selectAll('families').where('families.id', 'in', ids).execute()
    : [];
  const domains = await repo.domainsOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  // Issue 25 §5: an erased family's row offers no write abilities either (one read per page).
  const erased = await erasedFamilies(
    ctx,
    rows.map((r) => r.id),
  );
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: actorOf(principal),
    action: 'family.lookup',
    entity: 'family',
    details: { query: auditedQuery, ids: rows.map((r) => r.id) },
  });
  return { items: rows.map((row) => presentSummary(ctx, principal, row, domains.get(row.id) ?? [], erased.has(row.id))), nextCursor: null };
}

/** Who opened or changed a family's file, newest first (administrators; issue 3 §3). */
export async function familyAccessLog(ctx: AppContext, principal: StaffPrincipal, id: string) {
  const row = await repo.findVisibleFamily(ctx.db, familyVisibility(principal), id);
  if (!row) throw AppError.notFound('family.not-found', 'No such family');
  const entries = await entityTrail(ctx.db, { entity: 'family', entityId: id, limit: 500 });
  const names = await staffNames(
    ctx.db,
    entries.map((e) => e.actor_id),
  );
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: actorOf(principal),
    action: 'family.access-log',
    entity: 'family',
    entityId: id,
  });
  return entries.map((e) => ({
    at: e.at,
    action: e.action,
    actorId: e.actor_id,
    actorName: e.actor_id ? (names.get(e.actor_id) ?? null) : null,
    fields: e.fields ? (JSON.parse(e.fields) as string[]) : [],
  }));
}
