import { applyDecision, beginStudy } from '../../src/modules/requests/requests.workflow.js';
import { type Actor, buildCommittee, buildRequest, buildRequestType, type RequestFixture } from './factories.js';
import type { StaffFixture, TestApp } from './harness.js';

/**
 * Decided requests for the tests of what a family is told of its decision (C5, C6; issue 20 §5):
 * truthful message states, calls and the catch-up, delivery reports, the untold-decisions list.
 */
const SYSTEM = { kind: 'system' as const, id: null };

/**
 * A request registered by `by` (with `family`'s fields), then studied and decided by the system in a
 * committee of its own chaired by `chair`: its decision message waits in the outbox on the family's
 * agreed channel.
 * @example const request = await buildDecidedRequest(t, { by: reception, chair, family: { agreedChannel: 'letter' } })
 */
export async function buildDecidedRequest(
  t: TestApp,
  {
    by,
    chair,
    family = {},
    outcome = 'approved',
    reasons = 'استوفت الشروط',
  }: {
    by: Actor;
    chair: StaffFixture;
    family?: Record<string, unknown>;
    outcome?: Parameters<typeof applyDecision>[4]['outcome'];
    reasons?: string;
  },
): Promise<RequestFixture> {
  const committee = await buildCommittee(t, { members: [chair], chair, quorum: 1 });
  const type = await buildRequestType(t, { committeeId: committee.id });
  const request = await buildRequest(t, { by, typeCode: type.code, family });
  await t.ctx.db.transaction().execute((trx) => beginStudy(trx, t.ctx, SYSTEM, request.id, { meetingId: null }));
  await t.ctx.db
    .transaction()
    .execute((trx) => applyDecision(trx, t.ctx, SYSTEM, request.id, { outcome, reasons, meetingId: null, minutesId: null }));
  return request;
}

/** The outbox row of the request's decision message. */
export function decisionMessage(t: TestApp, requestId: string) {
  return t.ctx.db
    .selectFrom('outbox_messages')
    .selectAll()
    .where('about_id', '=', requestId)
    .where('event', '=', 'request.decided')
    .executeTakeFirstOrThrow();
}

/** The decision's message among those a request's page lists. */
export function decisionOf(request: { messages: { event: string; state: string; reason: string | null }[] }) {
  return request.messages.find((m) => m.event === 'request.decided');
}
