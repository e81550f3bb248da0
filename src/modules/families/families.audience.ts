import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import { type StaffScope, UNRESTRICTED_SCOPE } from '../../domain/scope.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { defineProvider } from '../../platform/hooks.js';
import { applyFilters, visibleFamilies } from './families.repo.js';

/**
 * The audience of a bulk send (issue 20 §2, G3): families matching the registry's filters —
 * category, domain, office, agreed channel — and whatever other areas add (requests: a request
 * type, an open request) through `audienceNarrowers`, registered in their `wire`. Read by family id
 * in pages, so a send of 100,000 families never holds them in memory.
 */
type Db = Kysely<Database>;
export type FamilyAudienceQuery = SelectQueryBuilder<Database, 'families', object>;

export interface FamilyAudience {
  category?: string | undefined;
  domain?: string | undefined;
  office?: string | undefined;
  agreedChannel?: string | undefined;
  /** The sender's scope (F2): the audience never holds a family they could not read. */
  scope?: StaffScope | undefined;
  /** Filters other areas understand (e.g. `requestType`, `hasOpenRequest`). */
  [filter: string]: unknown;
}

/** An area's part of the audience: adds its conditions (a subquery on its own tables) for the filters it knows. */
export interface AudienceNarrower {
  narrow(query: FamilyAudienceQuery, audience: FamilyAudience): FamilyAudienceQuery;
}
export const audienceNarrowers = defineProvider<AudienceNarrower>('family.audience');

/** Letters, faxes and calls are staff's work: counted apart, sent only when the sender asks. */
export const PAPER_CHANNELS = ['letter', 'fax', 'phone-call'];

/**
 * The registry's one definition of "families this scope may see, filtered" (F2): the same base
 * query and filters the family lists use, plus the agreed channel and the other areas' narrowers.
 */
function audienceQuery(ctx: AppContext, db: Db, audience: FamilyAudience): FamilyAudienceQuery {
  const visibility = { scope: audience.scope ?? UNRESTRICTED_SCOPE, registeredBy: null, isNone: false };
  const filters = { category: audience.category, office: audience.office, domain: audience.domain };
  let query = applyFilters(visibleFamilies(db, visibility), ctx.engine, filters);
  if (audience.agreedChannel) query = query.where('families.agreed_channel', '=', audience.agreedChannel);
  for (const narrower of ctx.hooks.providers(audienceNarrowers)) query = narrower.narrow(query, audience);
  return query;
}

/** How many families the audience holds, by agreed channel (shown before sending). */
export async function countAudience(
  ctx: AppContext,
  audience: FamilyAudience,
): Promise<{ total: number; byChannel: Record<string, number>; paper: number }> {
  const rows = await audienceQuery(ctx, ctx.db, audience)
    .select(['families.agreed_channel as channel', sql<number>`count(*)`.as('n')])
    .groupBy('families.agreed_channel')
    .execute();
  const byChannel: Record<string, number> = {};
  for (const row of rows) byChannel[row.channel] = Number(row.n);
  const total = Object.values(byChannel).reduce((sum, n) => sum + n, 0);
  const paper = PAPER_CHANNELS.reduce((sum, channel) => sum + (byChannel[channel] ?? 0), 0);
  return { total, byChannel, paper };
}

/** The next page of the audience after family id `after`, in id order, with each family's agreed channel. */
export async function audiencePage(
  ctx: AppContext,
  db: Db,
  audience: FamilyAudience,
  after: string | null,
  limit: number,
): Promise<{ id: string; agreedChannel: string }[]> {
  let query = audienceQuery(ctx, db, audience).select(['families.id as id', 'families.agreed_channel as agreedChannel']);
  if (after) query = query.where('families.id', '>', after);
  return query.orderBy('families.id').limit(limit).execute();
}
