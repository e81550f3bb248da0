import type { Kysely } from 'kysely';
import type { NotificationEvent, TemplateChannel } from '../../contracts/notifications.js';
import type { AssociationSettings } from '../../contracts/settings.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { type ConsentState, consentStates, type FamilyContact, familyContacts } from '../families/index.js';
import { getAssociation } from '../settings/index.js';
import * as repo from './outbox.repo.js';
import type { TemplateText } from './templates.defaults.js';
import { resolveEventTemplates } from './templates.service.js';

/**
 * Issue 20, "per-batch reads": what `enqueueMessage` reads for each message to a family — the
 * association's name, the event's templates, the family's contact and consents, an earlier message
 * under the same dedupe key — read once for a bulk send's whole batch (about ten queries, whatever
 * its size) and handed to each enqueue. A single enqueue reads them itself, as before. The rules do
 * not move: enqueue still decides the channel, the consent (F2) and the dedupe from these answers.
 */
type Db = Kysely<Database>;

export interface BatchReads {
  association: AssociationSettings;
  template(channel: TemplateChannel, language: 'ar' | 'en'): TemplateText;
  contacts: ReadonlyMap<string, FamilyContact>;
  consents: ReadonlyMap<string, ConsentState>;
  /** Messages already written under the batch's dedupe keys (the batch is a replay). */
  existing: ReadonlyMap<string, Awaited<ReturnType<typeof repo.findByDedupeKeys>>[number]>;
}

/**
 * Reads, in the batch's transaction, what enqueueing `event` to `familyIds` needs.
 * @example const reads = await readForBatch(trx, ctx, { event, familyIds, dedupeKeys })
 */
export async function readForBatch(
  trx: Db,
  ctx: AppContext,
  { event, familyIds, dedupeKeys }: { event: NotificationEvent; familyIds: readonly string[]; dedupeKeys: readonly string[] },
): Promise<BatchReads> {
  const [association, template, contacts, consents, existing] = await Promise.all([
    getAssociation({ ...ctx, db: trx }),
    resolveEventTemplates(trx, event),
    familyContacts(ctx, familyIds, trx),
    consentStates(trx, familyIds),
    repo.findByDedupeKeys(trx, dedupeKeys),
  ]);
  return { association, template, contacts, consents, existing: new Map(existing.map((row) => [row.dedupe_key as string, row])) };
}
