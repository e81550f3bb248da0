import type { Kysely } from 'kysely';

/**
 * Issue 20 §7: a portal sign-in code goes by e-mail only to an address staff have verified (an
 * address typed at reception may be mistyped, or someone else's). When and by whom it was verified;
 * a change of the address clears both.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('families').addColumn('email_verified_at', 'text').execute();
  await db.schema.alterTable('families').addColumn('email_verified_by', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('families').dropColumn('email_verified_by').execute();
  await db.schema.alterTable('families').dropColumn('email_verified_at').execute();
}
