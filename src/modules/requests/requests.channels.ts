import { sql } from 'kysely';
import type { RequestChannel, RequestChannelCounts } from '../../contracts/requests.js';
import type { AppContext } from '../../platform/context.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { recordAudit } from '../audit/index.js';
import { visibilityOf } from './requests.access.js';
import { visibleRequests } from './requests.repo.js';

/**
 * A1–A6 (issue 27 §3, "reports break down by channel"): the requests the caller may see by the
 * channel they came by — the rows of the `all` worklist, so each figure equals the list it links to
 * (`list=all&channel=…`). One grouped count over what `visibleRequests` lets the caller read (F2).
 */
export async function countRequestsByChannel(ctx: AppContext, principal: StaffPrincipal): Promise<RequestChannelCounts> {
  const visibility = await visibilityOf(ctx, principal);
  const rows = await visibleRequests(ctx.db, visibility)
    .select(['requests.channel', sql<number | string>`count(*)`.as('n')])
    .groupBy('requests.channel')
    .execute();
  const items = rows
    .map((row) => ({ channel: row.channel as RequestChannel, count: Number(row.n) }))
    .sort((a, b) => a.channel.localeCompare(b.channel));
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: { kind: 'staff', id: principal.userId },
    action: 'request.count',
    entity: 'request',
    details: { byChannel: Object.fromEntries(items.map((item) => [item.channel, item.count])) },
  });
  return { items };
}
