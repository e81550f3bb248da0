import type { Kysely } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { enqueueMessage } from './outbox.enqueue.js';

/**
 * C5 (issue 27 §2): a newly registered family is told its reference on its agreed channel, in the
 * registration's transaction (the families area's `familyRegistered`, wired in this area's `wire`).
 * Transactional for the `service` purpose, like every message about the family's own file; one
 * message per family whatever retries the registration's caller makes (the dedupe key).
 */
export async function tellFamilyRegistered(
  ctx: AppContext,
  { trx, familyId, actor }: { trx: Kysely<Database>; familyId: string; actor: { kind: 'staff' | 'family' | 'system'; id: string | null } },
): Promise<void> {
  await enqueueMessage(trx, ctx, {
    event: 'family.registered',
    recipient: { kind: 'family', familyId },
    dedupeKey: `family:${familyId}:registered`,
    about: { type: 'family', id: familyId },
    actor,
  });
}
