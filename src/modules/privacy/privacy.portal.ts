import type { PortalPrivacyRequest, PortalPrivacyRequestBody, PrivacyRequestStatus } from '../../contracts/privacy.js';
import { toHijriString } from '../../domain/dates.js';
import type { AppContext } from '../../platform/context.js';
import type { FamilyPrincipal } from '../../platform/http/principal.js';
import { COPY_KINDS, latestCopy, presentCopy, sendLatestCopy } from './privacy.access-copy.js';
import { isPortalCopy } from './privacy.copy-ready.js';
import { requestNotFound } from './privacy.policy.js';
import { insertRequest } from './privacy.requests.js';

/**
 * F2 (issue 25 §2): a family files a data-subject request from the portal. Signing in there (ID
 * number and a one-time code to the registered mobile) is the identity check, so the request
 * arrives verified by `portal-sign-in`; the privacy officer answers it on the same clock.
 */
export async function fileFromPortal(
  ctx: AppContext,
  principal: FamilyPrincipal,
  body: PortalPrivacyRequestBody,
): Promise<{ reference: string; deadline: string }> {
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const actor = { kind: 'family' as const, id: principal.familyId };
    const row = await insertRequest(
      trx,
      ctx,
      {
        kind: body.kind,
        channel: 'portal',
        requesterKind: 'family',
        familyId: principal.familyId,
        complaintId: null,
        requesterName: undefined,
        relation: 'head',
        details: body.details,
        receivedAt: now,
        createdBy: null,
      },
      actor,
    );
    await trx
      .updateTable('privacy_requests')
      .set({ status: 'verified', verification_method: 'portal-sign-in', verified_at: now.toISOString() })
      .where('id', '=', row.id)
      .execute();
    return { reference: row.reference, deadline: row.deadline_day };
  });
}

/**
 * Issue 25 §2–§3 (F2): the requests the signed-in family filed in the portal, newest first, with
 * their access copy's state. Only its own and only those filed there: a request recorded at
 * reception may be a member's own (their copy shows their ID number), so it is handed over there.
 */
export async function familyPrivacyRequests(ctx: AppContext, familyId: string): Promise<PortalPrivacyRequest[]> {
  const rows = await ctx.db
    .selectFrom('privacy_requests')
    .selectAll()
    .where('family_id', '=', familyId)
    .where('channel', '=', 'portal')
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(50)
    .execute();
  const now = ctx.clock.now();
  const items: PortalPrivacyRequest[] = [];
  for (const row of rows) {
    const copy = COPY_KINDS.has(row.kind) ? await latestCopy(ctx, row.id) : undefined;
    const shown = copy ? presentCopy(copy, now) : null;
    items.push({
      id: row.id,
      reference: row.reference,
      kind: row.kind as PortalPrivacyRequest['kind'],
      status: row.status as PrivacyRequestStatus,
      receivedAt: row.received_at,
      deadline: { day: row.deadline_day, hijri: toHijriString(row.deadline_day) },
      copy: shown ? { status: shown.status, expiresAt: shown.expiresAt } : null,
    });
  }
  return items;
}

/**
 * F2: the family downloads its access copy — the staff download's own path (7 days, then 410
 * `privacy.copy-expired`; each download audited, the family as the actor). Another family's request,
 * or one not filed in the portal, answers 404 (existence not revealed); the requester is verified
 * (the portal sign-in) or there is no copy.
 */
export async function downloadFamilyCopy(ctx: AppContext, principal: FamilyPrincipal, id: string, format: 'html' | 'json') {
  const row = await ctx.db
    .selectFrom('privacy_requests')
    .selectAll()
    .where('id', '=', id)
    .where('family_id', '=', principal.familyId)
    .executeTakeFirst();
  if (!row || !isPortalCopy(row) || row.verified_at === null) throw requestNotFound();
  return sendLatestCopy(ctx, row, { kind: 'family', id: principal.familyId }, format);
}
