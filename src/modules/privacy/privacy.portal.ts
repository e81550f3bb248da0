import type { PortalPrivacyRequestBody } from '../../contracts/privacy.js';
import type { AppContext } from '../../platform/context.js';
import type { FamilyPrincipal } from '../../platform/http/principal.js';
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
