import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { defineEvent } from '../../platform/hooks.js';

/**
 * A family's registry data changed (its core data, category, office or domains), emitted inside
 * the transaction that changed it. Requests subscribe (app.ts): their scope follows the family and
 * an attestation of changed data is voided (C4, F2).
 */
export const familyChanged = defineEvent<{
  trx: Kysely<Database>;
  familyId: string;
  /** The family's scope after the change (requests copy it for their worklists). */
  scope: { category: string; office: string };
  actor: { kind: 'staff' | 'family' | 'system'; id: string | null };
}>('family.changed');

/** How a family came to be registered: one at a time by staff, or a row of a spreadsheet import. */
export type RegisteredVia = 'desk' | 'import';

/**
 * C5 (issue 27 §2): a family was registered, emitted inside the registration's transaction once its
 * consents are recorded. The outbox tells a family registered at the desk its reference on its
 * agreed channel; `via` lets it leave an imported roster alone.
 */
export const familyRegistered = defineEvent<{
  trx: Kysely<Database>;
  familyId: string;
  via: RegisteredVia;
  actor: { kind: 'staff' | 'family' | 'system'; id: string | null };
}>('family.registered');
