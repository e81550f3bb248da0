import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { PrivacyRequestStatus } from '../../contracts/privacy.js';
import { extensionRefusal } from '../../domain/privacy-clock.js';
import type { Database } from '../../platform/db/schema.js';
import type { PrivacyRequestTable } from '../../platform/db/schema-privacy.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { familyInScope } from '../families/index.js';

/**
 * Who may see and do what in the privacy area (F2, issue 25 §1–§2):
 * - privacy officers record and answer requests and keep the breach register; administrators read
 *   them (and own the settings) but do not act on a person's data;
 * - a request about a family is seen only by those whose scope holds the family (the registry's own
 *   rule, as SQL): outside it answers 404, for reads and writes alike. A complainant's request not
 *   linked to a family is the whole privacy office's.
 */
type Db = Kysely<Database>;
export type RequestRow = PrivacyRequestTable;

export const READERS = ['privacy-officer', 'administrator'] as const;
export const isOfficer = (principal: StaffPrincipal) => principal.roles.includes('privacy-officer');

export const requestNotFound = () => AppError.notFound('privacy.not-found', 'No such privacy request');

/** F2: the request is about no family, or about one in the caller's scope. */
export function requestVisibleTo(alias: string, principal: StaffPrincipal): Expression<SqlBool> {
  return sql<SqlBool>`(${sql.ref(`${alias}.family_id`)} is null or ${familyInScope(`${alias}.family_id`, principal.scope)})`;
}

export async function loadVisibleRequest(db: Db, principal: StaffPrincipal, id: string): Promise<RequestRow> {
  const row = await db
    .selectFrom('privacy_requests as r')
    .selectAll('r')
    .where('r.id', '=', id)
    .where(requestVisibleTo('r', principal))
    .executeTakeFirst();
  if (!row) throw requestNotFound();
  return row;
}

/** Writes are the privacy officer's (after the scope check, so an out-of-scope id stays a 404). */
export function assertOfficer(principal: StaffPrincipal): void {
  if (!isOfficer(principal)) throw AppError.forbidden('privacy.officer-only', 'Only a privacy officer may do this');
}

export const isClosed = (status: string) => status === 'answered' || status === 'refused';

export function requestAbilities(principal: StaffPrincipal, row: RequestRow, today: string) {
  const may = isOfficer(principal) && !isClosed(row.status as PrivacyRequestStatus);
  return {
    verify: may && row.status === 'received',
    answer: may && row.status === 'verified',
    // A refusal needs no verified identity: "identity not verified" is itself a lawful reason.
    refuse: may,
    extend: may && extensionRefusal({ receivedDay: row.received_day, today, isExtended: row.extended_at !== null }) === null,
    linkCorrection: may && row.kind === 'correction' && row.family_id !== null && row.status === 'verified',
  };
}
