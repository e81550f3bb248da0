import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import { REQUEST_STATUSES, SLA_STATES } from '../../contracts/requests.js';
import type { StaffScope } from '../../domain/scope.js';
import { incrementCounter } from '../../platform/db/counters.js';
import type { Database } from '../../platform/db/schema.js';
import type { RequestTable } from '../../platform/db/schema-requests.js';
import type { RequestVisibility } from './requests.policy.js';

type Db = Kysely<Database>;
export type RequestQuery = SelectQueryBuilder<Database, 'requests', object>;

/** `deadline_day` of a request without a clock yet: sorts after every real day. */
export const NO_DEADLINE = '9999-12-31';

/**
 * Every staff read of requests goes through this base query (F2): the family's scope on the
 * denormalised category and office, its domains through family_domains; volunteers their own drafts;
 * committee members their committees' submitted requests. Out of scope: not there (404).
 */
export function visibleRequests(db: Db, visibility: RequestVisibility): RequestQuery {
  let query = db.selectFrom('requests');
  if (visibility.isNone) return query.where(sql<boolean>`1 = 0`);
  if (visibility.createdBy) query = query.where('requests.created_by', '=', visibility.createdBy).where('requests.status', '=', 'draft');
  if (visibility.committeeIds)
    query = query.where('requests.committee_id', 'in', visibility.committeeIds).where('requests.status', '!=', 'draft');
  return inScope(query, visibility.scope);
}

/** Requests of families in `scope` (F2): the denormalised category and office, domains through family_domains. */
export function inScope(query: RequestQuery, scope: StaffScope): RequestQuery {
  const { categories, domains, offices } = scope;
  let scoped = query;
  if (categories.length) scoped = scoped.where('requests.category', 'in', categories);
  if (offices.length) scoped = scoped.where('requests.office', 'in', offices);
  if (domains.length) {
    scoped = scoped.where((eb) =>
      eb.exists(
        eb
          .selectFrom('family_domains')
          .select('family_domains.family_id')
          .whereRef('family_domains.family_id', '=', 'requests.family_id')
          .where('family_domains.domain', 'in', domains),
      ),
    );
  }
  return scoped;
}

export async function findRequest(db: Db, id: string): Promise<RequestTable | undefined> {
  return db.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findVisibleRequest(db: Db, visibility: RequestVisibility, id: string): Promise<RequestTable | undefined> {
  return visibleRequests(db, visibility).selectAll('requests').where('requests.id', '=', id).executeTakeFirst();
}

export function encodeCursor(values: [string, string]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string): [string, string] | null {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string') ? (value as [string, string]) : null;
  } catch {
    return null;
  }
}

/**
 * Requests with what a line in a list shows beside them (the family's reference and name, the type's
 * names), joined in the same statement rather than read after it. Left joins keep `requests` the
 * outer loop, so the walk stays the one the list's index gives; a missing name reads as the type's
 * code or empty, never null.
 */
export function withNames(query: RequestQuery) {
  return query
    .leftJoin('families', 'families.id', 'requests.family_id')
    .leftJoin('request_types', 'request_types.code', 'requests.type_code')
    .selectAll('requests')
    .select((eb) => [
      eb.fn.coalesce('families.reference', sql.lit('')).as('family_reference'),
      eb.fn.coalesce('families.head_name_ar', sql.lit('')).as('family_name'),
      eb.fn.coalesce('request_types.name_ar', 'requests.type_code').as('type_name_ar'),
      eb.fn.coalesce('request_types.name_en', 'requests.type_code').as('type_name_en'),
    ]);
}

export type NamedRequestRow = Awaited<ReturnType<ReturnType<typeof withNames>['execute']>>[number];

/**
 * Keyset page on (deadline_day, id): the nearest deadline first; drafts (no deadline) oldest first.
 * One row past the page says whether there is a next one.
 */
export function pageQuery(query: RequestQuery, after: [string, string] | null, limit: number) {
  let q = query;
  if (after) q = q.where(sql<boolean>`(requests.deadline_day, requests.id) > (${after[0]}, ${after[1]})`);
  return withNames(q)
    .orderBy('requests.deadline_day')
    .orderBy('requests.id')
    .limit(limit + 1);
}

export async function pageOf(query: RequestQuery, after: [string, string] | null, limit: number) {
  const rows = await pageQuery(query, after, limit).execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, next: rows.length > limit && last ? ([last.deadline_day, last.id] as [string, string]) : null };
}

// ---- maintained worklist counters (in `counters`, same transaction as each change) ----

/**
 * Counters per (status | SLA state) × category × office, e.g. `req:status:draft:productive-family:dammam`.
 * A change moves a request from its old keys to its new ones in the transaction that changes it, so
 * counts never drift and reading them is a scan of a few hundred small rows, whatever the number of
 * requests. A scope restricted by domain cannot be answered from them: those counts are capped
 * (requests.worklists.ts).
 */
export const COUNTER_PREFIX = 'req:';

export type CountedRow = Pick<RequestTable, 'status' | 'sla_state' | 'category' | 'office' | 'committee_id'>;

/**
 * Besides the scope keys, each request with a competent committee is counted per committee
 * (`req:cstatus:<status>:<committeeId>`, `req:csla:<sla>:<committeeId>`): a committee member's
 * worklist counts (awaiting study, under study, information requested…) are read from these.
 */
export function counterKeys(row: CountedRow): string[] {
  const keys = [`req:status:${row.status}:${row.category}:${row.office}`, `req:sla:${row.sla_state}:${row.category}:${row.office}`];
  if (row.committee_id) keys.push(`req:cstatus:${row.status}:${row.committee_id}`, `req:csla:${row.sla_state}:${row.committee_id}`);
  return keys;
}

export async function moveCounters(db: Db, before: CountedRow | null, after: CountedRow | null): Promise<void> {
  const old = before ? counterKeys(before) : [];
  const next = after ? counterKeys(after) : [];
  for (const key of old) if (!next.includes(key)) await incrementCounter(db, key, -1);
  for (const key of next) if (!old.includes(key)) await incrementCounter(db, key);
}

export async function readCounters(db: Db): Promise<{ name: string; value: number }[]> {
  return (
    db
      .selectFrom('counters')
      .select(['name', 'value'])
      // Ranges rather than LIKE, so the primary key's index answers on both engines ('req;' and
      // 'req:d' are the first names past each prefix); 'req:c…' are the per-committee counters.
      .where('name', '>=', COUNTER_PREFIX)
      .where('name', '<', 'req;')
      .where((eb) => eb.or([eb('name', '<', 'req:c'), eb('name', '>=', 'req:d')]))
      .execute()
  );
}

/** The per-committee counters of these committees (a committee member's counts). */
export async function readCommitteeCounters(db: Db, committeeIds: readonly string[]): Promise<{ name: string; value: number }[]> {
  if (!committeeIds.length) return [];
  const names = committeeIds.flatMap((id) => [
    ...REQUEST_STATUS_KEYS.map((s) => `req:cstatus:${s}:${id}`),
    ...SLA_KEYS.map((s) => `req:csla:${s}:${id}`),
  ]);
  return db.selectFrom('counters').select(['name', 'value']).where('name', 'in', names).execute();
}

const REQUEST_STATUS_KEYS = REQUEST_STATUSES;
const SLA_KEYS = SLA_STATES;
