import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { bulkSendCounts, NotificationEvent } from '../../contracts/notifications.js';
import type { StaffScope } from '../../domain/scope.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { defineProvider } from '../../platform/hooks.js';
import type { FamilyAudience, FamilyContact } from '../families/index.js';

/**
 * Bulk sends another area owns (issue 20 §2 "survey campaigns next"; issue 24 §3): the area starts a
 * send of its own event through the same engine — audience, count, batches, progress, cancel — and
 * supplies each family's payload instead of a text. Its provider, named by the event and registered
 * in the owning area's `wire`, is asked once per batch inside the batch's transaction with the contacts
 * the batch already read (issue 20 "per-batch reads"): `prepare` gives each family's params (or says the family is not asked, which the owner records itself), and
 * `settle` hears what the outbox made of each message (queued, skipped for consent…), so the owner's
 * rows and the messages commit together.
 */
type Db = Kysely<Database>;

export interface BulkPayloadSend {
  id: string;
  event: string;
}

/** One family's payload: the message's params, or the owner's reason not to ask it (no message is written). */
export type FamilyPayload = { params: Record<string, string>; expiresAt?: Date } | { notAsked: string };

/** What the outbox made of one family's message. */
export interface FamilyOutcome {
  messageId: string | null;
  status: string;
  reason: string | null;
  channel: string;
}

export interface BulkBatchPayload {
  payloads: Map<string, FamilyPayload>;
  settle(outcomes: Map<string, FamilyOutcome>): Promise<void>;
}

export interface BulkPayloadProvider {
  prepare(
    trx: Db,
    ctx: AppContext,
    send: BulkPayloadSend,
    families: readonly { id: string; agreedChannel: string }[],
    contacts: ReadonlyMap<string, FamilyContact>,
  ): Promise<BulkBatchPayload>;
}

/** @example ctx.hooks.provide(bulkPayloads, 'survey.invitation', campaignPayloads) */
export const bulkPayloads = defineProvider<BulkPayloadProvider>('bulk.payload');

/** A send an area starts for its own event (the engine's audience filters plus the area's narrowers). */
export interface OwnedBulkSend {
  idempotencyKey: string;
  name: string;
  event: NotificationEvent;
  audience: FamilyAudience;
  scope: StaffScope;
  includePaper: boolean;
  scheduledAt: Date;
  createdBy: string;
}

/** Where an owned send is: its status and the engine's counters. */
export interface OwnedBulkProgress {
  status: 'scheduled' | 'running' | 'finished' | 'cancelled';
  counts: z.infer<typeof bulkSendCounts>;
}
