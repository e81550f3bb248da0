import { sql } from 'kysely';
import type { RequestCounts, RequestList, RequestListQuery } from '../../contracts/requests.js';
import { isUnrestricted } from '../../domain/scope.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { recordAudit } from '../audit/index.js';
import { visibilityOf } from './requests.access.js';
import type { RequestVisibility } from './requests.policy.js';
import { draftFlags, summaryOf } from './requests.present.js';
import {
  decodeCursor,
  encodeCursor,
  pageOf,
  type RequestQuery,
  readCommitteeCounters,
  readCounters,
  visibleRequests,
} from './requests.repo.js';
import { whereDecisionUntold } from './requests.untold.js';

/**
 * Worklists (issue 5 §10), each one index range in (…, deadline_day, id) order, keyset-paged:
 * - reception: drafts (to complete, to attest);
 * - committee: complete requests awaiting study (per committee);
 * - under-study, information-requested: requests on a committee's agendas, studied or waiting for the
 *   family (C5, C6; the clock pauses in the latter, so its deadline is the one it will have on resuming);
 * - due-soon / breached: the SLA state raised by the clock's warning and breach events (C6);
 * - all: everything in scope.
 */
export function listQuery(
  query: RequestQuery,
  list: Pick<RequestListQuery, 'list' | 'committeeId' | 'status' | 'familyId'> & Partial<Pick<RequestListQuery, 'channel'>>,
): RequestQuery {
  let q = query;
  if (list.list === 'reception') q = q.where('requests.status', '=', 'draft');
  if (list.list === 'committee') q = q.where('requests.status', '=', 'complete');
  if (list.list === 'under-study') q = q.where('requests.status', '=', 'under-study');
  if (list.list === 'information-requested') q = q.where('requests.status', '=', 'information-requested');
  if (list.list === 'due-soon') q = q.where('requests.sla_state', '=', 'due-soon');
  if (list.list === 'breached') q = q.where('requests.sla_state', '=', 'breached');
  if (list.committeeId) q = q.where('requests.committee_id', '=', list.committeeId);
  if (list.status) q = q.where('requests.status', '=', list.status);
  if (list.familyId) q = q.where('requests.family_id', '=', list.familyId);
  // A1–A6 (issue 27 §3): the oversight page's channel figures open the list behind them.
  if (list.channel) q = q.where('requests.channel', '=', list.channel);
  return q;
}

export async function listRequests(ctx: AppContext, principal: StaffPrincipal, query: RequestListQuery): Promise<RequestList> {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  if (query.cursor && !after)
    throw AppError.badRequest('request.invalid', 'Bad cursor', [{ pointer: '/cursor', code: 'field.invalid', detail: 'Bad cursor' }]);
  const visibility = await visibilityOf(ctx, principal);
  let listed = listQuery(visibleRequests(ctx.db, visibility), query);
  // C5, C6: decisions the family has not been told of (management's figure links here).
  if (query.message) listed = whereDecisionUntold(listed, query.message, ctx.clock.now());
  const { rows, next } = await pageOf(listed, after, query.limit);
  const flags = await draftFlags(ctx, rows);
  const { cursor: _cursor, ...filters } = query;
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: { kind: 'staff', id: principal.userId },
    action: 'request.list',
    entity: 'request',
    details: { query: filters, ids: rows.map((r) => r.id) },
  });
  return {
    items: rows.map((row) =>
      summaryOf(
        row,
        { nameAr: row.type_name_ar, nameEn: row.type_name_en },
        { reference: row.family_reference, name: row.family_name },
        flags.get(row.id) as { isChecklistSatisfied: boolean; isAttested: boolean },
        principal,
      ),
    ),
    nextCursor: next ? encodeCursor(next) : null,
  };
}

/** Counted row by row past this, a count says "more than": a domain-restricted scope or a committee member. */
export const COUNT_CAP = 10_000;

async function cappedCount(query: RequestQuery): Promise<{ n: number; isCapped: boolean }> {
  const rows = await query
    .select(sql<number>`1`.as('one'))
    .limit(COUNT_CAP + 1)
    .execute();
  return { n: Math.min(rows.length, COUNT_CAP), isCapped: rows.length > COUNT_CAP };
}

function inSet(set: readonly string[], value: string): boolean {
  return set.length === 0 || set.includes(value);
}

/**
 * Worklist counts. Scopes by category and office (and unrestricted ones) are answered exactly from
 * the counters maintained with every change (requests.repo.ts), however many requests there are, and
 * committee members from their committees' counters; volunteers and domain-restricted scopes are
 * counted row by row, capped.
 */
export async function countRequests(ctx: AppContext, principal: StaffPrincipal): Promise<RequestCounts> {
  const visibility: RequestVisibility = await visibilityOf(ctx, principal);
  let counts: Omit<RequestCounts, 'decisionUnsent' | 'decisionFailed'>;
  const { scope } = visibility;
  const isCounterable = !visibility.isNone && !visibility.createdBy && !visibility.committeeIds && scope.domains.length === 0;
  if (visibility.committeeIds && !visibility.isNone) {
    // Committee members: their committees' submitted requests, from the per-committee counters.
    const totals = { cstatus: new Map<string, number>(), csla: new Map<string, number>() };
    for (const { name, value } of await readCommitteeCounters(ctx.db, visibility.committeeIds)) {
      const [, dimension, key] = name.split(':') as [string, 'cstatus' | 'csla', string];
      totals[dimension].set(key, (totals[dimension].get(key) ?? 0) + Number(value));
    }
    const status = (s: string) => totals.cstatus.get(s) ?? 0;
    counts = {
      reception: 0,
      committee: status('complete'),
      underStudy: status('under-study'),
      informationRequested: status('information-requested'),
      dueSoon: totals.csla.get('due-soon') ?? 0,
      breached: totals.csla.get('breached') ?? 0,
      all: [...totals.cstatus.entries()].filter(([s]) => s !== 'draft').reduce((a, [, n]) => a + n, 0),
      isCapped: false,
      cap: COUNT_CAP,
    };
  } else if (isCounterable) {
    const totals = { status: new Map<string, number>(), sla: new Map<string, number>() };
    for (const { name, value } of await readCounters(ctx.db)) {
      const [, dimension, key, category, office] = name.split(':') as [string, 'status' | 'sla', string, string, string];
      if (!isUnrestricted(scope) && !(inSet(scope.categories, category) && inSet(scope.offices, office))) continue;
      const map = totals[dimension];
      if (map) map.set(key, (map.get(key) ?? 0) + Number(value));
    }
    const status = (s: string) => totals.status.get(s) ?? 0;
    counts = {
      reception: status('draft'),
      committee: status('complete'),
      underStudy: status('under-study'),
      informationRequested: status('information-requested'),
      dueSoon: totals.sla.get('due-soon') ?? 0,
      breached: totals.sla.get('breached') ?? 0,
      all: [...totals.status.values()].reduce((a, b) => a + b, 0),
      isCapped: false,
      cap: COUNT_CAP,
    };
  } else {
    const base = () => visibleRequests(ctx.db, visibility);
    const [reception, committee, underStudy, informationRequested, dueSoon, breached, all] = await Promise.all([
      cappedCount(base().where('requests.status', '=', 'draft')),
      cappedCount(base().where('requests.status', '=', 'complete')),
      cappedCount(base().where('requests.status', '=', 'under-study')),
      cappedCount(base().where('requests.status', '=', 'information-requested')),
      cappedCount(base().where('requests.sla_state', '=', 'due-soon')),
      cappedCount(base().where('requests.sla_state', '=', 'breached')),
      cappedCount(base()),
    ]);
    counts = {
      reception: reception.n,
      committee: committee.n,
      underStudy: underStudy.n,
      informationRequested: informationRequested.n,
      dueSoon: dueSoon.n,
      breached: breached.n,
      all: all.n,
      isCapped: [reception, committee, underStudy, informationRequested, dueSoon, breached, all].some((c) => c.isCapped),
      cap: COUNT_CAP,
    };
  }
  // C5, C6: decided requests whose family is not told, counted from the few still decided.
  const now = ctx.clock.now();
  const [unsent, failed] = await Promise.all(
    (['unsent', 'failed'] as const).map((which) => cappedCount(whereDecisionUntold(visibleRequests(ctx.db, visibility), which, now))),
  );
  const all: RequestCounts = {
    ...counts,
    decisionUnsent: unsent?.n ?? 0,
    decisionFailed: failed?.n ?? 0,
    isCapped: counts.isCapped || Boolean(unsent?.isCapped || failed?.isCapped),
  };
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: { kind: 'staff', id: principal.userId },
    action: 'request.count',
    entity: 'request',
    details: { ...all },
  });
  return all;
}
