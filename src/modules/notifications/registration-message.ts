import type { AppContext } from '../../platform/context.js';
import type { familyRegistered } from '../families/index.js';
import { enqueueMessage } from './outbox.enqueue.js';

type Registered = NonNullable<(typeof familyRegistered)['payload']>;

/**
 * C5 (issue 27 §2): a family registered at the desk is told its reference on its agreed channel, in
 * the registration's transaction (the families area's `familyRegistered`, wired in this area's
 * `wire`). Transactional for the `service` purpose, like every message about the family's own file;
 * one message per family whatever retries the registration's caller makes (the dedupe key).
 * A spreadsheet import sends none: its rows are a roster the association already serves, and
 * thousands of transactional messages would queue ahead of decisions and codes.
 */
export async function tellFamilyRegistered(ctx: AppContext, { trx, familyId, via, actor }: Registered): Promise<void> {
  if (via === 'import') return;
  await enqueueMessage(trx, ctx, {
    event: 'family.registered',
    recipient: { kind: 'family', familyId },
    dedupeKey: `family:${familyId}:registered`,
    about: { type: 'family', id: familyId },
    actor,
  });
}
