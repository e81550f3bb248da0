import type { Family } from '../../contracts/families.js';
import type { AppContext } from '../../platform/context.js';
import type { DB } from '../../platform/db/database.js';
import type { FamilyTable } from '../../platform/db/schema.js';
import * as repo from './families.repo.js';
import { familyAad, open } from './families.sealing.js';

/**
 * How to reach a family, for the outbox (issue 4 §5; C5: news on its agreed channel): decrypted
 * contact details and what scope checks need, read in the caller's transaction. Not audited here:
 * the outbox records what it sends.
 */
export async function familyContact(ctx: AppContext, familyId: string, db: DB = ctx.db) {
  return (await familyContacts(ctx, [familyId], db)).get(familyId) ?? null;
}

/** The contacts of many families in two queries (a bulk send's batch; issue 20 "per-batch reads"); unknown ids are left out. */
export async function familyContacts(ctx: AppContext, familyIds: readonly string[], db: DB = ctx.db) {
  const ids = [...new Set(familyIds)];
  if (!ids.length) return new Map<string, ReturnType<typeof contactOf>>();
  const [rows, domains] = await Promise.all([
    db.selectFrom('families').selectAll().where('id', 'in', ids).execute(),
    repo.domainsOf(db, ids),
  ]);
  return new Map(rows.map((row) => [row.id, contactOf(ctx, row, domains.get(row.id) ?? [])]));
}

function contactOf(ctx: AppContext, row: FamilyTable, domains: string[]) {
  return {
    id: row.id,
    reference: row.reference,
    headNameAr: row.head_name_ar,
    headNameEn: row.head_name_en,
    agreedChannel: row.agreed_channel as Family['agreedChannel'],
    mobile: open(ctx, familyAad(row.id, 'mobile'), row.mobile),
    otherPhone: open(ctx, familyAad(row.id, 'other_phone'), row.other_phone),
    email: open(ctx, familyAad(row.id, 'email'), row.email),
    /** Issue 20 §7: portal codes go by e-mail only to an address staff verified. */
    isEmailVerified: row.email !== null && row.email_verified_at !== null,
    address: open(ctx, familyAad(row.id, 'address'), row.address),
    city: row.city,
    scope: { category: row.category, office: row.office, domains },
  };
}

export type FamilyContact = NonNullable<Awaited<ReturnType<typeof familyContact>>>;

/**
 * The registered family an ID number belongs to (head or member) through the keyed-hash identity
 * index, for linking a public complaint to its family (issue 6 §1). Never reveals anything to the
 * caller's caller: the complaints module stores the link and echoes nothing back.
 */
export async function familyIdByNationalId(ctx: AppContext, nationalId: string, db: DB = ctx.db): Promise<string | null> {
  const hit = await repo.findIdentity(db, ctx.keys.indexer.candidates(nationalId));
  return hit?.family_id ?? null;
}

/** Each family's reference and head's name, for other areas' lists (requests' summaries). */
export async function familySummaries(db: DB, familyIds: readonly string[]): Promise<Map<string, { reference: string; name: string }>> {
  if (!familyIds.length) return new Map();
  const rows = await db
    .selectFrom('families')
    .select(['id', 'reference', 'head_name_ar'])
    .where('id', 'in', [...new Set(familyIds)])
    .execute();
  return new Map(rows.map((r) => [r.id, { reference: r.reference, name: r.head_name_ar }]));
}

/** The family a reference names (`FAM-2026-000123`, as people quote it), for the privacy officer's intake (issue 25 §2). */
export async function familyIdByReference(db: DB, reference: string): Promise<string | null> {
  const row = await db.selectFrom('families').select('id').where('reference', '=', reference.trim().toUpperCase()).executeTakeFirst();
  return row?.id ?? null;
}
